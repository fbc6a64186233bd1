"""Batch mechanics: one result per document in input order, error entries, formats,
parallel order, resume, and the command line's exit codes.

Extraction values are others' work in progress: these tests assert ids, counts, order,
formats and equality between runs, not what was extracted.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from diplex.batch import ErrorEntry, Summary, extract_ordered, iter_results, run
from diplex.cli import app
from diplex.components.base import DiplexComponent
from diplex.extractor import Extractor
from diplex.io.locks import OutputLocked, OutputLocks
from diplex.io.readers import iter_documents
from diplex.io.writers import OutputError
from diplex.pipeline import load_base
from diplex.record import MeetingRecord

PEOPLE = [("Marta", "Kowalczyk"), ("Tomas", "Berg"), ("Aiko", "Tanabe"), ("Luis", "Ferreira")]
PLACES = [("Warsaw", "Poland"), ("Oslo", "Norway"), ("Lima", "Peru"), ("Hanoi", "Viet Nam")]
MONTHS = ["January", "April", "July", "October"]


def release(i: int) -> str:
    """A short release-like text, different for each ``i``."""
    given, family = PEOPLE[i % len(PEOPLE)]
    city, country = PLACES[(i // 2) % len(PLACES)]
    month = MONTHS[(i // 3) % len(MONTHS)]
    return (
        f"Foreign Minister {given} {family} meets counterpart from {country}\n\n"
        f"On {1 + i % 27} {month} {2015 + i % 9}, Foreign Minister {given} {family} held a "
        f"meeting of about {20 + i} minutes with the Minister of Foreign Affairs of {country} "
        f"in {city}. The two sides discussed trade, climate and regional security."
    )


def write_jsonl(path: Path, n: int, start: int = 0) -> list[str]:
    ids = [f"rel-{i:04d}" for i in range(start, start + n)]
    with open(path, "w", encoding="utf-8") as fh:
        for i, doc_id in zip(range(start, start + n), ids, strict=True):
            fh.write(json.dumps({"id": doc_id, "text": release(i)}) + "\n")
    return ids


class _Boom(DiplexComponent):
    """A diplex component that fails on texts containing EXPLODE (error captured on the Doc)."""

    name = "test_batch_boom"

    def process(self, doc: Doc) -> None:
        if "EXPLODE" in doc.text:
            raise ValueError("boom on purpose")


@Language.factory("test_batch_boom")
def _make_boom(nlp: Language, name: str) -> _Boom:
    return _Boom()


@Language.component("test_batch_crash")
def _crash(doc: Doc) -> Doc:
    """A plain (non-diplex) component whose exception breaks spaCy's pipe."""
    if "CRASH" in doc.text:
        raise RuntimeError("crash on purpose")
    return doc


def _extractor_on(nlp: Language) -> Extractor:
    extractor = Extractor.__new__(Extractor)
    extractor.model = "test"
    extractor.nlp = nlp
    return extractor


@pytest.fixture(scope="module")
def bare() -> Extractor:
    """An Extractor on the bare base model: fast, independent of the rule components."""
    return _extractor_on(load_base())


@pytest.fixture(scope="module")
def failing() -> Extractor:
    """The bare base model plus the two failing test components."""
    nlp = load_base()
    nlp.add_pipe("test_batch_boom")
    nlp.add_pipe("test_batch_crash")
    return _extractor_on(nlp)


def _mixed_dump(folder: Path) -> list[str]:
    """Write a mixed dump; return the doc_ids in input order."""
    folder.mkdir()
    (folder / "a.txt").write_text(release(1))
    (folder / "b.md").write_text(release(2))
    (folder / "c.html").write_text(f"<html><body><h1>Talks</h1><p>{release(3)}</p></body></html>")
    (folder / "d.txt").write_bytes(b"\x00\x01\x02binary")
    lines = [
        json.dumps({"id": "j1", "text": release(4)}),
        "{not json",
        json.dumps({"id": "j3", "body": "no text field"}),
        json.dumps({"id": "j4", "text": release(5)}),
    ]
    (folder / "e.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "f.csv").write_text(f'id,text\nc1,"{release(6)}"\n')
    (folder / "g.txt").write_text("")
    return ["a", "b", "c", "d", "j1", "e.jsonl:2", "j3", "j4", "c1", "g"]


def test_every_document_gives_a_record_or_an_error_in_order(tmp_path: Path, bare) -> None:
    expected = _mixed_dump(tmp_path / "dump")
    results = list(iter_results([tmp_path / "dump"], extractor=bare))
    assert [r.doc_id for r in results] == expected
    errors = {r.doc_id: r for r in results if isinstance(r, ErrorEntry)}
    assert set(errors) == {"d", "e.jsonl:2", "j3", "g"}
    assert all(e.stage == "read" for e in errors.values())
    assert errors["e.jsonl:2"].line == 2 and errors["e.jsonl:2"].source.endswith("e.jsonl")
    records = [r for r in results if isinstance(r, MeetingRecord)]
    assert len(records) == 6


def test_run_writes_jsonl_errors_and_summary(tmp_path: Path, bare) -> None:
    expected = _mixed_dump(tmp_path / "dump")
    out = tmp_path / "out.jsonl"
    summary = run([tmp_path / "dump"], out, extractor=bare, progress=False)
    assert isinstance(summary, Summary)
    assert (summary.documents, summary.records, summary.errors) == (10, 6, 4)
    assert summary.elapsed > 0 and summary.docs_per_second > 0
    records = [json.loads(x) for x in out.read_text().splitlines()]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    record_ids = {"a", "b", "c", "j1", "j4", "c1"}
    assert [r["doc_id"] for r in records] == [d for d in expected if d in record_ids]
    assert records[0] == MeetingRecord.model_validate(records[0]).model_dump(mode="json")
    assert set(errors[0]) == {"doc_id", "source", "line", "stage", "error_type", "message"}
    assert sorted(e["doc_id"] for e in errors) == sorted(["d", "e.jsonl:2", "j3", "g"])


def test_csv_and_parquet_outputs_hold_the_same_documents(tmp_path: Path, bare) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    ids = write_jsonl(tmp_path / "d.jsonl", 5)
    errs = tmp_path / "errs.jsonl"
    s1 = run([tmp_path / "d.jsonl"], tmp_path / "t.csv", extractor=bare, errors_path=errs)
    with open(tmp_path / "t.csv", newline="") as fh:
        assert [row["doc_id"] for row in csv.DictReader(fh)] == ids
    for table in ("officials", "countries", "organisations", "topics", "evidence", "warnings"):
        with open(tmp_path / f"t.{table}.csv", newline="") as fh:
            header = next(csv.reader(fh))
        assert header[0] == "doc_id"
    s2 = run([tmp_path / "d.jsonl"], tmp_path / "t.parquet", extractor=bare, rows_per_part=2)
    assert pq.read_table(tmp_path / "t.parquet" / "meetings").column("doc_id").to_pylist() == ids
    assert s1.records == s2.records == 5 and s1.errors == s2.errors == 0
    assert errs.read_text() == ""


def test_failing_components_become_error_entries(tmp_path: Path, failing) -> None:
    texts = [release(0), "EXPLODE " + release(1), release(2), "CRASH " + release(3), release(4)]
    (tmp_path / "d.jsonl").write_text(
        "".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    for processes in (1, 2):
        results = list(
            iter_results(
                [tmp_path / "d.jsonl"], extractor=failing, processes=processes, batch_size=2
            )
        )
        assert [r.doc_id for r in results] == ["t0", "t1", "t2", "t3", "t4"]
        kinds = [type(r).__name__ for r in results]
        record, error = "MeetingRecord", "ErrorEntry"
        assert kinds == [record, error, record, error, record]
        boom, crash = results[1], results[3]
        assert isinstance(boom, ErrorEntry) and "boom on purpose" in boom.message
        assert isinstance(crash, ErrorEntry) and "crash on purpose" in crash.message
        assert boom.stage == crash.stage == "extract"


def test_a_reader_that_breaks_stops_the_run_after_the_documents_before_it(
    tmp_path: Path, bare
) -> None:
    write_jsonl(tmp_path / "d.jsonl", 7)

    def items():
        yield from iter_documents([tmp_path / "d.jsonl"])
        raise OSError("the dump's disk went away")

    got = []
    with pytest.raises(OSError, match="went away"):
        for result in extract_ordered(items(), bare, batch_size=3):
            got.append(result.doc_id)
    assert got == [f"rel-{i:04d}" for i in range(7)]


def test_two_processes_keep_order_and_equal_one_process(tmp_path: Path, extractor) -> None:
    write_jsonl(tmp_path / "d.jsonl", 14)
    items = list(iter_documents([tmp_path / "d.jsonl"]))
    one = list(extract_ordered(items, extractor, processes=1, batch_size=3))
    two = list(extract_ordered(items, extractor, processes=2, batch_size=3))
    assert [r.doc_id for r in two] == [i.doc_id for i in items]
    assert all(isinstance(r, MeetingRecord) for r in two)
    assert [r.model_dump(mode="json") for r in two] == [r.model_dump(mode="json") for r in one]


def test_resume_finishes_a_partial_output(tmp_path: Path, bare) -> None:
    ids = write_jsonl(tmp_path / "d.jsonl", 8)
    with open(tmp_path / "d.jsonl", "a") as fh:
        fh.write("{broken\n")
    full = tmp_path / "full.jsonl"
    run([tmp_path / "d.jsonl"], full, extractor=bare)
    lines = full.read_text().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(lines[:3]) + lines[3][:25])  # a killed run: 3 lines and a half
    summary = run([tmp_path / "d.jsonl"], part, extractor=bare, resume=True)
    assert (summary.documents, summary.skipped, summary.records, summary.errors) == (9, 3, 5, 1)
    assert part.read_text() == full.read_text()
    again = run([tmp_path / "d.jsonl"], part, extractor=bare, resume=True)
    assert (again.skipped, again.records, again.errors) == (9, 0, 0)
    assert [json.loads(x)["doc_id"] for x in part.read_text().splitlines()] == ids


runner = CliRunner()


def test_a_second_writer_fails_at_once_and_touches_nothing(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "d.jsonl", 3)
    out, errs = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    out.write_text('{"doc_id": "rel-0000"}\n{"doc_id": "rel-00')
    for held in (out, errs):
        with OutputLocks([held]):  # another run holds it
            for resume in (False, True):
                # a model that does not exist: the lock is refused before any model loads
                with pytest.raises(OutputLocked, match="another diplex run") as info:
                    run([tmp_path / "d.jsonl"], out, resume=resume, model="no-such-model")
                assert info.value.path == held
                assert out.read_text() == '{"doc_id": "rel-0000"}\n{"doc_id": "rel-00'
        assert not errs.exists()
    with OutputLocks([out]):
        result = runner.invoke(app, ["batch", str(tmp_path / "d.jsonl"), "-o", str(out)])
    assert result.exit_code == 2 and "being written by another diplex run" in result.output
    (tmp_path / "one.txt").write_text(release(0))
    extracted = tmp_path / "x.jsonl"
    extracted.write_text("KEEP\n")
    with OutputLocks([extracted]):
        result = runner.invoke(app, ["extract", str(tmp_path / "one.txt"), "-o", str(extracted)])
    assert result.exit_code == 2 and "being written by another diplex run" in result.output
    assert extracted.read_text() == "KEEP\n"


def test_the_runs_own_files_are_never_read_as_input(tmp_path: Path, bare) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    ids = write_jsonl(dump / "a.jsonl", 12)
    out = dump / "out.jsonl"
    first = run([dump], out, extractor=bare, batch_size=2)
    assert (first.documents, first.records, first.errors) == (12, 12, 0)
    again = run([dump], out, extractor=bare, batch_size=2, resume=True)
    assert (again.documents, again.skipped, again.records, again.errors) == (12, 12, 0, 0)
    tables = tmp_path / "tables"
    tables.mkdir()
    write_jsonl(tables / "a.jsonl", 12)
    for resume in (False, True):  # seven .csv tables (and .part files) in the input folder
        csv_run = run([tables], tables / "t.csv", extractor=bare, batch_size=2, resume=resume)
        assert (csv_run.documents, csv_run.records, csv_run.errors) == (12, 12 - 12 * resume, 0)
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ids
    assert (dump / "out.errors.jsonl").read_text() == ""
    with pytest.raises(OutputError, match="not an input"):
        run([out], out, extractor=bare)
    with pytest.raises(OutputError, match="must not be one of the output.s own files"):
        run([dump / "a.jsonl"], tmp_path / "x.jsonl", errors_path=tmp_path / "x.jsonl")
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ids




def test_cli_exit_codes(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "d.jsonl", 1)
    bad_format = runner.invoke(app, ["batch", str(tmp_path), "-o", "x", "--format", "xml"])
    assert bad_format.exit_code == 2
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    blocker = tmp_path / "file"
    blocker.write_text("")
    unwritable = runner.invoke(app, ["batch", str(tmp_path), "-o", str(blocker / "out.jsonl")])
    assert unwritable.exit_code == 2


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from diplex.cli import main; main()", "batch", *args]


def test_cli_killed_midway_then_resumed(tmp_path: Path) -> None:
    n = 400
    ids = write_jsonl(tmp_path / "d.jsonl", n)
    with open(tmp_path / "d.jsonl", "a") as fh:
        fh.write("not json at all\n")
    out, errs = tmp_path / "out.jsonl", tmp_path / "errs.jsonl"
    args = [str(tmp_path / "d.jsonl"), "-o", str(out), "--errors", str(errs), "--batch-size", "4"]
    proc = subprocess.Popen(_cli(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    data = out.read_bytes()
    assert data.endswith(b"\n"), "a killed run must leave whole lines only"
    killed = [json.loads(x)["doc_id"] for x in data.splitlines()]
    assert 5 <= len(killed) < n and killed == ids[: len(killed)]
    done = subprocess.run(_cli(*args, "--resume"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # piped: one summary line (diplex.progress), the read error counted
    assert re.search(r"^diplex batch: \d+ records, 1 error, .* skipped", done.stderr, re.M)
    final = [json.loads(x)["doc_id"] for x in out.read_text().splitlines()]
    assert final == ids  # all present, in order, no duplicates
    errors = [json.loads(x) for x in errs.read_text().splitlines()]
    assert [e["doc_id"] for e in errors] == [f"d.jsonl:{n + 1}"]
