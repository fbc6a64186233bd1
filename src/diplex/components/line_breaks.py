"""Component ``diplex_line_breaks``: a line break always ends a sentence.

Press-release dumps put the headline, date line, captions and each paragraph on lines of
their own, often without closing punctuation; a statistical parser then runs a headline into
the first body sentence. Placed before the parser, this component marks the first token of
every line as a sentence start (``Token.is_sent_start = True``), which the parser keeps, and
leaves all other boundaries to the parser.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
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
        """Set ``is_sent_start`` on the first token of each line of ``doc``.

        All boundaries are written at once (``Doc.from_array``): setting them token by
        token makes spaCy re-check the whole Doc each time, quadratic in its length.
        """
        if len(doc) < 2:
            return
        starts = numpy.zeros((len(doc), 1), dtype="uint64")  # 0: left to the parser
        starts[0, 0] = 1
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)) and (
                not doc[i].is_space
            ):
                starts[i, 0] = 1
        if starts[1:].any():
            doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
