"""Component ``diplex_layout``: the page around the report.

Reads the release the way a text dump holds a press-release page (site header, headline,
date line, photo captions, body, footer) and marks:

- ``doc._.diplex_body_start``: the character offset of the first body line: the first line
  of 12+ words with 4+ lowercase words that closes a sentence (a caption does not) and is
  not site chrome (``models/layout.jsonl``,
  kind ``boilerplate``); in a short text without such a line, the first line of 5+ words
  that closes a sentence, else the text's start. A summary line above the page's date line
  (a "standfirst") is not the body: where the date line comes after the first body-like
  line, the body starts at the first body-like line after the date line.
- TITLE (rule ``layout.headline``, 0.8): the first line above the body that names an
  encounter (``headline_word``), is not a caption (``caption``), a date line or chrome; a
  headline broken over two lines (the first ending in a comma, "and" or "of") is joined.
- RELDATE (0.9): the first date line among the first 15 and the last 12 non-empty lines: a
  line that starts with a dated DATE span (after labels such as "Published", "Updated:",
  "Date"), that holds only a date and labels, or a "|"-separated field that does
  ("Press release | Date: 15.09.2023 | No: 87/23") (rule ``layout.date_line``); else a sentence
  in the page header that says the release was "issued ... on DATE" (``layout.issued``,
  0.8). DATE spans come from ``diplex_datetimes`` (run it first); only dates with a year.
- PUBLISHER (0.9): the page header (to the body) or footer names a ministry or
  organisation from ``models/publishers.jsonl`` (rule ``layout.publisher``); else
  (``layout.ministry``, 0.8) a ministry's name there with one state in it.
"""

from __future__ import annotations

from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..assets import read_jsonl
from ..spans import add_char_span, doc_text, spans
from .base import AssetComponent

_MINISTRY = regex.compile(
    r"\b(?:Ministry|Ministère|Ministerio|Ministério|Secretar[ií]a|Department|Office of the "
    r"(?:Prime Minister|President))\b[^\n]{0,50}(?:\n[ \t]*[^\n]{0,40})?",
    regex.I,
)
"""A ministry's name in the page header or footer ("Ministry of Foreign and Diaspora
Affairs / Republic of Kenya"): the one state it names is the publisher."""

HEAD_LINES = 15
"""Non-empty lines at the top of a page searched for the headline and date line."""
FOOT_LINES = 12
"""Non-empty lines at the bottom of a page searched for a date line and the publisher."""


@Language.factory("diplex_layout", default_config={"assets": None})
def make_layout(nlp: Language, name: str, assets: str | None) -> LayoutComponent:
    """spaCy factory of :class:`LayoutComponent`."""
    return LayoutComponent(nlp, name, assets)


class _Line:
    __slots__ = ("start", "end", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return out


def _any(patterns: list[regex.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


class LayoutComponent(AssetComponent):
    """Marks headline, release date, publisher and body start (see module docstring)."""

    asset_names = ("layout.jsonl", "publishers.jsonl")

    def load_assets(self, folder: Path | None) -> None:
        """Read layout cues and publisher names from ``folder`` (default: ``models/``)."""
        cues: dict[str, list[regex.Pattern[str]]] = {}
        for row in read_jsonl(self.asset("layout.jsonl", folder)):
            cues.setdefault(row["kind"], []).extend(
                regex.compile(p, regex.I) for p in row["patterns"]
            )
        self.boilerplate = cues.get("boilerplate", [])
        self.headline_words = cues.get("headline_word", [])
        self.captions = cues.get("caption", [])
        self.issued = cues.get("issued", [])
        labels = "|".join(p.pattern for p in cues.get("date_label", []))
        self.label_re = regex.compile(rf"\b(?:{labels})\b|[^\p{{L}}\p{{N}}]+", regex.I)
        self.publishers = [
            (row["code"], regex.compile(row["pattern"], regex.I | regex.M))
            for row in read_jsonl(self.asset("publishers.jsonl", folder))
        ]

    def process(self, doc: Doc) -> None:
        """Set ``doc._.diplex_body_start`` and add TITLE, RELDATE and PUBLISHER spans."""
        lines = [ln for ln in _lines(doc_text(doc)) if not _any(self.boilerplate, ln.text)]
        if not lines:
            return
        body = next((i for i, ln in enumerate(lines) if self._is_body(ln.text)), None)
        if body is None:  # a short text: its first sentence-like line, else its start
            body = next((i for i, ln in enumerate(lines) if self._is_sentence(ln.text)), 0)
        dated = [s for s in spans(doc, "DATE") if (s._.diplex_value or {}).get("year")]
        title = self._headline(doc, lines[: min(body, HEAD_LINES)], dated)
        reldate = self._release_date(doc, lines, dated, title)
        if reldate is not None:
            # a summary line above the date line ("standfirst") is not the body
            at = next((i for i, ln in enumerate(lines) if ln.start <= reldate.start_char < ln.end
                       ), None)
            if at is not None and body < at < HEAD_LINES:
                later = next((i for i in range(at + 1, len(lines))
                              if self._is_body(lines[i].text)), None)
                if later is not None:
                    body = later
        doc._.diplex_body_start = lines[body].start
        self._publisher(doc, lines, body, title)

    def _is_body(self, text: str) -> bool:
        words = text.split()
        lower = sum(1 for w in words if w[:1].islower())
        ends = text.rstrip()[-1:] in ".!?:;”\"'’)"
        return len(words) >= 12 and lower >= 4 and ends

    @staticmethod
    def _is_sentence(text: str) -> bool:
        return len(text.split()) >= 5 and text.rstrip()[-1:] in ".!?"

    def _is_date_line(self, line: _Line, dated: list[Span]) -> Span | None:
        for span in dated:
            if span.start_char < line.start or span.end_char > line.end:
                continue
            before = line.text[: span.start_char - line.start]
            rest = line.text[: span.start_char - line.start] + " " + line.text[
                span.end_char - line.start :
            ]
            after = line.text[span.end_char - line.start :]
            if not self.label_re.sub("", before).strip():
                return span
            if len(self.label_re.sub(" ", rest).split()) <= 2:
                return span
            # "Source: site / site | 2017. február 6. 19:00": a short source label before
            if not self.label_re.sub("", after).strip() and "|" in before and (
                len(before.split()) <= 6
            ):
                return span
            # "Press release | Date: 15.09.2023 | No: 87/23": the date fills one "|" field
            if "|" in line.text:
                lo = line.text.rfind("|", 0, span.start_char - line.start) + 1
                hi = line.text.find("|", span.end_char - line.start)
                field = line.text[lo : hi if hi >= 0 else len(line.text)]
                date_text = span.text
                if not self.label_re.sub("", field.replace(date_text, "")).strip():
                    return span
        return None

    def _headline(self, doc: Doc, head: list[_Line], dated: list[Span]) -> Span | None:
        for idx, line in enumerate(head):
            text = line.text
            if len(text) > 400 or _any(self.captions, text) or self._is_date_line(line, dated):
                continue
            if not _any(self.headline_words, text):
                continue
            end = line.end
            value = text
            if regex.search(r"(?:,|\band|\bof)$", text) and idx + 1 < len(head):
                nxt = head[idx + 1]
                end, value = nxt.end, f"{text} {nxt.text}"
            return add_char_span(doc, line.start, end, "TITLE", value, "layout.headline", 0.8)
        return None

    def _release_date(
        self, doc: Doc, lines: list[_Line], dated: list[Span], title: Span | None
    ) -> Span | None:
        candidates = lines[:HEAD_LINES] + lines[-FOOT_LINES:]
        for line in candidates:
            if title is not None and title.start_char <= line.start < title.end_char:
                continue
            span = self._is_date_line(line, dated)
            if span is not None:
                return self._add_reldate(doc, span, "layout.date_line", 0.9)
        for line in lines[:HEAD_LINES]:
            for span in dated:
                if line.start <= span.start_char < line.end and _any(
                    self.issued, doc_text(doc)[line.start : span.start_char]
                ):
                    return self._add_reldate(doc, span, "layout.issued", 0.8)
        return None

    def _add_reldate(self, doc: Doc, span: Span, rule: str, confidence: float) -> Span | None:
        value = span._.diplex_value
        try:
            iso = f"{int(value['year']):04d}-{int(value['month']):02d}-{int(value['day']):02d}"
        except (KeyError, TypeError, ValueError):
            return None
        return add_char_span(doc, span.start_char, span.end_char, "RELDATE", iso, rule,
                             confidence)

    def _publisher(self, doc: Doc, lines: list[_Line], body: int, title: Span | None) -> None:
        """Search the page header (to the body) and footer as blocks of lines, so that a
        name broken over two lines ("MINISTRY OF FOREIGN AFFAIRS / SINGAPORE") is found."""
        blocks = [lines[: min(body, HEAD_LINES)], lines[max(body + 1, len(lines) - FOOT_LINES):]]
        for block in blocks:
            if not block:
                continue
            start, end = block[0].start, block[-1].end
            text = doc_text(doc)[start:end]
            for code, pattern in self.publishers:
                m = pattern.search(text)
                if m:
                    add_char_span(doc, start + m.start(), start + m.end(),
                                  "PUBLISHER", code, "layout.publisher", 0.9)
                    return
            for m in _MINISTRY.finditer(text):
                if title is not None and title.start_char < start + m.end() and (
                    start + m.start() < title.end_char
                ):
                    continue  # the headline names the other side as often as its own
                inside = [s for s in spans(doc, "COUNTRY")
                          if start + m.start() <= s.start_char < start + m.end()]
                if len({s._.diplex_value for s in inside}) == 1:
                    add_char_span(doc, start + m.start(), start + m.end(), "PUBLISHER",
                                  inside[0]._.diplex_value, "layout.ministry", 0.8)
                    return
