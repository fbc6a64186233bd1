"""``diplex eval GOLD_DIR PRED.jsonl [--json] [--errors]`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplex.cli import app

runner = CliRunner()


def record(doc_id: str, **values) -> dict:
    base = {
        "doc_id": doc_id,
        "release_date": None,
        "meeting_type": None,
        "date": None,
        "start_time": None,
        "end_time": None,
        "duration_minutes": None,
        "location": None,
        "officials": [],
        "countries": [],
        "organisations": [],
        "topics": [],
    }
    base.update(values)
    return base


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """Two gold documents and their predictions.

    d1: date right, countries {USA-p, FRA-m} predicted {USA-p}: match 1, pred 1, gold 2.
    d2: date wrong ("2024-02-02" for "2024-02-01"), topic "trade issues" = "trade".
    date: match 1, pred 2, gold 2 -> P = R = F1 = acc = 0.5.
    """
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = [
        record("d1", date="2024-01-05",
               countries=[{"code": "USA", "role": "participant"},
                          {"code": "FRA", "role": "mentioned"}]),
        record("d2", date="2024-02-01", topics=["trade"]),
    ]
    for item in gold:
        (gold_dir / f"{item['doc_id']}.json").write_text(json.dumps(item), encoding="utf-8")
    pred = [
        record("d1", date="2024-01-05", countries=[{"code": "USA", "role": "participant"}],
               evidence=[], warnings=[]),
        record("d2", date="2024-02-02", topics=["trade issues"], evidence=[], warnings=[]),
    ]
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
    return gold_dir, pred_file


def row(output: str, field: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(field + " "))


def test_table(files):
    gold_dir, pred_file = files
    result = runner.invoke(app, ["eval", str(gold_dir), str(pred_file)])
    assert result.exit_code == 0, result.output
    assert row(result.output, "date") == ["date", "0.500", "0.500", "0.500", "0.500", "2", "1",
                                          "2", "2"]
    # countries: match 1, pred 1, gold 2 -> P 1, R 1/2, F1 2/3
    assert row(result.output, "countries")[1:4] == ["1.000", "0.500", "0.667"]
    assert row(result.output, "topics")[1:4] == ["1.000", "1.000", "1.000"]
    assert "disagreements" not in result.output


def test_json_with_errors(files):
    gold_dir, pred_file = files
    result = runner.invoke(app, ["eval", str(gold_dir), str(pred_file), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_documents"] == 2
    assert data["fields"]["date"]["f1"] == pytest.approx(0.5)
    assert data["fields"]["countries.any_role"]["recall"] == pytest.approx(0.5)
    assert [(d["doc_id"], d["field"], d["kind"]) for d in data["disagreements"]] == [
        ("d1", "countries", "missed"),
        ("d2", "date", "wrong"),
    ]


def test_json_without_errors_has_no_disagreements(files):
    gold_dir, pred_file = files
    result = runner.invoke(app, ["eval", str(gold_dir), str(pred_file), "--json"])
    assert result.exit_code == 0
    assert "disagreements" not in json.loads(result.output)


def test_errors_listing(files):
    gold_dir, pred_file = files
    result = runner.invoke(app, ["eval", str(gold_dir), str(pred_file), "--errors"])
    assert result.exit_code == 0
    assert "2 disagreements" in result.output
    assert 'd2\tdate\twrong\tgold="2024-02-01"\tpredicted="2024-02-02"' in result.output


def test_missing_files_exit_2(files, tmp_path):
    gold_dir, pred_file = files
    result = runner.invoke(app, ["eval", str(tmp_path / "nowhere"), str(pred_file)])
    assert result.exit_code == 2
    assert "gold folder not found" in result.output
    result = runner.invoke(app, ["eval", str(gold_dir), str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "predictions file not found" in result.output


def test_bad_prediction_line_exit_2(files):
    gold_dir, pred_file = files
    pred_file.write_text('{"doc_id": "d1"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold_dir), str(pred_file)])
    assert result.exit_code == 2
    assert "pred.jsonl:2: not valid JSON" in result.output


def test_bad_arguments_exit_2(files):
    gold_dir, _ = files
    assert runner.invoke(app, ["eval", str(gold_dir)]).exit_code == 2
    assert runner.invoke(app, ["eval", str(gold_dir), "x", "--nope"]).exit_code == 2
