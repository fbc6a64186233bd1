"""Write meeting records and error entries so that a killed run can be resumed.

Formats (``OUT`` is the ``-o`` path):

``jsonl``
    ``OUT``: one ``MeetingRecord.model_dump(mode="json")`` per line.
``csv``
    Flat tables for analysts, one file each, keyed by ``doc_id``: ``OUT`` (``meetings``,
    one row a meeting) and, beside it, ``BASE.officials.csv``, ``BASE.countries.csv``,
    ``BASE.organisations.csv``, ``BASE.topics.csv``, ``BASE.evidence.csv``,
    ``BASE.warnings.csv`` (``BASE`` is ``OUT`` without ``.csv``). Columns: :data:`TABLES`.
    List values in ``meetings`` (``topics``, ``warning_codes``) are joined with ``"; "``.
``parquet``
    A folder ``OUT/`` with one sub-folder per table (``OUT/meetings/``,
    ``OUT/officials/``...), each a Parquet dataset of ``part-NNNNNN.parquet`` files
    (read with ``pyarrow.dataset.dataset("OUT/meetings")`` or
    ``pandas.read_parquet("OUT/meetings")``). Same tables and columns as CSV, with
    ``topics`` and ``warning_codes`` as ``list<string>`` columns. Needs ``pyarrow``
    (``pip install diplex[parquet]``).

Error entries go to a JSONL file (``ERRORS``), one :class:`~diplex.batch.ErrorEntry` per
line: ``doc_id``, ``source``, ``line``, ``stage``, ``error_type``, ``message``.

Crash safety and resume: JSONL and CSV are written a whole line (row) at a time and flushed
after each document, so a killed run leaves at most one partial last line, which
:meth:`open` with ``resume=True`` cuts off before appending. In CSV the child rows of a
meeting are written before its ``meetings`` row; on resume child rows of documents without
a ``meetings`` row (the one the kill interrupted) are cut off too. Parquet parts are written
to a temporary name and renamed into place (all-or-nothing), child tables before
``meetings``; on resume, temporary files and parts without a ``meetings`` part are removed,
and the documents of the part in progress are done again.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from ..errors import DiplexError
from ..record import MeetingRecord
from .jsonl import encode_line

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

TABLES: dict[str, tuple[str, ...]] = {
    "meetings": (
        "doc_id",
        "publisher",
        "title",
        "release_date",
        "meeting_type",
        "date",
        "start_time",
        "end_time",
        "duration_minutes",
        "location",
        "n_officials",
        "n_countries",
        "n_organisations",
        "topics",
        "warning_codes",
    ),
    "officials": (
        "doc_id",
        "position",
        "name",
        "family_name",
        "given_name",
        "title",
        "country",
        "organisation",
    ),
    "countries": ("doc_id", "position", "code", "role"),
    "organisations": ("doc_id", "position", "name", "acronym", "role"),
    "topics": ("doc_id", "position", "topic"),
    "evidence": ("doc_id", "field", "start", "end", "text", "rule", "confidence"),
    "warnings": ("doc_id", "code", "message", "field"),
}
"""Flat tables and their columns. ``position`` is the item's 0-based index in the record's
list, as in evidence fields (``officials[0]``); ``start``/``end`` are character offsets."""

CHILD_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t != "meetings")


class OutputError(DiplexError):
    """The output cannot be written (unwritable path, pyarrow missing, wrong format)."""


def infer_format(output: str | Path) -> Format:
    """Return the format implied by ``output``'s suffix: ``.csv`` -> csv, ``.parquet`` or an
    existing folder -> parquet, anything else -> jsonl."""
    path = Path(output)
    name = path.name.lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet") or path.is_dir():
        return "parquet"
    return "jsonl"


def default_errors_path(output: str | Path) -> Path:
    """Return ``BASE.errors.jsonl`` beside ``output`` (``BASE``: ``output`` without its
    ``.jsonl``/``.ndjson``/``.json``/``.csv``/``.parquet`` suffix)."""
    path = Path(output)
    name = path.name
    for suffix in (".jsonl", ".ndjson", ".json", ".csv", ".parquet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return path.with_name(f"{name}.errors.jsonl")


def flatten(record: MeetingRecord) -> dict[str, list[dict[str, Any]]]:
    """Return the record's rows in the flat tables of :data:`TABLES`.

    Returns:
        ``{"meetings": [row], "officials": [rows...], ...}``, each row a dict keyed by the
        table's columns (``topics`` and ``warning_codes`` in ``meetings`` are lists).
    """
    doc_id = record.doc_id
    meeting = {
        "doc_id": doc_id,
        "publisher": record.publisher,
        "title": record.title,
        "release_date": record.release_date,
        "meeting_type": record.meeting_type,
        "date": record.date,
        "start_time": record.start_time,
        "end_time": record.end_time,
        "duration_minutes": record.duration_minutes,
        "location": record.location,
        "n_officials": len(record.officials),
        "n_countries": len(record.countries),
        "n_organisations": len(record.organisations),
        "topics": list(record.topics),
        "warning_codes": record.warning_codes(),
    }
    return {
        "meetings": [meeting],
        "officials": [
            {"doc_id": doc_id, "position": i, **o.model_dump(mode="json")}
            for i, o in enumerate(record.officials)
        ],
        "countries": [
            {"doc_id": doc_id, "position": i, **c.model_dump(mode="json")}
            for i, c in enumerate(record.countries)
        ],
        "organisations": [
            {"doc_id": doc_id, "position": i, **o.model_dump(mode="json")}
            for i, o in enumerate(record.organisations)
        ],
        "topics": [
            {"doc_id": doc_id, "position": i, "topic": t} for i, t in enumerate(record.topics)
        ],
        "evidence": [{"doc_id": doc_id, **e.model_dump(mode="json")} for e in record.evidence],
        "warnings": [{"doc_id": doc_id, **w.model_dump(mode="json")} for w in record.warnings],
    }


# --------------------------------------------------------------------------- line files


def cut_partial_line(path: Path) -> None:
    """Truncate ``path`` after its last newline (a killed writer's partial last line).

    Reads backwards from the end in blocks; the file is not loaded whole.
    """
    if not path.exists():
        return
    with open(path, "r+b") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        pos = size
        block = 1 << 16
        keep = 0
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            idx = chunk.rfind(b"\n")
            if idx >= 0:
                keep = start + idx + 1
                break
            pos = start
        fh.truncate(keep)


def _fast_doc_id(line: bytes) -> str | None:
    """The ``doc_id`` of a JSON line, reading only the start where it comes first."""
    prefix = b'{"doc_id": '
    if line.startswith(prefix):
        try:
            value, _ = json.JSONDecoder().raw_decode(line[len(prefix) :].decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            value = None
        else:
            return value if isinstance(value, str) else None
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("doc_id"), str):
        return obj["doc_id"]
    return None


def iter_jsonl_ids(path: Path) -> Iterator[str]:
    """Yield the ``doc_id`` of each whole line of a JSONL file (streaming); lines without a
    readable ``doc_id`` and a partial last line are passed over."""
    if not path.exists():
        return
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            doc_id = _fast_doc_id(line)
            if doc_id is not None:
                yield doc_id


class LineWriter:
    """Append-only JSONL writer: one whole line per :meth:`write`, flushed.

    Args:
        path: the file.
        resume: keep the file (cutting a partial last line) and append; else truncate.

    Raises:
        OutputError: the file cannot be opened for writing.
    """

    def __init__(self, path: str | Path, resume: bool = False) -> None:
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if resume:
                cut_partial_line(self.path)
            self._fh: IO[bytes] = open(self.path, "ab" if resume else "wb")
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc}") from exc

    def write(self, obj: dict[str, Any]) -> None:
        """Write ``obj`` as one JSON line and flush."""
        self._fh.write(encode_line(obj))
        self._fh.flush()

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


# ------------------------------------------------------------------------------- writers


class RecordWriter(Protocol):
    """What :func:`diplex.batch.run` writes records through."""

    def write(self, record: MeetingRecord) -> None:
        """Write one record (durably enough that a kill leaves it whole or absent)."""

    def close(self) -> None:
        """Finish and close the output."""


class JsonlWriter:
    """``OUT`` as JSONL: one ``MeetingRecord.model_dump(mode="json")`` per line.

    Raises:
        OutputError: ``path`` cannot be written.
    """

    def __init__(self, path: str | Path, resume: bool = False) -> None:
        self._lines = LineWriter(path, resume)

    @staticmethod
    def done_ids(path: str | Path) -> Iterator[str]:
        """Yield the doc_ids already written to ``path`` (for ``--resume``)."""
        return iter_jsonl_ids(Path(path))

    def write(self, record: MeetingRecord) -> None:
        """Write one record line and flush."""
        self._lines.write(record.model_dump(mode="json"))

    def close(self) -> None:
        """Close the file."""
        self._lines.close()


def csv_paths(output: str | Path) -> dict[str, Path]:
    """Return the CSV file of each table: ``meetings`` is ``output`` itself, the others
    ``BASE.TABLE.csv`` beside it."""
    path = Path(output)
    base = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    is_csv = path.name.lower().endswith(".csv")
    out = {"meetings": path if is_csv else path.with_name(base + ".csv")}
    for table in CHILD_TABLES:
        out[table] = path.with_name(f"{base}.{table}.csv")
    return out


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def _csv_rows_with_offsets(fh: IO[bytes]) -> Iterator[tuple[list[str], int]]:
    """Yield each whole CSV row of a binary file and the byte offset where it ends."""
    offset = 0
    eof = False

    def lines() -> Iterator[str]:
        nonlocal offset, eof
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # a partial last line
            offset += len(raw)
            yield raw.decode("utf-8", errors="replace")
        eof = True

    reader = csv.reader(lines())
    while True:
        try:
            row = next(reader)
        except (StopIteration, csv.Error):
            return
        if eof:
            return  # a whole row never reads past its own last line: this one was cut
        yield row, offset


class CsvWriter:
    """CSV flat tables (see the module docstring for the files and :data:`TABLES`).

    Raises:
        OutputError: a file cannot be written.
    """

    def __init__(self, path: str | Path, resume: bool = False) -> None:
        self.paths = csv_paths(path)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}
        try:
            done: set[str] = set()
            if resume:
                done = self._repair(self.paths["meetings"], None)
                for table in CHILD_TABLES:
                    self._repair(self.paths[table], done)
            for table, file in self.paths.items():
                file.parent.mkdir(parents=True, exist_ok=True)
                fresh = not resume or not file.exists() or file.stat().st_size == 0
                fh = open(file, "w" if fresh else "a", encoding="utf-8", newline="")
                self._files[table] = fh
                self._writers[table] = csv.writer(fh, lineterminator="\n")
                if fresh:
                    self._writers[table].writerow(TABLES[table])
                    fh.flush()
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot write CSV output {path}: {exc}") from exc

    @staticmethod
    def _repair(file: Path, done: set[str] | None) -> set[str]:
        """Cut ``file`` after its last whole row (and, for a child table, after its last row
        whose doc_id is in ``done``); return the doc_ids of the rows kept."""
        kept: set[str] = set()
        if not file.exists():
            return kept
        keep = 0
        with open(file, "rb") as fh:
            for n, (row, end) in enumerate(_csv_rows_with_offsets(fh)):
                if n == 0:
                    keep = end  # header
                    continue
                if not row:
                    continue
                if done is None or row[0] in done:
                    kept.add(row[0])
                    keep = end
        with open(file, "r+b") as fh:
            fh.truncate(keep)
        return kept

    @staticmethod
    def done_ids(path: str | Path) -> Iterator[str]:
        """Yield the doc_ids of the whole rows of the ``meetings`` table (for resume)."""
        file = csv_paths(path)["meetings"]
        if not file.exists():
            return
        with open(file, "rb") as fh:
            for n, (row, _) in enumerate(_csv_rows_with_offsets(fh)):
                if n and row:
                    yield row[0]

    def write(self, record: MeetingRecord) -> None:
        """Write the record's rows (child tables first, ``meetings`` last), flushed."""
        tables = flatten(record)
        for table in (*CHILD_TABLES, "meetings"):
            rows = tables[table]
            if not rows:
                continue
            columns = TABLES[table]
            writer = self._writers[table]
            for row in rows:
                writer.writerow([_csv_value(row.get(c)) for c in columns])
            self._files[table].flush()

    def close(self) -> None:
        """Close every file."""
        for fh in self._files.values():
            fh.close()


def _arrow_schemas() -> dict[str, Any]:
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise OutputError(
            "Parquet output needs pyarrow: pip install 'diplex[parquet]'"
        ) from exc
    s, i64, f64 = pa.string(), pa.int64(), pa.float64()
    types: dict[str, dict[str, Any]] = {
        "meetings": {
            "duration_minutes": i64,
            "n_officials": i64,
            "n_countries": i64,
            "n_organisations": i64,
            "topics": pa.list_(s),
            "warning_codes": pa.list_(s),
        },
        "officials": {"position": i64},
        "countries": {"position": i64},
        "organisations": {"position": i64},
        "topics": {"position": i64},
        "evidence": {"start": i64, "end": i64, "confidence": f64},
        "warnings": {},
    }
    return {
        table: pa.schema([(c, types[table].get(c, s)) for c in columns])
        for table, columns in TABLES.items()
    }


class ParquetWriter:
    """Parquet flat tables in a folder (see the module docstring).

    Args:
        path: the output folder.
        resume: keep whole parts (see the module docstring) and add new parts.
        rows_per_part: meetings per part file; at most this many records are held in
            memory (the part in progress).

    Raises:
        OutputError: pyarrow is missing or the folder cannot be written.
    """

    def __init__(self, path: str | Path, resume: bool = False, rows_per_part: int = 2000) -> None:
        self.schemas = _arrow_schemas()
        self.root = Path(path)
        self.rows_per_part = max(1, rows_per_part)
        self._buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._count = 0
        try:
            if self.root.exists() and not self.root.is_dir():
                raise OutputError(f"Parquet output {self.root} exists and is not a folder")
            for table in TABLES:
                folder = self.root / table
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.iterdir():
                    if old.name.endswith(".tmp") or not resume:
                        old.unlink()
            complete = {p.name for p in (self.root / "meetings").glob("part-*.parquet")}
            for table in CHILD_TABLES:
                for part in (self.root / table).glob("part-*.parquet"):
                    if part.name not in complete:
                        part.unlink()
            numbers = [int(name[5:11]) for name in complete]
            self._next_part = max(numbers) + 1 if numbers else 0
        except OSError as exc:
            raise OutputError(f"cannot write Parquet output {self.root}: {exc}") from exc

    @staticmethod
    def done_ids(path: str | Path) -> Iterator[str]:
        """Yield the doc_ids in the complete ``meetings`` parts (for resume)."""
        import pyarrow.parquet as pq

        folder = Path(path) / "meetings"
        if not folder.is_dir():
            return
        for part in sorted(folder.glob("part-*.parquet")):
            table = pq.read_table(part, columns=["doc_id"])
            for value in table.column("doc_id").to_pylist():
                if value is not None:
                    yield value

    def write(self, record: MeetingRecord) -> None:
        """Add the record to the part in progress; write the part when it is full."""
        for table, rows in flatten(record).items():
            self._buffer[table].extend(rows)
        self._count += 1
        if self._count >= self.rows_per_part:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._count == 0:
            return
        name = f"part-{self._next_part:06d}.parquet"
        for table in (*CHILD_TABLES, "meetings"):
            schema = self.schemas[table]
            arrow = pa.Table.from_pylist(self._buffer[table], schema=schema)
            final = self.root / table / name
            tmp = final.with_name(name + ".tmp")
            pq.write_table(arrow, tmp)
            os.replace(tmp, final)
        self._buffer = {t: [] for t in TABLES}
        self._count = 0
        self._next_part += 1

    def close(self) -> None:
        """Write the last part."""
        self._flush()


def open_writer(
    output: str | Path, fmt: Format, resume: bool = False, *, rows_per_part: int = 2000
) -> JsonlWriter | CsvWriter | ParquetWriter:
    """Open the writer for ``fmt`` at ``output``.

    Raises:
        OutputError: unknown format, or the output cannot be written.
    """
    if fmt == "jsonl":
        return JsonlWriter(output, resume)
    if fmt == "csv":
        return CsvWriter(output, resume)
    if fmt == "parquet":
        return ParquetWriter(output, resume, rows_per_part)
    raise OutputError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")


def done_ids(output: str | Path, fmt: Format) -> Iterator[str]:
    """Yield the doc_ids already in ``output`` (streaming; for resume)."""
    if fmt == "jsonl":
        return JsonlWriter.done_ids(output)
    if fmt == "csv":
        return CsvWriter.done_ids(output)
    if fmt == "parquet":
        _arrow_schemas()
        return ParquetWriter.done_ids(output)
    raise OutputError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")


__all__ = [
    "CHILD_TABLES",
    "FORMATS",
    "TABLES",
    "CsvWriter",
    "Format",
    "JsonlWriter",
    "LineWriter",
    "OutputError",
    "ParquetWriter",
    "RecordWriter",
    "cut_partial_line",
    "csv_paths",
    "default_errors_path",
    "done_ids",
    "flatten",
    "infer_format",
    "iter_jsonl_ids",
    "open_writer",
]
