"""diplex's exception types. Every error diplex raises on purpose is a :class:`DiplexError`."""

from __future__ import annotations


class DiplexError(Exception):
    """Base class of diplex's errors."""


class ModelNotFoundError(DiplexError):
    """The named spaCy pipeline is not installed (``Extractor(model=...)``)."""


class InputError(DiplexError):
    """An input document cannot be read as text (wrong type, undecodable, unreadable file)."""


class ExtractionError(DiplexError):
    """The pipeline failed on one document; ``doc_id`` names it."""

    def __init__(self, message: str, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.doc_id = doc_id
