"""The behavioural suite (``tests/behaviour``, in the manner of CheckList, Ribeiro et al.,
ACL 2020): releases generated from templates and lexicons across nine kinds of input.

The tests check that the generator is deterministic and well formed, and that diplex passes
the whole suite (2,757 releases, about 40 s) at :data:`TARGET` or more in every kind;
``pytest -m heavy`` runs it on two more seeds (fresh draws of the same templates and
lexicons). The full report: ``python -m tests.behaviour.report [--kind K] [--failures N]
[--seed S]``.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from behaviour.generate import KINDS, generate, sample
from behaviour.run import rates, run

SEED = 2020

TARGET = 0.97
"""The pass rate every kind must reach (issue #9), on the suite's own seed and on fresh
draws of the generator (other seeds)."""


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


@pytest.mark.parametrize(
    "seed", [SEED, pytest.param(7, marks=pytest.mark.heavy), pytest.param(2021,
                                                                          marks=pytest.mark.heavy)])
def test_every_kind_passes_at_the_target(seed, cases, extractor) -> None:
    results = run(cases if seed == SEED else generate(seed), extractor)
    got = {k: p / n for k, (p, n) in rates(results, "kind").items()}
    assert set(got) == set(KINDS)
    low = {k: round(v, 3) for k, v in got.items() if v < TARGET}
    assert not low, f"kinds below {TARGET}: {low}"
