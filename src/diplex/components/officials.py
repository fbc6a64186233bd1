"""Component ``diplex_officials``: named officials with their title, state and organisation.

Finds every person named with the marks of office that releases use, and adds an OFFICIAL
span per mention whose value is ``{"name", "family_name", "given_name", "title", "country",
"organisation", "accredited_to", "coordinated"}`` (see :mod:`diplex.spans`;
``accredited_to`` is the state an envoy is sent to: "Ambassador of Brazil to Japan";
``coordinated``: named right after another official, "A and Defence Minister B"). It does
not decide who took part in the meeting: ``assemble`` does, from where the mentions stand.

How a mention is read (vocabulary in ``models/officials.jsonl``, naming order in
``models/name_order.jsonl``): the text of each line is cut into units (honorifics, COUNTRY and
ORG spans of the earlier components, title words, connectors, name words, punctuation). A run
of name words is a person where

======================== =========================================================== ======
rule id                  form                                                        conf.
======================== =========================================================== ======
official.appositive      [honorific] NAME, TITLE [of COUNTRY] ("Mr. Taro Kono,       0.95
                         Minister for Foreign Affairs of Japan")
official.title_before    [COUNTRY/ORG] TITLE [honorific] NAME ("US Secretary of      0.9
                         State Antony Blinken", "Foreign Minister Cho Tae-yul"); 0.75
                         where spaCy's NER does not also read a PERSON
official.honorific       honorific NAME, no title next to it                         0.7
official.title_comma     [the] TITLE [of COUNTRY], [honorific] NAME ("Senegal's       0.85
                         Minister of Foreign Affairs, Cheikh Sow,")
official.surname_comma   honorific/TITLE SURNAME, Given Names, TITLE                 0.9
                         ("H.E. Mr. Lavrov, Sergey Viktorovich, Minister ...")
======================== =========================================================== ======

A one-word name after a title, with no honorific and no PERSON entity, is kept only where a
fuller mention of the same name is found. An official coordinated with the one before
("Japanese Foreign Minister A and Defence Minister B") shares its state where none is
written for it.

The state comes from a COUNTRY span in the title ("of the Russian Federation", "Japan's",
"US"), from "of COUNTRY" right after the name ("Grigsby of Liberia"), or from ", COUNTRY"
closing the title ("Federal Minister for Foreign Affairs, Germany"); the organisation from an
ORG span in the title ("NATO Secretary General"), in which case the state is null. The title
is the office as written without the state and the organisation, and without party posts where
a state office is also given.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..normalise.names import ordinary_case, split_name
from ..normalise.organisations import default_gazetteer
from ..normalise.publishers import load_publishers
from ..rules import read_table
from ..spans import add_char_span, doc_text, span_value, spans
from .base import AssetComponent


@Language.factory("diplex_officials", default_config={"assets": None})
def make_officials(nlp: Language, name: str, assets: str | None) -> OfficialsComponent:
    """spaCy factory of :class:`OfficialsComponent`."""
    return OfficialsComponent(nlp, name, assets)


# A word: dotted abbreviations (H.E., U.S.), words with inner apostrophes/hyphens, numbers,
# a possessive 's, or one other non-space character.
_WORD = regex.compile(
    r"\p{Lu}\.(?:\s?\p{Lu}\.)+(?!\p{L})"
    r"|\p{Lu}\.(?=\s+\p{Lu})"
    r"|\p{L}[\p{L}\p{M}]*(?:['’](?!s(?!\p{L}))[\p{L}\p{M}]+)*"
    r"(?:-[\p{L}\p{M}]+(?:['’](?!s(?!\p{L}))[\p{L}\p{M}]+)*)*"
    r"|\d+(?:[.:,]\d+)*"
    r"|['’]s(?!\p{L})"
    r"|\S"
)
_AND_BEFORE_CAPITAL = regex.compile(r"\s+and\s+(?=\p{Lu})")
"""Where a title joins two offices ("Minister of X and Secretary-General of Y")."""
_KOREAN_GIVEN = regex.compile(r"^\p{Lu}\p{Ll}+-\p{Ll}+$")
_PARTICLE_NAME = regex.compile(r"^\p{Ll}{1,3}-\p{Lu}\p{L}+$")
"""A lowercase particle joined to a capitalised name ("al-Busaidi")."""
_NOT_NAME_TAGS = frozenset({"VBZ", "VBD", "VBP", "VB", "VBG", "VBN", "NNS", "NNPS", "IN"})
_CLAUSE_BREAK = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "!", "?", "–", "—"})


KIND_CACHE_SIZE = 100_000
"""Words whose kind (:meth:`OfficialsComponent._kind`, which reads only the word and the
tables) a component keeps; words past this many are worked out each time."""


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    text: str
    kind: str  # HON POSTNOM CTRY ORG TITLE CONN PART POSS NAME PUNCT OTHER
    value: Any = None
    index: int = -1  # position in its line's units (set by _units)


class OfficialsComponent(AssetComponent):
    """Adds an OFFICIAL span for every mention of a named official (see module docstring).

    Reads COUNTRY and ORG spans (run it after ``diplex_countries`` and
    ``diplex_organisations``) and spaCy's PERSON entities where the base model has NER.
    """

    asset_names = ("officials.jsonl", "name_order.jsonl", "publishers.jsonl", "timezones.jsonl")

    def load_assets(self, folder: Path | None) -> None:
        """Read the officials vocabulary from ``folder`` (default: bundled ``models/``)."""
        self._kinds: dict[str, str] = {}  # word -> its kind (:meth:`_kind`), by these tables
        words: dict[str, list[str]] = {}
        for row in read_table(self.asset("officials.jsonl", folder)):
            words.setdefault(row["kind"], []).extend(row["texts"])
        honorifics = sorted(set(words.get("honorific", [])), key=len, reverse=True)
        self.honorific_re = regex.compile(
            r"(?<!\p{L})(?:"
            + "|".join(regex.escape(h) for h in honorifics)
            + r")(?=[\s\p{Lu}])"
        )
        self.postnominals = frozenset(words.get("postnominal", []))
        self.title_words = frozenset(words.get("title_word", []) + words.get("title_head", []))
        self.title_heads = frozenset(words.get("title_head", []))
        # office words a release may write in lower case inside an appositive
        self.lower_title_heads = frozenset(words.get("lower_title_head", []))
        self.connectors = frozenset(words.get("connector", []))
        self.particles = frozenset(words.get("particle", []))
        self.party_words = tuple(words.get("party_word", []))
        self.counterpart_words = frozenset(w.lower() for w in words.get("counterpart_word", []))
        self.not_names = frozenset(words.get("not_name", []))
        self.publishers = load_publishers(str(folder) if folder else None)
        # cities of two or more words ("New York", "Rio de Janeiro", "Addis Ababa") are
        # places, never a person's name ("in New York, Foreign Minister X of Y ..."); a
        # one-word city may be a given name ("Santiago Peña") and is left to the name rules
        self.place_names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        cities = {
            name for row in read_table(self.asset("timezones.jsonl", folder))
            if row.get("kind") == "city"
            for name in [row["city"], *row.get("aliases", [])] if len(name.split()) >= 2
        }
        self.place_names.add("PLACE", [self.nlp.make_doc(c) for c in sorted(cities)])

    def _is_head(self, unit: _Unit) -> bool:
        """True for a word that names an office, or an office title of the publisher table."""
        return unit.text in self.title_heads or (unit.kind == "TITLE" and unit.value is not None)

    # -- units -------------------------------------------------------------------------

    def _units(self, doc: Doc, start: int, end: int, marks: list[tuple[int, int, str, Any]]
               ) -> list[_Unit]:
        text = doc_text(doc)
        units: list[_Unit] = []
        covered: list[tuple[int, int]] = []
        # marks are sorted by start and do not overlap (_drop_overlaps): find the line's
        for index in range(bisect.bisect_left(marks, (start,)), len(marks)):
            s, e, kind, value = marks[index]
            if s > end:
                break
            if e <= end:
                units.append(_Unit(s, e, text[s:e], kind, value))
                covered.append((s, e))
        honorifics: list[tuple[int, int]] = []  # do not overlap one another (finditer)
        for m in self.honorific_re.finditer(text, start, end):
            if not _overlaps(covered, m.start(), m.end()):
                units.append(_Unit(m.start(), m.end(), m.group(), "HON"))
                honorifics.append((m.start(), m.end()))
        covered = sorted(covered + honorifics)
        kinds = self._kinds
        at, n_covered = 0, len(covered)  # words come in order: the first interval not before
        for m in _WORD.finditer(text, start, end):
            s, e = m.span()
            while at < n_covered and covered[at][1] <= s:
                at += 1
            if at < n_covered and covered[at][0] < e:
                continue  # inside a mark or an honorific (sorted, disjoint)
            word = m.group()
            word_kind = kinds.get(word)
            if word_kind is None:
                word_kind = self._kind(word)
                if len(kinds) < KIND_CACHE_SIZE:
                    kinds[word] = word_kind
            units.append(_Unit(s, e, word, word_kind))
        units.sort(key=lambda u: u.start)
        for k, unit in enumerate(units):
            unit.index = k
            if k == 0 or units[k - 1].kind not in ("CTRY", "POSS"):
                continue  # both rules below need a state (or its possessive) right before
            # "Seychelles' Foreign Minister", "the Bahamas' President": the possessive of a
            # state whose name ends in s is a bare apostrophe right after it
            if unit.text in ("'", "’") and units[k - 1].kind == "CTRY" and (
                units[k - 1].end == unit.start and units[k - 1].text[-1:] in ("s", "S")
            ):
                unit.kind = "POSS"
            # "her Japanese counterpart Taro Kono": the state's counterpart is an office
            if unit.text.lower() in self.counterpart_words and (
                units[k - 1].kind == "CTRY"
                or (units[k - 1].kind == "POSS" and k > 1 and units[k - 2].kind == "CTRY")
            ):
                unit.kind, unit.value = "TITLE", {"counterpart": True}
        return units

    def _kind(self, word: str) -> str:
        if word in ("'s", "’s"):
            return "POSS"
        if word in self.postnominals:
            return "POSTNOM"
        if word in self.title_words or (
            word in self.lower_title_heads
        ):
            return "TITLE"
        if word in self.connectors:
            return "CONN"
        if word in self.particles:
            return "PART"
        if _PARTICLE_NAME.match(word) and word.split("-", 1)[0] in self.particles:
            return "NAME"  # "al-Busaidi", "el-Sisi", "ad-Din"
        first = word[0]
        if first.isalpha() and first.isupper():
            if word in self.not_names:
                return "OTHER"
            return "NAME"
        if first.isalpha() or first.isdigit():
            return "OTHER"
        return "PUNCT"

    # -- processing ----------------------------------------------------------------------

    def process(self, doc: Doc) -> None:
        """Add OFFICIAL spans to ``doc``."""
        marks: list[tuple[int, int, str, Any]] = []
        for span in spans(doc, "COUNTRY"):
            marks.append((span.start_char, span.end_char, "CTRY", span_value(span)))
        for span in spans(doc, "ORG"):
            marks.append((span.start_char, span.end_char, "ORG", span_value(span)))
        for span in spans(doc, "DATE"):
            # month words are names only outside dates ("Jan de Vries", "Theresa May")
            marks.append((span.start_char, span.end_char, "OTHER", None))
        for place in self.place_names(doc, as_spans=True):
            marks.append((place.start_char, place.end_char, "OTHER", None))
        text = doc_text(doc)
        for hit in self.publishers.titles(text):
            # a ministry's styled office, commas and all, is one title ("Minister of Foreign
            # Affairs, European Union and Cooperation"); a state-unique one names the state.
            # Not in a shouted line ("ANTONY J. BLINKEN, SECRETARY OF STATE"), read by words.
            if not hit.phrase.isupper():
                marks.append((hit.start, hit.end, "TITLE", {"state": hit.code}))
        for hit in self.publishers.find(text):
            # a ministry's or office's own name ("FDFA", "Global Affairs Canada") is no
            # person; one that is an office title too ("Prime Minister of Canada", the name
            # of that office's site) is left to the title rules
            if hit.phrase.split()[0] not in self.title_words:
                marks.append((hit.start, hit.end, "OTHER", None))
        marks = _drop_overlaps(marks)
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        found: list[dict[str, Any]] = []
        offset = 0
        for line in doc_text(doc).split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            units = self._units(doc, start, end, marks)
            found.extend(self._read_line(doc, units, persons))
        strong_words = {w for item in found if item["strong"] for w in item["name_words"]}
        found = [
            item for item in found
            if item["strong"] or any(w in strong_words for w in item["name_words"])
        ]
        known_family = _solo_names(found)
        for item in found:
            value = self._value(item, known_family)
            if value is None:
                continue
            add_char_span(doc, item["start"], item["end"], "OFFICIAL", value,
                          item["rule"], item["confidence"])

    def _read_line(self, doc: Doc, units: list[_Unit], persons: list[tuple[int, int]]
                   ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        i = 0
        n = len(units)
        while i < n:
            if units[i].kind != "NAME":
                i += 1
                continue
            j = i
            while j + 1 < n:
                if units[j + 1].kind == "NAME":
                    j += 1
                    continue
                p = j + 1
                while p < n and units[p].kind == "PART":
                    p += 1
                if p > j + 1 and p < n and units[p].kind == "NAME":
                    j = p
                    continue
                break
            k = j + 1
            while k < n and units[k].kind == "POSTNOM":
                k += 1
            item = self._person(doc, units, i, j, k, persons)
            if item is not None:
                prev = out[-1] if out else None
                # "Japanese Foreign Minister A and Defence Minister B": B shares A's state
                if prev is not None and item["_first"] == prev["_last"] + 2 and (
                    units[prev["_last"] + 1].text == "and"
                ):
                    item["shares_state_with"] = prev
                out.append(item)
                i = item.pop("_next")
            else:
                i = j + 1
        return out

    def _person(self, doc: Doc, units: list[_Unit], i: int, j: int, k: int,
                persons: list[tuple[int, int]]) -> dict[str, Any] | None:
        """Decide whether units[i..j] name a person; gather title and state around it."""
        n = len(units)
        has_hon = i > 0 and units[i - 1].kind == "HON"
        b = i - 1
        while b >= 0 and units[b].kind == "HON":
            b -= 1
        before = self._title_left(units, b)
        if before and not any(u.kind in ("CTRY", "ORG") for u in before):
            # "the Minister of Foreign Affairs of Nigeria, Ambassador Adebayo Adeyemi": the
            # full office before the comma, not the style of address, is the title
            first = before[0].index
            if first >= 2 and units[first - 1].text == ",":
                fuller = self._title_left(units, first - 2)
                if fuller and any(u.kind in ("CTRY", "ORG") for u in fuller) and not (
                    fuller[0].index > 0
                    and units[fuller[0].index - 1].kind == "NAME"
                ):
                    before = fuller
        title_comma = False
        if not before and b >= 1 and units[b].text == ",":
            run = self._title_left(units, b - 1)
            first = run[0].index if run else -1
            if run and any(self._is_head(u) for u in run) and not (
                first > 0 and (units[first - 1].text == "," or units[first - 1].kind == "NAME")
                and self._counterpart_state(units, first) is None
            ):
                before, title_comma = run, True
        after_start = k
        surname_comma = False
        name_end = j
        # SURNAME, Given Names, TITLE  (one surname word, then 1-3 name words, then a title)
        if (
            j == i
            and (has_hon or before)
            and k + 1 < n
            and units[k].text == ","
        ):
            g = k + 1
            while g < n and units[g].kind == "NAME" and g - k <= 3:
                g += 1
            if g > k + 1 and g + 1 < n and units[g].text == "," and self._title_right(units, g + 1):
                surname_comma = True
                name_end = g - 1
                after_start = g
            elif g == k + 2 and before and _KOREAN_GIVEN.match(units[k + 1].text):
                surname_comma = True
                name_end = k + 1
                after_start = g
        after: list[_Unit] = []
        if after_start < n and units[after_start].text == ",":
            after = self._title_right(units, after_start + 1)
        of_country: _Unit | None = None
        if after_start + 1 < n and units[after_start].text == "of":
            c = after_start + 1
            if units[c].text == "the" and c + 1 < n:
                c += 1  # "Faisal bin Farhan of the Kingdom of Saudi Arabia"
            if units[c].kind == "CTRY":
                of_country = units[c]
        counterpart = self._counterpart_state(
            units, before[0].index if before else (b + 1 if b >= 0 else 0))
        name_words = units[i : name_end + 1]
        if all(u.kind == "NAME" and _is_initial(u.text) for u in name_words):
            return None
        ner = _overlaps(persons, units[i].start, units[name_end].end)  # ents: sorted, disjoint
        if surname_comma:
            rule, conf = "official.surname_comma", 0.9
        elif after:
            rule, conf = "official.appositive", 0.95
        elif before and title_comma:
            rule, conf = "official.title_comma", 0.85
        elif before:
            rule, conf = "official.title_before", 0.9 if ner else 0.75
        elif has_hon:
            rule, conf = "official.honorific", 0.7
        else:
            return None
        if (rule == "official.appositive" and len(name_words) == 1 and not has_hon
                and not ner and not any(self._is_head(u) for u in before)):
            return None
        strong = has_hon or bool(after) or surname_comma or ner or (
            len(name_words) >= 2 and self._proper(doc, units[i].start, units[name_end].end)
        )
        name_start = units[i].start
        name_stop = units[name_end].end
        text_name = _join(units, i, name_end)
        span_start = min([u.start for u in before] + [name_start])
        span_end = max([u.end for u in after] + [name_stop])
        if of_country is not None and not after:
            span_end = max(span_end, of_country.end)
        return {
            "start": span_start,
            "end": span_end,
            "name": text_name,
            "name_words": [u.text for u in name_words],
            "before": before,
            "after": after,
            "of_country": of_country,
            "counterpart": counterpart,
            "rule": rule,
            "confidence": conf,
            "strong": strong,
            "_first": before[0].index if before else (i - 1 if has_hon else i),
            "_last": max(name_end, k - 1),
            "_next": (j + 1) if not surname_comma else name_end + 1,
        }

    def _counterpart_state(self, units: list[_Unit], first: int) -> str | None:
        """The state of "his US counterpart[,] TITLE NAME" / "her Moroccan counterpart, NAME":
        the COUNTRY right before a counterpart word (``models/officials.jsonl`` kind
        ``counterpart_word``) that stands before the title (or name) at ``units[first]``."""
        k = first - 1
        if k >= 0 and units[k].text == ",":
            k -= 1
        if k < 1 or units[k].text.lower() not in self.counterpart_words:
            return None
        k -= 1
        if units[k].kind == "POSS":
            k -= 1
        if k >= 0 and units[k].kind == "CTRY":
            return str(units[k].value)
        return None

    @staticmethod
    def _proper(doc: Doc, start: int, end: int) -> bool:
        """False where, in a line written in Title Case, the tagger reads a word as a verb or
        a common plural ("Secretary General Welcomes Visitors": a headline, not a name).
        In running text ("... of Ukraine Taras Melnychuk held"), capitals mark names."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        words = text[line_start : line_end if line_end >= 0 else len(text)].split()
        lower = sum(1 for w in words if w[:1].islower())
        if lower > len(words) / 4:
            return True
        return not any(t.tag_ in _NOT_NAME_TAGS for t in span)

    def _title_left(self, units: list[_Unit], b: int) -> list[_Unit]:
        """The title run ending at units[b] (inclusive), read leftwards; [] if none."""
        if b < 0 or units[b].kind not in ("TITLE", "CTRY", "ORG"):
            return []
        a = b
        while a - 1 >= 0 and units[a - 1].kind in ("TITLE", "CTRY", "ORG", "CONN", "POSS",
                                                   "PUNCT_IN_TITLE"):
            if units[a - 1].kind == "CONN" and units[a - 1].text not in ("of", "for", "and",
                                                                         "the", "&", "to", "at"):
                break
            if units[a - 1].text == "and" and _closes_name(units, a - 2):
                break  # "A of Chile and Foreign Minister B": "of Chile" is A's, not B's title
            a -= 1
        run = units[a : b + 1]
        while run and run[0].kind in ("CONN", "POSS"):
            run = run[1:]
        if not _has_title_word(run):
            return []
        return run

    def _title_right(self, units: list[_Unit], a: int) -> list[_Unit]:
        """The appositive title starting at units[a]: up to the next clause break."""
        n = len(units)
        if a >= n:
            return []
        first = units[a]
        if first.text == "the" and a + 2 < n and units[a + 1].kind in ("CTRY", "ORG") and (
            units[a + 2].kind in ("TITLE", "POSS")
        ):
            # "Elizabeth Truss, the United Kingdom's Secretary of State for ..."
            a += 1
            first = units[a]
        starts = first.kind == "TITLE" or (
            first.kind in ("CTRY", "ORG") and a + 1 < n
            and units[a + 1].kind in ("TITLE", "POSS")
        ) or (first.text == "the" and a + 1 < n and units[a + 1].kind == "TITLE")
        if not starts:
            return []
        b = a
        while b + 1 < n and units[b + 1].text not in _CLAUSE_BREAK and units[b + 1].kind != "HON":
            nxt = units[b + 1]
            if nxt.kind == "OTHER" and nxt.text[:1].islower():
                break
            if nxt.text in ("in", "on", "at", "to"):
                c = b + 2
                while c < n and units[c].text == "the":
                    c += 1
                if c >= n or units[c].kind not in ("TITLE", "CTRY", "ORG"):
                    break
            b += 1
        run = units[a : b + 1]
        # ", COUNTRY" closing the title: "Federal Minister for Foreign Affairs, Germany,"
        if b + 2 < n and units[b + 1].text == "," and units[b + 2].kind == "CTRY" and (
            b + 3 >= n or units[b + 3].text in _CLAUSE_BREAK or units[b + 3].text == "who"
        ):
            run = run + [units[b + 2]]
        while run and run[-1].kind in ("CONN", "POSS"):
            run = run[:-1]
        return run if _has_title_word(run) else []

    # -- values ------------------------------------------------------------------------

    def _value(self, item: dict[str, Any], known_family: set[str]) -> dict[str, Any] | None:
        title_units: list[_Unit] = item["after"] or item["before"]
        country, organisation = _state_of(title_units)
        if country is None and item["of_country"] is not None:
            country = item["of_country"].value
        if country is None and organisation is None and item.get("counterpart"):
            country = item["counterpart"]  # "his US counterpart, Deputy Secretary of State, X"
        state_rule = None
        if country is None and organisation is None:
            # an office only one state has ("External Affairs Minister", "Federal Councillor")
            country = next((u.value["state"] for u in title_units
                            if u.kind == "TITLE" and u.value and u.value.get("state")), None)
            if country is None:
                unique = self.publishers.title_state(_render(title_units))
                country = unique.code if unique is not None else None
            state_rule = "unique_title" if country is not None else None
        partner = item.get("shares_state_with")
        if country is None and organisation is None and partner is not None and not item["after"]:
            country, _ = _state_of(partner["before"])
        title = self._title_text(title_units, country)
        to_country = next(
            (u.value for k, u in enumerate(title_units)
             if u.kind == "CTRY" and k > 0 and title_units[k - 1].text == "to"),
            None,
        )
        name = item["name"]
        try:
            parts = split_name(
                name,
                country=country,
                particles=self.particles,
                known_family=known_family,
                assets=str(self.assets_folder) if self.assets_folder else None,
            )
        except ValueError:
            return None
        return {
            "name": name,
            "family_name": parts.family,
            "given_name": parts.given,
            "title": title,
            "country": None if organisation else country,
            "organisation": organisation,
            "accredited_to": to_country,
            "coordinated": partner is not None,
            "state_rule": state_rule,
        }

    def _title_text(self, units: list[_Unit], country: str | None = None) -> str | None:
        """The title as written, without the person's state, the organisation and party
        posts; other states stay ("Ambassador of China to Japan" is "Ambassador to
        Japan")."""
        kept: list[_Unit] = []
        skip_next_poss = False
        dropped_state = False
        for idx, unit in enumerate(units):
            if unit.kind == "CTRY" and (dropped_state or unit.value != country) and idx > 0 and (
                units[idx - 1].text not in ("of", "the")
            ):
                kept.append(unit)
                continue
            if unit.kind in ("CTRY", "ORG"):
                dropped_state = dropped_state or unit.kind == "CTRY"
                # drop "of (the) COUNTRY" and a leading "COUNTRY('s)"
                while kept and kept[-1].text in ("of", "the"):
                    kept.pop()
                skip_next_poss = True
                continue
            if unit.kind == "POSS" and skip_next_poss:
                skip_next_poss = False
                continue
            skip_next_poss = False
            kept.append(unit)
        while kept and (kept[0].kind in ("CONN", "POSS", "PUNCT")
                        or (kept[0].text.lower() in self.counterpart_words and len(kept) > 1)):
            kept = kept[1:]
        while kept and (kept[-1].kind in ("CONN", "POSS", "PUNCT")):
            kept = kept[:-1]
        if not kept or all(u.text.lower() in self.counterpart_words for u in kept):
            return None  # "counterpart" names the other side's office, not which one
        text = _render(kept)
        conjuncts = [c.strip() for c in _AND_BEFORE_CAPITAL.split(text)]
        if len(conjuncts) > 1:
            state = [c for c in conjuncts if not any(p in c for p in self.party_words)]
            if state and len(state) < len(conjuncts):
                text = " and ".join(state)
        return text or None


def _drop_overlaps(marks: list[tuple[int, int, str, Any]]) -> list[tuple[int, int, str, Any]]:
    marks = sorted(marks, key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[tuple[int, int, str, Any]] = []
    for mark in marks:
        if out and mark[0] < out[-1][1]:
            continue
        out.append(mark)
    return out


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``covered`` (sorted, disjoint intervals), by
    binary search rather than a scan (a scan made long lines quadratic)."""
    k = bisect.bisect_left(covered, (end,)) - 1
    return k >= 0 and start < covered[k][1]


def _is_initial(word: str) -> bool:
    return len(word) <= 2 and word.endswith(".")


def _has_title_word(units: Iterable[_Unit]) -> bool:
    return any(u.kind == "TITLE" for u in units)


def _state_of(units: list[_Unit]) -> tuple[str | None, str | None]:
    """The state and the organisation a title names: ("RUS", None) or (None, "NATO")."""
    country: str | None = None
    organisation: str | None = None
    for idx, unit in enumerate(units):
        if unit.kind == "CTRY" and country is None:
            nxt = units[idx + 1] if idx + 1 < len(units) else None
            # "Ambassador of China to Japan": the state follows "of" or stands first
            prev = units[idx - 1].text if idx > 0 else None
            if prev in (None, "of", "the") or (nxt is not None and nxt.kind == "POSS"):
                country = unit.value
        if unit.kind == "ORG" and organisation is None:
            value = unit.value or {}
            entry = default_gazetteer().lookup(value.get("acronym") or value.get("name", ""))
            parent = entry.parent if entry is not None else None
            organisation = parent or value.get("acronym") or value.get("name")
    if country is None:
        for unit in units:
            if unit.kind == "CTRY":
                country = unit.value
                break
    return country, organisation


def _render(units: list[_Unit]) -> str:
    out = ""
    prev_end: int | None = None
    for unit in units:
        if prev_end is not None and unit.start > prev_end:
            out += " "
        out += unit.text
        prev_end = unit.end
    return out


def _join(units: list[_Unit], i: int, j: int) -> str:
    return _render(units[i : j + 1]).strip()


def _solo_names(found: list[dict[str, Any]]) -> set[str]:
    """Name words a release uses alone after a title or honorific ("Minister Iwaya")."""
    solo: set[str] = set()
    for item in found:
        words = item["name_words"]
        if len(words) == 1:
            solo.add(words[0])
            solo.add(ordinary_case(words[0]))
    return solo



def _closes_name(units: list[_Unit], k: int) -> bool:
    """True where ``units[k]`` is the state of an "of STATE" right after a name ("Herrera
    Soto of Chile"): it closes that official's mention and opens no title after it."""
    return (k >= 2 and units[k].kind == "CTRY" and units[k - 1].text == "of"
            and units[k - 2].kind == "NAME")
