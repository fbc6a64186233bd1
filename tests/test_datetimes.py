"""Tests of the diplex_datetimes component (DATE, TIME, DURATION spans) and of
diplex_clock_boundaries (a sentence may end with "p.m.").

Sentences are written for these tests; each rule has at least one near miss beside it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from diplex.assets import asset_path
from diplex.components.datetimes import LEXICON, DatetimeGrammar
from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    return make_nlp("diplex_datetimes")


@pytest.fixture(scope="module")
def nlp_bounded():
    """Base pipeline with the boundary fixer before the parser, datetimes after."""
    from diplex.pipeline import load_base

    pipeline = load_base()
    pipeline.add_pipe("diplex_clock_boundaries", before="parser")
    pipeline.add_pipe("diplex_datetimes")
    return pipeline


def found(nlp, text: str, label: str) -> list[tuple[str, Any]]:
    doc = nlp(text)
    return [(s.text, s._.diplex_value) for s in spans(doc, label)]


def values(nlp, text: str, label: str) -> list[Any]:
    return [value for _, value in found(nlp, text, label)]


def ymd(year, month, day) -> dict[str, Any]:
    return {"year": year, "month": month, "day": day}


# DATE ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("The talks were held on March 30, 2022 in Geneva.", ymd(2022, 3, 30)),
        ("The ministers met on 5 March 2024 in Rome.", ymd(2024, 3, 5)),
        ("PUBLISHED 18 MARCH 2020", ymd(2020, 3, 18)),
        ("Released 2023-02-04 11:14", ymd(2023, 2, 4)),
        ("They spoke on Tuesday, October 3, 2017, by phone.", ymd(2017, 10, 3)),
        ("The summit is set for 14-15 June 2025.", ymd(2025, 6, 14)),
        ("The forum took place September 15-16, 2023.", ymd(2023, 9, 15)),
        ("Leaders gathered on the 3rd of May 2021.", ymd(2021, 5, 3)),
        ("The envoys arrived on Monday (12 February 2018) for talks.", ymd(2018, 2, 12)),
        ("Minister Ortiz received the delegation on Sept. 9, 2019.", ymd(2019, 9, 9)),
    ],
)
def test_full_dates(nlp, text, expected):
    assert values(nlp, text, "DATE") == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("On January 16, the two ministers met.", ymd(None, 1, 16)),
        ("The call took place on Wednesday, August 30, after lunch.", ymd(None, 8, 30)),
        ("On October 12th, commencing at noon, they met.", ymd(None, 10, 12)),
        ("Talks held on Feb. 15 went well.", ymd(None, 2, 15)),
        ("The forum runs September 15-16 in Tokyo.", ymd(None, 9, 15)),
        ("The forum runs 15-16 March in Oslo.", ymd(None, 3, 15)),
        ("They agreed to meet again on the 3rd of May.", ymd(None, 5, 3)),
        ("She arrived on 28 April for consultations.", ymd(None, 4, 28)),
    ],
)
def test_yearless_dates(nlp, text, expected):
    assert values(nlp, text, "DATE") == [expected]


def test_date_span_covers_the_weekday_and_rule_is_documented(nlp):
    doc = nlp("On Friday, June 7, 2019, the ministers met.")
    (span,) = spans(doc, "DATE")
    assert span.text == "Friday, June 7, 2019"
    assert span._.diplex_rule == "date.month_day_year"
    assert span._.diplex_confidence == 0.95


@pytest.mark.parametrize(
    "text,expected",
    [
        ("10/26/2023 11:52 PM EDT", ymd(2023, 10, 26)),  # only valid reading
        ("01/08/2022 08:01 PM EST", ymd(2022, 1, 8)),  # US zone: month first
        ("03/04/2021 09:15 AM PST", ymd(2021, 3, 4)),
        ("Posted 26/10/2023", ymd(2023, 10, 26)),  # only valid reading: day first
        ("11.05.2020 04:42:00", ymd(2020, 5, 11)),  # dots: day first
    ],
)
def test_numeric_dates(nlp, text, expected):
    assert values(nlp, text, "DATE") == [expected]


def test_ambiguous_numeric_date_has_no_single_reading(nlp):
    (value,) = values(nlp, "Posted 04/05/2022 by the ministry", "DATE")
    assert value == {"ambiguous": [ymd(2022, 4, 5), ymd(2022, 5, 4)]}


def test_timestamp_clock_belongs_to_the_date_not_a_time(nlp):
    text = "Updated: August 30, 2021 08:18 Xinhua"
    assert values(nlp, text, "DATE") == [ymd(2021, 8, 30)]
    assert values(nlp, text, "TIME") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Prime Minister spoke with the President today.", 0),
        ("The leaders held a call this morning.", 0),
        ("The ministers will dine together this evening.", 0),
        ("The two spoke by phone tonight.", 0),
        ("The Secretary talked yesterday with his counterpart.", -1),
        ("Today's meeting followed a call last month.", 0),
    ],
)
def test_relative_days(nlp, text, expected):
    assert values(nlp, text, "DATE") == [{"relative_days": expected}]


def test_today_as_a_noun_phrase_is_not_a_date(nlp):
    assert values(nlp, "Cooperation matters in today's world.", "DATE") == []


def test_bare_weekday_is_a_weak_date(nlp):
    doc = nlp("The Secretary General spoke with the President on Sunday evening.")
    (span,) = spans(doc, "DATE")
    assert span._.diplex_value == {"weekday": 6, "last": False}
    assert span._.diplex_confidence == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "The two sides discussed the 2+2 dialogue and the G7 agenda.",
        "Measures against COVID-19 and Resolution 2231 were discussed.",
        "Ambassadors of 8 nations attended for two consecutive years.",
        "The talks lasted 1.5 hours.",
        "The delegations may 5 times revisit the issue.",  # a modal verb, not a month
        "The Good Friday Agreement was raised.",
        "Voters march 3 kilometres.",
    ],
)
def test_date_near_misses(nlp, text):
    assert values(nlp, text, "DATE") == []


# TIME ---------------------------------------------------------------------------------
def t(start, end=None, zone=None) -> dict[str, Any]:
    return {"start": start, "end": end, "zone": zone}


@pytest.mark.parametrize(
    "text,expected",
    [
        # handed kind: a time after words ("commencing at"), 12-hour clock with dots
        ("On May 3, commencing at 11:05 a.m. for approximately 20 minutes, they met.",
         t("11:05")),
        ("Starting from 7:20 p.m., the two ministers dined.", t("19:20")),
        ("The call began at around 9 a.m. and went well.", t("09:00")),
        ("He arrived shortly after 8 P.M. yesterday.", t("20:00")),
        ("The talks opened at 2:00 pm sharp.", t("14:00")),
        ("The session resumed at 14:30 after a break.", t("14:30")),
        ("A working lunch was held at noon in the residence.", t("12:00")),
        ("They met at noontime on March 9.", t("12:00")),
        ("Shortly after 12 a.m. the statement came out.", t("00:00")),
    ],
)
def test_clock_times(nlp, text, expected):
    assert values(nlp, text, "TIME") == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        # handed kind: a zone in words after the time
        ("On June 9, from 8:40 p.m. (Japan Time) for about 25 minutes, they talked.",
         t("20:40", zone="Japan Time")),
        ("They spoke at 10:00 a.m. Tokyo time for 30 minutes.", t("10:00", zone="Tokyo time")),
        ("The call began at 9 p.m. local time.", t("21:00", zone="local time")),
        ("The call began at 9 p.m. (local time; 4 a.m. the next day in Tokyo).",
         t("21:00", zone="local time")),
        ("Talks opened at 15:00 CET in Brussels.", t("15:00", zone="CET")),
    ],
)
def test_zone_after_time(nlp, text, expected):
    assert values(nlp, text, "TIME")[0] == expected


def test_two_clocks_first_is_local_time(nlp):
    text = "On May 2, commencing at 4:30 pm local time (11:30 p.m. Japan Time), they met."
    got = values(nlp, text, "TIME")
    assert got[0] == t("16:30", zone="local time")
    assert got[1] == t("23:30", zone="Japan Time")


@pytest.mark.parametrize(
    "text,expected",
    [
        # handed kind: start and end as a range
        ("On June 4, from 9:15 a.m. to 10:40 a.m., the dialogue was held.",
         t("09:15", "10:40")),
        ("The meeting ran from 10:30 to 11:15 in Seoul.", t("10:30", "11:15")),
        ("The session ran from 10:30 to 11:45 a.m. in Hanoi.", t("10:30", "11:45")),
        ("Talks lasted from 11:30 to 1:00 p.m. on the day.", t("11:30", "13:00")),
        ("They met between 10 and 11 a.m. at the ministry.", t("10:00", "11:00")),
        ("They met between 3 p.m. and 4:30 p.m. in Lima.", t("15:00", "16:30")),
        ("From approximately 2:10 p.m. to 2:55 p.m. (local time), they met.",
         t("14:10", "14:55", "local time")),
    ],
)
def test_time_ranges(nlp, text, expected):
    assert values(nlp, text, "TIME") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting lasted until 5 p.m. on the second day.",  # an end, not a start
        "As John 3:16 says, the vote was 2:1.",  # no clock cue
        "The afternoon session was short.",
        "The ministers am certain of it.",
    ],
)
def test_time_near_misses(nlp, text):
    assert values(nlp, text, "TIME") == []


# p.m. closing a sentence (handed kind) ------------------------------------------------
def test_pm_at_sentence_end_parses_and_ends_the_sentence(nlp_bounded):
    text = ("On July 9, the talks began at 4 p.m. Mr. KATO Ren, Minister for Foreign Affairs, "
            "welcomed H.E. Ms. Anna Berg. The two discussed trade.")
    doc = nlp_bounded(text)
    times = spans(doc, "TIME")
    assert [s._.diplex_value for s in times] == [t("16:00")]
    sentences = [s.text for s in doc.sents]
    assert sentences[0] == "On July 9, the talks began at 4 p.m."
    assert sentences[1].startswith("Mr. KATO Ren")
    # the time span lies inside one sentence
    assert times[0].sent.text == sentences[0]


def test_pm_at_sentence_end_with_minutes_and_capitals(nlp_bounded):
    doc = nlp_bounded("The call ended at 11:45 A.M. The ministers agreed to meet again.")
    assert [s.text for s in doc.sents] == ["The call ended at 11:45 A.M.",
                                           "The ministers agreed to meet again."]


@pytest.mark.parametrize(
    "text",
    [
        "At 10 a.m. Mr. Sato met the ambassador in Tokyo.",  # no verb before: one sentence
        "The call began at 9 p.m. Japan Time and lasted an hour.",
        "The talks began at 9 a.m. Monday and ended at noon.",
    ],
)
def test_pm_inside_a_sentence_does_not_split_it(nlp_bounded, text):
    doc = nlp_bounded(text)
    assert len(list(doc.sents)) == 1


# DURATION -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("They met for approximately 20 minutes.", 20),
        # handed kind: durations in words and hours
        ("They talked for about one hour and ten minutes.", 70),
        ("They talked for approximately two hours and fifteen minutes.", 135),
        ("The talks ran for 1.5 hours.", 90),
        ("The ministers met for an hour.", 60),
        ("The leaders spoke for about two hours.", 120),
        ("They conferred for approximately thirty minutes.", 30),
        ("They conferred for twenty-five minutes.", 25),
        ("The lunch lasted some 45 minutes.", 45),
        ("Some 45 minutes of talks followed.", 45),
        ("They met for half an hour.", 30),
        ("The dinner went on for approximately one and a half hours.", 90),
        ("The dinner went on for an hour and a half.", 90),
        ("The talks, lasting about 40 minutes, covered trade.", 40),
        ("The talks lasted approximately an hour and 40 minutes.", 100),
        ("They held a working lunch (approximately 1 hour and 5 minutes) and talks.", 65),
        ("The two had a 40-minute telephone call.", 40),
        ("The two held an hour-long meeting.", 60),
        ("The call was about 35 minutes long.", 35),
    ],
)
def test_durations(nlp, text, expected):
    assert values(nlp, text, "DURATION") == [expected]


def test_first_of_two_parenthesised_durations_comes_first(nlp):
    text = "They held a lunch (approximately 1 hour) and talks (approximately 30 minutes)."
    assert values(nlp, text, "DURATION") == [60, 30]


@pytest.mark.parametrize(
    "text",
    [
        "The treaty must be ratified within 20 years.",
        "The ministers arrived 30 minutes before the summit.",
        "They waited for 30 minutes before the summit opened.",
        "The agreement has been in force for 20 years.",
        "The plane landed 15 minutes late.",
        "The venue is a 10-minute walk from the station.",
        "The ceasefire held for 72 hours.",
    ],
)
def test_duration_near_misses(nlp, text):
    assert values(nlp, text, "DURATION") == []


# the handed kinds together, in one release of our own -----------------------------------
def test_release_with_date_time_zone_and_duration(nlp):
    text = ("Press Releases\nJapan-Peru Foreign Ministers' Telephone Talk\nJanuary 4, 2026\n"
            "On December 29, commencing at 6:40 p.m. (Japan Time) for approximately one hour "
            "and five minutes, the two ministers spoke by telephone.")
    doc = nlp(text)
    assert [s._.diplex_value for s in spans(doc, "DATE")] == [ymd(2026, 1, 4),
                                                              ymd(None, 12, 29)]
    assert [s._.diplex_value for s in spans(doc, "TIME")] == [t("18:40", zone="Japan Time")]
    assert [s._.diplex_value for s in spans(doc, "DURATION")] == [65]


# component plumbing ----------------------------------------------------------------------
def test_component_saves_and_loads_its_lexicon(nlp, tmp_path):
    component = nlp.get_pipe("diplex_datetimes")
    component.to_disk(tmp_path)
    assert (tmp_path / LEXICON).is_file()
    component.from_disk(tmp_path)
    assert values(nlp, "They met on 2 May 2024.", "DATE") == [ymd(2024, 5, 2)]


def test_lexicon_missing_a_kind_is_rejected(tmp_path):
    records = [json.loads(line) for line in asset_path(LEXICON).read_text().splitlines()]
    kept = [r for r in records if r.get("kind") != "month"]
    with pytest.raises(ValueError, match="month"):
        DatetimeGrammar(kept)


def test_grammar_extends_from_the_lexicon():
    records = [json.loads(line) for line in asset_path(LEXICON).read_text().splitlines()]
    records.append({"kind": "relative_day", "words": ["the day before yesterday"], "value": -2})
    grammar = DatetimeGrammar(records)
    (item,) = grammar.find("They met the day before yesterday.")
    assert item.value == {"relative_days": -2}


# press datelines ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "LIMA, June 3, 2022 /PRNewswire/ -- The minister spoke by phone on 1 June 2022.",
        "WELLINGTON, New Zealand, 3 June 2022 - The minister spoke by phone on 1 June 2022.",
        "Readout\nNEW DELHI, June 3, 2022: The minister spoke by phone on 1 June 2022.",
    ],
)
def test_dateline_date_has_its_own_rule(nlp, text):
    got = [(s._.diplex_rule, s._.diplex_value) for s in spans(nlp(text), "DATE")]
    assert got[0] == ("date.dateline", ymd(2022, 6, 3))
    assert got[1] == ("date.day_month_year", ymd(2022, 6, 1))


def test_date_after_a_place_in_running_text_is_not_a_dateline(nlp):
    doc = nlp("The envoys met in GENEVA, June 3, 2022 - a first for both.")
    assert [s._.diplex_rule for s in spans(doc, "DATE")] == ["date.month_day_year"]


# year-first dates (pages re-published by aggregators in other languages) --------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Forrás: hirek.hu | 2019. március 14. 08:30", ymd(2019, 3, 14)),
        ("Posted 2021 October 5", ymd(2021, 10, 5)),
        ("发布时间：2018年11月3日", ymd(2018, 11, 3)),
        ("등록일 2020년 7월 21일", ymd(2020, 7, 21)),
    ],
)
def test_year_first_dates(nlp, text, expected):
    assert values(nlp, text, "DATE") == [expected]


@pytest.mark.parametrize("text", ["By 2019, May 5 was chosen.", "In 2019 may 5 states joined."])
def test_year_first_near_misses(nlp, text):
    assert [v for v in values(nlp, text, "DATE") if v.get("year") == 2019] == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The meeting began at 0930 hrs and ended at noon.", "09:30"),
        ("The talks were held at 1100 hours in the Ministry.", "11:00"),
        ("They met at 1430 hrs.", "14:30"),
        ("The call started at 14.30 hrs local time.", "14:30"),
        ("Les ministres se sont entretenus at 15h30 in Paris.", "15:30"),
        ("The ministers met at 9h05.", "09:05"),
        ("They met at half past ten.", "10:30"),
        ("They met at a quarter to eleven.", "10:45"),
        ("They met at half past three in the afternoon.", "15:30"),
        ("The ministers met at nine o'clock in the evening.", "21:00"),
        ("They met at 10.30 am.", "10:30"),
    ],
)
def test_clock_times_as_ministries_write_them(nlp, text, start):
    assert [v["start"] for v in values(nlp, text, "TIME")] == [start]


@pytest.mark.parametrize(
    "text",
    [
        "Volunteers gave 2000 hours of work to the project.",  # an amount, no cue
        "The 1990s brought change.",
        "Resolution 2231 h was cited.",
        "The ten o'clock news covered the visit.",  # no cue word before
        "Half past the deadline, nothing had moved.",
    ],
)
def test_clock_time_near_misses(nlp, text):
    assert values(nlp, text, "TIME") == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("The meeting lasted an hour.", 60),
        ("The talks lasted half an hour.", 30),
        ("They talked for one and a half hours.", 90),
        ("It was a 90-minute meeting.", 90),
        ("The call lasted around 40 minutes.", 40),
    ],
)
def test_durations_as_ministries_write_them(nlp, text, minutes):
    assert values(nlp, text, "DURATION") == [minutes]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("7:20 in the evening", "19:20"), ("7:20 in the morning", "07:20"),
     ("12:10 in the afternoon", "12:10"), ("10:30 at night", "22:30"), ("19:20", "19:20"),
     ("4:05 in the afternoon", "16:05")],
)
def test_a_colon_time_takes_its_half_of_the_day_from_a_day_part(phrase, expected) -> None:
    import diplex

    record = diplex.extract(f"3 May 2024\nForeign Minister Ana Ruiz of Peru met Foreign "
                            f"Minister Kari Halvorsen of Norway at {phrase} today.")
    assert record.start_time == expected
