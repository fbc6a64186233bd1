"""Behaviour stays: the records of the dev corpus and the samples equal a stored snapshot.

``tests/data/snapshot/dev_records.jsonl`` holds diplex's records of every release in the
dev corpus, as ``diplex extract`` wrote them when the snapshot was last taken. A change to
the rules or code that alters any record fails here; where the change is on purpose (a rule
fixed), take the snapshot again and name the difference in the commit message::

    diplex extract ../shared/corpus/dev -o tests/data/snapshot/dev_records.jsonl

The samples (copies of dev releases, shipped with the package) are compared in every
clone; the whole corpus where ``../shared`` is present (CI).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT_FILE = ROOT / "tests" / "data" / "snapshot" / "dev_records.jsonl"
SNAPSHOT = {
    r["doc_id"]: r for r in map(json.loads, SNAPSHOT_FILE.read_text(encoding="utf-8").splitlines())
}


def _differences(extractor, files: list[Path]) -> list[str]:
    out = []
    for file in files:
        record = extractor.extract(file.read_bytes(), doc_id=file.stem).model_dump(
            mode="json", exclude_none=False)
        want = SNAPSHOT[file.stem]
        keys = sorted(k for k in set(record) | set(want) if record.get(k) != want.get(k))
        if keys:
            out.append(f"{file.stem}: {', '.join(keys)}")
    return out


def test_the_samples_records_equal_the_snapshot(extractor) -> None:
    files = sorted((ROOT / "samples").glob("*.txt"))
    assert len(files) >= 5 and all(f.stem in SNAPSHOT for f in files)
    assert _differences(extractor, files) == []


def test_the_dev_corpus_records_equal_the_snapshot(extractor, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert {f.stem for f in files} == set(SNAPSHOT), "the snapshot covers the whole corpus"
    assert _differences(extractor, files) == []


def test_the_snapshot_holds_real_records() -> None:
    assert len(SNAPSHOT) >= 60
    with_officials = [r for r in SNAPSHOT.values() if r["officials"]]
    assert len(with_officials) >= 55
    assert any(e.get("rule_row") for r in SNAPSHOT.values() for e in r["evidence"])
