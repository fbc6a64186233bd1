"""Component ``diplex_locations``: where the meeting was held.

Reads the sentence that reports the encounter (the MEETING span's sentence, from
``diplex_meeting_kind``; else the first body sentence) and adds one LOCATION span, value the
place's name as written:

=================== ======================================================== =====
rule id             form                                                     conf.
=================== ======================================================== =====
location.in_city    "in <GPE or FAC>" where the entity is not a state (a city),  0.8
                    or is a city-state (``models/locations.jsonl``)
location.city_table "in <City>" for a city of ``models/timezones.jsonl`` (capitals 0.75
                    and large cities), where the NER finds no place
location.margins    "on the margins of the <City> Security Conference": the   0.7
                    event's name starts with a city
location.venue_city "at Old Treasury Building, Nairobi": the city after a venue  0.75
location.venue      "at/to <ORG> Headquarters" (a venue word closes the name) 0.7
=================== ======================================================== =====

A press dateline ("OTTAWA, Ontario –", "BEIJING —") is not a meeting place and is never read.
Whether a location applies at all (not for calls) is decided in ``assemble``.
"""

from __future__ import annotations

from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..assets import read_jsonl
from ..spans import add_char_span, spans
from .base import AssetComponent


@Language.factory("diplex_locations", default_config={"assets": None})
def make_locations(nlp: Language, name: str, assets: str | None) -> LocationsComponent:
    """spaCy factory of :class:`LocationsComponent`."""
    return LocationsComponent(nlp, name, assets)


class LocationsComponent(AssetComponent):
    """Adds the LOCATION span of the meeting (see module docstring)."""

    asset_names = ("locations.jsonl", "timezones.jsonl")

    def load_assets(self, folder: Path | None) -> None:
        """Read city-states, venue words and 'margins' cues from ``folder``."""
        table: dict[str, list[str]] = {}
        for row in read_jsonl(self.asset("locations.jsonl", folder)):
            table.setdefault(row["kind"], []).extend(row.get("texts", row.get("patterns", [])))
        self.city_states = frozenset(table.get("city_state", []))
        venue = "|".join(regex.escape(w) for w in table.get("venue_word", []))
        self.venue_re = regex.compile(
            rf"\b(?:at|to|in) (?:the )?((?:\p{{Lu}}[\p{{L}}\-]*\s){{1,4}}(?:{venue}))\b"
        )
        self.margins_re = [regex.compile(p) for p in table.get("margins", [])]
        cities = sorted(
            {row["city"] for row in read_jsonl(self.asset("timezones.jsonl", folder))
             if row.get("kind") == "city"},
            key=len, reverse=True,
        )
        self.cities = frozenset(cities)
        self.city_re = regex.compile(
            r"\b(?:in|at)\s+(?:the\s+)?(" + "|".join(regex.escape(c) for c in cities)
            + r")(?![\p{L}\-])"
        )

    def process(self, doc: Doc) -> None:
        """Add the LOCATION span to ``doc``."""
        sentence = self._meeting_sentence(doc)
        if sentence is None:
            return
        countries = [(s.start_char, s.end_char) for s in spans(doc, "COUNTRY")]
        places = [
            e for e in doc.ents
            if e.label_ in ("GPE", "FAC") and sentence.start <= e.start < sentence.end
        ]
        for ent in places:
            if not self._after_in(doc, ent):
                continue
            is_state = any(s < ent.end_char and ent.start_char < e for s, e in countries)
            if is_state and ent.text not in self.city_states:
                continue
            add_char_span(doc, ent.start_char, ent.end_char, "LOCATION", ent.text,
                          "location.in_city", 0.8)
            return
        for pattern in self.margins_re:
            for m in pattern.finditer(sentence.text):
                at = sentence.start_char + m.end()
                for ent in places:
                    if ent.start_char == at and not any(
                        s <= ent.start_char < e for s, e in countries
                    ):
                        add_char_span(doc, ent.start_char, ent.end_char, "LOCATION", ent.text,
                                      "location.margins", 0.7)
                        return
        m = self.city_re.search(sentence.text)
        if m:
            start = sentence.start_char + m.start(1)
            inside_state = any(s <= start < e for s, e in countries)
            if not inside_state or m.group(1) in self.city_states:
                add_char_span(doc, start, start + len(m.group(1)), "LOCATION", m.group(1),
                              "location.city_table", 0.75)
                return
        m = self.venue_re.search(sentence.text)
        if m:
            city = regex.match(r",\s*(\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+)?)",
                               sentence.text[m.end(1):])
            if city and city.group(1) in self.cities:
                start = sentence.start_char + m.end(1) + city.start(1)
                add_char_span(doc, start, start + len(city.group(1)), "LOCATION",
                              city.group(1), "location.venue_city", 0.75)
                return
            start = sentence.start_char + m.start(1)
            add_char_span(doc, start, start + len(m.group(1)), "LOCATION", m.group(1).strip(),
                          "location.venue", 0.7)

    def _meeting_sentence(self, doc: Doc) -> Span | None:
        kinds = spans(doc, "MEETING")
        if kinds and kinds[0]._.diplex_rule != "meeting_kind.headline":
            return kinds[0].sent
        body_start = doc._.diplex_body_start or 0
        return next((s for s in doc.sents if s.end_char > body_start), None)

    @staticmethod
    def _after_in(doc: Doc, ent: Span) -> bool:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ == "the" and ent.start > 1:
            prev = doc[ent.start - 2]
        return prev is not None and prev.lower_ in ("in", "at")
