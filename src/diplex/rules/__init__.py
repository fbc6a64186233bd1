"""diplex's rule book: the tables in ``models/``, their declared row schemas, overlays.

- :func:`read_table`: the one reader of a rule table; every row passes its schema
  (:data:`TABLES`), a bad row is a :class:`RuleError` naming ``FILE:LINE``.
- :func:`check_folder`: what ``diplex rules check [DIR]`` runs.
- :class:`RuleBook`: the shipped folder plus a user's overlays (``Extractor(rules=DIR)``).

This package imports pydantic and the standard library only (no spaCy).
"""

from .book import RuleBook, RuleError, RuleProblem, TableReport, check_folder, read_table
from .schemas import TABLES, TableSchema

__all__ = [
    "TABLES",
    "RuleBook",
    "RuleError",
    "RuleProblem",
    "TableReport",
    "TableSchema",
    "check_folder",
    "read_table",
]
