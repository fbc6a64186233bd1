"""Who took part: the role-deciding half of :mod:`diplex.assemble`.

The components find every official, state and organisation a release names; this module
decides which of them took part in the meeting (``participant``) and which are only
``mentioned``. The rules, each general to the way releases report an encounter:

Participation contexts (where a name stands decides its role):

- the *report sentence*: the sentence of the MEETING cue (``diplex_meeting_kind``), and the
  first body sentence;
- the headline;
- attendance sentences ("Attending from China were ...", "attended by", "joined by");
- where the report is in the first person ("Today I met ..."), the official named in the
  page header (a media release's signature block).

Inside a participation context, a mention in a clause that sets a person aside
("who is accompanying X", "on behalf of X", "attributable to Spokesperson X",
"X's visit") is not a participation.

Officials: a named official takes part where one of their mentions (merged by family name)
stands in a participation context. Their record takes the fullest name and the title and
state of their most explicit mention. An official of a state whose state is not written
(a ministry's own minister) takes the publisher's state, with a ``country_from_publisher``
warning: the first such official only, and none where another participant is stated to be
of the publisher's state (the unstated one is then the counterpart). Officials listed after
"Attending from China were ..." are of that state. Where one official is left without a
state and the meeting's name holds one state no official has ("Japan-China Foreign
Ministers' Meeting"), it is theirs (``country_from_compound``); otherwise the state stays
null with an ``official_country_unknown`` warning.

States (participant): the states of participant officials; the publisher (a state) where a
meeting is reported; states in a compound that names the meeting ("Japan-China Foreign
Ministers' Meeting", "Japan-U.S.-ROK Trilateral") in the page header or the report sentence
itself (not elsewhere in its paragraph, where it names other meetings); states in a
delegation list ("Ambassadors of the United States, Poland and Italy"); a state adjective
before an office in a report sentence ("the Australian Prime Minister", "his American
counterpart"). All other states
are ``mentioned``.

Organisations (participant): the organisation of a participant official, with the organs
named in their titles and their parents; the publisher (an organisation); organisations in
a delegation phrase ("Ambassadors ... to NATO") or compound that names the meeting
("EU-Japan Summit"), or met with in a report sentence ("with the North Atlantic Council").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .assets import asset_path
from .cues import WindowedMatcher, compile_row, word_slotted
from .normalise.names import name_particles, split_name
from .normalise.organisations import default_gazetteer
from .record import CountryRef, Official, OrganisationRef
from .rules import read_table
from .spans import doc_text, rules_folder, span_rule, span_text, span_value, spans

PARTICIPATION = "participation.jsonl"
"""The table of participation cues (word lists and ``context_layout`` rows)."""


@lru_cache(maxsize=4)
def _cues(folder: str | None = None) -> dict[str, re.Pattern[str]]:
    """The ``context_layout`` rows of ``models/participation.jsonl``, compiled by
    :func:`diplex.cues.compile_kind`, by name; each word kind (``list_head``,
    ``encounter_cue`` ...) fills the slot of its name with its alternation.

    Raises:
        ValueError: a row uses an unknown slot or does not compile.
    """
    return word_slotted(read_table(asset_path(PARTICIPATION, Path(folder) if folder else None)))


@lru_cache(maxsize=4)
def _office_rows(folder: str | None = None) -> dict[str, dict[str, Any]]:
    """The ``office_layout`` rows of ``models/participation.jsonl`` by name: layouts
    around an office read from the text, slot ``{office}``."""
    rows = read_table(asset_path(PARTICIPATION, Path(folder) if folder else None))
    return {str(r["name"]): r for r in rows if r.get("kind") == "office_layout"}


def _office_cue(doc: Doc, name: str, slots: dict[str, str]) -> re.Pattern[str]:
    """The ``office_layout`` row ``name`` of ``doc``'s rules, compiled with ``slots``
    (``office``: escaped)."""
    return compile_row(_office_rows(rules_folder(doc))[name], slots)


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab, folder: str | None = None) -> WindowedMatcher:
    """The ``token_pattern`` rows of ``models/participation.jsonl`` (cues that are words) as
    one spaCy Matcher, a match label per row name, run where its words are."""
    rows = read_table(asset_path(PARTICIPATION, Path(folder) if folder else None))
    return WindowedMatcher(vocab, rows, "token_pattern")


def _word_cues(doc: Doc, name: str) -> list[Span]:
    """The matches in ``doc`` of the ``token_pattern`` row ``name``."""
    key = "diplex_word_cues"
    if key not in doc.user_data:  # the matcher runs once per Doc, for every cue name
        found = _matcher(doc.vocab, rules_folder(doc))(doc)
        doc.user_data[key] = [(doc.vocab.strings[m], a, b) for m, a, b in found]
    return [doc[a:b] for label, a, b in doc.user_data[key] if label == name]


def _attendance(doc: Doc) -> list[Span]:
    """Sentences that hold an attendance cue ("attended by", "joined by", "present were")."""
    cues = _word_cues(doc, "attend")
    if not cues:
        return []
    return [s for s in doc.sents if any(s.start <= c.start and c.end <= s.end for c in cues)]


def _cue(doc: Doc, name: str) -> re.Pattern[str]:
    """The participation cue ``name`` (a ``context_layout`` row) of ``doc``'s rules (the
    folder its pipeline read, ``doc._.diplex_rules``; None for the shipped ``models/``)."""
    return _cues(rules_folder(doc))[name]


MAX_ENCOUNTER_SENTENCES = 12
"""Body sentences searched for "A met B" reports beside the report sentence."""
ENCOUNTER_GAP = 12
"""Characters at most between the encounter verb and the official it reaches ("met with the
Foreign Minister B": the OFFICIAL span starts at its title)."""


def _encounter_sentences(doc: Doc, body: int) -> list[tuple[int, int]]:
    """Body sentences that report an encounter between two named officials ("Minister A
    held a meeting with Foreign Minister B of C"): an OFFICIAL mention before an encounter
    verb and another right after it (:data:`ENCOUNTER_GAP`), with no other-event word
    between the first official and the verb ("A last met B in May", "A will meet B").
    Returned as character ranges."""
    verb_re, other_re = _cue(doc, "encounter_verb"), _cue(doc, "other_event_before")
    officials = spans(doc, "OFFICIAL")
    out: list[tuple[int, int]] = []
    count = 0
    for sent in doc.sents:
        if sent.start_char < body:
            continue
        count += 1
        if count > MAX_ENCOUNTER_SENTENCES:
            break
        inside = [o for o in officials
                  if sent.start_char <= o.start_char and o.end_char <= sent.end_char]
        if len(inside) < 2:
            continue
        text = span_text(sent)
        for m in verb_re.finditer(text):
            at = sent.start_char + m.start()
            before = [o for o in inside if o.end_char <= at]
            after = [o for o in inside
                     if 0 <= o.start_char - (sent.start_char + m.end()) <= ENCOUNTER_GAP]
            if before and after and not other_re.search(
                doc_text(doc)[before[-1].end_char : at]
            ):
                out.append((sent.start_char, sent.end_char))
                break
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _key(name: str) -> str:
    return name.casefold().replace("-", " ").strip()


@dataclass
class _Person:
    family: str
    mentions: list[Span] = field(default_factory=list)
    participant: bool = False


@dataclass
class Roles:
    """Participation contexts of a Doc: report sentences and the headline, as char ranges."""

    contexts: list[tuple[int, int]]
    report: list[tuple[int, int]]
    publisher: str | None
    lead: list[tuple[int, int]] = field(default_factory=list)
    """The report sentences themselves (without the rest of their paragraphs)."""

    @classmethod
    def read(cls, doc: Doc, out: Any) -> Roles:
        """Find the participation contexts of ``doc`` (see module docstring).

        A report context runs from the start of the report sentence's line (a title before
        a name may stand before the sentence start) to the end of its paragraph, so that a
        sentence splitter's slip inside a long lead sentence ("a.m. (On December 12, ...")
        loses no participant.
        """
        text = doc_text(doc)
        body = doc._.diplex_body_start or 0
        report: list[tuple[int, int]] = []
        lead: list[tuple[int, int]] = []
        kinds = spans(doc, "MEETING")
        if kinds and span_rule(kinds[0]) != "meeting_kind.headline":
            start = text.rfind("\n", 0, kinds[0].sent.start_char) + 1
            report.append((start, _line_end(text, kinds[0].start_char)))
            lead.append((start, kinds[0].sent.end_char))
        first = next((s for s in doc.sents if s.start_char >= body and len(s) > 5), None)
        if first is not None:
            start = text.rfind("\n", 0, first.start_char) + 1
            report.append((start, _line_end(text, first.start_char)))
            lead.append((start, first.end_char))
        contexts = list(report)
        first_person = _word_cues(doc, "first_person")
        if any(s <= c.start_char and c.end_char <= e for s, e in report for c in first_person):
            # "Today I met ...": the speaker is the minister whose name and office head the
            # page (a media release's signature block)
            for official in spans(doc, "OFFICIAL"):
                if official.end_char <= body:
                    contexts.append((official.start_char, official.end_char))
        for title in spans(doc, "TITLE"):
            contexts.append((title.start_char, title.end_char))
        contexts.extend(_encounter_sentences(doc, body))
        for sent in _attendance(doc):
            if sent.start_char >= body:
                contexts.append((sent.start_char, sent.end_char))
        return cls(contexts, report, out.values.get("publisher"), lead)

    def in_context(self, span: Span) -> bool:
        """True where ``span`` stands in a participation context, not set aside."""
        for start, end in self.contexts:
            if start <= span.start_char and span.end_char <= end:
                before = doc_text(span.doc)[start : span.start_char]
                if _cue(span.doc, "aside").search(before[-80:]):
                    return False
                after = doc_text(span.doc)[span.end_char : span.end_char + 60]
                if _cue(span.doc, "aside_after").match(after):
                    return False
                return True
        return False

    def in_report(self, span: Span) -> bool:
        """True where ``span`` stands in a report sentence."""
        return any(s <= span.start_char and span.end_char <= e for s, e in self.report)


def assign_roles(doc: Doc, out: Any, roles: Roles) -> None:
    """Fill ``officials``, ``countries`` and ``organisations`` of the record being built.

    Args:
        doc: the processed Doc.
        out: the record builder of :mod:`diplex.assemble` (``values``, ``cite``, ``warn``).
        roles: the participation contexts (:meth:`Roles.read`); its ``publisher`` is set
            here where it is inferred.
    """
    people = _people(doc)
    reporter = _cue(doc, "reporter")
    for person in people:
        person.participant = any(roles.in_context(m) for m in person.mentions) and not any(
            reporter.search(span_value(m).get("title") or "") for m in person.mentions
        )
    taking_part = [p for p in people if p.participant]
    merged = [_merge(person) for person in taking_part]
    _states_from_headline(doc, merged, out)
    if roles.publisher is None:
        inferred = _infer_publisher(doc, roles, taking_part, merged)
        if inferred is not None:
            code, how = inferred
            roles.publisher = code
            out.values["publisher"] = code
            out.warn("publisher_inferred", f"publisher {code} inferred from {how}", "publisher")
    names = {span_value(m)["name"] for p in people for m in p.mentions}
    solo = {n for n in names if len(n.split()) == 1} | {
        n for n in names if any(o != n and o.endswith(" " + n) for o in names)
    }
    officials: list[Official] = []
    official_spans: list[Span] = []
    attending = _attending_states(doc)
    publisher = roles.publisher
    own_stated = any(v["country"] == publisher for v in merged)
    unknown: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for person, value in zip(taking_part, merged, strict=True):
        if (value["country"] is None and value["organisation"] is None and previous
                and previous.get("_from_publisher")
                and any(span_value(m).get("coordinated") for m in person.mentions)):
            # "Foreign Minister A and Defence Minister B", both unstated: the same side
            value["country"] = previous["country"]
            value["_from_publisher"] = True
        previous = value
        if value["country"] is None and value["organisation"] is None:
            from_delegation = next(
                (code for start, end, code in attending
                 if any(start <= m.start_char < end for m in person.mentions)),
                None,
            )
            if from_delegation is not None:
                value["country"] = from_delegation
            elif _is_state(publisher) and not own_stated:
                # the first official named without a state is the publisher's own; only one
                value["country"] = publisher
                value["_from_publisher"] = True
                own_stated = True
                out.warn("country_from_publisher",
                         f"{value['name']}: state not written; the publisher's is used",
                         "officials")
            else:
                unknown.append(value)
    meeting_states = {span_value(s) for s in _compound_members(doc, spans(doc, "COUNTRY"),
                                                                   roles)}
    left = meeting_states - {v["country"] for v in merged}
    if len(unknown) == 1 and len(left) == 1:
        # "Japan-China Foreign Ministers' Meeting": the one unstated official is China's
        unknown[0]["country"] = left.pop()
        out.warn("country_from_compound",
                 f"{unknown[0]['name']}: state read from the meeting's name", "officials")
    else:
        for value in unknown:
            out.warn("official_country_unknown",
                     f"{value['name']}: the text does not say which state", "officials")
    for value in merged:
        if value.get("state_rule") == "unique_title" and value.get("country"):
            out.warn("country_from_title",
                     f"{value['name']}: state read from an office only {value['country']} has "
                     f"('{value.get('title')}')", "officials")
    for person, value in zip(taking_part, merged, strict=True):
        parts = split_name(value["name"], country=value["country"],
                           particles=name_particles(rules_folder(doc)), known_family=solo,
                           assets=rules_folder(doc))
        value["family_name"], value["given_name"] = parts.family, parts.given
        officials.append(Official(**{k: v for k, v in value.items() if k in _OFFICIAL_FIELDS}))
        best = max(person.mentions, key=lambda m: len(m.text))
        official_spans.append(best)
        out.cite(f"officials[{len(officials) - 1}]", best)
    out.values["officials"] = officials
    _countries(doc, out, roles, officials, meeting_states)
    _organisations(doc, out, roles, officials, official_spans)


_OFFICIAL_FIELDS = frozenset(Official.model_fields)


def _states_from_headline(doc: Doc, merged: list[dict[str, Any]], out: Any) -> None:
    """Give a stateless official the state the headline gives their office ("Calls on Prime
    Minister of New Zealand" for "Prime Minister Sarah Whitfield"), with a warning. Only an
    unnamed office counts: "meets Jane Doe, Minister of X" names its holder."""
    titles = spans(doc, "TITLE")
    if not titles:
        return
    headline = titles[0]
    named = [(o.start_char, o.end_char) for o in spans(doc, "OFFICIAL")]
    countries = [s for s in spans(doc, "COUNTRY")
                 if headline.start_char <= s.start_char < headline.end_char
                 and not any(a <= s.start_char < b for a, b in named)]
    text = doc_text(doc)
    named_in_headline = {
        span_value(o).get("name") for o in spans(doc, "OFFICIAL")
        if headline.start_char <= o.start_char < headline.end_char
    }
    held = {v.get("country") for v in merged}
    for value in merged:
        office = value.get("title")
        if value.get("country") or value.get("organisation") or not office:
            continue
        if value.get("name") in named_in_headline:
            continue  # "Minister A meets Foreign Minister of B": the unnamed office is B's
        codes = set()
        for span in countries:
            before = text[headline.start_char : span.start_char]
            after = text[span.end_char : headline.end_char]
            slot = {"office": re.escape(office)}
            if (_office_cue(doc, "office_of_before", slot).search(before)
                    or _office_cue(doc, "office_after_state", slot).match(after)):
                codes.add(span_value(span))
        codes -= held  # the state of another official: the office is theirs
        if len(codes) == 1:
            value["country"] = codes.pop()
            out.warn("country_from_headline",
                     f"{value['name']}: state read from the headline's '{office}'", "officials")


def _attending_states(doc: Doc) -> list[tuple[int, int, str]]:
    """Segments "Attending from China were A, B and others;" with the state they name, as
    ``(start, end, code)`` character ranges: officials listed there are of that state."""
    out: list[tuple[int, int, str]] = []
    countries = spans(doc, "COUNTRY")
    text = doc_text(doc)
    for m in _cue(doc, "attending_from").finditer(text):
        inside = [s for s in countries if m.start(1) <= s.start_char < m.end(1)]
        if len(inside) == 1:
            ends = (text.find(";", m.end()), text.find(")", m.end()), text.find("\n", m.end()))
            stop = min([e for e in ends if e >= 0] + [len(text)])
            out.append((m.end(), stop, span_value(inside[0])))
    return out


def _is_state(code: str | None) -> bool:
    return code is not None and len(code) == 3 and code.isupper() and code.isalpha()


def _infer_publisher(doc: Doc, roles: Roles, people: list[_Person],
                     merged: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The publisher where the page does not name it, from (in order):

    1. the first state of a compound naming the meeting or the relations in the page header
       ("Japan-China Relations", "ROK-Japan Foreign Ministers' Meeting"): ministries name
       their own state first;
    2. the state (or organisation) of the official who is the subject of the report sentence
       (named before the meeting cue): a release reports its own side first (not where
       the subject is the visitor, "X paid a call on Y", reported by either side);
    3. the state a participating envoy is accredited to ("Ambassador of Brazil to Japan"
       calling on a minister: the release is the host's);
    4. a pair of states ("France-Japan", "between Singapore and New Zealand", "the UK and
       Japan") one of which is a participant's: the other is the side whose official is named
       without a state.

    Returns:
        ``(code, how)`` or None.
    """
    body = doc._.diplex_body_start or 0
    countries = spans(doc, "COUNTRY")
    head = [s for s in countries if s.start_char < body]
    for group in _compounds(doc, head):
        tail = doc_text(doc)[group[-1].end_char : group[-1].end_char + 40]
        if _cue(doc, "meeting_noun").match(tail) or _cue(doc, "relations_after").match(tail):
            return span_value(group[0]), "the page header's compound"
    kinds = spans(doc, "MEETING")
    if (kinds and span_rule(kinds[0]) != "meeting_kind.headline" and roles.report
            and not _cue(doc, "visitor_cue").search(kinds[0].text)):
        cue = kinds[0].start_char
        start, _ = roles.report[0]
        subjects = [
            (m.start_char, m) for p in people for m in p.mentions if start <= m.start_char < cue
        ]
        if subjects:
            value = span_value(min(subjects, key=lambda x: x[0])[1])
            if value.get("organisation"):
                return value["organisation"], "the report sentence's subject"
            if value.get("country"):
                return value["country"], "the report sentence's subject"
    for p in people:
        for m in p.mentions:
            host = span_value(m).get("accredited_to")
            if host:
                return host, "the state a participating envoy is accredited to"
    known = {v.get("country") for v in merged} - {None}
    stateless = any(v.get("country") is None and v.get("organisation") is None for v in merged)
    if stateless and known:
        votes: dict[str, int] = {}
        pairs = [g for g in _compounds(doc, countries) if len(g) == 2]
        pairs += [
            [a, b] for a, b in zip(countries, countries[1:], strict=False)
            if _cue(doc, "pair_and").match(doc_text(doc)[a.end_char : b.start_char])
        ]
        for between in _cue(doc, "between").finditer(doc_text(doc)):
            inside = [
                s for s in countries if between.start() <= s.start_char < between.end()
            ]
            if len(inside) == 2:
                pairs.append(inside)
        for pair in pairs:
            codes = [span_value(s) for s in pair]
            others = [c for c in codes if c not in known]
            if len(others) == 1 and len(set(codes)) == 2:
                votes[others[0]] = votes.get(others[0], 0) + 1
        if votes:
            return max(votes, key=lambda c: votes[c]), "a pair of states with a participant's"
    return None


def _people(doc: Doc) -> list[_Person]:
    """OFFICIAL mentions grouped by family name, in order of first appearance."""
    people: dict[str, _Person] = {}
    for span in spans(doc, "OFFICIAL"):
        value = span_value(span) or {}
        family = value.get("family_name")
        if not family:
            continue
        key = _key(family)
        match = next((k for k, p in people.items()
                      if (k == key or _same_person(k, key)) and _compatible(p, value)), None)
        if match is None:
            key = key if key not in people else f"{key}#{len(people)}"
            people[key] = _Person(family, [span])
        else:
            people[match].mentions.append(span)
    return list(people.values())


def _same_person(a: str, b: str) -> bool:
    a = a.split("#")[0]  # "soto#2": a second person of the same family name
    return a.split()[-1] == b.split()[-1] and (a in b or b in a)


def _compatible(person: _Person, value: dict[str, Any]) -> bool:
    """False where a mention cannot be ``person``: both give a name of two or more words,
    neither name ends the other, and their first words differ (not one the other's initial:
    "Javier Soto" is not "Tomás Herrera Soto"; "Ruiz Vidal" may be "Ana Ruiz Vidal" and
    "J. Blinken" "Antony Blinken"), or both name a state and the two differ."""
    words = _key(value.get("name") or "").split()
    country = value.get("country")
    for mention in person.mentions:
        other = span_value(mention) or {}
        known = _key(other.get("name") or "").split()
        if len(words) >= 2 and len(known) >= 2:
            n = min(len(words), len(known))
            first, first_known = words[0].rstrip("."), known[0].rstrip(".")
            if words[-n:] != known[-n:] or n == len(words) == len(known):
                if not (first.startswith(first_known) or first_known.startswith(first)):
                    return False
        if country and other.get("country") and other["country"] != country:
            return False
    return True


def _merge(person: _Person) -> dict[str, Any]:
    """The fullest name and the most explicit title/state among a person's mentions."""
    values = [span_value(m) for m in person.mentions]
    best = max(values, key=lambda v: (len(v.get("name", "").split()), len(v.get("name", ""))))
    merged = dict(best)
    for key in ("title", "country", "organisation"):
        if merged.get(key) is None:
            for v in values:
                if v.get(key) is not None:
                    merged[key] = v[key]
                    break
    if merged.get("organisation") is not None:
        merged["country"] = None
    titles = [v.get("title") for v in values if v.get("title")]
    if titles and merged.get("title") in (None, "Minister", "Secretary"):
        merged["title"] = max(titles, key=len)
    elif merged.get("title"):
        # "Secretary of State" in the headline, "Secretary of State for Foreign, Commonwealth
        # and Development Affairs" in the body: the fuller form of the same office
        longer = [t for t in titles if t.startswith((merged["title"] + " ",
                                                     merged["title"] + ","))]
        if longer:
            merged["title"] = max(longer, key=len)
    return merged


def _countries(doc: Doc, out: Any, roles: Roles, officials: list[Official],
               meeting_states: set[str]) -> None:
    """Fill ``countries``; ``meeting_states`` are the states of the compound naming the
    meeting (:func:`_compound_members`)."""
    participants: set[str] = {o.country for o in officials if o.country} | meeting_states
    participants |= set(getattr(out, "participants", ()))  # known to the caller
    publisher = roles.publisher
    if _is_state(publisher) and publisher and (out.values.get("meeting_type") or officials):
        participants.add(publisher)
    country_spans = spans(doc, "COUNTRY")
    text = doc_text(doc)
    for span in _delegation_members(doc, country_spans, roles):
        participants.add(span_value(span))
    for span in country_spans:
        after = text[span.end_char : span.end_char + 40]
        if roles.in_report(span) and _cue(doc, "office_after").match(after):
            participants.add(span_value(span))
    refs: list[CountryRef] = []
    seen: set[str] = set()
    for span in country_spans:
        code = span_value(span)
        if code in seen:
            continue
        seen.add(code)
        refs.append(CountryRef(code=code, role="participant" if code in participants
                               else "mentioned"))
        out.cite(f"countries[{len(refs) - 1}]", span)
    for code in sorted(participants - seen):
        refs.append(CountryRef(code=code, role="participant"))
    out.values["countries"] = refs


def _compounds(doc: Doc, found: list[Span]) -> list[list[Span]]:
    """Runs of 2+ spans joined only by hyphens or dashes ("Japan-U.S.-ROK")."""
    text = doc_text(doc)
    groups: list[list[Span]] = []
    i = 0
    while i < len(found):
        group = [found[i]]
        while i + 1 < len(found) and _cue(doc, "compound_gap").match(
            text[group[-1].end_char : found[i + 1].start_char]
        ):
            i += 1
            group.append(found[i])
        i += 1
        if len(group) >= 2:
            groups.append(group)
    return groups


def _compound_members(doc: Doc, found: list[Span], roles: Roles) -> list[Span]:
    """Spans in a hyphen compound that names the meeting ("Japan-China Foreign Ministers'")."""
    text = doc_text(doc)
    members: list[Span] = []
    for group in _compounds(doc, found):
        tail = text[group[-1].end_char : group[-1].end_char + 40]
        if not _cue(doc, "meeting_noun").match(tail):
            continue
        in_lead = any(a <= s.start_char < b for s in group for a, b in roles.lead)
        if in_lead or any(s.start_char < (doc._.diplex_body_start or 0) for s in group):
            members.extend(group)
    return members


def _delegation_members(doc: Doc, found: list[Span], roles: Roles) -> list[Span]:
    """Spans listed after "Ambassadors of", "the foreign ministers of", "delegation from" ...,
    or right before such a head ("The Kuwaiti, Belizean and Venezuelan foreign ministers"),
    where the list's head stands in a report sentence itself, the headline or an attendance
    sentence, and is not the agent of a "by" phrase."""
    text = doc_text(doc)
    narrow = roles.lead + [(t.start_char, t.end_char) for t in spans(doc, "TITLE")] + [
        (s.start_char, s.end_char) for s in _attendance(doc)]
    by_before, gap = _cue(doc, "by_before"), _cue(doc, "list_gap")

    def present(at: int) -> bool:
        # not further down ("welcomed the statement by the leaders of ..."), not quoted ("a
        # statement by the leaders of A and B")
        return any(a <= at < b for a, b in narrow) and not by_before.search(
            text[max(0, at - 10) : at])

    members: list[Span] = []
    for m in _cue(doc, "delegation").finditer(text):
        if not present(m.start()):
            continue
        pos = m.end()
        for span in found:
            if span.start_char < pos:
                continue
            if not gap.match(text[pos : span.start_char]):
                break
            members.append(span)
            pos = span.end_char
    head_after = _cue(doc, "list_head_after")
    ordered = sorted(found, key=lambda s: s.start_char)
    seen = {(s.start_char, s.end_char) for s in members}
    for k, span in enumerate(ordered):
        if not head_after.match(text, span.end_char) or not present(span.start_char):
            continue
        first = k  # walk back over the states the list gaps join
        while first > 0 and gap.match(
                text[ordered[first - 1].end_char : ordered[first].start_char]):
            first -= 1
        for listed in ordered[first : k + 1]:
            if (listed.start_char, listed.end_char) not in seen:
                seen.add((listed.start_char, listed.end_char))
                members.append(listed)
    return members


def _organisations(doc: Doc, out: Any, roles: Roles, officials: list[Official],
                   official_spans: list[Span]) -> None:
    countries = [(s.start_char, s.end_char) for s in spans(doc, "COUNTRY")]
    org_spans = [  # "NAM" inside "VIET NAM" is the state, not the Non-Aligned Movement
        o for o in spans(doc, "ORG")
        if not any(a < o.end_char and o.start_char < b for a, b in countries)
    ]
    text = doc_text(doc)
    participants: set[str] = set()
    for o in officials:
        if o.organisation:
            participants.add(_fold(o.organisation))
    for span in org_spans:
        value = span_value(span) or {}
        inside_official = any(
            s.start_char <= span.start_char and span.end_char <= s.end_char for s in official_spans
        )
        before = doc_text(doc)[max(0, span.start_char - 60) : span.start_char]
        after = doc_text(doc)[span.end_char : span.end_char + 40]
        if (
            inside_official
            or (roles.in_report(span) and _cue(doc, "met_with").search(before))
            or (roles.in_context(span) and _cue(doc, "to_before").search(before)
                and _cue(doc, "delegation").search(
                    text[max(0, span.start_char - 200) : span.start_char]))
            or (roles.in_context(span) and _cue(doc, "meeting_noun").match(after.lstrip("-– ")) and
                _cue(doc, "dash_after").match(after))
        ):
            participants.update(_fold(k) for k in _org_keys(value))
    publisher = roles.publisher
    if publisher and not _is_state(publisher):
        participants.add(_fold(publisher))
    refs: list[OrganisationRef] = []
    seen: set[str] = set()
    parents: list[str] = []
    for span in org_spans:
        value = span_value(span) or {}
        key = _fold(value.get("acronym") or value.get("name", ""))
        if not key or key in seen:
            continue
        seen.add(key)
        is_part = any(k in participants for k in map(_fold, _org_keys(value)))
        entry = default_gazetteer().lookup(value.get("acronym") or value.get("name", ""))
        if is_part and entry is not None and entry.parent:
            parents.append(entry.parent)
        refs.append(OrganisationRef(name=value.get("name", ""), acronym=value.get("acronym"),
                                    role="participant" if is_part else "mentioned"))
        out.cite(f"organisations[{len(refs) - 1}]", span)
    for parent in parents:
        for ref in refs:
            if _fold(parent) in (_fold(ref.acronym or ""), _fold(ref.name)):
                ref.role = "participant"
    out.values["organisations"] = refs


def _org_keys(value: dict[str, Any]) -> list[str]:
    return [k for k in (value.get("acronym"), value.get("name")) if k]


def _fold(text: str) -> str:
    return text.casefold().strip()
