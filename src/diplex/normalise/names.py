"""Personal names: splitting into family and given name (no spaCy).

Rules, in order (from the corpus annotation guide, ``shared/corpus/README.md``):

1. ``"Lavrov, Sergey Viktorovich"``: a comma after the first part marks surname-first.
2. ``"KAMIKAWA Yoko"``: a word in capitals (2+ letters) is the family name.
3. In a two-word name, a first word that the release uses alone after a title or
   honorific elsewhere ("Minister Iwaya" beside "Iwaya Takeshi") is the family name.
4. A two-word name whose second word is a hyphenated given name with a lowercase second
   part ("Cho Tae-yul", "Kang Kyung-wha", "Ban Ki-moon": the Korean romanisation) is
   family-first.
5. A two-word name of a person whose state is unknown, starting with a common romanised
   Chinese, Korean or Vietnamese family name ("Wang Yi", "Kong Xuanyou"), is family-first.
6. The state's naming order (``models/name_order.jsonl``): family-first states (China, Korea,
   Viet Nam, ...), and two surnames for Iberian and Latin American states when the name has
   three or more words.
7. Otherwise the last word, with the lowercase particles before it ("al Malki",
   "von der Leyen"), is the family name.

Family names are returned in ordinary capitalisation ("KAMIKAWA" -> "Kamikawa").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..assets import asset_path, read_jsonl

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
    for row in read_jsonl(path):
        for code in row.get("countries", []):
            table[code] = row["order"]
    return table


@lru_cache(maxsize=4)
def _surnames(folder: str | None) -> frozenset[str]:
    path = asset_path("name_order.jsonl", Path(folder) if folder else None)
    return frozenset(
        name for row in read_jsonl(path) if row["order"] == "family_first_surnames"
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
        text for row in read_jsonl(path) if row.get("kind") == "particle" for text in row["texts"]
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
    if len(words) == 2 and words[0] in known_family and words[1] not in known_family:
        return NameParts(ordinary_case(words[0]), words[1])
    if len(words) == 2 and _KOREAN_GIVEN.match(words[1]):
        return NameParts(ordinary_case(words[0]), words[1])
    order = _orders(assets).get(country or "")
    if (
        len(words) == 2
        and order in (None, "family_first")
        and (country is None or order == "family_first")
        and ordinary_case(words[0]) in _surnames(assets)
    ):
        return NameParts(ordinary_case(words[0]), words[1])
    if order == "family_first":
        return NameParts(ordinary_case(words[0]), " ".join(words[1:]))
    start = len(words) - 1
    while start > 1 and words[start - 1] in particles:
        start -= 1
    if order == "two_surnames" and len(words) >= 3 and start == len(words) - 1:
        start = len(words) - 2
    family = " ".join(ordinary_case(w) for w in words[start:])
    return NameParts(family, " ".join(words[:start]) or None)
