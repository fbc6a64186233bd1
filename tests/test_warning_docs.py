"""Every warning code diplex emits is documented in ``docs/warnings.md`` (and nothing there is
stale): the codes are read from the source, where warnings are made."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "diplex"


def _emitted() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(re.findall(r"\b_?warn\(\s*\"([a-z0-9_]+)\"", text))
    dates = (SRC / "normalise" / "datetimes.py").read_text(encoding="utf-8")
    codes.update(re.findall(r"\(\s*\"([a-z0-9_]+)\",\s*f?\"", dates))  # ResolvedDate warnings
    return codes


def _documented() -> set[str]:
    doc = (REPO / "docs" / "warnings.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z0-9_]+)` \|", doc, re.M))


def test_every_emitted_code_is_documented() -> None:
    emitted = _emitted()
    assert {"announced", "country_from_title", "date_from_dateline"} <= emitted
    assert emitted - _documented() == set()


def test_no_documented_code_is_stale() -> None:
    assert _documented() - _emitted() == set()
