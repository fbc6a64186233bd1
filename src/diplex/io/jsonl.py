"""JSON text that stays on one line for every reader: the one serialiser of diplex's JSON
Lines writers (records, error entries, events, PLOVER exports, gold files, assets).

``json.dumps(..., ensure_ascii=False)`` escapes the ASCII control characters but leaves
U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and U+0085 NEXT LINE raw. Python's
``str.splitlines`` breaks lines on all three, and JavaScript counts U+2028 and U+2029 as
line terminators (regular expressions' ``^``, ``$`` and ``.``; string literals before
ES2019), so a record whose text or id holds one reads there as two broken lines. In JSON
these characters can only occur inside strings, where the escapes ``\\u2028``,
``\\u2029`` and ``\\u0085`` stand for the same character (RFC 8259, section 7), so
escaping them keeps every value exactly.
"""

from __future__ import annotations

import json
from typing import Any

_LINE_BREAKS = (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\x85", "\\u0085"))
"""The characters ``str.splitlines`` breaks on that ``json.dumps`` leaves raw, and their
JSON escapes."""


def dumps(obj: Any, **kwargs: Any) -> str:
    """Serialise ``obj`` as JSON (non-ASCII kept as is) with U+2028, U+2029 and U+0085
    escaped.

    Args:
        obj: a JSON-ready value (dicts, lists, str, numbers, None).
        **kwargs: further :func:`json.dumps` arguments (``indent``, ``separators``,
            ``sort_keys``).

    Returns:
        The JSON text (str); ``json.loads`` gives back ``obj``, and the text holds no
        character ``str.splitlines`` breaks on unless ``indent`` adds newlines.

    Raises:
        TypeError, ValueError: as :func:`json.dumps` (a value that is not JSON-ready).
    """
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    for raw, escaped in _LINE_BREAKS:
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def json_line(obj: Any) -> str:
    """Return ``obj`` as one JSON Lines line: :func:`dumps` plus ``"\\n"``."""
    return dumps(obj) + "\n"


def encode_line(obj: Any) -> bytes:
    """Return ``obj`` as one JSON Lines line in UTF-8 bytes.

    Lone surrogates (ids from undecodable file names) are written as their ``\\udXXX``
    JSON escapes (``backslashreplace``), so the line is valid UTF-8 and valid JSON.
    """
    return json_line(obj).encode("utf-8", errors="backslashreplace")


__all__ = ["dumps", "encode_line", "json_line"]
