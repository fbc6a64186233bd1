"""diplex: structured meeting records from diplomatic press releases.

>>> import diplex
>>> record = diplex.extract(text, release_date="2023-12-11")   # doctest: +SKIP
>>> record.meeting_type, record.date, record.officials[0].family_name  # doctest: +SKIP

Public surface: :func:`extract`, :func:`extract_encounters` (one record per encounter of
a release that reports several), :class:`Extractor`, :class:`MeetingRecord` and its parts,
:class:`Document`, and the exception types in :mod:`diplex.errors`.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import DiplexError, ExtractionError, InputError, ModelNotFoundError
from .record import (
    CountryRef,
    Evidence,
    ExtractionWarning,
    MeetingRecord,
    Official,
    OrganisationRef,
)

if TYPE_CHECKING:
    from .document import Document
    from .events.link import link
    from .extractor import ExtractionFailure, Extractor, extract, extract_encounters
    from .scoring import evaluate

_LAZY: dict[str, str] = {
    "Document": ".document",
    "ExtractionFailure": ".extractor",
    "Extractor": ".extractor",
    "extract": ".extractor",
    "extract_encounters": ".extractor",
    "link": ".events.link",
    "evaluate": ".scoring",
}
"""Names whose modules load spaCy or the rule tables: imported on first use (PEP 562), so
that ``import diplex.record`` (the record contract) stays light."""


def __getattr__(name: str) -> Any:
    """Import a lazily exported name (see :data:`_LAZY`) on first access.

    Raises:
        AttributeError: ``name`` is not part of diplex's public surface.
    """
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'diplex' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "CountryRef",
    "DiplexError",
    "Document",
    "Evidence",
    "ExtractionError",
    "ExtractionFailure",
    "ExtractionWarning",
    "Extractor",
    "InputError",
    "MeetingRecord",
    "ModelNotFoundError",
    "Official",
    "OrganisationRef",
    "evaluate",
    "extract",
    "extract_encounters",
    "link",
]
