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
    as a non-capturing group: the value of a slot that stands for a word list."""
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


def token_matcher(vocab: Vocab, rows: Iterable[Mapping[str, Any]], kind: str) -> Matcher:
    """A spaCy :class:`~spacy.matcher.Matcher` of the rows of ``kind``: cues that are words.

    Each row is ``{"kind": K, "name": N, "patterns": [[token, ...], ...], "meaning": ...}``,
    ``patterns`` a list of spaCy token patterns (https://spacy.io/usage/rule-based-matching)
    added under the match label ``N``.

    Raises:
        ValueError: a pattern spaCy rejects (the message names the kind and row name).
    """
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for row in rows:
        if row.get("kind") != kind:
            continue
        try:
            matcher.add(str(row["name"]), list(row["patterns"]))
        except ValueError as exc:
            raise ValueError(f"{kind} {row['name']}: bad token pattern: {exc}") from exc
    return matcher
