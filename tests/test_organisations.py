"""Tests of ``diplex_organisations`` and :mod:`diplex.normalise.organisations`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplex.normalise.organisations import load_gazetteer, organisation
from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    return make_nlp("diplex_organisations")


def found(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """(span text, acronym or name, rule) of each ORG span, in text order."""
    doc = nlp(text)
    assert doc._.diplex_error is None
    return [(s.text, s._.diplex_value["acronym"] or s._.diplex_value["name"], s._.diplex_rule)
            for s in spans(doc, "ORG")]


def keys(nlp, text: str) -> list[str | None]:
    return [k for _, k, _ in found(nlp, text)]


def test_value_shape(nlp):
    doc = nlp("Ministers met at NATO.")
    (span,) = spans(doc, "ORG")
    assert span._.diplex_value == {"name": "North Atlantic Treaty Organization", "acronym": "NATO"}
    assert span._.diplex_rule == "org.acronym"
    assert 0 < span._.diplex_confidence <= 1


def test_name_and_acronym_together_give_two_spans_of_one_value(nlp):
    doc = nlp("the North Atlantic Treaty Organization (NATO) met")
    values = [s._.diplex_value for s in spans(doc, "ORG")]
    assert [s.text for s in spans(doc, "ORG")] == ["North Atlantic Treaty Organization", "NATO"]
    assert values[0] == values[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at the UN Security Council", ["UNSC"]),
        ("the United Nations Security Council (UNSC) resolutions", ["UNSC", "UNSC"]),
        ("relevant Security Council resolutions", ["UNSC"]),
        ("on the margins of the UN General Assembly", ["UNGA"]),
        ("the United Nations (UN) General Assembly session", ["UNGA"]),
        ("Secretary-General of the United Nations", ["UN"]),
        ("the NATO Summit in Vilnius", ["NATO"]),
        ("the G7 Hiroshima Summit and the G-20 Ministerial", ["G7", "G20"]),
        ("the Group of Eight (G8)", ["G8", "G8"]),
        ("the NATO Parliamentary Assembly and the North Atlantic Council", ["NATO PA", "NAC"]),
        ("President of the European Council and the European Commission",
         ["European Council", "European Commission"]),
        ("NATO-EU cooperation and the EU-Japan EPA", ["NATO", "EU", "EU"]),
        ("ASEAN’s centrality and the ASEAN-led architecture", ["ASEAN", "ASEAN"]),
        ("the ASEAN Regional Forum (ARF) and the East Asia Summit (EAS)",
         ["ARF", "ARF", "EAS", "EAS"]),
        ("the Association of Southeast Asian Nations Regional Forum", ["ARF"]),
        ("the Commonwealth and the Five Eyes", ["Commonwealth", "Five Eyes"]),
        ("the Commonwealth Heads of Government Meeting in Samoa", ["CHOGM"]),
        ("the AUKUS partnership and the Quad", ["AUKUS", "Quad"]),
        ("the OECD Ministerial Council Meeting", ["OECD"]),
        ("the Asia-Pacific Economic Cooperation (APEC) forum", ["APEC", "APEC"]),
        ("the IAEA, the WTO, the IMF and the World Bank", ["IAEA", "WTO", "IMF", "World Bank"]),
        ("the African Union and ECOWAS", ["AU", "ECOWAS"]),
        ("the Arab League and the Gulf Cooperation Council", ["League of Arab States", "GCC"]),
        ("the Non-Proliferation and Disarmament Initiative (NPDI)", ["NPDI", "NPDI"]),
        ("the Organization of American States", ["OAS"]),
        ("the WHO said", ["WHO"]),
        ("the AU Peace and Security Council", ["PSC"]),
    ],
)
def test_organisations_found(nlp, text, expected):
    assert keys(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Ministry of Foreign Affairs and the Liberal Democratic Party",
        "the National Security Council met",
        "Secretary of the Security Council of the Russian Federation",
        "the Council decided",
        "the FIFA World Cup",
        "the NPT Review Conference and the CPTPP",
        "a price of 5 EUR and eu rules",
        "a quad bike",
        "the Commonwealth of Australia",
        "the Foreign and Commonwealth Office",
        "Secretary of State for Foreign and Commonwealth Affairs",
        "WHO WE ARE",
        "un-named sources and the un",
        "the European countries",
    ],
)
def test_near_misses_get_no_span(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("the OSCE", "OSCE"),
        ("United Nations", "UN"),
        ("the UN Security Council", "UNSC"),
        ("NATO", "NATO"),
        ("NATO's", "NATO"),
        ("the european union", "EU"),
        ("PIF", "PIF"),
    ],
)
def test_organisation_lookup(text, acronym):
    value = organisation(text)
    assert value is not None and value["acronym"] == acronym


@pytest.mark.parametrize("text", ["un", "Ministry of Foreign Affairs", "FIFA", "", "Council"])
def test_organisation_lookup_none(text):
    assert organisation(text) is None


def test_gazetteer_lines_are_complete():
    gaz = load_gazetteer()
    names = [e.name for e in gaz.entries]
    assert len(names) == len(set(names)), "duplicate organisation names"
    acronyms = [e.acronym for e in gaz.entries if e.acronym]
    assert len(acronyms) == len(set(acronyms)), "duplicate acronyms"
    by = {e.acronym or e.name: e for e in gaz.entries}
    for entry in gaz.entries:
        assert entry.kind in {"organisation", "organ", "grouping", "forum", "conference"}
        if entry.parent:
            assert entry.parent in by, f"{entry.name}: unknown parent {entry.parent}"


def test_corpus_organisation_f1(nlp, corpus_dir: Path):
    equal = {"united nations": "un", "united nations security council": "unsc",
             "united nations general assembly": "unga"}

    def ids(org: dict) -> set[str]:
        out = {str(v).casefold() for v in (org.get("name"), org.get("acronym")) if v}
        return out | {equal[x] for x in out if x in equal}

    tp = n_pred = n_gold = 0
    for txt in sorted(corpus_dir.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".json").read_text())["organisations"]
        doc = nlp(txt.read_text(encoding="utf-8"))
        pred: list[dict] = []
        for span in spans(doc, "ORG"):
            if span._.diplex_value not in pred:
                pred.append(span._.diplex_value)
        used: set[int] = set()
        for p in pred:
            for i, g in enumerate(gold):
                if i not in used and ids(p) & ids(g):
                    used.add(i)
                    tp += 1
                    break
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.8, (precision, recall, f1)
