"""Writers of event data: PLOVER JSON lines, CAMEO tab-separated lines (as PETRARCH writes
them), and a flat CSV.

* PLOVER (``openeventdata/PLOVER``, chapter "JSON Data Fields"): one JSON object per line
  with ``id``, ``date``, ``time`` (so that ``date + "T" + time`` is an ISO 8601 datetime),
  ``enddate``/``endtime``, ``source`` and ``recipient`` (lists of actor objects),
  ``event`` (list), ``mode``, ``quad_code`` (1: verbal cooperation), ``event_loc``,
  ``event_text``, ``coder``. PLOVER's CONSULT modes are ``visit``, ``third-party``,
  ``multilateral`` and ``phone`` ("phone or some other remote medium"): diplex's ``video``
  is written ``phone``; a visit has the visitor as source and the host as recipient, so
  diplex's ``host`` is written ``visit`` with the other side as source and the publisher
  as recipient; where there is no host/visitor distinction (phone, third-party, unknown)
  every side is a source and there is no recipient. diplex's own values are kept in
  ``cameo`` and ``diplex_mode``.
* CAMEO, after PETRARCH-2's ``PETRwriter.write_events``: tab-separated ``story_date``
  (YYYYMMDD), source, target, CAMEO code, issues (empty), ids (the doc_id), story source
  (the publisher), and the event text (the sentence coded). One line per (source,
  target) dyad, from the publisher's side; actor codes are ``JPNGOV`` / ``IGONATO``
  (see :meth:`Actor.cameo`). Records without a date or without a target are not written
  (CAMEO needs both); :func:`cameo_rows` reports how many were skipped.
* CSV: one row per record with an event (columns :data:`CSV_COLUMNS`).

Each writer takes an optional :class:`ExportTally`, which counts the records read,
announced and coded and the events written, and says why an export wrote nothing.

Each record is one event: where a release gives one record per encounter
(:func:`diplex.extract_encounters`), PLOVER's ``id``, CAMEO's ids and the CSV's ``doc_id``
are ``doc_id#N`` for encounter N (:meth:`MeetingRecord.event_key`); a record of a whole
release keeps its plain ``doc_id``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .. import __version__ as _version
from ..record import MeetingRecord
from .coding import code_record, is_announcement
from .model import Actor, EventCoding

CSV_COLUMNS = ("doc_id", "publisher", "date", "start", "timezone", "duration",
               "event_type", "mode", "cameo", "source", "targets", "location",
               "location_country", "sentence")


def _record(raw: MeetingRecord | Mapping[str, Any]) -> MeetingRecord:
    return raw if isinstance(raw, MeetingRecord) else MeetingRecord.model_validate(raw)


@dataclass
class ExportTally:
    """What an export did with its records, to say why it wrote nothing.

    Attributes:
        records: records read; announced: those that only announce a meeting;
        coded: those with a coded event; incomplete: coded ones CAMEO could not write (no
        date, or not two sides); events: events written (CAMEO: records with rows).
    """

    records: int = 0
    announced: int = 0
    coded: int = 0
    incomplete: int = 0
    events: int = 0

    def count(self, record: MeetingRecord) -> EventCoding | None:
        """Code ``record`` (:func:`~diplex.events.coding.code_record`) and count it.

        Returns:
            Its event, or None (announced, or no meeting coded).
        """
        self.records += 1
        if is_announcement(record):
            self.announced += 1
            return None
        event = code_record(record)
        if event is not None:
            self.coded += 1
        return event

    def reason(self) -> str:
        """Why nothing was written: ``0 events written: 12 records read, 12 announced, 0
        with no meeting to code, 0 with a coded event`` (and, for CAMEO, how many coded
        ones lacked a date or two sides)."""
        text = f"0 events written: {self.records} records read"
        if self.records:
            uncoded = self.records - self.announced - self.coded
            text += (f", {self.announced} announced, {uncoded} with no meeting to code, "
                     f"{self.coded} with a coded event")
        if self.incomplete:
            text += f", {self.incomplete} without the date or the two sides CAMEO needs"
        return text


def _actor_json(actor: Actor) -> dict[str, str]:
    return {"code": actor.code, "sector": actor.sector}


def plover_dict(record: MeetingRecord, event: EventCoding) -> dict[str, Any]:
    """One PLOVER event object for a record and its event (see the module docstring)."""
    sides = [a for a in [event.source, *event.targets] if a is not None]
    others = list(event.targets)
    own = [event.source] if event.source is not None else []
    if event.mode == "visit":
        source, recipient, mode = own, others, ["visit"]
    elif event.mode == "host":
        source, recipient, mode = others, own, ["visit"]
    else:
        source, recipient = sides, []
        mode = {"phone": ["phone"], "video": ["phone"], "third-party": ["third-party"]}.get(
            event.mode or "", [])
    out: dict[str, Any] = {
        "id": record.event_key(),
        "date": event.date,
        "source": [_actor_json(a) for a in source],
        "recipient": [_actor_json(a) for a in recipient],
        "event": [event.event_type],
        "mode": mode,
        "quad_code": 1,
        "cameo": event.cameo,
        "diplex_mode": event.mode,
        "coder": f"diplex {_version}",
    }
    if event.start:
        out["time"] = event.start.split("T", 1)[1]
    if event.end:
        out["enddate"], out["endtime"] = event.end.split("T", 1)
    if event.timezone:
        out["timezone"] = event.timezone
    if event.duration:
        out["duration"] = event.duration
    if record.location or event.location_country:
        out["event_loc"] = {"name": record.location, "country": event.location_country}
    if event.sentence:
        out["event_text"] = [event.sentence]
    return out


def plover_records(
    records: Iterable[MeetingRecord | Mapping[str, Any]],
    tally: ExportTally | None = None,
) -> Iterator[dict[str, Any]]:
    """PLOVER objects of the records that report a meeting, in input order.

    Args:
        records: records or record dicts.
        tally: if given, counts what was read and written.
    """
    tally = tally if tally is not None else ExportTally()
    for raw in records:
        record = _record(raw)
        event = tally.count(record)
        if event is not None:
            tally.events += 1
            yield plover_dict(record, event)


def cameo_rows(records: Iterable[MeetingRecord | Mapping[str, Any]],
               skipped: list[str] | None = None,
               tally: ExportTally | None = None) -> Iterator[list[str]]:
    """CAMEO rows ``[YYYYMMDD, source, target, code, issues, ids, story_source, text]``.

    Args:
        records: records or record dicts.
        skipped: if given, receives the doc_id of each record not written (no meeting,
            no date, no source or no target).
        tally: if given, counts what was read and written.
    """
    tally = tally if tally is not None else ExportTally()
    for raw in records:
        record = _record(raw)
        event = tally.count(record)
        if event is None or not event.date or event.source is None or not event.targets:
            if event is not None:
                tally.incomplete += 1
            if skipped is not None:
                skipped.append(record.event_key() or "")
            continue
        tally.events += 1
        day = event.date.replace("-", "")
        text = " ".join((event.sentence or "").split())
        for target in event.targets:
            yield [day, event.source.cameo(), target.cameo(), event.cameo, "",
                   record.event_key() or "", record.publisher or "", text]


def csv_rows(records: Iterable[MeetingRecord | Mapping[str, Any]],
             tally: ExportTally | None = None) -> Iterator[dict[str, Any]]:
    """Flat rows (keys :data:`CSV_COLUMNS`) of the records that report a meeting.

    Args:
        records: records or record dicts.
        tally: if given, counts what was read and written.
    """
    tally = tally if tally is not None else ExportTally()
    for raw in records:
        record = _record(raw)
        event = tally.count(record)
        if event is None:
            continue
        tally.events += 1
        yield {
            "doc_id": record.event_key(), "publisher": record.publisher, "date": event.date,
            "start": event.start, "timezone": event.timezone, "duration": event.duration,
            "event_type": event.event_type, "mode": event.mode, "cameo": event.cameo,
            "source": event.source.code if event.source else None,
            "targets": ";".join(t.code for t in event.targets),
            "location": record.location, "location_country": event.location_country,
            "sentence": event.sentence,
        }


def cameo_line(row: list[str]) -> str:
    """One tab-separated line (tabs and newlines inside a field become spaces)."""
    return "\t".join(" ".join(str(v).split()) if v else "" for v in row) + "\n"


def csv_text(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text with a header line (RFC 4180 quoting by the csv module)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
