"""Capitalised phrases that are not people never become officials: cities of several words
before an appositive ("In New York, Foreign Minister X of Y ..."), agreements and bodies
("Free Trade Area", "Joint Commission"). Inputs generated over cities and phrases."""

from __future__ import annotations

import pytest

CITIES = ["New York", "Rio de Janeiro", "Buenos Aires", "Kuala Lumpur", "Addis Ababa",
          "New Delhi", "Abu Dhabi", "Hong Kong"]


@pytest.mark.parametrize("city", CITIES)
def test_a_city_before_an_appositive_is_no_person(extractor, city) -> None:
    text = (f"On the sidelines of the summit in {city}, Foreign Minister Ana Ruiz of Peru met "
            "Foreign Minister Kari Halvorsen of Norway on 3 May 2024.")
    record = extractor.extract(text)
    assert [(o.family_name, o.country) for o in record.officials] == [
        ("Ruiz", "PER"), ("Halvorsen", "NOR")]


@pytest.mark.parametrize("phrase", ["Free Trade Area", "Joint Commission", "Strategic Dialogue",
                                    "Comprehensive Economic Partnership Agreement"])
def test_agreements_and_bodies_are_no_officials(extractor, phrase) -> None:
    text = (f"Foreign Minister Ana Ruiz of Peru met Foreign Minister Kari Halvorsen of Norway "
            f"on 3 May 2024. They welcomed progress on the {phrase} and the Peru-Norway "
            f"{phrase}, and agreed to convene the {phrase} in Lima.")
    record = extractor.extract(text)
    assert [o.family_name for o in record.officials] == ["Ruiz", "Halvorsen"]
