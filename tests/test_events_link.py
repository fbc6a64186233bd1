"""Linking accounts of one meeting (diplex.link), export formats and the CLI commands."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner

import diplex
from diplex.cli import app
from diplex.events.export import cameo_rows, csv_rows, plover_records


def official(name: str, country: str) -> dict:
    parts = name.split()
    return {"name": name, "family_name": parts[-1], "given_name": " ".join(parts[:-1]) or None,
            "title": "Foreign Minister", "country": country, "organisation": None}


def record(doc_id: str, publisher: str, day: str, kind: str = "telephone_talk",
           officials: tuple[tuple[str, str], ...] = (("Harriet Vale", "AUS"),
                                                      ("Tomás Ortega", "CHL")),
           **extra) -> dict:
    base = {"doc_id": doc_id, "publisher": publisher, "release_date": day, "date": day,
            "meeting_type": kind, "officials": [official(n, c) for n, c in officials],
            "countries": [{"code": c, "role": "participant"} for _, c in officials]}
    base.update(extra)
    return base


# Two accounts of one invented call, worded differently: the Chilean one is dated a day
# later (the call was in the Australian evening, the Chilean morning).
AUS_ACCOUNT = record("aus-call", "AUS", "2024-03-05")
CHL_ACCOUNT = record("chl-call", "CHL", "2024-03-06",
                     officials=(("Tomas Ortega", "CHL"), ("Harriet Vale", "AUS")))


def groups(events) -> list[set[str]]:
    return [{a.doc_id for a in e.accounts} for e in events]


def test_two_accounts_a_day_apart_are_one_event_with_disagreement():
    events = diplex.link([AUS_ACCOUNT, CHL_ACCOUNT])
    assert groups(events) == [{"aus-call", "chl-call"}]
    event = events[0]
    assert event.kind == "phone" and event.actors == ["AUS", "CHL"]
    assert event.date == "2024-03-05"
    assert [d.field for d in event.disagreements] == ["date"]
    assert event.disagreements[0].values == {"aus-call": "2024-03-05", "chl-call": "2024-03-06"}
    assert {a.publisher for a in event.accounts} == {"AUS", "CHL"}


def test_same_countries_another_day_kept_apart():
    later = record("chl-call-2", "CHL", "2024-03-09")
    assert sorted(map(sorted, groups(diplex.link([AUS_ACCOUNT, later])))) == [
        ["aus-call"], ["chl-call-2"]]


def test_same_day_phone_call_and_meeting_kept_apart():
    meeting = record("chl-meeting", "CHL", "2024-03-05", kind="meeting", location="Santiago")
    assert len(diplex.link([AUS_ACCOUNT, meeting])) == 2


def test_officials_that_disagree_keep_accounts_apart():
    other = record("chl-other", "CHL", "2024-03-05",
                   officials=(("Tomas Ortega", "CHL"), ("Paul Brandt", "AUS")))
    assert len(diplex.link([AUS_ACCOUNT, other])) == 2


def test_same_publisher_twice_is_two_events():
    again = record("aus-call-2", "AUS", "2024-03-05")
    assert len(diplex.link([AUS_ACCOUNT, again])) == 2


def test_visit_and_host_accounts_of_one_meeting_join():
    visit = record("kor-visit", "KOR", "2019-06-10", kind="meeting", location="Paris",
                   officials=(("Min Ji", "KOR"), ("Claire Dubois", "FRA")))
    host = record("fra-host", "FRA", "2019-06-10", kind="meeting", location="Paris",
                  officials=(("Claire Dubois", "FRA"), ("Min Ji", "KOR")))
    events = diplex.link([visit, host])
    assert groups(events) == [{"kor-visit", "fra-host"}]
    assert sorted(a.mode for a in events[0].accounts) == ["host", "visit"]


def test_no_chaining_through_an_undecided_record():
    undecided = record("aus-x", "AUS", "2024-03-05", kind=None)
    meeting = record("chl-m", "CHL", "2024-03-05", kind="meeting")
    assert len(diplex.link([AUS_ACCOUNT, undecided, meeting])) == 3


def test_ids_are_stable_and_order_independent():
    first = diplex.link([AUS_ACCOUNT, CHL_ACCOUNT])
    second = diplex.link([CHL_ACCOUNT, AUS_ACCOUNT])
    assert first[0].event_id == second[0].event_id
    assert first[0].event_id.startswith("ev-") and len(first[0].event_id) == 19


def test_undated_account_joins_its_only_match_with_warning():
    undated = record("chl-undated", "CHL", "2024-03-05", date=None, release_date=None)
    events = diplex.link([AUS_ACCOUNT, undated])
    assert groups(events) == [{"aus-call", "chl-undated"}]
    assert events[0].warnings == ["linked_without_date"]
    two_calls = [AUS_ACCOUNT, record("aus-call-3", "AUS", "2024-04-20"), undated]
    assert len(diplex.link(two_calls)) == 3  # ambiguous: left alone


def test_gold_pairs_of_the_corpus_are_joined(corpus_dir: Path):
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(corpus_dir.glob("*.json"))}
    pairs = [line.split("\t") for line in
             (corpus_dir / "PAIRS.tsv").read_text(encoding="utf-8").splitlines() if line.strip()]
    events = diplex.link(gold.values())
    joined = [g for g in groups(events) if len(g) > 1]
    for a, b in pairs:
        assert {a, b} in joined, f"{a} and {b} not linked"
    assert len(joined) == len(pairs)  # nothing else was merged
    assert sum(len(g) for g in groups(events)) == len(gold)


# --- export ------------------------------------------------------------------------------

VISIT = record("kor-visit", "KOR", "2019-06-10", kind="meeting", location="Paris",
               officials=(("Min Ji", "KOR"), ("Claire Dubois", "FRA"), ("Hans Weber", "DEU")),
               start_time="10:30", duration_minutes=70)


def test_cameo_rows_one_per_dyad_and_skips_undated():
    skipped: list[str] = []
    rows = list(cameo_rows([VISIT, record("no-date", "AUS", "2024-03-05", date=None)],
                           skipped))
    assert rows == [
        ["20190610", "KORGOV", "FRAGOV", "042", "", "kor-visit", "KOR", ""],
        ["20190610", "KORGOV", "DEUGOV", "042", "", "kor-visit", "KOR", ""],
    ]
    assert skipped == ["no-date"]


def test_plover_visit_host_and_phone():
    visit, = plover_records([VISIT])
    assert [a["code"] for a in visit["source"]] == ["KOR"]
    assert [a["code"] for a in visit["recipient"]] == ["FRA", "DEU"]
    assert visit["event"] == ["CONSULT"] and visit["mode"] == ["visit"]
    moment = datetime.fromisoformat(visit["date"] + "T" + visit["time"])
    assert moment.utcoffset() is not None and moment.hour == 10
    assert visit["duration"] == "PT1H10M" and visit["event_loc"]["country"] == "FRA"
    host = record("fra-host", "FRA", "2019-06-10", kind="meeting", location="Paris",
                  officials=(("Claire Dubois", "FRA"), ("Min Ji", "KOR")))
    hosted, = plover_records([host])
    assert [a["code"] for a in hosted["source"]] == ["KOR"]
    assert [a["code"] for a in hosted["recipient"]] == ["FRA"]
    call, = plover_records([record("v", "AUS", "2024-03-05", kind="video_conference")])
    assert call["mode"] == ["phone"] and call["cameo"] == "041" and call["recipient"] == []
    assert [a["code"] for a in call["source"]] == ["AUS", "CHL"]


def test_csv_rows():
    row, = csv_rows([VISIT])
    assert (row["mode"], row["cameo"], row["source"], row["targets"]) == (
        "visit", "042", "KOR", "FRA;DEU")
    assert row["start"] == "2019-06-10T10:30:00+02:00" and row["timezone"] == "Europe/Paris"


# --- CLI ---------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_link(tmp_path: Path):
    src = write_jsonl(tmp_path / "r.jsonl", [AUS_ACCOUNT, CHL_ACCOUNT, VISIT])
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["link", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(events) == 2
    assert len(events[0]["accounts"]) == 2


def test_cli_bad_line_reported_and_exit_1(tmp_path: Path):
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(AUS_ACCOUNT) + "\nnot json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["link", str(src)])
    assert result.exit_code == 1
    assert "r.jsonl:2" in result.output


def test_cli_export_formats(tmp_path: Path):
    src = write_jsonl(tmp_path / "r.jsonl", [VISIT, AUS_ACCOUNT])
    runner = CliRunner()
    cameo = runner.invoke(app, ["export", str(src), "--format", "cameo"])
    assert cameo.exit_code == 0
    lines = [line.split("\t") for line in cameo.stdout.splitlines() if "\t" in line]
    assert [line[:4] for line in lines] == [["20190610", "KORGOV", "FRAGOV", "042"],
                                           ["20190610", "KORGOV", "DEUGOV", "042"],
                                           ["20240305", "AUSGOV", "CHLGOV", "041"]]
    out = tmp_path / "e.csv"
    assert runner.invoke(app, ["export", str(src), "-f", "csv", "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["cameo"] for r in rows] == ["042", "041"]
    plover = runner.invoke(app, ["export", str(src), "-f", "plover"])
    objs = [json.loads(line) for line in plover.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in objs] == ["kor-visit", "aus-call"]
    assert runner.invoke(app, ["export", str(tmp_path / "missing.jsonl")]).exit_code == 2


def test_cli_deeply_nested_line_is_a_bad_line_not_a_crash(tmp_path: Path):
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(AUS_ACCOUNT) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    result = CliRunner().invoke(app, ["link", str(src)])
    assert result.exit_code == 1 and "r.jsonl:2: not a record" in result.output
    assert '"aus-call"' in result.stdout
