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
  headline broken over two lines (the first ending in a comma, "and" or "of") is joined; a
  site's name set off at either end ("... - GOV.UK", "Global Affairs Canada - ...") is left
  out of the span and its value (:mod:`diplex.normalise.titles`, ``title_separator`` and
  ``title_site`` rows, the publisher table's page names).
- RELDATE (0.9): the first date line among the first 15 and the last 12 non-empty lines: a
  line that starts with a dated DATE span (after labels such as "Published", "Updated:",
  "Date"), that holds only a date and labels, or a "|"-separated field that does
  ("Press release | Date: 15.09.2023 | No: 87/23") (rule ``layout.date_line``); else a sentence
  in the page header that says the release was "issued ... on DATE" (``layout.issued``,
  0.8). DATE spans come from ``diplex_datetimes`` (run it first); only dates with a year.
- DATELINE (``layout.dateline``, 0.85): a press dateline at the start of a header line or
  of the body ("Paris, 4 April 2024", "Bern, 28.11.2018 - ...", "DUBAI, (WAM - 13th Nov,
  2021)"); its value names the place and, from ``models/timezones.jsonl``, the place's state
  and whether it is the capital. Its date is the release date where no date line gives one.
- PUBLISHER: the page's own name for its publisher, from the publisher table
  ``models/publishers.jsonl`` (:mod:`diplex.normalise.publishers`): ministry, office and site
  names in the header, datelines and footer; headline formulas; the headline subject's
  state-unique office title; a dateline's capital (rules and order:
  :meth:`LayoutComponent._publisher`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..events.clock import default_table as default_zone_table
from ..normalise.publishers import load_publishers
from ..normalise.titles import TitleTrimmer
from ..rules import read_table
from ..spans import add_char_span, doc_text, span_value, spans
from .base import AssetComponent

OFFICE_LINE_MAX = 100
"""Longest header or footer line read as an office's name (longer lines are prose)."""
OFFICE_NEXT_LINE_MAX = 60
"""Longest line read as the second line of an office's name ("Republic of Kenya")."""

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


class CueSet:
    """The patterns of one layout cue kind (``layout.jsonl``), in table order; ``search``
    tells whether any finds a match, searching them joined into one where that cannot
    change them (:func:`_joined`): the patterns anchored at the start ("^share\\b", see
    :func:`_anchored`) joined and tried at the start only, the others joined and searched."""

    def __init__(self, patterns: list[regex.Pattern[str]]) -> None:
        self.patterns = patterns
        self.joined = _joined(tuple(patterns))
        at_start = [_anchored(p) for p in patterns]
        anchored = tuple(p for p, a in zip(patterns, at_start, strict=True) if a)
        self.at_start = _joined(anchored) if self.joined is not None and anchored else None
        rest = tuple(p for p, a in zip(patterns, at_start, strict=True) if not a)
        self.anywhere = _joined(rest) if self.at_start is not None and rest else None

    def search(self, text: str) -> bool:
        """True where one of the patterns finds a match in ``text``."""
        if self.at_start is not None:
            return self.at_start.match(text) is not None or (
                self.anywhere is not None and self.anywhere.search(text) is not None)
        if self.joined is not None:
            return self.joined.search(text) is not None
        return any(p.search(text) for p in self.patterns)

    def __iter__(self) -> Iterator[regex.Pattern[str]]:
        return iter(self.patterns)


_SOURCE_PART = regex.compile(r"\\(.)|(\(\?(?![:=!]|<[=!])|\(\?P)", regex.S)
"""In a pattern's source: an escape (the escaped character), or a group that is not a plain
one or a look-around (a named group, an inline flag, a group call)."""


def _unjoinable(source: str) -> bool:
    """Whether a pattern source holds what joining it with others could change: a group
    reference (``\\1``, ``\\g<1>``, ``\\k<name>``), a named group, an inline flag or a group
    call (``(?1)``). Escapes are read as such, so ``\\(?`` is a literal and ``\\\\(?1)`` a call."""
    for m in _SOURCE_PART.finditer(source):
        if m.group(2) is not None or (m.group(1) or "") in "123456789gk":
            return True
    return False


def _anchored(pattern: regex.Pattern[str]) -> bool:
    """Whether ``pattern`` can match only at the start of a text: its source starts with
    ``^``, has no ``|`` outside brackets and groups (escapes read as such) and no inline
    flag, and it is not MULTILINE; then searching it is trying it at the start."""
    source = pattern.pattern
    if not source.startswith("^") or pattern.flags & regex.MULTILINE or _unjoinable(source):
        return False
    depth, i, n = 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # a class, to its closing bracket (one right after "[" or "[^" is in it)
            i += 1
            if source[i : i + 1] == "^":
                i += 1
            if source[i : i + 1] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


def _joined(patterns: tuple[regex.Pattern[str], ...]) -> regex.Pattern[str] | None:
    """One pattern that finds a match where any of ``patterns`` does (searched once per line
    instead of once per pattern), or None where they cannot be joined safely (their flags
    differ, or one holds what :func:`_unjoinable` names)."""
    if not patterns or len({p.flags for p in patterns}) > 1:
        return None
    if any(_unjoinable(p.pattern) for p in patterns):
        return None
    try:
        return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except regex.error:
        return None


class LayoutComponent(AssetComponent):
    """Marks headline, release date, publisher and body start (see module docstring)."""

    asset_names = ("layout.jsonl", "publishers.jsonl", "timezones.jsonl")

    def load_assets(self, folder: Path | None) -> None:
        """Read layout cues and publisher names from ``folder`` (default: ``models/``)."""
        cues: dict[str, list[regex.Pattern[str]]] = {}
        for row in read_table(self.asset("layout.jsonl", folder)):
            cues.setdefault(row["kind"], []).extend(
                regex.compile(p, regex.I) for p in row["patterns"]
            )
        self.boilerplate = CueSet(cues.get("boilerplate", []))
        self.headline_words = CueSet(cues.get("headline_word", []))
        self.captions = CueSet(cues.get("caption", []))
        self.issued = CueSet(cues.get("issued", []))
        self.office_names = CueSet(cues.get("office_name", []))
        labels = "|".join(p.pattern for p in cues.get("date_label", []))
        self.label_re = regex.compile(rf"\b(?:{labels})\b|[^\p{{L}}\p{{N}}]+", regex.I)
        self.publishers = load_publishers(str(folder) if folder else None)
        self.titles = TitleTrimmer(
            [p.pattern for p in cues.get("title_separator", [])],
            [p.pattern for p in cues.get("title_site", [])],
            self.publishers,
        )

    def process(self, doc: Doc) -> None:
        """Set ``doc._.diplex_body_start`` and add TITLE, RELDATE and PUBLISHER spans."""
        lines = [ln for ln in _lines(doc_text(doc)) if not self.boilerplate.search(ln.text)]
        if not lines:
            return
        body = next((i for i, ln in enumerate(lines) if self._is_body(ln.text)), None)
        if body is None:  # a short text: its first sentence-like line, else its start
            body = next((i for i, ln in enumerate(lines) if self._is_sentence(ln.text)), 0)
        dated = [s for s in spans(doc, "DATE")
                 if (span_value(s) or {}).get("year") or "ambiguous" in (span_value(s) or {})]
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
        datelines = self._datelines(doc, lines, body)
        if reldate is None:
            reldate = self._dateline_release_date(doc, datelines)
        self._publisher(doc, lines, body, title, datelines)

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
            if len(text) > 400 or self.captions.search(text) or self._is_date_line(line, dated):
                continue
            if not self.headline_words.search(text):
                continue
            value = text
            nxt = None
            if regex.search(r"(?:,|\band|\bof)$", text) and idx + 1 < len(head):
                nxt = head[idx + 1]
                value = f"{text} {nxt.text}"
            lo, hi = self.titles.bounds(value)

            def at(offset: int, line: _Line = line, nxt: _Line | None = nxt) -> int:
                # an offset into value -> into the text (value joins two lines by a space)
                if nxt is None or offset <= len(line.text):
                    return line.start + offset
                return nxt.start + offset - len(line.text) - 1

            return add_char_span(doc, at(lo), at(hi), "TITLE", value[lo:hi],
                                 "layout.headline", 0.8)
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
                if line.start <= span.start_char < line.end and self.issued.search(
                    doc_text(doc)[line.start : span.start_char]
                ):
                    return self._add_reldate(doc, span, "layout.issued", 0.8)
        return None

    def _dateline_release_date(self, doc: Doc, datelines: list[Span]) -> Span | None:
        """The release date of a dateline where no date line gave one ("Bern, 28.11.2018 -
        Over a working lunch ..."): rule ``layout.dateline``, 0.85."""
        for dateline in datelines:
            for span in spans(doc, "DATE"):
                value = span_value(span) or {}
                if (dateline.start_char <= span.start_char < dateline.end_char
                        and (value.get("year") or "ambiguous" in value)):
                    return self._add_reldate(doc, span, "layout.dateline", 0.85)
        return None

    def _add_reldate(self, doc: Doc, span: Span, rule: str, confidence: float) -> Span | None:
        value = span_value(span)
        if isinstance(value, dict) and "ambiguous" in value:
            # "08/03/2024": read in the publisher's order once the publisher is known
            return add_char_span(doc, span.start_char, span.end_char, "RELDATE", value,
                                 f"{rule}.numeric", confidence)
        try:
            iso = f"{int(value['year']):04d}-{int(value['month']):02d}-{int(value['day']):02d}"
        except (KeyError, TypeError, ValueError):
            return None
        return add_char_span(doc, span.start_char, span.end_char, "RELDATE", iso, rule,
                             confidence)

    def _datelines(self, doc: Doc, lines: list[_Line], body: int) -> list[Span]:
        """Mark the press datelines of the page header and of the body's first line
        ("Paris, 4 April 2024", "Bern, 28.11.2018 - Over a working lunch ...",
        "DUBAI, (UrduPoint / WAM - 13th Nov, 2021) H.H. ...", "November 24, 2021 - Ottawa,
        Ontario - Global Affairs Canada") as DATELINE spans; see :func:`_dateline_in`."""
        dates = spans(doc, "DATE")
        found: list[Span] = []
        for line in lines[: min(body, HEAD_LINES)] + lines[body : body + 1]:
            hit = _dateline_in(line, dates)
            if hit is None:
                continue
            start, end, city = hit
            place = default_zone_table(
                str(self.assets_folder) if self.assets_folder else None).city(city)
            if place is None and not city.isupper():
                continue  # a Title Case word before a date is a dateline only if a city
            value = {"city": city if not city.isupper() else city.title(),
                     "country": place.country if place else None,
                     "capital": bool(place and place.capital)}
            span = add_char_span(doc, start, end, "DATELINE", value, "layout.dateline", 0.85)
            if span is not None:
                found.append(span)
        return found

    def _publisher(self, doc: Doc, lines: list[_Line], body: int, title: Span | None,
                   datelines: list[Span]) -> None:
        """The publisher as the page names it, in this order (first found wins):

        1. a phrase of the publisher table (``ministry``, ``government``, ``site``) in the
           page header (to the body), a dateline or the footer, outside the headline and not
           as the object of a preposition ("Minister of State at the Federal Foreign
           Office" is someone's title): rule ``layout.publisher.<field>``, 0.9; the header
           and footer are searched as blocks, so a name broken over two lines is found;
        2. an office's name with one state in it on a header or footer line of its own
           ("Ministry of Foreign Affairs Republic of Poland", "Government of the
           Netherlands", "Kingdom of Belgium - Foreign Affairs", or over two lines:
           "Ministry of Foreign and Diaspora Affairs / Republic of Kenya"; the words that
           make a line an office's name are the ``office_name`` rows of ``layout.jsonl``):
           ``layout.ministry``, 0.8 (see :meth:`_office_name`);
        3. a headline formula of the table ("PM call with ..."): ``layout.publisher.headline``,
           0.75;
        4. an office title of the table's ``unique_titles`` held by the headline's subject
           (before the headline's encounter word, with no other state beside it: "EAM's
           meeting with the Foreign Minister of Peru"): ``layout.publisher.title``, 0.75;
        5. a dateline naming a state's capital ("Doha, 09 October 2023"):
           ``layout.publisher.dateline``, 0.6.
        """
        text = doc_text(doc)
        head = lines[: min(body, HEAD_LINES)]
        foot = lines[max(body + 1, len(lines) - FOOT_LINES):]
        blocks = [(b[0].start, b[-1].end) for b in (head, foot) if b]
        blocks += [(d.start_char, d.end_char) for d in datelines]
        for start, end in blocks:
            for hit in self.publishers.find(text, start=start, end=end):
                if title is not None and title.start_char < hit.end and hit.start < title.end_char:
                    if not _SITE_PREFIX.match(text, hit.end) or text[title.start_char : hit.start
                                                                     ].strip():
                        continue  # inside the headline, unless a site label opening it
                line_start = text.rfind("\n", 0, hit.start) + 1
                if _PREPOSITION_BEFORE.search(text[line_start : hit.start]):
                    continue
                add_char_span(doc, hit.start, hit.end, "PUBLISHER", hit.code,
                              f"layout.publisher.{hit.kind}", 0.9)
                return
        for block in (head, foot):
            if self._office_name(doc, block, title):
                return
        if title is not None:
            headline = text[title.start_char : title.end_char]
            formula = self.publishers.headline_formula(headline)
            if formula is not None:
                add_char_span(doc, title.start_char + formula.start,
                              title.start_char + formula.end, "PUBLISHER", formula.code,
                              "layout.publisher.headline", 0.75)
                return
            own = self._headline_subject_title(doc, title)
            if own is not None:
                return
        for dateline in datelines:
            value = span_value(dateline) or {}
            if value.get("capital") and value.get("country"):
                add_char_span(doc, dateline.start_char, dateline.end_char, "PUBLISHER",
                              value["country"], "layout.publisher.dateline", 0.6)
                return

    def _office_name(self, doc: Doc, block: list[_Line], title: Span | None) -> bool:
        """Add the PUBLISHER span of the first line of ``block`` that names an office
        (an ``office_name`` pattern) and exactly one state, with the line after it where the
        line itself names none; True where one was added.

        A line is read only where it stands alone: not the headline, at most
        :data:`OFFICE_LINE_MAX` characters, not a sentence (ending in "."): "The minister
        thanked the Government of Ghana." in a last paragraph names no publisher.
        """
        def states(start: int, end: int) -> set[str]:
            return {span_value(s) for s in spans(doc, "COUNTRY")
                    if start <= s.start_char and s.end_char <= end}

        def alone(line: _Line, limit: int) -> bool:
            in_title = title is not None and title.start_char < line.end and (
                line.start < title.end_char)
            return not in_title and len(line.text) <= limit and not line.text.endswith(".")

        for i, line in enumerate(block):
            if not alone(line, OFFICE_LINE_MAX) or not self.office_names.search(line.text):
                continue
            end = line.end
            found = states(line.start, line.end)
            if not found and i + 1 < len(block) and alone(block[i + 1], OFFICE_NEXT_LINE_MAX):
                end = block[i + 1].end
                found = states(line.start, end)
            if len(found) == 1:
                add_char_span(doc, line.start, end, "PUBLISHER", found.pop(),
                              "layout.ministry", 0.8)
                return True
        return False

    def _headline_subject_title(self, doc: Doc, title: Span) -> Span | None:
        """Add the PUBLISHER span of a state-unique office title that is the headline's
        subject (rule 4 of :meth:`_publisher`); None where there is none."""
        text = doc_text(doc)
        headline = text[title.start_char : title.end_char]
        cue = min((m.start() for p in self.headline_words
                   if (m := p.search(headline)) is not None), default=len(headline))
        countries = [s for s in spans(doc, "COUNTRY")
                     if title.start_char <= s.start_char < title.end_char]
        for hit in self.publishers.find(headline, ("unique_titles",)):
            if hit.end > cue:
                break
            start, end = title.start_char + hit.start, title.start_char + hit.end
            near = [span_value(s) for s in countries
                    if s.end_char >= start - 3 and s.start_char <= end + 8]
            if any(code != hit.code for code in near):
                continue
            return add_char_span(doc, start, end, "PUBLISHER", hit.code,
                                 "layout.publisher.title", 0.75)
        return None


_SITE_PREFIX = regex.compile(r"\s*[:|–—]")
"""A site label opening a headline ("MFA Press Statement: Minister ...")."""

_PREPOSITION_BEFORE = regex.compile(r"\b(?:at|of|to|from|with|in|by|for|and)\s+(?:the\s+)?$")
"""A ministry's name after a preposition is part of a title or a sentence, not the page's
own name ("Minister of State at the Federal Foreign Office")."""

_PLACE = r"\p{Lu}[\p{L}\p{M}.'’ -]{1,40}?"
_DATELINE_PLACE = regex.compile(rf"^(?P<city>{_PLACE})(?:,\s*\p{{Lu}}[\p{{L}}. -]{{1,30}}?)?,\s*")
_DATELINE_AFTER_DATE = regex.compile(
    rf"^\s*[-–—|]\s*(?P<city>{_PLACE})(?:,\s*\p{{Lu}}[\p{{L}}. -]{{1,30}}?)?\s*(?:[-–—]|$)"
)
_DATELINE_TAIL = regex.compile(r"^\s*(?:[-–—:]+|/[^/\n]{1,40}/\s*[-–—]*)?")


def _dateline_in(line: _Line, dates: list[Span]) -> tuple[int, int, str] | None:
    """A dateline at the start of ``line``: ``(start, end, place)``.

    Forms: a place (and region) then a date ("Paris, 4 April 2024", "OTTAWA, Ontario,
    24 November 2021 -"); a place then a bracketed source holding a date ("DUBAI, (WAM -
    13th Nov, 2021)"); a date then a place between dashes ("November 24, 2021 - Ottawa,
    Ontario - Global Affairs Canada"). The span runs to the end of the date (or bracket)
    and the dash after it.
    """
    text = line.text
    inside = [d for d in dates if line.start <= d.start_char < line.end]
    m = _DATELINE_PLACE.match(text)
    if m is not None:
        at = line.start + m.end()
        date = next((d for d in inside if d.start_char == at), None)
        end: int | None = None
        if date is not None:
            end = date.end_char
        elif text[m.end() : m.end() + 1] == "(":
            close = text.find(")", m.end())
            if 0 < close - m.end() <= 100 and any(
                at < d.start_char < line.start + close for d in inside
            ):
                end = line.start + close + 1
        if end is not None:
            tail = _DATELINE_TAIL.match(text, end - line.start)
            stop = line.start + (tail.end() if tail else end - line.start)
            return line.start, stop, m.group("city").strip()
    first = inside[0] if inside else None
    if first is not None and first.start_char == line.start:
        after = _DATELINE_AFTER_DATE.match(text[first.end_char - line.start :])
        if after is not None:
            return line.start, first.end_char + after.end(), after.group("city").strip()
    return None
