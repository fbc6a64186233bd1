"""``diplex export`` that writes no event says why on standard error, and exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplex.cli import app
from diplex.events.export import ExportTally, cameo_rows, csv_rows, plover_records

ANNOUNCED = {"code": "announced", "message": "a meeting to come"}


def announced(doc_id: str) -> dict:
    return {"doc_id": doc_id, "publisher": "JPN", "release_date": "2024-05-01",
            "date": "2024-05-03", "meeting_type": "meeting", "warnings": [ANNOUNCED],
            "countries": [{"code": "JPN", "role": "participant"},
                          {"code": "FRA", "role": "participant"}]}


def call(doc_id: str, **extra) -> dict:
    return {"doc_id": doc_id, "publisher": "AUS", "release_date": "2024-03-05",
            "date": "2024-03-05", "meeting_type": "telephone_talk",
            "countries": [{"code": "AUS", "role": "participant"},
                          {"code": "CHL", "role": "participant"}], **extra}


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def export(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["plover", "cameo", "csv"])
def test_every_record_announced(tmp_path: Path, fmt: str):
    src = write(tmp_path / "r.jsonl", [announced(f"a{i}") for i in range(12)])
    code, stdout, stderr = export(str(src), "-f", fmt, "-q")
    assert code == 0
    assert stderr == ("diplex export: 0 events written: 12 records read, 12 announced, "
                      "0 with no meeting to code, 0 with a coded event\n")
    assert stdout == ("" if fmt != "csv" else stdout.splitlines()[0] + "\n")  # csv: header


def test_no_meeting_to_code_and_no_records(tmp_path: Path):
    src = write(tmp_path / "r.jsonl", [{"doc_id": "x"}, announced("a"), {"doc_id": "y"}])
    code, _, stderr = export(str(src), "-f", "csv", "-o", str(tmp_path / "e.csv"))
    assert code == 0
    assert ("diplex export: 0 events written: 3 records read, 1 announced, "
            "2 with no meeting to code, 0 with a coded event") in stderr.splitlines()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    code, stdout, stderr = export(str(empty), "-q")
    assert (code, stdout) == (0, "")
    assert stderr == "diplex export: 0 events written: 0 records read\n"


def test_cameo_coded_but_undated_and_bad_lines(tmp_path: Path):
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(call("c1", date=None)) + "\nnot json\n", encoding="utf-8")
    code, stdout, stderr = export(str(src), "-f", "cameo", "-q")
    assert (code, stdout) == (1, "")  # 1: a line was not a record, as before
    assert stderr.splitlines()[-1] == (
        "diplex export: 0 events written: 1 records read, 0 announced, 0 with no meeting "
        "to code, 1 with a coded event, 1 without the date or the two sides CAMEO needs, "
        "1 lines not records")


def test_no_reason_when_events_are_written(tmp_path: Path):
    src = write(tmp_path / "r.jsonl", [call("c1"), announced("a1")])
    code, stdout, stderr = export(str(src), "-f", "plover", "-q")
    assert code == 0 and [json.loads(x)["id"] for x in stdout.splitlines()] == ["c1"]
    assert stderr == ""
    code, _, stderr = export(str(src), "-f", "plover")
    assert stderr.startswith("diplex export: 2 records, 0 errors, ")
    assert stderr.rstrip().endswith("; 1 events written")


def test_tally_counts_through_the_api():
    rows = [call("c1"), call("c2", date=None), announced("a1"), {"doc_id": "x"}]
    for writer in (plover_records, csv_rows):
        tally = ExportTally()
        assert len(list(writer(rows, tally))) == 2
        assert (tally.records, tally.announced, tally.coded, tally.events) == (4, 1, 2, 2)
    tally = ExportTally()
    skipped: list[str] = []
    assert len(list(cameo_rows(rows, skipped, tally))) == 1  # one dyad
    assert (tally.coded, tally.incomplete, tally.events) == (2, 1, 1)
    assert skipped == ["c2", "a1", "x"]
