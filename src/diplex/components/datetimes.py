"""Component `diplex_datetimes` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_datetimes")
def make_datetimes(nlp: Language, name: str) -> "DatetimesPlaceholder":
    return DatetimesPlaceholder()


class DatetimesPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
