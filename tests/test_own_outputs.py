"""A run never destroys its input nor shares an output by another name: the break-it cases
(an output that is an input, by its own name, a symbolic or a hard link; an output inside an
input folder; a CSV table named as the errors file; a second writer through a symlink)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplex.batch import run
from diplex.cli import app
from diplex.io.locks import OutputLocked, OutputLocks, lock_path, same_file
from diplex.io.writers import OutputError

runner = CliRunner()
TEXT = ("3 May 2024\nForeign Minister Ana Ruiz of Peru met Foreign Minister Kari Halvorsen of "
        "Norway in Lima today.\n")


def _records(tmp: Path) -> Path:
    out = tmp / "records.jsonl"
    result = runner.invoke(app, ["extract", str(_release(tmp)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _release(tmp: Path, name: str = "a.txt") -> Path:
    path = tmp / name
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_same_file_follows_symbolic_and_hard_links(tmp_path: Path) -> None:
    a = _release(tmp_path)
    (tmp_path / "sym.txt").symlink_to(a)
    os.link(a, tmp_path / "hard.txt")
    assert same_file(a, tmp_path / "sym.txt") and same_file(a, tmp_path / "hard.txt")
    assert not same_file(a, _release(tmp_path, "b.txt"))
    assert not same_file(a, tmp_path / "not-yet.txt")
    assert lock_path(tmp_path / "sym.txt") == lock_path(a)


@pytest.mark.parametrize("alias", ["self", "symlink", "hardlink"])
def test_extract_refuses_to_write_over_its_input(tmp_path: Path, alias: str) -> None:
    source = _release(tmp_path)
    target = {"self": source, "symlink": tmp_path / "l.txt", "hardlink": tmp_path / "h.txt"}[alias]
    if alias == "symlink":
        target.symlink_to(source)
    elif alias == "hardlink":
        os.link(source, target)
    result = runner.invoke(app, ["extract", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert "is an input of this run" in result.output
    assert source.read_text(encoding="utf-8") == TEXT


def test_extract_into_its_input_folder_does_not_read_its_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _release(folder, "a.txt")
    _release(folder, "b.txt")
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(folder), "-o", str(folder / "out.txt")])
        assert result.exit_code == 0, result.output
        lines = (folder / "out.txt").read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["doc_id"] for x in lines] == ["a", "b"]


@pytest.mark.parametrize("command", [["link"], ["export", "--format", "cameo"],
                                     ["export", "--format", "plover"]])
def test_link_and_export_refuse_to_write_over_their_input(tmp_path: Path, command) -> None:
    records = _records(tmp_path)
    before = records.read_bytes()
    result = runner.invoke(app, [*command, str(records), "-o", str(records)])
    assert result.exit_code == 2 and "is an input of this run" in result.output
    assert records.read_bytes() == before


def test_review_refuses_to_write_over_its_records(tmp_path: Path) -> None:
    records = _records(tmp_path)
    before = records.read_bytes()
    result = runner.invoke(app, ["review", str(records), "--texts", str(tmp_path), "-o",
                                 str(records)])
    assert result.exit_code == 2 and records.read_bytes() == before


def test_batch_refuses_a_hard_link_of_its_input_as_output(tmp_path: Path) -> None:
    dump = tmp_path / "in.jsonl"
    dump.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n", encoding="utf-8")
    os.link(dump, tmp_path / "hard.jsonl")
    with pytest.raises(OutputError, match="output or errors file, not an input"):
        run([dump], tmp_path / "hard.jsonl", progress=False)
    assert dump.read_text(encoding="utf-8").count("\n") == 1


def test_batch_refuses_a_csv_table_as_its_errors_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    _release(tmp_path / "in", "a.txt")
    with pytest.raises(OutputError, match="must not be one of the output's own files"):
        run([tmp_path / "in"], tmp_path / "cc.csv", errors_path=tmp_path / "cc.officials.csv",
            progress=False)


def test_a_second_writer_through_a_symlink_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    (tmp_path / "link.jsonl").symlink_to(out)
    with OutputLocks([out]), pytest.raises(OutputLocked):
        OutputLocks([tmp_path / "link.jsonl"])


def test_extract_reads_a_bounded_prefix_of_a_huge_input(tmp_path: Path, monkeypatch) -> None:
    import diplex.cli.extract as extract_cli

    MAX_DOCUMENT_BYTES = 1024 * 1024  # the bound, made small for the test
    monkeypatch.setattr(extract_cli, "MAX_DOCUMENT_BYTES", MAX_DOCUMENT_BYTES)
    monkeypatch.setattr("diplex.document.MAX_CHARS", 4000)  # a short text to extract from
    huge = tmp_path / "huge.txt"
    line = ("Foreign Minister Ana Ruiz of Peru met Foreign Minister Kari Halvorsen of Norway "
            "in Lima. Ñandú ").encode()
    with open(huge, "wb") as fh:
        fh.write(b"3 May 2024\n")
        for _ in range(MAX_DOCUMENT_BYTES // len(line) + 100):
            fh.write(line)
    for source, stdin in (([str(huge)], None), (["-"], huge.read_bytes())):
        result = runner.invoke(app, ["extract", *source, "-q"], input=stdin)
        assert result.exit_code == 0, result.output
        record = json.loads(result.stdout.splitlines()[0])
        codes = {w["code"] for w in record["warnings"]}
        assert "text_truncated" in codes and "invalid_utf8" not in codes
        assert [o["family_name"] for o in record["officials"]][:2] == ["Ruiz", "Halvorsen"]
    calls = []
    monkeypatch.setattr(extract_cli, "Document", lambda raw, *a: calls.append(len(raw)))
    list(extract_cli.iter_documents([huge], None, None))
    assert 0 < calls[0] <= MAX_DOCUMENT_BYTES < huge.stat().st_size


@pytest.mark.parametrize("damage", ["cut", "inserted", "blank"])
def test_resume_names_a_damaged_line_instead_of_counting_it_done(tmp_path: Path, damage) -> None:
    dump = tmp_path / "in.jsonl"
    dump.write_text("".join(json.dumps({"id": f"d{i}", "text": TEXT}) + "\n" for i in range(3)),
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run([dump], out, progress=False)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    if damage == "cut":
        lines[1] = lines[1][:50] + "\n"
    elif damage == "inserted":
        lines.insert(1, "not a record at all\n")
    else:
        lines.insert(1, "\n")
    out.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(OutputError, match=r"out\.jsonl:2: not a whole diplex record"):
        run([dump], out, resume=True, progress=False)
    result = runner.invoke(app, ["batch", str(dump), "-o", str(out), "--resume"])
    assert result.exit_code == 2 and "out.jsonl:2" in result.output
