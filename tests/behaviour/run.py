"""Running generated cases through diplex (one Extractor, ``Extractor.pipe``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .check import outcomes


def run(cases: list[dict[str, Any]], extractor: Any = None,
        batch_size: int = 64) -> list[dict[str, Any]]:
    """Extract every case's record and judge it.

    Args:
        cases: generated cases (:func:`tests.behaviour.generate.generate`).
        extractor: a ``diplex.Extractor`` (one is built where None).
        batch_size: documents per spaCy batch.

    Returns:
        The outcomes (:func:`tests.behaviour.check.outcomes`), in case order.
    """
    from diplex import Extractor
    from diplex.document import Document

    extractor = extractor or Extractor()
    docs = [Document(text=c["text"], doc_id=c["id"], publisher=c.get("publisher"),
                     release_date=c.get("release_date")) for c in cases]
    records = list(extractor.pipe(docs, batch_size=batch_size, errors="return"))
    return outcomes(cases, records)


def rates(results: list[dict[str, Any]], by: str) -> dict[str, tuple[int, int]]:
    """``{value of by: (passed, total)}`` over the outcomes (``by``: kind, family, test)."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        key = r[by] if by != "family" else f"{r['kind']}/{r['family']}"
        table[key][0] += r["passed"]
        table[key][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}
