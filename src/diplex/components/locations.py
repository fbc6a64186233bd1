"""Component ``diplex_locations``: where the meeting was held.

Reads the sentences that report the encounter (the MEETING span's sentence, from
``diplex_meeting_kind``, then the first body sentence) and adds one LOCATION span, value the
place's name as written. "in X" after a noun other than a meeting's ("the situation in the
Gaza Strip") is a topic, not a place.

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
location.venue      "at/to <ORG> Headquarters" (a venue word closes the name), 0.7
                    or a named venue of the table ("at Chequers")
=================== ======================================================== =====

A press dateline ("OTTAWA, Ontario –", "BEIJING —") is not a meeting place and is never read.
Whether a location applies at all (not for calls) is decided in ``assemble``.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rules import read_table
from ..spans import add_char_span, doc_text, span_rule, span_text, spans
from .base import AssetComponent

_MEETING_NOUNS = frozenset(
    "meeting meetings talks talk visit call dialogue summit lunch luncheon dinner breakfast "
    "conference session consultations discussion discussions ministers minister secretary "
    "counterpart counterparts delegation today yesterday tonight morning afternoon evening "
    "night day week month year weekend".split()
)


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
        for row in read_table(self.asset("locations.jsonl", folder)):
            table.setdefault(row["kind"], []).extend(row.get("texts") or row.get("patterns") or [])
        self.city_states = frozenset(table.get("city_state", []))
        venue = "|".join(regex.escape(w) for w in table.get("venue_word", []))
        named = "|".join(regex.escape(w) for w in sorted(table.get("venue_name", []), key=len,
                                                         reverse=True))
        self.venue_re = regex.compile(
            rf"\b(?:at|to|in) (?:the )?((?:\p{{Lu}}[\p{{L}}\-]*\s){{1,4}}(?:{venue})"
            + (rf"|{named}" if named else "") + r")\b"
        )
        self.margins_re = [regex.compile(p) for p in table.get("margins", [])]
        cities = sorted(
            {row["city"] for row in read_table(self.asset("timezones.jsonl", folder))
             if row.get("kind") == "city"},
            key=len, reverse=True,
        )
        self.cities = frozenset(cities)
        alternation = "|".join(regex.escape(c) for c in cities)
        self.city_re = regex.compile(
            r"\b(?:in|at)\s+(?:the\s+)?(" + alternation + r")(?![\p{L}\-])"
        )
        self.city_start_re = regex.compile(r"(" + alternation + r")(?![\p{L}\-])")

    def process(self, doc: Doc) -> None:
        """Add the LOCATION span to ``doc``: from the report sentences, in order."""
        for sentence in self._report_sentences(doc):
            if self._place_in(doc, sentence):
                return

    def place_in(self, doc: Doc, sentence: Span) -> bool:
        """Add a LOCATION span for the place ``sentence`` reports, by the rules of
        :meth:`process` (used by :mod:`diplex.encounters` for a further encounter's own
        sentence).

        Returns:
            True where a place was found (and its span added).
        """
        return self._place_in(doc, sentence)

    def _place_in(self, doc: Doc, sentence: Span) -> bool:
        """Add the LOCATION span found in ``sentence``; True where one was."""
        countries = _interval_index([(s.start_char, s.end_char) for s in spans(doc, "COUNTRY")])
        places = [
            e for e in doc.ents
            if e.label_ in ("GPE", "FAC") and sentence.start <= e.start < sentence.end
        ]
        for ent in places:
            if not self._after_in(doc, ent):
                continue
            is_state = _overlapping(countries, ent.start_char, ent.end_char)
            if is_state and ent.text not in self.city_states:
                continue
            add_char_span(doc, ent.start_char, ent.end_char, "LOCATION", ent.text,
                          "location.in_city", 0.8)
            return True
        place_at: dict[int, Span] = {}
        for ent in places:
            place_at.setdefault(ent.start_char, ent)
        text = span_text(sentence)
        for pattern in self.margins_re:
            for m in pattern.finditer(text):
                at = sentence.start_char + m.end()
                placed = place_at.get(at)
                if placed is not None and not _overlapping(countries, at, at + 1):
                    add_char_span(doc, placed.start_char, placed.end_char, "LOCATION",
                                  placed.text,
                                  "location.margins", 0.7)
                    return True
                # the NER read "the Munich Security Conference" whole: its first word a city
                city = self.city_start_re.match(doc_text(doc), at)
                if city is not None and not _overlapping(countries, at, at + 1):
                    add_char_span(doc, at, city.end(), "LOCATION", city.group(1),
                                  "location.margins", 0.7)
                    return True
        m = self.city_re.search(text)
        if m and not self._after_noun(doc, sentence.start_char + m.start()):
            start = sentence.start_char + m.start(1)
            inside_state = _overlapping(countries, start, start + 1)
            if not inside_state or m.group(1) in self.city_states:
                add_char_span(doc, start, start + len(m.group(1)), "LOCATION", m.group(1),
                              "location.city_table", 0.75)
                return True
        m = self.venue_re.search(text)
        if m:
            city = regex.match(r",?\s*(?:in\s+)?(\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+)?)",
                               text[m.end(1):])
            if city and city.group(1) in self.cities:
                start = sentence.start_char + m.end(1) + city.start(1)
                add_char_span(doc, start, start + len(city.group(1)), "LOCATION",
                              city.group(1), "location.venue_city", 0.75)
                return True
            start = sentence.start_char + m.start(1)
            add_char_span(doc, start, start + len(m.group(1)), "LOCATION", m.group(1).strip(),
                          "location.venue", 0.7)
            return True
        return False

    def _report_sentences(self, doc: Doc) -> list[Span]:
        """The sentence of the MEETING cue, then the first body sentence."""
        out: list[Span] = []
        kinds = spans(doc, "MEETING")
        if kinds and span_rule(kinds[0]) != "meeting_kind.headline":
            out.append(kinds[0].sent)
        body_start = doc._.diplex_body_start or 0
        first = next((s for s in doc.sents if s.end_char > body_start and len(s) > 3), None)
        if first is not None and all(first.start != s.start for s in out):
            out.append(first)
        return out

    @staticmethod
    def _after_noun(doc: Doc, char: int) -> bool:
        """True where the "in"/"at" at ``char`` follows a noun other than a meeting's
        ("the situation in Gaza", "peace in the region": a topic, not a place)."""
        token = doc.char_span(char, char + 2, alignment_mode="expand")
        if token is None or token.start == 0:
            return False
        prev = doc[token.start - 1]
        return prev.pos_ == "NOUN" and prev.lower_ not in _MEETING_NOUNS

    def _after_in(self, doc: Doc, ent: Span) -> bool:
        at = ent.start - 1
        if at >= 0 and doc[at].lower_ == "the":
            at -= 1
        if at < 0:
            return False
        if doc[at].lower_ not in ("in", "at"):
            return False
        return not self._after_noun(doc, doc[at].idx)


def _interval_index(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Character intervals as (starts in order, running maximum of their ends), for
    :func:`_overlapping` (a binary search instead of a scan per place: long sentences of
    places and states were quadratic)."""
    pairs = sorted(pairs)
    reach: list[int] = []
    top = -1
    for _, end in pairs:
        top = max(top, end)
        reach.append(top)
    return [start for start, _ in pairs], reach


def _overlapping(index: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether an interval of ``index`` overlaps ``[start, end)``; ``(x, x + 1)`` asks
    whether one contains the offset ``x``."""
    starts, reach = index
    k = bisect.bisect_left(starts, end)
    return k > 0 and reach[k - 1] > start
