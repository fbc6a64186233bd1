"""Dates, clock times and durations as plain values (no spaCy).

Pure functions used by the ``diplex_datetimes`` component (turning matched pieces into
normalised values) and by ``assemble`` (resolving a DATE span's value against the release
date, working out a duration from a start and an end time).

DATE values (see :mod:`diplex.spans`) come in these shapes:

- ``{"year": int|None, "month": int, "day": int}``: a calendar date, year None where the text
  leaves it out;
- ``{"relative_days": int}``: "today" (0), "yesterday" (-1), "tomorrow" (1), counted from the
  release date;
- ``{"weekday": int, "last": bool}``: a bare weekday ("on Sunday evening"), 0 = Monday; the
  most recent such day on or before the release date (strictly before where ``last``);
- ``{"ambiguous": [{"year", "month", "day"}, ...]}``: a numeric date whose day/month order the
  text does not settle ("04/05/2022" with no sign of a US or European style); it is resolved
  only in the publisher's order (``date_order``: day first outside the publishers that write
  month first, :mod:`diplex.normalise.publishers`), and reported where no publisher is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any

FUTURE_WINDOW_DAYS = 7
"""A yearless date at most this many days after the release date is taken in the release's
year (an event of the coming days, or a date in another time zone), with the warning
``date_after_release``; any later month/day is taken in the previous year."""


@dataclass
class ResolvedDate:
    """A DATE span's value resolved against the release date.

    Attributes:
        date: ``YYYY-MM-DD`` or None where it cannot be resolved.
        warnings: ``(code, message)`` pairs. Codes: ``year_from_release_date``,
            ``date_after_release``, ``date_relative``, ``date_from_weekday``,
            ``no_release_date`` (a date that needs the release date, and none is known),
            ``invalid_date`` (not a calendar date, e.g. 30 February), ``date_ambiguous``
            (numeric day/month order unknown), ``date_order_from_publisher`` (a numeric date
            read in the publisher's order), ``bad_date_value`` (a value of no known shape).
    """

    date: str | None
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _in_order(readings: Any, date_order: str) -> dict[str, Any] | None:
    """The reading of an ambiguous numeric date that ``date_order`` gives: the readings are
    ``{"year", "month", "day"}`` dicts of "A/B/YYYY" read month first, then day first."""
    if not isinstance(readings, list) or not readings:
        return None
    valid = [r for r in readings if isinstance(r, dict)]
    if len(valid) == 1:
        return valid[0]
    if len(valid) != 2:
        return None
    month_first, day_first = valid
    return month_first if date_order == "MDY" else day_first


def _base(release_date: str | None) -> Date | None:
    if not release_date:
        return None
    try:
        return Date.fromisoformat(release_date)
    except (TypeError, ValueError):
        return None


def _calendar(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except (TypeError, ValueError):
        return None


def resolve_date(value: Any, release_date: str | None,
                 date_order: str | None = None) -> ResolvedDate:
    """Resolve a DATE span value against the release date; see :func:`_resolve_date` for the
    rules. A date that falls off the calendar (a relative date at year 1 or 9999) is None
    with an ``invalid_date`` warning."""
    try:
        return _resolve_date(value, release_date, date_order)
    except (OverflowError, ValueError) as exc:
        return ResolvedDate(None, [("invalid_date", f"not a calendar date: {exc}")])


def _resolve_date(value: dict[str, Any] | None, release_date: str | None,
                  date_order: str | None = None) -> ResolvedDate:
    """Resolve a DATE span value (shapes in the module docstring) to ``YYYY-MM-DD``.

    Rules:

    - full date: checked against the calendar (30 February -> None, ``invalid_date``);
    - year missing: taken from the release date: the most recent such month/day not after the
      release date (a December date released in January is of the previous year), except that
      a date at most :data:`FUTURE_WINDOW_DAYS` after the release stays in the release's year
      (``date_after_release``); warning ``year_from_release_date``. With no release date:
      None, ``no_release_date`` (the year is never guessed from elsewhere);
    - relative days and weekdays: counted from the release date (``date_relative``,
      ``date_from_weekday``); None without a release date;
    - ambiguous numeric dates: read in ``date_order`` where it is given
      (``date_order_from_publisher``), else None, ``date_ambiguous``.

    Args:
        value: the DATE span's value.
        release_date: ``YYYY-MM-DD`` of the release, or None (an unparsable string counts as
            None).
        date_order: ``"DMY"`` or ``"MDY"``, the publisher's order of numeric dates; None where
            no publisher is known.

    Returns:
        ResolvedDate; ``date`` is None (with a warning saying why) where it cannot be resolved.
        Never raises on a malformed value.
    """
    if not isinstance(value, dict):
        return ResolvedDate(None, [("bad_date_value", f"not a DATE value: {value!r}")])
    base = _base(release_date)
    if "ambiguous" in value and date_order in ("DMY", "MDY"):
        chosen = _in_order(value["ambiguous"], date_order)
        if chosen is not None:
            resolved = _resolve_date(chosen, release_date)
            resolved.warnings.append(("date_order_from_publisher",
                                      f"numeric date read {date_order}, the publisher's order"))
            return resolved
    if "ambiguous" in value:
        readings = ", ".join(
            f"{c.get('year')}-{c.get('month'):02}-{c.get('day'):02}"
            for c in value["ambiguous"]
            if isinstance(c, dict)
        )
        return ResolvedDate(
            None, [("date_ambiguous", f"numeric date could be read as {readings}")]
        )
    if "relative_days" in value:
        if base is None:
            return ResolvedDate(
                None, [("no_release_date", "relative date and the release has no date")]
            )
        day = base + timedelta(days=int(value["relative_days"]))
        return ResolvedDate(day.isoformat(), [("date_relative", "date counted from release date")])
    if "weekday" in value:
        if base is None:
            return ResolvedDate(
                None, [("no_release_date", "weekday without a date and the release has no date")]
            )
        back = (base.weekday() - int(value["weekday"])) % 7
        if back == 0 and value.get("last"):
            back = 7
        day = base - timedelta(days=back)
        return ResolvedDate(
            day.isoformat(),
            [("date_from_weekday", "weekday taken as the latest such day up to the release date")],
        )
    try:
        month, dayno = int(value["month"]), int(value["day"])
    except (KeyError, TypeError, ValueError):
        return ResolvedDate(None, [("bad_date_value", f"not a DATE value: {value!r}")])
    year = value.get("year")
    if year is not None:
        found = _calendar(int(year), month, dayno)
        if found is None:
            return ResolvedDate(None, [("invalid_date", f"not a calendar date: {value}")])
        return ResolvedDate(found.isoformat())
    if base is None:
        return ResolvedDate(
            None, [("no_release_date", "date has no year and the release has no date")]
        )
    if _calendar(2000, month, dayno) is None:  # 2000 is a leap year: any real month/day fits
        return ResolvedDate(None, [("invalid_date", f"not a calendar date: {value}")])
    warnings = [("year_from_release_date", "year taken from the release date")]
    same_year = _calendar(base.year, month, dayno)
    if same_year is not None and base < same_year <= base + timedelta(days=FUTURE_WINDOW_DAYS):
        warnings.append(("date_after_release", "date falls after the release date"))
        return ResolvedDate(same_year.isoformat(), warnings)
    for year_back in range(base.year, base.year - 8, -1):  # 29 February: back to a leap year
        found = _calendar(year_back, month, dayno)
        if found is not None and found <= base:
            return ResolvedDate(found.isoformat(), warnings)
    return ResolvedDate(None, [("invalid_date", f"not a calendar date: {value}")])


def clock(hour: int, minute: int, meridiem: str | None = None) -> str | None:
    """Return a clock time as 24-hour ``HH:MM``.

    Args:
        hour: 0-23, or 1-12 where ``meridiem`` is given.
        minute: 0-59.
        meridiem: ``"am"``, ``"pm"`` or None (24-hour clock). "12 a.m." is 00:00, "12 p.m." is
            12:00.

    Returns:
        ``HH:MM``, or None where the numbers are not a clock time.
    """
    if not 0 <= minute <= 59:
        return None
    if meridiem is None:
        if not 0 <= hour <= 23:
            return None
    else:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"


def to_minutes(hhmm: str) -> int | None:
    """Return minutes after midnight of ``HH:MM`` (None where malformed)."""
    try:
        hours, minutes = hhmm.split(":")
        h, m = int(hours), int(minutes)
    except (AttributeError, ValueError):
        return None
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return h * 60 + m


MAX_OVERNIGHT_MINUTES = 12 * 60
"""An end time earlier than the start time is read as the next day's only where that gives
at most this many minutes; otherwise the pair is taken as an error."""


def minutes_between(start: str | None, end: str | None) -> int | None:
    """Return the minutes from ``start`` to ``end`` (both ``HH:MM``, 24-hour).

    An end earlier than the start crosses midnight ("23:30" to "00:15" is 45) where that
    gives at most :data:`MAX_OVERNIGHT_MINUTES`; else None. Equal times give None (no
    meeting lasts zero minutes or a whole day; the pair is more likely a misreading).

    Returns:
        Minutes (int > 0), or None where either time is missing or malformed.
    """
    if start is None or end is None:
        return None
    s, e = to_minutes(start), to_minutes(end)
    if s is None or e is None or s == e:
        return None
    if e > s:
        return e - s
    overnight = e + 24 * 60 - s
    return overnight if overnight <= MAX_OVERNIGHT_MINUTES else None
