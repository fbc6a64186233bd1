"""Event coding: a meeting record's values (and its text) -> :class:`EventCoding`.

Called once per document from ``assemble`` (:func:`code_event`, on the Doc and the
assembled values) and on finished records (:func:`code_record`, values only, e.g. gold
records or JSONL read back for linking and export).

How the mode is decided, first rule that applies:

1. ``meeting_type`` ``telephone_talk`` -> ``phone``; ``video_conference`` -> ``video``.
2. The meeting's location (city -> country through ``models/timezones.jsonl``).
3. Without a meeting type: phone/video cue words in the meeting's sentence.
4. A place cue in that sentence ("visiting Paris", "in Singapore", "during her visit to
   France"), the place resolved to a country.
5. Third-location cues ("on the margins of", "while attending") -> ``third-party``.
6. Hosting cues ("received", "courtesy call on", "hosted") -> ``host``.
7. ``meeting_type`` ``courtesy_call`` -> ``host``.

A place's country gives the mode against the publisher: the publisher's own country (an
IGO's seat) -> ``host``; another participant's -> ``visit``; any other -> ``third-party``.
Cue patterns are data: ``models/travel_cues.jsonl``. Where nothing applies the mode is
null, CAMEO ``040``, with a warning ``event_mode_unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from ..assets import asset_path
from ..record import Evidence, ExtractionWarning, MeetingRecord
from ..rules import read_table
from ..spans import doc_text, span_value, spans
from .clock import (
    LOCAL_TIME,
    ZoneBasis,
    ZoneTable,
    default_table,
    is_state,
    iso_datetime,
    iso_duration,
    local_datetime,
    minutes_between,
)
from .model import CAMEO_CODES, Actor, EventCoding, Mode

CUES_NAME = "travel_cues.jsonl"


@dataclass(frozen=True)
class Cue:
    """One cue pattern of ``travel_cues.jsonl``."""

    cue: str
    mode: str
    pattern: re.Pattern[str]
    confidence: float
    scope: str | None = None


@lru_cache(maxsize=4)
def load_cues(folder: str | None = None) -> tuple[Cue, ...]:
    """Read the cue table (``place`` cues are case-sensitive, the rest ignore case).

    Raises:
        FileNotFoundError: the table is missing; re.error: a bad pattern.
    """
    cues = []
    for row in read_table(asset_path(CUES_NAME, folder)):
        flags = 0 if row["mode"] == "place" else re.IGNORECASE
        cues.append(Cue(row["cue"], row["mode"], re.compile(row["pattern"], flags),
                        float(row["confidence"]), row.get("scope")))
    return tuple(cues)


@dataclass
class Anchors:
    """Character offsets ``(start, end)`` in the text of what the components found.

    Attributes:
        meeting: the MEETING span; location: the LOCATION span; time: the TIME span;
        official: the first OFFICIAL span; date: the first DATE span.
        time_zone: the TIME span's ``zone`` as written ("Japan Time", "local time").
        sentences: sentence boundaries, where the Doc has them (else split by rule).
    """

    meeting: tuple[int, int] | None = None
    location: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    official: tuple[int, int] | None = None
    date: tuple[int, int] | None = None
    time_zone: str | None = None
    sentences: list[tuple[int, int]] | None = None


@dataclass
class CodingResult:
    """What :func:`code_values` found: the event (None where no meeting is reported), the
    evidence for ``event.mode`` / ``event.timezone``, and warnings."""

    event: EventCoding | None
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _actor(code: str | None) -> Actor | None:
    if not code:
        return None
    return Actor(code=code, sector="GOV" if is_state(code) else "IGO")


def actors_of(values: Mapping[str, Any]) -> tuple[Actor | None, list[Actor], bool]:
    """Source and targets of a record's values.

    Source: the publisher (a state -> GOV, else IGO); where there is no publisher, the
    first official's side (third item True: inferred). Targets: every other side in order
    of first mention: officials' countries/organisations, participant countries,
    participant organisations (acronym, else name).
    """
    seen: list[str] = []
    for official in values.get("officials") or []:
        code = _get(official, "country") or _get(official, "organisation")
        if code and code not in seen:
            seen.append(code)
    for country in values.get("countries") or []:
        if _get(country, "role") == "participant" and _get(country, "code") not in seen:
            seen.append(_get(country, "code"))
    for org in values.get("organisations") or []:
        code = _get(org, "acronym") or _get(org, "name")
        if _get(org, "role") == "participant" and code and code not in seen:
            seen.append(code)
    publisher = values.get("publisher")
    inferred = False
    if not publisher and seen:
        publisher, inferred = seen[0], True
    source = _actor(publisher)
    targets = [a for a in (_actor(c) for c in seen if c != publisher) if a is not None]
    return source, targets, inferred


_SENT_END = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\b[A-Z])[.!?](?=\s+[A-Z“\"(])"
    r"|\n\s*\n|\n(?=\s*(?:\d+\.|[-•o])\s)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rule-based sentence boundaries ``[(start, end), ...]`` for text without a parse:
    ends at . ! ? before a capital (not after Mr, Ms, Dr, St, No or an initial), at blank
    lines and before list items."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENT_END.finditer(text):
        end = match.end() if match.group(0) in ".!?" else match.start()
        _append(text, start, end, bounds)
        start = match.end()
    _append(text, start, len(text), bounds)
    return bounds


def _append(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    if chunk.strip():
        bounds.append((start + len(chunk) - len(chunk.lstrip()), end))


def _sentence_at(pos: int, bounds: list[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in bounds:
        if start <= pos < end:
            return start, end
    return None


def _meeting_sentence(text: str, anchors: Anchors, cues: Iterable[Cue]) -> tuple[int, int] | None:
    bounds = anchors.sentences or split_sentences(text)
    for anchor in (anchors.meeting, anchors.official, anchors.date):
        if anchor is not None:
            found = _sentence_at(anchor[0], bounds)
            if found is not None:
                return found
    first: int | None = None
    for cue in cues:  # no anchor: the first sentence holding a cue (not a bare "in X")
        if cue.mode == "place" and cue.scope != "city_or_country":
            continue
        match = cue.pattern.search(text)
        if match and (first is None or match.start() < first):
            first = match.start()
    return _sentence_at(first, bounds) if first is not None else None


class _Coder:
    def __init__(self, values: Mapping[str, Any], text: str | None, anchors: Anchors,
                 table: ZoneTable, cues: tuple[Cue, ...]) -> None:
        self.values, self.text, self.anchors = values, text, anchors
        self.table, self.cues = table, cues
        self.evidence: list[Evidence] = []
        self.warnings: list[ExtractionWarning] = []

    def warn(self, code: str, message: str, field_name: str) -> None:
        self.warnings.append(ExtractionWarning(code=code, message=message, field=field_name))

    def cite(self, field_name: str, start: int, end: int, rule: str, confidence: float) -> None:
        if self.text is None:
            return
        self.evidence.append(Evidence(field=field_name, start=start, end=end,
                                      text=self.text[start:end], rule=rule,
                                      confidence=confidence))

    def mode_of_country(self, country: str, home: str | None, targets: set[str]) -> Mode | None:
        if home is not None and country == home:
            return "host"
        if country in targets:
            return "visit" if home is not None else None
        return "third-party"

    def decide_mode(self, home: str | None, targets: set[str],
                    sentence: tuple[int, int] | None) -> tuple[Mode | None, str | None]:
        meeting_type = self.values.get("meeting_type")
        meeting = self.anchors.meeting
        if meeting_type in ("telephone_talk", "video_conference"):
            mode: Mode = "phone" if meeting_type == "telephone_talk" else "video"
            if meeting is not None:
                self.cite("event.mode", *meeting, "events.meeting_type", 0.95)
            return mode, None
        location_country = self.table.country_of_place(self.values.get("location"))
        if location_country is not None:
            found = self.mode_of_country(location_country, home, targets)
            if found is not None:
                if self.anchors.location is not None:
                    self.cite("event.mode", *self.anchors.location, "events.location", 0.9)
                return found, location_country
        if self.text is None or sentence is None:
            return self._fallback(meeting_type, meeting), location_country
        start, end = sentence
        chunk = self.text[start:end]
        if meeting_type is None:
            for cue in self.cues:
                if cue.mode in ("phone", "video"):
                    match = cue.pattern.search(chunk)
                    if match:
                        self.cite("event.mode", start + match.start(), start + match.end(),
                                  f"events.{cue.cue}", cue.confidence)
                        return ("phone" if cue.mode == "phone" else "video"), None
        place = self._place(chunk, start, home, targets)
        if place is not None:
            return place
        for wanted in ("third-party", "host"):
            for cue in self.cues:
                if cue.mode != wanted:
                    continue
                match = cue.pattern.search(chunk)
                if match:
                    self.cite("event.mode", start + match.start(), start + match.end(),
                              f"events.{cue.cue}", cue.confidence)
                    return ("third-party" if wanted == "third-party" else "host"), None
        return self._fallback(meeting_type, meeting), None

    def _place(self, chunk: str, offset: int, home: str | None,
               targets: set[str]) -> tuple[Mode | None, str | None] | None:
        hits: list[tuple[int, int, str, Cue]] = []
        for cue in self.cues:
            if cue.mode != "place":
                continue
            for match in cue.pattern.finditer(chunk):
                words = match.group("place").split()
                for size in range(len(words), 0, -1):  # longest resolvable prefix
                    name = " ".join(words[:size])
                    city = self.table.city(name)
                    country = city.country if city is not None else None
                    if country is None and cue.scope == "city_or_country":
                        country = self.table.country_of_place(name)
                    if country is not None:
                        hits.append((match.start(), match.end(), country, cue))
                        break
        for start, end, country, cue in sorted(hits, key=lambda h: h[0]):
            mode = self.mode_of_country(country, home, targets)
            if mode is None:
                continue
            self.cite("event.mode", offset + start, offset + end, f"events.{cue.cue}",
                      cue.confidence)
            return mode, country
        return None

    def _fallback(self, meeting_type: Any, meeting: tuple[int, int] | None) -> Mode | None:
        if meeting_type == "courtesy_call":
            if meeting is not None:
                self.cite("event.mode", *meeting, "events.courtesy_call_type", 0.7)
            return "host"
        return None

    def zone(self, location_country: str | None) -> tuple[str | None, ZoneBasis | None]:
        stated = self.anchors.time_zone
        location = self.table.city(self.values.get("location"))
        if stated:
            if LOCAL_TIME.match(stated):
                if location is not None:
                    self._cite_zone(self.anchors.time, "events.zone_local_time")
                    return location.zone, "location"
                self.warn("local_time_without_location", f"the time is given as {stated!r} "
                          "but the meeting's place is unknown", "event.timezone")
            else:
                zone = self.table.label_zone(stated)
                if zone is not None:
                    self._cite_zone(self.anchors.time, "events.zone_stated")
                    return zone, "stated"
                self.warn("unknown_time_zone", f"time zone {stated!r} is not in the table",
                          "event.timezone")
        if location is not None:
            self._cite_zone(self.anchors.location, "events.zone_location")
            return location.zone, "location"
        if location_country is not None and location_country == self.values.get("publisher"):
            pass  # the publisher's capital below is the same country
        zone = self.table.capital_zone(self.values.get("publisher"))
        if zone is not None:
            self.warn("timezone_from_publisher", "no zone stated and no place known: the "
                      "publisher's capital's zone is assumed", "event.timezone")
            return zone, "publisher_capital"
        self.warn("timezone_unknown", "no zone stated, no place and no publisher capital",
                  "event.timezone")
        return None, None

    def _cite_zone(self, span: tuple[int, int] | None, rule: str) -> None:
        if span is not None:
            self.cite("event.timezone", *span, rule, 0.9)

    def run(self) -> EventCoding | None:
        values = self.values
        source, targets, inferred = actors_of(values)
        if values.get("meeting_type") is None and not values.get("officials") and not targets:
            return None
        if inferred:
            self.warn("event_source_inferred", "no publisher given: the first official's "
                      "side is taken as the source", "event.source")
        if not targets:
            self.warn("event_no_target", "no other party was found", "event.targets")
        home = self.table.home_country(source.code if source else None)
        target_codes = {t.code for t in targets}
        sentence = None
        if self.text is not None:
            sentence = _meeting_sentence(self.text, self.anchors, self.cues)
        mode, location_country = self.decide_mode(home, target_codes, sentence)
        if mode is None:
            self.warn("event_mode_unknown", "how the meeting took place (phone, video, "
                      "visit, host, third location) is not stated: CAMEO 040", "event.mode")
        event = EventCoding(mode=mode, cameo=CAMEO_CODES[mode], source=source,
                            targets=targets, date=values.get("date"),
                            location_country=location_country)
        if sentence is not None and self.text is not None:
            event.sentence = " ".join(self.text[sentence[0]:sentence[1]].split())
        self._clock(event)
        return event

    def _clock(self, event: EventCoding) -> None:
        values = self.values
        start_time, end_time = values.get("start_time"), values.get("end_time")
        minutes = values.get("duration_minutes")
        if start_time:
            zone, basis = self.zone(event.location_country)
            event.timezone, event.timezone_basis = zone, basis
            if zone is not None and event.date:
                try:
                    start = local_datetime(event.date, start_time, zone)
                except ValueError as exc:
                    self.warn("bad_clock_time", str(exc), "event.start")
                    return
                event.start = iso_datetime(start)
                if end_time:
                    end = local_datetime(event.date, end_time, zone)
                    if end < start:
                        end += timedelta(days=1)
                        self.warn("end_after_midnight", "the end time is earlier than the "
                                  "start: taken as the next day", "event.end")
                    event.end = iso_datetime(end)
                    if minutes is None:
                        minutes = minutes_between(start, end)
        if minutes is not None and minutes >= 0:
            event.duration = iso_duration(minutes)


def code_values(values: Mapping[str, Any], *, text: str | None = None,
                anchors: Anchors | None = None, table: ZoneTable | None = None,
                cues: tuple[Cue, ...] | None = None) -> CodingResult:
    """Code the meeting described by a record's values as a CONSULT event.

    Args:
        values: the record's fields (``publisher``, ``meeting_type``, ``date``,
            ``start_time``, ``end_time``, ``duration_minutes``, ``location``,
            ``officials``, ``countries``, ``organisations``), as a dict; list items may be
            dicts or the record's pydantic models.
        text: the release text, for cue words and evidence (None: values only).
        anchors: offsets of the components' spans in ``text`` (None: no spans).
        table, cues: the zone table and cue list (default: the bundled ones).

    Returns:
        :class:`CodingResult`; ``event`` is None where the values report no meeting (no
        meeting type, no officials, no other party).
    """
    coder = _Coder(values, text, anchors or Anchors(), table or default_table(),
                   cues if cues is not None else load_cues())
    event = coder.run()
    return CodingResult(event, coder.evidence, coder.warnings)


def _mend_sentences(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a parsed sentence that stops mid-line without closing punctuation to the next
    one ("... for Foreign Affairs and Security | Policy Josep Borrell."): a statistical
    parser's slip, not a sentence end."""
    mended: list[tuple[int, int]] = []
    for start, end in bounds:
        if mended:
            prev_start, prev_end = mended[-1]
            tail = text[prev_start:prev_end].rstrip()
            gap = text[prev_start + len(tail) : start]
            if tail and tail[-1] not in ".!?:;\"”’)" and "\n" not in gap:
                mended[-1] = (prev_start, end)
                continue
        mended.append((start, end))
    return mended


def anchors_from_doc(doc: Doc) -> Anchors:
    """Offsets of the first MEETING, LOCATION, TIME, OFFICIAL and DATE spans of a Doc, the
    TIME span's stated zone, and the Doc's sentences where it was parsed."""
    def first(label: str) -> tuple[int, int] | None:
        found = spans(doc, label)
        return (found[0].start_char, found[0].end_char) if found else None

    time_spans = spans(doc, "TIME")
    zone = None
    if time_spans and isinstance(span_value(time_spans[0]), dict):
        zone = span_value(time_spans[0]).get("zone")
    sentences = None
    if doc.has_annotation("SENT_START"):
        sentences = _mend_sentences(doc_text(doc), [(s.start_char, s.end_char) for s in doc.sents])
    return Anchors(meeting=first("MEETING"), location=first("LOCATION"), time=first("TIME"),
                   official=first("OFFICIAL"), date=first("DATE"), time_zone=zone,
                   sentences=sentences)


def code_event(doc: Doc, values: Mapping[str, Any], out: Any = None) -> EventCoding | None:
    """``assemble``'s hook: code the event of an assembled record.

    Args:
        doc: the processed Doc (its text and diplex spans are read).
        values: the values assembled so far (``out.values``).
        out: the assembler's builder; its ``evidence`` and ``warnings`` lists receive the
            evidence for ``event.mode``/``event.timezone`` and the coding's warnings.

    Returns:
        The EventCoding, or None where no meeting was found.
    """
    result = code_values(values, text=doc_text(doc), anchors=anchors_from_doc(doc))
    if out is not None and result.event is not None:
        out.evidence.extend(result.evidence)
        out.warnings.extend(result.warnings)
    return result.event


def is_announcement(record: MeetingRecord | Mapping[str, Any]) -> bool:
    """True for a record of a release that announces a meeting to come (its warnings hold
    the code ``announced``): no event to code, export or link."""
    warnings = (record.warnings if isinstance(record, MeetingRecord)
                else record.get("warnings") or [])
    return any((w.code if not isinstance(w, Mapping) else w.get("code")) == "announced"
               for w in warnings)


def code_record(record: MeetingRecord | Mapping[str, Any]) -> EventCoding | None:
    """The record's event: its ``event`` where set, else coded from its values alone; None
    for a record that only announces a meeting (warning ``announced``)."""
    if is_announcement(record):
        return None
    if isinstance(record, MeetingRecord):
        if record.event is not None:
            return record.event
        values: Mapping[str, Any] = record.model_dump()
    else:
        if record.get("event"):
            return EventCoding.model_validate(record["event"])
        values = record
    return code_values(values).event


