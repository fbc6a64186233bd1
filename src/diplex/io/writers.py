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

Crash safety and resume: one run at a time writes a given output (:mod:`diplex.io.locks`).
JSONL and CSV lines go to the file whole, one ``write`` system call per document and table
(no buffer), so a killed run leaves at most one partial last line, which opening with
``resume=True`` cuts off before appending; a write that fails (a full disk) is cut back off
at once, so the file never ends torn. In CSV the child rows of a meeting are written before
its ``meetings`` row; on resume child rows of documents without a ``meetings`` row (the one
the kill interrupted) are cut off too. CSV tables are written as ``FILE.part`` and renamed
to their names when the run ends (child tables first), so a CSV under its own name is
always complete; ``--resume`` carries on the ``.part`` files a killed run left (or a
finished run's tables). Parquet parts are written to a temporary name and renamed into place
(all-or-nothing), child tables before ``meetings``; on resume, temporary files and parts
without a ``meetings`` part are removed, and the documents of the part in progress are done
again.
"""

from __future__ import annotations

import contextlib
import csv
import io
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
    "evidence": ("doc_id", "field", "start", "end", "text", "rule", "rule_row", "confidence"),
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
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("doc_id"), str):
        return obj["doc_id"]
    return None


def iter_jsonl_ids(path: Path) -> Iterator[str]:
    """Yield the ``doc_id`` of each whole line of a JSONL file (streaming); a partial last
    line (a run killed while writing it) is passed over, as resuming cuts it off.

    Raises:
        OutputError: a complete line in the file is not a whole record with a ``doc_id``
            (the file was edited or damaged by something other than diplex): resuming would
            count a broken record as done, so the line is named instead.
    """
    if not path.exists():
        return
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.endswith(b"\n"):
                break
            doc_id = _fast_doc_id(line) if line.rstrip().endswith(b"}") else None
            if doc_id is None:
                raise OutputError(
                    f"{path}:{number}: not a whole diplex record (the file was edited or "
                    "damaged); remove or repair that line, then resume"
                )
            yield doc_id


class WholeWrites:
    """An output file written a whole piece (a line, a document's rows) at a time: each
    :meth:`write` lands complete, or, where it fails midway (a full disk, a quota), is cut
    back off, so the file never ends torn. Unbuffered: what :meth:`write` returned from is
    in the operating system's hands, and survives a kill of the process.

    Args:
        path: the file.
        append: keep what the file holds and append; False: truncate it.

    Raises:
        OSError: the file cannot be opened.
    """

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        self._fd = os.open(path, flags if append else flags | os.O_TRUNC, 0o666)
        self.size = os.fstat(self._fd).st_size
        """Bytes in the file: where the next piece starts."""

    def _write_some(self, data: memoryview) -> int:
        """One ``write`` system call; returns the bytes written (the fault tests' seam)."""
        return os.write(self._fd, data)

    def write(self, data: bytes) -> None:
        """Append ``data`` whole.

        Raises:
            OSError: the write failed (``errno.ENOSPC`` for a full disk), with the file's
                path as ``filename``; the part of ``data`` written is cut off again.
        """
        view = memoryview(data)
        done = 0
        try:
            while done < len(view):
                done += self._write_some(view[done:])
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self.size)
            raise OSError(exc.errno, exc.strerror, str(self.path)) from exc
        self.size += len(data)

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class LineWriter:
    """Append-only JSONL writer: one whole line per :meth:`write` (:class:`WholeWrites`),
    lines as :func:`diplex.io.jsonl.encode_line` makes them.

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
            self._fh = WholeWrites(self.path, append=resume)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc}") from exc

    def write(self, obj: dict[str, Any]) -> None:
        """Write ``obj`` as one JSON line.

        Raises:
            OSError: the disk is full or the write failed (the line is not kept).
        """
        self._fh.write(encode_line(obj))

    def close(self, complete: bool = True) -> None:
        """Close the file (``complete`` makes no difference: every line is final)."""
        self._fh.close()


# ------------------------------------------------------------------------------- writers


class RecordWriter(Protocol):
    """What :func:`diplex.batch.run` writes records through."""

    def write(self, record: MeetingRecord) -> None:
        """Write one record (durably enough that a kill leaves it whole or absent)."""

    def close(self, complete: bool = True) -> None:
        """Close the output; ``complete`` False (the run stopped on an error) leaves
        unpublished what is not final yet (see the module docstring)."""


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

    def close(self, complete: bool = True) -> None:
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


PART_SUFFIX = ".part"
"""Suffix of a CSV table while the run writes it (``out.csv.part``)."""


def part_path(file: Path) -> Path:
    """The name a CSV table is written under until its run ends: ``FILE.part``."""
    return file.with_name(file.name + PART_SUFFIX)


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
        self._files: dict[str, WholeWrites] = {}
        try:
            for file in self.paths.values():
                part = part_path(file)
                if not resume:
                    part.unlink(missing_ok=True)
                elif not part.exists() and file.exists():
                    os.replace(file, part)  # carry on a finished run's table
            if resume:
                done = self._repair(part_path(self.paths["meetings"]), None)
                for table in CHILD_TABLES:
                    self._repair(part_path(self.paths[table]), done)
            for table, file in self.paths.items():
                part = part_path(file)
                part.parent.mkdir(parents=True, exist_ok=True)
                fresh = not resume or not part.exists() or part.stat().st_size == 0
                self._files[table] = WholeWrites(part, append=not fresh)
                if fresh:
                    self._files[table].write(_csv_bytes([list(TABLES[table])]))
        except OSError as exc:
            self.close(complete=False)
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
        """Yield the doc_ids of the whole rows of the ``meetings`` table (its ``.part`` file
        where a run left one; for resume)."""
        file = csv_paths(path)["meetings"]
        if part_path(file).exists():
            file = part_path(file)
        if not file.exists():
            return
        with open(file, "rb") as fh:
            for n, (row, _) in enumerate(_csv_rows_with_offsets(fh)):
                if n and row:
                    yield row[0]

    def write(self, record: MeetingRecord) -> None:
        """Write the record's rows, each table's whole (child tables first, ``meetings``
        last).

        Raises:
            OSError: the disk is full or a write failed (that table's rows are not kept;
                on resume the document is done again).
        """
        tables = flatten(record)
        for table in (*CHILD_TABLES, "meetings"):
            rows = tables[table]
            if not rows:
                continue
            columns = TABLES[table]
            data = _csv_bytes([[_csv_value(row.get(c)) for c in columns] for row in rows])
            self._files[table].write(data)

    def close(self, complete: bool = True) -> None:
        """Close every file; where ``complete``, rename each ``.part`` file to its table's
        name (child tables first, ``meetings`` last). Not ``complete`` (the run stopped on
        an error): the ``.part`` files stay for ``--resume``."""
        for fh in self._files.values():
            fh.close()
        if not complete or len(self._files) < len(self.paths):
            return
        for table in (*CHILD_TABLES, "meetings"):
            os.replace(part_path(self.paths[table]), self.paths[table])


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    """CSV text of ``rows`` (``\\n`` line ends), UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="backslashreplace")


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
            try:
                pq.write_table(arrow, tmp)
            except BaseException:
                tmp.unlink(missing_ok=True)  # a full disk leaves no torn part behind
                raise
            os.replace(tmp, final)
        self._buffer = {t: [] for t in TABLES}
        self._count = 0
        self._next_part += 1

    def close(self, complete: bool = True) -> None:
        """Write the last part where ``complete``; not ``complete`` (the run stopped on an
        error), the part in progress is dropped and ``--resume`` does its documents again."""
        if complete:
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
    "PART_SUFFIX",
    "ParquetWriter",
    "RecordWriter",
    "WholeWrites",
    "cut_partial_line",
    "csv_paths",
    "default_errors_path",
    "done_ids",
    "flatten",
    "infer_format",
    "iter_jsonl_ids",
    "open_writer",
    "part_path",
]
