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
or empty file, invalid or absurdly nested JSON line, a row without the text field, a
document over :data:`MAX_DOCUMENT_BYTES`) comes out of :func:`iter_documents` as a
:class:`ReadError` in its place, and reading goes on.
Memory stays flat: folders are walked directory by directory, JSONL and CSV files are read
line by line, and only one document's text is held at a time; no file, line or row is read
into memory beyond :data:`MAX_DOCUMENT_BYTES` (a ``.gz`` bomb is an error entry, not an
out-of-memory crash).

The files a batch run writes (its output, errors and lock files) are never read as input
(:attr:`ReaderOptions.skip_files`), even where they lie in an input folder.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import json
import os
import re
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

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""Largest input document read, in bytes (after gunzipping): a whole file, or one JSONL
line or CSV line. A press release is a few kilobytes and its HTML page rarely over a
megabyte, and the extractor reads at most :data:`diplex.document.MAX_CHARS` characters of
text; anything larger (a decompression bomb, a dump written as one line) becomes an error
entry, read past without being held in memory."""

_CSV_FIELD_LIMIT = MAX_DOCUMENT_BYTES
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")


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
        skip_files: files never read as input, as :func:`os.path.realpath` strings (a batch
            run's own output, errors and lock files; :func:`diplex.io.locks.own_files`).
    """

    text_field: str = "text"
    id_field: str = "id"
    date_field: str | None = "release_date"
    publisher_field: str | None = None
    skip_files: frozenset[str] = frozenset()


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


def _skipped(file: Path, skip: frozenset[str], names: frozenset[str]) -> bool:
    """True where ``file`` is one of ``skip`` (checked by name first: no path resolution
    for the millions of files that cannot match)."""
    return file.name in names and os.path.realpath(file) in skip


def walk(path: Path, skip: frozenset[str] = frozenset()) -> Iterator[Path]:
    """Yield the files with a known suffix below folder ``path``, recursively, sorted.

    Directories are listed one at a time (memory stays flat on huge trees); unreadable
    sub-folders are skipped by :func:`os.walk`. Files in ``skip`` (realpath strings) are
    left out.
    """
    names = frozenset(os.path.basename(p) for p in skip)
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            file = Path(root) / name
            if _kind(file) is not None and not _skipped(file, skip, names):
                yield file


def iter_files(
    inputs: Iterable[str | Path], skip: frozenset[str] = frozenset()
) -> Iterator[Path]:
    """Yield the files named by ``inputs`` (files as given, folders walked), less the files
    in ``skip`` (realpath strings).

    Raises:
        InputNotFound: an input does not exist (checked before anything is yielded).
    """
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not path.exists():
            raise InputNotFound(f"no such file or folder: {path}")
    names = frozenset(os.path.basename(p) for p in skip)
    for path in paths:
        if path.is_dir():
            yield from walk(path, skip)
        elif not _skipped(path, skip, names):
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
    files = iter_files(inputs, opts.skip_files)
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


def _too_large(what: str) -> str:
    return (
        f"{what} larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB, not read (a release "
        "is far smaller: a decompression bomb or not a release?)"
    )


def _lines(fh: IO[bytes]) -> Iterator[bytes | None]:
    """Yield each line of ``fh`` (with its newline), or None for a line longer than
    :data:`MAX_DOCUMENT_BYTES`, which is read past in blocks without being held."""
    while True:
        raw = fh.readline(MAX_DOCUMENT_BYTES + 1)
        if not raw:
            return
        if len(raw) <= MAX_DOCUMENT_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = fh.readline(1 << 20)
        yield None


class _LineTooLong(Exception):
    """A CSV line over :data:`MAX_DOCUMENT_BYTES` (raised through ``csv.reader``)."""


def _text_lines(fh: IO[bytes]) -> Iterator[str]:
    """The lines of a UTF-8 CSV file as text for ``csv.reader`` (a leading byte-order mark
    dropped, bad bytes replaced, a lone CR ending a line as in universal-newline mode).

    Raises:
        _LineTooLong: a line over :data:`MAX_DOCUMENT_BYTES`.
    """
    first = True
    for raw in _lines(fh):
        if raw is None:
            raise _LineTooLong
        text = raw.decode("utf-8", errors="replace")
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        if "\r" in text:
            yield from (part for part in _LONE_CR.split(text) if part)
        else:
            yield text


def _read_single(path: Path, kind: str) -> InputItem:
    doc_id = _stem(path)
    try:
        with _open_binary(path) as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return _error(doc_id, path, None, exc)
    if len(data) > MAX_DOCUMENT_BYTES:
        return _input_error(doc_id, path, None, _too_large("file"))
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
            for line, raw in enumerate(_lines(fh), 1):
                fallback_id = f"{_plain_name(path)}:{line}"
                if raw is None:
                    yield _input_error(fallback_id, path, line, _too_large("line"))
                    continue
                if not raw.strip():
                    continue  # a blank line is not a document
                try:
                    row = json.loads(raw)
                except (ValueError, UnicodeDecodeError) as exc:
                    yield _error(fallback_id, path, line, exc)
                    continue
                except RecursionError:
                    yield _input_error(fallback_id, path, line, "JSON nested too deeply")
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
            reader = csv.reader(_text_lines(raw))
            try:
                header = next(reader)
            except StopIteration:
                yield _input_error(_plain_name(path), path, None, "empty CSV file (no header)")
                return
            except _LineTooLong:
                yield _input_error(_plain_name(path), path, None, _too_large("header line"))
                return
            last = reader.line_num
            while True:
                start = last + 1
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except _LineTooLong:
                    yield _input_error(
                        f"{_plain_name(path)}:{start}",
                        path,
                        start,
                        _too_large("line") + "; the rest of the file is not read",
                    )
                    return
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
    opts = options or ReaderOptions()
    try:
        for file in iter_files(inputs, opts.skip_files):
            kind = _kind(file)
            if kind not in ("jsonl", "csv"):
                total += 1
                continue
            try:
                with _open_binary(file) as fh:
                    if kind == "jsonl":
                        total += sum(1 for raw in _lines(fh) if raw is None or raw.strip())
                    else:
                        total += max(0, sum(1 for _ in csv.reader(_text_lines(fh))) - 1)
            except (OSError, EOFError, zlib.error, csv.Error, _LineTooLong):
                total += 1
    except OSError:
        pass
    return total


__all__ = [
    "InputItem",
    "InputNotFound",
    "MAX_DOCUMENT_BYTES",
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
