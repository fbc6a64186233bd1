"""The rule book: declared row schemas, FILE:LINE errors, ``diplex rules check``, overlays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplex.assets import models_dir
from diplex.cli import app
from diplex.rules import TABLES, RuleBook, RuleError, check_folder, read_table

runner = CliRunner()


def _table(folder: Path, name: str, *rows: dict | str, source: str = "a test") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"_source": source})] if source else []
    lines += [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_shipped_table_is_declared_cited_and_passes() -> None:
    reports, problems = check_folder(models_dir())
    assert problems == []
    assert {r.file for r in reports} == set(TABLES)
    assert all(r.source for r in reports), "every table cites its source"
    rows = {r.file: r.rows for r in reports}
    assert rows["countries.jsonl"] >= 190 and rows["publishers.jsonl"] >= 60


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"kind": "title_word", "text": ["Envoy"]}, "texts: Field required"),
        ({"kind": "title_wrod", "texts": ["Envoy"]}, "kind='title_wrod' is not a kind"),
        ({"kind": "title_word", "texts": "Envoy"}, "texts: Input should be a valid list"),
        ({"kind": "title_word", "texts": []}, "texts: List should have at least 1 item"),
    ],
)
def test_a_bad_row_names_file_line_and_problem(tmp_path: Path, row: dict, problem: str) -> None:
    path = _table(tmp_path, "officials.jsonl", {"kind": "honorific", "texts": ["Mr."]}, row)
    with pytest.raises(RuleError) as caught:
        read_table(path)
    assert str(caught.value).startswith(f"{path.resolve()}:3: ")
    assert problem in str(caught.value)
    assert [p.line for p in caught.value.problems] == [3]


def test_no_coercion_and_every_problem_listed(tmp_path: Path) -> None:
    _table(
        tmp_path, "travel_cues.jsonl",
        {"cue": "visit", "mode": "in_person", "confidence": "0.9", "pattern": "visit"},
        "{not json",
        {"cue": "flew", "mode": "in_person", "confidence": 0.9, "pattern": "flew", "extra": 1},
    )
    _, problems = check_folder(tmp_path)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "confidence"), (3, "not valid JSON"), (4, "extra")]


def test_exactly_one_key_where_a_table_says_so(tmp_path: Path) -> None:
    _table(tmp_path, "not_countries.jsonl", {"phrase": "Korean Peninsula"},
           {"head": "Sea", "before": "Gulf of"}, {})
    _, problems = check_folder(tmp_path)
    assert [p.line for p in problems] == [3, 4]
    assert "exactly one of phrase, head, before" in problems[0].message


def test_a_table_without_a_cited_source_and_an_unknown_file_are_problems(tmp_path: Path) -> None:
    _table(tmp_path, "topic_fixed_phrases.jsonl", {"phrase": "rule of law"}, source="")
    _table(tmp_path, "my_notes.jsonl", {"anything": 1})
    _, problems = check_folder(tmp_path)
    messages = sorted(str(p) for p in problems)
    assert any("my_notes.jsonl" in m and "not a rule table" in m for m in messages)
    assert any("topic_fixed_phrases.jsonl:1" in m and "_source" in m for m in messages)


def test_rules_check_cli_lists_tables_and_exits_1_on_a_broken_row(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["rules", "check"])
    assert ok.exit_code == 0, ok.output
    assert "officials.jsonl" in ok.output and f"{len(TABLES)} tables" in ok.output
    _table(tmp_path, "meeting_kinds.jsonl", {"type": "meeting", "pattern": "met", "weak": "no"})
    bad = runner.invoke(app, ["rules", "check", str(tmp_path)])
    assert bad.exit_code == 1
    assert "meeting_kinds.jsonl:2: weak: Input should be a valid boolean" in bad.output
    missing = runner.invoke(app, ["rules", "check", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_a_broken_shipped_copy_fails_the_check(tmp_path: Path) -> None:
    copy = tmp_path / "models"
    shutil.copytree(models_dir(), copy)
    lines = (copy / "publishers.jsonl").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace('"ministry"', '"ministries"', 1)
    (copy / "publishers.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_folder(copy)
    assert [(Path(p.file).name, p.line) for p in problems] == [("publishers.jsonl", 6)]


def test_an_overlay_adds_rows_after_the_shipped_ones(tmp_path: Path) -> None:
    overlay = tmp_path / "mine"
    _table(overlay, "officials.jsonl", {"kind": "title_word", "texts": ["Grand Vizier"]})
    book = RuleBook([overlay])
    rows = book.rows("officials.jsonl")
    assert rows[-1] == {"kind": "title_word", "texts": ["Grand Vizier"]}
    assert rows[:-1] == read_table(models_dir() / "officials.jsonl")
    merged = book.folder()
    assert merged != models_dir() and read_table(merged / "officials.jsonl") == rows
    assert RuleBook([overlay]).folder() == merged, "the same overlay gives the same folder"
    assert read_table(merged / "countries.jsonl") == read_table(models_dir() / "countries.jsonl")


def test_a_bad_overlay_is_refused_before_anything_runs(tmp_path: Path) -> None:
    _table(tmp_path, "officials.jsonl", {"kind": "title_word", "text": ["Envoy"]})
    with pytest.raises(RuleError, match=r"officials\.jsonl:2: texts: Field required"):
        RuleBook([tmp_path])
    with pytest.raises(FileNotFoundError):
        RuleBook([tmp_path / "nowhere"])


CALL = ("Foreign Minister Amina Odhiambo of Kenya {verb} Foreign Minister Tomas Berg of "
        "Norway on 3 March 2024. They discussed trade.")


def test_extractor_with_an_overlay_reads_a_new_call_verb(tmp_path: Path) -> None:
    from diplex import Extractor

    _table(tmp_path, "meeting_kinds.jsonl",
           {"type": "telephone_talk", "pattern": r"\bgossiped over the wire with\b"})
    text = CALL.format(verb="gossiped over the wire with")
    shipped = Extractor().extract(text)
    mine = Extractor(rules=tmp_path)
    assert shipped.meeting_type is None
    record = mine.extract(text)
    assert record.meeting_type == "telephone_talk"
    assert [o.family_name for o in record.officials] == ["Odhiambo", "Berg"]
    # the overlay only adds: a verb the shipped rules know reads as before
    assert mine.extract(CALL.format(verb="spoke by telephone with")).meeting_type == (
        Extractor().extract(CALL.format(verb="spoke by telephone with")).meeting_type)


def test_cli_rules_option_and_its_errors(tmp_path: Path) -> None:
    doc = tmp_path / "call.txt"
    doc.write_text(CALL.format(verb="gossiped over the wire with"), encoding="utf-8")
    overlay = tmp_path / "rules"
    _table(overlay, "meeting_kinds.jsonl",
           {"type": "telephone_talk", "pattern": r"\bgossiped over the wire with\b"})
    out = runner.invoke(app, ["extract", str(doc), "--rules", str(overlay)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["meeting_type"] == "telephone_talk"
    _table(overlay, "meeting_kinds.jsonl", {"type": "telephone_talk"})
    bad = runner.invoke(app, ["extract", str(doc), "--rules", str(overlay)])
    assert bad.exit_code == 2 and "meeting_kinds.jsonl:2: pattern: Field required" in bad.output


def test_evidence_names_the_table_row_its_rule_read() -> None:
    from diplex import extract
    from diplex.provenance import rule_row

    record = extract(
        "Foreign Minister Amina Odhiambo of Kenya met Foreign Minister Tomas Berg of Norway "
        "in Nairobi on 3 March 2024. The two ministers discussed maritime security."
    )
    rows = {e.field: e.rule_row for e in record.evidence}
    assert rows["date"] == "datetime_lexicon.jsonl:day_month_year"
    countries = {e.text: e.rule_row for e in record.evidence if e.field.startswith("countries")}
    assert countries == {"Kenya": "countries.jsonl:KEN", "Norway": "countries.jsonl:NOR"}
    assert any(r and r.startswith("topic_cues.jsonl:") for f, r in rows.items()
               if f.startswith("topics"))
    # every row named is a row of its table; a rule that read no single row names none
    for e in record.evidence:
        if e.rule_row:
            table, row = e.rule_row.split(":", 1)
            schema = TABLES[table]
            ids = {schema.row_id(r, i) for i, r in enumerate(
                read_table(models_dir() / table), start=1)}
            assert row in ids
    assert rule_row("official.title_before", {"name": "Berg"}) is None
    assert rule_row("topic.no_such_cue", "x") is None
    assert rule_row("country.name", "ZZZ") is None


@pytest.mark.parametrize(
    ("table", "row", "problem"),
    [
        ("meeting_kinds.jsonl", {"type": "meeting", "pattern": "(unclosed"},
         "pattern: Value error, pattern does not compile"),
        ("meeting_kinds.jsonl", {"type": "lunch", "pattern": r"\bok\b"},
         "type: Input should be"),
        ("topic_cues.jsonl", {"id": "mine", "pattern": [{"BOGUSATTR": "x"}], "confidence": 0.5},
         "not a spaCy token pattern"),
        ("layout.jsonl", {"kind": "caption", "patterns": ["ok", "[unclosed"]},
         "pattern does not compile"),
        ("participation.jsonl", {"kind": "context_layout", "name": "x", "pattern": "{slot}("},
         "pattern does not compile"),
    ],
)
def test_patterns_and_values_that_would_break_the_pipeline_are_problems(
        tmp_path: Path, table: str, row: dict, problem: str) -> None:
    _table(tmp_path, table, row)
    _, problems = check_folder(tmp_path)
    assert [p.line for p in problems] == [2]
    assert problem in problems[0].message
    with pytest.raises(RuleError):
        RuleBook([tmp_path])


def test_an_overlay_cue_starting_on_any_word_matches_across_sentence_ends(tmp_path: Path) -> None:
    """A topic cue whose first token is not a plain word (here a full stop) can start
    anywhere: the cues are then matched over the whole Doc, as one Matcher would, so a cue
    that runs over a sentence end still finds its topic."""
    from diplex import Extractor

    _table(tmp_path, "topic_cues.jsonl",
           {"id": "xs", "pattern": [{"ORTH": "."}, {"LOWER": "focus"}, {"LOWER": "areas"},
                                    {"LOWER": "were"}], "confidence": 0.9})
    text = ("Foreign Minister Penny Wong met Foreign Secretary Enrique Manalo in Manila on "
            "2 July 2024. Focus areas were maritime security and trade.")
    assert Extractor(rules=tmp_path).extract(text).topics == ["maritime security and trade"]
    assert "maritime security and trade" not in Extractor().extract(text).topics
