"""Per-document results of a run, and in-order extraction that never stops on a bad document.

Every input document yields exactly one result, in input order: a
:class:`~diplex.record.MeetingRecord`, or an :class:`ErrorEntry` saying why there is none.
:class:`ExtractionFailure` is what :meth:`diplex.Extractor.pipe` yields in place of a record
(``errors="return"``). This module sits below :mod:`diplex.extractor`, :mod:`diplex.batch`,
:mod:`diplex.parallel` and :mod:`diplex.scale`, which all use it (it imports none of them).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import DiplexError
from .io.readers import InputItem, ReadError, SourceDoc
from .record import MeetingRecord

if TYPE_CHECKING:
    from .extractor import Extractor


@dataclass(frozen=True)
class ExtractionFailure:
    """An error entry: the document whose extraction failed, in place of its record.

    Attributes:
        doc_id: the document's id (None where the caller gave none).
        index: the document's position in the input, from 0.
        error_type: the exception's class name.
        message: the exception's message.
        exception: the exception itself (not compared; None where not kept).
    """

    doc_id: str | None
    index: int
    error_type: str
    message: str
    exception: BaseException | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ErrorEntry:
    """A document that gave no record, and why (one line of the errors file).

    Attributes:
        doc_id: the document's id (as its record would have had).
        source: the input file's path.
        line: 1-based line of a JSONL line / CSV row; None for a whole file.
        stage: ``"read"`` (the input could not be read as a document) or ``"extract"``
            (the pipeline or assembly failed on it).
        error_type: the exception's class name (``InputError``, ``JSONDecodeError``,
            ``ExtractionError``...).
        message: what went wrong.
    """

    doc_id: str
    source: str
    line: int | None
    stage: Literal["read", "extract"]
    error_type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready dict (the errors file's line)."""
        return asdict(self)


Result = MeetingRecord | list[MeetingRecord] | ErrorEntry
"""What :func:`diplex.batch.iter_results` yields (a list of records: one per encounter,
where asked)."""


class BatchOrderError(DiplexError):
    """The extractor's results do not line up with its input documents (a pipeline
    component dropped a document); raised rather than pair a record with the wrong id."""


def entry_from_read(item: ReadError) -> ErrorEntry:
    """The error entry of an input that could not be read as a document."""
    return ErrorEntry(item.doc_id, item.source, item.line, "read", item.error_type, item.message)


def entry_from_failure(item: SourceDoc, failure: ExtractionFailure) -> ErrorEntry:
    """The error entry of a document whose extraction failed (an ExtractionFailure)."""
    return ErrorEntry(
        item.doc_id, item.source, item.line, "extract", failure.error_type, failure.message
    )


def entry_from_exception(item: SourceDoc, exc: BaseException) -> ErrorEntry:
    """The error entry of a document whose extraction raised ``exc``."""
    return ErrorEntry(
        item.doc_id, item.source, item.line, "extract", type(exc).__name__, str(exc) or repr(exc)
    )


def _pair(item: SourceDoc,
          result: MeetingRecord | list[MeetingRecord] | ExtractionFailure) -> Result:
    if isinstance(result, list):  # one record per encounter (``encounters=True``)
        if not result or any(r.doc_id != item.doc_id for r in result):
            raise BatchOrderError(
                f"extractor results out of step with the input: got "
                f"{[r.doc_id for r in result]!r} for {item.doc_id!r}"
            )
        return result
    if result.doc_id != item.doc_id:
        raise BatchOrderError(
            f"extractor results out of step with the input: got {result.doc_id!r} "
            f"for {item.doc_id!r} (a pipeline component dropped a document?)"
        )
    if isinstance(result, ExtractionFailure):
        return entry_from_failure(item, result)
    return result


def _extract_one(extractor: Extractor, item: SourceDoc, encounters: bool = False) -> Result:
    """Extract one document in this process; any exception becomes its error entry."""
    try:
        stream = extractor.pipe([item.to_document()], batch_size=1, n_process=1, errors="return",
                                encounters=encounters)
        return _pair(item, next(iter(stream)))
    except Exception as exc:  # noqa: BLE001 - reported as the document's error entry
        return entry_from_exception(item, exc)


def extract_ordered(
    items: Iterable[InputItem],
    extractor: Extractor,
    *,
    processes: int = 1,
    batch_size: int = 64,
    encounters: bool = False,
) -> Iterator[Result]:
    """Run ``extractor`` over ``items``; yield one result per item, in input order.

    Read errors pass through as error entries in their place. Per-document failures come
    back from :meth:`Extractor.pipe` (``errors="return"``) as error entries. Should the
    pipe itself raise (a non-diplex component failing, a worker dying), the documents in
    flight are re-run one at a time in this process (so the culprit becomes an error entry
    and the others records) and a fresh pipe takes the rest: the run never stops on a bad
    document.

    Args:
        items: documents and read errors (:func:`diplex.io.readers.iter_documents`).
        extractor: the loaded :class:`~diplex.Extractor`.
        processes: spaCy worker processes (``nlp.pipe(n_process=...)``).
        batch_size: documents per spaCy batch.
        encounters: True: a list of records per item, one per encounter
            (:meth:`Extractor.extract_encounters`).

    Yields:
        MeetingRecord (with ``encounters``: a list of them) or ErrorEntry, one per item,
        in input order.

    Raises:
        BatchOrderError: the extractor's results do not line up with its input (a bug in a
            pipeline component that drops documents; never silently mis-assigned).
        Exception: whatever iterating ``items`` raises, after the results of every item
            read before it (the rest of the input is never silently dropped).
    """
    pending: deque[InputItem] = deque()
    source = iter(items)
    source_failed: list[Exception] = []

    def feed() -> Iterator[Any]:
        try:
            for item in source:
                pending.append(item)
                if isinstance(item, SourceDoc):
                    yield item.to_document()
        except Exception as exc:  # the reader broke: not a pipeline failure, re-raised below
            source_failed.append(exc)
            raise

    while True:
        stream = extractor.pipe(
            feed(), batch_size=batch_size, n_process=processes, errors="return",
            encounters=encounters,
        )
        try:
            for result in stream:
                while pending and isinstance(pending[0], ReadError):
                    yield entry_from_read(pending.popleft())  # type: ignore[arg-type]
                item = pending.popleft()
                assert isinstance(item, SourceDoc)
                yield _pair(item, result)
        except BatchOrderError:
            raise
        except Exception:  # noqa: BLE001 - the pipe broke; isolate the documents in flight
            in_flight = list(pending)
            pending.clear()
            for item in in_flight:
                if isinstance(item, ReadError):
                    yield entry_from_read(item)
                else:
                    yield _extract_one(extractor, item, encounters)
            if source_failed:
                raise source_failed[0] from None
            continue
        while pending:
            left = pending.popleft()
            if isinstance(left, ReadError):
                yield entry_from_read(left)
            else:  # pragma: no cover - the pipe ended early: never lose the document
                yield _extract_one(extractor, left, encounters)
        return
