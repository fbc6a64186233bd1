"""Component `diplex_meeting_kind` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_meeting_kind")
def make_meeting_kind(nlp: Language, name: str) -> "Meeting_kindPlaceholder":
    return Meeting_kindPlaceholder()


class Meeting_kindPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
