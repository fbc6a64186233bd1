"""Who took part (``diplex.roles``): releases in our own words, run through the Extractor.

Each test is one rule of the module docstring, with a near miss beside it.
"""

from __future__ import annotations

import pytest


def participants(record) -> list[str]:
    return sorted(c.code for c in record.countries if c.role == "participant")


def mentioned(record) -> list[str]:
    return sorted(c.code for c in record.countries if c.role == "mentioned")


def test_bilateral_call_officials_and_roles(extractor):
    record = extractor.extract(
        "Press Releases\nJapan-Chile Foreign Ministers' Telephone Talk\nApril 2, 2024\n"
        "On April 2, commencing at 9:00 a.m. for approximately 20 minutes, Mr. OTA Kenji, "
        "Minister for Foreign Affairs of Japan, held a telephone talk with H.E. Ms. Lucia "
        "Gomez Ortega, Minister of Foreign Affairs of the Republic of Chile. The two ministers "
        "discussed the situation in Ukraine and Russia's aggression.\n"
    )
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Ota", "JPN"), ("Gomez Ortega", "CHL")
    ]
    assert participants(record) == ["CHL", "JPN"]
    assert mentioned(record) == ["RUS", "UKR"]
    assert record.meeting_type == "telephone_talk"


def test_person_set_aside_in_the_report_sentence_is_not_a_participant(extractor):
    record = extractor.extract(
        "On May 5, Mr. Taro Yamada, Minister for Foreign Affairs of Japan, who is accompanying "
        "Mr. Ichiro Sato, Prime Minister of Japan, on his visit, met H.E. Mr. Paul Martin, "
        "Minister of Foreign Affairs of Canada. They discussed trade.\n"
    )
    assert [o.family_name for o in record.officials] == ["Yamada", "Martin"]


def test_delegation_list_states_take_part(extractor):
    record = extractor.extract(
        "On June 3, Ms. KATO Yuki, Minister for Foreign Affairs of Japan, received a courtesy "
        "call from the Ambassadors of Norway, Finland and the Republic of Estonia to the "
        "European Union. They discussed energy security and China's policies.\n"
    )
    assert participants(record) == ["EST", "FIN", "JPN", "NOR"]
    assert mentioned(record) == ["CHN"]
    assert record.meeting_type == "courtesy_call"


def test_hyphen_compound_naming_the_meeting(extractor):
    record = extractor.extract(
        "Press Releases\nJapan-Mongolia Foreign Ministers' Meeting\nJuly 9, 2024\n"
        "On July 9, the Foreign Ministers of both states met in Tokyo and discussed the "
        "Japan-ASEAN relationship and mining.\n"
    )
    assert participants(record) == ["JPN", "MNG"]
    assert record.location == "Tokyo"
    assert record.organisations[0].role == "mentioned"


def test_publisher_from_the_subject_fills_an_unstated_minister(extractor):
    record = extractor.extract(
        "Minister for Foreign Affairs Anna Berg of Sweden met Foreign Minister Karl Dahl in "
        "Stockholm on 4 May 2024. Minister Dahl thanked Minister Berg. The two discussed the "
        "partnership between Sweden and Denmark.\n"
    )
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Berg", "SWE"), ("Dahl", None)
    ]
    assert "official_country_unknown" in record.warning_codes()


def test_envoy_accredited_to_the_host_names_the_publisher(extractor):
    record = extractor.extract(
        "On March 1, commencing at 2:00 p.m., Mr. MORI Jiro, Minister for Foreign Affairs, "
        "received a courtesy call from H.E. Mr. Jonas Berg, Ambassador of Sweden to Japan.\n",
        release_date="2024-03-01",
    )
    assert record.publisher == "JPN"
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Mori", "JPN"), ("Berg", "SWE")
    ]
    assert participants(record) == ["JPN", "SWE"]
    assert {"publisher_inferred", "country_from_publisher"} <= set(record.warning_codes())


def test_caller_given_publisher_wins(extractor):
    record = extractor.extract(
        "The Foreign Minister held talks with Ms. Jane Doe, Foreign Secretary of the United "
        "Kingdom, on 2 June 2024.",
        publisher="IRL",
    )
    assert record.publisher == "IRL"
    assert participants(record) == ["GBR", "IRL"]


def test_unnamed_office_in_the_headline_gives_the_state(extractor):
    record = extractor.extract(
        "Press Release\nMinister for Trade Calls on President of Ghana\n3 April 2024\n"
        "Minister for Trade Dr Ken Lim called on President Kofi Mensah in Accra on 3 April "
        "2024. They discussed the growing partnership between Singapore and Ghana.\n"
    )
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Lim", "SGP"), ("Mensah", "GHA")
    ]
    assert record.location == "Accra"
    assert record.meeting_type == "courtesy_call"


def test_a_later_sentence_reporting_an_encounter_names_a_participant(extractor):
    record = extractor.extract(
        "Visit of the Foreign Minister to Oman\nForeign Minister Lena Weber travelled to Oman "
        "for talks on regional security.\nMinister Weber held a meeting with Foreign Minister "
        "Nasser al-Harthi of Oman and discussed shipping in the Gulf.",
        publisher="DEU",
    )
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Weber", "DEU"), ("al-Harthi", "OMN")]
    assert participants(record) == ["DEU", "OMN"]


@pytest.mark.parametrize(
    "second",
    [
        "Minister Weber last met Foreign Minister Nasser al-Harthi of Oman in May.",
        "Minister Weber welcomed the fact that President Ali Hamed of Oman had spoken.",
        "Minister Weber will meet Foreign Minister Nasser al-Harthi of Oman next year.",
    ],
)
def test_other_encounters_do_not_make_participants(extractor, second):
    record = extractor.extract(
        "Foreign Minister Lena Weber met the Ambassador of Chile, Ana Lagos, in Berlin today.\n"
        + second, publisher="DEU")
    assert "OMN" not in participants(record)


def test_headline_office_of_the_counterpart_is_not_the_named_ministers(extractor):
    record = extractor.extract(
        "Foreign Minister Dewi Lestari Holds Bilateral Meeting with Foreign Minister of Chile\n"
        "Jakarta, 20 January 2024\nForeign Minister Dewi Lestari held a bilateral meeting with "
        "Chile's Minister of Foreign Affairs Ana Lagos at the Ministry. They discussed trade.")
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Lestari", "IDN"), ("Lagos", "CHL")]  # IDN from the dateline's capital
