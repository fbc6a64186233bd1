"""Readers and writers of release dumps (see :mod:`diplex.io.readers` and
:mod:`diplex.io.writers`). Neither sees spaCy objects: readers yield documents, writers take
:class:`~diplex.record.MeetingRecord`\\ s."""

from .readers import (
    InputItem,
    InputNotFound,
    ReaderOptions,
    ReadError,
    SourceDoc,
    count_documents,
    iter_documents,
)
from .writers import (
    FORMATS,
    TABLES,
    Format,
    OutputError,
    default_errors_path,
    flatten,
    infer_format,
    open_writer,
)

__all__ = [
    "FORMATS",
    "TABLES",
    "Format",
    "InputItem",
    "InputNotFound",
    "OutputError",
    "ReadError",
    "ReaderOptions",
    "SourceDoc",
    "count_documents",
    "default_errors_path",
    "flatten",
    "infer_format",
    "iter_documents",
    "open_writer",
]
