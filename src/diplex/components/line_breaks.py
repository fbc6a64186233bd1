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
from spacy.attrs import IS_LOWER, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import StringStore
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


def _ids(texts: frozenset[str]) -> numpy.ndarray:
    """The ORTH ids of ``texts`` as ``Doc.to_array`` gives them (string hashes, uint64)."""
    strings = StringStore()  # ids are hashes of the text: the same in every vocabulary
    return numpy.array([strings[t] for t in texts], dtype="uint64")


_END_IDS, _CLOSER_IDS, _BRACKET_IDS = _ids(SENTENCE_END), _ids(CLOSERS), _ids(BRACKETS)


@Language.factory("diplex_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaksComponent:
    """spaCy factory of :class:`LineBreaksComponent`."""
    return LineBreaksComponent(name)


class LineBreaksComponent(DiplexComponent):
    """Marks the first token after a line break as a sentence start."""

    def __init__(self, name: str = "diplex_line_breaks") -> None:
        self.name = name

    def process(self, doc: Doc) -> None:
        """Set ``is_sent_start`` on the first token of each line of ``doc`` and clear it
        inside lines where no sentence can end (see the module docstring).

        All boundaries are written at once (``Doc.from_array``), from token attributes read
        at once (``Doc.to_array``): setting them token by token makes spaCy re-check the
        whole Doc each time, quadratic in its length.
        """
        n = len(doc)
        if n < 2:
            return
        arr = doc.to_array([ORTH, IS_SPACE, IS_LOWER])  # uint64
        orth, space, lower = arr[:, 0], arr[:, 1] != 0, arr[:, 2] != 0
        newline = numpy.zeros(n, dtype=bool)  # a space token holding a line break
        for i in numpy.flatnonzero(space):
            newline[i] = "\n" in doc[int(i)].text
        closer = numpy.isin(orth, _CLOSER_IDS)
        # the last token at or before each position that is not a closing quote or bracket
        index = numpy.where(closer, -1, numpy.arange(n))
        last = numpy.maximum.accumulate(index)
        ends_here = numpy.zeros(n, dtype=bool)
        ok = last >= 0
        ends_here[ok] = numpy.isin(orth[last[ok]], _END_IDS)
        bracket = numpy.isin(orth, _BRACKET_IDS)
        starts = numpy.zeros((n, 1), dtype="int64")  # 0: left to the parser
        starts[0, 0] = 1
        prev, cur = slice(0, n - 1), slice(1, n)
        line_start = newline[prev] & ~space[cur]
        inside = ~space[cur] & ~space[prev] & (lower[cur] | (~ends_here[prev] & ~bracket[prev]))
        starts[1:, 0] = numpy.where(line_start, 1, numpy.where(inside, -1, 0))
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
