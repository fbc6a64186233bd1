"""How diplex components leave their findings on a spaCy ``Doc``.

Every component writes ``Span`` objects into one span group, ``doc.spans["diplex"]``, with a
label from :data:`LABELS`. The normalised value of a span, the id of the rule that found it
and the rule's confidence are kept in ``doc._.diplex_values`` keyed by label and character
offsets, and read through the span extensions ``span._.diplex_value``,
``span._.diplex_rule`` and ``span._.diplex_confidence``.

``doc._.diplex_body_start`` (set by ``diplex_layout``) is the character offset where the
release's body begins, after the site header, headline, date line and photo captions.

Values are plain JSON types (str, int, float, bool, None, lists and dicts of them) so that a
Doc survives ``Doc.to_bytes`` and spaCy's multiprocessing ``nlp.pipe(n_process=...)``.

Keying by label as well as offsets (rather than a plain span extension, which spaCy keys by
offsets only) lets two labels share one stretch of text with different values.

Value shapes, by label:

========== ===============================================================================
label      value
========== ===============================================================================
DATE       ``{"year": int|None, "month": int, "day": int}``, ``{"relative_days": int}``
           (``0`` today, ``-1`` yesterday), ``{"weekday": int, "last": bool}`` (a bare
           weekday, 0 = Monday) or ``{"ambiguous": [{"year","month","day"}, ...]}`` (a
           numeric date whose day/month order is unclear); the first day of a range
TIME       ``{"start": "HH:MM", "end": "HH:MM"|None, "zone": str|None}``
DURATION   ``int`` minutes
COUNTRY    ``str`` ISO 3166-1 alpha-3; ``span._.diplex_rule`` tells name/alias/demonym
ORG        ``{"name": str, "acronym": str|None}``
OFFICIAL   ``{"name", "family_name", "given_name", "title", "country", "organisation"}``
MEETING    ``str`` meeting type (``record.MeetingType``)
TOPIC      ``str`` the topic phrase as worded
TITLE      ``str`` the headline
RELDATE    ``str`` release date ``YYYY-MM-DD``, or an ambiguous numeric DATE value
           (``{"ambiguous": [...]}``) that ``assemble`` reads in the publisher's order
PUBLISHER  ``str`` ISO alpha-3 (or IGO acronym) of the issuing government
LOCATION   ``str`` city or venue
DATELINE   ``{"city": str, "country": str|None, "capital": bool}``: a press dateline's
           place ("Paris, 4 April 2024", "DUBAI, (WAM - 13th Nov, 2021)"); the span covers
           the whole dateline (place, date and source), the place and date of writing
========== ===============================================================================
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.tokens import Doc, Span

SPAN_KEY = "diplex"

LABELS: tuple[str, ...] = (
    "DATE",
    "TIME",
    "DURATION",
    "COUNTRY",
    "ORG",
    "OFFICIAL",
    "MEETING",
    "TOPIC",
    "TITLE",
    "RELDATE",
    "PUBLISHER",
    "LOCATION",
    "DATELINE",
)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from the tokens on every
    access, which rule components reading it per line or per span cannot afford)."""
    cached = doc.user_data.get("diplex_text")
    if cached is None:
        cached = doc.text
        doc.user_data["diplex_text"] = cached
    return str(cached)


def span_text(span: Span) -> str:
    """``span.text`` cut from :func:`doc_text` (spaCy joins the span's tokens on every
    access)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def keep_text(doc: Doc, text: str) -> Doc:
    """Give :func:`doc_text` the text ``doc`` was made from (``nlp.make_doc(text)``; spaCy's
    tokenizer keeps every character, so it is ``doc.text``) and return ``doc``."""
    doc.user_data["diplex_text"] = text
    return doc


def _key(label: str, start_char: int, end_char: int) -> str:
    return f"{label}|{start_char}|{end_char}"


_VALUES = ("._.", "diplex_values", None, None)
"""The key under which spaCy keeps ``doc._.diplex_values`` in ``Doc.user_data`` (its storage
of Doc extensions): read directly by :func:`span_value` and its kin, which are called a few
hundred times per Doc, where ``span._`` builds an ``Underscore`` object on every access."""


_RULES = ("._.", "diplex_rules", None, None)
"""Where spaCy keeps ``doc._.diplex_rules`` in ``Doc.user_data`` (see :data:`_VALUES`)."""


def rules_folder(doc: Doc) -> str | None:
    """``doc._.diplex_rules``, the rule folder the pipeline's components read (None: the
    shipped ``models/``), read from the Doc's store directly (assembly asks for it at every
    cue and every evidence entry)."""
    data: dict[Any, Any] = doc.user_data
    folder: str | None = data.get(_RULES)
    return folder


def span_entry(span: Span) -> dict[str, Any] | None:
    """What ``add_span`` stored of a diplex span: ``{"value", "rule", "confidence"}``; None
    for a span diplex did not add."""
    data: dict[Any, Any] = span.doc.user_data
    store: dict[str, Any] | None = data.get(_VALUES)
    if not store:
        return None
    entry: dict[str, Any] | None = store.get(_key(span.label_, span.start_char, span.end_char))
    return entry


def span_value(span: Span) -> Any:
    """The normalised value of a diplex span (``span._.diplex_value``, shapes in the module
    docstring); None for a span diplex did not add."""
    entry = span_entry(span)
    return None if entry is None else entry.get("value")


def span_rule(span: Span) -> str | None:
    """The id of the rule that found a diplex span (``span._.diplex_rule``); None for a span
    diplex did not add."""
    entry = span_entry(span)
    return None if entry is None else entry.get("rule")


def span_confidence(span: Span) -> float | None:
    """The confidence in [0, 1] of the rule that found a diplex span
    (``span._.diplex_confidence``); None for a span diplex did not add."""
    entry = span_entry(span)
    return None if entry is None else entry.get("confidence")


def register_extensions() -> None:
    """Register diplex's Doc and Span extensions (idempotent)."""
    if not Doc.has_extension("diplex_values"):
        Doc.set_extension("diplex_values", default=None)
    if not Doc.has_extension("diplex_body_start"):
        Doc.set_extension("diplex_body_start", default=0)
    if not Doc.has_extension("diplex_error"):
        Doc.set_extension("diplex_error", default=None)
    if not Doc.has_extension("diplex_rules"):
        # the rule folder the pipeline's components read (None: the shipped models/); set
        # by each diplex component, read by assembly so it uses the same tables
        Doc.set_extension("diplex_rules", default=None)
    for name in ("value", "rule", "confidence"):
        ext = f"diplex_{name}"
        if not Span.has_extension(ext):
            Span.set_extension(ext, getter=_getter(name))


def _getter(name: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        return (span_entry(span) or {}).get(name)

    return get


register_extensions()


def _store(doc: Doc) -> dict[str, Any]:
    data: dict[Any, Any] = doc.user_data
    store: dict[str, Any] | None = data.get(_VALUES)
    if store is None:
        store = {}
        data[_VALUES] = store  # as ``doc._.diplex_values = {}`` stores it
    return store


def add_span(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    value: Any,
    rule: str,
    confidence: float,
) -> Span:
    """Add a span to ``doc.spans["diplex"]`` with its normalised value.

    Args:
        doc: the Doc to annotate.
        start, end: token offsets ``[start, end)`` of the span.
        label: one of :data:`LABELS`.
        value: the normalised value (plain JSON types; shapes in the module docstring).
        rule: id of the rule that found it (documented where the rule lives).
        confidence: how sure the rule is, in [0, 1].

    Returns:
        The new Span.

    Raises:
        ValueError: unknown label or confidence outside [0, 1].
    """
    if label not in LABELS:
        raise ValueError(f"unknown diplex span label {label!r}")
    if not 0.0 <= confidence <= 1.0:
        raise ValueError(f"confidence must be in [0, 1], got {confidence}")
    span = Span(doc, start, end, label=label)
    _store(doc)[_key(label, span.start_char, span.end_char)] = {
        "value": value,
        "rule": rule,
        "confidence": confidence,
    }
    if SPAN_KEY not in doc.spans:
        doc.spans[SPAN_KEY] = []
    doc.spans[SPAN_KEY].append(span)
    return span


def add_char_span(
    doc: Doc,
    start_char: int,
    end_char: int,
    label: str,
    value: Any,
    rule: str,
    confidence: float,
) -> Span | None:
    """Like :func:`add_span` but from character offsets, snapped outwards to tokens.

    Returns:
        The new Span, or None where the offsets cover no token.
    """
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return add_span(doc, span.start, span.end, label, value, rule, confidence)


_INDEX = threading.local()
"""The last Doc's spans by label (one Doc per thread): components and ``assemble`` ask for
spans dozens of times per Doc, and building Span objects from the group each time costs
more than all the rules. Keyed by the Doc itself and the group's size, so spans added
later are seen; kept out of ``Doc.user_data``, which is serialised between processes."""


def spans(doc: Doc, label: str | None = None) -> list[Span]:
    """Return diplex spans of ``doc`` (all, or those with ``label``), in text order."""
    if SPAN_KEY not in doc.spans:
        return []
    group = doc.spans[SPAN_KEY]
    index = getattr(_INDEX, "value", None)
    if index is None or index[0] is not doc or index[1] != len(group):
        ordered = sorted(group, key=lambda s: (s.start_char, s.end_char))
        by_label: dict[str, list[Span]] = {}
        for span in ordered:
            by_label.setdefault(span.label_, []).append(span)
        index = (doc, len(group), ordered, by_label)
        _INDEX.value = index
    return list(index[2]) if label is None else list(index[3].get(label, ()))


def reset_index() -> None:
    """Forget the spans index of the last Doc (after its span group was replaced)."""
    _INDEX.value = None


@contextmanager
def span_view(doc: Doc, keep: list[Span],
              extra: list[tuple[Span, Any, str, float]] | None = None) -> Iterator[None]:
    """Within the ``with`` block, ``doc``'s diplex spans are ``keep`` plus ``extra``.

    Args:
        doc: a processed Doc.
        keep: spans of ``doc.spans["diplex"]`` to leave visible (the others are hidden).
        extra: spans to add for the block, each with its value, rule and confidence.

    The Doc's span group and values are restored when the block ends (also on error).
    """
    group = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
    store = _store(doc)
    saved: dict[str, Any] = {}
    for span, value, rule, confidence in extra or []:
        key = _key(span.label_, span.start_char, span.end_char)
        saved.setdefault(key, store.get(key))
        store[key] = {"value": value, "rule": rule, "confidence": confidence}
    doc.spans[SPAN_KEY] = list(keep) + [s for s, *_ in extra or []]
    reset_index()
    try:
        yield
    finally:
        doc.spans[SPAN_KEY] = group
        for key, entry in saved.items():
            if entry is None:
                del store[key]
            else:
                store[key] = entry
        reset_index()
