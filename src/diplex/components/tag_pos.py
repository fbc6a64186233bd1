"""Component ``diplex_tag_pos``: coarse part-of-speech tags from fine ones, cheaply.

spaCy's English pipelines set ``Token.pos_`` with an ``attribute_ruler`` whose patterns map
each fine tag (``Token.tag_``, from the tagger) to a coarse one, with exceptions keyed by the
word ("'s" as PART) or by the dependency label. Run through spaCy's Matcher, those 179
patterns cost about as much as the parser, for values diplex reads only as ``pos_`` (noun
chunks, topic patterns). This component reads the same tables out of the base model's own
``attribute_ruler`` when the pipeline is built and applies them by dictionary look-up, in
the ruler's order, the last matching rule winning (single-token patterns on the fine tag,
the word in lower case, the dependency label and whitespace; the ruler's few multi-token
patterns are left out).

Lemmas and morphology, which the ruler also sets, are not (diplex reads neither). A test
checks that the coarse tags agree with the ruler's on the dev corpus.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from .base import DiplexComponent

TABLES_FILE = "tag_pos.json"

CACHE_SIZE = 200_000
"""Combinations of (fine tag, word, dependency label, whitespace) whose coarse tag a
component keeps; the store is emptied when it holds more."""

_UNSEEN = object()


@Language.factory("diplex_tag_pos", default_config={"tables": {}})
def make_tag_pos(nlp: Language, name: str, tables: dict[str, Any]) -> TagPosComponent:
    """spaCy factory of :class:`TagPosComponent` (``tables`` from :func:`tables_from_ruler`)."""
    return TagPosComponent(name, tables)


_KEYS = {"TAG": "tag", "LOWER": "lower", "DEP": "dep", "IS_SPACE": "is_space"}


def tables_from_ruler(patterns: list[dict[str, Any]]) -> dict[str, Any]:
    """Read the POS rules out of an ``attribute_ruler``'s patterns (``ruler.patterns``).

    Each single-token pattern that sets POS becomes a rule ``{"tag": [...] | None,
    "not_tag": [...], "lower": [...] | None, "dep": [...] | None, "not_dep": [...],
    "is_space": bool | None, "pos": str}``, kept in the ruler's order (a later rule that
    matches a token overrides an earlier one, as the ruler's own attribute setting does).
    Multi-token patterns are left out.

    Returns:
        ``{"rules": [...]}``.
    """
    rules: list[dict[str, Any]] = []
    for entry in patterns:
        pos = entry.get("attrs", {}).get("POS")
        if pos is None:
            continue
        for pattern in entry.get("patterns", []):
            if len(pattern) != 1:
                continue
            rule: dict[str, Any] = {"pos": pos}
            usable = True
            for key, value in pattern[0].items():
                name = _KEYS.get(key)
                if name is None:
                    usable = False
                elif isinstance(value, bool):
                    rule[name] = value
                elif isinstance(value, str):
                    rule[name] = [value]
                elif isinstance(value, dict) and "IN" in value:
                    rule[name] = list(value["IN"])
                elif isinstance(value, dict) and "NOT_IN" in value:
                    rule[f"not_{name}"] = list(value["NOT_IN"])
                else:
                    usable = False
            if usable:
                rules.append(rule)
    return {"rules": rules}


class TagPosComponent(DiplexComponent):
    """Sets ``Token.pos_`` from ``Token.tag_`` by the tables of :func:`tables_from_ruler`."""

    def __init__(self, name: str, tables: dict[str, Any]) -> None:
        self.name = name
        self._compile(tables)

    def _compile(self, tables: dict[str, Any]) -> None:
        self.tables = tables
        rules = [
            (i, {k: (frozenset(v) if isinstance(v, list) else v) for k, v in rule.items()})
            for i, rule in enumerate(tables.get("rules", []))
        ]
        # rules indexed by the fine tag they need (None: any tag), in the ruler's order
        self.by_tag: dict[str | None, list[tuple[int, dict[str, Any]]]] = {}
        for i, rule in rules:
            for tag in rule.get("tag") or [None]:
                self.by_tag.setdefault(tag, []).append((i, rule))
        self.any_tag = self.by_tag.get(None, [])
        self._by_tag_sorted: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._cache: dict[tuple[int, int, int, int], int | None] = {}

    def process(self, doc: Doc) -> None:
        """Set the coarse tag of every token of ``doc`` by the last rule that matches it.

        The outcome depends only on a token's fine tag, lower-cased word, dependency label
        and whitespace, so it is looked up by those (hashes, read as one array) and worked
        out by the rules once per combination (kept for :data:`CACHE_SIZE` combinations)."""
        if len(doc) == 0:
            return
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS])
        strings = doc.vocab.strings
        cache = self._cache
        if len(cache) > CACHE_SIZE:
            cache.clear()
        pos_ids = []
        for tag, lower, dep, space, old in rows.tolist():
            key = (tag, lower, dep, space)
            pos = cache.get(key, _UNSEEN)
            if pos is _UNSEEN:
                name = self._pos(strings[tag] if tag else "", strings[lower],
                                 strings[dep] if dep else "", bool(space))
                pos = None if name is None else strings[name]
                cache[key] = pos
            pos_ids.append(old if pos is None else pos)
        column: Any = numpy.array(pos_ids, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([POS], column)

    def _pos(self, tag: str, lower: str, dep: str, is_space: bool) -> str | None:
        """The coarse tag the last matching rule gives a token (None: no rule matches)."""
        candidates = self._by_tag_sorted.get(tag)
        if candidates is None:
            candidates = sorted(self.by_tag.get(tag, []) + self.any_tag, key=lambda r: r[0])
            self._by_tag_sorted[tag] = candidates
        pos = None
        for _, rule in candidates:
            if _matches(rule, tag, lower, dep, is_space):
                pos = rule["pos"]
        return pos

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Save the tables (called by ``nlp.to_disk``)."""
        target = Path(path)
        target.mkdir(parents=True, exist_ok=True)
        (target / TABLES_FILE).write_text(json.dumps(self.tables), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> TagPosComponent:
        """Load the tables saved by :meth:`to_disk`."""
        self._compile(json.loads((Path(path) / TABLES_FILE).read_text(encoding="utf-8")))
        return self


def _matches(rule: dict[str, Any], tag: str, lower: str, dep: str, is_space: bool) -> bool:
    if "not_tag" in rule and tag in rule["not_tag"]:
        return False
    if "is_space" in rule and is_space != rule["is_space"]:
        return False
    if "lower" in rule and lower not in rule["lower"]:
        return False
    if "dep" in rule and dep not in rule["dep"]:
        return False
    return not ("not_dep" in rule and dep in rule["not_dep"])
