"""Personal names: splitting into family and given name (no spaCy).

Rules, in order (from the corpus annotation guide, ``shared/corpus/README.md``):

1. ``"Lavrov, Sergey Viktorovich"``: a comma after the first part marks surname-first.
2. ``"KAMIKAWA Yoko"``: a word in capitals (2+ letters) is the family name.
3. Words the release uses alone for the person elsewhere ("Minister Iwaya", "High
   Representative Ferrer Albalat") are the family name: the last two or three words where
   they are so used, or, in a two-word name, the first word ("Iwaya Takeshi").
   Malay "Azman bin Rahim": the name before "bin"/"binti" is the family name (the
   patronymic is not), unless an Arabic family name ("Al ...") follows.
4. A two-word name whose second word is a hyphenated given name with a lowercase second
   part ("Cho Tae-yul", "Kang Kyung-wha", "Ban Ki-moon": the Korean romanisation) is
   family-first.
5. A two- or three-word name of a person whose state is unknown (or uses Chinese names:
   China, Singapore, ...), starting with a common romanised Chinese, Korean or Vietnamese
   family name ("Wang Yi", "Tan Wei Ming"), is family-first; a Japanese name written
   family-first without capitals ("Nishimura Akio") is read by a list of Japanese family
   names.
6. The state's naming order (``models/name_order.jsonl``): family-first states (China, Korea,
   Viet Nam, ...), and two surnames for Iberian and Latin American states when the name has
   three or more words.
7. Otherwise the last word, with the particles before it ("al Malki", "von der Leyen",
   "Van Rompuy", "Al Nuaimi"), is the family name.

Family names are returned in ordinary capitalisation ("KAMIKAWA" -> "Kamikawa").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..assets import asset_path
from ..rules import read_table

_KOREAN_GIVEN = regex.compile(r"^\p{Lu}\p{Ll}+-\p{Ll}+$")


@dataclass(frozen=True)
class NameParts:
    """A name split into its parts: ``family`` (never empty) and ``given`` (or None)."""

    family: str
    given: str | None


@lru_cache(maxsize=4)
def _orders(folder: str | None) -> dict[str, str]:
    path = asset_path("name_order.jsonl", Path(folder) if folder else None)
    table: dict[str, str] = {}
    for row in read_table(path):
        for code in row.get("countries", []):
            table[code] = row["order"]
    return table


_ARABIC_FAMILY = frozenset({"al", "el"})
_CAPITAL_PARTICLES = frozenset({"al", "el", "van", "von", "de", "da", "di", "del", "della", "der",
                                "den", "du", "dos", "das", "la", "le", "ter", "ten"})
"""Particles that belong to a family name however they are capitalised ("Herman Van
Rompuy", "Khalid bin Saeed Al Nuaimi")."""


@lru_cache(maxsize=4)
def _japanese_surnames(folder: str | None) -> frozenset[str]:
    path = asset_path("name_order.jsonl", Path(folder) if folder else None)
    return frozenset(
        name for row in read_table(path) if row["order"] == "japanese_surnames"
        for name in row["surnames"]
    )


@lru_cache(maxsize=4)
def _surnames(folder: str | None) -> frozenset[str]:
    path = asset_path("name_order.jsonl", Path(folder) if folder else None)
    return frozenset(
        name for row in read_table(path) if row["order"] == "family_first_surnames"
        for name in row["surnames"]
    )


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def ordinary_case(word: str) -> str:
    """Return ``word`` in ordinary capitalisation where it is all capitals ("TAKIZAKI")."""
    if not _is_caps(word):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


@lru_cache(maxsize=4)
def name_particles(folder: str | None = None) -> frozenset[str]:
    """Lowercase name particles ("al", "von", "der") from ``models/officials.jsonl``."""
    path = asset_path("officials.jsonl", Path(folder) if folder else None)
    return frozenset(
        text for row in read_table(path) if row.get("kind") == "particle" for text in row["texts"]
    )


def split_name(
    name: str,
    *,
    country: str | None = None,
    particles: Collection[str] = (),
    known_family: Collection[str] = (),
    assets: str | None = None,
) -> NameParts:
    """Split a name (honorifics already removed) into family and given name.

    Args:
        name: the name as written ("Antony J. Blinken", "KAMIKAWA Yoko", "Lavrov, Sergey").
        country: ISO alpha-3 of the person's state, for the naming order table.
        particles: lowercase particles that belong to the family name ("al", "von", "der").
        known_family: words the release uses alone as this person's name elsewhere.
        assets: folder of ``name_order.jsonl`` (default: bundled ``models/``).

    Returns:
        NameParts with the family name in ordinary capitalisation.

    Raises:
        ValueError: ``name`` is empty.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("empty name")
    if "," in name:
        head, _, rest = name.partition(",")
        return NameParts(ordinary_case(head.strip()), rest.strip() or None)
    words = name.split(" ")
    if len(words) == 1:
        return NameParts(ordinary_case(words[0]), None)
    caps = [i for i, w in enumerate(words) if _is_caps(w)]
    if len(caps) == 1 and len(words) > 1:
        i = caps[0]
        given = " ".join(words[:i] + words[i + 1 :])
        return NameParts(ordinary_case(words[i]), given or None)
    for size in (2, 3):  # a later reference by two or three words: "Ferrer Albalat"
        tail = " ".join(words[-size:])
        if size < len(words) and tail in known_family:
            return NameParts(tail, " ".join(words[:-size]))
    if len(words) == 2 and words[0] in known_family and words[1] not in known_family:
        return NameParts(ordinary_case(words[0]), words[1])
    if "bin" in words[1:-1] or "binti" in words[1:-1]:
        # Malay "Azman bin Rahim": the patronymic after bin/binti is no family name (an
        # Arabic family name after it, "Khalid bin Saeed Al Nuaimi", is)
        cut = words.index("bin") if "bin" in words else words.index("binti")
        if not any(w.lower() in _ARABIC_FAMILY or w.lower().startswith(("al-", "el-"))
                   for w in words[cut + 1 :]):
            given = " ".join(words[: cut - 1] + words[cut:])
            return NameParts(ordinary_case(words[cut - 1]), given or None)
    if len(words) == 2 and _KOREAN_GIVEN.match(words[1]):
        return NameParts(ordinary_case(words[0]), words[1])
    order = _orders(assets).get(country or "")
    if (
        len(words) in (2, 3)
        and (country is None or order in ("family_first", "chinese_names"))
        and ordinary_case(words[0]) in _surnames(assets)
    ):
        return NameParts(ordinary_case(words[0]), " ".join(words[1:]))
    if (
        len(words) == 2
        and order == "japanese_family_first_lowercase"
        and words[0] in _japanese_surnames(assets)
        and words[1] not in _japanese_surnames(assets)
    ):
        return NameParts(words[0], words[1])
    if order == "family_first":
        return NameParts(ordinary_case(words[0]), " ".join(words[1:]))
    start = len(words) - 1
    while start > 1 and (
        words[start - 1] in particles or words[start - 1].lower() in _CAPITAL_PARTICLES
    ):
        start -= 1
    if start == 1 and (words[0] in particles or words[0].lower() in _CAPITAL_PARTICLES):
        # every word before the last is a particle ("Van Weel", "Van den Berg", "Da Silva",
        # "Al Malki"): a family name given alone, with no given name
        start = 0
    if order == "two_surnames" and len(words) >= 3 and start == len(words) - 1:
        start = len(words) - 2
    family = " ".join(ordinary_case(w) for w in words[start:])
    return NameParts(family, " ".join(words[:start]) or None)
