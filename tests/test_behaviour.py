"""The behavioural suite (``tests/behaviour``, in the manner of CheckList, Ribeiro et al.,
ACL 2020): releases generated from templates and lexicons across nine kinds of input.

The fast tests check that the generator is deterministic and well formed and run a small
deterministic sample; ``pytest -m heavy`` runs the whole suite. The pass-rate floors below
are a ratchet: the rates measured when the suite was written (diplex unchanged), to be
raised toward the 0.97 target as diplex improves, never lowered. The full report:
``python -m tests.behaviour.report [--kind K] [--failures N]``.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from behaviour.generate import KINDS, generate, sample
from behaviour.run import rates, run

SEED = 2020

SAMPLE_FLOORS: dict[str, float] = {
    # measured 2026-12-07 on sample(generate(2020), 60), rounded down: a ratchet toward
    # 0.97 (6 or 7 cases a kind: one case is 0.14 to 0.17 of a kind's rate)
    "publisher": 0.85,
    "structure": 1.0,
    "release_date": 1.0,
    "meeting_form": 0.85,
    "state_lists": 0.71,
    "times": 1.0,
    "names": 1.0,
    "locations": 0.83,
    "announcements": 0.66,
}

FULL_FLOORS: dict[str, float] = {
    # measured 2026-12-07 on the full generate(2020), 2,757 cases (MFT, INV and DIR together),
    # rounded down: a ratchet toward 0.97
    "publisher": 0.95,
    "structure": 0.98,
    "release_date": 0.99,
    "meeting_form": 0.97,
    "state_lists": 0.8,
    "times": 0.99,
    "names": 0.93,
    "locations": 0.94,
    "announcements": 0.9,
}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return generate(SEED)


def test_generator_is_deterministic(cases) -> None:
    again = generate(SEED)
    assert json.dumps(again, sort_keys=True) == json.dumps(cases, sort_keys=True)
    assert generate(SEED + 1) != cases


def test_generator_is_well_formed(cases) -> None:
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    assert len(cases) >= 2000
    assert {c["kind"] for c in cases} == set(KINDS)
    assert {c["test"] for c in cases} == {"MFT", "INV", "DIR"}
    by_id = {c["id"]: c for c in cases}
    for case in cases:
        assert set(case) <= {"id", "kind", "family", "test", "text", "publisher",
                             "release_date", "expect", "group"}
        assert case["text"].strip() and case["expect"]
        if case["test"] == "INV":
            assert by_id[case["group"]]["test"] == "MFT"
        officials = case["expect"].get("officials") or []
        families = [o[0].casefold() for o in officials]
        assert len(families) == len(set(families)), case["id"]  # never one name for two sides
        states = [o[1] for o in officials if o[1] is not None]
        assert len(states) == len(set(states)), case["id"]  # never one state for two sides
        assert not set(case["expect"].get("participants", [])) & set(
            case["expect"].get("mentioned", [])), case["id"]


def test_sample_is_deterministic_and_covers_every_kind(cases) -> None:
    picked = sample(cases, 60)
    assert [c["id"] for c in picked] == [c["id"] for c in sample(generate(SEED), 60)]
    assert len(picked) == 60
    assert Counter(c["kind"] for c in picked).keys() == set(KINDS)


def test_sample_pass_rates_hold_the_floor(cases, extractor) -> None:
    results = run(sample(cases, 60), extractor)
    got = {k: p / n for k, (p, n) in rates(results, "kind").items()}
    low = {k: round(v, 3) for k, v in got.items() if v < SAMPLE_FLOORS[k]}
    assert not low, f"per-kind pass rate fell below its floor: {low}"


@pytest.mark.heavy
def test_full_suite_pass_rates_hold_the_floor(cases, extractor) -> None:
    results = run(cases, extractor)
    got = {k: p / n for k, (p, n) in rates(results, "kind").items()}
    low = {k: round(v, 3) for k, v in got.items() if v < FULL_FLOORS[k]}
    assert not low, f"per-kind pass rate fell below its floor: {low}"
