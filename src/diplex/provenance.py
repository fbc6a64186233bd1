"""Provenance: the table row behind an evidence entry (``Evidence.rule_row``).

A span's rule id (``topic.discuss``, ``date.day_month_year``, ``country.alias``) names the
code path that found it; where that path read one row of a rule table, the evidence also
names the row as ``TABLE:ROW_ID`` (``topic_cues.jsonl:discuss``,
``datetime_lexicon.jsonl:day_month_year``, ``countries.jsonl:JPN``). Row ids are those of
:meth:`diplex.rules.TableSchema.row_id` (a row's ``id``, ``name`` or ``code``...).

How a rule id leads to its row is :data:`ROW_SOURCES`: a rule-id prefix, the table, and
whether the row is named by the rule id's tail (``topic.<id>``), by the whole rule id
(``duration.for``) or by the span's value (a state's code, an organisation's name, a
publisher's code). A row is named only where the table holds a row of that id: a rule that
read no single row (a list of title words, a headline) gets None, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .assets import asset_path
from .rules import TABLES, read_table


@dataclass(frozen=True)
class RowSource:
    """Where the rows behind rules of one prefix live.

    Attributes:
        prefix: the rule-id prefix, with its dot (``"topic."``).
        table: the table file (``"topic_cues.jsonl"``).
        by: ``"tail"`` (row id = the rule id after the prefix), ``"rule"`` (row id = the
            whole rule id) or ``"value"`` (row id = the span's value, or its ``code``/
            ``name`` where the value is a dict).
    """

    prefix: str
    table: str
    by: Literal["tail", "rule", "value"]


ROW_SOURCES: tuple[RowSource, ...] = (
    RowSource("topic.", "topic_cues.jsonl", "tail"),
    RowSource("date.", "datetime_lexicon.jsonl", "tail"),
    RowSource("time.", "datetime_lexicon.jsonl", "tail"),
    RowSource("duration.", "datetime_lexicon.jsonl", "rule"),
    RowSource("country.", "countries.jsonl", "value"),
    RowSource("org.", "organisations.jsonl", "value"),
    RowSource("layout.publisher.", "publishers.jsonl", "value"),
)
"""Rule-id prefixes whose rules read one row of a table, longest prefix first where two
overlap."""


@lru_cache(maxsize=32)
def _row_ids(table: str, folder: str | None) -> frozenset[str]:
    schema = TABLES[table]
    rows = read_table(asset_path(table, Path(folder) if folder else None))
    return frozenset(schema.row_id(row, i) for i, row in enumerate(rows, start=1))


def _candidate(source: RowSource, rule: str, value: Any) -> str | None:
    if source.by == "tail":
        return rule[len(source.prefix):]
    if source.by == "rule":
        return rule
    if isinstance(value, dict):
        value = value.get("code") or value.get("name")
    return value if isinstance(value, str) else None


def rule_row(rule: str | None, value: Any, folder: str | None = None) -> str | None:
    """Return ``TABLE:ROW_ID`` of the table row rule ``rule`` read to find ``value``.

    Args:
        rule: the span's rule id (``span._.diplex_rule``).
        value: the span's normalised value (``span._.diplex_value``).
        folder: the rule folder the pipeline read (``doc._.diplex_rules``; None: the
            shipped ``models/``).

    Returns:
        ``"topic_cues.jsonl:discuss"``-style provenance, or None where the rule read no
        single row of a table (or the row is not found).

    Raises:
        RuleError: the table fails its schema (see :func:`diplex.rules.read_table`).
    """
    if not rule:
        return None
    for source in ROW_SOURCES:
        if rule.startswith(source.prefix):
            row = _candidate(source, rule, value)
            if row and row in _row_ids(source.table, folder):
                return f"{source.table}:{row}"
            return None
    return None
