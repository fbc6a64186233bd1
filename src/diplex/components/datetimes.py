"""Component ``diplex_datetimes``: dates, clock times and durations.

Finds every date, clock time and duration in a Doc and leaves them as DATE, TIME and DURATION
spans in ``doc.spans["diplex"]`` (value shapes in :mod:`diplex.spans` and
:mod:`diplex.normalise.datetimes`). It does not decide which of them is the meeting's:
``assemble`` does.

How it works: a small grammar of regular expressions, built once from the lexicon asset
``models/datetime_lexicon.jsonl`` (month, weekday and number words, zone abbreviations, cue
words), is run over ``doc_text(doc)`` in one pass per rule family; matches are mapped to tokens with
:func:`diplex.spans.add_char_span`. Where matches overlap, the one starting first wins, then
the longer one, so "Monday (19 February 2018)" is one date and "2023-02-04 11:14" (a
publication timestamp) is a DATE whose clock time is not reported as a TIME. The numbers are
checked and normalised by the pure functions of :mod:`diplex.normalise.datetimes`.

dateparser is not called: the grammar has already split each match into year, month, day,
hour and minute, so a second parser adds cost (it runs per match, millions of documents)
without adding checks; and dateparser fills a missing year from its ``RELATIVE_BASE``, which
would hide the "year not written" fact that ``resolve_date`` reports as a warning.

Rules (rule id, what it matches, confidence):

=========================== ========================================================= =====
rule                        matches                                                   conf
=========================== ========================================================= =====
date.month_day_year         "December 11, 2023", "Wednesday, August 30, 2023",        0.95
                            "September 15-16, 2024" (first day)
date.dateline               a spelled-out date in a press dateline, "SINGAPORE,       0.95
                            May 11, 2020 /PRNewswire/ --": the date of the release,   (0.8
                            not of an event                                          yearless)
date.day_month_year         "5 March 2024", "18 MARCH 2020", "6-7 April 2022",         0.95
                            "the 3rd of May 2024", "Monday (19 February 2018)"
date.iso                    "2023-02-04", "2023-02-04 11:14" (timestamp included)      0.95
date.year_month_day         "2017. február 6. 19:00", "2024 March 5": year first, month  0.95
                            words in English or of lexicon kind ``month_year_first``
date.cjk                    "2017年2月6日", "2017년 2월 6일"                              0.95
date.numeric_us             "01/08/2022 08:01 PM EST": month first, shown by a US       0.8
                            clock zone, or the only valid reading ("10/26/2023")
date.numeric_dmy            "26/10/2023" (only valid reading), "11.05.2020" (dots:     0.8
                            day first, the European convention)
date.numeric_ambiguous      "04/05/2022" with nothing to settle the order: value        0.3
                            ``{"ambiguous": [...]}``, never resolved to a date
date.month_day              "On January 16", "on Wednesday, August 30",                 0.8
                            "October 12th", "Feb. 15", "September 15-16"
date.day_month              "15-16 March", "the 3rd of May", "28 April"                 0.8
date.relative               "today", "this morning", "tonight", "yesterday",            0.8
                            "tomorrow" (``relative_days``)
date.weekday                "on Sunday evening", "last Monday" (``weekday``)             0.5
time.clock12                "11:05 a.m.", "3 p.m.", "2:00 pm", "9:50 P.M."               0.95
time.clock12_range          "from 10:30 a.m. to 11:45 a.m.", "from 10 to 11 a.m."        0.95
time.clock24                "at 14:30" (needs a cue word before or a zone after)          0.8
time.clock24_range          "from 10:30 to 11:15", "10:30-11:15"                         0.9
time.noon                   "at noon", "at noontime", "around midday"                    0.8
time.clock24 (no colon)     "0930 hrs", "at 1100 hours", "14.30 hrs", "15h30" (words     0.8
                            after the number: lexicon kind ``clock_suffix``)
time.spelled                "at half past ten", "at a quarter to eleven", "at nine       0.8
                            o'clock in the morning" (lexicon kinds ``clock_fraction``,
                            ``oclock``, ``day_part``; needs a cue word before)
duration.for                "for approximately 20 minutes", "for 1.5 hours",             0.95
                            "lasting about two hours", "for an hour and a half"
duration.parenthesised      "(approximately 1 hour and 5 minutes)"                       0.8
duration.some               "some 45 minutes"                                             0.6
duration.adjective          "a 40-minute telephone call", "an hour-long meeting"        0.8
duration.long               "about 40 minutes long"                                       0.8
=========================== ========================================================= =====

Times: a clock time with a zone after it ("6:15 p.m. local time", "9:10 p.m. (Japan Time)",
"11:52 PM EDT") carries the zone as written; a range gives ``start`` and ``end`` on one span.
A clock time after "until", "till", "by" or "ended at" is an end, not a start, and is left
out; so is a clock time inside a date timestamp.

Durations: only amounts of minutes and hours introduced as a length ("for", "lasting",
"lasted", "took", a parenthesis, "some", "-long", "X-minute <meeting word>"), and not followed
by "before", "after", "later", "ago" ... ("for 30 minutes before the summit" is not one).

Near misses (no span): "2+2", "G7", "COVID-19", "Resolution 2231", "8 nations", "for two
consecutive years", "within 20 years", "may 5" (lowercase month words are verbs), bare
"14:30" with no cue ("John 3:16").

A second factory, ``diplex_clock_boundaries``, must run BEFORE the parser: spaCy's tokenizer
keeps "p.m." whole, so in "began at 3 p.m. Mr. Ito welcomed ..." the full stop that closes the
sentence is inside the token and the parser does not split there; the component marks the
next token as a sentence start (see :class:`ClockBoundaries`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..assets import asset_path
from ..cues import alternation, compile_kind, expand_pieces
from ..normalise.datetimes import clock
from ..rules import read_table
from ..spans import add_char_span, doc_text
from .base import AssetComponent

LEXICON = "datetime_lexicon.jsonl"
"""The lexicon asset (in ``models/``) the grammar is built from."""

MAX_DURATION_MINUTES = 12 * 60
"""Longer amounts are not meeting durations ("for 48 hours" of a ceasefire); not reported."""


@dataclass(frozen=True)
class Found:
    """One date, time or duration found in a text.

    Attributes:
        start, end: character offsets ``[start, end)`` in the text.
        label: ``DATE``, ``TIME`` or ``DURATION``.
        value: the normalised value (shapes in :mod:`diplex.spans`).
        rule: rule id (table in the module docstring).
        confidence: the rule's confidence, in [0, 1].
    """

    start: int
    end: int
    label: str
    value: Any
    rule: str
    confidence: float


def _select(found: list[Found]) -> list[Found]:
    """Keep non-overlapping matches: earliest start first, then the longest."""
    kept: list[Found] = []
    last_end = -1
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if item.start >= last_end:
            kept.append(item)
            last_end = item.end
    return kept


def _meridiem(text: str | None) -> str | None:
    if not text:
        return None
    return "pm" if text.strip()[0] in "pP" else "am"


def _mixed_or_upper_case(word: str) -> bool:
    """A month or weekday word as a name: capitalised or all capitals ("May", "MAY")."""
    return word[:1].isupper()


class DatetimeGrammar:
    """The compiled grammar: finds dates, clock times and durations in plain text.

    Args:
        lexicon: records of ``models/datetime_lexicon.jsonl`` (``kind``, ``words``,
            ``value``).

    Raises:
        ValueError: the lexicon lacks a kind the grammar needs.
    """

    REQUIRED_KINDS = (
        "month",
        "weekday",
        "number",
        "relative_day",
        "zone_abbr",
        "us_zone",
        "meeting_noun",
        "approx",
        "duration_cue",
        "not_after_duration",
    )
    CLOCK_LAYOUTS = (
        "clock", "range_tail", "and_tail", "between_before", "bare_range", "zone_tail",
        "time_cue_before", "end_cue_before", "dateline_before", "dateline_after",
        "unit_anchor", "after_24",
    )
    """The rows of kind ``clock_layout`` the grammar needs, by name."""

    def __init__(self, lexicon: Iterable[dict[str, Any]]) -> None:
        tables: dict[str, dict[str, Any]] = {}
        rows = list(lexicon)
        for record in rows:
            kind = str(record.get("kind", ""))
            for word in record.get("words", []):
                tables.setdefault(kind, {})[" ".join(str(word).lower().split())] = record.get(
                    "value"
                )
        missing = [k for k in self.REQUIRED_KINDS if k not in tables]
        if missing:
            raise ValueError(f"datetime lexicon lacks kinds: {', '.join(missing)}")
        self.months: dict[str, int] = {w: int(v) for w, v in tables["month"].items()}
        self.weekdays: dict[str, int] = {w: int(v) for w, v in tables["weekday"].items()}
        self.year_first_months: dict[str, int] = dict(self.months)
        self.year_first_months.update(
            {w: int(v) for w, v in tables.get("month_year_first", {}).items()}
        )
        self.numbers: dict[str, float] = {w: float(v) for w, v in tables["number"].items()}
        self.relative: dict[str, int] = {w: int(v) for w, v in tables["relative_day"].items()}
        self.us_zones = {w.upper() for w in tables["us_zone"]}
        self.meeting_nouns = set(tables["meeting_noun"])
        self.clock_fractions: dict[str, int] = {
            w: int(v) for w, v in tables.get("clock_fraction", {}).items()
        }
        self.day_parts: dict[str, str] = {w: str(v) for w, v in tables.get("day_part", {}).items()}
        self._compile(tables, rows)

    # ------------------------------------------------------------------ building
    def _compile(self, tables: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
        """Compile the layouts of ``rows`` (kinds ``datetime_piece``, ``date_layout``,
        ``clock_layout``, ``duration_layout``; see :mod:`diplex.cues`), their slots filled
        with alternations of the lexicon's word kinds."""
        units = {w: v for w, v in self.numbers.items() if v >= 1 and w.isalpha()}
        words = {
            "mon": alternation(self.months),
            "wd": alternation(self.weekdays),
            "year_first_mon": alternation(self.year_first_months),
            "relative": alternation(self.relative),
            "zone_abbr": "(?:" + "|".join(sorted({w.upper() for w in tables["zone_abbr"]},
                                                 key=len, reverse=True)) + ")",
            "initials": "".join(sorted({w[0] for w in [*self.months, *self.weekdays]})),
            "suffix": alternation(tables.get("clock_suffix", {"hrs": None})),
            "hour_words": alternation(
                w for w, v in self.numbers.items()
                if w.isalpha() and v == int(v) and 1 <= v <= 12
            ),
            "fraction": alternation(self.clock_fractions or {"half past": 30}),
            "oclock": alternation(tables.get("oclock", {"o'clock": None})),
            "day_parts": alternation(self.day_parts or {"in the morning": "am"}),
            "tens": alternation({w for w, v in units.items() if v >= 20 and v % 10 == 0}),
            "ones": alternation({w for w, v in units.items() if v < 10}),
            "number_words": alternation(self.numbers),
            "approx": alternation(tables["approx"]),
            "not_after": alternation(tables["not_after_duration"]),
            "nouns": alternation(self.meeting_nouns),
            "duration_cue": alternation(tables["duration_cue"]),
        }
        slots = expand_pieces(rows, "datetime_piece", words)
        self._date_res: list[tuple[str, re.Pattern[str]]] = list(
            compile_kind(rows, "date_layout", slots).items()
        )
        clocks = compile_kind(rows, "clock_layout", slots)
        missing = [k for k in self.CLOCK_LAYOUTS if k not in clocks]
        if missing:
            raise ValueError(f"datetime lexicon lacks clock layouts: {', '.join(missing)}")
        self._clock = clocks["clock"]
        self._range_tail = clocks["range_tail"]
        self._and_tail = clocks["and_tail"]
        self._between_before = clocks["between_before"]
        self._bare_range = clocks["bare_range"]
        self._zone_tail = clocks["zone_tail"]
        self._time_cue_before = clocks["time_cue_before"]
        self._end_cue_before = clocks["end_cue_before"]
        self._dateline_before = clocks["dateline_before"]
        self._dateline_after = clocks["dateline_after"]
        self._unit_anchor = clocks["unit_anchor"]
        self._after_24 = clocks["after_24"]
        confidence = {str(r["name"]): float(r["confidence"]) for r in rows
                      if r.get("kind") == "duration_layout"}
        self._dur_res: list[tuple[str, float, re.Pattern[str]]] = [
            (name, confidence[name], pattern)
            for name, pattern in compile_kind(rows, "duration_layout", slots).items()
        ]

    # ------------------------------------------------------------------ finding
    def find(self, text: str) -> list[Found]:
        """Return the dates, clock times and durations in ``text``, in text order.

        Returns:
            Non-overlapping :class:`Found` items within each label (a TIME never overlaps a
            DATE: a clock time inside a date timestamp belongs to the date).
        """
        dates = _select(list(self._dates(text)))
        times = [t for t in _select(list(self._times(text))) if not _overlaps(t, dates)]
        durations = _select(list(self._durations(text)))
        durations = [d for d in durations if not _overlaps(d, dates) and not _overlaps(d, times)]
        return sorted(dates + times + durations, key=lambda f: (f.start, f.end))

    # dates ----------------------------------------------------------------------
    def _dates(self, text: str) -> Iterable[Found]:
        for kind, pattern in self._date_res:
            for match in pattern.finditer(text):
                found = self._date(kind, match, text)
                if found is not None:
                    yield found

    def _date(self, kind: str, match: re.Match[str], text: str) -> Found | None:
        groups = match.groupdict()
        wd = groups.get("wd")
        if wd is not None and not _mixed_or_upper_case(wd):
            return None
        start, end = match.start(), match.end()
        if kind in ("month_day_year", "day_month_year", "month_day", "day_month"):
            month_word = groups["m"]
            if not _mixed_or_upper_case(month_word):
                return None
            month = self.months[month_word.lower().rstrip(".")]
            day = int(re.match(r"\d+", groups["d"]).group())  # type: ignore[union-attr]
            has_year = kind.endswith("_year")
            value = {"year": int(groups["y"]) if has_year else None, "month": month, "day": day}
            rule = "date.dateline" if self._is_dateline(text, start, end) else f"date.{kind}"
            return Found(start, end, "DATE", value, rule, 0.95 if has_year else 0.8)
        if kind == "year_month_day":
            word = " ".join(groups["m"].lower().split())
            if not groups.get("ydot") and word in self.months and not groups["m"][0].isupper():
                return None  # "in 2019 may 5 ...": a verb, not a month
            month = self.year_first_months[word]
            day = int(re.match(r"\d+", groups["d"]).group())  # type: ignore[union-attr]
            value = {"year": int(groups["y"]), "month": month, "day": day}
            return Found(start, end, "DATE", value, "date.year_month_day", 0.95)
        if kind in ("iso", "cjk"):
            rule = f"date.{kind}"
            value = {"year": int(groups["y"]), "month": int(groups["m"]), "day": int(groups["d"])}
            return Found(start, end, "DATE", value, rule, 0.95)
        if kind in ("slash", "dash", "dot"):
            return self._numeric(kind, match)
        if kind == "relative":
            rel = " ".join(groups["rel"].lower().split())
            after = text[end : end + 40]
            possessive = re.match(r"['’]s\s+([\w-]+)", after)
            if possessive and possessive.group(1).lower() not in self.meeting_nouns:
                return None  # "today's world", not a day
            return Found(start, end, "DATE", {"relative_days": self.relative[rel]},
                         "date.relative", 0.8)
        if kind == "weekday":
            if wd is None:
                return None
            last = groups["cue"].lower() != "on"
            value = {"weekday": self.weekdays[wd.lower()], "last": last}
            return Found(match.start("wd"), end, "DATE", value, "date.weekday", 0.5)
        return None  # pragma: no cover - every kind is handled above

    def _is_dateline(self, text: str, start: int, end: int) -> bool:
        """A press dateline: "SINGAPORE, May 11, 2020 /PRNewswire/ --", "OTTAWA, Ontario,
        24 November 2021 -": a place in capitals at the start of a line, the date, a dash."""
        line_start = max(text.rfind("\n", 0, start), text.rfind("\x00", 0, start)) + 1
        # the place can only start the line: match there (a search tried every offset of
        # the line, for every date on it: quadratic on a long line)
        return bool(
            self._dateline_before.match(text, line_start, start)
            and self._dateline_after.match(text, end)
        )

    def _numeric(self, kind: str, match: re.Match[str]) -> Found:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        zone = (match.group("szone") or "").upper()
        md = {"year": year, "month": a, "day": b}
        dm = {"year": year, "month": b, "day": a}
        md_ok, dm_ok = 1 <= a <= 12 and 1 <= b <= 31, 1 <= b <= 12 and 1 <= a <= 31
        start, end = match.start(), match.end()
        if kind == "dot":
            if dm_ok:
                return Found(start, end, "DATE", dm, "date.numeric_dmy", 0.8)
            return Found(start, end, "DATE", {"ambiguous": [md]}, "date.numeric_ambiguous", 0.3)
        if md_ok and (not dm_ok or a == b or zone in self.us_zones):
            return Found(start, end, "DATE", md, "date.numeric_us", 0.8)
        if dm_ok and not md_ok:
            return Found(start, end, "DATE", dm, "date.numeric_dmy", 0.8)
        readings = [r for r, ok in ((md, md_ok), (dm, dm_ok)) if ok] or [md]
        return Found(start, end, "DATE", {"ambiguous": readings}, "date.numeric_ambiguous", 0.3)

    # times ----------------------------------------------------------------------
    def _clock_value(self, groups: dict[str, str | None]) -> tuple[str | None, bool, bool]:
        """Return (HH:MM, is_12_hour, is_noon_word) of a clock alternative's groups."""
        if groups.get("h12"):
            hhmm = clock(int(groups["h12"] or 0), int(groups.get("mi12") or 0),
                         _meridiem(groups.get("mer")))
            return hhmm, True, False
        part = groups.get("dp24")
        if groups.get("h24") and part and int(groups["h24"] or 0) <= 12:
            # "7:20 in the evening": a day part makes it a 12-hour time
            meridiem = self.day_parts.get(" ".join(part.lower().split()))
            return clock(int(groups["h24"] or 0), int(groups.get("mi24") or 0),
                         meridiem), meridiem is not None, False
        for hour_group, minute_group in (("h24", "mi24"), ("hc", "mic"), ("hd", "mid"),
                                         ("hf", "mif")):
            if groups.get(hour_group):
                return clock(int(groups[hour_group] or 0),
                             int(groups.get(minute_group) or 0)), False, False
        spelled = groups.get("sw") or groups.get("sw2")
        if spelled:
            hour = int(spelled) if spelled.isdigit() else int(self.numbers[spelled.lower()])
            offset = self.clock_fractions.get(" ".join((groups.get("sfr") or "").lower().split()),
                                              0)
            if offset < 0:
                hour = 12 if hour == 1 else hour - 1
                offset += 60
            half = groups.get("smer") or groups.get("smer2")
            meridiem = self.day_parts.get(" ".join(half.lower().split()), None) if half else None
            if half and meridiem is None:
                meridiem = _meridiem(half)
            return clock(hour, offset, meridiem), meridiem is not None, False
        noon = (groups.get("noon") or "").lower()
        return ("00:00" if "midnight" in noon else "12:00"), False, True

    def _times(self, text: str) -> Iterable[Found]:
        for match in self._bare_range.finditer(text):
            mer = _meridiem(match.group("emer"))
            eh, emi = int(match.group("eh")), int(match.group("emi") or 0)
            bh, bmi = int(match.group("bh")), int(match.group("bmi") or 0)
            end_hhmm: str | None = clock(eh, emi, mer)
            start_hhmm = clock(bh, bmi, mer)
            if start_hhmm is None or end_hhmm is None:
                continue
            if start_hhmm > end_hhmm:  # "from 11 to 1 p.m.": the start is in the morning
                start_hhmm = clock(bh, bmi, "am")
            begin = match.start("bh")
            zone, stop = self._zone(text, match.end())
            value = {"start": start_hhmm, "end": end_hhmm, "zone": zone}
            yield Found(begin, stop, "TIME", value, "time.clock12_range", 0.95)
        for match in self._clock.finditer(text):
            groups = match.groupdict()
            hhmm, twelve, noon = self._clock_value(groups)
            if hhmm is None:
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            if self._end_cue_before.search(before):
                continue  # "until 5 p.m.": an end time, not a start
            cue = bool(self._time_cue_before.search(before))
            stop = match.end()
            end_hhmm = None
            tail = self._range_tail.match(text, stop)
            if tail is None and self._between_before.search(before):
                tail = self._and_tail.match(text, stop)  # "between 10 a.m. and 11 a.m."
            if tail is not None:
                end_hhmm, end_twelve, _ = self._clock_value(tail.groupdict())
                if end_hhmm is not None:
                    stop = tail.end()
                    if not twelve and end_twelve and groups.get("h24"):
                        # "from 10:30 to 11:45 a.m.": the meridiem covers both ends
                        h = int(groups["h24"] or 0)
                        if 1 <= h <= 12:
                            mer = _meridiem(tail.group("mer"))
                            shared = clock(h, int(groups.get("mi24") or 0), mer)
                            if shared is not None and shared <= end_hhmm:
                                hhmm = shared
                            twelve = True
            zone, zone_stop = self._zone(text, stop)
            has_zone = zone is not None
            if end_hhmm is not None:
                rule, conf = ("time.clock12_range", 0.95) if twelve else ("time.clock24_range", 0.9)
            elif twelve:
                rule, conf = "time.clock12", (0.95 if cue or has_zone else 0.8)
            elif noon:
                if not cue:
                    continue
                rule, conf = "time.noon", 0.8
            elif groups.get("sw") or groups.get("sw2"):
                if not cue:
                    continue  # "ten o'clock news", "half past ten" need "at" or the like
                rule, conf = "time.spelled", 0.8
            else:
                strong_suffix = (groups.get("csuf") or groups.get("dsuf") or "").lower()
                if not (cue or has_zone or self._after_24.match(text, stop)
                        or strong_suffix.startswith("hr")):
                    continue  # a bare "3:16" or "2000 hours" is not a clock time without a cue
                rule, conf = "time.clock24", 0.8
            value = {"start": hhmm, "end": end_hhmm, "zone": zone}
            yield Found(match.start(), zone_stop if has_zone else stop, "TIME", value, rule, conf)

    def _zone(self, text: str, pos: int) -> tuple[str | None, int]:
        """Return (zone as written, end offset) of a zone right after ``pos``, else (None, pos)."""
        zone = self._zone_tail.match(text, pos)
        if zone is None:
            return None, pos
        name = " ".join(zone.group("zone").split())
        if zone.group("open"):  # "(Japan Time)"; "(local time; ..." leaves the bracket out
            return name, (zone.end() if zone.group("close") else pos)
        return name, zone.end("zone")

    # durations ------------------------------------------------------------------
    def _durations(self, text: str) -> Iterable[Found]:
        # Durations are looked for only in windows around unit words ("minute", "hour"), so
        # the longer patterns do not run over the whole text.
        windows: list[list[int]] = []
        for anchor in self._unit_anchor.finditer(text):
            start, end = max(0, anchor.start() - 100), anchor.end() + 60
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        seen: set[tuple[int, int, str]] = set()
        for lo, hi in windows:
            yield from self._durations_in(text, lo, hi, seen)

    def _durations_in(
        self, text: str, lo: int, hi: int, seen: set[tuple[int, int, str]]
    ) -> Iterable[Found]:
        for rule, conf, pattern in self._dur_res:
            for match in pattern.finditer(text, lo, hi):
                if (match.start(), match.end(), rule) in seen:
                    continue
                seen.add((match.start(), match.end(), rule))
                minutes = self._minutes(match.groupdict())
                if minutes is None or not 0 < minutes <= MAX_DURATION_MINUTES:
                    continue
                start = match.start() + (len(match.group()) - len(match.group().lstrip()))
                yield Found(start, match.end(), "DURATION", minutes, rule, conf)

    def _number(self, text: str | None) -> float | None:
        if not text:
            return None
        words = " ".join(text.lower().replace("-", " ").split())
        try:
            return float(words)
        except ValueError:
            pass
        if words in self.numbers:
            return self.numbers[words]
        parts = words.split()
        if len(parts) == 2 and all(p in self.numbers for p in parts):
            return self.numbers[parts[0]] + self.numbers[parts[1]]  # "twenty five"
        return None

    @staticmethod
    def _fraction(text: str | None) -> float:
        if not text:
            return 0.0
        words = text.lower()
        if "three" in words:
            return 0.75
        return 0.25 if "quarter" in words else 0.5

    def _minutes(self, groups: dict[str, str | None]) -> int | None:
        hours: float = 0.0
        if groups.get("h"):
            h = self._number(groups["h"])
            if h is None:
                return None
            hours = h
        elif groups.get("hl"):
            hours = 1.0  # "an hour-long meeting"
        hours += self._fraction(groups.get("hf")) + self._fraction(groups.get("hf2"))
        hours += self._fraction(groups.get("hf3"))
        minutes = 0.0
        if groups.get("m") or groups.get("m2"):
            m = self._number(groups.get("m") or groups.get("m2"))
            if m is None:
                return None
            minutes = m
        total = hours * 60 + minutes
        return int(round(total)) if total > 0 else None


def _overlaps(item: Found, others: list[Found]) -> bool:
    return any(item.start < o.end and o.start < item.end for o in others)


class DatetimesComponent(AssetComponent):
    """spaCy component ``diplex_datetimes``: adds DATE, TIME and DURATION spans.

    Rules and confidences: the table in this module's docstring. Assets:
    ``models/datetime_lexicon.jsonl``.

    Args:
        nlp, name, assets: as :class:`~diplex.components.base.AssetComponent`.
    """

    asset_names = (LEXICON,)

    def load_assets(self, folder: Path | None) -> None:
        """Compile the grammar from the lexicon in ``folder`` (default: bundled ``models/``).

        Raises:
            FileNotFoundError: the lexicon file is missing.
            ValueError: the lexicon is malformed or lacks a kind.
        """
        self.grammar = DatetimeGrammar(read_table(self.asset(LEXICON, folder)))

    def process(self, doc: Doc) -> None:
        """Add a span for each date, clock time and duration in ``doc``."""
        # a line break ends every date, time and duration: "Meeting 2\nJune 14" is no date
        for item in self.grammar.find(doc_text(doc).replace("\n", "\x00")):
            add_char_span(doc, item.start, item.end, item.label, item.value, item.rule,
                          item.confidence)


@Language.factory("diplex_datetimes", default_config={"assets": None})
def make_datetimes(nlp: Language, name: str, assets: str | None) -> DatetimesComponent:
    """Build the ``diplex_datetimes`` component (``assets``: folder of the lexicon, or None
    for the bundled ``models/``)."""
    return DatetimesComponent(nlp, name, assets)


_MERIDIEM_TOKENS = numpy.array(
    [get_string_id(f"{a}.{m}.") for a, m in itertools.product("AaPp", "Mm")], dtype="uint64")
"""The ids (ORTH hashes) of the tokens "a.m.", "p.m.", "A.M." ... (``[AaPp].[Mm].``, as
spaCy's tokenizer keeps them, one token each)."""
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


class ClockBoundaries:
    """spaCy component ``diplex_clock_boundaries``: a sentence ends after "a.m."/"p.m."
    when the abbreviation's full stop is also the sentence's.

    spaCy's tokenizer keeps "p.m." as one token, so in "the meeting began at 3 p.m. Mr. Ito
    welcomed ..." no separate full stop is left and the parser runs the two sentences
    together. Placed before the parser (``nlp.add_pipe("diplex_clock_boundaries",
    before="parser")``; the parser keeps sentence starts set before it), this component marks
    the token after such a "p.m." as a sentence start where:

    - that token is capitalised and is not a zone, month or weekday word (lexicon kinds
      ``zone_abbr``, ``us_zone``, ``month``, ``weekday``), nor followed within three tokens by
      "time" ("3 p.m. Japan Time", "10 a.m. Monday", "9 a.m. EST" stay whole); and
    - the clause before the clock time has a finite verb (tagger tags VBD/VBZ/VBP/MD), so
      "At 10 a.m. Mr. Sato met ..." (no verb before) stays one sentence.

    It never splits inside a time: the "a.m."/"p.m." token itself is marked as not starting a
    sentence.
    """

    KEEP_WORDS = frozenset({"local", "greenwich", "eastern", "central", "pacific", "mountain"})

    def __init__(self, keep_words: Iterable[str] = ()) -> None:
        self.keep = set(self.KEEP_WORDS) | {w.lower() for w in keep_words}

    def __call__(self, doc: Doc) -> Doc:
        """Set sentence starts on ``doc`` (before parsing); returns the same Doc."""
        if doc.has_annotation("DEP"):
            return doc  # already parsed: sentence starts can no longer be set
        # the "a.m." tokens found by their ids, not by building every token
        orths = doc.to_array(ORTH)[:-1]
        for i in numpy.flatnonzero(numpy.isin(orths, _MERIDIEM_TOKENS)):
            token = doc[int(i)]
            if token.i > 0 and token.is_sent_start is None:
                token.is_sent_start = False
            nxt = doc[token.i + 1]
            if not nxt.text[:1].isupper() or nxt.is_sent_start is not None:
                continue
            if nxt.lower_.rstrip(".") in self.keep:
                continue
            if any(t.lower_ == "time" for t in doc[token.i + 1 : token.i + 4]):
                continue
            if self._verb_before(doc, token.i):
                nxt.is_sent_start = True
        return doc

    @staticmethod
    def _verb_before(doc: Doc, index: int) -> bool:
        for i in range(index - 1, -1, -1):
            tok = doc[i]
            if tok.text in {".", "!", "?"} or "\n" in tok.text or tok.is_sent_start:
                return tok.tag_ in _FINITE_VERB_TAGS if tok.is_sent_start else False
            if tok.tag_ in _FINITE_VERB_TAGS:
                return True
        return False


@Language.factory("diplex_clock_boundaries")
def make_clock_boundaries(nlp: Language, name: str) -> ClockBoundaries:
    """Build ``diplex_clock_boundaries`` (add it before the parser)."""
    keep: list[str] = []
    for record in read_table(asset_path(LEXICON)):
        if record.get("kind") in ("month", "weekday", "zone_abbr", "us_zone"):
            keep.extend(str(w) for w in record.get("words", []))
    return ClockBoundaries(keep)
