"""Sovereign states by name, alias, acronym or demonym -> ISO 3166-1 alpha-3 (no spaCy).

The table is built from two sources:

- **pycountry** (ISO 3166-1): for every state listed in ``models/countries.jsonl``, its short
  name, official name and common name. Inverted ISO forms are turned round ("Korea,
  Republic of" gives "Korea" and "Republic of Korea"; "Congo, The Democratic Republic of
  the" gives "Democratic Republic of the Congo"), a leading "the" is dropped, and a
  parenthesised part is a name of its own ("Holy See (Vatican City State)").
- **models/countries.jsonl**: one line per sovereign state (UN members and observer states,
  Taiwan ``TWN``, Kosovo ``XKX``) with the aliases, acronyms and demonyms ministries write
  that ISO does not give ("U.S.", "ROK", "Britain", "Lao PDR", "Japanese").

A pycountry code that is missing from ``countries.jsonl`` is a dependent territory (Guam,
Hong Kong, New Caledonia...): it is never a state, and its names block state matches inside
them ("American Samoa" is not the United States). ``models/not_countries.jsonl`` lists the
other things that contain a state's name without being the state ("Korean Peninsula",
"Taiwan Strait", "Sea of Japan").

Where one written form would belong to two states by ISO names alone ("Korea", "Congo"),
it is dropped unless the hand table claims it for one state (``countries.jsonl`` lists
"Korea" as KOR, the foreign-ministry usage); "Congo" and "Congolese" stay unresolved.

Public API: :func:`country_code`, :func:`is_demonym`, :func:`load_table`,
:class:`CountryTable`, :class:`CountryForm`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from ..assets import asset_path
from ..rules import read_table

RULE_NAME = "country.name"
"""An ISO 3166-1 name (short, official or common) read from pycountry."""
RULE_ALIAS = "country.alias"
"""A name or acronym from the hand table (``countries.jsonl``: aliases, acronyms)."""
RULE_DEMONYM = "country.demonym"
"""An adjective standing for the state ("Japanese", "the Chinese side")."""
RULE_POSSESSIVE = "country.possessive"
"""A name or alias followed by a possessive 's ("Russia's aggression")."""

CONFIDENCE: dict[str, float] = {
    RULE_NAME: 0.95,
    RULE_ALIAS: 0.9,
    RULE_DEMONYM: 0.85,
}
"""Default confidence of each rule; ``countries.jsonl`` may override it per form."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[\u2010-\u2015-]\s*")


def strip_accents(text: str) -> str:
    """Return ``text`` without combining accents ("Türkiye" -> "Turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(text: str) -> str:
    text = text.translate(_APOSTROPHES)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Case- and accent-insensitive key."""
    return strip_accents(_clean(text)).casefold()


@dataclass(frozen=True)
class CountryForm:
    """One written form of a state.

    Attributes:
        text: the form as listed ("Republic of Korea", "ROK", "Japanese").
        code: ISO 3166-1 alpha-3 of the state.
        rule: :data:`RULE_NAME`, :data:`RULE_ALIAS` or :data:`RULE_DEMONYM`.
        confidence: in [0, 1].
        exact: True for acronyms, matched only exactly as written ("US", never "us").
        caps_guard: True where the form is also an English word in capitals ("US"): the
            component skips it inside an all-capitals line.
    """

    text: str
    code: str
    rule: str
    confidence: float
    exact: bool = False
    caps_guard: bool = False


@dataclass
class CountryTable:
    """All state forms and blockers, loaded from the asset folder and pycountry.

    Attributes:
        forms: every :class:`CountryForm` (one state per written form; ambiguous ISO-only
            forms removed).
        blockers: phrases that contain a state form without being the state (territory
            names from pycountry, ``not_countries.jsonl`` phrases, organisation names
            passed in by the caller).
        heads: lower-cased words or phrases that, right after a state form, make it part of
            a place or body name ("strait", "affairs office").
        befores: lower-cased phrases that, right before a state form, do the same
            ("sea of").
    """

    forms: list[CountryForm] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    heads: frozenset[str] = frozenset()
    befores: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._exact: dict[str, CountryForm] = {}
        self._folded: dict[str, CountryForm] = {}
        for form in self.forms:
            self._exact.setdefault(_clean(form.text), form)
            if not form.exact:
                self._folded.setdefault(_fold(form.text), form)

    def lookup(self, text: str) -> CountryForm | None:
        """Return the form ``text`` stands for, or None.

        ``text`` may start with "the" and end with a possessive ("the Russian Federation's");
        acronyms match only as written ("US", "U.S."; not "us"), other forms whatever the
        case and accents ("TÜRKIYE", "turkiye").
        """
        cleaned = _clean(text)
        if not cleaned:
            return None
        candidates = [cleaned]
        stripped = _POSSESSIVE.sub("", cleaned).strip()
        if stripped and stripped != cleaned:
            candidates.append(stripped)
        for cand in list(candidates):
            if cand[:4].casefold() == "the ":
                candidates.append(cand[4:].strip())
        for cand in candidates:
            form = self._exact.get(cand)
            if form is not None:
                return form
        for cand in candidates:
            form = self._folded.get(_fold(cand))
            if form is not None:
                return form
        return None


def _iso_names(record: object) -> list[str]:
    """Names of one pycountry record, with inverted forms turned round."""
    raw = [getattr(record, attr, None) for attr in ("name", "official_name", "common_name")]
    names: list[str] = []
    for name in raw:
        if not name:
            continue
        parts = [name]
        paren = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", name)
        if paren:
            parts = [paren.group(1), paren.group(2)]
        for part in parts:
            if "," in part:
                head, tail = (s.strip() for s in part.split(",", 1))
                names.append(head)
                tail = re.sub(r"^[Tt]he\s+", "", tail)
                if re.search(r"\bof(?: the)?$", tail):
                    names.append(f"{tail} {head}")
            else:
                names.append(part)
    out = []
    for name in names:
        name = re.sub(r"^[Tt]he\s+", "", name).strip()
        if name and name not in out:
            out.append(name)
    return out


def load_table(folder: str | Path | None = None, extra_blockers: list[str] | None = None
               ) -> CountryTable:
    """Build the :class:`CountryTable` from the asset files in ``folder``.

    Args:
        folder: folder holding ``countries.jsonl`` and ``not_countries.jsonl``; None for the
            bundled ``models/``.
        extra_blockers: further phrases to block state matches inside (the component passes
            the multi-word organisation names, so "Organization of American States" is no
            reference to the United States).

    Returns:
        The table.

    Raises:
        FileNotFoundError: an asset file is missing.
        ValueError: an asset line is malformed (no ``code``, or an unknown key type).
    """
    states = list(read_table(asset_path("countries.jsonl", folder)))
    state_codes = set()
    for rec in states:
        if "code" not in rec:
            raise ValueError(f"countries.jsonl: a line without 'code': {rec}")
        state_codes.add(rec["code"])

    # 1. ISO names; a form claimed by two states is ambiguous and dropped.
    by_text: dict[str, set[str]] = defaultdict(set)
    iso_forms: list[CountryForm] = []
    for rec in states:
        code = rec["code"]
        iso = pycountry.countries.get(alpha_3=code)
        names = _iso_names(iso) if iso is not None else [rec.get("name", "")]
        for name in names:
            if not name:
                continue
            by_text[_fold(name)].add(code)
            iso_forms.append(CountryForm(name, code, RULE_NAME, CONFIDENCE[RULE_NAME]))

    # 2. Hand aliases, acronyms, demonyms (they claim a form for their state).
    hand: list[CountryForm] = []
    for rec in states:
        code = rec["code"]
        conf = rec.get("confidence", {})
        guard = set(rec.get("caps_guard", []))
        for alias in rec.get("aliases", []):
            alias_conf = conf.get(alias, CONFIDENCE[RULE_ALIAS])
            hand.append(CountryForm(alias, code, RULE_ALIAS, alias_conf))
        for acr in rec.get("acronyms", []):
            hand.append(CountryForm(acr, code, RULE_ALIAS, conf.get(acr, CONFIDENCE[RULE_ALIAS]),
                                    exact=True, caps_guard=acr in guard))
        for dem in rec.get("demonyms", []):
            hand.append(CountryForm(dem, code, RULE_DEMONYM,
                                    conf.get(dem, CONFIDENCE[RULE_DEMONYM])))
    claimed: dict[str, set[str]] = defaultdict(set)
    for form in hand:
        claimed[_fold(form.text) if not form.exact else _clean(form.text)].add(form.code)

    forms: list[CountryForm] = []
    seen: set[tuple[str, str]] = set()
    for form in iso_forms:
        key = _fold(form.text)
        owners = claimed.get(key)
        if owners is not None and form.code not in owners:
            continue  # the hand table gives this form to another state
        if owners is None and len(by_text[key]) > 1:
            continue  # ISO names alone make it ambiguous
        if (_clean(form.text), form.code) in seen:
            continue
        seen.add((_clean(form.text), form.code))
        forms.append(form)
    names_of = {(_fold(f.text), f.code) for f in forms}
    for form in hand:
        if (_clean(form.text), form.code) in seen:
            continue
        if form.rule == RULE_DEMONYM and (_fold(form.text), form.code) in names_of:
            continue
        seen.add((_clean(form.text), form.code))
        forms.append(form)

    # 3. Blockers: territory names, listed phrases, caller's phrases.
    blockers: list[str] = []
    for record in pycountry.countries:
        if record.alpha_3 not in state_codes:
            blockers.extend(_iso_names(record))
    heads: set[str] = set()
    befores: set[str] = set()
    for rec in read_table(asset_path("not_countries.jsonl", folder)):
        if "phrase" in rec:
            blockers.append(rec["phrase"])
        elif "head" in rec:
            heads.add(_clean(rec["head"]).casefold())
        elif "before" in rec:
            befores.add(_clean(rec["before"]).casefold())
        else:
            raise ValueError(f"not_countries.jsonl: expected phrase, head or before: {rec}")
    blockers.extend(extra_blockers or [])
    return CountryTable(forms, blockers, frozenset(heads), frozenset(befores))


@lru_cache(maxsize=1)
def default_table() -> CountryTable:
    """The table from the bundled ``models/`` (built once per process)."""
    return load_table()


def country_code(text: str) -> str | None:
    """Return the ISO 3166-1 alpha-3 code of the state ``text`` names, or None.

    Accepts names ("Japan", "United States of America", "the Republic of Chile", "the
    Italian Republic", "the Russian Federation", "Republic of Türkiye"), aliases and
    acronyms ("US", "U.S.", "PRC", "ROK", "Lao PDR", "Britain"), demonyms ("Malaysian",
    "Chinese") and possessives ("Malaysia's", "Japan’s"). Acronyms must be written as listed
    ("us" is None); other forms match whatever their case and accents.

    Returns None for anything else, including regions ("East Asia"), cities ("Beijing"),
    dependent territories ("Hong Kong"), and forms shared by two states ("Congo").
    """
    form = default_table().lookup(text)
    return form.code if form is not None else None


def is_demonym(text: str) -> bool:
    """True where ``text`` is a demonym of a state ("Japanese", "the Chinese", "Saudi")."""
    form = default_table().lookup(text)
    return form is not None and form.rule == RULE_DEMONYM
