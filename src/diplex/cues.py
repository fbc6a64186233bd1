"""The one loader of character-layout patterns kept in ``models/`` tables.

A cue that is a layout of characters (a date "12.06.2024", a clock time, the text right
before a name) is a table row, not a regex in Python::

    {"kind": K, "name": "iso", "pattern": "{lead}(?P<y>{year})-...", "flags": "i",
     "meaning": "ISO 8601 '2024-06-12'"}

``pattern`` is a Python regular expression that may hold *slots* ``{name}`` (lowercase
letters, digits after the first letter, and ``_``; a quantifier such as ``{0,2}`` is not a
slot). The caller fills the slots with regex pieces it builds from word tables (an
alternation of month words) or with pieces of another kind of the same table (see
:func:`expand_pieces`). ``flags`` holds letters of ``i`` (IGNORECASE), ``m`` (MULTILINE),
``s`` (DOTALL), ``x`` (VERBOSE); ``meaning`` says what the pattern finds (for readers of
the table; not used by code). Rows are compiled in file order.

A cue that is words is a row of spaCy token patterns instead (:func:`token_matcher`).
This module loads spaCy only to build a matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def fill(pattern: str, slots: Mapping[str, str], where: str = "pattern") -> str:
    """Return ``pattern`` with each slot ``{name}`` replaced by ``slots[name]``.

    Raises:
        ValueError: a slot has no value (the message names ``where`` and the slot).
    """

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in slots:
            raise ValueError(f"{where}: unknown slot {{{name}}}")
        return slots[name]

    return _SLOT.sub(one, pattern)


def expand_pieces(rows: Iterable[Mapping[str, Any]], kind: str,
                  slots: Mapping[str, str]) -> dict[str, str]:
    """Fill the pieces of ``kind`` (rows with ``name`` and ``pattern``) in file order.

    A piece may use ``slots`` and every piece before it. Returns ``slots`` extended with
    the pieces, name -> regex text (not compiled: pieces are parts of patterns).

    Raises:
        ValueError: a piece uses an unknown slot.
    """
    out = dict(slots)
    for row in rows:
        if row.get("kind") == kind:
            out[str(row["name"])] = fill(str(row["pattern"]), out, f"{kind} {row['name']}")
    return out


def compile_kind(rows: Iterable[Mapping[str, Any]], kind: str,
                 slots: Mapping[str, str] | None = None) -> dict[str, re.Pattern[str]]:
    """Compile the rows of ``kind`` (``name``, ``pattern``, ``flags``) after filling slots.

    Returns:
        name -> compiled pattern, in file order.

    Raises:
        ValueError: an unknown slot or flag letter, or a pattern that does not compile
            (the message names the kind and row name).
    """
    out: dict[str, re.Pattern[str]] = {}
    for row in rows:
        if row.get("kind") == kind:
            out[str(row["name"])] = compile_row(row, slots or {}, kind)
    return out


def compile_row(row: Mapping[str, Any], slots: Mapping[str, str],
                kind: str = "") -> re.Pattern[str]:
    """Compile one row (``name``, ``pattern``, ``flags``) after filling its slots; for a
    row whose slot is known only at use (an office read from the text), ``re`` caches the
    result.

    Raises:
        ValueError: an unknown slot or flag letter, or a pattern that does not compile.
    """
    where = f"{kind or row.get('kind')} {row['name']}"
    flags = 0
    for letter in str(row.get("flags", "")):
        if letter not in _FLAGS:
            raise ValueError(f"{where}: unknown flag {letter!r}")
        flags |= _FLAGS[letter]
    text = fill(str(row["pattern"]), slots, where)
    try:
        return re.compile(text, flags)
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern: {exc}") from exc

def word_slotted(rows: Iterable[Mapping[str, Any]], kind: str = "context_layout"
                 ) -> dict[str, re.Pattern[str]]:
    """Compile the rows of ``kind`` of one table, each word kind of the same table (rows
    with ``words``) filling the slot of its name with its alternation ("{list_head}",
    "{future_marker}").

    Returns:
        name -> compiled pattern, in file order.

    Raises:
        ValueError: a row uses an unknown slot or does not compile.
    """
    rows = list(rows)
    words: dict[str, list[str]] = {}
    for row in rows:
        if "words" in row:
            words.setdefault(str(row["kind"]), []).extend(row["words"])
    return compile_kind(rows, kind, {k: alternation(w) for k, w in words.items()})


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words`` (longest first; inner spaces match any whitespace),
    as a non-capturing group: the value of a slot that stands for a word list.

    The words are written as a trie ("minister(?:s)?|ambassador(?:s)?" for "ministers",
    "minister", "ambassadors", "ambassador") behind a test of their first letters: ``re``
    enters every branch of an alternation at every position it tries, so a flat list of 60
    words cost most of a search. The trie matches what the flat list, longest first,
    matches: at each branching at most one branch can match (where two branches could match
    the same character under IGNORECASE, "May" and "may", the flat list is kept), and a word
    that ends where a longer one goes on is tried after it. See :func:`flat_alternation`.
    """
    ordered = sorted({" ".join(w.split()) for w in words if w.strip()})
    trie: dict[str, Any] = {}
    for word in ordered:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not _exclusive(trie):
        return flat_alternation(ordered)
    firsts = sorted(trie)
    test = "(?=[" + "".join(map(re.escape, firsts)) + "])" if len(firsts) > 1 else ""
    return "(?:" + test + _branches(trie) + ")"


def flat_alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words``, longest first, one branch per word (inner spaces
    match any whitespace), as a non-capturing group."""
    ordered = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


_END = ""
"""The key of a trie node where a word ends."""


def _exclusive(node: dict[str, Any]) -> bool:
    """Whether no two branches of any node of the trie can match the same character, under
    IGNORECASE too ("M"/"m", "K"/Kelvin sign: as ``re`` itself decides)."""
    chars = [c for c in node if c != _END]
    for i, one in enumerate(chars):
        for other in chars[i + 1:]:
            if re.fullmatch(re.escape(one), other, re.IGNORECASE):
                return False
    return all(_exclusive(child) for char, child in node.items() if char != _END)


def _branches(node: dict[str, Any]) -> str:
    """The regex of a trie node: its branches, then (where a word ends here) nothing."""
    parts = []
    for char, child in node.items():
        if char == _END:
            continue
        piece = _char(char)
        while len(child) == 1 and _END not in child:  # a chain of single letters
            (char, child), = child.items()
            piece += _char(char)
        parts.append(piece + _branches(child))
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if _END in node:
        return ("(?:" + body + ")" if len(parts) == 1 else body) + "?"
    return body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


class WordsIn:
    """A lexeme flag (``Vocab.add_flag``): the word (lower-cased where ``lower``) is one of
    ``words``, as written (as spaCy's ``{"LOWER": {"IN": words}}``, which an upper-case
    word in ``words`` never matches); equal flags are shared by the components that ask
    for them."""

    def __init__(self, words: Iterable[str], lower: bool = True) -> None:
        self.lower = lower
        self.words = frozenset(str(w) for w in words)

    def __call__(self, text: str) -> bool:
        return (text.lower() if self.lower else text) in self.words

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, WordsIn) and other.lower == self.lower
                and other.words == self.words)

    def __hash__(self) -> int:
        return hash((self.lower, self.words))


FIRST_FREE_FLAG = 19
"""spaCy's own lexeme attributes use the bits below (``spacy.attrs``: IS_ALPHA ... FLAG18)."""

_FLAG_ATTRS = {"LOWER": True, "ORTH": False}
"""The token attributes whose ``IN`` sets :func:`fast_first_token` reads from a flag
(value: whether the flag lower-cases the word)."""


_SPLIT_ATTRS = ("POS", "TAG", "DEP", "ENT_TYPE")
"""Token attributes (one value per token) whose small ``IN`` sets on a first token
:func:`fast_first_token` splits into one pattern per value."""

MAX_SPLIT = 4
"""The largest ``IN`` set :func:`fast_first_token` splits."""


def fast_first_token(vocab: Vocab, pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """``pattern`` as Matcher patterns with the same matches whose first token is tested in C.

    The Matcher tries every pattern's first token at every token, and an ``IN`` set there
    is a Python call each time (measured on the topic cues: 2.4 to 0.8 ms per release once
    read from flags). So:

    - ``{"LOWER": {"IN": words}}`` (or ``ORTH``) becomes a lexeme flag, a bit of the lexeme
      tested in C. The flag is shared by components that ask for the same words; where the
      45 free bits are taken, the set is kept as it is.
    - ``{"DEP": {"IN": [a, b]}}`` (``POS``, ``TAG``, ``ENT_TYPE``; at most :data:`MAX_SPLIT`
      values, first token without ``OP``) becomes one pattern per value: a token has one
      value of each, so no match is found twice.

    Args:
        vocab: the pipeline's vocabulary (flags are added to it).
        pattern: a spaCy Matcher token pattern (a list of token dicts).

    Returns:
        One or more patterns; together they match what ``pattern`` matches.
    """
    first = pattern[0] if pattern else {}
    if not isinstance(first, dict):
        return [pattern]  # malformed: left for the Matcher to reject
    token: dict[Any, Any] = dict(first)
    attr = next((a for a in _FLAG_ATTRS if a in first), None)
    value = first.get(attr) if attr else None
    if attr is not None and isinstance(value, dict) and set(value) == {"IN"}:
        flag = _flag(vocab, WordsIn(value["IN"], lower=_FLAG_ATTRS[attr]))
        if flag is not None:
            del token[attr]
            token[flag] = True
    firsts = [token]
    if "OP" not in first:
        for name in _SPLIT_ATTRS:
            values = first.get(name)
            if (isinstance(values, dict) and set(values) == {"IN"}
                    and 0 < len(set(values["IN"])) <= MAX_SPLIT):
                firsts = [{**t, name: v} for t in firsts for v in sorted(set(values["IN"]))]
    return [[t, *pattern[1:]] for t in firsts]


def _flag(vocab: Vocab, getter: WordsIn) -> int | None:
    """The lexeme flag of ``getter`` in ``vocab`` (added where new); None where no bit is
    free."""
    getters: dict[int, Any] = getattr(vocab, "lex_attr_getters")  # noqa: B009 (untyped in spaCy)
    flag = next((k for k, g in getters.items() if k < 64 and g == getter), None)
    if flag is None:
        free = next((k for k in range(FIRST_FREE_FLAG, 64) if k not in getters), None)
        if free is None:
            return None
        flag = int(vocab.add_flag(getter, flag_id=free))
    return flag


def token_matcher(vocab: Vocab, rows: Iterable[Mapping[str, Any]], kind: str) -> Matcher:
    """A spaCy :class:`~spacy.matcher.Matcher` of the rows of ``kind``: cues that are words.

    Each row is ``{"kind": K, "name": N, "patterns": [[token, ...], ...], "meaning": ...}``,
    ``patterns`` a list of spaCy token patterns (https://spacy.io/usage/rule-based-matching)
    added under the match label ``N``.

    Raises:
        ValueError: a pattern spaCy rejects (the message names the kind and row name).
    """
    from spacy.matcher import Matcher

    checker = Matcher(vocab)  # validates each pattern as written
    matcher = Matcher(vocab, validate=False)  # holds them with first tokens as flags
    for row in rows:
        if row.get("kind") != kind:
            continue
        try:
            checker.add(str(row["name"]), list(row["patterns"]))
            matcher.add(str(row["name"]), [fast for p in row["patterns"]
                                           for fast in fast_first_token(vocab, list(p))])
        except ValueError as exc:
            raise ValueError(f"{kind} {row['name']}: bad token pattern: {exc}") from exc
    return matcher


WINDOW_GAP = 32
"""Windows of a :class:`WindowedMatcher` closer than this many tokens are matched as one (a
Matcher call costs about as much as reading 30 tokens)."""


class WindowedMatcher:
    """The Matcher of the rows of ``kind`` (:func:`token_matcher`), run only on the windows
    of a Doc where a match can lie.

    A match starts at a token whose word one of the patterns starts with (a first token
    ``LOWER`` or ``ORTH`` word, or ``IN`` set, without ``OP``) and spans at most as many
    tokens as the longest pattern. Where a pattern can start with any word or has no
    longest length (``OP`` ``*`` or ``+``), the whole Doc is matched. A Matcher reads every
    token of what it is given (a Python object per token), so a Doc of 300 tokens with two
    cue words in it is matched on two windows of a few tokens.

    Args:
        vocab: the pipeline's vocabulary.
        rows: table rows; those of ``kind`` are read (see :func:`token_matcher`).
        kind: the rows' kind.

    Raises:
        ValueError: a pattern spaCy rejects.
    """

    def __init__(self, vocab: Vocab, rows: Iterable[Mapping[str, Any]], kind: str) -> None:
        import numpy

        rows = [r for r in rows if r.get("kind") == kind]
        self.matcher = token_matcher(vocab, rows, kind)
        starts: dict[str, set[int]] = {"LOWER": set(), "ORTH": set()}
        self.longest: int | None = 0
        for pattern in (p for row in rows for p in row["patterns"]):
            length = _longest(pattern)
            first = first_word(pattern)
            if length is None or first is None:
                self.longest = None  # the whole Doc is matched
                break
            self.longest = max(self.longest, length)
            starts[first[0]].update(vocab.strings.add(w) for w in first[1])
        # the ids (hashes) of the words a pattern starts with, by attribute
        self._lower_ids = numpy.array(sorted(starts["LOWER"]), dtype="uint64")
        self._orth_ids = numpy.array(sorted(starts["ORTH"]), dtype="uint64")

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches ``(match_id, start, end)`` in ``doc`` (token offsets), sorted by start
        and end: those of the Matcher on the whole Doc."""
        if self.longest is None:
            return sorted(self.matcher(doc), key=_by_offsets)
        import numpy
        from spacy.attrs import LOWER, ORTH

        found: list[tuple[int, int, int]] = []
        if not len(doc):
            return found
        words = doc.to_array([LOWER, ORTH])
        starts = numpy.flatnonzero(numpy.isin(words[:, 0], self._lower_ids)
                                   | numpy.isin(words[:, 1], self._orth_ids))
        windows: list[list[int]] = []
        for i in starts.tolist():
            end = min(len(doc), i + self.longest)
            if windows and i - windows[-1][1] < WINDOW_GAP:
                windows[-1][1] = end
            else:
                windows.append([i, end])
        for a, b in windows:
            found.extend((m, a + s, a + e) for m, s, e in self.matcher(doc[a:b]))
        return sorted(found, key=_by_offsets)


def _by_offsets(match: tuple[int, int, int]) -> tuple[int, int, int]:
    return match[1], match[2], match[0]


def _longest(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens ``pattern`` can match; None where unbounded (``*``, ``+``, ``{n,}``)."""
    total = 0
    for token in pattern:
        op = token.get("OP") if isinstance(token, dict) else None
        if op in (None, "!", "?"):
            total += 1
            continue
        bounds = re.fullmatch(r"\{(\d*),?(\d*)\}", str(op))
        if bounds is None or (not bounds.group(2) and "," in str(op)):
            return None
        total += int(bounds.group(2) or bounds.group(1) or 0)
    return total


def first_word(pattern: list[dict[str, Any]]) -> tuple[str, list[str]] | None:
    """The attribute (``LOWER`` or ``ORTH``, in that order) and the words one of which a
    pattern's first token must be (its value, or its ``IN`` set); None where the first token
    can be any word (it has an ``OP``, or neither attribute)."""
    first = pattern[0] if pattern else None
    if not isinstance(first, dict) or first.get("OP") is not None:
        return None
    for attr in ("LOWER", "ORTH"):
        value = first.get(attr)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and "IN" in value:
            return attr, [str(w) for w in value["IN"]]
    return None
