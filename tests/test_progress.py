"""Progress on standard error (diplex.progress): a bar on a terminal, else exactly one
summary line at the end, nothing with --quiet; the same through the Python API.

Timing is not tested: only that the seconds and docs/s are there, and the counts are right.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

import diplex.cli.extract as cli_extract
import diplex.extractor as extractor_module
from diplex.batch import run
from diplex.cli import app
from diplex.components.base import DiplexComponent
from diplex.extractor import ExtractionFailure, Extractor
from diplex.pipeline import load_base
from diplex.progress import Progress, resolve

SUMMARY = re.compile(
    r"^(?P<label>diplex(?: [a-z]+)?): (?P<records>\d+) records?, (?P<errors>\d+) errors?, "
    r"\d+\.\d s, \d+\.\d docs/s(?P<extra>.*)$"
)
BAR_MARKS = ("\r", "█", "doc/s", "it/s", "%|")


def text(i: int) -> str:
    return (
        f"Foreign Minister Marta Kowalczyk meets counterpart {i}\n\n"
        f"On {1 + i} April 2021, Foreign Minister Marta Kowalczyk held a meeting with the "
        "Minister of Foreign Affairs of Norway in Oslo. They discussed trade."
    )


class _Explode(DiplexComponent):
    """Fails on texts containing EXPLODE (an extraction failure of that document)."""

    name = "test_progress_explode"

    def process(self, doc: Doc) -> None:
        if "EXPLODE" in doc.text:
            raise ValueError("explode on purpose")


@Language.factory("test_progress_explode")
def _make_explode(nlp: Language, name: str) -> _Explode:
    return _Explode()


@pytest.fixture(scope="module")
def failing() -> Extractor:
    """An Extractor on the bare base model plus a component failing on EXPLODE."""
    extractor = Extractor.__new__(Extractor)
    extractor.model = "test"
    extractor.nlp = load_base()
    extractor.nlp.add_pipe("test_progress_explode")
    return extractor


@pytest.fixture
def use_failing(failing: Extractor, monkeypatch: pytest.MonkeyPatch) -> Extractor:
    """Every command's Extractor(model) is ``failing`` (no rule pipeline to load)."""
    monkeypatch.setattr(cli_extract, "Extractor", lambda model, **_: failing)
    monkeypatch.setattr(extractor_module, "Extractor", lambda model, **_: failing)
    return failing


def summaries(stderr: str) -> list[re.Match[str]]:
    return [m for line in stderr.splitlines() if (m := SUMMARY.match(line))]


def no_bar(stderr: str) -> bool:
    return not any(mark in stderr for mark in BAR_MARKS)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_texts(folder: Path, n: int, explode: frozenset[int] = frozenset()) -> Path:
    folder.mkdir()
    for i in range(n):
        body = text(i) + (" EXPLODE" if i in explode else "")
        (folder / f"r{i:02d}.txt").write_text(body, encoding="utf-8")
    return folder


def test_extract_piped_prints_one_summary_line_with_the_counts(tmp_path: Path, use_failing):
    folder = write_texts(tmp_path / "in", 5, explode=frozenset({1, 3}))
    code, stdout, stderr = invoke("extract", str(folder))
    assert code == 1  # some documents failed
    assert len(stdout.splitlines()) == 3
    (line,) = summaries(stderr)
    assert line["label"] == "diplex extract"
    assert (line["records"], line["errors"]) == ("3", "2")
    assert "diplex: r01:" in stderr and "diplex: r03:" in stderr
    assert stderr.rstrip("\n").splitlines()[-1] == line.group(0)  # at the end
    assert no_bar(stderr)


def test_extract_quiet_prints_no_summary_but_still_the_failures(tmp_path: Path, use_failing):
    folder = write_texts(tmp_path / "in", 3, explode=frozenset({0}))
    code, stdout, stderr = invoke("extract", "--quiet", str(folder))
    assert code == 1 and len(stdout.splitlines()) == 2
    assert summaries(stderr) == []
    assert stderr.splitlines()[0].startswith("diplex: r00:") and len(stderr.splitlines()) == 1


def test_batch_piped_summary_line_counts_read_errors(tmp_path: Path, use_failing):
    dump = tmp_path / "d.jsonl"
    lines = [json.dumps({"id": f"j{i}", "text": text(i)}) for i in range(4)]
    lines[1:1] = ["{not json"]
    lines.append(json.dumps({"id": "j9", "body": "no text"}))
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, stderr = invoke("batch", str(dump), "-o", str(out))
    assert code == 0
    (line,) = summaries(stderr)
    assert (line["label"], line["records"], line["errors"]) == ("diplex batch", "4", "2")
    assert str(out) in line["extra"] and "out.errors.jsonl" in line["extra"]
    assert len(stderr.splitlines()) == 1 and no_bar(stderr)
    resumed = invoke("batch", str(dump), "-o", str(out), "--resume", "--no-progress")
    (line,) = summaries(resumed[2])
    assert (line["records"], line["errors"]) == ("0", "0")
    assert "6 skipped" in line["extra"]
    assert invoke("batch", str(dump), "-o", str(out), "-q") == (0, "", "")


def test_link_and_export_summary_lines_count_bad_lines(tmp_path: Path):
    record = {"doc_id": "a", "publisher": "AUS", "release_date": "2024-03-05",
              "date": "2024-03-05", "meeting_type": "telephone_talk"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(record) + "\nnot json\n" + json.dumps({**record, "doc_id": "b"})
                   + "\n", encoding="utf-8")
    code, _, stderr = invoke("link", str(src), "-o", str(tmp_path / "e.jsonl"))
    assert code == 1  # a bad line
    (line,) = summaries(stderr)
    assert (line["label"], line["records"], line["errors"]) == ("diplex link", "2", "1")
    assert "events" in line["extra"] and no_bar(stderr)
    code, _, stderr = invoke("export", str(src), "-f", "csv", "-o", str(tmp_path / "e.csv"))
    (line,) = summaries(stderr)
    assert (code, line["label"], line["records"], line["errors"]) == (1, "diplex export", "2", "1")
    code, _, stderr = invoke("link", "-q", str(src), "-o", str(tmp_path / "e.jsonl"))
    assert code == 1 and summaries(stderr) == [] and "r.jsonl:2: not a record" in stderr


def test_pipe_progress_option(failing: Extractor, capsys: pytest.CaptureFixture[str]):
    items = [(text(0), "a"), (text(1) + " EXPLODE", "b"), (text(2), "c")]
    results = list(failing.pipe(items, errors="return"))
    assert capsys.readouterr().err == ""  # the default: silent
    assert [isinstance(r, ExtractionFailure) for r in results] == [False, True, False]
    list(failing.pipe(items, errors="return", progress=None))  # stderr is not a terminal
    (line,) = summaries(capsys.readouterr().err)
    assert (line["records"], line["errors"]) == ("2", "1")
    list(failing.pipe(items, errors="return", progress=False))
    assert capsys.readouterr().err == ""
    list(failing.pipe(items, errors="return", progress=True))  # a bar, terminal or not
    err = capsys.readouterr().err
    assert "3/3" in err and "1 error" in err and summaries(err) == []
    failing.pipe(items, errors="return", progress=True)  # never read: shows nothing
    assert capsys.readouterr().err == ""


def test_run_progress_option(tmp_path: Path, failing: Extractor, capsys):
    src = write_texts(tmp_path / "in", 3, explode=frozenset({2}))
    summary = run([src], tmp_path / "o.jsonl", extractor=failing, progress=None)
    (line,) = summaries(capsys.readouterr().err)
    assert (line["records"], line["errors"]) == ("2", "1") == (str(summary.records),
                                                               str(summary.errors))
    run([src], tmp_path / "o.jsonl", extractor=failing, progress=False)
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_count_total_and_errors():
    stream = _Terminal()
    assert resolve(None, stream) == "bar" and resolve(None, io.StringIO()) == "summary"
    assert resolve(False, stream) == "off" and resolve("summary", stream) == "summary"
    with pytest.raises(ValueError, match="unknown progress mode"):
        resolve("loud")  # type: ignore[arg-type]
    progress = Progress("diplex extract", progress=None, total=4, stream=stream)
    for error in (False, True, False, True):
        progress.update(error=error)
    progress.close()
    shown = stream.getvalue()
    assert "diplex extract" in shown and "4/4" in shown and "2 errors" in shown
    assert summaries(shown) == []  # a bar, not the summary line
    assert (progress.records, progress.errors) == (2, 2)


def test_summary_line_wording():
    stream = io.StringIO()
    progress = Progress("diplex link", progress=None, stream=stream)
    progress.update()
    progress.close("; 1 events")
    progress.close()  # once only
    (line,) = summaries(stream.getvalue())
    assert (line["records"], line["errors"], line["extra"]) == ("1", "0", "; 1 events")
    assert " 1 record, 0 errors, " in line.group(0)


def test_a_document_with_several_encounters_counts_its_records() -> None:
    import io

    from diplex.progress import Progress

    stream = io.StringIO()
    progress = Progress("diplex extract", progress="summary", stream=stream)
    results = list(progress.track([["r1", "r2", "r3"], "r4", "oops"], lambda r: r == "oops"))
    assert len(results) == 3
    assert (progress.documents, progress.records, progress.errors) == (3, 4, 1)
    assert stream.getvalue().startswith("diplex extract: 4 records, 1 error, ")
