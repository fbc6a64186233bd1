"""Component `diplex_officials` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_officials")
def make_officials(nlp: Language, name: str) -> "OfficialsPlaceholder":
    return OfficialsPlaceholder()


class OfficialsPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
