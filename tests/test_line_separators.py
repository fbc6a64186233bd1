"""Every JSON writer escapes U+2028, U+2029 and U+0085, so ``str.splitlines`` (and
JavaScript) see one line per record: batch records and error entries, ``diplex extract``,
``diplex link``, ``diplex export --format plover``, ``diplex review import`` gold files and
the review page's data block."""

from __future__ import annotations

import json
from pathlib import Path

from test_events_link import AUS_ACCOUNT, CHL_ACCOUNT
from typer.testing import CliRunner

from diplex.batch import run
from diplex.cli import app
from diplex.io.jsonl import dumps, json_line
from diplex.review import import_gold, safe_json_for_html

SEPARATORS = "\u2028\u2029\x85"
TEXT = "Minister A\u2028met B\u2029in C\x85on 3 May 2024."

runner = CliRunner()


def _lines(path: Path) -> list[str]:
    """The file's lines as ``str.splitlines`` sees them; each must be whole JSON."""
    text = path.read_text(encoding="utf-8")
    assert not any(ch in text for ch in SEPARATORS)
    return text.splitlines()


def test_helper_escapes_and_round_trips() -> None:
    value = {"id": "x\u2028y", "t": TEXT, "n": [1, None]}
    line = json_line(value)
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert "\\u2028" in line and "\\u2029" in line and "\\u0085" in line
    assert json.loads(line) == value
    assert json.loads(dumps(value, indent=2)) == value


def test_batch_records_and_errors_are_one_line_each(tmp_path: Path, extractor) -> None:
    dump = tmp_path / "d.jsonl"
    rows = [{"id": "a\u2028b", "text": TEXT}, {"id": "c\x85d", "body": "no text"},
            {"id": "e\u2029f", "text": TEXT}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run([dump], out, extractor=extractor, progress=False)
    assert (summary.records, summary.errors) == (2, 1)
    records = [json.loads(x) for x in _lines(out)]
    assert [r["doc_id"] for r in records] == ["a\u2028b", "e\u2029f"]
    errors = [json.loads(x) for x in _lines(tmp_path / "out.errors.jsonl")]
    assert [e["doc_id"] for e in errors] == ["c\x85d"]


def test_extract_cli_writes_one_line_per_record(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text(TEXT.replace("C", "D"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["doc_id"] for x in _lines(out)] == ["one", "two"]


def test_link_and_plover_export_write_one_line_per_event(tmp_path: Path) -> None:
    aus = {**AUS_ACCOUNT, "doc_id": "aus\u2028call\x85"}
    chl = {**CHL_ACCOUNT, "doc_id": "chl\u2029call"}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(aus) + "\n" + json.dumps(chl) + "\n", encoding="utf-8")
    events = tmp_path / "events.jsonl"
    assert runner.invoke(app, ["link", str(src), "-o", str(events)]).exit_code == 0
    linked = [json.loads(x) for x in _lines(events)]
    assert len(linked) == 1
    assert sorted(a["doc_id"] for a in linked[0]["accounts"]) == [aus["doc_id"], chl["doc_id"]]
    plover = tmp_path / "plover.jsonl"
    args = ["export", str(src), "-f", "plover", "-o", str(plover)]
    assert runner.invoke(app, args).exit_code == 0
    assert [json.loads(x)["id"] for x in _lines(plover)] == [aus["doc_id"], chl["doc_id"]]


def test_review_import_and_page_data_escape_them(tmp_path: Path) -> None:
    gold = {"doc_id": "g1", "publisher": "JPN", "title": "Talks\u2028today\x85",
            "release_date": None, "meeting_type": None, "date": None, "start_time": None,
            "end_time": None, "duration_minutes": None, "location": None, "officials": [],
            "countries": [], "organisations": [], "topics": ["a\u2029b"]}
    export = tmp_path / "export.json"
    export.write_text(json.dumps([gold]), encoding="utf-8")
    (path,) = import_gold(export, tmp_path / "gold")
    text = path.read_text(encoding="utf-8")
    assert not any(ch in text for ch in SEPARATORS)
    assert json.loads(text) == gold
    embedded = safe_json_for_html({"t": TEXT})
    assert not any(ch in embedded for ch in SEPARATORS)
    assert json.loads(embedded) == {"t": TEXT}
