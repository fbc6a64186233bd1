"""Checking a record against a generated case's expectation (see :mod:`.generate`)."""

from __future__ import annotations

import unicodedata
from typing import Any

SCALARS = ("meeting_type", "date", "start_time", "end_time", "duration_minutes",
           "release_date")


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _same_person(family_name: str, official: Any) -> bool:
    """The corpus's matching of officials: equal family names (folded), or the family
    name a token of the predicted name (a directional copy drops the state that settles
    a name's order, so the order is not what it tests)."""
    fam = _fold(family_name)
    return fam == _fold(official.family_name) or fam in (_fold(official.name) or "").split()


def check(case: dict[str, Any], record: Any) -> dict[str, tuple[bool, Any, Any]]:
    """Compare a record with a case's ``expect``.

    Args:
        case: a generated case.
        record: the MeetingRecord diplex returned for it (or an ExtractionFailure).

    Returns:
        ``{key: (passed, expected, got)}`` for every key of ``expect``.
    """
    expect = case["expect"]
    out: dict[str, tuple[bool, Any, Any]] = {}
    if not hasattr(record, "officials"):  # an ExtractionFailure
        return {key: (False, want, f"failure: {record!r}") for key, want in expect.items()}
    codes = {w.code for w in record.warnings}
    for key, want in expect.items():
        got: Any
        if key in SCALARS:
            got = getattr(record, key)
            ok = got == want
        elif key == "location":
            got = record.location
            ok = _fold(got) == _fold(want)
        elif key == "officials":
            got = [[o.family_name, o.country] for o in record.officials]
            ok = got == want
        elif key in ("participants", "mentioned"):
            role = "participant" if key == "participants" else "mentioned"
            got = sorted(c.code for c in record.countries if c.role == role)
            ok = got == want
        elif key == "warnings_include":
            got = sorted(codes)
            ok = all(code in codes for code in want)
        elif key == "warnings_exclude":
            got = sorted(codes)
            ok = not any(code in codes for code in want)
        elif key == "warnings_any":
            got = sorted(codes)
            ok = any(code in codes for code in want)
        elif key == "officials_country_in":
            got = [[o.family_name, o.country] for o in record.officials]
            ok = all(any(_same_person(fam, o) and o.country in allowed
                         for o in record.officials) for fam, allowed in want)
        else:
            raise KeyError(f"{case['id']}: unknown expect key {key!r}")
        out[key] = (ok, want, got)
    return out


def signature(result: dict[str, tuple[bool, Any, Any]]) -> tuple[tuple[str, bool], ...]:
    """The record's structure as an invariance test compares it: which expected keys held."""
    return tuple(sorted((key, ok) for key, (ok, _, _) in result.items()))


def outcomes(cases: list[dict[str, Any]], records: list[Any]) -> list[dict[str, Any]]:
    """Judge every case: MFT and DIR cases pass when every expected key holds; an INV case
    passes when its record has its group's MFT case's signature (the same keys hold and
    the same fail), whatever that is.

    Args:
        cases: the cases, in order.
        records: diplex's record for each case, in the same order.

    Returns:
        One dict per case: ``id``, ``kind``, ``family``, ``test``, ``passed``, ``result``
        (see :func:`check`) and ``failed`` (the keys that did not hold).
    """
    results = [check(c, r) for c, r in zip(cases, records, strict=True)]
    base = {c["id"]: signature(res) for c, res in zip(cases, results, strict=True)
            if c["test"] == "MFT"}
    out = []
    for case, res in zip(cases, results, strict=True):
        failed = [key for key, (ok, _, _) in res.items() if not ok]
        if case["test"] == "INV":
            passed = signature(res) == base[case["group"]]
        else:
            passed = not failed
        out.append({"id": case["id"], "kind": case["kind"], "family": case["family"],
                    "test": case["test"], "passed": passed, "result": res, "failed": failed})
    return out
