"""The publisher table (``models/publishers.jsonl``, :mod:`diplex.normalise.publishers`) and how
the page names its publisher (``diplex_layout``): inputs in our own words, with near misses."""

from __future__ import annotations

import json

import pytest

from diplex.assemble import check_publisher
from diplex.assets import models_dir
from diplex.normalise.publishers import PublisherTable, _row, load_publishers
from diplex.rules import read_table
from diplex.spans import spans

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
              "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA")


@pytest.fixture(scope="module")
def table() -> PublisherTable:
    return load_publishers()


@pytest.fixture(scope="module")
def nlp():
    from diplex.pipeline import build_pipeline

    return build_pipeline()


def test_table_covers_the_g20_and_forty_more(table) -> None:
    codes = {row.code for row in table.rows}
    assert set(G20_STATES) | {"EU", "AU"} <= codes
    assert len(codes - set(G20_STATES) - {"EU", "AU"}) >= 40
    for code in G20_STATES:
        row = table.get(code)
        assert row is not None and row.ministry and row.foreign_minister and row.source, code


def test_every_code_is_a_valid_publisher_and_cites_a_source(table) -> None:
    for row in table.rows:
        assert check_publisher(row.code) == row.code
        assert row.source.startswith("https://"), row.code


def test_header_row_says_where_the_data_comes_from() -> None:
    first = json.loads((models_dir() / "publishers.jsonl").read_text("utf-8").splitlines()[0])
    assert "_source" in first and "_description" in first


def test_a_phrase_naming_two_publishers_is_refused() -> None:
    rows = [_row({"code": "AAA", "name": "A", "site": ["Shared Name"]}, "t"),
            _row({"code": "BBB", "name": "B", "ministry": ["shared  name"]}, "t")]
    with pytest.raises(ValueError, match="both AAA and BBB"):
        PublisherTable(rows)


def test_bad_rows_name_the_problem() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        _row({"code": "AAA", "name": "A", "ministries": []}, "f: row 3")
    with pytest.raises(ValueError, match="date_order"):
        _row({"code": "AAA", "name": "A", "date_order": "YMD"}, "f: row 3")
    with pytest.raises(ValueError, match="list of non-empty strings"):
        _row({"code": "AAA", "name": "A", "site": "GOV.UK"}, "f: row 3")


def test_generic_ministry_names_are_not_listed() -> None:
    generic = {"ministry of foreign affairs", "prime minister's office", "office of the "
               "president", "ministry of external relations", "department of foreign affairs"}
    for row in read_table(models_dir() / "publishers.jsonl"):
        for key in ("ministry", "government", "site"):
            for phrase in row.get(key, []):
                assert phrase.casefold().strip("^$") not in generic, (row["code"], phrase)


def test_phrases_match_whole_words_any_apostrophe_any_spacing(table) -> None:
    hits = table.find("Prime Minister’s Office   of\nJapan")
    assert [(h.code, h.kind) for h in hits] == [("JPN", "government")]
    assert table.find("Foreign, Commonwealth & Development Officer") == []
    assert [h.code for h in table.find("www.mfa.gov.sg")] == ["SGP"]


def test_line_anchored_phrases_fill_their_line(table) -> None:
    assert [h.code for h in table.find("Home\nUnited Nations\nReadout")] == ["UN"]
    assert table.find("meeting at the United Nations in New York") == []


def test_state_unique_titles(table) -> None:
    assert table.title_state("Minister of State for External Affairs").code == "IND"
    assert table.title_state("Federal Councillor").code == "CHE"
    assert table.title_state("Minister of Foreign Affairs") is None  # many states
    assert table.title_state("Secretary of State") is None  # the US, the UK, the Holy See


def test_date_order(table) -> None:
    assert table.date_order("USA") == "MDY"
    assert table.date_order("PHL") == "MDY"
    assert table.date_order("GBR") == "DMY"
    assert table.date_order("NOR") == "DMY"
    assert table.date_order("ZZZ") == "DMY"  # not in the table: day first
    assert table.date_order("JPN") is None  # pages use both orders
    assert table.date_order(None) is None


def _publisher(nlp, text: str) -> tuple[str | None, str | None]:
    found = spans(nlp(text), "PUBLISHER")
    return (found[0]._.diplex_value, found[0]._.diplex_rule) if found else (None, None)


@pytest.mark.parametrize(
    ("page", "code", "rule"),
    [
        ("Ministerial meeting\n4 June 2024\nThe Foreign Minister met the Ambassador of Chile "
         "today to discuss trade and copper exports.\nMinistry of Foreign Affairs of the "
         "Republic of Indonesia", "IDN", "layout.publisher.ministry"),
        ("Itamaraty\nMinister receives Chilean counterpart\nThe Foreign Minister received the "
         "Foreign Minister of Chile in Brasilia today to discuss regional integration.", "BRA",
         "layout.publisher.ministry"),
        ("MFA Press Statement: Minister's call with the Foreign Minister of Peru\n4 June 2024\n"
         "The Minister spoke with the Foreign Minister of Peru this afternoon about trade and "
         "the Pacific.", "SGP", "layout.publisher.ministry"),
        ("PM meeting with President Otieno of Kenya: 4 June 2024\nThe Prime Minister met "
         "President Otieno of Kenya in London today to discuss trade and climate finance.",
         "GBR", "layout.publisher.headline"),
        ("Tánaiste meets Foreign Minister of Chile\n4 June 2024\nThe Tánaiste met the Foreign "
         "Minister of Chile in Dublin today to discuss trade and the Antarctic.", "IRL",
         "layout.publisher.title"),
        ("Meeting with the Foreign Minister of Chile\nDoha, 4 June 2024\nThe Minister met the "
         "Foreign Minister of Chile in Doha today to discuss trade and energy security.",
         "QAT", "layout.publisher.dateline"),
    ],
)
def test_publisher_read_from_the_page(nlp, page, code, rule) -> None:
    assert _publisher(nlp, page) == (code, rule)


@pytest.mark.parametrize(
    "page",
    [
        # another state's office in the headline is its holder's title, not the page's name
        "Outcome of talks with the Minister of State at the Federal Foreign Office of Germany\n"
        "The Vice Minister held talks with the Minister of State at the Federal Foreign Office "
        "of Germany today on regional issues.",
        # a state-unique title after the headline's verb is the counterpart's
        "Minister meets External Affairs Minister of India\n4 June 2024\nThe Minister met the "
        "External Affairs Minister of India today in Lima to discuss mining and trade.",
        # a dateline of a city that is no capital names no publisher
        "Meeting with the Foreign Minister of Chile\nGeneva, 4 June 2024\nThe Minister met the "
        "Foreign Minister of Chile in Geneva today to discuss trade and energy security.",
        # "Ministry of Foreign Affairs" alone names no state
        "Ministry of Foreign Affairs\nMinister meets Chilean counterpart\nThe Minister met the "
        "Foreign Minister of Chile today to discuss regional integration and trade matters.",
    ],
)
def test_publisher_not_guessed(nlp, page) -> None:
    assert _publisher(nlp, page) == (None, None)


def test_dateline_gives_the_release_date_and_is_not_the_meeting_date(extractor) -> None:
    record = extractor.extract(
        "Ministers hold working lunch in Geneva\n\nBern, 14.03.2024 - Over a working lunch in "
        "Geneva, Federal Councillor Marc Keller and the Foreign Minister of Chile, Ana Lagos, "
        "discussed trade and the situation in Sudan."
    )
    assert record.release_date == "2024-03-14"
    assert record.publisher == "CHE"
    assert record.date is None  # written in Bern; the lunch was in Geneva on a day not given
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Keller", "CHE"), ("Lagos", "CHL")]


def test_dateline_of_the_meeting_city_dates_the_meeting(extractor) -> None:
    record = extractor.extract(
        "Meeting with the Foreign Minister of Chile\nRome, 5 June 2024\nThe Minister met the "
        "Foreign Minister of Chile, Ana Lagos, at 11h00 in Rome to discuss trade.",
        publisher="ITA",
    )
    assert (record.date, record.start_time, record.location) == ("2024-06-05", "11:00", "Rome")
    assert "date_from_dateline" in {w.code for w in record.warnings}


@pytest.mark.parametrize(("publisher", "release"), [("USA", "2024-03-08"), ("GBR", "2024-08-03"),
                                                    (None, None)])
def test_numeric_release_date_in_the_publishers_order(extractor, publisher, release) -> None:
    record = extractor.extract(
        "03/08/2024 | Press Release\nMinister meets Foreign Minister of Chile\nThe Minister "
        "met the Foreign Minister of Chile, Ana Lagos, today to discuss trade.",
        publisher=publisher,
    )
    assert record.release_date == release
    codes = {w.code for w in record.warnings}
    assert ("date_ambiguous" in codes) == (publisher is None)


def test_find_tries_only_first_words_and_finds_what_a_full_scan_finds() -> None:
    """PublisherTable.find tries its patterns only where a phrase's first word starts; the
    hits equal those of a scan at every character, on pages built from the table itself."""
    from diplex.normalise.publishers import PAGE_FIELDS, load_publishers

    table = load_publishers()
    phrases = [p.lstrip("^").rstrip("$") for r in table.rows
               for k in (*PAGE_FIELDS, "unique_titles", "foreign_minister")
               for p in getattr(r, k)]
    pages = [
        " ".join(f"x{p}" if i % 7 == 0 else p.upper() if i % 5 == 0 else p
                 for i, p in enumerate(phrases[j : j + 12]))
        + "\nMinister of State at the Federal Foreign Office, 10 Downing Street."
        for j in range(0, len(phrases), 12)
    ]
    first_words = table._first_words
    kinds = [PAGE_FIELDS, ("unique_titles", "foreign_minister"), ("headline",)]
    try:
        for page in pages:
            for k in kinds:
                table._first_words = first_words
                fast = table.find(page, k)
                table._first_words = {}
                assert fast == table.find(page, k)
    finally:
        table._first_words = first_words
    assert sum(len(table.find(p)) for p in pages) > len(pages)


def test_find_in_a_range_cutting_words_equals_the_full_scan() -> None:
    """A range may cut a word at either end: the cached word runs of the page are cut as a
    scan of the range alone would cut them. A phrase that starts with a sign ("@SwissMFA")
    is found at the sign, as the full scan finds it."""
    import random

    from diplex.normalise.publishers import PAGE_FIELDS, load_publishers

    table = load_publishers()
    page = ("Ministry of Foreign Affairs of the Republic of Poland | GOV.UK\nForeign Secretary "
            "met the Federal Foreign Office and Global Affairs Canada, Ministerstwo Spraw "
            "Zagranicznych, 10 Downing Street. Follow @SwissMFA, x@SwissMFA and (@SwissMFA).\n") * 3
    rng = random.Random(5)
    first_words = table._first_words
    try:
        for _ in range(300):
            a = rng.randrange(len(page))
            b = rng.randrange(a, len(page) + 1)
            table._first_words = first_words
            fast = table.find(page, PAGE_FIELDS, a, b)
            table._first_words = {}
            assert fast == table.find(page, PAGE_FIELDS, a, b), (a, b)
    finally:
        table._first_words = first_words
    assert table.find(page, PAGE_FIELDS)
    assert all(v is not None for v in first_words.values())  # every kind is prefiltered
    # "x@SwissMFA" is no name: a phrase does not start inside a word
    assert sum(h.phrase == "@SwissMFA" for h in table.find(page, PAGE_FIELDS)) == 6


def test_sign_led_phrases_keep_case_and_apostrophe_equivalence() -> None:
    """A phrase that starts with a sign is found, as by the full scan, whatever the sign's
    case and whichever apostrophe the page uses."""
    from diplex.normalise.publishers import PAGE_FIELDS, Publisher, PublisherTable

    table = PublisherTable([Publisher(code="LIE", name="Liechtenstein", ministry=(
        "ⓛiechtenstein Foreign Office", "'s Aussenministerium Vaduz"))])
    page = "ⓁIECHTENSTEIN FOREIGN OFFICE\n’s Aussenministerium Vaduz\n's aussenministerium VADUZ"
    fast = table.find(page, PAGE_FIELDS)
    first_words = table._first_words
    table._first_words = {}
    try:
        assert fast == table.find(page, PAGE_FIELDS)
    finally:
        table._first_words = first_words
    assert [h.code for h in fast] == ["LIE", "LIE", "LIE"]
