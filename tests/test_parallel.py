"""``Extractor.pipe`` in worker processes and in memory zones gives the records of one
process, in input order, failures in their places."""

from __future__ import annotations

import diplex.extractor as extractor_module
from diplex import Document, ExtractionFailure
from diplex.parallel import PARALLEL_MIN_DOCS

RELEASE = (
    "Press Releases\nJapan-Peru Foreign Ministers' Meeting\nMay 12, 2024\n"
    "On May 12, Mr. OTA Kenji, Minister for Foreign Affairs of Japan, held a meeting with "
    "H.E. Mr. Luis Vega, Minister of Foreign Affairs of the Republic of Peru.\n"
)


def _items() -> list[Document]:
    docs = [Document(RELEASE.replace("Peru", f"Peru {k}"), doc_id=f"d{k}")
            for k in range(PARALLEL_MIN_DOCS + 8)]
    docs[5] = Document(RELEASE, doc_id="bad", release_date="not-a-date")
    return docs


def _dump(results) -> list[str]:
    return [r.doc_id if isinstance(r, ExtractionFailure) else r.model_dump_json()
            for r in results]


def test_two_processes_give_the_records_of_one(extractor):
    serial = _dump(extractor.pipe(_items(), batch_size=8, errors="return"))
    parallel = _dump(extractor.pipe(_items(), batch_size=8, n_process=2, errors="return"))
    assert parallel == serial
    assert serial[5] == "bad" and len(serial) == PARALLEL_MIN_DOCS + 8


def test_memory_zones_give_the_records_outside_them(extractor, monkeypatch):
    outside = _dump(extractor.pipe(_items(), batch_size=8, errors="return"))
    monkeypatch.setattr(extractor_module, "WARM_DOCS", 0)
    monkeypatch.setattr(extractor, "_warmed", 0)
    inside = _dump(extractor.pipe(_items(), batch_size=8, errors="return"))
    assert inside == outside
