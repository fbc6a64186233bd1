"""Worker processes for :meth:`diplex.Extractor.pipe` with ``n_process > 1``.

Each worker runs the whole extraction of a chunk of documents (text preparation, the spaCy
pipeline and record assembly) and sends back only the records: nothing but Documents and
records cross between processes, so the parent does no per-document work beyond reading
and writing, and the speed-up grows with the workers (spaCy's own
``nlp.pipe(n_process=...)`` sends each Doc back to be assembled in the parent, which then
limits it).

- Start-up is paid once: on Linux the workers are forked from the process that loaded the
  pipeline (``gc.freeze()`` before the fork, as the Python documentation advises, so that
  they share its memory instead of copying it); elsewhere each worker loads
  ``Extractor(model)`` once.
- An input of fewer than :data:`PARALLEL_MIN_DOCS` documents runs in this process: starting
  workers would cost more than they save.
- Order is kept and memory bounded: chunks of ``batch_size`` documents, at most
  ``2 * n_process`` of them in flight (a short input is cut into one chunk per worker).
- A worker that dies (killed, out of memory) raises
  ``concurrent.futures.process.BrokenProcessPool`` from the pipe rather than hanging;
  :func:`diplex.batch.extract_ordered` then re-runs the documents in flight one by one.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeAlias

from .results import ExtractionFailure

if TYPE_CHECKING:
    from .document import Document
    from .extractor import Extractor
    from .record import MeetingRecord

    Item: TypeAlias = Document | ExtractionFailure
    Outcome: TypeAlias = MeetingRecord | ExtractionFailure

PARALLEL_MIN_DOCS = 48
"""Inputs shorter than this run in one process. Measured on 2 cores
(``benchmarks/throughput.py``): forking 2 workers and their first touch of the pipeline cost
about 0.3 s, the time of 10-15 documents in one process, and below about 40 documents two
workers did not finish sooner than one."""

_WORKER: Extractor | None = None
"""The extractor of a worker process (set by :func:`_init`)."""


def _init(extractor: Extractor | tuple[type[Extractor], str, tuple[str, ...]]) -> None:
    """Set the worker's extractor: the parent's (forked), or a new one built from its class,
    model name and rule overlays (spawned; the class travels by reference, so no import of
    :mod:`diplex.extractor` here)."""
    global _WORKER
    if isinstance(extractor, tuple):
        cls, model, rules = extractor
        _WORKER = cls(model, rules=list(rules))
    else:
        _WORKER = extractor


def _work(chunk: list[Item], first_index: int, batch_size: int,
          encounters: bool = False) -> list[Outcome]:
    """Extract one chunk in a worker; failures' exceptions are kept only if they pickle."""
    assert _WORKER is not None, "worker not initialised"
    out: list[Outcome] = []
    for result in _WORKER.extract_batches(chunk, batch_size=batch_size, first_index=first_index,
                                          encounters=encounters):
        if isinstance(result, ExtractionFailure) and result.exception is not None:
            try:
                pickle.dumps(result.exception)
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                result = replace(result, exception=None)
        out.append(result)
    return out


def _pool(extractor: Extractor, n_process: int) -> ProcessPoolExecutor:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(n_process, context, initializer=_init, initargs=(extractor,))
    context = multiprocessing.get_context("spawn")
    spawn_args = (type(extractor), extractor.model, extractor.rules)
    return ProcessPoolExecutor(n_process, context, initializer=_init, initargs=(spawn_args,))


def extract_parallel(
    extractor: Extractor,
    docs: Iterable[Item],
    *,
    batch_size: int,
    n_process: int,
    encounters: bool = False,
) -> Iterator[Outcome]:
    """Yield one record or failure per item of ``docs``, in order, extracted by
    ``n_process`` worker processes (see the module docstring).

    Args:
        extractor: the loaded Extractor (forked into the workers on Linux; elsewhere its
            ``model`` is loaded in each).
        docs: Documents, or failures to pass through in their place.
        batch_size: documents per chunk sent to a worker (and per spaCy batch).
        n_process: worker processes (2 or more).
        encounters: True: a list of records (one per encounter) per item.

    Raises:
        BrokenProcessPool: a worker died.
        Exception: what a non-diplex pipeline component raised in a worker.
    """
    source = iter(docs)
    head = list(islice(source, max(PARALLEL_MIN_DOCS, n_process * batch_size) + 1))
    if len(head) < PARALLEL_MIN_DOCS:
        yield from extractor.extract_batches(head, batch_size=batch_size,
                                             encounters=encounters)
        return
    size = batch_size
    if len(head) <= n_process * batch_size:  # the whole input: one chunk per worker
        size = -(-len(head) // n_process)
    items = chain(head, source)
    pool = _pool(extractor, n_process)
    pending: deque[Future[list[Outcome]]] = deque()
    index = 0
    try:
        while True:
            chunk = list(islice(items, size))
            if not chunk:
                break
            if index == 0:
                gc.freeze()  # the workers are forked at the first submit
                try:
                    pending.append(pool.submit(_work, chunk, index, batch_size, encounters))
                finally:
                    gc.unfreeze()
            else:
                pending.append(pool.submit(_work, chunk, index, batch_size, encounters))
            index += len(chunk)
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["PARALLEL_MIN_DOCS", "extract_parallel"]
