"""Hand-made records with evidence, and their texts, for the review page tests.

Offsets are found with ``str.index`` on the texts below, so the evidence is exact whatever
the extractor currently does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from diplex import MeetingRecord

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'

TEXTS: dict[str, str] = {
    "call-alpha": (
        "Telephone Talk between the Foreign Ministers\n"
        "March 3, 2024\n\n"
        "On March 3, from 9:30 p.m. for about 25 minutes, Mr. Arno Keller, Minister of"
        " Foreign Affairs of Austria, held a telephone talk with Ms. Lucia Ferro, Minister"
        " for Foreign Affairs of Italy. The two ministers discussed energy security and"
        " the situation in the Middle East.\n"
    ),
    "visit-beta": (
        "Meeting with the Secretary General of the Pacific Forum\n\n"
        "Minister Tomas Ribeiro met Secretary General Hana Lee in Lisbon on 12 May 2024."
        " They talked about ocean governance \u2014 and climate finance \U0001f30a.\n"
    ),
    "xss-gamma": (
        "Courtesy call " + XSS_SCRIPT + "\n\n"
        'Ms. Jo "Quote" O\'Neil met ' + XSS_IMG + " Minister Kim Bora of Korea.\n"
    ),
}


def _ev(doc_id: str, field: str, phrase: str, confidence: float, rule: str = "test") -> dict:
    text = TEXTS[doc_id]
    start = text.index(phrase)
    return {
        "field": field,
        "start": start,
        "end": start + len(phrase),
        "text": phrase,
        "rule": rule,
        "confidence": confidence,
    }


def records() -> list[MeetingRecord]:
    """Return three records: a call (overlapping spans), a meeting, and an XSS attempt."""
    alpha: dict[str, Any] = {
        "doc_id": "call-alpha",
        "publisher": "AUT",
        "title": "Telephone Talk between the Foreign Ministers",
        "release_date": "2024-03-03",
        "meeting_type": "telephone_talk",
        "date": "2024-03-03",
        "start_time": "21:30",
        "duration_minutes": 25,
        "officials": [
            {"name": "Arno Keller", "family_name": "Keller", "given_name": "Arno",
             "title": "Minister of Foreign Affairs", "country": "AUT"},
            {"name": "Lucia Ferro", "family_name": "Ferro", "given_name": "Lucia",
             "title": "Minister for Foreign Affairs", "country": "ITA"},
        ],
        "countries": [
            {"code": "AUT", "role": "participant"},
            {"code": "ITA", "role": "participant"},
        ],
        "topics": ["energy security", "the situation in the Middle East"],
        "evidence": [
            _ev("call-alpha", "title", "Telephone Talk between the Foreign Ministers", 0.95),
            _ev("call-alpha", "date", "March 3, from", 0.9),
            _ev("call-alpha", "start_time", "9:30 p.m.", 0.85),
            _ev("call-alpha", "duration_minutes", "about 25 minutes", 0.8),
            _ev("call-alpha", "officials[0]",
                "Arno Keller, Minister of Foreign Affairs of Austria", 0.7),
            _ev("call-alpha", "countries[0]", "Austria", 0.99),
            _ev("call-alpha", "officials[1]",
                "Lucia Ferro, Minister for Foreign Affairs of Italy", 0.75),
            _ev("call-alpha", "countries[1]", "Italy", 0.99),
            _ev("call-alpha", "meeting_type", "telephone talk", 0.9),
            _ev("call-alpha", "topics[0]", "energy security", 0.6),
            _ev("call-alpha", "topics[1]", "the situation in the Middle East", 0.55),
        ],
    }
    beta: dict[str, Any] = {
        "doc_id": "visit-beta",
        "title": "Meeting with the Secretary General of the Pacific Forum",
        "meeting_type": "meeting",
        "date": "2024-05-12",
        "location": "Lisbon",
        "officials": [
            {"name": "Tomas Ribeiro", "family_name": "Ribeiro", "given_name": "Tomas",
             "title": "Minister"},
        ],
        "countries": [{"code": "PRT", "role": "participant"}],
        "topics": ["ocean governance", "climate finance"],
        "evidence": [
            _ev("visit-beta", "officials[0]", "Minister Tomas Ribeiro", 0.65),
            _ev("visit-beta", "location", "Lisbon", 0.5),
            _ev("visit-beta", "countries[0]", "Lisbon", 0.3),
            _ev("visit-beta", "date", "12 May 2024", 0.95),
            _ev("visit-beta", "topics[0]", "ocean governance", 0.6),
            _ev("visit-beta", "topics[1]", "climate finance", 0.6),
            # evidence of a field outside the gold format: shown read-only
            _ev("visit-beta", "event.mode", "met Secretary General Hana Lee", 0.8),
        ],
        "warnings": [
            {"code": "official_without_country", "message": "no country for Ribeiro",
             "field": "officials[0]"}
        ],
    }
    gamma: dict[str, Any] = {
        "doc_id": "xss-gamma",
        "title": "Courtesy call " + XSS_SCRIPT,
        "meeting_type": "courtesy_call",
        "officials": [
            {"name": 'Jo "Quote" O\'Neil', "family_name": "O'Neil", "given_name": XSS_IMG},
        ],
        "countries": [{"code": "KOR", "role": "mentioned"}],
        "topics": [XSS_IMG],
        "evidence": [
            _ev("xss-gamma", "title", "Courtesy call " + XSS_SCRIPT, 0.9),
            _ev("xss-gamma", "officials[0]", 'Jo "Quote" O\'Neil', 0.4),
            _ev("xss-gamma", "topics[0]", XSS_IMG, 0.2),
            _ev("xss-gamma", "countries[0]", "Korea", 0.9),
        ],
        "warnings": [{"code": "odd", "message": XSS_IMG, "field": None}],
    }
    return [MeetingRecord.model_validate(r) for r in (alpha, beta, gamma)]


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """Write ``pred.jsonl`` and ``texts/<doc_id>.txt`` into ``folder``.

    Returns:
        (path of the JSONL, path of the texts folder).
    """
    texts = folder / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    for doc_id, text in TEXTS.items():
        (texts / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    pred = folder / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(r.model_dump(mode="json")) + "\n" for r in records()),
        encoding="utf-8",
    )
    return pred, texts
