"""Dates, clock times and durations as plain values (no spaCy).

(Being written: the datetimes component's normalisers go here.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any


@dataclass
class ResolvedDate:
    """A DATE span's value resolved against the release date.

    Attributes:
        date: ``YYYY-MM-DD`` or None where it cannot be resolved.
        warnings: ``(code, message)`` pairs, e.g. ``year_from_release_date``.
    """

    date: str | None
    warnings: list[tuple[str, str]] = field(default_factory=list)


def resolve_date(value: dict[str, Any], release_date: str | None) -> ResolvedDate:
    """Resolve a DATE span value (see :mod:`diplex.spans`) to ``YYYY-MM-DD``.

    Args:
        value: ``{"year", "month", "day"}`` (year may be None) or ``{"relative_days": n}``.
        release_date: ``YYYY-MM-DD`` of the release, or None.

    Returns:
        ResolvedDate; ``date`` is None where the year or the base date is unknown.
    """
    base = Date.fromisoformat(release_date) if release_date else None
    if "relative_days" in value:
        if base is None:
            return ResolvedDate(None)
        day = base + timedelta(days=int(value["relative_days"]))
        return ResolvedDate(day.isoformat(), [("date_relative", "date counted from release date")])
    year = value.get("year")
    warnings: list[tuple[str, str]] = []
    if year is None:
        if base is None:
            return ResolvedDate(None, [("no_year", "date has no year and release has no date")])
        year = base.year
        if (value["month"], value["day"]) > (base.month, base.day):
            year -= 1
        warnings.append(("year_from_release_date", "year taken from the release date"))
    try:
        return ResolvedDate(Date(int(year), int(value["month"]), int(value["day"])).isoformat(),
                            warnings)
    except ValueError:
        return ResolvedDate(None, [("invalid_date", f"not a calendar date: {value}")])
