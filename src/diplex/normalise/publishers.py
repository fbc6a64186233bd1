"""Publishers: the governments and organisations that issue releases, and how a page names
them (no spaCy).

The table is ``models/publishers.jsonl``, one row per publisher (a state's ISO 3166-1
alpha-3 code, or an organisation's acronym). Every phrase is matched as a whole-word,
case-insensitive phrase whose spaces match any whitespace; a row's fields:

=================== ======================================================================
field               use
=================== ======================================================================
``ministry``        the foreign ministry's names for itself ("Federal Foreign Office",
                    "Global Affairs Canada"); in the page header or footer they name the
                    publisher (``diplex_layout``, rule ``layout.publisher.ministry``)
``government``      the head of government's or state's office ("10 Downing Street",
                    "The White House"): as ``ministry``
``site``            site names, news agencies and boilerplate only this publisher prints
                    ("GOV.UK", "mfa.gov.sg", "WAM"): as ``ministry``
``headline``        headline formulas only this publisher uses, matched at the headline's
                    start ("PM call with"): rule ``layout.publisher.headline``
``foreign_minister`` the foreign minister's title(s) as the state styles them (may be
                    shared with other states): documentation, and the own-side test of
                    :mod:`diplex.roles`
``unique_titles``   office titles that one state only uses ("External Affairs Minister",
                    "Tánaiste", "Federal Councillor"): an official holding one, with no
                    state written, is of that state (``diplex_officials``); the subject of
                    the headline holding one names the publisher
``date_order``      ``DMY`` or ``MDY``: how the publisher writes numeric dates ("08/03/2024");
                    ``null`` where its pages use both orders or none is known (its
                    ambiguous numeric dates then stay unresolved); default ``DMY``
``source``          where the names were checked (the publisher's own pages)
=================== ======================================================================

A phrase listed for a publisher must name that publisher on its own: "Ministry of Foreign
Affairs" or "Prime Minister's Office" alone name no state and are not listed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex

from ..assets import asset_path
from ..rules import read_table

TABLE = "publishers.jsonl"
"""The publisher table's file name in ``models/``."""

PAGE_FIELDS: tuple[str, ...] = ("ministry", "government", "site")
"""Fields whose phrases name the publisher where the page header or footer prints them."""

DateOrder = Literal["DMY", "MDY"]
DEFAULT_DATE_ORDER: DateOrder = "DMY"
"""Numeric dates are day first outside the publishers that write month first."""


@dataclass(frozen=True)
class Publisher:
    """One row of the publisher table (fields as in the module docstring)."""

    code: str
    name: str
    ministry: tuple[str, ...] = ()
    government: tuple[str, ...] = ()
    site: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    foreign_minister: tuple[str, ...] = ()
    unique_titles: tuple[str, ...] = ()
    date_order: DateOrder | None = DEFAULT_DATE_ORDER
    source: str = ""


@dataclass(frozen=True)
class PhraseHit:
    """A publisher phrase found in a text.

    Attributes:
        start, end: character offsets ``[start, end)`` in the searched text.
        code: the publisher's code; None for a ``foreign_minister`` title that more than
            one state uses.
        kind: the table field the phrase comes from (``ministry``, ``site``...).
        phrase: the phrase as listed.
    """

    start: int
    end: int
    code: str | None
    kind: str
    phrase: str


def _phrase_pattern(phrases: list[str]) -> regex.Pattern[str] | None:
    """One case-insensitive whole-word alternation of ``phrases``, longest first; spaces
    match any run of whitespace, straight and curly apostrophes match each other."""
    if not phrases:
        return None
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: len(_bare(p)), reverse=True):
        words = [regex.sub(r"\\?['’]", "['’]", regex.escape(w)) for w in _bare(phrase).split()]
        part = r"\s+".join(words)
        if phrase.startswith("^"):
            part = r"(?<=^[ \t]*)" + part
        if phrase.endswith("$"):
            part += r"(?=[ \t]*$)"
        parts.append(part)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(parts) + r")(?![\p{L}\p{N}])",
                         regex.I | regex.M)


_WORD = regex.compile(r"[\p{L}\p{N}]+|[^\p{L}\p{N}\s]")
"""Where a phrase can start: a run of letters and digits, or one other character that is not
a space (a phrase may start with one: "@SwissMFA")."""


def _run_key(run: str) -> str:
    """A run as phrase starts are looked up: casefolded, a curly apostrophe as a straight
    one (the phrase patterns match either for either)."""
    return run.casefold().replace("’", "'")


def _first_words(phrases: list[str]) -> dict[str, regex.Pattern[str]] | None:
    """The phrases by the key (:func:`_run_key`) of their first run (a run of letters and
    digits, or the one character a phrase such as "@SwissMFA" starts with), each key's
    phrases as one pattern (:func:`_phrase_pattern`); None where a phrase is empty (then
    the kind's whole pattern is searched everywhere)."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        m = _WORD.match(_bare(phrase))
        if m is None:
            return None
        by_first.setdefault(_run_key(m.group()), []).append(phrase)
    out: dict[str, regex.Pattern[str]] = {}
    for word, group in by_first.items():
        pattern = _phrase_pattern(group)
        if pattern is not None:
            out[word] = pattern
    return out


def _matches_at(text: str, starts: list[tuple[int, str]],
                by_first: dict[str, regex.Pattern[str]], stop: int) -> list[regex.Match[str]]:
    """The matches the kind's whole pattern would give with ``finditer``, tried only at the
    runs (see :data:`_WORD`) that are a phrase's first word (``starts``: offset and
    key of the run), each with the pattern of the phrases starting with that word: the same
    leftmost, non-overlapping matches (no other phrase can start there, and a word's
    phrases keep the whole pattern's longest-first order), without running a long
    alternation at every character of the text."""
    out: list[regex.Match[str]] = []
    after = -1
    for pos, word in starts:
        if pos < after:
            continue
        pattern = by_first.get(word)
        if pattern is None:
            continue
        m = pattern.match(text, pos, stop)
        if m is not None:
            out.append(m)
            after = m.end()
    return out


def _bare(phrase: str) -> str:
    """A phrase without its line anchors ("^United Nations$" -> "United Nations")."""
    return phrase.removeprefix("^").removesuffix("$").strip()


TEXTS_KEPT = 8
"""Texts whose runs (:meth:`PublisherTable._word_starts`) a table keeps, the latest: a page
stays while its headline and titles are searched between two searches of it."""


@dataclass(frozen=True)
class _Runs:
    """The runs of one text: (offset, key) of each, their offsets and their ends."""

    text: str
    starts: list[tuple[int, str]]
    offsets: list[int]
    ends: list[int]


@dataclass
class PublisherTable:
    """The publisher table with its phrase matchers built once.

    Args:
        rows: the table's publishers.

    Raises:
        ValueError: a code appears twice, or a phrase is listed for two publishers in
            fields that name the publisher (it would name neither).
    """

    rows: list[Publisher]
    _by_code: dict[str, Publisher] = field(init=False, repr=False)
    _owner: dict[tuple[str, str], str] = field(init=False, repr=False)
    _patterns: dict[str, regex.Pattern[str] | None] = field(init=False, repr=False)
    _runs: dict[int, _Runs] = field(init=False, repr=False, default_factory=dict)
    _any_first: frozenset[str] = field(init=False, repr=False, default=frozenset())

    def __post_init__(self) -> None:
        self._by_code = {}
        self._owner = {}
        for row in self.rows:
            if row.code in self._by_code:
                raise ValueError(f"publisher {row.code} listed twice")
            self._by_code[row.code] = row
            for kind in (*PAGE_FIELDS, "headline", "unique_titles"):
                for phrase in getattr(row, kind):
                    key = (kind if kind == "unique_titles" else "page", _fold(_bare(phrase)))
                    other = self._owner.setdefault(key, row.code)
                    if other != row.code:
                        raise ValueError(
                            f"{phrase!r} is listed for both {other} and {row.code}"
                        )
        kinds = (*PAGE_FIELDS, "headline", "unique_titles", "foreign_minister")
        self._patterns = {
            kind: _phrase_pattern([p for r in self.rows for p in getattr(r, kind)])
            for kind in kinds
        }
        self._first_words = {
            kind: _first_words([p for r in self.rows for p in getattr(r, kind)])
            for kind in kinds
        }
        # the keys any phrase starts with: the runs a search tries (all other runs are
        # skipped by every kind)
        self._any_first = frozenset(
            key for firsts in self._first_words.values() for key in (firsts or ()))

    def get(self, code: str | None) -> Publisher | None:
        """The row of publisher ``code`` (None where the table lacks it)."""
        return self._by_code.get(code or "")

    def date_order(self, code: str | None) -> DateOrder | None:
        """How publisher ``code`` writes numeric dates; None where ``code`` is None (no
        publisher known, so an ambiguous numeric date stays unresolved) or where the table
        says the publisher's order is not known. A publisher the table lacks writes them day
        first."""
        if code is None:
            return None
        row = self.get(code)
        return row.date_order if row is not None else DEFAULT_DATE_ORDER

    def find(self, text: str, kinds: tuple[str, ...] = PAGE_FIELDS,
             start: int = 0, end: int | None = None) -> list[PhraseHit]:
        """Publisher phrases of the given ``kinds`` in ``text[start:end]``, in text order
        (offsets into ``text``)."""
        hits: list[PhraseHit] = []
        stop = len(text) if end is None else end
        starts: list[tuple[int, str]] | None = None
        for kind in kinds:
            pattern = self._patterns.get(kind)
            if pattern is None:
                continue
            firsts = self._first_words.get(kind)
            if firsts is None:
                matches = list(pattern.finditer(text, start, stop))
            else:
                if starts is None:
                    starts = [run for run in self._word_starts(text, start, stop)
                              if run[1] in self._any_first]
                matches = _matches_at(text, starts, firsts, stop)
            for m in matches:
                if kind in ("unique_titles", "foreign_minister"):
                    code = self._owner.get(("unique_titles", _fold(m.group())))
                else:
                    code = self._owner.get(("page", _fold(m.group())))
                    if code is None:
                        continue
                hits.append(PhraseHit(m.start(), m.end(), code, kind, m.group()))
        return sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))

    def _word_starts(self, text: str, start: int, stop: int) -> list[tuple[int, str]]:
        """The runs of ``text[start:stop]`` where a phrase can start (:data:`_WORD`): offset
        and key (:func:`_run_key`). The runs of the whole text are kept for the last
        :data:`TEXTS_KEPT` texts asked about (the same text objects), so the several searches
        of one page scan it once."""
        kept = self._runs.get(id(text))
        if kept is None or kept.text is not text:
            found = list(_WORD.finditer(text))
            kept = _Runs(text, [(w.start(), _run_key(w.group())) for w in found],
                         [w.start() for w in found], [w.end() for w in found])
            texts = dict(self._runs)  # a new dict, bound at once: threads never see half of it
            texts[id(text)] = kept
            if len(texts) > TEXTS_KEPT:
                del texts[next(iter(texts))]  # the text kept longest
            self._runs = texts
        a = bisect.bisect_left(kept.offsets, start)
        b = bisect.bisect_left(kept.offsets, stop)
        runs = kept.starts[a:b]
        # the range cuts runs at its ends as a scan of the range alone would
        if a > 0 and kept.ends[a - 1] > start:
            runs = [(start, _run_key(text[start : min(kept.ends[a - 1], stop)])), *runs]
        if b > a and kept.ends[b - 1] > stop:
            pos = runs[-1][0]
            runs[-1] = (pos, _run_key(text[pos:stop]))
        return runs

    def headline_formula(self, headline: str) -> PhraseHit | None:
        """The publisher whose headline formula starts ``headline`` ("PM call with ...")."""
        hits = [h for h in self.find(headline, ("headline",)) if not headline[: h.start].strip()]
        return hits[0] if hits else None

    def title_state(self, title: str) -> PhraseHit | None:
        """The state of an office title that only one state uses, where ``title`` holds one
        ("Deputy Minister of International Relations and Cooperation" -> ZAF); None where it
        holds none or titles of two states."""
        hits = self.find(title, ("unique_titles",))
        codes = {h.code for h in hits}
        return hits[0] if len(codes) == 1 else None

    def titles(self, text: str, start: int = 0, end: int | None = None) -> list[PhraseHit]:
        """Office titles of the table (``unique_titles`` and ``foreign_minister``) in
        ``text[start:end]``, longest first where two overlap; ``code`` is the state for a
        unique title, else None. Lets a reader take a title with commas in it ("Minister of
        Foreign Affairs, European Union and Cooperation") as one office."""
        hits = self.find(text, ("unique_titles", "foreign_minister"), start, end)
        kept: list[PhraseHit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _row(obj: dict[str, object], where: str) -> Publisher:
    known = set(Publisher.__dataclass_fields__)
    unknown = set(obj) - known
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
    try:
        code = str(obj["code"])
        name = str(obj["name"])
    except KeyError as exc:
        raise ValueError(f"{where}: missing field {exc}") from exc
    lists = {}
    for key in ("ministry", "government", "site", "headline", "foreign_minister",
                "unique_titles"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise ValueError(f"{where}: {key} must be a list of non-empty strings")
        lists[key] = tuple(value)
    order = obj.get("date_order", DEFAULT_DATE_ORDER)
    if order not in ("DMY", "MDY", None):
        raise ValueError(f"{where}: date_order must be DMY, MDY or null, got {order!r}")
    return Publisher(code=code, name=name, date_order=order,
                     source=str(obj.get("source", "")), **lists)


@lru_cache(maxsize=8)
def load_publishers(folder: str | None = None) -> PublisherTable:
    """Read ``publishers.jsonl`` from ``folder`` (default: the bundled ``models/``).

    Raises:
        FileNotFoundError: the table is missing.
        ValueError: a row is malformed (the message names file and row), or a phrase
            names two publishers.
    """
    path = asset_path(TABLE, Path(folder) if folder else None)
    rows = [_row(obj, f"{path}: row {i}") for i, obj in enumerate(read_table(path), start=1)]
    return PublisherTable(rows)
