"""Build the analysts' review page: one self-contained HTML file (CSS and JS inline).

The page shows one card per record: the release text with every evidence span highlighted
(coloured by field), the record's fields beside it as editable inputs, its warnings, and
the confidence of each value. The analyst's corrections are kept in the browser's
``localStorage`` and exported as a JSON array of gold records (corpus format), which
:func:`diplex.review.gold.import_gold` turns into a gold folder.

Security: release texts and record values are untrusted. They reach the page only as JSON
inside a ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page script builds the DOM with ``textContent`` and
``createElement`` only. A Content-Security-Policy ``<meta>`` allows no network access and
only the page's own inline script (by its SHA-256 hash), so an injected handler or script
could not run even if it reached the DOM.

The CSS, JS and HTML template are package data (``page.html``, ``review.css``,
``review.js`` beside this module), read with :mod:`importlib.resources`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..document import prepare
from ..errors import InputError
from ..io.jsonl import dumps
from ..record import GOLD_FIELDS, MeetingRecord, Official

LIST_FIELDS: tuple[str, ...] = ("officials", "countries", "organisations", "topics")
"""Record fields that are lists; evidence for their items is named ``field[i]``."""

MEETING_TYPES: tuple[str, ...] = (
    "meeting",
    "courtesy_call",
    "telephone_talk",
    "video_conference",
    "working_meal",
    "other",
)
"""The values of ``meeting_type`` (``diplex.record.MeetingType``), offered in the page."""

_FIELD_RE = re.compile(r"^([A-Za-z_]+)(?:\[(\d+)\])?")
_PLACEHOLDER = re.compile(r"\{\{(TITLE|CSP|CSS|DATA|JS)\}\}")


@dataclass(frozen=True)
class Segment:
    """A stretch of text ``[start, end)`` (character offsets) and the evidence covering it.

    Attributes:
        start, end: character offsets into the prepared text.
        evidence: indices (into the record's evidence list) of the spans covering the whole
            stretch, empty for plain text; sorted by span length, shortest (innermost) first.
    """

    start: int
    end: int
    evidence: tuple[int, ...]


def segment_text(length: int, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Split a text into segments so that overlapping or nested spans can be drawn flat.

    Every span boundary cuts the text; each resulting stretch lists the spans covering it.
    The segments cover ``[0, length)`` in order with no gaps, so the page draws the text
    by walking them.

    Args:
        length: the text's length in characters.
        spans: ``(start, end)`` character offsets, one per evidence (by index). Spans that
            are empty or fall outside ``[0, length]`` are left out (the caller reports them).

    Returns:
        The segments; an empty list for an empty text.
    """
    valid = [
        (i, s, e) for i, (s, e) in enumerate(spans) if 0 <= s < e <= length
    ]
    cuts = sorted({0, length, *(s for _, s, _ in valid), *(e for _, _, e in valid)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end:
            continue
        covering = [(e - s, i) for i, s, e in valid if s <= start and end <= e]
        covering.sort()
        out.append(Segment(start, end, tuple(i for _, i in covering)))
    return out


def field_base(field: str) -> str:
    """Return the record field an evidence ``field`` name refers to.

    ``"officials[0]"`` and ``"officials[0].title"`` give ``"officials"``; ``"date"`` gives
    ``"date"``; a name that does not start with a field name is returned unchanged.
    """
    match = _FIELD_RE.match(field)
    return match.group(1) if match else field


def safe_json_for_html(value: Any) -> str:
    """Serialise ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no ``</script>``
    or ``<!--`` can appear) and U+2028, U+2029, U+0085 their escapes
    (:func:`diplex.io.jsonl.dumps`). These characters can only occur inside JSON strings,
    where the escapes mean the same thing.

    Returns:
        The JSON text (str).
    """
    text = dumps(value, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def load_predictions(path: str | Path) -> list[MeetingRecord]:
    """Read a JSONL file of meeting records (``diplex extract`` output).

    Blank lines are skipped.

    Args:
        path: the JSONL file.

    Returns:
        The records, in file order.

    Raises:
        InputError: the file cannot be read, or a line is not JSON or not a valid record
            (the message gives the line number).
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions {path}: {exc}") from exc
    records: list[MeetingRecord] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(MeetingRecord.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise InputError(
                f"{path}:{number}: not a meeting record ({where}: {first.get('msg')})"
            ) from exc
    return records


def gold_dict(record: MeetingRecord) -> dict[str, Any]:
    """Return ``record`` as a corpus gold dict: exactly the fields of
    :data:`diplex.record.GOLD_FIELDS`, in that order (no evidence, warnings or other
    diplex-only fields)."""
    dumped = record.model_dump(mode="json")
    return {name: dumped[name] for name in GOLD_FIELDS}


def is_plain_name(name: object) -> bool:
    """Return True if ``name`` is usable as a plain file name stem in one folder.

    Refused: non-strings, empty names, names with ``/``, ``\\``, ``:``, NUL or other
    control characters, names starting with ``.`` (``..``, hidden files), names of more
    than 200 characters.
    """
    if not isinstance(name, str) or not name or len(name) > 200:
        return False
    if name.startswith(".") or any(ch in name for ch in "/\\:"):
        return False
    return not any(ord(ch) < 32 or ord(ch) == 127 for ch in name)


def read_texts(records: Iterable[MeetingRecord], texts_dir: str | Path) -> dict[str, bytes]:
    """Read ``texts_dir/<doc_id>.txt`` for each record that has a plain ``doc_id``.

    Where the file is not directly in ``texts_dir``, a unique ``<doc_id>.txt`` anywhere
    below it is used (``diplex extract`` names documents by file stem in nested folders).

    Args:
        records: the records whose texts are wanted.
        texts_dir: the folder of release texts.

    Returns:
        ``{doc_id: raw bytes}`` for the texts found; missing ones are simply absent.

    Raises:
        InputError: ``texts_dir`` is not a folder.
    """
    folder = Path(texts_dir)
    if not folder.is_dir():
        raise InputError(f"texts folder not found: {texts_dir}")
    nested: dict[str, list[Path]] | None = None
    out: dict[str, bytes] = {}
    for record in records:
        doc_id = record.doc_id
        if not is_plain_name(doc_id) or doc_id in out:
            continue
        assert doc_id is not None
        path = folder / f"{doc_id}.txt"
        if not path.is_file():
            if nested is None:
                nested = {}
                for found in folder.rglob("*.txt"):
                    nested.setdefault(found.stem, []).append(found)
            candidates = nested.get(doc_id, [])
            if len(candidates) != 1:
                continue
            path = candidates[0]
        try:
            out[doc_id] = path.read_bytes()
        except OSError:
            continue
    return out


def _doc_entry(
    index: int, key: str, record: MeetingRecord, raw: str | bytes | None
) -> dict[str, Any]:
    notes: list[str] = []
    text: str | None = None
    if raw is None:
        notes.append(
            "release text not found"
            if record.doc_id
            else "record has no doc_id, so its text cannot be found"
        )
    else:
        text = prepare(raw).text
    evidence: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    for ev in record.evidence:
        entry = ev.model_dump(mode="json")
        ok = text is not None and 0 <= ev.start < ev.end <= len(text)
        if ok and text is not None and text[ev.start : ev.end] != ev.text:
            ok = False
        if text is not None and not ok:
            notes.append(
                f"evidence for {ev.field} at [{ev.start}, {ev.end}) does not match the text"
                f" (expected {ev.text!r})"
            )
        entry["shown"] = ok
        evidence.append(entry)
        spans.append((ev.start, ev.end) if ok else (0, 0))
    segments = segment_text(len(text), spans) if text is not None else []
    dumped = record.model_dump(mode="json")
    extra = {
        ev.field: _value_at(dumped, ev.field)
        for ev in record.evidence
        if field_base(ev.field) not in GOLD_FIELDS
    }
    confidences = [ev.confidence for ev in record.evidence if ev.confidence is not None]
    return {
        "index": index,
        "key": key,
        "record": gold_dict(record),
        "evidence": evidence,
        "warnings": [w.model_dump(mode="json") for w in record.warnings],
        "has_text": text is not None,
        "notes": notes,
        # Pieces of text rather than offsets: JS strings count UTF-16 units, Python code points.
        "segments": [[text[s.start : s.end], list(s.evidence)] for s in segments if text],
        "min_confidence": min(confidences) if confidences else None,
        "extra": extra,
    }


def _value_at(dumped: dict[str, Any], path: str) -> Any:
    """Return the value at a dotted/indexed evidence path (``event.mode``), or None."""
    value: Any = dumped
    for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path):
        if part.startswith("[") and isinstance(value, list):
            index = int(part[1:-1])
            value = value[index] if index < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def page_data(
    records: Sequence[MeetingRecord], texts: Mapping[str, str | bytes] | None = None
) -> dict[str, Any]:
    """Return the data the page script reads (the JSON embedded in the page).

    Args:
        records: the predicted records, in the order the cards are shown.
        texts: ``{doc_id: raw text}`` (str or bytes); each is prepared with
            :func:`diplex.document.prepare`, as the extractor does, since evidence offsets
            refer to the prepared text.

    Returns:
        dict with ``page_id`` (hash of the content, names the page's saved progress),
        ``gold_fields``, ``official_fields``, ``list_fields``, ``meeting_types`` and
        ``docs`` (one entry per record: ``key``, ``record`` (gold view), ``evidence``
        (each with ``shown``: whether its span matches the text), ``warnings``,
        ``has_text``, ``notes``, ``segments`` ``[piece of text, [evidence indices]]`` that
        concatenate to the prepared text, ``min_confidence``, ``extra``: the values of
        evidence fields outside the gold format, such as ``event.mode``, shown read-only).
    """
    texts = texts or {}
    ids = [r.doc_id for r in records]
    docs = []
    for i, record in enumerate(records):
        doc_id = record.doc_id
        key = doc_id if doc_id is not None and ids.count(doc_id) == 1 else f"{doc_id}#{i}"
        raw = texts.get(doc_id) if doc_id is not None else None
        docs.append(_doc_entry(i, key, record, raw))
    body = {
        "gold_fields": list(GOLD_FIELDS),
        "official_fields": list(Official.model_fields),
        "list_fields": list(LIST_FIELDS),
        "meeting_types": list(MEETING_TYPES),
        "docs": docs,
    }
    digest = hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    return {"page_id": digest[:16], **body}


def _asset(name: str) -> str:
    return resources.files("diplex.review").joinpath(name).read_text(encoding="utf-8")


def build_page(
    records: Sequence[MeetingRecord],
    texts: Mapping[str, str | bytes] | None = None,
    *,
    title: str = "diplex review",
) -> str:
    """Return the review page for ``records`` as one self-contained HTML document (str).

    Args:
        records: the predicted records, one card each, in this order.
        texts: ``{doc_id: raw release text}``; see :func:`page_data`.
        title: the page title (escaped).
    """
    script = _asset("review.js")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = (
        "default-src 'none'; "
        f"script-src 'sha256-{script_hash}'; "
        "style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    parts = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp, quote=False),  # no " in it: safe in a "-quoted attribute
        "CSS": _asset("review.css"),
        "DATA": safe_json_for_html(page_data(records, texts)),
        "JS": script,
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write_page(
    predictions: str | Path, texts_dir: str | Path, output: str | Path, *, title: str | None = None
) -> int:
    """Read predictions and texts and write the review page.

    Args:
        predictions: JSONL of meeting records.
        texts_dir: folder of ``<doc_id>.txt`` release texts.
        output: the HTML file to write.
        title: page title (default: ``diplex review: <predictions file name>``).

    Returns:
        The number of records (cards) in the page.

    Raises:
        InputError: unreadable predictions, a bad record line, or no texts folder.
    """
    records = load_predictions(predictions)
    texts = read_texts(records, texts_dir)
    page = build_page(
        records, texts, title=title or f"diplex review: {Path(predictions).name}"
    )
    Path(output).write_text(page, encoding="utf-8")
    return len(records)
