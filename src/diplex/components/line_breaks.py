"""Component ``diplex_line_breaks``: a line break always ends a sentence.

Press-release dumps put the headline, date line, captions and each paragraph on lines of
their own, often without closing punctuation; a statistical parser then runs a headline into
the first body sentence. Placed before the parser, this component marks the first token of
every line as a sentence start (``Token.is_sent_start = True``), which the parser keeps, and
leaves all other boundaries to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import DiplexComponent


@Language.factory("diplex_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaksComponent:
    """spaCy factory of :class:`LineBreaksComponent`."""
    return LineBreaksComponent(name)


class LineBreaksComponent(DiplexComponent):
    """Marks the first token after a line break as a sentence start."""

    def __init__(self, name: str = "diplex_line_breaks") -> None:
        self.name = name

    def process(self, doc: Doc) -> None:
        """Set ``is_sent_start`` on the first token of each line of ``doc``."""
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                if not doc[i].is_space:
                    doc[i].is_sent_start = True
