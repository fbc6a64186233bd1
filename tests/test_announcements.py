"""Announcements are not meetings: a release that announces a meeting to come keeps what it
says, carries the warning ``announced``, and gives no event data (PLOVER, CAMEO, CSV)."""

from __future__ import annotations

import pytest

import diplex
from diplex.events.coding import code_record, is_announcement
from diplex.events.export import cameo_rows, csv_rows, plover_records

ANNOUNCED = [
    "Foreign Minister Sato Kenji will visit India from 3 to 5 June and hold talks with "
    "External Affairs Minister Arvind Rao.",
    "Secretary Jones is scheduled to hold talks with Foreign Minister Ana Lagos of Chile on "
    "Monday in Washington.",
    "The two ministers are expected to meet on the margins of the G20 summit.",
    "Prime Minister Olsen is set to pay a courtesy call on President Ramos of Chile.",
    "Minister Kamau plans to meet her Ethiopian counterpart in Addis Ababa next week.",
]

REPORTED = [
    "Foreign Minister Sato Kenji held talks with External Affairs Minister Arvind Rao in New "
    "Delhi today. The ministers will meet again in Tokyo next year.",
    "Minister Lee, who will visit Paris next week, met Ambassador Dubois of France today.",
    "Secretary Jones met Foreign Minister Ana Lagos of Chile; they will hold a joint press "
    "conference tomorrow.",
]


@pytest.mark.parametrize("text", ANNOUNCED)
def test_announcement_is_warned_and_has_no_event(extractor, text) -> None:
    record = extractor.extract(text, release_date="2024-05-30", publisher="JPN")
    assert "announced" in {w.code for w in record.warnings}
    assert record.meeting_type is not None  # what the text says is kept
    assert record.event is None and is_announcement(record) and code_record(record) is None


@pytest.mark.parametrize("text", REPORTED)
def test_report_with_a_future_aside_is_not_an_announcement(extractor, text) -> None:
    record = extractor.extract(text, release_date="2024-05-30", publisher="JPN")
    assert "announced" not in {w.code for w in record.warnings}
    assert record.event is not None


def test_exports_leave_announcements_out(extractor) -> None:
    records = [extractor.extract(ANNOUNCED[0], doc_id="a", release_date="2024-05-30",
                                 publisher="JPN"),
               extractor.extract(REPORTED[0], doc_id="r", release_date="2024-05-30",
                                 publisher="JPN")]
    assert [p["id"] for p in plover_records(records)] == ["r"]
    assert [row["doc_id"] for row in csv_rows(records)] == ["r"]
    skipped: list[str] = []
    assert {row[5] for row in cameo_rows(records, skipped)} == {"r"}
    assert skipped == ["a"]


def test_record_dicts_are_read_the_same_way(extractor) -> None:
    record = extractor.extract(ANNOUNCED[1], release_date="2024-05-30")
    assert is_announcement(record.model_dump(mode="json"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Foreign Minister Ana Ruiz will travel to St. George's next week for talks with "
        "Foreign Minister Kari Halvorsen of Norway.",
        "Foreign Minister Ana Ruiz will pay an official visit to Norway on 20 May to hold "
        "talks with Foreign Minister Kari Halvorsen.",
        "Foreign Minister Ana Ruiz is due to fly to Oslo on Monday for a meeting with "
        "Foreign Minister Kari Halvorsen.",
    ],
)
def test_a_future_marker_further_before_the_cue_announces(sentence: str) -> None:
    record = diplex.extract(f"3 May 2024\n{sentence}", publisher="PER")
    assert "announced" in {w.code for w in record.warnings}


@pytest.mark.parametrize(
    "sentence",
    [
        "Foreign Minister Ana Ruiz will brief the press after she met Foreign Minister Kari "
        "Halvorsen of Norway in Lima today.",
        "Foreign Minister Ana Ruiz, who will travel to Oslo next week, held talks with Foreign "
        "Minister Kari Halvorsen of Norway in Lima today.",
    ],
)
def test_a_future_marker_with_a_past_verb_or_another_clause_before_the_cue_does_not(
        sentence: str) -> None:
    record = diplex.extract(f"3 May 2024\n{sentence}", publisher="PER")
    assert "announced" not in {w.code for w in record.warnings}
