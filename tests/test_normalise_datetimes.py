"""Tests of diplex.normalise.datetimes: resolving DATE values, clock times, minutes between."""

from __future__ import annotations

import pytest

from diplex.normalise.datetimes import clock, minutes_between, resolve_date, to_minutes


def codes(resolved) -> list[str]:
    return [code for code, _ in resolved.warnings]


# resolve_date: full dates --------------------------------------------------------------
def test_full_date_resolves_without_warning():
    resolved = resolve_date({"year": 2024, "month": 3, "day": 5}, None)
    assert resolved.date == "2024-03-05"
    assert resolved.warnings == []


@pytest.mark.parametrize("month,day", [(2, 30), (4, 31), (13, 1), (0, 10)])
def test_impossible_calendar_date_is_none_with_warning(month, day):
    resolved = resolve_date({"year": 2023, "month": month, "day": day}, "2023-05-01")
    assert resolved.date is None
    assert codes(resolved) == ["invalid_date"]


def test_29_february_only_in_leap_years():
    assert resolve_date({"year": 2024, "month": 2, "day": 29}, None).date == "2024-02-29"
    assert resolve_date({"year": 2023, "month": 2, "day": 29}, None).date is None


# resolve_date: year missing --------------------------------------------------------------
def test_yearless_date_takes_release_year():
    resolved = resolve_date({"year": None, "month": 6, "day": 2}, "2024-06-03")
    assert resolved.date == "2024-06-02"
    assert codes(resolved) == ["year_from_release_date"]


def test_yearless_date_on_release_day():
    assert resolve_date({"year": None, "month": 8, "day": 14}, "2019-08-14").date == "2019-08-14"


@pytest.mark.parametrize(
    "month,day,release,expected",
    [
        (12, 30, "2025-01-03", "2024-12-30"),  # handed kind: yearless across the new year
        (12, 2, "2021-01-15", "2020-12-02"),
        (11, 20, "2020-02-01", "2019-11-20"),
    ],
)
def test_yearless_date_after_release_month_day_belongs_to_previous_year(
    month, day, release, expected
):
    resolved = resolve_date({"year": None, "month": month, "day": day}, release)
    assert resolved.date == expected
    assert "year_from_release_date" in codes(resolved)


def test_yearless_date_a_few_days_after_release_stays_in_release_year():
    # an announcement of a meeting later in the week, or a date in a time zone ahead
    resolved = resolve_date({"year": None, "month": 9, "day": 12}, "2022-09-10")
    assert resolved.date == "2022-09-12"
    assert codes(resolved) == ["year_from_release_date", "date_after_release"]


def test_yearless_29_february_goes_back_to_a_leap_year():
    resolved = resolve_date({"year": None, "month": 2, "day": 29}, "2025-03-10")
    assert resolved.date == "2024-02-29"


def test_yearless_impossible_date_is_none():
    resolved = resolve_date({"year": None, "month": 2, "day": 30}, "2025-03-10")
    assert resolved.date is None
    assert codes(resolved) == ["invalid_date"]


def test_yearless_date_without_release_date_is_none_with_warning():
    resolved = resolve_date({"year": None, "month": 9, "day": 28}, None)
    assert resolved.date is None
    assert codes(resolved) == ["no_release_date"]


# resolve_date: relative days and weekdays -------------------------------------------------
@pytest.mark.parametrize(
    "days,expected", [(0, "2022-06-07"), (-1, "2022-06-06"), (1, "2022-06-08")]
)
def test_relative_days_count_from_release(days, expected):
    resolved = resolve_date({"relative_days": days}, "2022-06-07")
    assert resolved.date == expected
    assert codes(resolved) == ["date_relative"]


def test_yesterday_across_a_month_end():
    assert resolve_date({"relative_days": -1}, "2021-03-01").date == "2021-02-28"


def test_relative_day_without_release_is_none():
    resolved = resolve_date({"relative_days": 0}, None)
    assert resolved.date is None
    assert codes(resolved) == ["no_release_date"]


def test_weekday_is_latest_such_day_up_to_release():
    # 2017-02-06 was a Monday: "on Sunday" is the day before
    resolved = resolve_date({"weekday": 6, "last": False}, "2017-02-06")
    assert resolved.date == "2017-02-05"
    assert codes(resolved) == ["date_from_weekday"]


def test_weekday_same_as_release_day_is_that_day_unless_last():
    assert resolve_date({"weekday": 0, "last": False}, "2017-02-06").date == "2017-02-06"
    assert resolve_date({"weekday": 0, "last": True}, "2017-02-06").date == "2017-01-30"


def test_weekday_without_release_is_none():
    assert resolve_date({"weekday": 2, "last": False}, None).date is None


# resolve_date: bad input ------------------------------------------------------------------
def test_ambiguous_numeric_date_is_never_resolved():
    value = {"ambiguous": [{"year": 2022, "month": 4, "day": 5},
                           {"year": 2022, "month": 5, "day": 4}]}
    resolved = resolve_date(value, "2022-05-10")
    assert resolved.date is None
    assert codes(resolved) == ["date_ambiguous"]
    assert "2022-04-05" in resolved.warnings[0][1] and "2022-05-04" in resolved.warnings[0][1]


@pytest.mark.parametrize("value", [None, {}, {"month": "x", "day": 1}, "2022-01-01"])
def test_malformed_value_gives_none_not_an_exception(value):
    resolved = resolve_date(value, "2022-01-02")
    assert resolved.date is None
    assert codes(resolved) == ["bad_date_value"]


def test_unparsable_release_date_counts_as_missing():
    resolved = resolve_date({"year": None, "month": 1, "day": 2}, "not a date")
    assert resolved.date is None
    assert codes(resolved) == ["no_release_date"]


# clock -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "hour,minute,meridiem,expected",
    [
        (7, 20, "pm", "19:20"),
        (9, 0, "am", "09:00"),
        (12, 0, "pm", "12:00"),
        (12, 30, "am", "00:30"),
        (14, 5, None, "14:05"),
        (0, 0, None, "00:00"),
    ],
)
def test_clock(hour, minute, meridiem, expected):
    assert clock(hour, minute, meridiem) == expected


@pytest.mark.parametrize("hour,minute,meridiem", [(13, 0, "pm"), (0, 0, "am"), (24, 0, None),
                                                  (10, 60, None)])
def test_clock_rejects_impossible_times(hour, minute, meridiem):
    assert clock(hour, minute, meridiem) is None


# minutes_between ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "start,end,expected",
    [
        ("10:30", "11:45", 75),
        ("11:15", "11:50", 35),
        ("09:00", "09:01", 1),
        ("23:30", "00:15", 45),  # across midnight
        ("22:00", "01:30", 210),
    ],
)
def test_minutes_between(start, end, expected):
    assert minutes_between(start, end) == expected


@pytest.mark.parametrize(
    "start,end",
    [
        ("11:00", "10:00"),  # 23 hours "overnight" is a misreading, not a meeting
        ("10:00", "10:00"),
        (None, "10:00"),
        ("10:00", None),
        ("25:00", "26:00"),
        ("ten", "11:00"),
    ],
)
def test_minutes_between_none(start, end):
    assert minutes_between(start, end) is None


def test_to_minutes():
    assert to_minutes("01:05") == 65
    assert to_minutes("1:5x") is None
