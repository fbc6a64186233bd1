"""Event data models: a record's CONSULT event (PLOVER/CAMEO) and linked events.

This module imports nothing from :mod:`diplex.record` (which imports it), so that
``MeetingRecord.event`` can be typed with :class:`EventCoding` without an import cycle.

Vocabulary:

* PLOVER (Open Event Data Alliance, ``openeventdata/PLOVER``): event type ``CONSULT``.
* ``mode``: ``phone`` (telephone talk), ``video`` (video conference), ``visit`` (the
  publisher's side travelled to the other side), ``host`` (the other side came to the
  publisher's side; courtesy calls included), ``third-party`` (a venue neither side's).
* CAMEO 04 codes: ``041`` discuss by telephone, ``042`` make a visit, ``043`` host a visit,
  ``044`` meet at a "third" location, ``040`` consult, not specified (mode unknown).
  Video has no CAMEO code of its own; diplex codes it ``041`` because PLOVER's ``phone``
  mode is "via phone or some other remote medium".
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

Mode = Literal["phone", "video", "visit", "host", "third-party"]
"""How the consultation took place, from the publisher's side."""

Sector = Literal["GOV", "IGO"]
"""Actor sector: ``GOV`` government officials of a state, ``IGO`` an international
organisation's officials (PLOVER/CAMEO sector and non-state actor codes)."""

CAMEO_CODES: dict[str | None, str] = {
    "phone": "041",
    "video": "041",
    "visit": "042",
    "host": "043",
    "third-party": "044",
    None: "040",
}
"""CAMEO code of each mode (``None``: mode unknown)."""


class Actor(BaseModel):
    """One side of an event: a state (ISO 3166-1 alpha-3) or an international organisation
    (its acronym), with the sector of the officials who took part."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="ISO 3166-1 alpha-3 of a state, or an IGO's acronym.")
    sector: Sector = Field(description="GOV for a state's officials, IGO for an IGO's.")

    def cameo(self) -> str:
        """CAMEO-style actor code: ``JPNGOV`` for a state, ``IGO`` + acronym (``IGONATO``)
        for an organisation (diplex's own IGO codes, not CAMEO's IGO dictionary)."""
        return f"{self.code}GOV" if self.sector == "GOV" else f"IGO{self.code.upper()}"


class EventCoding(BaseModel):
    """A record's meeting as a PLOVER CONSULT event with its CAMEO code and clock times.

    Evidence for ``mode`` and ``timezone`` is in the record's ``evidence`` list under the
    fields ``event.mode`` and ``event.timezone``; what was guessed is in its ``warnings``.
    """

    model_config = ConfigDict(extra="forbid")

    event_type: Literal["CONSULT"] = "CONSULT"
    mode: Mode | None = Field(default=None, description="How the meeting took place; null "
                              "where the text does not tell.")
    cameo: str = Field(default="040", pattern=r"^04[0-6]$",
                       description="CAMEO code: 041 phone/video, 042 visit, 043 host, "
                       "044 third location, 040 not specified.")
    source: Actor | None = Field(default=None, description="The publisher's side.")
    targets: list[Actor] = Field(default_factory=list,
                                 description="The other parties, in order of first mention.")
    date: str | None = Field(default=None, description="YYYY-MM-DD, the meeting's local date.")
    start: str | None = Field(default=None, description="ISO 8601 datetime with UTC offset "
                              "(2023-12-11T11:05:00+09:00); null without date and time.")
    end: str | None = Field(default=None, description="ISO 8601 datetime of a stated end time.")
    timezone: str | None = Field(default=None, description="IANA zone of start/end.")
    timezone_basis: Literal["stated", "location", "publisher_capital"] | None = Field(
        default=None, description="Where the zone came from: a zone stated in the text, the "
        "meeting's location, or the publisher's capital (a fallback).")
    duration: str | None = Field(default=None, description="ISO 8601 duration (PT1H10M).")
    location_country: str | None = Field(default=None, description="ISO alpha-3 of the "
                                         "meeting's place, where known.")
    sentence: str | None = Field(default=None, description="The sentence the event was "
                                 "coded from (the meeting's report).")


class Account(BaseModel):
    """One publisher's record of a linked event."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None
    publisher: str | None
    date: str | None
    mode: Mode | None
    cameo: str
    start: str | None = None
    encounter: int | None = Field(
        default=None, description="Which encounter of its release the account is (a record "
        "of diplex.extract_encounters); left out of the output where null.")

    @model_serializer(mode="wrap")
    def _drop_null_encounter(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("encounter", 0) is None:
            del data["encounter"]
        return data


class Disagreement(BaseModel):
    """A field on which a linked event's accounts give different (non-null) values.

    ``values`` maps each account's doc_id (``doc_id#N`` for encounter N of a release) to its
    value (null where it gives none).
    """

    model_config = ConfigDict(extra="forbid")

    field: str
    values: dict[str, object]


class LinkedEvent(BaseModel):
    """One real meeting and the accounts (records) that describe it.

    ``event_id`` is ``ev-`` + the first 16 hex digits of SHA-256 over the sorted doc_ids
    (``doc_id#N`` for encounter N of a release), so
    it is stable across runs and input order.
    """

    model_config = ConfigDict(extra="forbid")

    event_id: str
    event_type: Literal["CONSULT"] = "CONSULT"
    kind: Literal["phone", "video", "in_person"] | None = Field(
        description="The encounter's kind, shared by every account.")
    date: str | None = Field(description="UTC date of the start where an account gives a "
                             "start on a clock; else the earliest account date.")
    actors: list[str] = Field(description="Codes of every side, sorted.")
    location_country: str | None = None
    accounts: list[Account]
    disagreements: list[Disagreement] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list,
                                description="e.g. ``linked_without_date``.")
