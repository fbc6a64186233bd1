"""Doc -> MeetingRecord: the one place that decides.

Components find and normalise mentions (spans in ``doc.spans["diplex"]``); ``assemble``
decides which of them make the record: the meeting's date among several, its time and
duration, who took part (participant) and what was only mentioned, and it copies every
value's evidence span and every warning into the record.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from spacy.tokens import Doc, Span

from .assets import asset_path
from .cues import word_slotted
from .document import Document, PreparedText, clean_id
from .errors import ExtractionError, InputError
from .events.coding import code_event
from .normalise.datetimes import ResolvedDate, minutes_between, resolve_date
from .normalise.organisations import default_gazetteer
from .normalise.publishers import load_publishers
from .provenance import rule_row
from .record import (
    Evidence,
    ExtractionWarning,
    MeetingRecord,
)
from .roles import Roles, assign_roles
from .rules import read_table
from .spans import doc_text, rules_folder, span_entry, span_rule, span_text, span_value, spans

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Context:
    """What the caller knows of a document, passed beside its Doc.

    Attributes:
        doc_id, release_date, publisher: as given by the caller (None where not).
        warnings: warnings from text preparation.
        readable: False where the text had nothing to extract from.
        participants: states known to take part (an encounter's counterpart listed by
            its state, :mod:`diplex.encounters`); empty for a whole release.
    """

    doc_id: str | None = None
    release_date: str | None = None
    publisher: str | None = None
    warnings: list[ExtractionWarning] = field(default_factory=list)
    readable: bool = True
    participants: tuple[str, ...] = ()

    @classmethod
    def from_document(cls, document: Document, prepared: PreparedText) -> Context:
        """Build the context of ``document`` once its text is prepared.

        Raises:
            InputError: ``release_date`` is not a valid ``YYYY-MM-DD`` date, or
                ``publisher`` is not an ISO alpha-3 code or a known organisation acronym.
        """
        publisher = check_publisher(document.publisher)
        if document.release_date is not None:
            try:
                if not _ISO_DAY.match(str(document.release_date)):
                    raise ValueError("not YYYY-MM-DD")
                Date.fromisoformat(document.release_date)
            except (TypeError, ValueError) as exc:
                raise InputError(
                    f"release_date must be YYYY-MM-DD, got {document.release_date!r}"
                ) from exc
        return cls(
            doc_id=clean_id(document.doc_id),
            release_date=document.release_date,
            publisher=publisher,
            warnings=list(prepared.warnings),
            readable=prepared.readable,
        )


def check_publisher(code: str | None) -> str | None:
    """Normalise a caller-given publisher: an ISO 3166-1 alpha-3 code (any case; XKX for
    Kosovo) or the acronym of an organisation in ``models/organisations.jsonl`` ("NATO").

    Raises:
        InputError: anything else ("UK", "United Kingdom", "XYZ").
    """
    if code is None:
        return None
    if not isinstance(code, str):
        raise InputError(f"publisher must be a string, got {type(code).__name__}")
    upper = code.strip().upper()
    if len(upper) == 3 and upper.isalpha() and (
        upper == "XKX" or pycountry.countries.get(alpha_3=upper) is not None
    ):
        return upper
    entry = default_gazetteer().lookup(code.strip())
    if entry is not None and entry.acronym and entry.acronym.upper() == upper:
        return entry.acronym
    raise InputError(
        f"publisher must be an ISO 3166-1 alpha-3 code (GBR) or an organisation's acronym "
        f"(NATO), got {code!r}"
    )


class _Builder:
    """Collects values, evidence and warnings while a record is assembled."""

    def __init__(self, context: Context) -> None:
        self.values: dict[str, Any] = {
            "doc_id": context.doc_id,
            "publisher": context.publisher,
            "release_date": context.release_date,
        }
        self.evidence: list[Evidence] = []
        self.warnings: list[ExtractionWarning] = list(context.warnings)
        self.participants: tuple[str, ...] = context.participants

    def cite(self, field_name: str, span: Span) -> None:
        entry = span_entry(span) or {}
        self.evidence.append(
            Evidence(
                field=field_name,
                start=span.start_char,
                end=span.end_char,
                text=span_text(span),
                rule=entry.get("rule"),
                rule_row=rule_row(entry.get("rule"), entry.get("value"), rules_folder(span.doc)),
                confidence=entry.get("confidence"),
            )
        )

    def warn(self, code: str, message: str, field_name: str | None = None) -> None:
        self.warnings.append(ExtractionWarning(code=code, message=message, field=field_name))


def assemble(doc: Doc, context: Context) -> MeetingRecord:
    """Build the MeetingRecord of a processed Doc.

    Args:
        doc: a Doc that went through diplex's pipeline.
        context: what the caller gave with the text (doc_id, release_date, publisher) and
            the warnings of text preparation.

    Returns:
        The record; fields the text does not give are null (or empty lists).

    Raises:
        ExtractionError: a diplex component failed on this Doc (``doc._.diplex_error``).
    """
    if doc._.diplex_error is not None:
        raise ExtractionError(doc._.diplex_error, doc_id=context.doc_id)
    out = _Builder(context)
    if not context.readable:
        return _finish(out)
    _layout(doc, out)
    _what(doc, out)
    roles = Roles.read(doc, out)
    assign_roles(doc, out, roles)  # may infer the publisher, whose date order _when needs
    _release_date(doc, out)
    _when(doc, out, roles)
    _topics(doc, out)
    if out.values.get("meeting_type") is None and not out.values.get("officials"):
        out.warn("no_meeting_found", "no meeting report was recognised in the text")
    if _announced(doc):
        # a meeting to come is no event yet: the record keeps what the text says
        out.warn("announced", "the release announces a meeting to come; it reports none",
                 "meeting_type")
        return _finish(out)
    # event coding (diplex.events) reads the assembled values
    out.values["event"] = code_event(doc, out.values, out)
    return _finish(out)


ANNOUNCEMENTS = "announcements.jsonl"
"""The table of announcement words and the ``context_layout`` rows of this module."""


@lru_cache(maxsize=4)
def _cues(folder: str | None = None) -> dict[str, re.Pattern[str]]:
    """The ``context_layout`` rows of ``models/announcements.jsonl`` compiled by
    :func:`diplex.cues.compile_kind`, by name; each word kind (``future_marker``,
    ``headline_future``) fills the slot of its name with its alternation.

    Raises:
        ValueError: a row uses an unknown slot or does not compile.
    """
    return word_slotted(read_table(asset_path(ANNOUNCEMENTS, Path(folder) if folder else None)))


PAST_TAGS = frozenset({"VBD"})
"""Penn Treebank tags of a verb in the past tense (spaCy's English tagger)."""


def _announced(doc: Doc) -> bool:
    """True where the release announces a meeting to come instead of reporting one: a future
    marker of ``models/announcements.jsonl`` stands right before the meeting cue, in the
    same clause ("will visit", "is scheduled to hold talks", "X will pay a courtesy call"),
    or, where the headline gives the meeting's form, the headline announces it ("Foreign
    Minister to visit Japan")."""
    kind = _first(doc, "MEETING")
    if kind is None:
        return False
    cues = _cues(rules_folder(doc))
    marker, headline = cues["future_marker_before"], cues["headline_future"]
    if span_rule(kind) == "meeting_kind.headline":
        return bool(headline.search(doc_text(doc)[kind.sent.start_char : kind.end_char]))
    start = max(kind.sent.start_char, kind.start_char - 120)
    before = doc_text(doc)[start : kind.start_char]
    clause = start + len(before) - len(re.split(r"[,;:()]", before)[-1])
    found = marker.search(doc_text(doc), clause, kind.start_char)
    if found is None:
        return False
    # the marker governs the cue only where the clause stays in the future: no verb in the
    # past tense between them ("will brief the press after he met ...")
    between = doc.char_span(found.end(), kind.start_char, alignment_mode="expand")
    return between is None or not any(t.tag_ in PAST_TAGS for t in between)


def _finish(out: _Builder) -> MeetingRecord:
    return MeetingRecord(**out.values, evidence=out.evidence, warnings=out.warnings)


def _first(doc: Doc, label: str, after: int = 0) -> Span | None:
    found = [s for s in spans(doc, label) if s.start_char >= after]
    return found[0] if found else None


def _layout(doc: Doc, out: _Builder) -> None:
    title = _first(doc, "TITLE")
    if title is not None:
        out.values["title"] = span_value(title)
        out.cite("title", title)
    if out.values["release_date"] is None:
        reldate = _first(doc, "RELDATE")
        if reldate is not None and isinstance(span_value(reldate), str):
            out.values["release_date"] = span_value(reldate)
            out.cite("release_date", reldate)
    if out.values["publisher"] is None:
        publisher = _first(doc, "PUBLISHER")
        if publisher is not None:
            out.values["publisher"] = span_value(publisher)
            out.cite("publisher", publisher)


def _release_date(doc: Doc, out: _Builder) -> None:
    """A numeric release date whose day/month order the page does not settle ("08/03/2024")
    is read in the publisher's order, once the publisher is known (given, named on the page
    or inferred); with no publisher it stays null with a ``date_ambiguous`` warning."""
    if out.values["release_date"] is not None:
        return
    reldate = _first(doc, "RELDATE")
    if reldate is None or not isinstance(span_value(reldate), dict):
        return
    order = load_publishers(rules_folder(doc)).date_order(out.values.get("publisher"))
    resolved = resolve_date(span_value(reldate), None, order)
    for code, message in resolved.warnings:
        out.warn(code, message, "release_date")
    if resolved.date is not None:
        out.values["release_date"] = resolved.date
        out.cite("release_date", reldate)


def _what(doc: Doc, out: _Builder) -> None:
    kind = _first(doc, "MEETING")
    if kind is not None:
        out.values["meeting_type"] = span_value(kind)
        out.cite("meeting_type", kind)
        if span_rule(kind) == "meeting_kind.weak":
            out.warn("meeting_type_guessed", "meeting type read from a weak cue", "meeting_type")
    location = _first(doc, "LOCATION")
    if location is not None and out.values.get("meeting_type") not in REMOTE_TYPES:
        out.values["location"] = span_value(location)
        out.cite("location", location)


REMOTE_TYPES = ("telephone_talk", "video_conference")
"""Meeting types that have no meeting place."""


def _when(doc: Doc, out: _Builder, roles: Roles) -> None:
    """Date, start and end time and duration: the first of each in the body.

    The meeting's date is the first date of the body (after the headline and date line,
    ``doc._.diplex_body_start``) that does not refer to another event ("last met on",
    "following talks on", a dateline). Where that date cannot be resolved (no year and no
    release date) the date is null with a warning: a later date in the text is not taken
    instead. Weak dates (a bare weekday; "today" without a release date) are passed over for
    a later explicit one. Dates, clock times and durations are read only from the report
    paragraphs and the headline (:class:`~diplex.roles.Roles`): "the minister's flight
    departs at 10:30" or "the treaty signed on 12 August 1978" further down are other
    events. Where the body gives no date, the headline's is used (never another date of the
    page header, which may be the day of publishing).
    """
    body = doc._.diplex_body_start or 0
    release = out.values["release_date"]
    reldates = {(s.start_char, s.end_char) for s in spans(doc, "RELDATE")}
    dates = [
        s for s in _reported(doc, "DATE", roles)
        if (s.start_char, s.end_char) not in reldates and not _in_dateline(doc, s)
        and not _other_event(doc, s)
    ]
    titles = [(t.start_char, t.end_char) for t in spans(doc, "TITLE")]
    in_title = [s for s in dates if any(a <= s.start_char < b for a, b in titles)]
    ordered = [s for s in dates if s.start_char >= body] + in_title
    fallback: tuple[Span, ResolvedDate] | None = None
    order = load_publishers(rules_folder(doc)).date_order(out.values.get("publisher"))
    for span in ordered:
        value = span_value(span) or {}
        resolved = resolve_date(value, release, order)
        weak = "weekday" in value or ("relative_days" in value and release is None)
        if weak:
            if fallback is None and resolved.date is not None:
                fallback = (span, resolved)
            continue
        if resolved.date is None:
            for code, message in resolved.warnings:
                out.warn(code, message, "date")
            fallback = None
            break
        fallback = (span, resolved)
        break
    if fallback is not None:
        span, resolved = fallback
        out.values["date"] = resolved.date
        out.cite("date", span)
        for code, message in resolved.warnings:
            out.warn(code, message, "date")
        if span.start_char < body:
            out.warn("date_from_headline", "the body gives no date; the headline's is used",
                     "date")
    elif not dates:
        _date_from_dateline(doc, out, order)
    times = _reported(doc, "TIME", roles)
    time = next((t for t in times if t.start_char >= body), times[0] if times else None)
    if time is not None:
        value = span_value(time) or {}
        out.values["start_time"] = value.get("start")
        out.values["end_time"] = value.get("end")
        out.cite("start_time", time)
        if value.get("end"):
            out.cite("end_time", time)
    durations = _reported(doc, "DURATION", roles)
    duration = next((d for d in durations if d.start_char >= body),
                    durations[0] if durations else None)
    if duration is not None:
        out.values["duration_minutes"] = span_value(duration)
        out.cite("duration_minutes", duration)
    elif out.values.get("start_time") and out.values.get("end_time"):
        minutes = minutes_between(out.values["start_time"], out.values["end_time"])
        if minutes is not None:
            out.values["duration_minutes"] = minutes
            out.warn("duration_from_times", "duration worked out from start and end time",
                     "duration_minutes")


def _date_from_dateline(doc: Doc, out: _Builder, order: str | None) -> None:
    """Where the report gives no date at all and the page's dateline names the city the
    meeting took place in ("Paris, 4 April 2024" over "... met ... in Paris"), the meeting
    was reported from where it happened: the dateline's date is the meeting's, with a
    ``date_from_dateline`` warning. A dateline of another city (the ministry's seat) dates
    the writing only."""
    location = out.values.get("location")
    if not location:
        return
    for dateline in spans(doc, "DATELINE"):
        if _fold(span_value(dateline).get("city", "")) != _fold(location):
            continue
        for span in spans(doc, "DATE"):
            if dateline.start_char <= span.start_char < dateline.end_char:
                resolved = resolve_date(span_value(span), out.values["release_date"], order)
                if resolved.date is not None:
                    out.values["date"] = resolved.date
                    out.cite("date", span)
                    out.warn("date_from_dateline",
                             f"the report gives no date; the dateline of {location} is used",
                             "date")
                return


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _reported(doc: Doc, label: str, roles: Roles) -> list[Span]:
    """``label`` spans that stand in the report paragraphs or the headline; where there are
    none, those in a sentence that speaks of the meeting itself ("Once the meeting held in
    London on 22 January had ended", "During their meeting over the next two days")."""
    places = roles.report + [(t.start_char, t.end_char) for t in spans(doc, "TITLE")]
    found = [s for s in spans(doc, label) if any(a <= s.start_char < b for a, b in places)]
    if any(not _weak_date(s) for s in found):
        return found
    the_meeting = _cues(rules_folder(doc))["the_meeting"]
    more = [s for s in spans(doc, label)
            if the_meeting.search(span_text(s.sent)) and s not in found]
    return found + more


def _weak_date(span: Span) -> bool:
    value = span_value(span)
    return span.label_ == "DATE" and isinstance(value, dict) and (
        "weekday" in value or "relative_days" in value
    )


def _other_event(doc: Doc, span: Span) -> bool:
    """True for a date of another event: "(the ministers last met ... on July 12)",
    "following telephone conversations on February 16"."""
    sent_start = span.sent.start_char
    before = doc_text(doc)[max(sent_start, span.start_char - 80) : span.start_char]
    return bool(_cues(rules_folder(doc))["other_event_before"].search(before))


def _in_dateline(doc: Doc, span: Span) -> bool:
    """True for the date of a press dateline ("SINGAPORE, May 11, 2020 /PRNewswire/ --",
    a DATELINE span of ``diplex_layout``): the day of writing, not of the meeting."""
    if any(d.start_char <= span.start_char < d.end_char for d in spans(doc, "DATELINE")):
        return True
    line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
    head = _cues(rules_folder(doc))["dateline_head"]
    return bool(head.match(doc_text(doc)[line_start : span.start_char]))


def _topics(doc: Doc, out: _Builder) -> None:
    topics: list[str] = []
    for span in spans(doc, "TOPIC"):
        if span_value(span) not in topics:
            topics.append(span_value(span))
            out.cite(f"topics[{len(topics) - 1}]", span)
    out.values["topics"] = topics
