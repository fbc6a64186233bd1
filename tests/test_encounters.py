"""One record per encounter (``diplex.extract_encounters``, :mod:`diplex.encounters`).

The handed cases ``../shared/cases/encounters-*.jsonl`` (format in that folder's README:
``expect_encounters`` is the list of records, in order) run as one test each and skip
where ``../shared`` is absent; the variants below (invented people, other states,
publishers, forms and counts of parts) cover the same kinds: a list of counterparts, a
meeting and a meal each with its own time, calls with different counterparts or on
different days, text about every part, and releases of one encounter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED
from typer.testing import CliRunner

import diplex
from diplex import ExtractionFailure, MeetingRecord
from diplex.cli import app

SCALARS = ("meeting_type", "date", "start_time", "end_time", "duration_minutes", "location")


def _cases() -> list[dict]:
    folder = SHARED / "cases"
    out: list[dict] = []
    for path in sorted(folder.glob("encounters-*.jsonl")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


CASES = _cases()


def check(records: list[MeetingRecord], expected: list[dict], name: str) -> None:
    """Assert each record has the values of its expected dict (keys as in the cases)."""
    assert len(records) == len(expected), (
        f"{name}: {len(records)} records, expected {len(expected)}")
    for number, (record, expect) in enumerate(zip(records, expected, strict=True), start=1):
        where = f"{name} encounter {number}"
        assert record.encounter == number, where
        for field in SCALARS + ("release_date",):
            if field in expect:
                assert getattr(record, field) == expect[field], f"{where}: {field}"
        if "officials" in expect:
            got = [[o.family_name, o.country] for o in record.officials]
            assert got == expect["officials"], where
        for role, key in (("participant", "participants"), ("mentioned", "mentioned")):
            if key in expect:
                codes = sorted(c.code for c in record.countries if c.role == role)
                assert codes == expect[key], f"{where}: {key}"
        if "topics" in expect:
            assert record.topics == expect["topics"], f"{where}: topics"


@pytest.mark.parametrize("case", CASES or [None], ids=[c["id"] for c in CASES] or ["none"])
def test_encounter_case(case, extractor, shared_dir: Path):
    if case is None:
        pytest.skip("no encounter cases found under ../shared/cases (encounters-*.jsonl)")
    records = extractor.extract_encounters(case["text"], doc_id=case["id"],
                                           publisher=case.get("publisher"),
                                           release_date=case.get("release_date"))
    check(records, case["expect_encounters"], case["id"])
    assert all(r.doc_id == case["id"] for r in records)


VARIANTS = [
    {
        "id": "list-two-officials-aus",
        "publisher": "AUS",
        "text": "Media release\nForeign Minister's meetings in Vientiane\n26 July 2024\n"
                "On the margins of the ASEAN Regional Forum in Vientiane on 26 July, Foreign "
                "Minister Harriet Vale held bilateral meetings with Foreign Minister Lars "
                "Eklund of Sweden and Foreign Minister Aiko Tanabe of Japan.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-07-26", "location": "Vientiane",
             "officials": [["Vale", "AUS"], ["Eklund", "SWE"]],
             "participants": ["AUS", "SWE"]},
            {"meeting_type": "meeting", "date": "2024-07-26", "location": "Vientiane",
             "officials": [["Vale", "AUS"], ["Tanabe", "JPN"]],
             "participants": ["AUS", "JPN"]},
        ],
    },
    {
        "id": "list-four-with-clauses-deu",
        "publisher": "DEU",
        "text": "Press release\nFederal Foreign Minister meets counterparts in New York\n"
                "24 September 2024\nIn New York on 24 September, Federal Foreign Minister "
                "Jonas Richter held separate meetings with Foreign Minister Amina Diallo of "
                "Senegal, Foreign Minister Raúl Castaño of Colombia, Foreign Minister Leila "
                "Haddad of Jordan and Foreign Minister Sione Tupou of Tonga. With Senegal, he "
                "discussed food security; with Colombia, the peace process; with Jordan, "
                "humanitarian aid; with Tonga, climate change.",
        "expect": [
            {"officials": [["Richter", "DEU"], ["Diallo", "SEN"]],
             "participants": ["DEU", "SEN"], "mentioned": [], "location": "New York",
             "date": "2024-09-24"},
            {"officials": [["Richter", "DEU"], ["Castaño", "COL"]],
             "participants": ["COL", "DEU"], "mentioned": []},
            {"officials": [["Richter", "DEU"], ["Haddad", "JOR"]],
             "participants": ["DEU", "JOR"], "mentioned": []},
            {"officials": [["Richter", "DEU"], ["Tupou", "TON"]],
             "participants": ["DEU", "TON"], "mentioned": [], "topics": []},
        ],
    },
    {
        "id": "list-of-states-calls-gha",
        "publisher": "GHA",
        "text": "Minister holds calls with West African counterparts\n3 March 2025\nOn 3 "
                "March 2025, Foreign Minister Kwame Asante held separate telephone calls "
                "with his counterparts from Togo, Benin and Niger.",
        "expect": [
            {"meeting_type": "telephone_talk", "date": "2025-03-03",
             "officials": [["Asante", "GHA"]], "participants": ["GHA", "TGO"]},
            {"meeting_type": "telephone_talk", "date": "2025-03-03",
             "officials": [["Asante", "GHA"]], "participants": ["BEN", "GHA"]},
            {"meeting_type": "telephone_talk", "date": "2025-03-03",
             "officials": [["Asante", "GHA"]], "participants": ["GHA", "NER"]},
        ],
    },
    {
        "id": "meeting-then-lunch-kor",
        "text": "Press Releases\nForeign Minister Holds Talks and Working Lunch with Chilean "
                "Counterpart\n2024-03-12\nMinister of Foreign Affairs Park Jin-ho held a "
                "meeting with Minister of Foreign Affairs of Chile Andrea Soto Lagos in Seoul "
                "on March 12 from 10:00 for about 40 minutes. The two ministers then held a "
                "working lunch from 12:30 for about 70 minutes.",
        "publisher": "KOR",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-03-12", "start_time": "10:00",
             "duration_minutes": 40, "location": "Seoul",
             "officials": [["Park", "KOR"], ["Soto Lagos", "CHL"]],
             "participants": ["CHL", "KOR"]},
            {"meeting_type": "working_meal", "date": "2024-03-12", "start_time": "12:30",
             "duration_minutes": 70, "location": "Seoul",
             "officials": [["Park", "KOR"], ["Soto Lagos", "CHL"]],
             "participants": ["CHL", "KOR"]},
        ],
    },
    {
        "id": "two-calls-two-days-fra",
        "publisher": "FRA",
        "text": "Minister's telephone talks\n6 April 2024\nOn 3 April, Minister for Europe and "
                "Foreign Affairs Claire Dumont spoke by telephone with Foreign Minister Jan "
                "Novák of the Czech Republic. On 5 April, she held a second telephone call "
                "with Foreign Minister Ana Marić of Croatia.",
        "expect": [
            {"meeting_type": "telephone_talk", "date": "2024-04-03",
             "officials": [["Dumont", "FRA"], ["Novák", "CZE"]],
             "participants": ["CZE", "FRA"]},
            {"meeting_type": "telephone_talk", "date": "2024-04-05",
             "officials": [["Dumont", "FRA"], ["Marić", "HRV"]],
             "participants": ["FRA", "HRV"]},
        ],
    },
    {
        "id": "three-calls-nzl",
        "publisher": "NZL",
        "text": "Foreign Minister's calls\n14 August 2024\nOn 14 August, Foreign Minister "
                "Mere Tawhiri held a telephone talk with Foreign Minister Ravi Prasad of Fiji, "
                "later a second call with Foreign Minister Losa Faleolo of Samoa and, in the "
                "evening, a third call with Foreign Minister Tevita Lolo of Tonga. All three "
                "calls concerned regional security.",
        "expect": [
            {"meeting_type": "telephone_talk", "date": "2024-08-14",
             "officials": [["Tawhiri", "NZL"], ["Prasad", "FJI"]],
             "participants": ["FJI", "NZL"]},
            {"meeting_type": "telephone_talk", "date": "2024-08-14",
             "officials": [["Tawhiri", "NZL"], ["Faleolo", "WSM"]],
             "participants": ["NZL", "WSM"]},
            {"meeting_type": "telephone_talk", "date": "2024-08-14",
             "officials": [["Tawhiri", "NZL"], ["Lolo", "TON"]],
             "participants": ["NZL", "TON"]},
        ],
    },
    {
        "id": "meeting-then-video-call-can",
        "publisher": "CAN",
        "text": "Minister meets Mexican counterpart\n9 October 2024\nOn 9 October, Minister of "
                "Foreign Affairs Élise Tremblay held a meeting with Secretary of Foreign "
                "Affairs Rosa Fuentes of Mexico in Ottawa. Later, she held a video conference "
                "with Foreign Minister Ingrid Solberg of Norway.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-10-09", "location": "Ottawa",
             "officials": [["Tremblay", "CAN"], ["Fuentes", "MEX"]],
             "participants": ["CAN", "MEX"], "mentioned": []},
            {"meeting_type": "video_conference", "date": "2024-10-09", "location": None,
             "officials": [["Tremblay", "CAN"], ["Solberg", "NOR"]],
             "participants": ["CAN", "NOR"], "mentioned": []},
        ],
    },
    {
        "id": "same-counterpart-two-days-ita",
        "publisher": "ITA",
        "text": "Minister's talks with Spanish counterpart\n11 May 2024\nOn 10 May, Foreign "
                "Minister Marco Bellini held a meeting with Foreign Minister Lucía Ferrer of "
                "Spain in Rome. On 11 May, the two ministers held another meeting in Naples. "
                "Both meetings focused on migration.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-05-10", "location": "Rome",
             "officials": [["Bellini", "ITA"], ["Ferrer", "ESP"]],
             "participants": ["ESP", "ITA"]},
            {"meeting_type": "meeting", "date": "2024-05-11", "location": "Naples",
             "officials": [["Bellini", "ITA"], ["Ferrer", "ESP"]],
             "participants": ["ESP", "ITA"]},
        ],
    },
    {
        "id": "meeting-then-dinner-jpn-usa",
        "text": "Press Releases\nJapan-Kenya Foreign Ministers' Meeting and Working Dinner\n"
                "October 2, 2024\nOn October 2, commencing at 4:00 p.m. for approximately 45 "
                "minutes, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held a "
                "Japan-Kenya Foreign Ministers' Meeting with H.E. Dr. Grace Wanjiru, Cabinet "
                "Secretary for Foreign Affairs of the Republic of Kenya, in Tokyo. Following "
                "the meeting, from 5:00 p.m. for approximately 100 minutes, the two ministers "
                "held a working dinner.\nBack to Press Releases",
        "expect": [
            {"meeting_type": "meeting", "start_time": "16:00", "duration_minutes": 45,
             "officials": [["Tanaka", "JPN"], ["Wanjiru", "KEN"]],
             "participants": ["JPN", "KEN"]},
            {"meeting_type": "working_meal", "start_time": "17:00",
             "duration_minutes": 100, "date": "2024-10-02",
             "officials": [["Tanaka", "JPN"], ["Wanjiru", "KEN"]],
             "participants": ["JPN", "KEN"]},
        ],
    },
    {
        "id": "one-meeting-with-anaphora-bra",
        "publisher": "BRA",
        "text": "Minister meets Argentine counterpart\n2 June 2024\nOn 2 June, Foreign "
                "Minister Paulo Medeiros held a meeting with Foreign Minister Sofía Quiroga "
                "of Argentina in Brasília. During the meeting, both ministers discussed "
                "trade. The two ministers agreed to hold a meeting of the joint commission "
                "in September. A summary of the talks follows.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-06-02", "location": "Brasília",
             "officials": [["Medeiros", "BRA"], ["Quiroga", "ARG"]],
             "participants": ["ARG", "BRA"]},
        ],
    },
    {
        "id": "one-call-then-follow-up-planned-swe",
        "publisher": "SWE",
        "text": "Foreign Minister's telephone conversation with Finnish counterpart\n"
                "8 January 2025\nOn 8 January, Foreign Minister Lars Eklund held a telephone "
                "conversation with Foreign Minister Aino Virtanen of Finland. They will hold "
                "a second call next week.",
        "expect": [
            {"meeting_type": "telephone_talk", "date": "2025-01-08",
             "officials": [["Eklund", "SWE"], ["Virtanen", "FIN"]],
             "participants": ["FIN", "SWE"]},
        ],
    },
]


VARIANTS += [
    {
        "id": "then-met-verb-deu",
        "publisher": "DEU",
        "text": "Press release\nMinister in Berlin\n3 June 2024\nOn 3 June, Foreign Minister "
                "Jonas Richter held talks with Foreign Minister Amina Diallo of Senegal in "
                "Berlin. He then met Prime Minister Raúl Castaño of Colombia.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-06-03", "location": "Berlin",
             "officials": [["Richter", "DEU"], ["Diallo", "SEN"]],
             "participants": ["DEU", "SEN"], "mentioned": []},
            {"meeting_type": "meeting", "date": "2024-06-03",
             "officials": [["Richter", "DEU"], ["Castaño", "COL"]],
             "participants": ["COL", "DEU"], "mentioned": []},
        ],
    },
    {
        "id": "followed-by-lunch-one-sentence-jpn",
        "publisher": "JPN",
        "text": "Press Releases\nJapan-Peru Foreign Ministers' Meeting\nJune 3, 2024\nOn June "
                "3, from 11:00, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, "
                "held a meeting with H.E. Mr. Luis Vega, Minister of Foreign Affairs of the "
                "Republic of Peru, followed by a working lunch from 12:30.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-06-03", "start_time": "11:00",
             "officials": [["Tanaka", "JPN"], ["Vega", "PER"]],
             "participants": ["JPN", "PER"]},
            {"meeting_type": "working_meal", "date": "2024-06-03", "start_time": "12:30",
             "officials": [["Tanaka", "JPN"], ["Vega", "PER"]],
             "participants": ["JPN", "PER"]},
        ],
    },
    {
        "id": "also-spoke-by-telephone-nor",
        "publisher": "NOR",
        "text": "Calls\n4 June 2024\nOn 4 June, Foreign Minister Kari Halvorsen held a "
                "telephone talk with Foreign Minister Marek Zielinski of Poland. On the same "
                "day, she also spoke by telephone with Foreign Minister Mart Kask of Estonia.",
        "expect": [
            {"meeting_type": "telephone_talk", "date": "2024-06-04",
             "officials": [["Halvorsen", "NOR"], ["Zielinski", "POL"]],
             "participants": ["NOR", "POL"]},
            {"meeting_type": "telephone_talk", "date": "2024-06-04",
             "officials": [["Halvorsen", "NOR"], ["Kask", "EST"]],
             "participants": ["EST", "NOR"]},
        ],
    },
    {
        "id": "list-of-video-conferences-ind",
        "text": "Press Release\nEAM's video conferences\n05/03/2024\nToday, External Affairs "
                "Minister Dr. Arvind Rao held separate video conferences with Foreign "
                "Minister Lars Eklund of Sweden and Foreign Minister Aino Virtanen of Finland.",
        "expect": [
            {"meeting_type": "video_conference", "date": "2024-03-05", "location": None,
             "officials": [["Rao", "IND"], ["Eklund", "SWE"]],
             "participants": ["IND", "SWE"]},
            {"meeting_type": "video_conference", "date": "2024-03-05",
             "officials": [["Rao", "IND"], ["Virtanen", "FIN"]],
             "participants": ["FIN", "IND"]},
        ],
    },
    {
        "id": "dinner-for-the-same-counterpart-gbr",
        "publisher": "GBR",
        "text": "News story\nForeign Secretary meets Brazilian counterpart\n10 April 2024\nOn "
                "10 April, the Foreign Secretary, David Lammy, held a bilateral meeting with "
                "Brazilian Foreign Minister Paulo Medeiros in London. In the evening, the "
                "Foreign Secretary hosted a working dinner for Foreign Minister Medeiros.",
        "expect": [
            {"meeting_type": "meeting", "date": "2024-04-10", "location": "London",
             "officials": [["Lammy", "GBR"], ["Medeiros", "BRA"]],
             "participants": ["BRA", "GBR"]},
            {"meeting_type": "working_meal", "date": "2024-04-10", "location": "London",
             "officials": [["Lammy", "GBR"], ["Medeiros", "BRA"]],
             "participants": ["BRA", "GBR"]},
        ],
    },
]


def test_overview_after_a_lead_of_every_encounter_is_shared(extractor):
    text = ("Press Releases\nJapan-Kenya Foreign Ministers' Meeting and Working Dinner\n"
            "October 2, 2024\nOn October 2, from 4:00 p.m., Mr. TANAKA Hiroshi, Minister for "
            "Foreign Affairs of Japan, held a meeting with H.E. Dr. Grace Wanjiru, Cabinet "
            "Secretary for Foreign Affairs of the Republic of Kenya. Following the meeting, "
            "from 5:00 p.m., the two ministers held a working dinner.\n"
            "The two ministers discussed food security.\n")
    records = extractor.extract_encounters(text, publisher="JPN")
    assert [(r.meeting_type, r.start_time, r.topics) for r in records] == [
        ("meeting", "16:00", ["food security"]), ("working_meal", "17:00", ["food security"])]


def test_text_after_an_encounters_own_paragraph_is_its_own(extractor):
    text = ("Minister's calls\n6 April 2024\nOn 3 April, Minister for Europe and Foreign "
            "Affairs Claire Dumont spoke by telephone with Foreign Minister Jan Novák of the "
            "Czech Republic.\nOn 5 April, she held a second telephone call with Foreign "
            "Minister Ana Marić of Croatia.\nThe two ministers discussed food security.\n")
    records = extractor.extract_encounters(text, publisher="FRA")
    assert [(r.date, r.topics) for r in records] == [
        ("2024-04-03", []), ("2024-04-05", ["food security"])]


def _text(variant_id: str) -> str:
    return next(v["text"] for v in VARIANTS if v["id"] == variant_id)


ONE_ENCOUNTER = [
    # one state's two ministers met together ("2+2"): one delegation, one encounter
    ("Minister holds 2+2 talks\n5 May 2024\nOn 5 May, Foreign Minister Harriet Vale held "
     "bilateral talks with Foreign Minister Aiko Tanabe and Defence Minister Kenji Mori of "
     "Japan in Canberra.", "AUS"),
    # one meeting of three sides
    ("Trilateral meeting\n7 May 2024\nOn 7 May, Foreign Minister Harriet Vale held a "
     "trilateral meeting with Foreign Minister Aiko Tanabe of Japan and Foreign Minister "
     "Kim Min-jun of the Republic of Korea in Jakarta. Both sides discussed maritime "
     "security.", "AUS"),
    # a call told on in generic words
    ("Telephone talk\n9 May 2024\nOn 9 May, Foreign Minister Lars Eklund held a telephone "
     "talk with Foreign Minister Ana Marić of Croatia. The two ministers then held talks on "
     "energy.", "SWE"),
    # one call, its summary, and the call before it
    ("Telephone talk\n9 May 2024\nOn 9 May, Foreign Minister Lars Eklund held a telephone "
     "talk with Foreign Minister Ana Marić of Croatia, following a meeting in Zagreb in "
     "March. A summary of the talk follows. The two ministers agreed to hold a meeting "
     "in June.", "SWE"),
]


@pytest.mark.parametrize("text,publisher", ONE_ENCOUNTER)
def test_one_encounter_releases_do_not_split(extractor, text, publisher):
    records = extractor.extract_encounters(text, doc_id="one", publisher=publisher)
    assert [r.encounter for r in records] == [1]
    whole = extractor.extract(text, doc_id="one", publisher=publisher)
    assert records[0].model_copy(update={"encounter": None}) == whole


@pytest.mark.parametrize("case", VARIANTS, ids=[v["id"] for v in VARIANTS])
def test_encounter_variant(case, extractor):
    records = extractor.extract_encounters(case["text"], doc_id=case["id"],
                                           publisher=case.get("publisher"))
    check(records, case["expect"], case["id"])
    assert {r.doc_id for r in records} == {case["id"]}


def test_shared_sentence_goes_to_each_part(extractor):
    case = next(v for v in VARIANTS if v["id"] == "same-counterpart-two-days-ita")
    records = extractor.extract_encounters(case["text"], publisher="ITA")
    assert [r.topics for r in records] == [["migration"], ["migration"]]


def test_clauses_about_one_counterpart_go_to_it(extractor):
    case = next(v for v in VARIANTS if v["id"] == "list-four-with-clauses-deu")
    records = extractor.extract_encounters(case["text"], publisher="DEU")
    # the topics component reads "discussed food security"; the other clauses name no
    # topic it knows: what is found goes to its own counterpart only
    assert [r.topics for r in records] == [["food security"], [], [], []]
    assert [[e.text for e in r.evidence if e.field.startswith("countries")]
            for r in records] == [["Senegal"], ["Colombia"], ["Jordan"],
                                  ["Tonga"]]


def test_evidence_is_each_parts_own(extractor):
    case = next(v for v in VARIANTS if v["id"] == "meeting-then-lunch-kor")
    first, second = extractor.extract_encounters(case["text"], publisher="KOR")
    text = case["text"]
    for record in (first, second):
        for item in record.evidence:
            assert text[item.start : item.end] == item.text
    start = {e.field: e.text for e in first.evidence}["start_time"]
    assert {e.field: e.text for e in second.evidence}["start_time"] != start
    assert {e.field: e.text for e in second.evidence}["meeting_type"] == "working lunch"


def _one_encounter_texts() -> list[tuple[str, str | None]]:
    out = [(v["text"], v.get("publisher")) for v in VARIANTS if len(v["expect"]) == 1]
    out += [(c["text"], c.get("publisher")) for c in CASES
            if len(c["expect_encounters"]) == 1]
    return out


@pytest.mark.parametrize("text,publisher", _one_encounter_texts())
def test_one_encounter_is_extracts_record(extractor, text, publisher):
    whole = extractor.extract(text, doc_id="d1", publisher=publisher)
    records = extractor.extract_encounters(text, doc_id="d1", publisher=publisher)
    assert len(records) == 1
    assert records[0].encounter == 1
    assert records[0].model_copy(update={"encounter": None}) == whole


def test_extract_output_has_no_encounter_key(extractor):
    record = extractor.extract(_text("list-two-officials-aus"), publisher="AUS")
    assert record.encounter is None
    assert "encounter" not in record.model_dump(mode="json")
    assert '"encounter"' not in record.model_dump_json()
    numbered = extractor.extract_encounters(_text("list-two-officials-aus"), publisher="AUS")[0]
    assert numbered.model_dump(mode="json")["encounter"] == 1
    assert list(numbered.model_dump(mode="json"))[:2] == ["doc_id", "encounter"]
    assert "encounter" not in numbered.gold_view()


def test_dev_corpus_unsplit_releases_equal_extract(extractor, corpus_dir: Path):
    paths = sorted(corpus_dir.glob("*.txt"))
    assert paths
    split = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        whole = extractor.extract(text, doc_id=path.stem)
        assert "encounter" not in whole.model_dump(mode="json")
        records = extractor.extract_encounters(text, doc_id=path.stem)
        assert [r.encounter for r in records] == list(range(1, len(records) + 1))
        assert all(r.doc_id == path.stem for r in records)
        if len(records) == 1:
            assert records[0].model_copy(update={"encounter": None}) == whole
        else:
            split += 1
    assert split <= len(paths) // 10  # the dev corpus reports one meeting per release


def test_pipe_yields_a_list_per_item(extractor):
    texts = [(_text("list-two-officials-aus"), "a"),
             (_text("one-call-then-follow-up-planned-swe"), "b")]
    lists = list(extractor.pipe(texts, encounters=True))
    assert [[(r.doc_id, r.encounter) for r in rs] for rs in lists] == [
        [("a", 1), ("a", 2)], [("b", 1)]]
    mixed = list(extractor.pipe([_text("list-two-officials-aus"), 42], encounters=True,  # type: ignore[list-item]
                                errors="return"))
    assert isinstance(mixed[0], list) and len(mixed[0]) == 2
    assert isinstance(mixed[1], ExtractionFailure) and mixed[1].index == 1
    assert [type(r) for r in extractor.pipe([_text("list-two-officials-aus")])] == [MeetingRecord]


def test_module_function(extractor):
    records = diplex.extract_encounters(_text("two-calls-two-days-fra"), doc_id="x",
                                        publisher="FRA")
    assert [(r.doc_id, r.encounter, r.date) for r in records] == [
        ("x", 1, "2024-04-03"), ("x", 2, "2024-04-05")]


def test_link_keeps_encounters_apart(extractor):
    case = next(v for v in VARIANTS if v["id"] == "same-counterpart-two-days-ita")
    records = extractor.extract_encounters(case["text"], doc_id="ita-1", publisher="ITA")
    # the same meetings as told by the other side: one record each
    spanish = [r.model_copy(update={"doc_id": "esp-1", "publisher": "ESP"}) for r in records]
    events = diplex.link(records + spanish)
    assert len(events) == 2
    assert len({e.event_id for e in events}) == 2
    assert [sorted((a.doc_id, a.encounter) for a in e.accounts) for e in events] == [
        [("esp-1", 1), ("ita-1", 1)], [("esp-1", 2), ("ita-1", 2)]]


def test_link_never_merges_one_releases_encounters(extractor):
    records = extractor.extract_encounters(_text("meeting-then-lunch-kor"), doc_id="k",
                                           publisher="KOR")
    same = [r.model_copy(update={"meeting_type": "meeting"}) for r in records]
    events = diplex.link(same)
    assert len(events) == 2
    assert len({e.event_id for e in events}) == 2


def test_exports_one_event_per_encounter(extractor):
    from diplex.events.export import cameo_rows, csv_rows, plover_records

    records = extractor.extract_encounters(_text("two-calls-two-days-fra"), doc_id="fra-1",
                                           publisher="FRA")
    plover = list(plover_records(records))
    assert [p["id"] for p in plover] == ["fra-1#1", "fra-1#2"]
    assert [p["date"] for p in plover] == ["2024-04-03", "2024-04-05"]
    assert [row[5] for row in cameo_rows(records)] == ["fra-1#1", "fra-1#2"]
    assert [row["doc_id"] for row in csv_rows(records)] == ["fra-1#1", "fra-1#2"]
    assert [[t.code for t in r.event.targets] for r in records if r.event] == [["CZE"], ["HRV"]]
    assert [r.event.sentence[:11] for r in records if r.event and r.event.sentence] == [
        "On 3 April,", "On 5 April,"]
    whole = extractor.extract(_text("two-calls-two-days-fra"), doc_id="fra-1", publisher="FRA")
    assert [p["id"] for p in plover_records([whole])] == ["fra-1"]


def test_cli_extract_encounters(tmp_path: Path):
    source = tmp_path / "fra-1.txt"
    source.write_text(_text("two-calls-two-days-fra"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(source), "--publisher", "FRA",
                                 "--encounters"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [(x["doc_id"], x["encounter"], x["date"]) for x in lines] == [
        ("fra-1", 1, "2024-04-03"), ("fra-1", 2, "2024-04-05")]
    plain = runner.invoke(app, ["extract", str(source), "--publisher", "FRA"])
    assert plain.exit_code == 0, plain.output
    assert "encounter" not in json.loads(plain.stdout.splitlines()[0])


def test_cli_batch_encounters(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kor-1.txt").write_text(_text("meeting-then-lunch-kor"), encoding="utf-8")
    (folder / "swe-1.txt").write_text(_text("one-call-then-follow-up-planned-swe"),
                                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out), "--encounters"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted((x["doc_id"], x["encounter"]) for x in lines) == [
        ("kor-1", 1), ("kor-1", 2), ("swe-1", 1)]


def _many() -> list[diplex.Document]:
    from diplex.parallel import PARALLEL_MIN_DOCS

    text = next(v for v in VARIANTS if v["id"] == "meeting-then-lunch-kor")["text"]
    docs = [diplex.Document(text.replace("Seoul", "Busan") if k % 2 else text,
                            doc_id=f"d{k}", publisher="KOR")
            for k in range(PARALLEL_MIN_DOCS + 4)]
    docs[3] = diplex.Document(text, doc_id="bad", release_date="not-a-date")
    return docs


def _dump_lists(results) -> list[object]:
    return [r.doc_id if isinstance(r, ExtractionFailure)
            else [x.model_dump_json() for x in r] for r in results]


def test_encounters_in_two_processes_and_memory_zones(extractor, monkeypatch):
    import diplex.extractor as extractor_module

    serial = _dump_lists(extractor.pipe(_many(), batch_size=8, errors="return",
                                        encounters=True))
    assert serial[3] == "bad"
    assert [len(x) for x in serial if isinstance(x, list)] == [2] * (len(serial) - 1)
    assert '"location":"Busan"' in serial[1][1]  # type: ignore[index]
    parallel = _dump_lists(extractor.pipe(_many(), batch_size=8, n_process=2,
                                          errors="return", encounters=True))
    assert parallel == serial
    monkeypatch.setattr(extractor_module, "WARM_DOCS", 0)
    monkeypatch.setattr(extractor, "_warmed", 0)
    zoned = _dump_lists(extractor.pipe(_many(), batch_size=8, errors="return",
                                       encounters=True))
    assert zoned == serial
