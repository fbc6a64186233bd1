"""Splitting names into family and given name (``diplex.normalise.names``)."""

from __future__ import annotations

import pytest

from diplex.normalise.names import NameParts, ordinary_case, split_name

PARTICLES = ("al", "von", "der", "van", "de", "bin")


@pytest.mark.parametrize(
    ("name", "country", "known", "family", "given"),
    [
        ("TANAKA Hana", "JPN", (), "Tanaka", "Hana"),  # capitals mark the family name
        ("Hana TANAKA", "JPN", (), "Tanaka", "Hana"),
        ("Ivanov, Pyotr Alexeyevich", "RUS", (), "Ivanov", "Pyotr Alexeyevich"),
        ("Park Ji-won", None, (), "Park", "Ji-won"),  # Korean hyphenated given name
        ("Liu Wei", "CHN", (), "Liu", "Wei"),  # family-first state
        ("Nguyen Van An", "VNM", (), "Nguyen", "Van An"),
        ("Ota Kenji", "JPN", ("Ota",), "Ota", "Kenji"),  # used alone elsewhere: "Minister Ota"
        ("Kenji Ota", "JPN", ("Ota",), "Ota", "Kenji"),
        ("Lucia Gomez Ortega", "ESP", (), "Gomez Ortega", "Lucia"),  # two surnames
        ("Lucia Gomez", "ESP", (), "Gomez", "Lucia"),
        ("Karim al Hassan", "JOR", (), "al Hassan", "Karim"),
        ("Ingrid van der Berg", "NLD", (), "van der Berg", "Ingrid"),
        ("Jean-Marc Leclerc", "FRA", (), "Leclerc", "Jean-Marc"),  # hyphen, capital after it
        ("Maria T. Lopes", "BRA", (), "Lopes", "Maria T."),
        ("Sukarno", "IDN", (), "Sukarno", None),
        ("Hamad bin Khalid bin Saad Al-Mansour", "QAT", (), "Al-Mansour",
         "Hamad bin Khalid bin Saad"),  # an Al- family name after the patronymics
        ("Azman bin Rahim", "MYS", (), "Azman", "bin Rahim"),  # the patronymic is given
        ("Nasser Ali al-Harthi", "OMN", (), "al-Harthi", "Nasser Ali"),
    ],
)
def test_split_name(name, country, known, family, given):
    parts = split_name(name, country=country, particles=PARTICLES, known_family=known)
    assert parts == NameParts(family, given)


def test_empty_name_is_an_error():
    with pytest.raises(ValueError):
        split_name("   ")


def test_ordinary_case_only_touches_capitals():
    assert ordinary_case("OKADA") == "Okada"
    assert ordinary_case("AL-SAUD") == "Al-Saud"
    assert ordinary_case("McDonald") == "McDonald"
    assert ordinary_case("X") == "X"
