"""Times on a clock: IANA zones for meetings, ISO 8601 datetimes and durations.

The zone of a meeting's start time is taken, in this order, from

1. a zone stated in the text (the TIME span's ``zone``, as written: "Japan Time" ->
   ``Asia/Tokyo``, "EST" -> ``America/New_York``, "Beijing time" -> ``Asia/Shanghai``);
   "local time" means the zone of the meeting's location;
2. the meeting's location (city -> zone);
3. the publisher's capital (an organisation's seat for an IGO publisher).

The city/label/seat table is ``models/timezones.jsonl`` (IANA tz database ``zone1970.tab``
and ``zone.tab`` example cities, GeoNames capitals and large cities; see its header and
:mod:`diplex.events.build_assets`). Offsets come from :mod:`zoneinfo` with the ``tzdata``
package, so daylight saving time is that of the meeting's date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry

from ..assets import asset_path
from ..rules import read_table

ZoneBasis = Literal["stated", "location", "publisher_capital"]
"""Where a meeting's zone came from (see the module docstring for the order)."""

TABLE_NAME = "timezones.jsonl"
LOCAL_TIME = re.compile(r"^\s*local(?:\s+time)?\s*$", re.IGNORECASE)
_TIME_WORDS = re.compile(r"\b(?:standard|daylight|summer)?\s*time\b\.?$", re.IGNORECASE)


def _fold(text: str) -> str:
    """Case-fold, strip accents and punctuation, squeeze spaces (lookup key)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(text.split())


@dataclass(frozen=True)
class City:
    """One row of the city table: a city, its country (ISO alpha-3) and IANA zone."""

    name: str
    country: str
    zone: str
    capital: bool = False
    population: int | None = None


@dataclass
class ZoneTable:
    """The city -> (country, zone) table, zone labels and organisation seats.

    Build with :meth:`load`; look up with :meth:`city`, :meth:`label_zone`,
    :meth:`capital_zone`, :meth:`home_country`.
    """

    cities: dict[str, list[City]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, City] = field(default_factory=dict)
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> ZoneTable:
        """Read ``timezones.jsonl`` from ``folder`` (default: the bundled ``models/``).

        Raises:
            FileNotFoundError: the table is missing.
            ValueError: a line is not a JSON object.
        """
        table = cls()
        for row in read_table(asset_path(TABLE_NAME, folder)):
            kind = row.get("kind")
            if kind == "city":
                city = City(row["city"], row["country"], row["zone"],
                            bool(row.get("capital")), row.get("population"))
                for name in [row["city"], *row.get("aliases", [])]:
                    table.cities.setdefault(_fold(name), []).append(city)
                if city.capital:
                    table.capitals.setdefault(city.country, city)
            elif kind == "label":
                table.labels[_fold(row["label"])] = row["zone"]
            elif kind == "seat":
                table.seats[row["organisation"].upper()] = (row["city"], row["country"])
        for candidates in table.cities.values():
            candidates.sort(key=lambda c: (not c.capital, -(c.population or 0), c.country))
        return table

    def city(self, name: str | None) -> City | None:
        """Return the city called ``name`` (a capital first, then the most populous), or None.

        ``name`` may carry a venue or region after a comma ("Singapore, Shangri-La Hotel"):
        each comma-separated part is tried in turn.
        """
        if not name:
            return None
        for part in [name, *name.split(",")]:
            found = self.cities.get(_fold(part))
            if found:
                return found[0]
        return None

    def country_of_place(self, name: str | None) -> str | None:
        """ISO alpha-3 of a place written as a city (table) or a country name (ISO 3166)."""
        city = self.city(name)
        if city is not None:
            return city.country
        return country_code(name)

    def label_zone(self, label: str | None) -> str | None:
        """IANA zone of a zone as written ("Japan Time", "EST", "Beijing time"), or None.

        Tries the label table, then "<place> time" with the place as a city or a country
        (the country's capital's zone). "local time" is not resolved here (None).
        """
        if not label or LOCAL_TIME.match(label):
            return None
        key = _fold(label.strip("() "))
        if key in self.labels:
            return self.labels[key]
        place = _TIME_WORDS.sub("", label.strip("() ")).strip()
        if not place or place == label.strip("() "):
            return None
        if _fold(place) in self.labels:
            return self.labels[_fold(place)]
        city = self.city(place)
        if city is not None:
            return city.zone
        code = country_code(place)
        return self.capital_zone(code) if code else None

    def home_country(self, publisher: str | None) -> str | None:
        """The country a publisher sits in: itself for a state, the seat's for an IGO."""
        if not publisher:
            return None
        if publisher.upper() in self.seats:
            return self.seats[publisher.upper()][1]
        return publisher if is_state(publisher) else None

    def capital_zone(self, publisher: str | None) -> str | None:
        """IANA zone of a state's capital, or of an IGO publisher's seat; None if unknown."""
        if not publisher:
            return None
        seat = self.seats.get(publisher.upper())
        if seat is not None:
            city = self.city(seat[0])
            return city.zone if city is not None else None
        capital = self.capitals.get(publisher)
        return capital.zone if capital is not None else None


@lru_cache(maxsize=4)
def default_table(folder: str | None = None) -> ZoneTable:
    """The bundled table, loaded once per process."""
    return ZoneTable.load(folder)


_COUNTRY_NAMES: dict[str, str] | None = None


def country_code(name: str | None) -> str | None:
    """ISO alpha-3 of a country name ("Japan", "the United States", "Republic of Korea").

    Names come from ISO 3166-1 via pycountry (name, official name, common name); a leading
    "the" is ignored. Returns None where no country has that name.
    """
    global _COUNTRY_NAMES
    if not name:
        return None
    if _COUNTRY_NAMES is None:
        names: dict[str, str] = {}
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(_fold(value), country.alpha_3)
                    if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                        head, tail = value.split(", ", 1)
                        names.setdefault(_fold(f"{tail} {head}"), country.alpha_3)
        names.setdefault("kosovo", "XKX")
        _COUNTRY_NAMES = names
    key = _fold(name)
    key = key[4:] if key.startswith("the ") else key
    return _COUNTRY_NAMES.get(key)


def is_state(code: str | None) -> bool:
    """True where ``code`` is an ISO 3166-1 alpha-3 code (or Kosovo's XKX)."""
    if not code or len(code) != 3 or not code.isupper():
        return False
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def iso_duration(minutes: int | None) -> str | None:
    """ISO 8601 duration of a number of minutes: 20 -> ``PT20M``, 70 -> ``PT1H10M``,
    60 -> ``PT1H``, 0 -> ``PT0M``; None stays None.

    Raises:
        ValueError: negative minutes.
    """
    if minutes is None:
        return None
    if minutes < 0:
        raise ValueError(f"a duration cannot be negative: {minutes}")
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"PT{hours}H{rest}M"
    return f"PT{hours}H" if hours else f"PT{rest}M"


def local_datetime(day: str, hhmm: str, zone: str) -> datetime:
    """The aware datetime of ``day`` (YYYY-MM-DD) at ``hhmm`` (HH:MM) in IANA ``zone``.

    A wall time that a daylight-saving change skips or repeats takes zoneinfo's default
    (``fold=0``: the offset before the change).

    Raises:
        ValueError: bad date or time, or an unknown zone.
    """
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {zone!r}") from exc
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime.combine(Date.fromisoformat(day), datetime.min.time(), tz).replace(
        hour=hour, minute=minute
    )


def iso_datetime(moment: datetime) -> str:
    """ISO 8601 with seconds and the UTC offset: ``2023-12-11T11:05:00+09:00``."""
    return moment.isoformat(timespec="seconds")


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from ``start`` to ``end`` (may be negative)."""
    return int((end - start) / timedelta(minutes=1))
