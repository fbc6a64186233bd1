"""Read release dumps as a stream of documents, one at a time.

Inputs (any mix, each optionally gzip-compressed, ``NAME.EXT.gz``):

============================== ============================================================
input                          documents
============================== ============================================================
folder                         every file below it with a known extension, recursively, in
                               sorted path order (other files, such as ``.json`` gold
                               files, are ignored)
``.txt``, ``.text``, ``.md``   one document per file; ``doc_id`` is the file stem
``.html``, ``.htm``            one document per file, reduced to its visible text with
                               :func:`diplex.document.html_to_text` (BeautifulSoup)
``.jsonl``, ``.ndjson``        one document per non-blank line (a JSON object); text, id
                               and release-date fields are configurable
``.csv``                       one document per data row (header row required); same fields
============================== ============================================================

``doc_id``: the file stem for one-document files; for JSONL and CSV the id field where the
row has one, else ``FILE:LINE`` (file name without ``.gz``, 1-based physical line where the
line or row starts). Ids are made unique within a run by :class:`UniqueIds`: a repeat gets
``#2``, ``#3``... in input order, so the same inputs always give the same ids.

Nothing is dropped silently: what cannot be read (missing permission, broken gzip, binary
or empty file, invalid JSON line, a row without the text field) comes out of
:func:`iter_documents` as a :class:`ReadError` in its place, and reading goes on.
Memory stays flat: folders are walked directory by directory, JSONL and CSV files are read
line by line, and only one document's text is held at a time.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import IO, Any

from ..document import Document, clean_id, html_to_text

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES

_BINARY_SNIFF = 8192
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReaderOptions:
    """How to read JSONL and CSV rows.

    Attributes:
        text_field: the field holding the release text (required in each row).
        id_field: the field holding the document id (optional in each row; ``FILE:LINE``
            where absent or empty).
        date_field: the field holding the release date, ``YYYY-MM-DD`` or an ISO 8601
            date-time whose date part is taken (optional in each row; a value that is
            neither makes the row an error entry). None: read no release date.
        publisher_field: the field holding the publisher's ISO alpha-3 code, or None.
    """

    text_field: str = "text"
    id_field: str = "id"
    date_field: str | None = "release_date"
    publisher_field: str | None = None


@dataclass(frozen=True)
class SourceDoc:
    """One input document and where it came from.

    Attributes:
        doc_id: the unique id (see the module docstring).
        source: the file's path, as reached from the input argument.
        line: 1-based line where a JSONL line or CSV row starts; None for a whole file.
        text: the text (str), or the raw bytes of a text file (decoded by
            :func:`diplex.document.prepare`, which warns on invalid UTF-8).
        release_date: ``YYYY-MM-DD`` or None.
        publisher: ISO alpha-3 or None.
    """

    doc_id: str
    source: str
    line: int | None
    text: str | bytes
    release_date: str | None = None
    publisher: str | None = None

    def __post_init__(self) -> None:
        # an id from an undecodable file name or a JSON "\ud800" escape, made writable
        object.__setattr__(self, "doc_id", clean_id(self.doc_id) or "")

    def to_document(self) -> Document:
        """Return the :class:`~diplex.document.Document` handed to the Extractor."""
        return Document(self.text, self.doc_id, self.release_date, self.publisher)


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read as a document, in the place of its document(s).

    Attributes:
        doc_id: the id the document would have had (for a file-level error in a JSONL or
            CSV file, the file name, or ``FILE:LINE`` of the first unread line).
        source: the file's path.
        line: 1-based line, or None for a whole file.
        error_type: ``InputError``, ``JSONDecodeError``, ``OSError``... (the exception's
            class name, or ``InputError`` for content diplex rejects).
        message: what went wrong.
    """

    doc_id: str
    source: str
    line: int | None
    error_type: str
    message: str


InputItem = SourceDoc | ReadError


class InputNotFound(FileNotFoundError):
    """An input argument names no existing file or folder (a bad argument, not a bad
    document: the run cannot start)."""


def _kind(path: Path) -> str | None:
    """Return ``text``, ``html``, ``jsonl``, ``csv`` for a known suffix (``.gz`` allowed)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffixes, kind in (
        (TEXT_SUFFIXES, "text"),
        (HTML_SUFFIXES, "html"),
        (JSONL_SUFFIXES, "jsonl"),
        (CSV_SUFFIXES, "csv"),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def _plain_name(path: Path) -> str:
    """The file name without a trailing ``.gz`` (so ids do not change with compression)."""
    name = path.name
    return name[:-3] if name.lower().endswith(".gz") else name


def _stem(path: Path) -> str:
    name = _plain_name(path)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem or name


def _open_binary(path: Path) -> IO[bytes]:
    """Open a dump file for reading bytes (gunzipping ``.gz``).

    Raises:
        OSError: the path is not a regular file (a FIFO or device would block the run).
    """
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise OSError(f"not a regular file: {path}")
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def walk(path: Path) -> Iterator[Path]:
    """Yield the files with a known suffix below folder ``path``, recursively, sorted.

    Directories are listed one at a time (memory stays flat on huge trees); unreadable
    sub-folders are skipped by :func:`os.walk`.
    """
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            file = Path(root) / name
            if _kind(file) is not None:
                yield file


def iter_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files named by ``inputs`` (files as given, folders walked).

    Raises:
        InputNotFound: an input does not exist (checked before anything is yielded).
    """
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not path.exists():
            raise InputNotFound(f"no such file or folder: {path}")
    for path in paths:
        if path.is_dir():
            yield from walk(path)
        else:
            yield path


def iter_documents(
    inputs: Iterable[str | Path], options: ReaderOptions | None = None
) -> Iterator[InputItem]:
    """Yield each input document as a :class:`SourceDoc`, or a :class:`ReadError` in its
    place, in input order, with unique deterministic ids.

    Args:
        inputs: files and folders (see the module docstring).
        options: JSONL/CSV field names (default :class:`ReaderOptions`).

    Raises:
        InputNotFound: an input does not exist (before anything is yielded).
    """
    opts = options or ReaderOptions()
    files = iter_files(inputs)
    ids = UniqueIds()
    for file in files:
        for item in read_file(file, opts):
            unique = ids.make_unique(item.doc_id)
            if unique != item.doc_id:
                item = _with_id(item, unique)
            yield item


def _with_id(item: InputItem, doc_id: str) -> InputItem:
    if isinstance(item, SourceDoc):
        return SourceDoc(
            doc_id, item.source, item.line, item.text, item.release_date, item.publisher
        )
    return ReadError(doc_id, item.source, item.line, item.error_type, item.message)


class UniqueIds:
    """Makes ids unique in order of appearance: the first keeps its id, a repeat gets
    ``#2``, ``#3``...

    Seen ids are kept as 8-byte BLAKE2b digests (about 40 bytes each in the set), so a run
    over millions of documents holds tens of megabytes at most.
    """

    def __init__(self) -> None:
        self._seen: set[bytes] = set()

    @staticmethod
    def _digest(doc_id: str) -> bytes:
        return hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()

    def make_unique(self, doc_id: str) -> str:
        """Return ``doc_id``, or ``doc_id#N`` with the smallest N >= 2 not seen yet."""
        candidate = doc_id
        n = 1
        while (digest := self._digest(candidate)) in self._seen:
            n += 1
            candidate = f"{doc_id}#{n}"
        self._seen.add(digest)
        return candidate


def read_file(path: Path, options: ReaderOptions | None = None) -> Iterator[InputItem]:
    """Yield the documents of one file (or a :class:`ReadError` per unreadable part).

    Ids are not yet made unique across files (see :func:`iter_documents`).
    """
    opts = options or ReaderOptions()
    kind = _kind(path)
    source = str(path)
    if kind in ("text", "html"):
        yield _read_single(path, kind)
    elif kind == "jsonl":
        yield from _read_jsonl(path, opts)
    elif kind == "csv":
        yield from _read_csv(path, opts)
    else:
        yield ReadError(
            _plain_name(path),
            source,
            None,
            "InputError",
            f"unsupported file type (known: {', '.join(KNOWN_SUFFIXES)}, optionally .gz)",
        )


def _error(doc_id: str, path: Path, line: int | None, exc: BaseException) -> ReadError:
    return ReadError(doc_id, str(path), line, type(exc).__name__, str(exc) or repr(exc))


def _input_error(doc_id: str, path: Path, line: int | None, message: str) -> ReadError:
    return ReadError(doc_id, str(path), line, "InputError", message)


def _decode_bytes(data: bytes) -> str | bytes | None:
    """Return the text of a file's bytes: bytes as they are for UTF-8 (``prepare`` decodes
    and warns on bad bytes), str for UTF-16 with a byte-order mark, None for binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:_BINARY_SNIFF]:
        return None
    return data


def _read_single(path: Path, kind: str) -> InputItem:
    doc_id = _stem(path)
    try:
        with _open_binary(path) as fh:
            data = fh.read()
    except (OSError, EOFError, zlib.error) as exc:
        return _error(doc_id, path, None, exc)
    text = _decode_bytes(data)
    if text is None:
        return _input_error(doc_id, path, None, "binary file (NUL bytes), not text")
    if kind == "html":
        text = html_to_text(_html_str(text))
    if not _has_text(text):
        return _input_error(doc_id, path, None, "empty document")
    return SourceDoc(doc_id, str(path), None, text)


def _html_str(data: str | bytes) -> str:
    """Decode an HTML page: UTF-8, else the encoding BeautifulSoup's UnicodeDammit finds
    (``<meta charset>``, byte-order mark, statistical guess)."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from bs4 import UnicodeDammit

        dammit = UnicodeDammit(data, is_html=True)
        if dammit.unicode_markup is not None:
            return dammit.unicode_markup
        return data.decode("utf-8", errors="replace")


def _has_text(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return bool(text.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"))
    return bool(text.strip().lstrip("\ufeff").strip())


def _release_date(value: Any) -> str | None:
    """Normalise a row's release date: ``YYYY-MM-DD`` or the date part of an ISO 8601
    date-time; None or "" gives None.

    Raises:
        ValueError: anything else (the row becomes an error entry, not a guess).
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"release date must be a YYYY-MM-DD string, got {value!r}")
    head = value.strip()[:10]
    try:
        Date.fromisoformat(head)
    except ValueError:
        raise ValueError(f"release date must be YYYY-MM-DD, got {value!r}") from None
    if len(value.strip()) > 10 and value.strip()[10] not in "T ":
        raise ValueError(f"release date must be YYYY-MM-DD, got {value!r}")
    return head


def _row_document(
    row: dict[str, Any], path: Path, line: int, opts: ReaderOptions
) -> InputItem:
    """Turn one JSONL object or CSV row into a SourceDoc, or a ReadError."""
    fallback_id = f"{_plain_name(path)}:{line}"
    raw_id = row.get(opts.id_field)
    doc_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    text = row.get(opts.text_field)
    if text is None:
        return _input_error(doc_id, path, line, f"no text field {opts.text_field!r}")
    if not isinstance(text, str):
        return _input_error(
            doc_id, path, line, f"text field {opts.text_field!r} is not a string"
        )
    if not _has_text(text):
        return _input_error(doc_id, path, line, "empty document")
    release_date = None
    if opts.date_field is not None:
        try:
            release_date = _release_date(row.get(opts.date_field))
        except ValueError as exc:
            return _input_error(doc_id, path, line, str(exc))
    publisher = None
    if opts.publisher_field is not None:
        value = row.get(opts.publisher_field)
        publisher = str(value) if value not in (None, "") else None
    return SourceDoc(doc_id, str(path), line, text, release_date, publisher)


def _read_jsonl(path: Path, opts: ReaderOptions) -> Iterator[InputItem]:
    line = 0
    try:
        with _open_binary(path) as fh:
            for line, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue  # a blank line is not a document
                fallback_id = f"{_plain_name(path)}:{line}"
                try:
                    row = json.loads(raw)
                except (ValueError, UnicodeDecodeError) as exc:
                    yield _error(fallback_id, path, line, exc)
                    continue
                if not isinstance(row, dict):
                    yield _input_error(
                        fallback_id, path, line, f"expected a JSON object, got {type(row).__name__}"
                    )
                    continue
                yield _row_document(row, path, line, opts)
    except (OSError, EOFError, zlib.error) as exc:
        where = line + 1
        doc_id = _plain_name(path) if line == 0 else f"{_plain_name(path)}:{where}"
        yield _error(doc_id, path, where if line else None, exc)


def _read_csv(path: Path, opts: ReaderOptions) -> Iterator[InputItem]:
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    line = 1
    try:
        with _open_binary(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            reader = csv.reader(text)
            try:
                header = next(reader)
            except StopIteration:
                yield _input_error(_plain_name(path), path, None, "empty CSV file (no header)")
                return
            last = reader.line_num
            while True:
                start = last + 1
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    line = start
                    yield _error(f"{_plain_name(path)}:{start}", path, start, exc)
                    last = reader.line_num
                    continue
                last = reader.line_num
                line = start
                if not any(v.strip() for v in values):
                    continue  # a blank row is not a document
                row = dict(zip(header, values, strict=False))
                yield _row_document(row, path, start, opts)
    except (OSError, EOFError, zlib.error) as exc:
        where = line + 1
        doc_id = _plain_name(path) if line <= 1 else f"{_plain_name(path)}:{where}"
        yield _error(doc_id, path, where if line > 1 else None, exc)


def count_documents(inputs: Iterable[str | Path], options: ReaderOptions | None = None) -> int:
    """Count the documents :func:`iter_documents` will yield (a quick pre-pass for a
    progress bar's total: non-blank lines for JSONL, rows for CSV, 1 per other file).

    Unreadable files count as 1. Raises nothing.
    """
    total = 0
    try:
        for file in iter_files(inputs):
            kind = _kind(file)
            if kind not in ("jsonl", "csv"):
                total += 1
                continue
            try:
                with _open_binary(file) as fh:
                    if kind == "jsonl":
                        total += sum(1 for raw in fh if raw.strip())
                    else:
                        text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
                        total += max(0, sum(1 for _ in csv.reader(text)) - 1)
            except (OSError, EOFError, zlib.error, csv.Error):
                total += 1
    except OSError:
        pass
    return total


__all__ = [
    "InputItem",
    "InputNotFound",
    "ReadError",
    "ReaderOptions",
    "SourceDoc",
    "UniqueIds",
    "count_documents",
    "iter_documents",
    "iter_files",
    "read_file",
    "walk",
]
