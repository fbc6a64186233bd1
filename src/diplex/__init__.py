"""diplex: structured meeting records from diplomatic press releases.

>>> import diplex
>>> record = diplex.extract(text, release_date="2023-12-11")   # doctest: +SKIP
>>> record.meeting_type, record.date, record.officials[0].family_name  # doctest: +SKIP

Public surface: :func:`extract`, :func:`extract_encounters` (one record per encounter of
a release that reports several), :class:`Extractor`, :class:`MeetingRecord` and its parts,
:class:`Document`, and the exception types in :mod:`diplex.errors`.
"""

from .document import Document
from .errors import DiplexError, ExtractionError, InputError, ModelNotFoundError
from .events.link import link
from .extractor import ExtractionFailure, Extractor, extract, extract_encounters
from .record import (
    CountryRef,
    Evidence,
    ExtractionWarning,
    MeetingRecord,
    Official,
    OrganisationRef,
)
from .scoring import evaluate

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
