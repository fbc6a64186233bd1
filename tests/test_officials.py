"""The ``diplex_officials`` component, on sentences in our own words, with near misses.

The component reads COUNTRY and ORG spans, so the pipeline under test has the countries and
organisations components before it.
"""

from __future__ import annotations

import pytest

from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    return make_nlp("diplex_countries", "diplex_organisations", "diplex_officials")


def officials(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    assert doc._.diplex_error is None
    return [s._.diplex_value for s in spans(doc, "OFFICIAL")]


def test_capitals_family_name_with_appositive_title_and_state(nlp):
    found = officials(
        nlp,
        "On May 3, Ms. TANAKA Hana, Minister for Foreign Affairs of Japan, met H.E. Mr. Pierre "
        "Dubois, Minister for Europe and Foreign Affairs of the French Republic.",
    )
    assert found == [
        {"name": "TANAKA Hana", "family_name": "Tanaka", "given_name": "Hana",
         "title": "Minister for Foreign Affairs", "country": "JPN", "organisation": None,
         "accredited_to": None, "coordinated": False, "state_rule": None},
        {"name": "Pierre Dubois", "family_name": "Dubois", "given_name": "Pierre",
         "title": "Minister for Europe and Foreign Affairs", "country": "FRA",
         "organisation": None, "accredited_to": None, "coordinated": False, "state_rule": None},
    ]


def test_surname_comma_given_names(nlp):
    found = officials(
        nlp,
        "The minister spoke with H.E. Mr. Ivanov, Pyotr Alexeyevich, Minister of Foreign "
        "Affairs of the Russian Federation.",
    )
    assert [(o["name"], o["family_name"], o["given_name"], o["country"]) for o in found] == [
        ("Ivanov, Pyotr Alexeyevich", "Ivanov", "Pyotr Alexeyevich", "RUS")
    ]


def test_title_before_name_with_state_adjective_and_possessive(nlp):
    found = officials(
        nlp,
        "Canadian Minister of Foreign Affairs Jane Miller held talks with Norway's Minister of "
        "Trade Lars Eriksen in Oslo.",
    )
    assert [(o["family_name"], o["title"], o["country"]) for o in found] == [
        ("Miller", "Minister of Foreign Affairs", "CAN"),
        ("Eriksen", "Minister of Trade", "NOR"),
    ]


def test_honorific_inside_title_run_and_postnominals(nlp):
    found = officials(
        nlp,
        "External Affairs Minister Dr. R. Mehta spoke with the Hon. Laura Bennett MP, Minister "
        "for Foreign Affairs of Australia.",
    )
    assert [(o["name"], o["family_name"], o["country"]) for o in found] == [
        ("R. Mehta", "Mehta", "IND"),  # an office only India has (publisher table)
        ("Laura Bennett", "Bennett", "AUS"),
    ]


def test_organisation_official_has_no_state(nlp):
    found = officials(nlp, "NATO Secretary General Anders Holm received the delegation.")
    assert found == [
        {"name": "Anders Holm", "family_name": "Holm", "given_name": "Anders",
         "title": "Secretary General", "country": None, "organisation": "NATO",
         "accredited_to": None, "coordinated": False, "state_rule": None}
    ]


def test_state_closing_the_title_and_name_particles(nlp):
    found = officials(
        nlp,
        "Mr. Karim al Hassan, Federal Minister for Foreign Affairs, Germany, who was visiting, "
        "met the press.",
    )
    assert [(o["family_name"], o["title"], o["country"]) for o in found] == [
        ("al Hassan", "Federal Minister for Foreign Affairs", "DEU")
    ]


def test_of_state_after_the_name(nlp):
    found = officials(
        nlp, "Vice Foreign Minister Li Ming of China met Deputy Minister Ana Costa of Brazil."
    )
    assert [(o["family_name"], o["country"]) for o in found] == [("Li", "CHN"), ("Costa", "BRA")]


def test_party_post_dropped_where_a_state_office_is_given(nlp):
    found = officials(
        nlp,
        "Member of the Political Bureau of the CPC Central Committee and Director of the Office "
        "of Foreign Affairs Zhou Lan spoke by phone with the minister.",
    )
    assert [o["title"] for o in found] == ["Director of the Office of Foreign Affairs"]


@pytest.mark.parametrize(
    "text",
    [
        "The Japan-China Foreign Ministers’ Meeting was held in Tokyo.",
        "Secretary General Welcomes Visitors To Headquarters",
        "Both sides welcomed the Tokyo Conference on Afghanistan.",
        "The Prime Minister held a call with the Australian Prime Minister this morning.",
        "On December 11, the Ministers discussed the Indo-Pacific.",
    ],
)
def test_near_misses_name_no_official(nlp, text):
    assert officials(nlp, text) == []


def test_short_mentions_keep_the_family_name(nlp):
    # "Minister Sato" is the same person as the full mention elsewhere
    found = officials(
        nlp, "Mr. SATO Kenji, Minister for Foreign Affairs, met the press. Minister Sato smiled."
    )
    assert [o["family_name"] for o in found] == ["Sato", "Sato"]


def test_envoy_keeps_the_host_state_in_the_title(nlp):
    found = officials(
        nlp, "The minister received H.E. Mr. Jonas Berg, Ambassador of Sweden to Japan, today."
    )
    assert [(o["title"], o["country"], o["accredited_to"]) for o in found] == [
        ("Ambassador to Japan", "SWE", "JPN")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minister Lind met his Chilean counterpart, Foreign Minister Ana Lagos, today.",
         [("Lind", None), ("Lagos", "CHL")]),
        ("The Minister spoke with her Kenyan counterpart Wanjiru Kamau on Tuesday.",
         [("Kamau", "KEN")]),
        ("Minister Lind met his US counterpart, Deputy Secretary of State, Mr John Hale.",
         [("Lind", None), ("Hale", "USA")]),
        ("Minister Erik Lind met Foreign Minister Omar bin Saleh of the Kingdom of Bahrain.",
         [("Lind", None), ("Omar", "BHR")]),
        ("Minister Lind met Sayyid Nasser Ali al-Harthi, Minister of Foreign Affairs of Oman.",
         [("Lind", None), ("al-Harthi", "OMN")]),
    ],
)
def test_states_tied_by_counterpart_and_of_the(nlp, text, expected):
    found = officials(nlp, text)
    assert [(o["family_name"], o["country"]) for o in found] == expected
    assert all(o["title"] != "counterpart" for o in found)


@pytest.mark.parametrize(
    "text",
    [
        "The ministers reviewed the Free Trade Area and the Joint Commission.",
        "Minister Lind discussed the Comprehensive Economic Partnership Agreement.",
        "The Federal Department of Foreign Affairs FDFA said the talks were useful.",
    ],
)
def test_agreements_bodies_and_ministries_are_not_people(nlp, text):
    names = [o["name"] for o in officials(nlp, text)]
    assert all(w not in " ".join(names) for w in ("Area", "Commission", "Agreement", "FDFA"))
