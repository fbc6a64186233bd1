"""Linking accounts of the same meeting: records from different publishers -> one event.

Two records are accounts of one meeting when

* they come from different publishers (and are different documents: the encounters of one
  release, :func:`diplex.extract_encounters`, are never one event; each is keyed by
  ``(doc_id, encounter)``, :meth:`MeetingRecord.event_key`);
* their dates are at most one day apart (time zones put one meeting on two dates);
* they name the same sides (source and targets of their event coding);
* the encounter is of the same kind: phone, video, or in person (a visit on one side is
  hosting on the other, so visit/host/third-party all count as in person);
* where both name officials of a side, at least one family name agrees (case and accents
  ignored);
* where both know the meeting's country, it is the same; where both give a start on a
  clock from a stated zone or a location, the starts are within three hours.

Algorithm: records are blocked by (sides, date), so each record is compared only with
the blocks of its own and the two neighbouring days. Clusters grow greedily in a fixed
order (date, doc_id) and a record joins a cluster only when it agrees with every member
(complete linkage). Union-find on pairwise matches would chain a phone call to a meeting
through an ambiguous third record; complete linkage cannot. Cost is linear in the number
of records times the (small) block size.

A record without a date joins an event only when exactly one event of the same sides
and kind agrees with it and shares an official's family name with it (within the week up
to its release date, where it has one); the event then carries ``linked_without_date``.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import date as Date
from typing import Any

from ..record import MeetingRecord
from .coding import code_record
from .model import Account, Disagreement, EventCoding, LinkedEvent

MAX_START_GAP_MINUTES = 180
UNDATED_WINDOW_DAYS = 7
COMPARED_FIELDS = ("date", "start", "duration_minutes", "meeting_type", "location",
                   "officials")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


@dataclass
class _Item:
    index: int
    record: MeetingRecord
    event: EventCoding | None
    key: str
    day: Date | None
    sides: frozenset[str]
    kind: str | None
    names: dict[str, set[str]]
    start_utc: datetime | None
    start_firm: bool
    doc: str | None = None
    """The release's doc_id (the encounters of one release share it)."""

    @property
    def publisher(self) -> str | None:
        return self.record.publisher


def _kind(record: MeetingRecord, event: EventCoding | None) -> str | None:
    mode = event.mode if event is not None else None
    if mode in ("phone", "video"):
        return mode
    if mode is not None:
        return "in_person"
    return {"telephone_talk": "phone", "video_conference": "video", "meeting": "in_person",
            "courtesy_call": "in_person", "working_meal": "in_person"}.get(
                record.meeting_type or "")


def _item(index: int, raw: MeetingRecord | Mapping[str, Any]) -> _Item:
    record = raw if isinstance(raw, MeetingRecord) else MeetingRecord.model_validate(raw)
    event = code_record(record)
    sides: set[str] = set()
    if event is not None:
        sides = {a.code for a in [event.source, *event.targets] if a is not None}
    names: dict[str, set[str]] = defaultdict(set)
    for official in record.officials:
        side = official.country or official.organisation
        if side:
            names[side].add(_fold(official.family_name))
    day = None
    if record.date:
        day = Date.fromisoformat(record.date)
    start_utc, firm = None, False
    if event is not None and event.start:
        start_utc = datetime.fromisoformat(event.start).astimezone(UTC)
        firm = event.timezone_basis in ("stated", "location")
    key = record.event_key() or "sha:" + hashlib.sha256(
        json.dumps(record.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()[:16]
    return _Item(index, record, event, key, day, frozenset(sides), _kind(record, event),
                 dict(names), start_utc, firm, record.doc_id)


def _agree(a: _Item, b: _Item) -> bool:
    """True where ``a`` and ``b`` can be accounts of one meeting (dates checked by caller)."""
    if a.key == b.key or a.sides != b.sides or not a.sides:
        return False
    if a.doc is not None and a.doc == b.doc:
        return False  # two encounters of one release are two meetings
    if a.publisher is not None and a.publisher == b.publisher:
        return False
    if a.kind is None or a.kind != b.kind:
        return False
    for side in a.names.keys() & b.names.keys():
        if not a.names[side] & b.names[side]:
            return False
    loc_a = a.event.location_country if a.event else None
    loc_b = b.event.location_country if b.event else None
    if loc_a and loc_b and loc_a != loc_b:
        return False
    if a.start_utc and b.start_utc and a.start_firm and b.start_firm:
        if abs((a.start_utc - b.start_utc).total_seconds()) > MAX_START_GAP_MINUTES * 60:
            return False
    return True


def _shared_names(a: _Item, b: _Item) -> int:
    return sum(len(a.names[s] & b.names[s]) for s in a.names.keys() & b.names.keys())


def link(records: Iterable[MeetingRecord | Mapping[str, Any]]) -> list[LinkedEvent]:
    """Group records that describe the same meeting into events.

    Args:
        records: MeetingRecords or record dicts (JSONL lines parsed, or gold JSON); their
            ``event`` is used where set, else coded from their values.

    Returns:
        One :class:`LinkedEvent` per meeting, in the order of each event's first record in
        the input; a record that matches nothing is an event with one account. Records
        with no meeting (no event coding) are single events too.

    Raises:
        pydantic.ValidationError: a dict is not a valid record.
    """
    items = [_item(i, r) for i, r in enumerate(records)]
    clusters: list[list[_Item]] = []
    blocks: dict[tuple[frozenset[str], Date], list[int]] = defaultdict(list)
    by_sides: dict[frozenset[str], list[int]] = defaultdict(list)
    dated = sorted((it for it in items if it.day is not None), key=lambda it: (it.day, it.key))
    for item in dated:
        assert item.day is not None
        best: tuple[tuple[int, int, int], int] | None = None
        for delta in (-1, 0, 1):
            for cid in blocks.get((item.sides, item.day + timedelta(days=delta)), []):
                members = clusters[cid]
                if not all(_agree(item, m) and m.day is not None
                           and abs((m.day - item.day).days) <= 1 for m in members):
                    continue
                score = (sum(_shared_names(item, m) for m in members), -abs(delta), -cid)
                if best is None or score > best[0]:
                    best = (score, cid)
        if best is None:
            clusters.append([item])
            cid = len(clusters) - 1
            by_sides[item.sides].append(cid)
        else:
            cid = best[1]
            clusters[cid].append(item)
        if cid not in blocks[(item.sides, item.day)]:
            blocks[(item.sides, item.day)].append(cid)
    undated_joined: set[int] = set()
    for item in sorted((it for it in items if it.day is None), key=lambda it: it.key):
        window = None
        if item.record.release_date:
            release = Date.fromisoformat(item.record.release_date)
            window = (release - timedelta(days=UNDATED_WINDOW_DAYS), release + timedelta(days=1))
        found = []
        for cid in by_sides.get(item.sides, []):
            members = clusters[cid]
            if not all(_agree(item, m) for m in members):
                continue
            if not any(_shared_names(item, m) for m in members):
                continue
            days = [m.day for m in members if m.day is not None]
            if window and days and not any(window[0] <= d <= window[1] for d in days):
                continue
            found.append(cid)
        if len(found) == 1:
            clusters[found[0]].append(item)
            undated_joined.add(found[0])
        else:
            clusters.append([item])
    clusters.sort(key=lambda members: min(m.index for m in members))
    return [_event(members, undated=any(m.day is None for m in members) and len(members) > 1)
            for members in clusters]


def _value(item: _Item, name: str) -> Any:
    record = item.record
    if name == "start":
        return item.start_utc.isoformat() if item.start_utc else None
    if name == "officials":
        return sorted(_fold(o.family_name) for o in record.officials) or None
    return getattr(record, name)


def _event(members: list[_Item], undated: bool) -> LinkedEvent:
    members = sorted(members, key=lambda m: m.index)
    keys = sorted(m.key for m in members)
    event_id = "ev-" + hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
    accounts = [Account(doc_id=m.record.doc_id, encounter=m.record.encounter,
                        publisher=m.publisher, date=m.record.date,
                        mode=m.event.mode if m.event else None,
                        cameo=m.event.cameo if m.event else "040",
                        start=m.event.start if m.event else None) for m in members]
    disagreements = []
    if len(members) > 1:
        for name in COMPARED_FIELDS:
            values = {m.key: _value(m, name) for m in members}
            distinct = {json.dumps(v, sort_keys=True) for v in values.values() if v is not None}
            if len(distinct) > 1:
                disagreements.append(Disagreement(field=name, values=values))
    firm = [m.start_utc for m in members if m.start_utc is not None and m.start_firm]
    days = sorted(m.day for m in members if m.day is not None)
    day = firm[0].date().isoformat() if firm else (days[0].isoformat() if days else None)
    locations = [m.event.location_country for m in members
                 if m.event is not None and m.event.location_country]
    return LinkedEvent(
        event_id=event_id,
        kind=members[0].kind,  # type: ignore[arg-type]
        date=day,
        actors=sorted(members[0].sides),
        location_country=locations[0] if locations else None,
        accounts=accounts,
        disagreements=disagreements,
        warnings=["linked_without_date"] if undated else [],
    )
