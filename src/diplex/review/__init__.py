"""The analysts' review page (``diplex review``) and the import of its corrections as gold.

- :func:`build_page` / :func:`write_page`: one self-contained HTML page showing each record
  beside its release text with the evidence spans highlighted, for checking and correcting.
- :func:`import_gold`: the page's export (a JSON array of gold records) to a folder of
  ``<doc_id>.json`` gold files in the corpus format, as read by ``diplex eval``.
"""

from __future__ import annotations

from .gold import GoldExistsError, GoldRecord, InvalidGold, import_gold, parse_export
from .page import (
    Segment,
    build_page,
    is_plain_name,
    load_predictions,
    page_data,
    read_texts,
    safe_json_for_html,
    segment_text,
    write_page,
)

__all__ = [
    "GoldExistsError",
    "GoldRecord",
    "InvalidGold",
    "Segment",
    "build_page",
    "import_gold",
    "is_plain_name",
    "load_predictions",
    "page_data",
    "parse_export",
    "read_texts",
    "safe_json_for_html",
    "segment_text",
    "write_page",
]
