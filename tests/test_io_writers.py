"""Writers: flat tables, crash-safe lines and parts, and repair on resume."""

from __future__ import annotations

import csv
import errno
import json
from pathlib import Path

import pytest
from test_faults import disk_full_after

from diplex.io.writers import (
    TABLES,
    CsvWriter,
    JsonlWriter,
    ParquetWriter,
    WholeWrites,
    csv_paths,
    cut_partial_line,
    default_errors_path,
    flatten,
    infer_format,
    iter_jsonl_ids,
    part_path,
)
from diplex.record import (
    CountryRef,
    Evidence,
    ExtractionWarning,
    MeetingRecord,
    Official,
    OrganisationRef,
)


def _record(doc_id: str, n: int = 1) -> MeetingRecord:
    return MeetingRecord(
        doc_id=doc_id,
        publisher="FIN",
        title="Minister meets, counterpart \"quoted\"\nsecond line",
        release_date="2022-03-05",
        meeting_type="meeting",
        date="2022-03-04",
        duration_minutes=45,
        officials=[
            Official(name=f"Ana Lind{i}", family_name=f"Lind{i}", given_name="Ana", country="FIN")
            for i in range(n)
        ],
        countries=[CountryRef(code="EST", role="participant")],
        organisations=[OrganisationRef(name="European Union", acronym="EU", role="mentioned")],
        topics=["energy security", "Ukraine"],
        evidence=[Evidence(field="date", start=3, end=15, text="4 March 2022", rule="d1")],
        warnings=[ExtractionWarning(code="year_from_release_date", message="m", field="date")],
    )


def test_flatten_gives_one_meeting_row_and_keyed_child_rows() -> None:
    tables = flatten(_record("r1", n=2))
    assert set(tables) == set(TABLES)
    assert len(tables["meetings"]) == 1
    meeting = tables["meetings"][0]
    assert list(meeting) == list(TABLES["meetings"])
    assert meeting["n_officials"] == 2 and meeting["warning_codes"] == ["year_from_release_date"]
    assert [r["position"] for r in tables["officials"]] == [0, 1]
    for table, rows in tables.items():
        for row in rows:
            assert set(row) == set(TABLES[table]) and row["doc_id"] == "r1"


def test_paths_and_format_inference(tmp_path: Path) -> None:
    assert infer_format("x/out.csv") == "csv"
    assert infer_format("x/out.parquet") == "parquet"
    assert infer_format("x/out.jsonl") == "jsonl"
    assert default_errors_path("x/out.csv") == Path("x/out.errors.jsonl")
    assert default_errors_path("x/run") == Path("x/run.errors.jsonl")
    paths = csv_paths(tmp_path / "meet.csv")
    assert paths["meetings"] == tmp_path / "meet.csv"
    assert paths["topics"] == tmp_path / "meet.topics.csv"


def test_cut_partial_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "ti')
    cut_partial_line(path)
    assert path.read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "b"}\n'
    cut_partial_line(path)  # whole lines: unchanged
    assert list(iter_jsonl_ids(path)) == ["a", "b"]
    path.write_bytes(b'{"doc_id": "only-partial')
    cut_partial_line(path)
    assert path.read_bytes() == b""


def test_jsonl_writer_appends_on_resume_after_cutting(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    writer.write(_record("a"))
    writer.close()
    with open(path, "ab") as fh:
        fh.write(b'{"doc_id": "b", "pub')
    writer = JsonlWriter(path, resume=True)
    writer.write(_record("b"))
    writer.close()
    lines = path.read_text().splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == ["a", "b"]
    assert json.loads(lines[0]) == _record("a").model_dump(mode="json")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_writer_tables_and_resume_repair(tmp_path: Path) -> None:
    out = tmp_path / "meet.csv"
    writer = CsvWriter(out)
    writer.write(_record("a", n=2))
    writer.write(_record("b", n=1))
    writer.close()
    paths = csv_paths(out)
    meetings = _read_csv(paths["meetings"])
    assert [m["doc_id"] for m in meetings] == ["a", "b"]
    assert meetings[0]["title"] == "Minister meets, counterpart \"quoted\"\nsecond line"
    assert meetings[0]["topics"] == "energy security; Ukraine"
    assert [o["family_name"] for o in _read_csv(paths["officials"])] == ["Lind0", "Lind1", "Lind0"]
    # A kill while writing "c": its officials row is written, its meetings row is partial.
    with open(paths["officials"], "a", encoding="utf-8") as fh:
        fh.write("c,0,Orphan Row,Row,,,,\n")
    with open(paths["meetings"], "a", encoding="utf-8") as fh:
        fh.write('c,FIN,"Minister meets\nhalf a ro')
    assert list(CsvWriter.done_ids(out)) == ["a", "b"]
    writer = CsvWriter(out, resume=True)
    writer.write(_record("c", n=1))
    writer.close()
    assert [m["doc_id"] for m in _read_csv(paths["meetings"])] == ["a", "b", "c"]
    officials = _read_csv(paths["officials"])
    assert [(o["doc_id"], o["name"]) for o in officials] == [
        ("a", "Ana Lind0"),
        ("a", "Ana Lind1"),
        ("b", "Ana Lind0"),
        ("c", "Ana Lind0"),
    ]
    assert list(_read_csv(paths["evidence"])[0]) == list(TABLES["evidence"])


def test_parquet_writer_parts_and_resume(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    writer = ParquetWriter(out, rows_per_part=2)
    for name in "abcde":
        writer.write(_record(name))
    writer.close()
    parts = sorted(p.name for p in (out / "meetings").iterdir())
    assert parts == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]
    meetings = pq.read_table(out / "meetings")
    assert meetings.column("doc_id").to_pylist() == list("abcde")
    assert meetings.column("topics").to_pylist()[0] == ["energy security", "Ukraine"]
    assert meetings.schema.field("duration_minutes").type.bit_width == 64
    # A kill between the child parts and the meetings part of part 3, mid-write of another.
    (out / "officials" / "part-000003.parquet").write_bytes(b"orphan")
    (out / "meetings" / "part-000003.parquet.tmp").write_bytes(b"partial")
    assert list(ParquetWriter.done_ids(out)) == list("abcde")
    writer = ParquetWriter(out, resume=True, rows_per_part=2)
    writer.write(_record("f"))
    writer.close()
    assert pq.read_table(out / "meetings").column("doc_id").to_pylist() == list("abcdef")
    officials = pq.read_table(out / "officials").column("doc_id").to_pylist()
    assert officials == list("abcdef")
    assert not list(out.rglob("*.tmp"))


def test_csv_tables_appear_under_their_names_only_when_the_run_ends(tmp_path: Path) -> None:
    out = tmp_path / "meet.csv"
    paths = csv_paths(out)
    out.write_text("doc_id\nold\n")  # a previous run's finished table
    writer = CsvWriter(out)
    writer.write(_record("a"))
    assert out.read_text() == "doc_id\nold\n"  # untouched while the new run writes
    assert not paths["officials"].exists()
    assert [m["doc_id"] for m in _read_csv(part_path(out))] == ["a"]
    writer.close(complete=False)  # the run stopped on an error: nothing published
    assert out.read_text() == "doc_id\nold\n" and part_path(out).exists()
    assert list(CsvWriter.done_ids(out)) == ["a"]  # resume carries on the .part files
    writer = CsvWriter(out, resume=True)
    writer.write(_record("b"))
    writer.close()
    assert [m["doc_id"] for m in _read_csv(out)] == ["a", "b"]
    assert [o["doc_id"] for o in _read_csv(paths["officials"])] == ["a", "b"]
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("budget", [0, 1, 700, 2000])
def test_a_full_disk_leaves_whole_lines_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    writer.write(_record("a"))
    whole = path.read_bytes()
    monkeypatch.setattr(WholeWrites, "_write_some", disk_full_after(budget))
    with pytest.raises(OSError) as info:
        for name in "bcdefgh":
            writer.write(_record(name))
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(path)
    data = path.read_bytes()
    assert data.startswith(whole) and data.endswith(b"\n")
    kept = [json.loads(x)["doc_id"] for x in data.splitlines()]
    assert kept == list("abcdefgh"[: len(kept)])
    assert len(data) <= len(whole) + budget
    writer.close()


def test_parquet_part_in_progress_is_dropped_when_the_run_stops(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    writer = ParquetWriter(out, rows_per_part=2)
    for name in "abc":
        writer.write(_record(name))
    writer.close(complete=False)  # "c" was in the part in progress
    assert list(ParquetWriter.done_ids(out)) == ["a", "b"]
    writer = ParquetWriter(out, resume=True, rows_per_part=2)
    writer.write(_record("c"))
    writer.close()
    assert pq.read_table(out / "meetings").column("doc_id").to_pylist() == list("abc")
