"""Component ``diplex_meeting_kind``: the form of the encounter.

Cues are data (``models/meeting_kinds.jsonl``): regular expressions, each naming a
``meeting_type``. The type is read, in this order (rule id, confidence):

1. ``meeting_kind.lead`` (0.9): the first body sentence (from ``doc._.diplex_body_start``,
   set by ``diplex_layout``) with a non-weak cue; in it, the earliest cue (the first-named
   part of a combined encounter: "held a working lunch and a meeting" is a working meal),
   the longer where two start together. Sentences are searched up to the fifth that has any
   cue.
2. ``meeting_kind.headline`` (0.8): the headline (TITLE span), the same way.
3. ``meeting_kind.weak`` (0.5): a weak cue ("received", "welcomed", "visited",
   "exchanged views") in the first body sentences: an in-person meeting.

One MEETING span is added, on the cue, with the type as its value.
"""

from __future__ import annotations

from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..assets import read_jsonl
from ..spans import add_char_span, spans
from .base import AssetComponent

MAX_CUE_SENTENCES = 5
"""Body sentences with a cue that are searched for a non-weak cue."""


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
            for row in read_jsonl(self.asset("meeting_kinds.jsonl", folder))
        ]

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
        title_spans = spans(doc, "TITLE")
        sentences = [s for s in doc.sents if s.end_char > body_start]
        weak_hit: tuple[int, int, str, bool] | None = None
        seen = 0
        for sent in sentences:
            cues = self.find(sent.text, sent.start_char)
            if not cues:
                continue
            seen += 1
            strong = [c for c in cues if not c[3]]
            if strong:
                self._add(doc, strong[0], "meeting_kind.lead", 0.9)
                return
            weak_hit = weak_hit or cues[0]
            if seen >= MAX_CUE_SENTENCES:
                break
        for title in title_spans:
            strong = [c for c in self.find(title.text, title.start_char) if not c[3]]
            if strong:
                self._add(doc, strong[0], "meeting_kind.headline", 0.8)
                return
        if weak_hit is not None:
            self._add(doc, weak_hit, "meeting_kind.weak", 0.5)

    def _add(self, doc: Doc, cue: tuple[int, int, str, bool], rule: str, conf: float) -> None:
        add_char_span(doc, cue[0], cue[1], "MEETING", cue[2], rule, conf)
