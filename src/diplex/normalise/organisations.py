"""International organisations by name, alias or acronym (no spaCy).

The gazetteer ``models/organisations.jsonl`` has one line per organisation, organ or standing
grouping: ``name`` (the organisation's own English name, given as the value), ``acronym``
(its standard acronym or null), ``aliases`` (other names), ``forms`` (other short forms
written exactly so: "G-7", "U.N."), ``kind``, ``parent`` (for organs), ``match_acronym``
(false where the acronym is too ambiguous to match alone), ``caps_guard`` (the acronym is
also an English word: "WHO") and the context guards ``preceded_by``, ``not_preceded_by``,
``not_followed_by`` (word lists).

The value of an ORG span is ``{"name": str, "acronym": str | None}``.

Public API: :func:`organisation`, :func:`load_gazetteer`, :class:`OrgEntry`,
:class:`OrgForm`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..assets import asset_path
from ..rules import read_table
from .countries import strip_accents

RULE_NAME = "org.name"
"""The organisation's own name ("North Atlantic Treaty Organization")."""
RULE_ALIAS = "org.alias"
"""Another name from the gazetteer ("UN Security Council", "Arab League")."""
RULE_ACRONYM = "org.acronym"
"""The acronym or a listed short form ("NATO", "G-20"), matched exactly as written."""

CONFIDENCE: dict[str, float] = {RULE_NAME: 0.95, RULE_ALIAS: 0.9, RULE_ACRONYM: 0.9}
"""Confidence of each rule."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()


def _fold(text: str) -> str:
    return strip_accents(_clean(text)).casefold()


@dataclass(frozen=True)
class OrgEntry:
    """One gazetteer line.

    Attributes:
        name: the organisation's own name (the value's ``name``).
        acronym: its standard acronym, or None.
        kind: organisation | organ | grouping | forum | conference.
        parent: acronym or name of the parent body (organs), or None.
        preceded_by: lower-cased words one of which must come right before a match (empty:
            no such need).
        not_preceded_by, not_followed_by: lower-cased words that must not come right before
            / after a match.
        caps_guard: skip acronym matches inside an all-capitals line.
    """

    name: str
    acronym: str | None
    kind: str
    parent: str | None = None
    preceded_by: frozenset[str] = frozenset()
    not_preceded_by: frozenset[str] = frozenset()
    not_followed_by: frozenset[str] = frozenset()
    caps_guard: bool = False

    @property
    def value(self) -> dict[str, str | None]:
        """The ORG span value ``{"name", "acronym"}``."""
        return {"name": self.name, "acronym": self.acronym}


@dataclass(frozen=True)
class OrgForm:
    """One written form of an organisation.

    Attributes:
        text: the form as matched.
        entry: the :class:`OrgEntry` it stands for.
        rule: :data:`RULE_NAME`, :data:`RULE_ALIAS` or :data:`RULE_ACRONYM`.
        exact: True for acronyms and short forms (matched only as written); False for
            names (matched whatever the case when of two or more words).
    """

    text: str
    entry: OrgEntry
    rule: str
    exact: bool


@dataclass
class Gazetteer:
    """The loaded gazetteer: :attr:`entries` and every written form in :attr:`forms`."""

    entries: list[OrgEntry] = field(default_factory=list)
    forms: list[OrgForm] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact: dict[str, OrgForm] = {}
        self._folded: dict[str, OrgForm] = {}
        for form in self.forms:
            self._exact.setdefault(_clean(form.text), form)
            if not form.exact:
                self._folded.setdefault(_fold(form.text), form)
        for entry in self.entries:  # the value's own acronym resolves even where unmatched
            if entry.acronym:
                self._exact.setdefault(entry.acronym, OrgForm(entry.acronym, entry,
                                                              RULE_ACRONYM, True))

    def lookup(self, text: str) -> OrgEntry | None:
        """Return the entry ``text`` names ("the OSCE", "United Nations"), or None.

        A leading "the" and a possessive 's are ignored; acronyms must be written as listed.
        """
        cleaned = re.sub(r"(?:'s|')$", "", _clean(text)).strip()
        cands = [cleaned]
        if cleaned[:4].casefold() == "the ":
            cands.append(cleaned[4:].strip())
        for cand in cands:
            form = self._exact.get(cand)
            if form is not None:
                return form.entry
        for cand in cands:
            form = self._folded.get(_fold(cand))
            if form is not None:
                return form.entry
        return None


def _words(rec: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in rec.get(key, []))


def load_gazetteer(folder: str | Path | None = None) -> Gazetteer:
    """Read ``organisations.jsonl`` from ``folder`` (None: bundled ``models/``).

    Besides the listed forms, each organ whose name starts with its parent's name or
    acronym also gets the form with the acronym in brackets after the parent's full name
    ("United Nations (UN) General Assembly", written so by ministries that spell out the
    parent once).

    Raises:
        FileNotFoundError: the file is missing.
        ValueError: a line has no ``name``.
    """
    records = list(read_table(asset_path("organisations.jsonl", folder)))
    entries: list[OrgEntry] = []
    forms: list[OrgForm] = []
    by_key: dict[str, OrgEntry] = {}
    for rec in records:
        if not rec.get("name"):
            raise ValueError(f"organisations.jsonl: a line without 'name': {rec}")
        entry = OrgEntry(
            name=rec["name"],
            acronym=rec.get("acronym"),
            kind=rec.get("kind", "organisation"),
            parent=rec.get("parent"),
            preceded_by=_words(rec, "preceded_by"),
            not_preceded_by=_words(rec, "not_preceded_by"),
            not_followed_by=_words(rec, "not_followed_by"),
            caps_guard=bool(rec.get("caps_guard", False)),
        )
        entries.append(entry)
        by_key[entry.name] = entry
        if entry.acronym:
            by_key[entry.acronym] = entry
        forms.append(OrgForm(entry.name, entry, RULE_NAME, " " not in entry.name))
        for alias in rec.get("aliases", []):
            forms.append(OrgForm(alias, entry, RULE_ALIAS, " " not in alias))
        if entry.acronym and rec.get("match_acronym", True):
            forms.append(OrgForm(entry.acronym, entry, RULE_ACRONYM, True))
        for short in rec.get("forms", []):
            forms.append(OrgForm(short, entry, RULE_ACRONYM, True))
    for rec, entry in zip(records, entries, strict=True):
        parent = by_key.get(entry.parent or "")
        if parent is None or not parent.acronym:
            continue
        for text in [entry.name, *rec.get("aliases", [])]:
            for lead in (parent.name, parent.acronym):
                if text.startswith(lead + " "):
                    suffix = text[len(lead) + 1 :]
                    spelled = f"{parent.name} ({parent.acronym}) {suffix}"
                    forms.append(OrgForm(spelled, entry, RULE_ALIAS, False))
    return Gazetteer(entries, forms)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the bundled ``models/`` (read once per process)."""
    return load_gazetteer()


def organisation(text: str) -> dict[str, str | None] | None:
    """Return ``{"name", "acronym"}`` of the organisation ``text`` names, or None.

    Examples: "the OSCE", "United Nations", "UN Security Council", "NATO" resolve; "un",
    "Ministry of Foreign Affairs", "FIFA" do not.
    """
    entry = default_gazetteer().lookup(text)
    return entry.value if entry is not None else None
