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
FOREIGN_FUNCTION_WORDS = frozenset(
    """le la les des du de et est une un aux au sur pour dans avec que qui par ont été
    el los las del y con por para una que se su sus al lo como más entre
    os das dos da do em com uma para pelo pela não
    il gli della dei delle di che è con per nel nella sono
    der die das und den dem des ist mit für von auf ein eine nicht sich zu im
    het een van en zijn met voor op niet ook""".split()
)
"""Frequent function words of other languages written in Latin script (French, Spanish,
Portuguese, Italian, German, Dutch), for :func:`looks_english`; words that are English too
("a", "in", "on", "die") are left out or outweighed."""
_ENGLISH_ONLY = frozenset(STOP_WORDS - FOREIGN_FUNCTION_WORDS)
"""spaCy's English stop words that are no function word of another language."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u00ad]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+")
"""A run of letters of the Latin script (Basic Latin to Latin Extended-B; every character of
the range that is a letter, so not the signs × and ÷)."""
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+")
"""A run of letters (``[^\\W\\d_]``) of any other script."""


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


def decode(raw: bytes) -> tuple[str, list[ExtractionWarning]]:
    """Decode input bytes: UTF-16 where a byte-order mark says so, else UTF-8, else
    Windows-1252 (the usual encoding of older Western pages), with a warning saying which.

    Returns:
        ``(text, warnings)``.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), [
            _warn("decoded_utf16", "input decoded as UTF-16 (byte-order mark)")
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if raw.count(b"\x00") > len(raw) // 4:  # UTF-16 without a byte-order mark, or binary
        return raw.decode("utf-8", errors="replace"), [
            _warn("invalid_utf8", "input is not valid UTF-8 (NUL-rich: UTF-16 or binary?); "
                  "bad bytes replaced")
        ]
    return raw.decode("cp1252", errors="replace"), [
        _warn("invalid_utf8", "input is not valid UTF-8; decoded as Windows-1252")
    ]


def clean_id(doc_id: object) -> str | None:
    """A document id as a printable string: None stays None, other types become ``str``,
    characters that cannot be written as UTF-8 (lone surrogates from undecodable file names)
    are escaped (``\\udcff``)."""
    if doc_id is None:
        return None
    text = doc_id if isinstance(doc_id, str) else str(doc_id)
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def prepare(raw: str | bytes) -> PreparedText:
    """Turn raw input into pipeline text.

    Link labels glued to words ("(PDF)", "Open a New Window") are blanked with spaces of the
    same length; invisible format characters (zero-width joiners, direction marks, soft
    hyphens) are removed; characters that are not valid Unicode text (lone surrogates) are
    replaced; other line separators become line breaks.

    Args:
        raw: the release as str, or bytes (see :func:`decode`).

    Returns:
        PreparedText with the text and the warnings (``invalid_utf8``, ``decoded_utf16``,
        ``invalid_unicode``, ``html_stripped``, ``text_truncated``, ``empty_text``,
        ``not_english``: mostly non-Latin script, or more foreign than English function
        words, see :func:`looks_english`); ``readable`` is False for empty and non-English
        text.

    Raises:
        InputError: ``raw`` is neither str nor bytes.
    """
    warnings: list[ExtractionWarning] = []
    if isinstance(raw, bytes | bytearray):
        text, warnings = decode(bytes(raw))
    elif isinstance(raw, str):
        text = raw
    else:
        raise InputError(f"expected text as str or bytes, got {type(raw).__name__}")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append(_warn("invalid_unicode", "lone surrogate characters replaced"))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
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
    head = text[:20_000]
    # letters counted by runs (one string per word, not one per letter); a text with no
    # letter of another script is Latin throughout
    other = sum(map(len, _OTHER_LETTERS.findall(head)))
    latin = sum(map(len, _LATIN_LETTERS.findall(head))) if other else 0
    if other and latin / (latin + other) < 0.5:
        warnings.append(_warn("not_english", "the text is mostly not in Latin script"))
        return PreparedText(text, warnings, readable=False)
    if not looks_english(text[:5_000]):
        warnings.append(_warn(
            "not_english", "the text is in Latin script but reads as another language"
        ))
        return PreparedText(text, warnings, readable=False)
    return PreparedText(text, warnings)


def looks_english(text: str) -> bool:
    """False where ``text`` has more function words of other languages (French, Spanish,
    Portuguese, Italian, German, Dutch: :data:`FOREIGN_FUNCTION_WORDS`) than English ones
    (spaCy's English stop list) and they make 5% of its words or more. Lists, tables and
    short texts, which have few of either, count as English. Function words right before a
    capitalised word are a name's particles and are not counted."""
    found = _WORD.findall(text)
    words = list(map(str.lower, found))
    if len(words) < 15:
        return True
    english = sum(map(_ENGLISH_ONLY.__contains__, words))
    listed = sum(map(FOREIGN_FUNCTION_WORDS.__contains__, words))
    if listed < 0.05 * len(words) or listed <= english:
        return True  # too few even before the particles are left out
    foreign_at = [i for i, w in enumerate(words) if w in FOREIGN_FUNCTION_WORDS]
    # function words before a capitalised word are a name's particles ("van der Linden",
    # "dos Santos", "el Sayed"), no sign of another language
    particles: set[int] = set()
    for i in reversed(foreign_at):
        if found[i].islower() and i + 1 < len(found) and (
                found[i + 1][:1].isupper() or i + 1 in particles):
            particles.add(i)
    foreign = len(foreign_at) - len(particles)
    return not (foreign >= 0.05 * len(words) and foreign > english)
