"""Component `diplex_topics` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_topics")
def make_topics(nlp: Language, name: str) -> "TopicsPlaceholder":
    return TopicsPlaceholder()


class TopicsPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
