"""Component ``diplex_topics``: what the participants discussed.

Adds ``TOPIC`` spans (value: the topic phrase as worded, a ``str``) to ``doc.spans["diplex"]``.

How it works (rules are data in ``models/``):

1. **Cues** (``models/topic_cues.jsonl``): spaCy ``Matcher`` token patterns for the formulas
   that introduce what was discussed ("exchanged views on", "discussed", "touched upon",
   "the importance of", "including", "such as", "On X, the two leaders ..."). The noun
   phrase(s) right after a cue are its object. Where the object is a clause ("shared the view
   that X is important", "discussed how X could be restored"), its subject is used.
2. **Splitting**: the object's coordination is split into one topic per conjunct
   ("X, Y and Z" gives three topics), except inside a fixed multiword name
   (``models/topic_fixed_phrases.jsonl``, e.g. "Women, Peace and Security"). A coordination
   inside a prepositional modifier stays whole ("cooperation among Japan, Australia and the
   U.S."). Frame nouns ("a range of X", ``container`` words) give way to their object.
3. **Shortening**: each conjunct keeps its head noun, the modifiers before it, one
   prepositional modifier (two levels deep) and a parenthesised acronym; relative clauses,
   participial clauses and further prepositional phrases are cut. Leading determiners and
   possessive pronouns ("the", "their", "its") are trimmed.
4. **Filtering** (``models/topic_exclusions.jsonl``): courtesies (congratulations,
   gratitude for hospitality, condolences, appointments), people and pronouns
   (``not_topic_head``), phrases made only of generic words ("other issues", "matters of
   mutual interest"), and lone place names except after cues that name a discussed
   situation (``bare_place``). Overlapping candidates keep the earlier, longer one; a
   phrase repeated with the same content words is kept once.

Rule ids are ``topic.<cue id>``; the confidence is the cue's (lowered for a bare place).
Where no cue is found, the Doc gets no TOPIC span (a null beats a guess).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from ..cues import fast_first_token, first_word
from ..rules import read_table
from ..spans import add_span, doc_text, span_text, span_value, spans
from .base import AssetComponent

CUES_FILE = "topic_cues.jsonl"
EXCLUSIONS_FILE = "topic_exclusions.jsonl"
FIXED_FILE = "topic_fixed_phrases.jsonl"

MATCHER_CACHE = 1024
"""Sets of topic cues whose Matcher a component keeps (least recently used dropped)."""

MAX_WORDS = 10
"""Longest topic phrase kept, in tokens (the guide asks for about 8 words)."""

HEADER_MAX_WORDS = 15
"""A line shorter than this (in words) without sentence punctuation at its end is a header."""

_LINE = re.compile(r"[^\n]+")
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|[\u2022\u00b0*\-])\s*")
_SENTENCE_END = set('.!?;:"\u201d)')
_NOMINAL = {"NOUN", "PROPN", "NUM", "X"}
_TRIM_LEFT = {
    "the",
    "a",
    "an",
    "their",
    "its",
    "his",
    "her",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "both",
    "such",
    "that",
    "each",
    "all",
    "any",
    "some",
    "also",
    "further",
}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_PLACE_ENTS = {"GPE", "LOC", "NORP"}
_PERSON_ENTS = {"PERSON"}
_TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_LIST_PREPS = {"including", "like", "notably", "especially", "particularly"}


@dataclass
class _Candidate:
    start: int
    end: int
    value: str
    rule: str
    confidence: float
    bare_place: bool = False


@Language.factory("diplex_topics", default_config={"assets": None})
def make_topics(nlp: Language, name: str, assets: str | None) -> TopicsComponent:
    """spaCy factory of :class:`TopicsComponent` (``nlp.add_pipe("diplex_topics")``).

    Args:
        nlp: the pipeline.
        name: the component's name.
        assets: folder holding the asset files; None for the bundled ``models/``.
    """
    return TopicsComponent(nlp, name, assets=assets)


class TopicsComponent(AssetComponent):
    """Find the topics a release says were discussed; add them as ``TOPIC`` spans.

    Reads the base pipeline's dependency parse, sentence boundaries, part-of-speech tags and
    entities (for people and place names). Assets: :data:`CUES_FILE`,
    :data:`EXCLUSIONS_FILE`, :data:`FIXED_FILE` (formats in their header lines).

    Raises (at construction):
        ValueError: an asset line is malformed (from :func:`diplex.assets.read_table`) or a
            cue pattern is not a valid ``Matcher`` pattern.
    """

    asset_names = (CUES_FILE, EXCLUSIONS_FILE, FIXED_FILE)

    def load_assets(self, folder: Path | None) -> None:
        """(Re)build the cue Matcher, the fixed-phrase PhraseMatcher and the word lists."""
        vocab = self.nlp.vocab
        checker = Matcher(vocab)  # validates each cue pattern as written
        # each cue row: its id, its patterns (first tokens tested in C) and the words it
        # can start with (None: any word)
        self._cue_rows: list[tuple[str, list[list[dict[str, Any]]], frozenset[int] | None]] = []
        self._matchers: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()
        self.cue_conf: dict[str, float] = {}
        self.cue_bare_place: dict[str, bool] = {}
        self.cue_take: dict[str, str] = {}
        self.cue_head_in: dict[str, set[str]] = {}
        for row in read_table(self.asset(CUES_FILE, folder)):
            cue_id = str(row["id"])
            try:
                checker.add(cue_id, [row["pattern"]])
                first = first_word(row["pattern"])
                # the LOWER words, as hashes of the lower-cased words (spaCy's LOWER)
                firsts = (None if first is None or first[0] != "LOWER"
                          else frozenset(vocab.strings.add(w.lower()) for w in first[1]))
                self._cue_rows.append((cue_id, fast_first_token(vocab, row["pattern"]), firsts))
            except Exception as exc:  # spaCy raises its own MatchPatternError
                raise ValueError(f"{CUES_FILE}: bad pattern for cue {cue_id!r}: {exc}") from exc
            self.cue_conf[cue_id] = float(row.get("confidence", 0.6))
            self.cue_bare_place[cue_id] = bool(row.get("bare_place", False))
            self.cue_take[cue_id] = str(row.get("take", "after"))
            if "head_in" in row:
                self.cue_head_in[cue_id] = {str(w).lower() for w in row["head_in"]}
        # a cue that can start with any word (its first token is not a plain LOWER, or has an
        # OP) is matched over the whole Doc, across sentence ends, as are all cues then
        self._every: Matcher | None = None
        if any(firsts is None for _, _, firsts in self._cue_rows):
            self._every = self._matcher_of(tuple(range(len(self._cue_rows))))
        lists: dict[str, set[str]] = {}
        for row in read_table(self.asset(EXCLUSIONS_FILE, folder)):
            lists.setdefault(str(row["type"]), set()).add(str(row["word"]).lower())
        self.courtesy = lists.get("courtesy", set())
        self.generic = lists.get("generic", set())
        self.container = lists.get("container", set())
        self.not_topic_head = lists.get("not_topic_head", set())
        self.frame = lists.get("frame", set())
        self.fixed = PhraseMatcher(vocab, attr="LOWER")
        phrases = [str(row["phrase"]) for row in read_table(self.asset(FIXED_FILE, folder))]
        tokenizer = self.nlp.tokenizer
        self.fixed.add("FIXED", [tokenizer(p) for p in phrases])

    # -- main -------------------------------------------------------------------------------

    def process(self, doc: Doc) -> None:
        """Add ``TOPIC`` spans to ``doc`` (see the module docstring)."""
        if not doc.has_annotation("DEP"):
            return
        fixed_of = self._fixed_index(doc)
        skip = self._skip_tokens(doc)
        found: list[_Candidate] = []
        for match_id, start, end in self._cue_matches(doc):
            cue_id = self.nlp.vocab.strings[match_id]
            if end >= len(doc) or start in skip or end - 1 in skip:
                continue
            head_in = self.cue_head_in.get(cue_id)
            if head_in is not None and self._governor(doc[start]).lower_ not in head_in:
                continue
            if self.cue_take.get(cue_id) == "head":
                objects = self._head_phrase(doc[end - 1], fixed_of)
            else:
                objects = self._objects(doc, end, fixed_of)
            for first, last, bare in objects:
                if first in skip:
                    continue
                cand = self._candidate(doc, first, last, bare, cue_id)
                if cand is not None:
                    found.append(cand)
        for cand in self._resolve(found):
            value = _balance_quotes(cand.value)
            if value:
                add_span(doc, cand.start, cand.end, "TOPIC", value, cand.rule, cand.confidence)

    def _cue_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Cue matches ``(match_id, start, end)``, token offsets in ``doc``, sentence by
        sentence (over the whole Doc where a cue can start with any word). Each sentence is
        matched only with the cues that can start with one of its words (a Matcher of those
        cues, kept for :data:`MATCHER_CACHE` sets of cues): the same matches in the same
        order as a Matcher of every cue, whose other patterns fail at their first token, at
        a fraction of the cost (the Matcher tries every pattern at every token)."""
        if self._every is not None:
            return list(self._every(doc))
        found: list[tuple[int, int, int]] = []
        lowers = doc.to_array(LOWER).tolist()
        for sent in doc.sents:
            words = set(lowers[sent.start : sent.end])
            active = tuple(i for i, (_, _, firsts) in enumerate(self._cue_rows)
                           if firsts is None or not firsts.isdisjoint(words))
            if active:
                matcher = self._matcher_of(active)
                found.extend((m, sent.start + s, sent.start + e) for m, s, e in matcher(sent))
        return found

    def _matcher_of(self, active: tuple[int, ...]) -> Matcher:
        """The Matcher of the cue rows ``active`` (indices, in table order)."""
        matcher = self._matchers.get(active)
        if matcher is None:
            matcher = Matcher(self.nlp.vocab, validate=False)
            for i in active:
                cue_id, patterns, _ = self._cue_rows[i]
                matcher.add(cue_id, patterns)
            self._matchers[active] = matcher
            if len(self._matchers) > MATCHER_CACHE:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(active)
        return matcher

    # -- helpers ----------------------------------------------------------------------------

    def _fixed_index(self, doc: Doc) -> dict[int, tuple[int, int]]:
        """Map each token index inside a fixed multiword name to that name's token range."""
        index: dict[int, tuple[int, int]] = {}
        for _, start, end in self.fixed(doc):
            for i in range(start, end):
                old = index.get(i)
                if old is None or end - start > old[1] - old[0]:
                    index[i] = (start, end)
        return index

    def _skip_tokens(self, doc: Doc) -> set[int]:
        """Token indices of lines that are not sentences: headlines, site section headers
        ("Japan-China Relations", "Back to Press Releases"), list headings ("1. Bilateral
        relations"): short lines (fewer than :data:`HEADER_MAX_WORDS` words) that do not end
        with sentence punctuation. Also the TITLE spans of ``diplex_layout``, if any."""
        skip: set[int] = set()
        for span in spans(doc, "TITLE"):
            skip.update(range(span.start, span.end))
        for line in _LINE.finditer(doc_text(doc)):
            body = _LIST_MARK.sub("", line.group(0)).strip()
            if not body or body[-1] in _SENTENCE_END or len(body.split()) >= HEADER_MAX_WORDS:
                continue
            line_span = doc.char_span(line.start(), line.end(), alignment_mode="expand")
            if line_span is not None:
                skip.update(range(line_span.start, line_span.end))
        return skip

    def _objects(
        self, doc: Doc, at: int, fixed_of: dict[int, tuple[int, int]]
    ) -> list[tuple[int, int, bool]]:
        """Return the phrases ``(first, last, is_lone_place)`` that a cue ending at ``at``
        introduces, one per conjunct (token indices, ``last`` inclusive)."""
        tok = doc[at]
        sent = tok.sent
        while tok.i < sent.end - 1 and (
            tok.is_punct or tok.lower_ in {"that", "how", "the"} and tok.dep_ in {"mark", "advmod"}
        ):
            tok = doc[tok.i + 1]
        root = self._phrase_root(tok)
        if root is None:
            return []
        if root.pos_ in {"VERB", "AUX"}:
            subj = [c for c in root.children if c.dep_ in _SUBJECT_DEPS and c.i >= at]
            if not subj:
                subj = [c for c in root.children if c.dep_ in {"dobj", "attr"} and c.i >= at]
            if not subj:
                subj = [
                    p
                    for c in root.children
                    if c.dep_ == "prep" and c.i >= at
                    for p in c.children
                    if p.dep_ == "pobj"
                ][:1]
            if not subj:
                return []
            root = subj[0]
        if root.pos_ not in _NOMINAL and root.pos_ != "PRON":
            return []
        heads = [root] + [c for c in root.conjuncts if c.i > root.i and c.pos_ in _NOMINAL]
        # "X, Y, and Z" is sometimes parsed as X with an apposition Y that heads the list
        for appos in root.rights:
            if (
                appos.dep_ == "appos"
                and doc[appos.left_edge.i - 1].text == ","
                and any(c.dep_ == "conj" for c in appos.children)
            ):
                heads += [appos] + [c for c in appos.conjuncts if c.i > appos.i]
                break
        heads = self._merge_fixed(heads, fixed_of)
        out: list[tuple[int, int, bool]] = []
        if self._shared_pair(heads):
            first, _ = self._extent(self._unwrap_container(heads[0]), fixed_of, depth=0)
            _, last = self._extent(heads[1], fixed_of, depth=0)
            return [(max(first, at), last, False)]
        for head in heads:
            head = self._unwrap_container(head)
            first, last = self._extent(head, fixed_of, depth=0)
            first = max(first, at)
            bare = last == first or all(
                t.ent_type_ in _PLACE_ENTS or t.is_punct for t in doc[first : last + 1]
            )
            out.append((first, last, bare and bool(doc[first].ent_type_ in _PLACE_ENTS)))
            # "situations in X, Y and Z", "cooperation in the areas of X, Y and Z": a frame
            # noun whose object is a list; the list's items are the topics
            items = self._framed_list(head, in_list=len(heads) > 1 and head is heads[0])
            if items:
                out.pop()
                for item in items:
                    f, la = self._extent(item, fixed_of, depth=1)
                    out.append((f, la, item.ent_type_ in _PLACE_ENTS))
        return out

    @staticmethod
    def _governor(tok: Token) -> Token:
        """The syntactic head of ``tok``, through coordination ("about X and about Y")."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok.head

    def _head_phrase(
        self, head: Token, fixed_of: dict[int, tuple[int, int]]
    ) -> list[tuple[int, int, bool]]:
        """The phrase headed by a topical head noun ("Japan-China relations"), where the
        noun has a modifier before it and stands in a sentence with a verb (not a site
        header such as "Back to Japan-China Relations")."""
        if not any(
            c.i < head.i and c.dep_ in {"amod", "compound", "nmod", "poss"} for c in head.children
        ):
            return []
        if head.dep_ == "compound" or not any(t.pos_ in {"VERB", "AUX"} for t in head.sent):
            return []
        first, last = self._extent(head, fixed_of, depth=0)
        return [(first, last, False)]

    @staticmethod
    def _phrase_root(tok: Token) -> Token | None:
        """Climb from ``tok`` to the highest ancestor whose subtree starts at ``tok``."""
        start = tok.left_edge.i if tok.left_edge.i >= tok.i else tok.i
        root = tok
        while root.head.i != root.i and root.head.left_edge.i >= start:
            if root.dep_ in {"conj"}:
                break
            root = root.head
        return root

    def _framed_list(self, head: Token, in_list: bool = False) -> list[Token]:
        """The items of a list framed by ``head`` or by the first object below it: for
        "situations in X, Y and Z" or "cooperation in the areas of X, Y and Z", [X, Y, Z];
        else []. Frame nouns are the ``frame`` words of the exclusions asset. Where the
        parser hung Y and Z on ``head`` itself (``in_list``: ``head`` is the first of
        several conjuncts), a plural frame ("areas of X") gives [X]."""
        tok = head
        for _ in range(3):
            objs = [
                p for c in tok.rights if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
            ][:1]
            if not objs:
                return []
            obj = objs[0]
            if tok.lower_ in self.frame:
                conj = [c for c in obj.conjuncts if c.i > obj.i]
                if conj:
                    return [obj, *conj]
                return [obj] if in_list and tok.tag_ == "NNS" and tok.lower_ != "situations" else []
            tok = obj
        return []

    @staticmethod
    def _shared_pair(heads: list[Token]) -> bool:
        """True for two bare conjuncts that share their modifiers ("currency depreciation
        and inflation", "mass arrests and detentions of protesters"): neither has its own
        determiner, the first has no modifier after it, and they are not two places."""
        if len(heads) != 2:
            return False
        one, two = heads
        if any(c.dep_ in {"det", "poss"} for h in heads for c in h.children):
            return False
        if any(c.i < two.i for c in two.children):
            return False  # the second has modifiers of its own: two topics
        if any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in one.rights):
            return False
        if one.ent_type_ in _PLACE_ENTS and two.ent_type_ in _PLACE_ENTS:
            return False
        return True

    @staticmethod
    def _merge_fixed(heads: list[Token], fixed_of: dict[int, tuple[int, int]]) -> list[Token]:
        """Drop conjuncts that lie inside the same fixed name as an earlier head."""
        kept: list[Token] = []
        for head in heads:
            rng = fixed_of.get(head.i)
            if rng is not None and any(fixed_of.get(k.i) == rng for k in kept):
                continue
            kept.append(head)
        return kept

    def _unwrap_container(self, head: Token) -> Token:
        """'a range of X' -> X (for container heads listed in the exclusions asset)."""
        while head.lower_ in self.container:
            objs = [
                p
                for c in head.children
                if c.dep_ == "prep" and c.i > head.i
                for p in c.children
                if p.dep_ == "pobj"
                and p.ent_type_ not in _PLACE_ENTS
                and p.ent_type_ not in _PERSON_ENTS
            ][:1]
            if not objs:
                break
            head = objs[0]
        return head

    def _extent(
        self, head: Token, fixed_of: dict[int, tuple[int, int]], depth: int
    ) -> tuple[int, int]:
        """Return ``(first, last)`` token indices of the short noun phrase headed by ``head``.

        Keeps the left modifiers, one prepositional modifier (two levels deep), a
        parenthesised acronym and the rest of a fixed name; cuts clauses and conjuncts.
        """
        doc = head.doc
        first = head.i
        for child in head.lefts:
            if child.dep_ in {"cc", "preconj", "conj", "punct"} and child.i == head.left_edge.i:
                continue
            if child.dep_ in {"advmod", "mark", "nsubj", "aux"}:
                continue
            first = min(first, child.left_edge.i)
        last = head.i
        took_prep = False
        for child in head.rights:
            if child.dep_ == "prep" and not took_prep and depth < 2:
                if child.lower_ in _LIST_PREPS or (
                    child.lower_ == "as" and child.i > 0 and doc[child.i - 1].lower_ == "such"
                ):
                    break
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if not objs:
                    break
                pobj = objs[0]
                _, obj_last = self._extent(pobj, fixed_of, depth + 1)
                for conj in pobj.conjuncts:
                    if conj.i > pobj.i and conj.head.i >= pobj.i:
                        _, obj_last = self._extent(conj, fixed_of, depth + 1)
                last = max(last, obj_last)
                took_prep = True
                continue
            if child.dep_ == "appos" and child.i > 0 and doc[child.i - 1].text == "(":
                close = child.right_edge.i + 1
                if close < len(doc) and doc[close].text == ")":
                    last = close
                continue
            if child.dep_ in {"compound", "amod", "nummod", "case"} and child.i == last + 1:
                last = child.right_edge.i
                continue
            if (
                child.dep_ == "punct"
                and child.text in {"\u201d", '"', "\u2019", ")"}
                and (child.i == last + 1)
            ):
                last = child.i
                continue
            break
        rng = fixed_of.get(head.i)
        if rng is not None:
            first, last = min(first, rng[0]), max(last, rng[1] - 1)
            for conj in head.conjuncts:
                if rng[0] <= conj.i < rng[1] and conj.i > head.i:
                    last = max(last, self._extent(conj, {}, depth)[1])
        # a parenthesised acronym right after the phrase: "(WPS)"
        if last + 3 < len(doc) and doc[last + 1].text == "(" and doc[last + 3].text == ")":
            if doc[last + 2].is_upper or doc[last + 2].text.replace("+", "").isdigit():
                last += 3
        return first, last

    def _candidate(
        self, doc: Doc, first: int, last: int, bare_place: bool, cue_id: str
    ) -> _Candidate | None:
        """Trim and filter one phrase; return it as a candidate or None."""
        while first <= last:
            tok = doc[first]
            if not (
                tok.lower_ in _TRIM_LEFT
                or tok.is_punct and tok.text not in {"\u201c", '"'}
                or tok.dep_ in {"cc", "preconj"}
                or tok.pos_ == "ADP"
            ):
                break
            first += 1
        while last >= first and doc[last].is_punct and doc[last].text not in {")", "\u201d", '"'}:
            last -= 1
        # web-page debris inside a phrase ("DialogueOpen a New Window", "(PDF)") ends it
        for i in range(first, last + 1):
            word = doc[i].text
            if word.endswith("Open") and word != "Open" or (word == "PDF" and i > first):
                last = i - 1 if word == "PDF" else i
                break
        while last >= first and doc[last].is_punct and doc[last].text not in {"\u201d", '"', ")"}:
            last -= 1
        if last < first or last - first + 1 > MAX_WORDS:
            return None
        # keep quotation marks paired: add the opening one, or drop a lone closing one
        if doc[last].text in {"\u201d", '"'} and not any(
            t.text in {"\u201c", '"'} for t in doc[first:last]
        ):
            if first > 0 and doc[first - 1].text in {"\u201c", '"'}:
                first -= 1
            else:
                last -= 1
        if last < first:
            return None
        span = doc[first : last + 1]
        words = [t for t in span if not t.is_punct]
        if not words:
            return None
        lowers = {t.lower_ for t in words}
        if lowers & self.courtesy:
            return None
        head = span.root
        if head.lower_ in self.not_topic_head or head.pos_ == "PRON":
            return None
        if head.lower_ in self.container:
            return None
        if (
            len(words) <= 4
            and all(t.pos_ == "PROPN" for t in words)
            and words[0].lower_ in self.not_topic_head
            and not any(t.tag_ == "POS" for t in words)
        ):
            return None  # a person named with a title ("Minister Kamikawa")
        if sum(t.ent_type_ in _TIME_ENTS or t.like_num for t in words) * 2 > len(words):
            return None
        if head.ent_type_ in _PERSON_ENTS or head.ent_type_ in _TIME_ENTS:
            return None
        content = [t for t in words if not t.is_stop]
        if not content or all(t.lower_ in self.generic for t in content):
            return None
        confidence = self.cue_conf.get(cue_id, 0.6)
        all_place = all(t.ent_type_ in _PLACE_ENTS for t in words)
        if all_place:
            if not (bare_place and self.cue_bare_place.get(cue_id, False)):
                return None
            confidence = min(confidence, 0.6)
        text = span_text(span)
        if text.endswith("Open"):
            text = text[: -len("Open")]
        if text.count("(") != text.count(")"):
            return None
        return _Candidate(
            span.start, span.end, text, f"topic.{cue_id}", confidence, bare_place=all_place
        )

    @staticmethod
    def _resolve(found: list[_Candidate]) -> list[_Candidate]:
        """Drop overlapping and repeated candidates; return the rest in text order."""
        found.sort(key=lambda c: (c.start, -(c.end - c.start), -c.confidence))
        kept: list[_Candidate] = []
        seen: set[frozenset[str]] = set()
        for cand in found:
            if kept and cand.start < kept[-1].end:
                continue
            key = frozenset(w.lower().rstrip("s") for w in cand.value.split())
            if key in seen:
                continue
            seen.add(key)
            kept.append(cand)
        # a lone place, or a lone word, already named inside another topic adds nothing
        # ("As for Syria, ... the Syrian crisis"; "North Korea's nuclear test ... the test")
        lowered = [c.value.lower() for c in kept]
        result = []
        for i, cand in enumerate(kept):
            single = " " not in lowered[i].strip()
            if (cand.bare_place or single) and any(
                lowered[i] in other for j, other in enumerate(lowered) if j != i
            ):
                continue
            result.append(cand)
        return result

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"TopicsComponent(cues={len(self.cue_conf)})"


def topic_values(doc: Doc) -> list[str]:
    """Return the ``TOPIC`` values of a processed Doc, in text order (a convenience)."""
    return [str(span_value(s)) for s in spans(doc, "TOPIC")]


__all__ = ["TopicsComponent", "make_topics", "topic_values"]


_PAIRS = (("“", "”"), ("‘", "’"), ('"', '"'), ("(", ")"))


def _balance_quotes(text: str) -> str:
    """Drop a quotation mark or bracket that opens or closes a topic phrase without its
    partner ("“Free and Open Indo-Pacific" -> "Free and Open Indo-Pacific")."""
    text = text.strip()
    for left, right in _PAIRS:
        if left == right:
            if text.count(left) % 2:
                text = text.replace(left, "", 1) if text.startswith(left) else text.rstrip(left)
            continue
        if text.startswith(left) and right not in text:
            text = text[len(left):]
        if text.endswith(right) and left not in text:
            text = text[: -len(right)]
    return text.strip()
