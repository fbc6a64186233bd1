"""One record per encounter: splitting a release that reports several meetings.

The Doc is processed once (the whole pipeline); :func:`segment` then divides its text
into *parts*, one per encounter, and :func:`assemble_encounters` assembles one record per
part with :func:`diplex.assemble.assemble` over the spans that part can see. Cue words are
data (``models/encounters.jsonl``); the form of each encounter is read with the cues of
``models/meeting_kinds.jsonl``.

Where the release splits (in this order):

- *a list of counterparts*: a list head ("held bilateral meetings with", "met separately
  with") right before two or more officials or states joined by list gaps ("A of X, B of Y
  and C of Z", each of another state): one encounter per item, of the form the list head
  gives, its listed state a participant. The rest of the text is about all of them, except
  clauses about one counterpart ("With Peru, he discussed ...; with Chile, trade").
- *a sequence*: after the report sentence's cue (the first encounter), a further form cue
  that opens an encounter (after a determiner: "a working dinner", "a second call"; or a
  sequence marker: "he then met"; not in a clause of another event: "agreed to hold a
  meeting") and changes the form (a form cue after a determiner only), the counterpart
  (where the part before has one) or the day. The new encounter's text starts at its
  clause ("and, later the same day, a second call with ...") and runs to the next one.
  Where one lead paragraph reports every encounter, the paragraphs after it (the
  overview) are about all of them; where each encounter has its own paragraph, the text
  after it is its own.

Text about every encounter ("Both calls concerned energy security", a sentence with
``all_parts``) and the page header go to each part. The publisher's side is shared: the
officials named in the report sentence before its first cue or ``side_end`` word ("A held
a meeting with B"). A part that names no counterpart of its own ("the two ministers held
a working dinner") has those of the part before (the first part: those of the next, "held
a working lunch and a meeting with B"). A part with no date or place of its own (in its
text up to the end of its cue's sentence) has the date or place of the part before
("later the same day"). A counterpart named again in a later part brings their other
mentions (the state written there). A state named in shared text (the headline's "Polish and
Estonian counterparts") that is another part's counterpart, and not this part's, is left
out of this part.

A release of one encounter gives one part: its record is :func:`assemble`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import regex
from spacy.tokens import Doc, Span

from .assemble import Context, assemble
from .assets import asset_path
from .cues import alternation, word_slotted
from .record import MeetingRecord
from .rules import read_table
from .spans import doc_text, rules_folder, span_text, span_value, span_view, spans

ENCOUNTERS = "encounters.jsonl"
"""The table of encounter cues (word kinds and ``context_layout`` rows)."""

MEETING_KINDS = "meeting_kinds.jsonl"

MAX_SENTENCES = 12
"""Body sentences searched for the encounters of a release."""

FormCue = tuple[int, int, str, bool]
"""A form cue: ``(start, end, meeting_type, weak)`` character offsets."""

FormFinder = Callable[[str, int], list[FormCue]]
"""Finds the form cues of a text (``MeetingKindComponent.find``'s signature)."""

PlaceFinder = Callable[[Doc, Span], bool]
"""Adds the LOCATION span a sentence reports (``LocationsComponent.place_in``)."""

Range = tuple[int, int]


@dataclass(frozen=True)
class Finders:
    """The pipeline's own finders that segmentation uses.

    Attributes:
        forms: finds form cues (default: :func:`default_forms`).
        places: adds a further encounter's LOCATION from its own sentence (None: a part
            without a place of its own has the place of the part before).
    """

    forms: FormFinder | None = None
    places: PlaceFinder | None = None

WHO = ("OFFICIAL", "COUNTRY", "ORG")
"""Labels of who took part: inherited together by a part that names nobody of its own."""
INHERITED = ("DATE", "LOCATION")
"""Labels a part without its own takes from the part before."""


@lru_cache(maxsize=4)
def _cues(folder: str | None = None) -> dict[str, re.Pattern[str]]:
    """The ``context_layout`` rows of ``models/encounters.jsonl``, compiled with the word
    kinds as slots.

    Raises:
        ValueError: a row uses an unknown slot or does not compile.
    """
    return word_slotted(read_table(asset_path(ENCOUNTERS, Path(folder) if folder else None)))


@lru_cache(maxsize=4)
def _form_patterns(folder: str | None = None) -> list[tuple[str, regex.Pattern[str], bool]]:
    rows = read_table(asset_path(MEETING_KINDS, Path(folder) if folder else None))
    return [(r["type"], regex.compile(r["pattern"], regex.I), bool(r.get("weak"))) for r in rows]


def default_forms(text: str, offset: int = 0) -> list[FormCue]:
    """The form cues of ``text`` by the bundled ``models/meeting_kinds.jsonl`` (what
    ``diplex_meeting_kind`` finds where the pipeline has none of its own).

    Returns:
        ``(start, end, meeting_type, weak)`` per match, offsets + ``offset``, sorted by
        start, longest first.
    """
    found = [(offset + m.start(), offset + m.end(), kind, weak)
             for kind, pattern, weak in _form_patterns() for m in pattern.finditer(text)]
    return sorted(found, key=lambda c: (c[0], -(c[1] - c[0])))


@dataclass
class Part:
    """One encounter's part of the text.

    Attributes:
        number: the encounter's number, from 1.
        ranges: character ranges of text about this encounter only.
        cue: the form cue that opens it (None: the release's MEETING span serves).
        form: the meeting type its cue gives (None: the release's).
        states: ISO codes of its counterparts; families: their family names (folded).
    """

    number: int
    ranges: list[Range] = field(default_factory=list)
    cue: Range | None = None
    form: str | None = None
    states: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)


@dataclass
class Segmentation:
    """How a release divides into encounters (see the module docstring).

    Attributes:
        mode: ``"list"`` (a list of counterparts) or ``"sequence"``.
        parts: the encounters, in order (two or more).
        clauses: ``(start, end, part index)``: clauses about one counterpart.
        shared: ranges about every encounter (``all_parts`` sentences).
        side: ``(start, end)`` of the spans of the publisher's side (shared).
    """

    mode: str
    parts: list[Part]
    clauses: list[tuple[int, int, int]] = field(default_factory=list)
    shared: list[Range] = field(default_factory=list)
    side: list[Range] = field(default_factory=list)

    def owner(self, span: Span) -> int | None:
        """The index of the part ``span`` belongs to, or None where it is shared."""
        start, end = span.start_char, span.end_char
        if any(a <= start and end <= b for a, b in self.side):
            return None
        for a, b, index in self.clauses:
            if a <= start < b:
                return index
        if self.mode == "list":
            for index, part in enumerate(self.parts):
                if any(a <= start < b for a, b in part.ranges):
                    return index
        if any(a <= start < b for a, b in self.shared):
            return None
        for index, part in enumerate(self.parts):
            if any(a <= start < b for a, b in part.ranges):
                return index
        return None


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _family(span: Span) -> str:
    return _fold((span_value(span) or {}).get("family_name") or "")


def _within(span: Span, outer: Iterable[Span]) -> bool:
    return any(o.start_char <= span.start_char and span.end_char <= o.end_char for o in outer)


def _body_sentences(doc: Doc) -> list[Span]:
    body = doc._.diplex_body_start or 0
    return [s for s in doc.sents if s.start_char >= body][:MAX_SENTENCES]


def segment(doc: Doc, forms: FormFinder | None = None) -> Segmentation | None:
    """Divide a processed Doc into encounters.

    Args:
        doc: a Doc that went through diplex's pipeline.
        forms: the finder of form cues (default: :func:`default_forms`).

    Returns:
        The segmentation, or None where the release reports one encounter (or none).
    """
    if doc._.diplex_error is not None or not doc_text(doc).strip():
        return None
    found = _list_parts(doc) or _sequence_parts(doc, forms or default_forms)
    if found is None or len(found.parts) < 2:
        return None
    _distribute(doc, found)
    _all_parts(doc, found)
    return found


def _list_parts(doc: Doc) -> Segmentation | None:
    """A list head right before two or more counterparts joined by list gaps."""
    text = doc_text(doc)
    officials = spans(doc, "OFFICIAL")
    free = [c for c in spans(doc, "COUNTRY") if not _within(c, officials)]
    items = sorted(officials + free, key=lambda s: s.start_char)
    head, gap = _cues(rules_folder(doc))["list_head_before"], _cues(rules_folder(doc))["list_gap"]
    for sent in _body_sentences(doc):
        inside = [s for s in items
                  if sent.start_char <= s.start_char and s.end_char <= sent.end_char]
        for k, first in enumerate(inside):
            if not head.search(text[sent.start_char : first.start_char]):
                continue
            run = [first]
            for nxt in inside[k + 1 :]:
                if not gap.match(text[run[-1].end_char : nxt.start_char]):
                    break
                run.append(nxt)
            keys = [_family(s) if s.label_ == "OFFICIAL" else span_value(s) for s in run]
            states = [c for c in map(_state, run) if c]
            if len(run) < 2 or len(set(keys)) < len(keys) or len(set(states)) < len(states):
                continue  # one counterpart twice, or one state's delegation: one encounter
            lead = head.search(text[sent.start_char : first.start_char])
            assert lead is not None
            cue = (sent.start_char + lead.start(), sent.start_char + lead.end())
            form = _list_form(text[cue[0] : cue[1]])
            parts = []
            for i, item in enumerate(run):
                end = run[i + 1].start_char if i + 1 < len(run) else item.end_char
                part = Part(i + 1, ranges=[(item.start_char, end)], cue=cue, form=form)
                _add_counterpart(part, item)
                parts.append(part)
            side = [(o.start_char, o.end_char) for o in officials
                    if sent.start_char <= o.start_char < first.start_char]
            return Segmentation("list", parts, side=side)
    return None


def _state(span: Span) -> str | None:
    """The state of an OFFICIAL span (None where not written) or a COUNTRY span."""
    value = span_value(span)
    if span.label_ == "OFFICIAL":
        return (value or {}).get("country")
    return str(value) if value else None


@lru_cache(maxsize=4)
def _list_heads(folder: str | None = None) -> list[tuple[str, re.Pattern[str]]]:
    """The ``list_head`` rows of ``models/encounters.jsonl``: (form, alternation)."""
    rows = read_table(asset_path(ENCOUNTERS, Path(folder) if folder else None))
    return [(str(r["form"]), re.compile(alternation(r["words"]), re.I))
            for r in rows if r.get("kind") == "list_head"]


def _list_form(head: str) -> str | None:
    """The form of the encounters a list head opens: that of its longest matching row."""
    best: tuple[int, str] | None = None
    for form, pattern in _list_heads():
        for m in pattern.finditer(head):
            if best is None or len(m.group(0)) > best[0]:
                best = (len(m.group(0)), form)
    return best[1] if best else None


def _add_counterpart(part: Part, span: Span) -> None:
    """Note ``span`` (an OFFICIAL or COUNTRY span) as one of ``part``'s counterparts."""
    state = _state(span)
    if span.label_ == "OFFICIAL":
        part.families.add(_family(span))
    if state:
        part.states.add(state)


def _first_cue(doc: Doc, cues: list[FormCue]) -> tuple[FormCue, Span] | None:
    """The first encounter's cue: the MEETING span where it stands in the body, else the
    first strong form cue of the body; with its sentence."""
    body = doc._.diplex_body_start or 0
    sentences = _body_sentences(doc)
    kinds = [k for k in spans(doc, "MEETING") if k.start_char >= body]
    if kinds:
        kind = kinds[0]
        sent = next((s for s in sentences if s.start_char <= kind.start_char < s.end_char),
                    None)
        if sent is not None:
            return (kind.start_char, kind.end_char, str(span_value(kind)), False), sent
    for cue in cues:
        sent = next((s for s in sentences if s.start_char <= cue[0] < s.end_char), None)
        if sent is not None:
            return cue, sent
    return None


def _strong_cues(doc: Doc, forms: FormFinder) -> list[FormCue]:
    """Non-weak form cues of the body sentences, overlapping ones dropped (the longer, the
    earlier kept)."""
    sentences = _body_sentences(doc)
    if not sentences:
        return []
    start, end = sentences[0].start_char, sentences[-1].end_char
    out: list[FormCue] = []
    for cue in forms(doc_text(doc)[start:end], start):
        if cue[3] or any(c[0] < cue[1] and cue[0] < c[1] for c in out):
            continue
        out.append(cue)
    return out


def _sequence_parts(doc: Doc, forms: FormFinder) -> Segmentation | None:
    """Further form cues that open an encounter and change its form, counterpart or day."""
    text = doc_text(doc)
    cues = _strong_cues(doc, forms)
    first = _first_cue(doc, cues)
    if first is None:
        return None
    (c_start, c_end, c_form, _), first_sent = first
    officials = spans(doc, "OFFICIAL")
    dates = spans(doc, "DATE")
    side_end = _cues(rules_folder(doc))["side_end"].search(text, first_sent.start_char, c_start)
    side_stop = side_end.start() if side_end else c_start
    side_spans = [o for o in officials if first_sent.start_char <= o.start_char
                  and o.end_char <= side_stop]
    side_families = {_family(o) for o in side_spans}
    parts = [Part(1, cue=(c_start, c_end), form=c_form)]
    part_start = first_sent.start_char
    sentences = _body_sentences(doc)
    after = [c for c in cues if c[0] >= c_end]
    for i, cue in enumerate(after):
        sent = next((s for s in sentences if s.start_char <= cue[0] < s.end_char), None)
        if sent is None:
            continue
        current = parts[-1]
        assert current.cue is not None
        floor = max(sent.start_char, current.cue[1])
        if cue[0] < floor:
            continue
        # the text before the cue's last word: "held a second telephone call" is one cue
        # with its determiner inside; one before the current cue is the current one's
        last_word = text.rfind(" ", cue[0], cue[1] - 1) + 1 or cue[0]
        before = text[floor : max(cue[0], last_word)]
        determined = _cues(rules_folder(doc))["opener_before"].search(before) is not None
        if not (determined or _cues(rules_folder(doc))["sequence_before"].search(before)):
            continue
        if _cues(rules_folder(doc))["not_opener_before"].search(text[sent.start_char : cue[0]]):
            continue
        breaks = list(_cues(rules_folder(doc))["clause_break"].finditer(text, floor, cue[0]))
        if breaks:
            clause = breaks[-1].start()
        elif sent.start_char > current.cue[1]:
            clause = sent.start_char
        else:
            opener = _cues(rules_folder(doc))["opener_before"].search(before)
            clause = floor + opener.start() if opener else cue[0]
        reach_end = min([c[0] for c in after[i + 1 :] if c[0] < sent.end_char]
                        + [sent.end_char])
        new = [o for o in officials if cue[1] <= o.start_char < reach_end
               and _family(o) not in side_families]
        own = [o for o in officials if part_start <= o.start_char < clause
               and _family(o) not in side_families]
        own_families = {_family(o) for o in own}
        new_dates = [span_value(d) for d in dates if clause <= d.start_char < reach_end]
        old_dates = [span_value(d) for d in dates if part_start <= d.start_char < clause]
        # a new form needs its own noun ("a working dinner"): "the two then held talks"
        # after a call tells more of the call
        changed = ((determined and cue[2] != current.form)
                   or bool(own_families and any(_family(o) not in own_families for o in new))
                   or bool(new_dates and old_dates and new_dates[0] != old_dates[0]))
        if not changed:
            continue
        current.ranges = [(part_start, clause)]
        for o in own:
            _add_counterpart(current, o)
        parts.append(Part(len(parts) + 1, cue=(cue[0], cue[1]), form=cue[2]))
        part_start = clause
    last = parts[-1]
    end = len(text)
    assert last.cue is not None
    if len(parts) > 1 and "\n" not in text[first_sent.start_char : last.cue[1]]:
        # one lead paragraph reports every encounter: the paragraphs after it are the
        # overview of them all, shared
        stop = text.find("\n", last.cue[1])
        end = stop if stop >= 0 else end
    last.ranges = [(part_start, end)]
    for o in officials:
        if part_start <= o.start_char < end and _family(o) not in side_families:
            _add_counterpart(last, o)
    side = [(o.start_char, o.end_char) for o in side_spans]
    return Segmentation("sequence", parts, side=side)


def _distribute(doc: Doc, seg: Segmentation) -> None:
    """Clauses about one counterpart ("With Peru, he discussed ...; with Chile, trade"):
    from the "with" to the next ";", the next such clause or the sentence's end."""
    text = doc_text(doc)
    cues = _cues(rules_folder(doc))
    before_re, after_re = cues["distribution_before"], cues["distribution_after"]
    mentions: list[tuple[int, int, int]] = []
    for span in spans(doc, "COUNTRY") + spans(doc, "OFFICIAL"):
        for index, part in enumerate(seg.parts):
            if (span.label_ == "COUNTRY" and span_value(span) in part.states) or (
                    span.label_ == "OFFICIAL" and _family(span) in part.families):
                mentions.append((span.start_char, span.end_char, index))
    folded = text.casefold()
    for index, part in enumerate(seg.parts):
        for family in part.families:
            pos = folded.find(family)
            while family and pos >= 0:
                mentions.append((pos, pos + len(family), index))
                pos = folded.find(family, pos + 1)
    own = [r for part in seg.parts for r in part.ranges] if seg.mode == "list" else []
    opened: list[tuple[int, int, int]] = []
    for sent in _body_sentences(doc):
        for start, end, index in sorted(mentions):
            if not (sent.start_char <= start and end <= sent.end_char):
                continue
            if any(a <= start < b for a, b in own):
                continue
            lead = before_re.search(text[sent.start_char : start])
            if lead is None or not after_re.match(text[end : sent.end_char]):
                continue
            begin = sent.start_char + lead.start()
            if any(s == begin for s, _, _ in opened):
                continue  # one clause, two mentions of its counterpart
            opened.append((begin, sent.end_char, index))
    opened.sort()
    for k, (begin, stop, index) in enumerate(opened):
        semi = text.find(";", begin + 1, stop)
        if semi >= 0:
            stop = semi
        if k + 1 < len(opened) and opened[k + 1][0] < stop:
            stop = opened[k + 1][0]
        seg.clauses.append((begin, stop, index))


def _all_parts(doc: Doc, seg: Segmentation) -> None:
    """Sentences about every encounter ("Both calls concerned energy security") are shared,
    unless a part's cue or counterpart list stands in them."""
    pattern = _cues(rules_folder(doc))["all_parts"]
    marks = [p.cue[0] for p in seg.parts if p.cue is not None]
    if seg.mode == "list":
        marks += [a for p in seg.parts for a, _ in p.ranges]
    for sent in _body_sentences(doc):
        if any(sent.start_char <= m < sent.end_char for m in marks):
            continue
        if pattern.search(span_text(sent)):
            seg.shared.append((sent.start_char, sent.end_char))


def views(doc: Doc, seg: Segmentation) -> list[tuple[list[Span], list[Span]]]:
    """The spans each part sees: ``(kept spans, MEETING spans to add)`` per part.

    A part sees the shared spans and its own; labels of :data:`WHO` (where it has no
    official or state of its own) and :data:`INHERITED` (where it has none of that label)
    come from the part before; no MEETING span but its own cue's where its form is not
    the release's MEETING span's.
    """
    every = spans(doc)
    owners = [seg.owner(s) for s in every]
    own: list[list[Span]] = [[] for _ in seg.parts]
    shared: list[Span] = []
    for span, index in zip(every, owners, strict=True):
        (shared if index is None else own[index]).append(span)
    out: list[tuple[list[Span], list[Span]]] = []
    previous: list[Span] = []
    for index, part in enumerate(seg.parts):
        mine = list(own[index])
        labels = {s.label_ for s in mine}
        if not labels & {"OFFICIAL", "COUNTRY"}:
            # "the two ministers held a working dinner": the counterparts of the part
            # before; "held a working lunch and a meeting with B": those of the next
            source = previous if index > 0 else []
            if not any(s.label_ in ("OFFICIAL", "COUNTRY") for s in source):
                source = next((o for o in own[index + 1 :]
                               if any(s.label_ in ("OFFICIAL", "COUNTRY") for s in o)), [])
            mine += [s for s in source if s.label_ in WHO]
        lead = _lead(doc, part)
        for label in INHERITED:
            if index > 0 and not any(s.label_ == label and lead[0] <= s.start_char < lead[1]
                                     for s in mine):
                mine += [s for s in previous if s.label_ == label]
        # a counterpart met again ("hosted a working dinner for Foreign Minister B"): the
        # person's other mentions (the state written there) come with them
        families = {_family(s) for s in mine if s.label_ == "OFFICIAL"}
        again = [s for s, o in zip(every, owners, strict=True)
                 if s.label_ == "OFFICIAL" and o is not None and o != index
                 and _family(s) in families and s not in mine]
        mine += again + [c for c in every if c.label_ == "COUNTRY" and _within(c, again)
                         and c not in mine]
        previous = [s for s in mine if s.label_ in WHO + INHERITED]
        mine_states = {(span_value(s) or {}).get("country") for s in mine
                       if s.label_ == "OFFICIAL"} | {span_value(s) for s in mine
                                                     if s.label_ == "COUNTRY"}
        side_states = {(span_value(s) or {}).get("country") for s in shared
                       if s.label_ == "OFFICIAL"}
        others = set().union(*(p.states for j, p in enumerate(seg.parts) if j != index))
        keep: list[Span] = []
        for span in shared:
            if span.label_ == "COUNTRY" and span_value(span) in others and (
                    span_value(span) not in mine_states | side_states):
                continue  # another encounter's counterpart, named in the headline
            keep.append(span)
        keep += mine
        added: list[Span] = []
        if part.form is not None and part.cue is not None:
            kinds = [s for s in keep if s.label_ == "MEETING"]
            if not any(span_value(k) == part.form for k in kinds):
                keep = [s for s in keep if s.label_ != "MEETING"]
                cue_span = doc.char_span(part.cue[0], part.cue[1], label="MEETING",
                                         alignment_mode="expand")
                if cue_span is not None:
                    added.append(cue_span)
        out.append((sorted(keep, key=lambda s: (s.start_char, s.end_char)), added))
    return out


def _lead(doc: Doc, part: Part) -> Range:
    """The start of a part's text to the end of its cue's sentence (or of its first range's
    first sentence): where its own date and place would be written."""
    start = part.ranges[0][0] if part.ranges else 0
    anchor = part.cue[0] if part.cue is not None else start
    for sent in doc.sents:
        if sent.start_char <= anchor < sent.end_char:
            return start, sent.end_char
    return start, start


def _own_places(doc: Doc, seg: Segmentation, places: PlaceFinder) -> None:
    """Give a further encounter the place its own sentence reports ("On 11 May, the two
    ministers held another meeting in Naples"): the pipeline found the release's first
    place only. Only where the sentence is the part's whole and has no LOCATION yet."""
    for part in seg.parts[1:]:
        if part.cue is None or not part.ranges:
            continue
        sent = next((s for s in doc.sents if s.start_char <= part.cue[0] < s.end_char), None)
        if sent is None or part.ranges[0][0] > sent.start_char:
            continue
        if any(sent.start_char <= s.start_char < sent.end_char
               for s in spans(doc, "LOCATION")):
            continue
        places(doc, sent)


def assemble_encounters(doc: Doc, context: Context,
                        finders: Finders | None = None) -> list[MeetingRecord]:
    """One record per encounter of a processed Doc.

    Args:
        doc: a Doc that went through diplex's pipeline.
        context: what the caller gave with the text (as for :func:`assemble`).
        finders: the pipeline's finders of form cues and places (default: the bundled
            form cues, no place finder).

    Returns:
        The records, numbered from 1 in ``encounter``; a release of one encounter (or of
        none) gives one record, :func:`assemble`'s with ``encounter=1``.

    Raises:
        ExtractionError: a diplex component failed on this Doc (``doc._.diplex_error``).
    """
    finders = finders or Finders()
    whole = assemble(doc, context)
    seg = segment(doc, finders.forms) if context.readable else None
    if seg is None:
        return [whole.model_copy(update={"encounter": 1})]
    if finders.places is not None and seg.mode == "sequence":
        _own_places(doc, seg, finders.places)  # the Doc gains spans: after ``whole``
    shared_context = replace(context, publisher=whole.publisher)
    publisher_notes = [w for w in whole.warnings if w.code == "publisher_inferred"]
    publisher_cites = [e for e in whole.evidence if e.field == "publisher"]
    records: list[MeetingRecord] = []
    for part, (keep, added) in zip(seg.parts, views(doc, seg), strict=True):
        extra = [(s, part.form, "encounter.form", 0.8) for s in added]
        listed = tuple(sorted(part.states)) if seg.mode == "list" else ()
        with span_view(doc, keep, extra):
            record = assemble(doc, replace(shared_context, participants=listed))
        if context.publisher is None and whole.publisher is not None:
            record.warnings = publisher_notes + record.warnings
            record.evidence = publisher_cites + [e for e in record.evidence
                                                 if e.field != "publisher"]
        records.append(record.model_copy(update={"encounter": part.number}))
    return records
