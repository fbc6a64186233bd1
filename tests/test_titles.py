"""Headlines lose the site's name at either end (diplex.normalise.titles, layout rows
``title_separator`` and ``title_site``, the publisher table's page names), on HTML pages
above all, whose ``<title>`` carries it. The titles are invented, after each site's form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplex.batch import iter_results
from diplex.normalise.publishers import load_publishers
from diplex.normalise.titles import TitleTrimmer
from diplex.record import MeetingRecord
from diplex.rules import read_table

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trimmer() -> TitleTrimmer:
    """The trimmer as diplex_layout builds it from the bundled tables."""
    rows = {r["kind"]: r["patterns"] for r in read_table(REPO / "models" / "layout.jsonl")}
    return TitleTrimmer(rows["title_separator"], rows["title_site"], load_publishers())


@pytest.mark.parametrize(("title", "kept"), [
    ("Foreign Secretary meets Indian External Affairs Minister - GOV.UK",
     "Foreign Secretary meets Indian External Affairs Minister"),
    ("Japan-Chile Foreign Ministers' Telephone Talk | Ministry of Foreign Affairs of Japan",
     "Japan-Chile Foreign Ministers' Telephone Talk"),
    ("Global Affairs Canada - Minister Joly meets Peru's Foreign Minister",
     "Minister Joly meets Peru's Foreign Minister"),
    ("Minister Joly meets Peru's Foreign Minister - Canada.ca",
     "Minister Joly meets Peru's Foreign Minister"),
    ("Readout of the President's Call with Chancellor Weber | The White House",
     "Readout of the President's Call with Chancellor Weber"),
    ("Ministry of Foreign Affairs, Republic of Korea :: Foreign Minister Cho Meets Envoy",
     "Foreign Minister Cho Meets Envoy"),
    ("Press releases | Minister Lind meets Kenyan counterpart | Ministry of Foreign Affairs",
     "Minister Lind meets Kenyan counterpart"),
    ("Secretary Vale’s Meeting with Foreign Minister Ortega – United States Department of "
     "State", "Secretary Vale’s Meeting with Foreign Minister Ortega"),
    ("Prime Minister meets President of Ghana - News - Prime Minister of Canada",
     "Prime Minister meets President of Ghana"),
])
def test_site_names_are_dropped(trimmer: TitleTrimmer, title: str, kept: str) -> None:
    assert trimmer.trim(title) == kept
    start, end = trimmer.bounds(title)
    assert title[start:end] == kept


@pytest.mark.parametrize("title", [
    "Japan-Australia Summit - Joint Statement",  # its own separator: no site named
    "Japan–Australia Foreign Ministers' Meeting",  # a dash inside a name
    "Talks with Chile - Global Affairs",  # not the whole name of a site
    "Ministry of Foreign Affairs of Japan",  # a site's name alone: nothing else to keep
    "GOV.UK | Foreign Office",  # "Foreign Office" names no one site: one end kept
    "Minister Ruiz Vidal meets Japanese counterpart",
])
def test_other_titles_are_kept(trimmer: TitleTrimmer, title: str) -> None:
    expected = "Foreign Office" if title.startswith("GOV.UK") else title
    assert trimmer.trim(title) == expected


def test_separators_and_sites_are_data(trimmer: TitleTrimmer) -> None:
    table = load_publishers()
    none = TitleTrimmer([], [], table)
    assert none.trim("Talks - GOV.UK") == "Talks - GOV.UK"
    custom = TitleTrimmer([r"\s+~\s+"], ["my diplomatic digest"], table)
    assert custom.trim("My Diplomatic Digest ~ Talks with Peru") == "Talks with Peru"
    assert custom.trim("Talks with Peru - My Diplomatic Digest") == (
        "Talks with Peru - My Diplomatic Digest")
    assert trimmer.names_site("gov.uk") and not trimmer.names_site("Talks")


BODY = ("On 5 March 2024, the Foreign Secretary, Harriet Vale, held a meeting with the "
        "Minister of Foreign Affairs of Chile, Tomas Ortega, in London. The two ministers "
        "discussed trade, climate and regional security.")


def page(title: str, h1: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><h1>{h1}</h1>"
            f"<p>Published 5 March 2024</p><p>{BODY}</p></body></html>")


def test_html_page_title_loses_the_site_suffix(extractor) -> None:
    record = extractor.extract(page("Foreign Secretary meets Chilean counterpart - GOV.UK",
                                    "Foreign Secretary meets Chilean counterpart"))
    assert record.title == "Foreign Secretary meets Chilean counterpart"
    assert record.publisher == "GBR"  # the site's name still names the publisher


def test_html_files_read_by_batch(tmp_path: Path, extractor) -> None:
    (tmp_path / "jpn.html").write_text(page(
        "Japan-Chile Foreign Ministers' Meeting | Ministry of Foreign Affairs of Japan",
        "Japan-Chile Foreign Ministers' Meeting"), encoding="utf-8")
    (tmp_path / "can.htm").write_text(page(
        "Global Affairs Canada - Minister Joly meets Chile's Foreign Minister",
        "Minister Joly meets Chile's Foreign Minister"), encoding="utf-8")
    (tmp_path / "own.html").write_text(page(
        "Japan-Chile Summit - Joint Statement", "Japan-Chile Summit - Joint Statement"),
        encoding="utf-8")
    results = {r.doc_id: r for r in iter_results([tmp_path], extractor=extractor)}
    assert all(isinstance(r, MeetingRecord) for r in results.values())
    titles = {k: json.loads(v.model_dump_json())["title"] for k, v in results.items()}
    assert titles == {"jpn": "Japan-Chile Foreign Ministers' Meeting",
                      "can": "Minister Joly meets Chile's Foreign Minister",
                      "own": "Japan-Chile Summit - Joint Statement"}
