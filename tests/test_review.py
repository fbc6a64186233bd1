"""Unit tests of the review page generator and ``diplex review import`` (no browser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from conftest import REPO, SHARED
from test_review_samples import TEXTS, XSS_IMG, XSS_SCRIPT, records, write_inputs
from typer.testing import CliRunner

from diplex import InputError, MeetingRecord
from diplex.cli import app
from diplex.record import GOLD_FIELDS
from diplex.review import (
    GoldExistsError,
    GoldRecord,
    InvalidGold,
    build_page,
    import_gold,
    is_plain_name,
    load_predictions,
    page_data,
    parse_export,
    safe_json_for_html,
    segment_text,
)

runner = CliRunner()


def _data_of(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="diplex-data">(.*?)</script>', page, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def _gold(doc_id: str, **values) -> dict:
    record = MeetingRecord(doc_id=doc_id, **values)
    dumped = record.model_dump(mode="json")
    return {name: dumped[name] for name in GOLD_FIELDS}


# ---------- segments ----------


def test_segments_split_overlapping_and_nested_spans():
    #        0123456789
    # spans: [2,8) outer, [4,6) nested, [6,9) overlapping the outer's end
    segments = segment_text(10, [(2, 8), (4, 6), (6, 9)])
    flat = [(s.start, s.end, s.evidence) for s in segments]
    assert flat == [
        (0, 2, ()),
        (2, 4, (0,)),
        (4, 6, (1, 0)),  # innermost (shortest) first
        (6, 8, (2, 0)),
        (8, 9, (2,)),
        (9, 10, ()),
    ]


def test_segments_identical_spans_share_one_segment():
    assert [(s.start, s.end, s.evidence) for s in segment_text(5, [(1, 3), (1, 3)])] == [
        (0, 1, ()),
        (1, 3, (0, 1)),
        (3, 5, ()),
    ]


def test_segments_leave_out_empty_and_out_of_range_spans():
    segments = segment_text(4, [(1, 1), (3, 9), (-1, 2), (0, 4)])
    assert [(s.start, s.end, s.evidence) for s in segments] == [(0, 4, (3,))]
    assert segment_text(0, [(0, 1)]) == []


# ---------- embedding ----------


def test_safe_json_escapes_markup_and_line_separators():
    value = {"t": "</script><!-- & \u2028\u2029 <b>"}
    text = safe_json_for_html(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_page_embeds_untrusted_text_only_as_escaped_json(tmp_path):
    page = build_page(records(), {k: v for k, v in TEXTS.items()})
    # The only script elements are the data block and the page's own script.
    assert page.count("<script") == 2
    assert XSS_SCRIPT not in page
    assert XSS_IMG not in page
    assert "onerror" not in page.split('id="diplex-data">')[0]
    data = _data_of(page)
    gamma = next(d for d in data["docs"] if d["key"] == "xss-gamma")
    assert "".join(seg[0] for seg in gamma["segments"]) == TEXTS["xss-gamma"]
    assert gamma["record"]["topics"] == [XSS_IMG]


def test_page_csp_allows_only_its_own_script():
    page = build_page(records(), TEXTS)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    script = re.search(r"<script>(.*)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)
    assert "connect-src 'none'" in csp.group(1)


def test_title_is_escaped():
    page = build_page([], {}, title="<b>x</b>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page


# ---------- page data ----------


def test_page_data_segments_rebuild_the_prepared_text_and_cover_every_span():
    data = page_data(records(), {k: v.encode() for k, v in TEXTS.items()})
    assert data["gold_fields"] == list(GOLD_FIELDS)
    for doc, record in zip(data["docs"], records(), strict=True):
        text = TEXTS[record.doc_id]
        assert "".join(seg[0] for seg in doc["segments"]) == text
        assert set(doc["record"]) == set(GOLD_FIELDS)
        for i, ev in enumerate(record.evidence):
            covered = "".join(seg[0] for seg in doc["segments"] if i in seg[1])
            assert covered == ev.text
            assert doc["evidence"][i]["shown"] is True
        assert doc["notes"] == []
    assert data["docs"][0]["min_confidence"] == 0.55
    assert data["docs"][1]["warnings"][0]["code"] == "official_without_country"


def test_page_data_uses_prepared_text_offsets():
    # \r\n becomes \n in diplex.document.prepare, so offsets into the prepared text hold.
    raw = b"Line one\r\nMinister Ana Ruiz Vidal met.\r\n"
    prepared = "Line one\nMinister Ana Ruiz Vidal met.\n"
    start = prepared.index("Ana Ruiz Vidal")
    record = MeetingRecord(
        doc_id="crlf",
        evidence=[{"field": "officials[0]", "start": start, "end": start + 14,
                   "text": "Ana Ruiz Vidal", "confidence": 0.5}],
    )
    doc = page_data([record], {"crlf": raw})["docs"][0]
    assert doc["evidence"][0]["shown"] is True
    assert [seg[0] for seg in doc["segments"] if seg[1]] == ["Ana Ruiz Vidal"]


def test_evidence_outside_the_gold_fields_is_kept_with_its_value():
    beta = page_data(records(), TEXTS)["docs"][1]
    assert beta["extra"] == {"event.mode": None}
    assert "event" not in beta["record"]
    assert records()[1].evidence[-1].field == "event.mode"
    assert [seg[0] for seg in beta["segments"] if 6 in seg[1]] == [
        "met Secretary General Hana Lee"
    ]


def test_evidence_not_matching_the_text_is_reported_not_drawn():
    record = MeetingRecord(
        doc_id="d",
        evidence=[
            {"field": "date", "start": 0, "end": 4, "text": "June", "confidence": 0.9},
            {"field": "location", "start": 5, "end": 500, "text": "Paris"},
        ],
    )
    doc = page_data([record], {"d": "July 4 in Rome"})["docs"][0]
    assert [ev["shown"] for ev in doc["evidence"]] == [False, False]
    assert all(not seg[1] for seg in doc["segments"])
    assert len(doc["notes"]) == 2 and "date" in doc["notes"][0]


def test_missing_text_and_duplicate_ids_get_a_note_and_distinct_keys():
    a = MeetingRecord(doc_id="same")
    b = MeetingRecord(doc_id="same")
    c = MeetingRecord()
    docs = page_data([a, b, c], {})["docs"]
    assert [d["key"] for d in docs] == ["same#0", "same#1", "None#2"]
    assert docs[0]["has_text"] is False and docs[0]["notes"] == ["release text not found"]
    assert "no doc_id" in docs[2]["notes"][0]


def test_page_id_is_stable_and_depends_on_content():
    assert page_data(records(), TEXTS)["page_id"] == page_data(records(), TEXTS)["page_id"]
    other = dict(TEXTS, **{"visit-beta": TEXTS["visit-beta"] + "x"})
    assert page_data(records(), TEXTS)["page_id"] != page_data(records(), other)["page_id"]


# ---------- predictions ----------


def test_load_predictions_reads_records_and_skips_blank_lines(tmp_path):
    pred, _ = write_inputs(tmp_path)
    pred.write_text(pred.read_text() + "\n\n")
    loaded = load_predictions(pred)
    assert [r.doc_id for r in loaded] == ["call-alpha", "visit-beta", "xss-gamma"]
    assert loaded[0].evidence[4].field == "officials[0]"


@pytest.mark.parametrize(
    "line",
    ['{"doc_id": "x", "date": "3 March"}', "not json", '{"doc_id": "x", "colour": "red"}'],
)
def test_load_predictions_names_the_bad_line(tmp_path, line):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": "ok"}\n' + line + "\n")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        load_predictions(path)


# ---------- plain names ----------


@pytest.mark.parametrize("name", ["seed-nato-ambassadors", "a b", "réunion_2024.v2", "x..y"])
def test_plain_names_accepted(name):
    assert is_plain_name(name)


@pytest.mark.parametrize(
    "name", ["../x", "a/b", "/etc/passwd", "..", ".", ".hidden", "a\\b", "C:x", "", "a\x00b",
             "a\nb", None, 3, "x" * 201],
)
def test_unsafe_names_refused(name):
    assert not is_plain_name(name)


# ---------- import ----------


def test_import_writes_one_gold_file_per_record(tmp_path):
    export = tmp_path / "export.json"
    rows = [
        _gold("one", meeting_type="meeting", date="2024-01-02",
              officials=[{"name": "Ana Ruiz Vidal", "family_name": "Ruiz Vidal",
                          "given_name": "Ana", "country": "ESP"}],
              countries=[{"code": "ESP", "role": "participant"}], topics=["fisheries"]),
        _gold("two"),
    ]
    rows[1]["evidence"] = []  # diplex-only keys are dropped, not refused
    rows[1]["warnings"] = []
    export.write_text(json.dumps(rows))
    gold = tmp_path / "gold"
    written = import_gold(export, gold)
    assert written == [gold / "one.json", gold / "two.json"]
    one = json.loads((gold / "one.json").read_text())
    assert list(one) == list(GOLD_FIELDS)
    assert one["officials"][0]["family_name"] == "Ruiz Vidal"
    assert one["officials"][0]["organisation"] is None
    assert list(json.loads((gold / "two.json").read_text())) == list(GOLD_FIELDS)
    assert sorted(p.name for p in gold.iterdir()) == ["one.json", "two.json"]


@pytest.mark.parametrize("doc_id", ["../x", "a/b", "/tmp/abs", "..", "a\\b", ".hidden"])
def test_import_refuses_unsafe_doc_ids_and_writes_nothing(tmp_path, doc_id):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_gold("fine"), {**_gold("fine2"), "doc_id": doc_id}]))
    gold = tmp_path / "gold" / "sub"
    with pytest.raises(InputError, match="plain file name"):
        import_gold(export, gold)
    assert not (tmp_path / "gold").exists()
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"doc_id": "a"}, "JSON array"),
        ([["a"]], "not a JSON object"),
        ([{"doc_id": None}], "no doc_id"),
        ([{"doc_id": "a"}, {"doc_id": "a"}], "twice"),
        ([{"doc_id": "a", "date": "2024-1-2"}], "date"),
        ([{"doc_id": "a", "countries": [{"code": "esp", "role": "participant"}]}], "countries"),
        ([{"doc_id": "a", "colour": "red"}], "colour"),
    ],
)
def test_parse_export_refuses_bad_records(data, message):
    with pytest.raises(InputError, match=message):
        parse_export(data)


def test_import_never_overwrites_without_force(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "one.json").write_text("ORIGINAL")
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_gold("new"), _gold("one", meeting_type="meeting")]))
    with pytest.raises(GoldExistsError, match="--force") as info:
        import_gold(export, gold)
    assert info.value.paths == [gold / "one.json"]
    assert (gold / "one.json").read_text() == "ORIGINAL"
    assert not (gold / "new.json").exists()
    import_gold(export, gold, force=True)
    assert json.loads((gold / "one.json").read_text())["meeting_type"] == "meeting"
    assert (gold / "new.json").exists()
    assert not [p for p in gold.iterdir() if p.name.startswith(".import-")]


def test_import_refuses_a_folder_in_the_way_even_with_force(tmp_path):
    gold = tmp_path / "gold"
    (gold / "one.json").mkdir(parents=True)
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_gold("one")]))
    with pytest.raises(InputError, match="not a regular file"):
        import_gold(export, gold, force=True)


def test_import_reports_bad_json(tmp_path):
    export = tmp_path / "export.json"
    export.write_text("[{")
    with pytest.raises(InputError, match="not JSON"):
        import_gold(export, tmp_path / "gold")


def test_strict_gold_refuses_coercion_impossible_dates_and_unknown_codes_in_one_message(
    tmp_path,
):
    rows = [
        _gold("fine", countries=[{"code": "XKX", "role": "participant"}]),
        {**_gold("feb"), "date": "2024-02-30", "release_date": "2024-13-01"},
        {**_gold("codes", publisher="JPN"), "duration_minutes": "20",
         "countries": [{"code": "ZZZ", "role": "participant"}]},
        {**_gold("enums"), "meeting_type": "lunch", "start_time": "9:00",
         "organisations": [{"name": "NATO", "acronym": "NATO", "role": "host"}]},
        {**_gold("kinds"), "duration_minutes": True, "title": 7, "topics": [""],
         "publisher": "ZZZ"},
    ]
    del rows[4]["location"]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(rows))
    gold = tmp_path / "gold"
    with pytest.raises(InvalidGold) as info:
        import_gold(export, gold)
    message = str(info.value)
    assert message.startswith("4 of 5 record(s) are not valid gold; nothing was written")
    expected = [
        "record 1 ('feb'): release_date: '2024-13-01' is not a calendar date",
        "record 1 ('feb'): date: '2024-02-30' is not a calendar date",
        "record 2 ('codes'): duration_minutes: Input should be a valid integer (got '20')",
        "record 2 ('codes'): countries.0.code: 'ZZZ' is not an ISO 3166-1 alpha-3 code",
        "record 3 ('enums'): meeting_type: Input should be 'meeting',",
        "record 3 ('enums'): start_time: String should match pattern",
        "record 3 ('enums'): organisations.0.role: Input should be 'participant' or",
        "record 4 ('kinds'): publisher: 'ZZZ' is neither an ISO 3166-1 alpha-3 code nor",
        "record 4 ('kinds'): title: Input should be a valid string (got 7)",
        "record 4 ('kinds'): duration_minutes: Input should be a valid integer (got True)",
        "record 4 ('kinds'): location: missing",
        "record 4 ('kinds'): topics.0: String should have at least 1 character",
    ]
    for line in expected:
        assert line in message, line
    assert len(info.value.problems) == len(expected)
    assert "'fine'" not in message
    assert not gold.exists()


def test_strict_gold_accepts_the_corpus_own_codes_and_organisation_publishers():
    rows = [
        _gold("kos", publisher="NATO", date="2024-02-29",
              countries=[{"code": c, "role": "mentioned"} for c in ("XKX", "TWN", "PSE")]),
        _gold("eu", publisher="EU", duration_minutes=0, start_time="23:59"),
    ]
    assert [r["doc_id"] for r in parse_export(rows)] == ["kos", "eu"]
    assert list(GoldRecord.model_fields) == list(GOLD_FIELDS)


def test_every_shipped_gold_file_passes_the_strict_model():
    folders = [REPO / "tests" / "data" / "heldout", REPO / "tests" / "data" / "heldout2"]
    if SHARED.is_dir():
        folders.append(SHARED / "corpus" / "dev")
    files = [f for folder in folders for f in folder.rglob("*.json")]
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    records = [r for r in records if isinstance(r, dict) and "officials" in r]
    assert len(records) >= 30
    parse_export(records)


def test_import_refuses_absurd_nesting_with_a_clear_error(tmp_path):
    export = tmp_path / "export.json"
    export.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(InputError, match="nested too deeply"):
        import_gold(export, tmp_path / "gold")
    result = runner.invoke(app, ["review", "import", str(export), "-o", str(tmp_path / "g")])
    assert result.exit_code == 2 and "nested too deeply" in result.output
    export.write_text(json.dumps([{**_gold("x"), "topics": [[[["deep"]]]]}]))
    with pytest.raises(InvalidGold, match=r"topics\.0: Input should be a valid string"):
        import_gold(export, tmp_path / "gold")


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_midway_writes_no_gold_at_all(tmp_path, monkeypatch, existing):
    import errno

    from diplex.review import gold as gold_module

    gold = tmp_path / "gold"
    if existing:
        gold.mkdir()
        (gold / "one.json").write_text("ORIGINAL")
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_gold("one"), _gold("two"), _gold("three")]))
    opened = []

    def full_disk_on_the_third(path, *args, **kwargs):
        opened.append(path)
        if len(opened) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(gold_module, "open", full_disk_on_the_third, raising=False)
    with pytest.raises(OSError, match="No space left"):
        import_gold(export, gold, force=True)
    assert len(opened) == 3
    if existing:
        assert [p.name for p in gold.iterdir()] == ["one.json"]
        assert (gold / "one.json").read_text() == "ORIGINAL"
    else:
        assert not gold.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"] + ["gold"] * existing


# ---------- CLI ----------


def test_cli_review_writes_page_by_default_command(tmp_path):
    pred, texts = write_inputs(tmp_path)
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(pred), "--texts", str(texts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = _data_of(out.read_text(encoding="utf-8"))
    assert [d["key"] for d in data["docs"]] == ["call-alpha", "visit-beta", "xss-gamma"]
    assert all(d["has_text"] for d in data["docs"])


def test_cli_review_finds_texts_in_subfolders(tmp_path):
    pred, texts = write_inputs(tmp_path)
    (texts / "nested").mkdir()
    (texts / "visit-beta.txt").rename(texts / "nested" / "visit-beta.txt")
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["review", "build", str(pred), "-t", str(texts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert all(d["has_text"] for d in _data_of(out.read_text(encoding="utf-8"))["docs"])


def test_cli_review_bad_input_exits_2(tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("oops\n")
    result = runner.invoke(
        app, ["review", str(pred), "--texts", str(tmp_path), "-o", str(tmp_path / "o.html")]
    )
    assert result.exit_code == 2
    assert "pred.jsonl:1" in result.output
    assert not (tmp_path / "o.html").exists()
    result = runner.invoke(app, ["review", str(pred), "--texts", str(tmp_path / "none")])
    assert result.exit_code == 2


def test_cli_import_force_and_refusals(tmp_path):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_gold("one")]))
    gold = tmp_path / "gold"
    args = ["review", "import", str(export), "-o", str(gold)]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    export.write_text(json.dumps([_gold("../escape")]))
    bad = runner.invoke(app, args)
    assert bad.exit_code == 2 and "plain file name" in bad.output
    assert not (tmp_path / "escape.json").exists()


def test_a_duplicate_record_has_its_own_field_problems_listed_too(tmp_path):
    rows = [_gold("twice"), {**_gold("twice"), "duration_minutes": "20"}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(rows))
    with pytest.raises(InvalidGold) as info:
        import_gold(export, tmp_path / "gold")
    assert info.value.problems == [
        "record 1 ('twice'): doc_id appears twice in the export",
        "record 1 ('twice'): duration_minutes: Input should be a valid integer (got '20')",
    ]
