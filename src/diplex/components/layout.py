"""Component `diplex_layout` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_layout")
def make_layout(nlp: Language, name: str) -> "LayoutPlaceholder":
    return LayoutPlaceholder()


class LayoutPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
