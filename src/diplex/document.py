"""Input documents and their preparation for the pipeline.

:func:`prepare` turns what a caller hands in (str or bytes, plain text or HTML) into the text
the pipeline reads, and lists what it had to do on the way as warnings. It never raises on
odd content: bytes that are not UTF-8 are decoded with replacement characters, HTML is
reduced to its text with BeautifulSoup, over-long text is cut to :data:`MAX_CHARS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from .errors import InputError
from .record import ExtractionWarning

MAX_CHARS = 100_000
"""Longest text read, in characters. Releases are a few thousand characters; the meeting is
reported at the top, so a longer text is cut here (with a ``text_truncated`` warning) to keep
batch runs fast and memory flat."""

_HTML_TAG = re.compile(r"<\s*(html|body|div|p|br|span|head|table|article|h[1-6])\b[^>]*>", re.I)
_LINK_CHROME = re.compile(r"\((?:PDF|pdf)\)|Open a New Window|\[(?:PDF|External link)\]")
"""Link labels that pages glue to words ("Vision 2030,”(PDF)Open a New Window which")."""
MIN_STOP_SHARE = 0.15
"""Least share of English function words (spaCy's English stop list) in a text of 15+
words for it to count as English. English releases run at 0.28 and more; French, Spanish
and German releases at 0.0-0.1."""
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class Document:
    """One release to extract from.

    Attributes:
        text: the release text (str), or raw bytes to be decoded as UTF-8.
        doc_id: the document's id (file name stem), or None.
        release_date: ``YYYY-MM-DD`` if the caller knows it; else read from the text.
        publisher: ISO alpha-3 of the issuing government if the caller knows it.
    """

    text: str | bytes
    doc_id: str | None = None
    release_date: str | None = None
    publisher: str | None = None


@dataclass
class PreparedText:
    """The text the pipeline reads, and what preparation did to get it."""

    text: str
    warnings: list[ExtractionWarning] = field(default_factory=list)
    readable: bool = True
    """False where the text has nothing to extract from (empty, not English)."""


def _warn(code: str, message: str) -> ExtractionWarning:
    return ExtractionWarning(code=code, message=message)


def looks_like_html(text: str) -> bool:
    """Return True if ``text`` carries HTML block markup (``<p>``, ``<div>``, ``<br>``...)."""
    return len(_HTML_TAG.findall(text[:20_000])) >= 2


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page, one block a line (BeautifulSoup).

    ``<script>``, ``<style>`` and ``<noscript>`` are dropped.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def prepare(raw: str | bytes) -> PreparedText:
    """Turn raw input into pipeline text.

    Link labels glued to words ("(PDF)", "Open a New Window") are blanked with spaces of the
    same length, so offsets into plain text stay those of the input.

    Args:
        raw: the release as str, or bytes (decoded as UTF-8, invalid bytes replaced).

    Returns:
        PreparedText with the text and the warnings (``invalid_utf8``, ``html_stripped``,
        ``text_truncated``, ``empty_text``, ``not_english``: mostly non-Latin script, or
        too few English function words, see :data:`MIN_STOP_SHARE`); ``readable`` is False
        for empty and non-English text.

    Raises:
        InputError: ``raw`` is neither str nor bytes.
    """
    warnings: list[ExtractionWarning] = []
    if isinstance(raw, bytes | bytearray):
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            text = bytes(raw).decode("utf-8", errors="replace")
            warnings.append(_warn("invalid_utf8", "input is not valid UTF-8; bad bytes replaced"))
    elif isinstance(raw, str):
        text = raw
    else:
        raise InputError(f"expected text as str or bytes, got {type(raw).__name__}")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _LINK_CHROME.sub(lambda m: " " * len(m.group()), text)
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append(_warn("html_stripped", "HTML markup removed; offsets refer to its text"))
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        warnings.append(
            _warn("text_truncated", f"text longer than {MAX_CHARS} characters; the rest ignored")
        )
    if not text.strip():
        warnings.append(_warn("empty_text", "the document has no text"))
        return PreparedText(text, warnings, readable=False)
    letters = _LETTER.findall(text[:20_000])
    latin = sum(1 for ch in letters if _LATIN.match(ch))
    if letters and latin / len(letters) < 0.5:
        warnings.append(_warn("not_english", "the text is mostly not in Latin script"))
        return PreparedText(text, warnings, readable=False)
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) >= 15 and sum(w in STOP_WORDS for w in words) / len(words) < MIN_STOP_SHARE:
        warnings.append(_warn(
            "not_english", "the text is in Latin script but few of its words are English"
        ))
        return PreparedText(text, warnings, readable=False)
    return PreparedText(text, warnings)
