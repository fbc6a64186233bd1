"""Batch extraction over release dumps: streaming, parallel, resumable.

>>> from diplex.batch import run
>>> summary = run(["dump/"], "records.jsonl", processes=2)          # doctest: +SKIP
>>> summary.records, summary.errors                                 # doctest: +SKIP

Every input document (see :mod:`diplex.io.readers`) yields exactly one result, in input
order: a :class:`~diplex.record.MeetingRecord`, or an :class:`ErrorEntry` saying why there
is none (unreadable input, or extraction failed). Nothing is dropped silently and no bad
document stops the run.

Engines:

- ``"spacy"`` (default): :meth:`diplex.Extractor.pipe` with ``n_process`` workers (spaCy's
  ``nlp.pipe(n_process=...)``; the pipeline is loaded once and forked into each worker),
  input order kept.
- ``"dask"``: chunks of documents sent to a Dask cluster (:mod:`diplex.scale`), the
  pipeline loaded once per worker, input order kept.

Memory stays flat: documents are read one at a time, and only the documents in flight
(about ``batch_size * processes`` of them) are held. ``--resume`` holds the ids already
done as 8-byte digests.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .io.locks import OutputLocks, own_files, same_file
from .io.readers import (
    InputItem,
    InputNotFound,
    ReaderOptions,
    count_documents,
    iter_documents,
)
from .io.writers import (
    Format,
    LineWriter,
    OutputError,
    default_errors_path,
    done_ids,
    infer_format,
    iter_jsonl_ids,
    open_writer,
)
from .pipeline import DEFAULT_MODEL
from .progress import Progress, ProgressOption
from .results import (
    BatchOrderError,
    ErrorEntry,
    Result,
    extract_ordered,
)

if TYPE_CHECKING:
    from .extractor import Extractor

Engine = Literal["spacy", "dask"]
ENGINES: tuple[str, ...] = ("spacy", "dask")


@dataclass
class Summary:
    """What a :func:`run` did.

    Attributes:
        documents: input documents seen (including those skipped on resume).
        skipped: documents skipped because their doc_id was already in the output or the
            errors file (``resume=True``).
        records: records written.
        errors: error entries written.
        elapsed: wall-clock seconds.
        output: the output path; errors_path: the errors file.
    """

    documents: int = 0
    skipped: int = 0
    records: int = 0
    errors: int = 0
    elapsed: float = 0.0
    output: str = ""
    errors_path: str = ""
    format: str = "jsonl"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        """Documents processed in this run (records + errors)."""
        return self.records + self.errors

    @property
    def docs_per_second(self) -> float:
        """Documents processed per second of wall-clock time."""
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    def lines(self) -> list[str]:
        """Return the summary as human-readable lines."""
        out = [
            f"documents read:   {self.documents}",
            f"records written:  {self.records}  -> {self.output} ({self.format})",
            f"errors:           {self.errors}  -> {self.errors_path}",
        ]
        if self.skipped:
            out.append(f"skipped (resume): {self.skipped}")
        out.append(f"elapsed:          {self.elapsed:.1f} s")
        out.append(f"documents/s:      {self.docs_per_second:.1f}")
        return out


class _Counts:
    def __init__(self) -> None:
        self.documents = 0
        self.skipped = 0


def _digest(doc_id: str) -> bytes:
    return hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def check_inputs(inputs: Iterable[str | Path]) -> None:
    """Check that every input exists.

    Raises:
        InputNotFound: naming the first input that does not exist.
    """
    for raw in inputs:
        if not Path(raw).exists():
            raise InputNotFound(f"no such file or folder: {raw}")


def _load_done(output: Path, fmt: Format, errors_path: Path) -> set[bytes]:
    done: set[bytes] = set()
    for doc_id in done_ids(output, fmt):
        done.add(_digest(doc_id))
    for doc_id in iter_jsonl_ids(errors_path):
        done.add(_digest(doc_id))
    return done


def _filtered(
    items: Iterable[InputItem], skip: set[bytes] | None, counts: _Counts
) -> Iterator[InputItem]:
    for item in items:
        counts.documents += 1
        if skip and _digest(item.doc_id) in skip:
            counts.skipped += 1
            continue
        yield item


def _results(
    inputs: Iterable[str | Path],
    counts: _Counts,
    *,
    model: str,
    extractor: Extractor | None,
    processes: int,
    batch_size: int,
    options: ReaderOptions | None,
    skip: set[bytes] | None,
    engine: Engine,
    scheduler: str | None,
    encounters: bool = False,
) -> Iterator[Result]:
    items = _filtered(iter_documents(inputs, options), skip, counts)
    if engine == "dask":
        if encounters:
            raise ValueError("one record per encounter needs engine='spacy'")
        from .scale import extract_distributed

        yield from extract_distributed(
            items,
            model=model,
            scheduler=scheduler,
            workers=processes,
            batch_size=batch_size,
        )
        return
    if engine != "spacy":
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if extractor is None:
        from .extractor import Extractor

        extractor = Extractor(model)
    yield from extract_ordered(items, extractor, processes=processes, batch_size=batch_size,
                               encounters=encounters)


def iter_results(
    inputs: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    extractor: Extractor | None = None,
    processes: int = 1,
    batch_size: int = 64,
    options: ReaderOptions | None = None,
    skip_ids: Iterable[str] | None = None,
    engine: Engine = "spacy",
    scheduler: str | None = None,
    encounters: bool = False,
) -> Iterator[Result]:
    """Yield a record or an error entry for each input document, in input order.

    Args:
        inputs: files and folders (formats: :mod:`diplex.io.readers`).
        model: base spaCy pipeline (ignored where ``extractor`` is given).
        extractor: an already loaded Extractor to use (``engine="spacy"`` only).
        processes: worker processes (spaCy ``n_process``, or Dask workers of a local cluster).
        batch_size: documents per spaCy batch (and per Dask task).
        options: JSONL/CSV field names.
        skip_ids: doc_ids to leave out (already done).
        engine: ``"spacy"`` or ``"dask"``.
        scheduler: Dask scheduler address (``engine="dask"``); None starts a local cluster.
        encounters: True: a list of records per document, one per encounter
            (``engine="spacy"`` only).

    Yields:
        :class:`~diplex.record.MeetingRecord` (with ``encounters``: a list of them) or
        :class:`ErrorEntry`.

    Raises:
        InputNotFound: an input does not exist (before anything is yielded).
        ModelNotFoundError: the model is not installed.
        ImportError: ``engine="dask"`` without Dask installed.
    """
    skip = {_digest(i) for i in skip_ids} if skip_ids is not None else None
    return _results(
        inputs,
        _Counts(),
        model=model,
        extractor=extractor,
        processes=processes,
        batch_size=batch_size,
        options=options,
        skip=skip,
        engine=engine,
        scheduler=scheduler,
        encounters=encounters,
    )


def _progress(
    enabled: ProgressOption, inputs: list[str | Path], options: ReaderOptions | None, skipped: int
) -> Progress:
    """The run's :class:`~diplex.progress.Progress`; where it shows a bar, its total
    (documents less those already done) is counted in a background thread so the run
    starts at once."""
    progress = Progress("diplex batch", progress=enabled)
    if progress.mode == "bar":

        def count() -> None:
            progress.set_total(count_documents(inputs, options) - skipped)

        threading.Thread(target=count, daemon=True).start()
    return progress


def run(
    inputs: Iterable[str | Path],
    output: str | Path,
    *,
    fmt: Format | None = None,
    errors_path: str | Path | None = None,
    processes: int = 1,
    batch_size: int = 64,
    resume: bool = False,
    options: ReaderOptions | None = None,
    model: str = DEFAULT_MODEL,
    extractor: Extractor | None = None,
    engine: Engine = "spacy",
    scheduler: str | None = None,
    progress: ProgressOption = None,
    rows_per_part: int = 2000,
    encounters: bool = False,
) -> Summary:
    """Extract every input document and write records and error entries.

    Every file the run writes is locked first (:mod:`diplex.io.locks`): a second run on
    the same output or errors file fails at once, before it reads or truncates anything.
    Those files are never read as input, even where they lie in an input folder.

    Args:
        inputs: files and folders (formats: :mod:`diplex.io.readers`).
        output: the output path (layout per format: :mod:`diplex.io.writers`).
        fmt: ``"jsonl"``, ``"csv"`` or ``"parquet"``; None infers it from ``output``.
        errors_path: the errors JSONL file; None: ``BASE.errors.jsonl`` beside ``output``.
        processes: worker processes (see :func:`iter_results`).
        batch_size: documents per batch.
        resume: keep what ``output`` and the errors file hold, skip those doc_ids and
            append the rest; False: start both afresh.
        options: JSONL/CSV field names.
        model, extractor, engine, scheduler: see :func:`iter_results`.
        progress: report on standard error (:mod:`diplex.progress`): None (default) a
            bar on a terminal, else one summary line at the end; True a bar always;
            False nothing; or a :data:`~diplex.progress.Mode`.
        rows_per_part: Parquet only: records per part file.
        encounters: one record per encounter of each release (one line each, with its
            ``encounter`` number); JSONL output and ``engine="spacy"`` only (the tables of
            CSV and Parquet are keyed by doc_id alone).

    Returns:
        The :class:`Summary`.

    Raises:
        InputNotFound: an input does not exist.
        OutputLocked: another run is writing the output or the errors file.
        OutputError: the output or errors file cannot be written, is the other one, or is
            named as an input; or pyarrow is missing.
        ModelNotFoundError: the model is not installed.
        ImportError: ``engine="dask"`` without Dask installed.
        OSError: writing failed midway (a full disk: ``errno.ENOSPC``); what was written is
            whole, and ``resume=True`` finishes the run.
    """
    started = time.perf_counter()
    inputs = list(inputs)
    fmt = fmt or infer_format(output)
    out_path = Path(output)
    err_path = Path(errors_path) if errors_path is not None else default_errors_path(out_path)
    if encounters and fmt != "jsonl":
        raise OutputError("one record per encounter is written as JSONL only (the CSV and "
                          "Parquet tables are keyed by doc_id)")
    if encounters and engine != "spacy":
        raise OutputError("one record per encounter needs the spacy engine")
    own = own_files(out_path, fmt, err_path)
    written = own_files(out_path, fmt, out_path)  # the output's own files (CSV: every table)
    if any(same_file(err_path, f) for f in written):
        raise OutputError(f"the errors file must not be one of the output's own files "
                          f"({err_path})")
    for raw in inputs:
        if any(same_file(raw, f) for f in own):
            raise OutputError(f"{raw} is this run's output or errors file, not an input")
    with OutputLocks([out_path, err_path]):
        return _run(
            inputs,
            out_path,
            fmt,
            err_path,
            started=started,
            processes=processes,
            batch_size=batch_size,
            resume=resume,
            options=replace(options or ReaderOptions(), skip_files=own),
            model=model,
            extractor=extractor,
            engine=engine,
            scheduler=scheduler,
            progress=progress,
            rows_per_part=rows_per_part,
            encounters=encounters,
        )


def _run(
    inputs: list[str | Path],
    out_path: Path,
    fmt: Format,
    err_path: Path,
    *,
    started: float,
    processes: int,
    batch_size: int,
    resume: bool,
    options: ReaderOptions,
    model: str,
    extractor: Extractor | None,
    engine: Engine,
    scheduler: str | None,
    progress: ProgressOption,
    rows_per_part: int,
    encounters: bool = False,
) -> Summary:
    """:func:`run` once its files are locked."""
    skip = _load_done(out_path, fmt, err_path) if resume else None
    if engine == "dask":
        from .scale import require_dask

        require_dask()
    check_inputs(inputs)
    if engine == "spacy" and extractor is None:
        from .extractor import Extractor

        extractor = Extractor(model)
    writer = open_writer(out_path, fmt, resume, rows_per_part=rows_per_part)
    errors = LineWriter(err_path, resume)
    summary = Summary(output=str(out_path), errors_path=str(err_path), format=fmt)
    counts = _Counts()
    results = _results(
        inputs,
        counts,
        model=model,
        extractor=extractor,
        processes=processes,
        batch_size=batch_size,
        options=options,
        skip=skip,
        engine=engine,
        scheduler=scheduler,
        encounters=encounters,
    )
    bar = _progress(progress, inputs, options, len(skip) if skip else 0)
    finished = False
    try:
        for result in results:
            if isinstance(result, ErrorEntry):
                errors.write(result.to_dict())
                summary.errors += 1
            else:
                for record in result if isinstance(result, list) else [result]:
                    writer.write(record)
                    summary.records += 1
            bar.update(error=isinstance(result, ErrorEntry),
                       records=len(result) if isinstance(result, list) else 1)
        finished = True
    finally:
        writer.close(complete=finished)
        errors.close()
        skipped = f", {counts.skipped} skipped (done before)" if counts.skipped else ""
        bar.close(f"{skipped}; records in {out_path}, errors in {err_path}")
    summary.documents = counts.documents
    summary.skipped = counts.skipped
    summary.elapsed = time.perf_counter() - started
    return summary


__all__ = [
    "BatchOrderError",
    "ENGINES",
    "Engine",
    "ErrorEntry",
    "Result",
    "Summary",
    "extract_ordered",
    "iter_results",
    "run",
]
