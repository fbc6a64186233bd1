"""The publisher from an office's name on a header or footer line of its own; numeric dates
with dashes; family names given alone with their particle.

Inputs are generated from states and formulas (not corpus documents): each formula is tried
with several states, and each negative (a sentence, two states, the headline) too.
"""

from __future__ import annotations

import pytest

from diplex.normalise.names import name_particles, split_name

STATES = [  # code, short name, official name, a minister's name in the state's tradition
    ("POL", "Poland", "Republic of Poland", ("Anna Nowicka", "Nowicka")),
    ("NLD", "the Netherlands", "Kingdom of the Netherlands", ("Pieter de Vries", "de Vries")),
    ("BEL", "Belgium", "Kingdom of Belgium", ("Sophie Janssens", "Janssens")),
    ("KEN", "Kenya", "Republic of Kenya", ("Grace Wanjiru", "Wanjiru")),
    ("CHL", "Chile", "Republic of Chile", ("Tomás Herrera Soto", "Herrera Soto")),
    ("NOR", "Norway", "Kingdom of Norway", ("Kari Halvorsen", "Halvorsen")),
    ("VNM", "Viet Nam", "Socialist Republic of Viet Nam", ("Nguyen Van An", "Nguyen")),
]
FORMULAS = [
    "Ministry of Foreign Affairs {official}",
    "Ministry of Foreign Affairs of {short}",
    "Government of {short}",
    "{official} - Foreign Affairs",
    "Embassy of {short}",
]


def release(header: str, footer: str = "", minister: str = "Anna Lindqvist") -> str:
    return (
        f"{header}\n"
        "Foreign Minister meets Peruvian counterpart\n"
        "4 April 2024\n"
        f"The Foreign Minister, {minister}, met Foreign Minister Javier Soto of Peru "
        "in the capital today. The ministers discussed trade and energy.\n"
        + (f"{footer}\n" if footer else "")
    )


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(("code", "short", "official", "minister"), STATES)
def test_an_office_line_names_the_publisher(extractor, formula, code, short, official,
                                            minister) -> None:
    header = formula.format(short=short, official=official)
    record = extractor.extract(release(header, minister=minister[0]))
    assert record.publisher == code, header
    officials = [(o.family_name, o.country) for o in record.officials]
    assert officials == [(minister[1], code), ("Soto", "PER")], header
    assert {c.code for c in record.countries if c.role == "participant"} == {code, "PER"}


@pytest.mark.parametrize(("code", "short", "official", "minister"), STATES[:4])
def test_the_office_line_may_stand_in_the_footer(extractor, code, short, official,
                                                 minister) -> None:
    record = extractor.extract(release("Press release", f"Ministry of Foreign Affairs of {short}"))
    assert record.publisher == code


@pytest.mark.parametrize(("code", "short", "official", "minister"), STATES[:4])
def test_a_sentence_or_two_states_name_no_publisher(extractor, code, short, official,
                                                    minister) -> None:
    sentence = release("Press release", f"The minister thanked the Government of {short}.")
    assert extractor.extract(sentence).publisher is None
    two = extractor.extract(release(f"Embassy of {short} in Peru"))
    assert two.publisher is None
    assert [o.country for o in two.officials] == [None, "PER"], "no state guessed"


@pytest.mark.parametrize(
    ("publisher", "line", "expected"),
    [
        ("NLD", "News item | 03-05-2025", "2025-05-03"),
        ("POL", "12-06-2024 - Press release", "2024-06-12"),
        ("USA", "Media note 03-05-2025", "2025-03-05"),
    ],
)
def test_a_dashed_numeric_date_line_in_the_publishers_order(extractor, publisher, line,
                                                             expected) -> None:
    text = f"{line}\nMinister Anna Lindqvist met Foreign Minister Javier Soto of Peru in Lima."
    assert extractor.extract(text, publisher=publisher).release_date == expected


def test_a_dashed_numeric_date_with_no_publisher_is_null_with_a_warning(extractor) -> None:
    record = extractor.extract(
        "03-05-2025\nMinister Anna Lindqvist met Foreign Minister Javier Soto of Peru in Lima.")
    assert record.release_date is None
    assert "date_ambiguous" in {w.code for w in record.warnings}


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Van Weel", "Van Weel", None),
        ("Van den Berg", "Van den Berg", None),
        ("Da Silva", "Da Silva", None),
        ("Al Malki", "Al Malki", None),
        ("Jan van den Berg", "van den Berg", "Jan"),
        ("Herman Van Rompuy", "Van Rompuy", "Herman"),
        ("Mauro Vieira", "Vieira", "Mauro"),
    ],
)
def test_a_family_name_given_alone_keeps_its_particle(name, family, given) -> None:
    parts = split_name(name, country="NLD", particles=name_particles())
    assert (parts.family, parts.given) == (family, given)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Tomás Herrera Soto", "Chile", "CHL", "Herrera Soto"),
         ("Javier Soto", "Peru", "PER", "Soto")),
        (("Maria Lopez", "Spain", "ESP", "Lopez"), ("Carlos Lopez", "Mexico", "MEX", "Lopez")),
        (("Kim Min-jun", "Korea", "KOR", "Kim"), ("Kim Ji-woo", "Singapore", "SGP", "Kim")),
    ],
)
def test_two_people_who_share_a_family_name_stay_two(extractor, first, second) -> None:
    text = (f"Foreign Minister {first[0]} of {first[1]} met Foreign Minister {second[0]} of "
            f"{second[1]} in Geneva on 4 April 2024. They discussed trade.")
    record = extractor.extract(text)
    assert [(o.family_name, o.country) for o in record.officials] == [
        (first[3], first[2]), (second[3], second[2])]


@pytest.mark.parametrize(
    ("state", "code"),
    [("Seychelles", "SYC"), ("the Bahamas", "BHS"), ("Barbados", "BRB"), ("Honduras", "HND"),
     ("Solomon Islands", "SLB"), ("the United States", "USA"), ("Maldives", "MDV")],
)
def test_the_possessive_of_a_state_ending_in_s_ties_its_official(extractor, state, code) -> None:
    record = extractor.extract(
        f"3 May 2024\nForeign Minister Kari Halvorsen of Norway met {state}' Foreign Minister "
        "Tesfaye Bekele today. They discussed trade.")
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Halvorsen", "NOR"), ("Bekele", code)]


def test_short_releases_full_of_name_particles_are_english(extractor) -> None:
    from diplex.document import looks_english

    text = ("Minister for Foreign Affairs Maarten van der Linden met Colombia's Minister for "
            "Foreign Affairs Mariana dos Santos and Ambassador Mona el Sayed today.")
    assert looks_english(text)
    record = extractor.extract(f"3 May 2024\n{text}", publisher="NLD")
    assert [o.family_name for o in record.officials] == ["van der Linden", "dos Santos",
                                                         "el Sayed"]
    assert not looks_english("Le ministre des Affaires étrangères a rencontré son homologue "
                             "pour discuter de la coopération et des relations entre les deux "
                             "pays dans le cadre de la visite.")


def test_an_office_that_names_its_own_site_is_still_a_title(extractor) -> None:
    record = extractor.extract(
        "4 February 2025\nToday Foreign Minister Cho Hyun-woo of Korea met Dr. Reza Karimi, "
        "Prime Minister of Canada. They discussed critical minerals.")
    assert [(o.family_name, o.country) for o in record.officials][-1] == ("Karimi", "CAN")
