"""The scorer (diplex.scoring): pinned on small hand-made gold/prediction pairs whose figures
are worked out by hand in the comments, plus gold scored against itself on the dev corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import diplex
from diplex import InputError, MeetingRecord
from diplex.scoring import (
    REPORT_FIELDS,
    evaluate,
    load_gold,
    load_predictions,
    match_topics,
    officials_match,
    organisations_match,
    titles_equal,
    topic_content_words,
    topic_shared_words,
)


def official(name, family, title=None, country=None, given=None):
    return {
        "name": name,
        "family_name": family,
        "given_name": given,
        "title": title,
        "country": country,
        "organisation": None,
    }


def rec(doc_id, **values):
    record = {
        "doc_id": doc_id,
        "release_date": None,
        "meeting_type": None,
        "date": None,
        "start_time": None,
        "end_time": None,
        "duration_minutes": None,
        "location": None,
        "officials": [],
        "countries": [],
        "organisations": [],
        "topics": [],
    }
    record.update(values)
    return record


def c(code, role):
    return {"code": code, "role": role}


def org(name, acronym, role):
    return {"name": name, "acronym": acronym, "role": role}


GOLD = {
    "a": rec(
        "a",
        release_date="2024-03-01",
        meeting_type="meeting",
        date="2024-03-01",
        start_time="10:00",
        duration_minutes=30,
        location="Tokyo",
        officials=[
            official("KAMIKAWA Yoko", "Kamikawa", "Minister for Foreign Affairs", "JPN"),
            official("José Manuel Albares", "Albares", "Minister of Foreign Affairs", "ESP"),
        ],
        countries=[c("JPN", "participant"), c("ESP", "participant"), c("UKR", "mentioned")],
        organisations=[
            org("United Nations", "UN", "mentioned"),
            org("European Union", "EU", "mentioned"),
        ],
        topics=[
            "Japan's relations with Spain",  # {japan, relation, spain}
            "maritime security",  # {maritime, security}
            "Russia's aggression against Ukraine",  # {russia, aggression, ukraine}
        ],
    ),
    "b": rec(
        "b",
        release_date="2024-03-05",
        meeting_type="telephone_talk",
        date="2024-03-04",
        duration_minutes=20,
        officials=[
            official("Lê Hoài Trung", "Lê", "Deputy Foreign Minister", "VNM"),
            official("Wang Yi", "Wang", "Foreign Minister", "CHN"),
        ],
        countries=[c("VNM", "participant"), c("CHN", "participant")],
        organisations=[org("Association of Southeast Asian Nations", "ASEAN", "participant")],
        topics=["South China Sea issues"],  # {south, china, sea, issue}
    ),
    "c": rec(  # no prediction at all: scored as all nulls
        "c",
        meeting_type="courtesy_call",
        date="2024-01-10",
        start_time="15:00",
        end_time="15:30",
        duration_minutes=30,
        location="Canberra",
        officials=[official("Penny Wong", "Wong", "Foreign Minister", "AUS")],
        countries=[c("AUS", "participant")],
        topics=["climate change"],
    ),
}

PRED = {
    "a": rec(
        "a",
        release_date="2024-03-01",  # right
        meeting_type="meeting",  # right
        date="2024-03-02",  # wrong
        start_time="10:00",  # right
        duration_minutes=30,  # right (end_time null == null)
        location="TOKYO",  # right: case-insensitive
        officials=[
            # family name in capitals, title only differs in case: match, title right
            official("KAMIKAWA Yoko", "KAMIKAWA", "minister for foreign affairs", "JPN"),
            # no accent in the given name; "for" instead of "of": match, title right
            official("Jose Manuel Albares", "Albares", "Minister for Foreign Affairs", "ESP"),
            official("Tanaka Ichiro", "Tanaka", "State Minister", "JPN"),  # spurious
        ],
        countries=[
            c("JPN", "participant"),  # right
            c("ESP", "mentioned"),  # wrong role
            c("UKR", "mentioned"),  # right
            c("RUS", "mentioned"),  # spurious
        ],
        organisations=[
            org("U.N.", None, "mentioned"),  # = UN only through the equivalence table
            org("United Nations", "UN", "mentioned"),  # also UN: one-to-one, so spurious
            org("European Union", "EU", "participant"),  # right organisation, wrong role
        ],
        topics=[
            "Japan-Spain relations",  # {japan, spain, relation}: 3 shared with gold 0
            "security of the maritime domain",  # {security, maritime, domain}: 2 of gold 1's 2
            "humanitarian situation in Gaza",  # nothing shared with gold 2: spurious
        ],
    ),
    "b": rec(
        "b",
        release_date=None,  # missed
        meeting_type="telephone_talk",  # right
        date="2024-03-04",  # right
        start_time="09:00",  # spurious (gold null)
        duration_minutes=20,  # right
        officials=[
            # accent stripped: matches "Lê"; the title is a different token set: wrong
            official("Le Hoai Trung", "Le", "Deputy Minister of Foreign Affairs", "VNM"),
            # no family name: gold "Wang" is a token of the name; country missing: wrong
            official("Wang Yi", "", "Foreign Minister", None),
        ],
        countries=[c("VNM", "participant"), c("CHN", "participant")],
        organisations=[],  # ASEAN missed
        topics=["issues in the South China Sea"],  # {issue, south, china, sea}: match
    ),
    "z": rec("z", date="2024-01-01", topics=["trade"]),  # no gold: ignored
}


@pytest.fixture(scope="module")
def report():
    return evaluate(GOLD, PRED)


def figures(report, name):
    row = report[name]
    return (row.precision, row.recall, row.f1, row.accuracy)


def approx(*values):
    return pytest.approx(values, abs=1e-9)


def test_documents_missing_and_extra_predictions(report):
    assert report.n_documents == 3
    assert report.missing_predictions == ["c"]
    assert report.extra_predictions == ["z"]


def test_scalar_fields(report):
    # release_date: gold a, b (c null); pred a right, b null, c null.
    # match 1, pred 1, gold 2: P 1, R 1/2, F1 2/3; acc: a, c (null == null) = 2/3
    assert figures(report, "release_date") == approx(1.0, 0.5, 2 / 3, 2 / 3)
    # meeting_type: a, b right, c missing: P 2/2, R 2/3, F1 4/5, acc 2/3
    assert figures(report, "meeting_type") == approx(1.0, 2 / 3, 0.8, 2 / 3)
    # date: a wrong, b right, c missing: match 1, pred 2, gold 3: P 1/2, R 1/3, F1 2/5, acc 1/3
    assert figures(report, "date") == approx(0.5, 1 / 3, 0.4, 1 / 3)
    # start_time: a right, b spurious, c missing: match 1, pred 2, gold 2; acc 1/3
    assert figures(report, "start_time") == approx(0.5, 0.5, 0.5, 1 / 3)
    # end_time: only c has one, missed: nothing predicted, P undefined; R 0, F1 0;
    # acc: a and b null == null = 2/3
    row = report["end_time"]
    assert row.precision is None
    assert (row.recall, row.f1, row.accuracy) == approx(0.0, 0.0, 2 / 3)
    # duration_minutes: a, b right, c missing: P 1, R 2/3, F1 4/5, acc 2/3
    assert figures(report, "duration_minutes") == approx(1.0, 2 / 3, 0.8, 2 / 3)
    # location: "TOKYO" = "Tokyo"; b null == null; c missed: P 1, R 1/2, F1 2/3, acc 2/3
    assert figures(report, "location") == approx(1.0, 0.5, 2 / 3, 2 / 3)


def test_officials(report):
    # a: 2 of 3 predicted match (Tanaka spurious); b: 2 of 2 (Lê by accent stripping, Wang by
    # the name-token fallback); c: Wong missed. match 4, pred 5, gold 5: P = R = F1 = 4/5
    row = report["officials"]
    assert (row.matched, row.predicted, row.gold) == (4, 5, 5)
    assert figures(report, "officials")[:3] == approx(0.8, 0.8, 0.8)
    # country over the 4 pairs: only Wang (CHN vs null) wrong: 3/4
    assert report["officials.country"].accuracy == pytest.approx(0.75)
    assert report["officials.country"].n == 4
    # title: Kamikawa (case), Albares ("of" vs "for"), Wang right; Lê
    # ("Deputy Foreign Minister" vs "Deputy Minister of Foreign Affairs") wrong: 3/4
    assert report["officials.title"].accuracy == pytest.approx(0.75)
    assert report["officials.title"].precision is None


def test_countries(report):
    # (code, role): a match 2 (JPN-p, UKR-m) of pred 4, gold 3; b 2/2/2; c 0/0/1
    # -> match 4, pred 6, gold 6: 2/3 each
    assert figures(report, "countries")[:3] == approx(2 / 3, 2 / 3, 2 / 3)
    # codes whatever the role: a 3 (JPN, ESP, UKR)/4/3; b 2/2/2; c 0/0/1 -> 5/6 each
    assert figures(report, "countries.any_role")[:3] == approx(5 / 6, 5 / 6, 5 / 6)
    # participants: a JPN only (pred 1, gold 2); b 2/2/2; c 0/0/1 -> match 3, pred 3, gold 5
    # P 1, R 3/5, F1 6/8
    assert figures(report, "countries.participant")[:3] == approx(1.0, 0.6, 0.75)


def test_organisations(report):
    # any role: a "U.N." = UN (table), the second UN prediction is spurious (one-to-one),
    # EU matches; b ASEAN missed. match 2, pred 3, gold 3: 2/3 each
    assert figures(report, "organisations.any_role")[:3] == approx(2 / 3, 2 / 3, 2 / 3)
    # equal role required: EU (participant vs mentioned) no longer matches: 1/3 each
    assert figures(report, "organisations")[:3] == approx(1 / 3, 1 / 3, 1 / 3)


def test_topics(report):
    # a: 2 of 3 match (relations, maritime security); b: 1/1; c: missed.
    # match 3, pred 4, gold 5: P 3/4, R 3/5, F1 6/9
    assert figures(report, "topics")[:3] == approx(0.75, 0.6, 2 / 3)


def test_disagreements_name_document_field_and_values(report):
    found = {(d.doc_id, d.field, d.kind, json.dumps(d.gold), json.dumps(d.predicted))
             for d in report.disagreements}
    assert ("a", "date", "wrong", '"2024-03-01"', '"2024-03-02"') in found
    assert ("b", "release_date", "missed", '"2024-03-05"', "null") in found
    assert ("b", "start_time", "spurious", "null", '"09:00"') in found
    assert ("c", "location", "missed", '"Canberra"', "null") in found
    assert (
        "a",
        "countries",
        "wrong",
        json.dumps(c("ESP", "participant")),
        json.dumps(c("ESP", "mentioned")),
    ) in found
    by_field = {}
    for d in report.disagreements:
        by_field.setdefault((d.doc_id, d.field), []).append(d)
    [country] = by_field[("b", "officials.country")]
    assert (country.item, country.gold, country.predicted) == ("Wang Yi", "CHN", None)
    [title] = by_field[("b", "officials.title")]
    assert title.item == "Lê Hoài Trung"
    assert [d.predicted["family_name"] for d in by_field[("a", "officials")]] == ["Tanaka"]
    assert [d.kind for d in by_field[("a", "organisations.role")]] == ["wrong"]
    assert [d.predicted["name"] for d in by_field[("a", "organisations")]] == ["United Nations"]
    assert [d.gold["acronym"] for d in by_field[("b", "organisations")]] == ["ASEAN"]
    assert [d.predicted for d in by_field[("a", "topics")] if d.predicted] == [
        "humanitarian situation in Gaza"
    ]
    assert [d.gold for d in by_field[("a", "topics")] if d.gold] == [
        "Russia's aggression against Ukraine"
    ]
    # agreements are not listed; nothing about the ungraded prediction "z"
    assert ("a", "start_time") not in by_field
    assert not any(d.doc_id == "z" for d in report.disagreements)


def test_table_and_dict(report):
    table = report.table()
    assert table.splitlines()[2].split() == [
        "field", "P", "R", "F1", "acc", "n", "match", "pred", "gold"
    ]
    date_row = next(line for line in table.splitlines() if line.startswith("date "))
    assert date_row.split() == ["date", "0.500", "0.333", "0.400", "0.333", "3", "1", "2", "3"]
    end_row = next(line for line in table.splitlines() if line.startswith("end_time "))
    assert end_row.split()[1] == "-"  # undefined precision is shown as "-"
    data = json.loads(json.dumps(report.to_dict(disagreements=True)))
    assert list(data["fields"]) == list(REPORT_FIELDS)
    assert data["fields"]["topics"]["f1"] == pytest.approx(2 / 3)
    assert data["fields"]["officials.title"]["precision"] is None
    assert data["missing_predictions"] == ["c"]
    assert len(data["disagreements"]) == len(report.disagreements)
    assert "disagreements" not in report.to_dict()


# --- topics ----------------------------------------------------------------------------------


def test_topic_content_words():
    # possessive dropped, stop words ("with", "the") dropped, plural reduced
    assert topic_content_words("Japan's relations with the Pacific Islands") == [
        "japan", "relation", "pacific", "island"
    ]
    # split on anything not a letter or digit
    assert topic_content_words("Japan-NATO cooperation") == ["japan", "nato", "cooperation"]
    # -ies -> -y; -ss kept; accents stripped; digits kept
    assert topic_content_words("energy supplies and cross-border access") == [
        "energy", "supply", "cross", "border", "access"
    ]
    assert topic_content_words("Côte d’Ivoire’s 2030 Agenda") == [
        "cote", "d", "ivoire", "2030", "agenda"
    ]
    assert topic_content_words("the") == []


def test_topic_soft_match_both_directions_and_near_misses():
    # all of the gold's words are in the prediction
    assert topic_shared_words("cooperation on economic security and supply chains",
                              "economic security") == 2
    # the reverse: all of the prediction's words are in the (longer) gold topic
    assert topic_shared_words("North Korea", "North Korea's nuclear and missile programmes") == 2
    # exactly half of the gold's words is enough
    assert topic_shared_words("maritime affairs", "maritime security") == 1
    # near misses: one shared word of four on each side; no shared words at all
    assert topic_shared_words("cyber security and space policy",
                              "maritime security cooperation with ASEAN") == 0
    assert topic_shared_words("trade", "climate change") == 0
    # phrases made only of stop words never match
    assert topic_shared_words("the", "the") == 0


def test_match_topics_one_to_one_most_shared_first():
    # "maritime security" shares 2 words with gold 1 and 1 with gold 0: it goes to gold 1,
    # although gold 0 comes first
    assert match_topics(["maritime security"], ["security", "maritime security"]) == [(0, 1)]
    assert match_topics(["maritime security", "security issues"],
                        ["security", "maritime security"]) == [(1, 0), (0, 1)]
    # one gold topic, two predictions matching it: only one pair
    assert match_topics(["trade", "trade issues"], ["trade"]) == [(0, 0)]
    assert match_topics([], ["trade"]) == []


# --- officials and organisations -----------------------------------------------------------


def test_officials_match():
    assert officials_match(official("Le Hoai Trung", "LE"), official("Lê Hoài Trung", "Lê"))
    # one side lacks family_name: gold family name must be a token (run) of the name
    assert officials_match({"name": "Wang Yi"}, official("Wang Yi", "Wang"))
    assert officials_match({"name": "Ana Ruiz Vidal"}, official("Ana Ruiz Vidal", "Ruiz Vidal"))
    assert not officials_match({"name": "Wangari Maathai"}, official("Wang Yi", "Wang"))
    assert not officials_match({"name": "Ana Vidal Ruiz"},
                               official("Ana Ruiz Vidal", "Ruiz Vidal"))
    # both have family names: they must be equal, not merely overlap
    assert not officials_match(official("Ana Ruiz", "Ruiz"), official("Ana Ruiz Vidal",
                                                                      "Ruiz Vidal"))


def test_officials_one_to_one_prefers_the_better_pair():
    # two gold officials with the same family name; the prediction of the second one goes to
    # the gold with the same given name and country, leaving the first missed
    gold = {"d": rec("d", officials=[official("Kim Jin", "Kim", "Minister", "KOR", "Jin"),
                                     official("Kim Yong", "Kim", "Chairman", "PRK", "Yong")])}
    pred = {"d": rec("d", officials=[official("Kim Yong", "Kim", "Chairman", "PRK", "Yong")])}
    result = evaluate(gold, pred)
    assert (result["officials"].matched, result["officials.country"].accuracy) == (1, 1.0)
    [missed] = [d for d in result.disagreements if d.field == "officials"]
    assert missed.gold["name"] == "Kim Jin"


def test_titles_equal():
    assert titles_equal("Secretary of State", "the secretary of state")
    assert titles_equal("Minister for Foreign Affairs", "Minister of Foreign Affairs")
    assert titles_equal("Vice-Minister", "Vice Minister")
    assert titles_equal(None, None)
    assert not titles_equal("Minister of State", "Minister")
    assert not titles_equal(None, "Minister")


def test_organisations_match():
    # through the equivalence table
    assert organisations_match({"name": "U.N."}, {"name": "United Nations", "acronym": "UN"})
    assert organisations_match({"name": "UN Security Council"}, {"name": "UNSC"})
    # acronym of one = name of the other, no table needed; case folding
    assert organisations_match({"name": "PIF"}, {"name": "Pacific Islands Forum",
                                                 "acronym": "pif"})
    assert organisations_match({"name": "nato"}, {"name": "NATO"})
    # near misses: an organ is not its parent
    assert not organisations_match({"name": "United Nations Security Council",
                                    "acronym": "UNSC"}, {"name": "United Nations",
                                                         "acronym": "UN"})
    assert not organisations_match({"name": "European Council"},
                                   {"name": "European Union", "acronym": "EU"})


def test_equivalence_table_can_be_replaced(tmp_path):
    table = tmp_path / "eq.jsonl"
    table.write_text('{"_source": "test"}\n{"names": ["PIF", "Forum of the Islands"]}\n')
    gold = {"d": rec("d", organisations=[org("Pacific Islands Forum", "PIF", "mentioned")])}
    pred = {"d": rec("d", organisations=[org("Forum of the Islands", None, "mentioned")])}
    assert evaluate(gold, pred)["organisations"].matched == 0
    assert evaluate(gold, pred, equivalences=table)["organisations"].matched == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"names": "PIF"}\n')
    with pytest.raises(InputError, match="names"):
        evaluate(gold, pred, equivalences=bad)


# --- inputs ----------------------------------------------------------------------------------


def write_gold(folder: Path, records: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, record in records.items():
        (folder / f"{doc_id}.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / f"{next(iter(records))}.txt").write_text("text", encoding="utf-8")
    return folder


def test_load_gold_and_predictions_from_files(tmp_path):
    gold_dir = write_gold(tmp_path / "gold", GOLD)
    pred_file = tmp_path / "pred.jsonl"
    lines = [json.dumps({**r, "evidence": [], "warnings": [{"code": "x"}]}) for r in PRED.values()]
    pred_file.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    assert list(load_gold(gold_dir)) == ["a", "b", "c"]
    assert list(load_predictions(pred_file)) == ["a", "b", "z"]
    from_files = evaluate(gold_dir, pred_file)
    from_dicts = evaluate(GOLD, PRED)
    assert from_files.to_dict(disagreements=True) == from_dicts.to_dict(disagreements=True)


def test_predictions_as_meeting_records():
    gold = {"d": rec("d", date="2024-05-01", meeting_type="meeting")}
    pred = [MeetingRecord(doc_id="d", date="2024-05-01", meeting_type="courtesy_call")]
    result = diplex.evaluate(gold, pred)
    assert (result["date"].accuracy, result["meeting_type"].accuracy) == (1.0, 0.0)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"doc_id": "a"}\n{"doc_id": "b", oops}\n', r"pred\.jsonl:2: not valid JSON"),
        ('{"doc_id": "a"}\n["a"]\n', r"pred\.jsonl:2: expected a JSON object"),
        ('{"date": "2024-01-01"}\n', r"pred\.jsonl:1: record has no doc_id"),
        ('{"doc_id": "a"}\n{"doc_id": "a"}\n', r"pred\.jsonl:2: doc_id 'a' appears twice"),
        ('{"doc_id": "a", "topics": "trade"}\n', r"pred\.jsonl:1: 'topics' must be a list"),
        ('{"doc_id": "a", "officials": ["Wang"]}\n', r"pred\.jsonl:1: 'officials' must be a list"),
    ],
)
def test_bad_prediction_lines_are_named(tmp_path, content, message):
    path = tmp_path / "pred.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_predictions(path)


def test_bad_gold_inputs(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no gold .json"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="x.json"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="cannot read predictions"):
        load_predictions(tmp_path / "missing.jsonl")


# --- the dev corpus --------------------------------------------------------------------------


def test_gold_against_itself_scores_one_everywhere(corpus_dir, tmp_path):
    gold = load_gold(corpus_dir)
    pred_file = tmp_path / "gold.jsonl"
    pred_file.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold.values()), encoding="utf-8"
    )
    result = evaluate(corpus_dir, pred_file)
    assert result.n_documents == len(gold) > 0
    assert result.disagreements == []
    assert result.missing_predictions == [] and result.extra_predictions == []
    for name in REPORT_FIELDS:
        row = result[name]
        defined = [v for v in (row.precision, row.recall, row.f1, row.accuracy) if v is not None]
        assert defined, name
        assert all(v == 1.0 for v in defined), (name, defined)
