"""Event coding (diplex.events.coding): mode, CAMEO code, actors, clock times.

Inputs are constructed record values and short texts of our own; the extraction components
are in flux, so the coding function is tested on its own, plus one end-to-end check.
"""

from __future__ import annotations

import re

import pytest
import spacy

from diplex.events.clock import default_table, iso_duration
from diplex.events.coding import Anchors, code_event, code_values, split_sentences
from diplex.spans import add_char_span


def official(name: str, country: str | None, org: str | None = None) -> dict:
    return {"name": name, "family_name": name.split()[-1], "given_name": None, "title": None,
            "country": country, "organisation": org}


def values(publisher: str | None, *sides: str, **extra) -> dict:
    base = {"publisher": publisher, "meeting_type": "meeting", "date": "2024-03-05",
            "officials": [official(f"Person {s}", s) for s in sides],
            "countries": [], "organisations": [], "location": None}
    base.update(extra)
    return base


def anchor(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_telephone_talk_is_phone_041_with_publisher_as_source():
    result = code_values(values("JPN", "JPN", "USA", meeting_type="telephone_talk"))
    event = result.event
    assert event is not None
    assert (event.event_type, event.mode, event.cameo) == ("CONSULT", "phone", "041")
    assert (event.source.code, event.source.sector) == ("JPN", "GOV")
    assert [(t.code, t.sector) for t in event.targets] == [("USA", "GOV")]


def test_video_conference_is_video_coded_041():
    event = code_values(values("JPN", "JPN", "DEU", meeting_type="video_conference")).event
    assert (event.mode, event.cameo) == ("video", "041")


def test_location_in_the_other_side_is_a_visit_042():
    event = code_values(values("KOR", "KOR", "FRA", location="Paris")).event
    assert (event.mode, event.cameo, event.location_country) == ("visit", "042", "FRA")


def test_location_at_home_is_host_043():
    event = code_values(values("JPN", "JPN", "CZE", location="Tokyo")).event
    assert (event.mode, event.cameo) == ("host", "043")


def test_courtesy_call_received_is_host_with_evidence():
    text = ("Foreign Minister Sato received a courtesy call from Mr. Jan Novak, Minister of "
            "Foreign Affairs of the Czech Republic. They talked about trade.")
    result = code_values(values("JPN", "JPN", "CZE", meeting_type="courtesy_call"), text=text,
                         anchors=Anchors(official=anchor(text, "Sato")))
    assert (result.event.mode, result.event.cameo) == ("host", "043")
    mode_evidence = [e for e in result.evidence if e.field == "event.mode"]
    assert mode_evidence and "courtesy call" in mode_evidence[0].text
    assert text[mode_evidence[0].start:mode_evidence[0].end] == mode_evidence[0].text
    assert result.event.sentence.startswith("Foreign Minister Sato received")


def test_meeting_at_a_summit_abroad_is_third_party_044():
    text = ("On the margins of the G20 summit in Rio de Janeiro, Minister Rao met Minister "
            "Hale of Australia.")
    event = code_values(values("IND", "IND", "AUS"), text=text,
                        anchors=Anchors(official=anchor(text, "Rao"))).event
    assert (event.mode, event.cameo, event.location_country) == ("third-party", "044", "BRA")


def test_margins_cue_without_a_place_is_third_party():
    text = "Minister Rao held talks with Minister Hale on the sidelines of the summit."
    event = code_values(values("IND", "IND", "AUS"), text=text).event
    assert event.mode == "third-party"


def test_guest_visiting_the_publishers_country_is_host():
    text = "Mr. Lee, who is visiting Japan, held talks with Minister Sato over dinner."
    event = code_values(values("JPN", "JPN", "KOR"), text=text,
                        anchors=Anchors(official=anchor(text, "Lee"))).event
    assert event.mode == "host"


def test_visit_to_the_other_sides_city_is_visit():
    text = "During her visit to Canberra, Minister Tane met Foreign Minister Hale."
    event = code_values(values("NZL", "NZL", "AUS"), text=text).event
    assert (event.mode, event.location_country) == ("visit", "AUS")


def test_near_miss_received_a_phone_call_is_phone_not_host():
    text = "Minister Sato received a telephone call from Minister Hale of Australia."
    event = code_values(values("JPN", "JPN", "AUS", meeting_type=None), text=text).event
    assert event.mode == "phone"


def test_near_miss_country_in_topic_is_not_a_place():
    text = "Minister Sato met Minister Mensah of Ghana and discussed the situation in Sudan."
    result = code_values(values("JPN", "JPN", "GHA"), text=text)
    assert (result.event.mode, result.event.cameo) == (None, "040")
    assert "event_mode_unknown" in [w.code for w in result.warnings]


def test_igo_actor_and_several_targets():
    vals = values("NATO", "USA", "GBR")
    vals["officials"].insert(0, official("Secretary General Berg", None, "NATO"))
    event = code_values(vals).event
    assert (event.source.code, event.source.sector) == ("NATO", "IGO")
    assert [t.code for t in event.targets] == ["USA", "GBR"]
    assert event.source.cameo() == "IGONATO" and event.targets[0].cameo() == "USAGOV"


def test_no_publisher_source_is_inferred_with_warning():
    result = code_values(values(None, "FRA", "DEU", meeting_type="telephone_talk"))
    assert result.event.source.code == "FRA"
    assert "event_source_inferred" in [w.code for w in result.warnings]


def test_nothing_reported_gives_no_event():
    empty = {"publisher": "JPN", "meeting_type": None, "officials": [], "countries": []}
    assert code_values(empty).event is None


# --- clock: zone inference order -------------------------------------------------------


def test_stated_zone_beats_location():
    result = code_values(values("JPN", "JPN", "USA", date="2021-07-23", start_time="09:35",
                                location="Washington", meeting_type="telephone_talk"),
                         anchors=Anchors(time_zone="Japan Time"))
    event = result.event
    assert (event.timezone, event.timezone_basis) == ("Asia/Tokyo", "stated")
    assert event.start == "2021-07-23T09:35:00+09:00"


def test_local_time_uses_the_location():
    event = code_values(values("JPN", "JPN", "KOR", date="2018-08-02", start_time="17:40",
                               duration_minutes=35, location="Singapore"),
                        anchors=Anchors(time_zone="local time")).event
    assert (event.timezone, event.timezone_basis) == ("Asia/Singapore", "location")
    assert event.start == "2018-08-02T17:40:00+08:00"
    assert event.duration == "PT35M"


def test_abbreviation_est_in_winter():
    event = code_values(values("USA", "USA", "MEX", date="2024-01-10", start_time="14:00"),
                        anchors=Anchors(time_zone="EST")).event
    assert event.timezone == "America/New_York" and event.start.endswith("-05:00")


def test_location_zone_follows_daylight_saving():
    event = code_values(values("JPN", "JPN", "GBR", date="2023-07-04", start_time="10:00",
                               location="London")).event
    assert (event.timezone, event.timezone_basis) == ("Europe/London", "location")
    assert event.start == "2023-07-04T10:00:00+01:00"


def test_publisher_capital_is_the_last_resort_with_warning():
    result = code_values(values("KOR", "KOR", "DEU", date="2021-03-02", start_time="16:00",
                                end_time="17:10", meeting_type="telephone_talk"))
    event = result.event
    assert (event.timezone, event.timezone_basis) == ("Asia/Seoul", "publisher_capital")
    assert event.end == "2021-03-02T17:10:00+09:00"
    assert event.duration == "PT1H10M"
    assert "timezone_from_publisher" in [w.code for w in result.warnings]


def test_local_time_without_location_warns_and_falls_back():
    result = code_values(values("JPN", "JPN", "USA", date="2021-07-23", start_time="20:00",
                                meeting_type="telephone_talk"),
                         anchors=Anchors(time_zone="local time"))
    codes = [w.code for w in result.warnings]
    assert "local_time_without_location" in codes
    assert result.event.timezone_basis == "publisher_capital"


def test_unknown_zone_label_is_not_guessed():
    result = code_values(values("IND", "IND", "IRL", date="2022-05-01", start_time="09:00"),
                         anchors=Anchors(time_zone="IST"))
    assert "unknown_time_zone" in [w.code for w in result.warnings]
    assert result.event.timezone_basis == "publisher_capital"


def test_iso_durations():
    assert [iso_duration(m) for m in (20, 70, 60, 0, None)] == [
        "PT20M", "PT1H10M", "PT1H", "PT0M", None]
    with pytest.raises(ValueError):
        iso_duration(-5)


def test_zone_labels_and_cities():
    table = default_table()
    assert table.label_zone("(Japan Time)") == "Asia/Tokyo"
    assert table.label_zone("Beijing time") == "Asia/Shanghai"
    assert table.label_zone("local time") is None
    assert table.city("Washington, D.C.").country == "USA"
    assert table.capital_zone("NATO") == "Europe/Brussels"


def test_rule_sentence_split_keeps_honorifics():
    text = "Mr. Kono met Dr. Kang. They talked."
    assert [text[s:e] for s, e in split_sentences(text)] == ["Mr. Kono met Dr. Kang.",
                                                             "They talked."]


# --- the assemble hook on a Doc ------------------------------------------------------


def test_code_event_reads_doc_spans_and_fills_builder():
    nlp = spacy.blank("en")
    text = "On March 5, at 3 p.m. (Japan Time), Minister Sato held a telephone talk with Mr. Hale."
    doc = nlp(text)
    s, e = anchor(text, "3 p.m. (Japan Time)")
    add_char_span(doc, s, e, "TIME", {"start": "15:00", "end": None, "zone": "Japan Time"},
                  "test", 1.0)
    s, e = anchor(text, "telephone talk")
    add_char_span(doc, s, e, "MEETING", "telephone_talk", "test", 1.0)

    class Builder:
        evidence: list = []
        warnings: list = []

    out = Builder()
    vals = values("JPN", "JPN", "AUS", meeting_type="telephone_talk", start_time="15:00")
    event = code_event(doc, vals, out)
    assert event.start == "2024-03-05T15:00:00+09:00"
    fields = {ev.field: ev.text for ev in out.evidence}
    assert fields["event.mode"] == "telephone talk"
    assert fields["event.timezone"] == "3 p.m. (Japan Time)"


def test_end_to_end_phone_call(extractor):
    text = ("Foreign Minister Sato Hanako held a telephone talk with Mr. Daniel Hale, Minister "
            "for Foreign Affairs of Australia, on March 5, 2024.")
    record = extractor.extract(text, doc_id="e2e", release_date="2024-03-05", publisher="JPN")
    assert record.event is not None
    assert (record.event.mode, record.event.cameo) == ("phone", "041")
    assert record.event.source.code == "JPN"
    assert any(e.field == "event.mode" for e in record.evidence)
    assert re.fullmatch(r"04[01]", record.event.cameo)
