"""Scale out on Dask: map the extractor over a ``dask.bag`` or stream a dump through a
Dask cluster.

Dask is optional (``pip install 'diplex[dask]'``): importing diplex never imports it, and
the functions here raise an ImportError saying what to install when it is missing.

Each worker process loads the pipeline once: :func:`get_extractor` keeps one
:class:`~diplex.Extractor` per model name in a module-level cache of the worker process,
and the tasks (:func:`extract_chunk`, one per bag partition or chunk of documents) reuse it.

>>> import dask.bag as db                                            # doctest: +SKIP
>>> from diplex.io import iter_documents
>>> from diplex.scale import extract_bag
>>> bag = db.from_sequence(list(iter_documents(["dump/"])), npartitions=8)
>>> results = extract_bag(bag).compute()   # MeetingRecord / ErrorEntry, in bag order
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .document import Document
from .io.readers import InputItem, ReadError, SourceDoc
from .pipeline import DEFAULT_MODEL
from .results import ErrorEntry, Result, entry_from_exception, entry_from_read, extract_ordered

if TYPE_CHECKING:
    from .extractor import Extractor

_EXTRACTORS: dict[str, Extractor] = {}
"""Per-process cache: model name -> loaded Extractor (one pipeline load per worker)."""

_MISSING = "the Dask engine needs dask and distributed: pip install 'diplex[dask]'"


def require_dask() -> None:
    """Check that ``dask.bag`` and ``distributed`` can be imported.

    Raises:
        ImportError: with the install command, where they cannot.
    """
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ImportError(_MISSING) from exc


def get_extractor(model: str = DEFAULT_MODEL) -> Extractor:
    """Return this process's Extractor for ``model``, loading it on first use.

    Raises:
        ModelNotFoundError: the model is not installed (on this worker).
    """
    extractor = _EXTRACTORS.get(model)
    if extractor is None:
        from .extractor import Extractor

        extractor = _EXTRACTORS[model] = Extractor(model)
    return extractor


def _as_item(obj: Any, index: int) -> InputItem:
    """Accept SourceDoc/ReadError, Document, ``(text, doc_id)``, dict or text as bag item."""
    if isinstance(obj, SourceDoc | ReadError):
        return obj
    if isinstance(obj, Document):
        return SourceDoc(
            obj.doc_id or "", "", None, obj.text, obj.release_date, obj.publisher
        )
    if isinstance(obj, dict):
        return SourceDoc(
            str(obj.get("doc_id") or ""),
            str(obj.get("source") or ""),
            obj.get("line"),
            obj.get("text") or "",
            obj.get("release_date"),
            obj.get("publisher"),
        )
    if isinstance(obj, tuple) and len(obj) == 2:
        return SourceDoc(str(obj[1] or ""), "", None, obj[0])
    if isinstance(obj, str | bytes):
        return SourceDoc("", "", None, obj)
    return ReadError(
        "", "", index, "InputError", f"cannot read a {type(obj).__name__} as a document"
    )


def extract_chunk(
    items: Iterable[Any], model: str = DEFAULT_MODEL, batch_size: int = 64
) -> list[Result]:
    """Extract a chunk of documents with this process's cached pipeline (a Dask task).

    Args:
        items: SourceDoc/ReadError items, Documents, ``(text, doc_id)`` pairs, dicts with
            ``text``/``doc_id``/``release_date``/``publisher`` keys, or texts.
        model: the base spaCy pipeline.
        batch_size: documents per spaCy batch.

    Returns:
        One MeetingRecord or ErrorEntry per item, in order.
    """
    prepared = [_as_item(obj, i) for i, obj in enumerate(items)]
    return list(extract_ordered(prepared, get_extractor(model), batch_size=batch_size))


def extract_bag(bag: Any, model: str = DEFAULT_MODEL, batch_size: int = 64) -> Any:
    """Map the extractor over a ``dask.bag.Bag`` of documents, partition by partition.

    Args:
        bag: a Bag of documents (any item form :func:`extract_chunk` takes).
        model: the base spaCy pipeline, loaded once per worker process.
        batch_size: documents per spaCy batch.

    Returns:
        A lazy Bag of MeetingRecord / :class:`~diplex.batch.ErrorEntry`, one per item, in
        the input's order.

    Raises:
        ImportError: Dask is not installed.
    """
    require_dask()
    return bag.map_partitions(extract_chunk, model=model, batch_size=batch_size)


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    chunk: list[InputItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(chunk: list[InputItem], future: Any) -> Iterator[Result]:
    """Yield a finished task's results; a failed task (a worker died) turns each of its
    documents into an error entry."""
    try:
        results: list[Result] = future.result()
        if len(results) != len(chunk):
            raise RuntimeError(f"task returned {len(results)} results for {len(chunk)} documents")
    except Exception as exc:  # noqa: BLE001 - the chunk's documents become error entries
        for item in chunk:
            if isinstance(item, ReadError):
                yield entry_from_read(item)
            else:
                yield entry_from_exception(item, exc)
        return
    yield from results


def extract_distributed(
    items: Iterable[InputItem],
    *,
    model: str = DEFAULT_MODEL,
    scheduler: str | None = None,
    workers: int = 1,
    batch_size: int = 64,
    max_in_flight: int | None = None,
) -> Iterator[Result]:
    """Stream documents through a Dask cluster; yield results in input order.

    Documents are sent in chunks of ``batch_size`` as tasks (:func:`extract_chunk`); at
    most ``max_in_flight`` chunks are out at once, so memory stays flat however long the
    stream.

    Args:
        items: documents and read errors (:func:`diplex.io.readers.iter_documents`).
        model: the base spaCy pipeline, loaded once per worker.
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a
            local cluster of ``workers`` processes (one thread each) on 127.0.0.1.
        workers: local cluster size (ignored with ``scheduler``).
        batch_size: documents per task.
        max_in_flight: chunks out at once (default: 2 per worker, plus 2).

    Yields:
        MeetingRecord or ErrorEntry, one per item, in input order.

    Raises:
        ImportError: Dask is not installed.
        OSError: the scheduler cannot be reached.
    """
    require_dask()
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = max_in_flight or 2 * n_workers + 2
        in_flight: deque[tuple[list[InputItem], Any]] = deque()
        for chunk in _chunks(items, max(1, batch_size)):
            future = client.submit(extract_chunk, chunk, model, batch_size, pure=False)
            in_flight.append((chunk, future))
            while len(in_flight) >= limit:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = [
    "ErrorEntry",
    "extract_bag",
    "extract_chunk",
    "extract_distributed",
    "get_extractor",
    "require_dask",
]
