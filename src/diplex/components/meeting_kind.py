"""Component ``diplex_meeting_kind``: the form of the encounter.

Cues are data (``models/meeting_kinds.jsonl``): regular expressions, each naming a
``meeting_type``. The type is read, in this order (rule id, confidence):

1. ``meeting_kind.lead`` (0.9): the report sentence: the first body sentence (from
   ``doc._.diplex_body_start``, set by ``diplex_layout``) that names an official (else the
   first body sentence); in it, the earliest non-weak cue (the first-named part of a
   combined encounter: "held a working lunch and a meeting" is a working meal), the longer
   where two start together. Generic meeting cues inside a relative clause ("who is in
   Paris for the OECD Ministerial Council Meeting") or a clause of other events
   ("following talks in May") do not count; a specific form there does ("who paid her a
   courtesy call"). Sentences are searched up to the fifth that has any
   cue.
2. ``meeting_kind.headline`` (0.8): the headline (TITLE span), the same way.
3. ``meeting_kind.body`` (0.7): the first of the first body sentences with a non-weak cue.
4. ``meeting_kind.weak`` (0.5): a weak cue ("received", "welcomed", "visited",
   "exchanged views") in the first body sentences: an in-person meeting. A weak cue of a
   modality ("spoke with": a call) in the report sentence is taken before step 3.

One MEETING span is added, on the cue, with the type as its value.
"""

from __future__ import annotations

from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..rules import read_table
from ..spans import add_char_span, span_text, spans
from .base import AssetComponent

MAX_CUE_SENTENCES = 5
"""Body sentences searched for a cue where the report sentence and headline have none."""

_ASIDE = regex.compile(
    r"\b(?:who|which|whom)\b.*?(?:,\s+(?=\p{Ll})|$)"
    r"|\b(?:accompanying|following|after|since|ahead of|before)\b[^,;]*"
)


@Language.factory("diplex_meeting_kind", default_config={"assets": None})
def make_meeting_kind(nlp: Language, name: str, assets: str | None) -> MeetingKindComponent:
    """spaCy factory of :class:`MeetingKindComponent`."""
    return MeetingKindComponent(nlp, name, assets)


class MeetingKindComponent(AssetComponent):
    """Adds one MEETING span: the form of the encounter (see module docstring)."""

    asset_names = ("meeting_kinds.jsonl",)

    def load_assets(self, folder: Path | None) -> None:
        """Read the cue table from ``folder`` (default: bundled ``models/``)."""
        self.cues: list[tuple[str, regex.Pattern[str], bool]] = [
            (row["type"], regex.compile(row["pattern"], regex.I), bool(row.get("weak")))
            for row in read_table(self.asset("meeting_kinds.jsonl", folder))
        ]
        rows = list(read_table(self.asset("meeting_kinds.jsonl", folder)))
        self.modalities = frozenset(row["type"] for row in rows if row.get("modality"))
        self.modalities_weak = frozenset(
            row["type"] for row in rows if row.get("weak") and row["type"] in self.modalities
        )

    def find(self, text: str, offset: int = 0) -> list[tuple[int, int, str, bool]]:
        """All cue matches in ``text``: ``(start, end, type, weak)``, offsets + ``offset``.

        Sorted by start, then longest first.
        """
        found = [
            (offset + m.start(), offset + m.end(), kind, weak)
            for kind, pattern, weak in self.cues
            for m in pattern.finditer(text)
        ]
        return sorted(found, key=lambda c: (c[0], -(c[1] - c[0])))

    def process(self, doc: Doc) -> None:
        """Add the MEETING span to ``doc``."""
        body_start = doc._.diplex_body_start or 0
        sentences = [s for s in doc.sents if s.start_char >= body_start and len(s) > 3]
        officials = spans(doc, "OFFICIAL")
        lead = next(
            (s for s in sentences
             if any(s.start_char <= o.start_char < s.end_char for o in officials)),
            sentences[0] if sentences else None,
        )
        if lead is not None:
            strong = self._strong(span_text(lead), lead.start_char)
            if strong:
                self._add(doc, strong[0], "meeting_kind.lead", 0.9)
                return
        for title in spans(doc, "TITLE"):
            strong = self._strong(span_text(title), title.start_char)
            if strong:
                self._add(doc, strong[0], "meeting_kind.headline", 0.8)
                return
        if lead is not None:
            # "Minister Joly today spoke with ...": a weak cue of a modality in the report
            # sentence says more than a cue word further down ("peaceful dialogue")
            modal = [c for c in self._outside_asides(span_text(lead), lead.start_char)
                     if c[3] and c[2] in self.modalities_weak]
            if modal:
                self._add(doc, modal[0], "meeting_kind.weak", 0.5)
                return
        weak_hit: tuple[int, int, str, bool] | None = None
        for sent in sentences[:MAX_CUE_SENTENCES]:
            cues = self._outside_asides(span_text(sent), sent.start_char)
            strong = self._rank([c for c in cues if not c[3]])
            if strong:
                self._add(doc, strong[0], "meeting_kind.body", 0.7)
                return
            weak_hit = weak_hit or (cues[0] if cues else None)
        if weak_hit is not None:
            self._add(doc, weak_hit, "meeting_kind.weak", 0.5)

    def _outside_asides(self, text: str, offset: int) -> list[tuple[int, int, str, bool]]:
        """Cues of ``text`` that are not inside a relative clause ("who is in Paris for the
        OECD Ministerial Council Meeting, received ..."): such a clause sets the scene, it
        does not report the encounter."""
        asides = [(offset + m.start(), offset + m.end()) for m in _ASIDE.finditer(text)]
        return [
            c for c in self.find(text, offset)
            if c[2] != "meeting" or not any(s <= c[0] < e for s, e in asides)
        ]

    def _strong(self, text: str, offset: int) -> list[tuple[int, int, str, bool]]:
        return self._rank([c for c in self._outside_asides(text, offset) if not c[3]])

    def _rank(self, cues: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
        """Modality cues (phone, video) first, then text order."""
        return sorted(cues, key=lambda c: (c[2] not in self.modalities, c[0], -(c[1] - c[0])))

    def _add(self, doc: Doc, cue: tuple[int, int, str, bool], rule: str, conf: float) -> None:
        add_char_span(doc, cue[0], cue[1], "MEETING", cue[2], rule, conf)
