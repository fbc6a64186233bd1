"""Row schemas of the rule tables in ``models/``: one declared shape per table (and kind).

Every table is a JSONL file. Its first line is a header object ``{"_source": ...,
"_description": ...}`` (every key starts with ``_``) that cites where the data comes from;
every other line is one row. A row is checked against its table's schema with pydantic in
strict mode: no coercion ("20" is not 20), no unknown key (a mistyped key is an error, not a
row silently ignored), every required key present.

A table whose rows come in several kinds (``kind``, or ``order`` in ``name_order.jsonl``)
declares one schema per kind; a row of an unknown kind is an error. :data:`TABLES` maps each
file name to its :class:`TableSchema`; a file in a rule folder that is not declared there is
reported by ``diplex rules check`` rather than read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..record import MeetingType

_SLOT = regex.compile(r"\{([a-z][a-z0-9_]*)\}")


def _compiles(pattern: str) -> str:
    """A regular expression that compiles (slots ``{name}`` of :mod:`diplex.cues` stand for
    a group here); the error names the problem."""
    try:
        regex.compile(_SLOT.sub("(?:x)", pattern))
    except regex.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from None
    return pattern


def _compile_all(patterns: list[str]) -> list[str]:
    for item in patterns:
        _compiles(item)
    return patterns


def _token_pattern(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A spaCy ``Matcher`` token pattern that spaCy's own schema accepts (spaCy is imported
    only here, when such a row is checked)."""
    from spacy.schemas import validate_token_pattern

    problems = validate_token_pattern(pattern)
    if problems:
        raise ValueError(f"not a spaCy token pattern: {'; '.join(problems)}")
    return pattern


def _token_patterns(patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    for item in patterns:
        _token_pattern(item)
    return patterns


Regex = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]
"""A regex field: compiled when the row is checked."""
Regexes = Annotated[list[str], Field(min_length=1), AfterValidator(_compile_all)]
TokenPattern = Annotated[list[dict[str, Any]], Field(min_length=1), AfterValidator(_token_pattern)]
TokenPatternList = Annotated[list[list[dict[str, Any]]], Field(min_length=1),
                             AfterValidator(_token_patterns)]


class Row(BaseModel):
    """Base of every row schema: strict types, no unknown keys, rows are read-only."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ----------------------------------------------------------------------------- shared shapes


class Words(Row):
    """A list of words or phrases of one kind (``words``)."""

    kind: str
    words: list[str] = Field(min_length=1)


class Texts(Row):
    """A list of words or phrases of one kind (``texts``)."""

    kind: str
    texts: list[str] = Field(min_length=1)


class Patterns(Row):
    """A list of regular expressions of one kind (``patterns``)."""

    kind: str
    patterns: Regexes


class Layout(Row):
    """A layout row read by :mod:`diplex.cues`: a named regex with slots and flags."""

    kind: str
    name: str = Field(min_length=1)
    pattern: Regex
    flags: str = Field(default="", pattern=r"^[imsx]*$")
    meaning: str = ""


class Piece(Row):
    """A regex piece (no flags of its own) usable as a slot by later rows: a fragment, which
    may refer to groups of other pieces, so it is compiled only inside the layouts that use
    it (by :mod:`diplex.cues` when the pipeline loads)."""

    kind: str
    name: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    meaning: str = ""


class DurationLayout(Layout):
    """A duration layout and the confidence of its evidence."""

    confidence: float = Field(ge=0.0, le=1.0)


class TokenPatterns(Row):
    """Named spaCy ``Matcher`` token patterns (a list of patterns, each a list of dicts)."""

    kind: str
    name: str = Field(min_length=1)
    patterns: TokenPatternList
    meaning: str = ""


class FormWords(Row):
    """Words of one kind that give an encounter's form (a meeting_type)."""

    kind: str
    words: list[str] = Field(min_length=1)
    form: str = Field(min_length=1)


class ValuedWords(Row):
    """Words that all mean one value (a month number, a count, a day part)."""

    kind: str
    words: list[str] = Field(min_length=1)
    value: int | float | str


# ---------------------------------------------------------------------------- per table


class Country(Row):
    """A state: ISO 3166-1 alpha-3 code, name and the forms releases use for it."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    demonyms: list[str] = []
    aliases: list[str] = []
    acronyms: list[str] = []
    confidence: dict[str, float] = {}
    caps_guard: list[str] = []


class MeetingKind(Row):
    """A cue of the form of an encounter (a meeting_type) and how strong it is."""

    type: MeetingType
    pattern: Regex
    modality: bool = False
    weak: bool = False


class NameOrderStates(Row):
    """States whose names follow one naming order."""

    order: str
    countries: list[str] = Field(min_length=1)


class NameOrderSurnames(Row):
    """Surnames that mark a naming order."""

    order: str
    surnames: list[str] = Field(min_length=1)


class NotCountry(Row):
    """What blocks a state's name: a whole ``phrase`` ("Korean Peninsula"), a ``head``
    after it ("... Sea") or a word ``before`` it ("Gulf of ..."); exactly one of them."""

    phrase: str | None = Field(default=None, min_length=1)
    head: str | None = Field(default=None, min_length=1)
    before: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _exactly_one(self) -> NotCountry:
        given = [k for k in ("phrase", "head", "before") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"expected exactly one of phrase, head, before; got {given}")
        return self


class OrganisationEquivalence(Row):
    """Names the scorer counts as one organisation."""

    names: list[str] = Field(min_length=2)


class Organisation(Row):
    """An international organisation, organ, forum, grouping or conference."""

    kind: str
    name: str = Field(min_length=1)
    acronym: str | None = None
    aliases: list[str] = []
    forms: list[str] = []
    parent: str | None = None
    not_followed_by: list[str] = []
    not_preceded_by: list[str] = []
    preceded_by: list[str] = []
    caps_guard: bool = False
    match_acronym: bool = False


class Publisher(Row):
    """A state or organisation that publishes readouts, and how its pages name it."""

    code: str = Field(min_length=2)
    name: str
    ministry: list[str] = []
    government: list[str] = []
    foreign_minister: list[str] = []
    unique_titles: list[str] = []
    date_order: str | None = Field(default="DMY", pattern=r"^(DMY|MDY)$")
    source: str = ""
    site: list[str] = []
    headline: list[str] = []


class ZoneCity(Row):
    """A city, its state and IANA time zone."""

    kind: str
    city: str
    country: str = Field(pattern=r"^[A-Z]{3}$")
    zone: str
    capital: bool = False
    population: int | None = None
    aliases: list[str] = []


class ZoneLabel(Row):
    """A time-zone label ("JST") and its IANA zone."""

    kind: str
    label: str
    zone: str


class Seat(Row):
    """The seat of an organisation (city and state)."""

    kind: str
    organisation: str
    city: str
    country: str = Field(pattern=r"^[A-Z]{3}$")


class TopicCue(Row):
    """A topic cue: spaCy Matcher token pattern and how to take the topic from it."""

    id: str = Field(min_length=1)
    pattern: TokenPattern
    confidence: float = Field(ge=0.0, le=1.0)
    bare_place: bool = False
    note: str = ""
    head_in: list[str] = []
    take: str = ""


class TopicExclusion(Row):
    """A word that disqualifies or reshapes a topic candidate."""

    type: str
    word: str = Field(min_length=1)


class FixedPhrase(Row):
    """A multiword topic name whose coordination is not split."""

    phrase: str = Field(min_length=1)


class TravelCue(Row):
    """A cue of who travelled where (for event coding)."""

    cue: str
    mode: str
    confidence: float = Field(ge=0.0, le=1.0)
    pattern: Regex
    scope: str = ""


# ----------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableSchema:
    """How the rows of one table file are checked.

    Attributes:
        file: the file name in a rule folder (``officials.jsonl``).
        readers: the modules that read the table (for ``diplex rules check`` and docs).
        row: the schema of every row, where the table has one shape.
        kinds: kind value -> schema, where rows come in kinds.
        kind_key: the key that holds the kind (``kind``; ``order`` for name orders).
        id_keys: keys whose value names a row in provenance (first present wins; else the
            row's kind; else its line number).
    """

    file: str
    readers: str
    row: type[Row] | None = None
    kinds: dict[str, type[Row]] = field(default_factory=dict)
    kind_key: str = "kind"
    id_keys: tuple[str, ...] = ("id", "name", "code", "cue", "phrase")

    def schema_for(self, obj: dict[str, Any]) -> type[Row]:
        """The schema of row ``obj``.

        Raises:
            ValueError: the row's kind is missing or not declared for this table.
        """
        if self.row is not None:
            return self.row
        kind = obj.get(self.kind_key)
        if kind not in self.kinds:
            known = ", ".join(sorted(self.kinds))
            raise ValueError(f"{self.kind_key}={kind!r} is not a kind of this table ({known})")
        return self.kinds[kind]

    def row_id(self, obj: dict[str, Any], line: int) -> str:
        """The row's id in provenance: its id/name/code..., else its kind, else ``line``."""
        for key in self.id_keys:
            value = obj.get(key)
            if isinstance(value, str) and value:
                return value
        kind = obj.get(self.kind_key)
        return str(kind) if isinstance(kind, str) and kind else str(line)


def _kinds(schema: type[Row], *names: str) -> dict[str, type[Row]]:
    return {name: schema for name in names}


TABLES: dict[str, TableSchema] = {
    t.file: t
    for t in (
        TableSchema(
            "announcements.jsonl", "diplex.assemble",
            kinds={**_kinds(Words, "future_marker", "headline_future"),
                   "context_layout": Layout},
        ),
        TableSchema(
            "encounters.jsonl", "diplex.encounters",
            kinds={"list_head": FormWords, "context_layout": Layout,
                   **_kinds(Words, "opener_determiner", "function_word", "sequence_marker",
                            "side_end", "not_opener", "all_parts_word", "part_noun",
                            "distribution_lead")},
        ),
        TableSchema("countries.jsonl", "diplex.normalise.countries", row=Country,
                    id_keys=("code",)),
        TableSchema(
            "datetime_lexicon.jsonl", "diplex.components.datetimes",
            kinds={
                **_kinds(ValuedWords, "month", "weekday", "number", "relative_day",
                         "month_year_first", "clock_fraction", "day_part"),
                **_kinds(Words, "zone_abbr", "us_zone", "meeting_noun", "approx",
                         "duration_cue", "time_cue", "not_after_duration", "clock_suffix",
                         "oclock"),
                "datetime_piece": Piece,
                **_kinds(Layout, "date_layout", "clock_layout"),
                "duration_layout": DurationLayout,
            },
        ),
        TableSchema(
            "layout.jsonl", "diplex.components.layout",
            kinds=_kinds(Patterns, "boilerplate", "headline_word", "caption", "date_label",
                         "issued", "office_name", "title_separator", "title_site"),
        ),
        TableSchema(
            "locations.jsonl", "diplex.components.locations",
            kinds={**_kinds(Texts, "city_state", "venue_word", "venue_name"),
                   "margins": Patterns},
        ),
        TableSchema("meeting_kinds.jsonl", "diplex.components.meeting_kind", row=MeetingKind,
                    id_keys=("type",)),
        TableSchema(
            "name_order.jsonl", "diplex.normalise.names", kind_key="order",
            kinds={**_kinds(NameOrderStates, "family_first", "chinese_names",
                            "japanese_family_first_lowercase", "two_surnames"),
                   **_kinds(NameOrderSurnames, "family_first_surnames",
                            "japanese_surnames")},
        ),
        TableSchema("not_countries.jsonl", "diplex.normalise.countries", row=NotCountry,
                    id_keys=("phrase", "head", "before")),
        TableSchema(
            "officials.jsonl", "diplex.components.officials",
            kinds=_kinds(Texts, "honorific", "postnominal", "title_word", "title_head",
                         "connector", "particle", "party_word", "counterpart_word",
                         "not_name", "lower_title_head"),
        ),
        TableSchema("organisation_equivalences.jsonl", "diplex.scoring",
                    row=OrganisationEquivalence),
        TableSchema("organisations.jsonl", "diplex.normalise.organisations",
                    kinds=_kinds(Organisation, "organisation", "organ", "forum",
                                 "grouping", "conference")),
        TableSchema(
            "participation.jsonl", "diplex.roles",
            kinds={**_kinds(Words, "list_head", "list_head_modifier", "encounter_cue",
                            "other_event_cue"),
                   **_kinds(Layout, "context_layout", "office_layout"),
                   "token_pattern": TokenPatterns},
        ),
        TableSchema("publishers.jsonl", "diplex.normalise.publishers", row=Publisher,
                    id_keys=("code",)),
        TableSchema("timezones.jsonl", "diplex.events.clock",
                    kinds={"city": ZoneCity, "label": ZoneLabel, "seat": Seat},
                    id_keys=("city", "label", "organisation")),
        TableSchema("topic_cues.jsonl", "diplex.components.topics", row=TopicCue),
        TableSchema("topic_exclusions.jsonl", "diplex.components.topics", row=TopicExclusion,
                    id_keys=("word",)),
        TableSchema("topic_fixed_phrases.jsonl", "diplex.components.topics", row=FixedPhrase),
        TableSchema("travel_cues.jsonl", "diplex.events.coding", row=TravelCue),
    )
}
"""Every rule table diplex reads, by file name."""
