"""The handed cases (``../shared/cases/handed-*.jsonl``): small releases that tools of this
kind are known to get wrong, each with the values diplex must return (format in that
folder's README). Each case runs as its own test; the cases' kinds are covered further by
the component tests (``test_datetimes.py``, ``test_countries.py``, ``test_officials.py``...).
Skips where ``../shared`` is absent (a fresh clone).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED

SCALARS = ("meeting_type", "date", "start_time", "end_time", "duration_minutes", "location")


def _cases() -> list[dict]:
    folder = SHARED / "cases"
    out: list[dict] = []
    for path in sorted(folder.glob("handed-*.jsonl")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


CASES = _cases()


@pytest.mark.parametrize("case", CASES or [None], ids=[c["id"] for c in CASES] or ["none"])
def test_handed_case(case, extractor, shared_dir: Path):
    if case is None:
        pytest.skip("no handed cases found under ../shared/cases")
    record = extractor.extract(case["text"], doc_id=case["id"],
                               publisher=case.get("publisher"),
                               release_date=case.get("release_date"))
    expect = case["expect"]
    for field in SCALARS + ("release_date",):
        if field in expect:
            assert getattr(record, field) == expect[field], f"{case['id']}: {field}"
    if "officials" in expect:
        got = [[o.family_name, o.country] for o in record.officials]
        assert got == expect["officials"], case["id"]
    for role, key in (("participant", "participants"), ("mentioned", "mentioned")):
        if key in expect:
            got_codes = sorted(c.code for c in record.countries if c.role == role)
            assert got_codes == expect[key], f"{case['id']}: {key}"
