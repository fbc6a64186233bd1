"""Tests of the ``diplex_topics`` component (base pipeline + this component only).

The releases below are written for these tests in the styles of the corpus publishers
(Japan's MOFA, the US State Department, China's MFA, Singapore's MFA); they are not corpus
documents. The corpus test measures topic F1 with the corpus soft match.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplex.components.topics import TopicsComponent, topic_values
from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    return make_nlp("diplex_topics")


def topics(nlp, text: str) -> list[str]:
    return topic_values(nlp(text))


JPN_STYLE = """Press Releases

Japan-Chile Foreign Ministers' Meeting

March 4, 2024

On March 4, commencing at 4:10 p.m. for approximately 40 minutes, Mr. SATO Ken, Minister for \
Foreign Affairs of Japan, held a meeting with H.E. Ms. Laura Vidal, Minister of Foreign Affairs \
of the Republic of Chile. The overview of the meeting is as follows.

  1. Minister Sato stated that Japan-Chile relations have developed steadily. The two \
Ministers confirmed that they would further strengthen cooperation in the areas of critical \
minerals, renewable energy and disaster risk reduction.
  2. The two Ministers also exchanged views on regional affairs, including the situation in \
the Middle East and the Russian aggression against Ukraine.

Back to Press Releases"""

USA_STYLE = """Secretary Doe's Call with Kenyan Foreign Minister Otieno

Office of the Spokesperson

Secretary of State Jane Doe spoke today with Kenyan Foreign Minister Peter Otieno. The \
Secretary and Foreign Minister discussed the humanitarian crisis in Sudan, food security in the \
Horn of Africa, and the upcoming Summit of the Future. Secretary Doe underscored the importance \
of the U.S.-Kenya Strategic Partnership."""

CHN_STYLE = """Wang Hua Meets with Foreign Minister Ana Costa of Brazil

On May 10, 2023, Foreign Minister Wang Hua met with Foreign Minister Ana Costa of Brazil in \
Beijing. Wang Hua said that China-Brazil relations have maintained sound momentum. The two sides \
also talked about climate change and the reform of the global governance system."""

SGP_STYLE = """Minister Tan Wei's Meeting with Indonesian Foreign Minister Sari Putri

Minister Tan and Foreign Minister Sari had a warm and productive meeting. They touched upon \
cooperation in the digital economy, green energy and the Nusantara capital city project. They \
also shared views on regional developments, such as the situation in Myanmar."""


def test_mofa_style_release(nlp):
    assert topics(nlp, JPN_STYLE) == [
        "Japan-Chile relations",
        "critical minerals",
        "renewable energy",
        "disaster risk reduction",
        "regional affairs",
        "situation in the Middle East",
        "Russian aggression against Ukraine",
    ]


def test_state_department_style_release(nlp):
    # an enumeration the parser reads as an apposition is still split into its items
    assert topics(nlp, USA_STYLE) == [
        "humanitarian crisis in Sudan",
        "food security in the Horn of Africa",
        "upcoming Summit of the Future",
        "U.S.-Kenya Strategic Partnership",
    ]


def test_mfa_china_style_release(nlp):
    assert topics(nlp, CHN_STYLE) == [
        "China-Brazil relations",
        "climate change",
        "reform of the global governance system",
    ]


def test_singapore_style_release(nlp):
    found = topics(nlp, SGP_STYLE)
    assert found[:3] == ["digital economy", "green energy", "Nusantara capital city project"]
    assert "situation in Myanmar" in found
    assert "regional developments" in found


def test_spans_carry_rule_confidence_and_trimmed_value(nlp):
    doc = nlp("The two ministers discussed the Iran nuclear deal and their joint efforts.")
    found = spans(doc, "TOPIC")
    assert [s._.diplex_value for s in found] == ["Iran nuclear deal", "joint efforts"]
    assert found[0].text == "Iran nuclear deal"  # leading "the" trimmed from the span
    assert found[0]._.diplex_rule == "topic.discuss"
    assert 0.0 < found[0]._.diplex_confidence <= 1.0


def test_fixed_multiword_name_with_acronym_is_one_topic(nlp):
    text = (
        "The Minister proposed closer cooperation in priority areas, including cyber, "
        "maritime security, and Women, Peace and Security (WPS)."
    )
    assert topics(nlp, text)[-3:] == [
        "cyber",
        "maritime security",
        "Women, Peace and Security (WPS)",
    ]


def test_coordination_is_split(nlp):
    text = (
        "The two leaders exchanged views on the Korean Peninsula, the South China Sea "
        "and the reform of the United Nations Security Council."
    )
    assert topics(nlp, text) == [
        "Korean Peninsula",
        "South China Sea",
        "reform of the United Nations Security Council",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Minister congratulated Mr. Smith on his appointment as Foreign Secretary.",
        "She expressed gratitude for the warm hospitality extended to the delegation.",
        "He thanked the Ambassador for his kind words.",
        "Foreign Minister Lee offered his condolences on the passing of the former President.",
        "The Minister visited Ukraine last week.",
        "Japan-Kenya Relations",  # a site section header, not a sentence
    ],
)
def test_near_misses_yield_no_topic(nlp, text):
    assert topics(nlp, text) == []


def test_bare_country_only_as_a_discussed_situation(nlp):
    assert topics(nlp, "The ministers shared views on Afghanistan and Myanmar.") == [
        "Afghanistan",
        "Myanmar",
    ]
    # a country named inside a topic stays in its phrase, not alone
    assert topics(nlp, "They reaffirmed cooperation with Canada.") == ["cooperation with Canada"]


def test_lone_place_already_in_a_topic_is_dropped(nlp):
    text = "As for Syria, the ministers discussed the Syrian crisis and the situation in Yemen."
    assert topics(nlp, text) == ["Syrian crisis", "situation in Yemen"]


def test_assets_round_trip(nlp, tmp_path):
    component = nlp.get_pipe("diplex_topics")
    assert isinstance(component, TopicsComponent)
    component.to_disk(tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == set(TopicsComponent.asset_names)
    for name in names:
        first = json.loads((tmp_path / name).read_text(encoding="utf-8").splitlines()[0])
        assert "_source" in first and "_description" in first
    reloaded = component.from_disk(tmp_path)
    assert topics(nlp, USA_STYLE)[0] == "humanitarian crisis in Sudan"
    assert reloaded.assets_folder == Path(tmp_path)


def test_bad_cue_pattern_is_a_clear_error(make_nlp, tmp_path):
    nlp = make_nlp()
    component = nlp.add_pipe("diplex_topics")
    component.to_disk(tmp_path)
    (tmp_path / "topic_cues.jsonl").write_text(
        '{"id": "broken", "pattern": [{"NOT_AN_ATTR": 1}], "confidence": 0.5}\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"topic_cues\.jsonl:1: pattern: .*not a spaCy token "
                                         r"pattern.*NOT_AN_ATTR"):
        component.from_disk(tmp_path)


def test_dev_corpus_topic_f1(nlp, corpus_dir):
    from diplex.scoring import match_topics

    matched = predicted = gold_total = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["topics"] or []
        pred = topics(nlp, path.read_text(encoding="utf-8"))
        matched += len(match_topics(pred, gold))
        predicted += len(pred)
        gold_total += len(gold)
    precision = matched / predicted
    recall = matched / gold_total
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.55, f"topic P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def test_cue_matches_equal_a_matcher_of_every_cue(nlp):
    """Each sentence is matched only with the cues that can start with one of its words;
    the matches, and their order, are those of one Matcher holding every cue."""
    from spacy.matcher import Matcher

    component = nlp.get_pipe("diplex_topics")
    every = Matcher(nlp.vocab, validate=False)
    for cue_id, patterns, _ in component._cue_rows:
        every.add(cue_id, patterns)
    samples = Path(__file__).resolve().parent.parent / "samples"
    texts = [f.read_text(encoding="utf-8") for f in sorted(samples.glob("*.txt"))]
    texts += [
        "They exchanged views on the situation in the Middle East and discussed trade.",
        "Views were also exchanged on regional issues, including North Korea.",
        "Turning to bilateral relations, the two ministers agreed to strengthen cooperation.",
        "On climate change, they talked about the need for an exchange of views on Ukraine.",
    ]
    compared = 0
    for doc in nlp.pipe(texts):
        expected = [(m, sent.start + s, sent.start + e)
                    for sent in doc.sents for m, s, e in every(sent)]
        assert component._cue_matches(doc) == expected
        compared += len(expected)
    assert compared > 20
