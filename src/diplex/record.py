"""The meeting record: diplex's output contract.

Field names and value formats follow the corpus format in ``shared/corpus/README.md``
(``doc_id`` ... ``topics``), plus two fields of diplex's own: ``evidence`` (the span of
text each value came from) and ``warnings`` (what was inferred or ambiguous).

``MeetingRecord.model_json_schema()`` gives the JSON Schema of the output.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from .events.model import EventCoding

MeetingType = Literal[
    "meeting", "courtesy_call", "telephone_talk", "video_conference", "working_meal", "other"
]
"""The form of the encounter, as defined in the corpus annotation guide."""

Role = Literal["participant", "mentioned"]
"""``participant``: took part in the meeting; ``mentioned``: only referred to."""

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
HH_MM = r"^([01]\d|2[0-3]):[0-5]\d$"
ALPHA3 = r"^[A-Z]{3}$"


class Official(BaseModel):
    """A named person who took part in the meeting."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The name as written, without honorifics (Mr., H.E., Dr., MP).")
    family_name: str = Field(description="Surname in ordinary capitalisation ('Kamikawa').")
    given_name: str | None = Field(default=None, description="The rest of the name, if written.")
    title: str | None = Field(
        default=None, description="The office as written, without the country or organisation."
    )
    country: str | None = Field(
        default=None,
        pattern=ALPHA3,
        description="ISO 3166-1 alpha-3 of the state represented; null for IGO officials.",
    )
    organisation: str | None = Field(
        default=None,
        description="Acronym (or name) of the international organisation represented, else null.",
    )


class CountryRef(BaseModel):
    """A sovereign state referred to in the release."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=ALPHA3, description="ISO 3166-1 alpha-3 (Kosovo: XKX).")
    role: Role


class OrganisationRef(BaseModel):
    """An international organisation, organ or standing grouping referred to in the release."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        description="The organisation's full name ('North Atlantic Treaty Organization')."
    )
    acronym: str | None = Field(default=None, description="Its standard acronym ('NATO').")
    role: Role


class Evidence(BaseModel):
    """The span of text one extracted value came from.

    ``field`` names the value: a top-level field (``"date"``, ``"start_time"``) or a list
    item (``"officials[0]"``, ``"countries[2]"``, ``"topics[1]"``). Offsets are character
    offsets into the text given to the extractor, ``[start, end)``.
    """

    model_config = ConfigDict(extra="forbid")

    field: str
    start: int = Field(ge=0, description="Character offset of the span's first character.")
    end: int = Field(ge=0, description="Character offset one past the span's last character.")
    text: str = Field(description="text[start:end]")
    rule: str | None = Field(default=None, description="Id of the rule that found the value.")
    rule_row: str | None = Field(
        default=None,
        description="The rule table row the rule read, TABLE:ROW_ID ('topic_cues.jsonl:discuss');"
        " None where the rule read no single row.",
    )
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="How sure the rule is, in [0, 1]."
    )


class ExtractionWarning(BaseModel):
    """Something inferred or ambiguous that an analyst should check.

    ``code`` is a stable identifier (``year_from_release_date``, ``country_from_publisher``,
    ``announced``, ``no_meeting_found``, ...; every code is listed in ``docs/warnings.md``);
    ``field`` names the affected field, if any.
    """

    model_config = ConfigDict(extra="forbid")

    code: str
    message: str
    field: str | None = None


class MeetingRecord(BaseModel):
    """One release's meeting record, in the corpus format plus evidence and warnings."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None = Field(default=None, description="The document's id (file name stem).")
    encounter: int | None = Field(
        default=None, ge=1,
        description="Which encounter of the release, from 1 (diplex.extract_encounters); "
        "left out of the output where null (a record of the whole release).")
    publisher: str | None = Field(
        default=None, description="ISO alpha-3 (or IGO acronym) of the issuing government."
    )
    title: str | None = Field(default=None, description="The release headline as written.")
    release_date: str | None = Field(default=None, pattern=ISO_DATE, description="YYYY-MM-DD")
    meeting_type: MeetingType | None = None
    date: str | None = Field(
        default=None, pattern=ISO_DATE, description="YYYY-MM-DD; first day of a multi-day event."
    )
    start_time: str | None = Field(
        default=None, pattern=HH_MM, description="HH:MM, 24-hour, local."
    )
    end_time: str | None = Field(default=None, pattern=HH_MM, description="HH:MM, 24-hour, local.")
    duration_minutes: int | None = Field(default=None, ge=0, description="Length in minutes.")
    location: str | None = Field(default=None, description="City (or venue) of the meeting.")
    officials: list[Official] = Field(default_factory=list)
    countries: list[CountryRef] = Field(default_factory=list)
    organisations: list[OrganisationRef] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(default_factory=list)
    event: EventCoding | None = Field(
        default=None,
        description="The meeting as a PLOVER CONSULT event with its CAMEO code, actors and "
        "clock times (diplex.events); null where no meeting was found.",
    )

    @model_serializer(mode="wrap")
    def _drop_null_encounter(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Serialise as usual, without ``encounter`` where it is None: a whole release's
        record is written exactly as before the field existed."""
        data: dict[str, Any] = handler(self)
        if data.get("encounter", 0) is None:
            del data["encounter"]
        return data

    def gold_view(self) -> dict[str, object]:
        """Return the record as a corpus gold dict: the corpus fields only.

        Returns:
            dict with exactly the keys of ``shared/corpus/README.md``'s record, in that order.
        """
        return self.model_dump(mode="json",
                               exclude={"encounter", "evidence", "warnings", "event"})

    def event_key(self) -> str | None:
        """The id of this record's event in exports and links: ``doc_id``, or
        ``doc_id#N`` for encounter N of a release (:func:`diplex.extract_encounters`), so
        that each encounter is an event of its own.

        Returns:
            The key, or None where the record has no ``doc_id``.
        """
        if self.doc_id is None:
            return None
        return self.doc_id if self.encounter is None else f"{self.doc_id}#{self.encounter}"

    def warning_codes(self) -> list[str]:
        """Return the ``code`` of each warning, in order."""
        return [w.code for w in self.warnings]


GOLD_FIELDS: tuple[str, ...] = (
    "doc_id",
    "publisher",
    "title",
    "release_date",
    "meeting_type",
    "date",
    "start_time",
    "end_time",
    "duration_minutes",
    "location",
    "officials",
    "countries",
    "organisations",
    "topics",
)
"""The corpus record's fields, in the corpus README's order."""
