"""Readers of dumps: formats, ids, line numbers and error entries in place of bad input."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from diplex.io.readers import (
    InputNotFound,
    ReaderOptions,
    ReadError,
    SourceDoc,
    UniqueIds,
    count_documents,
    iter_documents,
)

RELEASE = (
    "Foreign Minister Ana Lindqvist held talks with her Estonian counterpart in Tallinn "
    "on 4 March 2022. The two ministers discussed energy security."
)


def _ids(items: list[SourceDoc | ReadError]) -> list[str]:
    return [i.doc_id for i in items]


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "two.txt").write_text(RELEASE)
    (tmp_path / "a" / "one.md").write_text("# Talks\n\n" + RELEASE)
    (tmp_path / "zero.txt").write_text(RELEASE)
    (tmp_path / "a" / "gold.json").write_text("{}")  # not an input format: ignored
    with gzip.open(tmp_path / "b" / "three.txt.gz", "wt") as fh:
        fh.write(RELEASE)
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == ["zero", "one", "three", "two"]
    assert all(isinstance(i, SourceDoc) and i.line is None for i in items)
    gz = items[2]
    assert isinstance(gz, SourceDoc) and gz.text == RELEASE.encode()


def test_html_file_is_reduced_to_its_visible_text(tmp_path: Path) -> None:
    page = (
        "<html><head><style>p {color: red}</style><script>var x = 1;</script></head>"
        f"<body><h1>Talks in Tallinn</h1><p>{RELEASE}</p></body></html>"
    )
    (tmp_path / "page.htm").write_text(page)
    (item,) = iter_documents([tmp_path / "page.htm"])
    assert isinstance(item, SourceDoc) and isinstance(item.text, str)
    assert item.text.splitlines()[0] == "Talks in Tallinn"
    assert RELEASE in item.text
    assert "<" not in item.text and "color" not in item.text and "var x" not in item.text


def test_jsonl_fields_ids_and_dates(tmp_path: Path) -> None:
    lines = [
        json.dumps({"uid": "r-1", "body": RELEASE, "published": "2022-03-05"}),
        "",
        json.dumps({"body": RELEASE, "published": "2022-03-06T09:30:00+02:00"}),
        json.dumps({"uid": 7, "body": RELEASE}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n")
    opts = ReaderOptions(text_field="body", id_field="uid", date_field="published")
    items = list(iter_documents([tmp_path / "dump.jsonl"], opts))
    assert _ids(items) == ["r-1", "dump.jsonl:3", "7"]
    assert [i.line for i in items] == [1, 3, 4]
    assert [getattr(i, "release_date", None) for i in items] == ["2022-03-05", "2022-03-06", None]


def test_jsonl_bad_lines_become_errors_in_place(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": RELEASE, "id": "ok-1"}),
        '{"text": "unterminated',
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text", "body": RELEASE}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "bad-date", "text": RELEASE, "release_date": "5 March 2022"}),
        json.dumps({"text": RELEASE, "id": "ok-2"}),
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == [
        "ok-1",
        "mixed.jsonl:2",
        "mixed.jsonl:3",
        "no-text",
        "empty",
        "number",
        "bad-date",
        "ok-2",
    ]
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["SourceDoc"] + ["ReadError"] * 6 + ["SourceDoc"]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6, 7]
    assert errors[0].error_type == "JSONDecodeError"
    assert all(e.error_type == "InputError" for e in errors[1:])
    assert "text" in errors[2].message and "date" in errors[5].message


def test_truncated_gzip_keeps_lines_read_and_reports_the_rest(tmp_path: Path) -> None:
    body = "".join(json.dumps({"id": f"n{i}", "text": RELEASE * 20}) + "\n" for i in range(40))
    data = gzip.compress(body.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(iter_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, SourceDoc)]
    assert 0 < len(docs) < 40
    assert _ids(docs) == [f"n{i}" for i in range(len(docs))]
    last = items[-1]
    assert isinstance(last, ReadError) and last.error_type == "EOFError"
    assert last.doc_id == f"cut.jsonl:{len(docs) + 1}"


def test_csv_rows_with_quoted_newlines_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "release_date"])
        writer.writerow(["c1", "Line one.\nLine two of the release.", "2021-01-02"])
        writer.writerow(["", RELEASE, ""])
        writer.writerow(["c3", "", ""])
    items = list(iter_documents([path]))
    assert _ids(items) == ["c1", "rows.csv:4", "c3"]
    assert [i.line for i in items] == [2, 4, 5]
    first = items[0]
    assert isinstance(first, SourceDoc) and first.text == "Line one.\nLine two of the release."
    assert first.release_date == "2021-01-02"
    assert isinstance(items[2], ReadError) and items[2].message == "empty document"


def test_csv_without_the_text_column_gives_an_error_per_row(tmp_path: Path) -> None:
    (tmp_path / "wrong.csv").write_text("id,content\na,hello\nb,world\n")
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == ["a", "b"]
    assert all(isinstance(i, ReadError) and "text" in i.message for i in items)


def test_binary_empty_and_unreadable_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "blank.md").write_text(" \n\n ")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "fine.txt").write_text(RELEASE)
    (tmp_path / "wide.txt").write_bytes(RELEASE.encode("utf-16"))  # UTF-16 with BOM: text
    items = {i.doc_id: i for i in iter_documents([tmp_path])}
    assert set(items) == {"blob", "blank", "dead", "fine", "wide"}
    assert isinstance(items["blob"], ReadError) and "binary" in items["blob"].message
    assert isinstance(items["blank"], ReadError) and items["blank"].message == "empty document"
    assert isinstance(items["dead"], ReadError) and items["dead"].error_type == "FileNotFoundError"
    assert isinstance(items["fine"], SourceDoc)
    wide = items["wide"]
    assert isinstance(wide, SourceDoc) and wide.text == RELEASE


def test_ids_are_unique_and_deterministic(tmp_path: Path) -> None:
    for sub in ("x", "y", "z"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(RELEASE)
    (tmp_path / "d.jsonl").write_text(
        "".join(json.dumps({"id": "same", "text": RELEASE}) + "\n" for _ in range(2))
    )
    first = _ids(list(iter_documents([tmp_path])))
    assert first == ["same", "same#2", "same#3", "same#4", "same#5"]
    assert _ids(list(iter_documents([tmp_path]))) == first
    ids = UniqueIds()
    assert [ids.make_unique(x) for x in ("a", "a#2", "a", "a")] == ["a", "a#2", "a#3", "a#4"]


def test_missing_input_is_a_bad_argument(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(RELEASE)
    with pytest.raises(InputNotFound):
        list(iter_documents([tmp_path / "ok.txt", tmp_path / "absent"]))


def test_unknown_suffix_named_explicitly_is_an_error_entry(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (item,) = iter_documents([tmp_path / "notes.docx"])
    assert isinstance(item, ReadError) and "unsupported" in item.message


def test_count_documents_matches_the_stream(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(RELEASE)
    (tmp_path / "d.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{bad\n')
    (tmp_path / "r.csv").write_text('id,text\n1,"a\nb"\n2,c\n')
    assert count_documents([tmp_path]) == len(list(iter_documents([tmp_path]))) == 6


# ---------- hostile inputs: bounded reads, absurd nesting, own files ----------


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 4 KiB document limit, so over-long inputs are cheap to make (the real 16 MiB one
    is exercised by tests/test_faults.py)."""
    from diplex.io import readers

    monkeypatch.setattr(readers, "MAX_DOCUMENT_BYTES", 4096)
    return 4096


def test_over_long_jsonl_line_is_an_error_and_the_next_line_is_read(
    tmp_path: Path, small_cap: int
) -> None:
    lines = [
        json.dumps({"id": "before", "text": RELEASE}),
        json.dumps({"id": "huge", "text": "x" * (3 * small_cap)}),
        json.dumps({"id": "after", "text": RELEASE}),
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n")
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == ["before", "d.jsonl:2", "after"]
    assert isinstance(items[1], ReadError) and "larger than" in items[1].message
    assert isinstance(items[2], SourceDoc) and items[2].line == 3
    assert count_documents([tmp_path]) == 3


def test_gzip_bomb_is_an_error_entry_not_a_memory_blow_up(
    tmp_path: Path, small_cap: int
) -> None:
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"A" * (50 * small_cap)))
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"[" * (50 * small_cap)))
    (tmp_path / "bomb.csv.gz").write_bytes(gzip.compress(b"id,text\n1," + b"B" * 50 * small_cap))
    (tmp_path / "fine.txt").write_text(RELEASE)
    items = {i.doc_id: i for i in iter_documents([tmp_path])}
    assert set(items) == {"bomb", "bomb.jsonl:1", "bomb.csv:2", "fine"}
    for key in ("bomb", "bomb.jsonl:1", "bomb.csv:2"):
        item = items[key]
        assert isinstance(item, ReadError) and "larger than" in item.message, key
    assert isinstance(items["fine"], SourceDoc)


def test_deeply_nested_jsonl_line_is_an_error_entry(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": RELEASE}), "[" * 100_000 + "]" * 100_000,
             json.dumps({"id": "c", "text": RELEASE})]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n")
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == ["a", "deep.jsonl:2", "c"]
    assert isinstance(items[1], ReadError) and "nested too deeply" in items[1].message


def test_csv_with_lone_cr_line_ends_and_a_bom_still_reads(tmp_path: Path) -> None:
    (tmp_path / "mac.csv").write_bytes(b"\xef\xbb\xbfid,text\rm1,first release\rm2,second\r")
    items = list(iter_documents([tmp_path]))
    assert _ids(items) == ["m1", "m2"]
    assert [i.text for i in items if isinstance(i, SourceDoc)] == ["first release", "second"]


def test_skip_files_are_never_read_even_inside_an_input_folder(tmp_path: Path) -> None:
    import os

    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "in", "text": RELEASE}) + "\n")
    (tmp_path / "out.jsonl").write_text(json.dumps({"doc_id": "old", "title": "x"}) + "\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "out.jsonl").write_text(json.dumps({"id": "s", "text": RELEASE}) + "\n")
    skip = frozenset({os.path.realpath(tmp_path / "out.jsonl")})
    options = ReaderOptions(skip_files=skip)
    assert _ids(list(iter_documents([tmp_path], options))) == ["in", "s"]
    assert _ids(list(iter_documents([tmp_path / "out.jsonl"], options))) == []
    assert count_documents([tmp_path], options) == 2
