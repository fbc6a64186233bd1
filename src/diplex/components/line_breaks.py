"""Component ``diplex_line_breaks``: a line break always ends a sentence, and a sentence
ends inside a line only after closing punctuation.

Press-release dumps put the headline, date line, captions and each paragraph on lines of
their own, often without closing punctuation; a statistical parser then runs a headline into
the first body sentence. Placed before the parser, this component marks the first token of
every line as a sentence start (``Token.is_sent_start = True``), which the parser keeps.
Inside a line, a token is marked as no sentence start (``False``) where it starts with a
lower-case letter, or where it does not follow sentence-final punctuation
(:data:`SENTENCE_END`, possibly with closing quotes after it) or a closing bracket: the
parser otherwise splits "... Deputy Foreign Minister Mona el | Sayed on the margins ..." at
a name's particle, or "(... 3:10 a.m. JST) | for approximately 20 minutes". The other
boundaries are left to the parser.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .base import DiplexComponent

SENTENCE_END = frozenset({".", "!", "?", ":", ";", "…", "...", "•", "·", "▪", "●", "–", "—", "-"})
"""Tokens after which a sentence may end inside a line (bullets and dashes: a list or a
dateline's dash may run on the same line)."""
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
"""Closing quotes and brackets that may stand between a sentence's end and the next one."""
BRACKETS = frozenset({")", "]"})
"""Closing brackets after which the parser may still end a sentence ("(WAM - 13th Nov,
2021) H.H. Sheikh ..."), unless a lower-case word follows."""


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
        starts = numpy.zeros((len(doc), 1), dtype="int64")  # 0: left to the parser
        starts[0, 0] = 1
        last = ""  # the last token before ``i`` that is not a closing quote or bracket
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if prev.text not in CLOSERS:
                last = prev.text
            if ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)) and (
                not doc[i].is_space
            ):
                starts[i, 0] = 1
            elif not doc[i].is_space and not prev.is_space and (
                doc[i].text[:1].islower()
                or (last not in SENTENCE_END and prev.text not in BRACKETS)
            ):
                starts[i, 0] = -1
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
