"""Scoring meeting records against gold: the figures ``diplex eval`` prints.

The rules are those of the "Scoring" section of ``shared/corpus/README.md``:

- ``release_date``, ``meeting_type``, ``date``, ``start_time``, ``end_time``,
  ``duration_minutes``: exact match; ``location``: case-insensitive exact match. A document
  counts in precision when the prediction is not null, in recall when the gold is not null;
  accuracy is over all gold documents, a null gold with a null prediction being correct.
- ``officials``: one-to-one matching on ``family_name`` (case folding and accent stripping;
  where one side lacks it, the gold family name must be a token of the predicted ``name``);
  P/R/F1 over matched pairs, plus ``officials.country`` accuracy (exact) and
  ``officials.title`` accuracy (case-insensitive token-set equality without "of", "the",
  "for", "and") over the matched pairs.
- ``countries``: set P/R/F1 of ``(code, role)`` pairs; ``countries.any_role``: of codes
  whatever the role; ``countries.participant``: of the pairs with role ``participant``.
- ``organisations``: one-to-one matching where acronyms, names, or the acronym of one and the
  name of the other are equal after case folding, with the equivalences of
  ``models/organisation_equivalences.jsonl`` ("UN" = "United Nations"); ``organisations``
  requires equal roles, ``organisations.any_role`` does not.
- ``topics``: soft matching on content words (:func:`topic_content_words`,
  :func:`match_topics`).

Every figure is **micro-averaged** over the corpus: the matches, predicted items and gold
items of all documents are summed before dividing (``P = matched / predicted``,
``R = matched / gold``, ``F1 = 2 * matched / (predicted + gold)``). A figure whose
denominator is zero is ``None`` (shown as ``-``), never a made-up 0 or 1.

A gold document without a prediction is scored as a prediction of all nulls and empty lists;
predictions without a gold document are left out of the figures and listed in
:attr:`Report.extra_predictions`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .assets import models_dir
from .errors import InputError
from .io.jsonl import dumps
from .rules import read_table

SCALAR_FIELDS: tuple[str, ...] = (
    "release_date",
    "meeting_type",
    "date",
    "start_time",
    "end_time",
    "duration_minutes",
    "location",
)
"""Fields scored by (exact or, for ``location``, case-insensitive) equality."""

LIST_FIELDS: tuple[str, ...] = ("officials", "countries", "organisations", "topics")
"""Fields that hold lists of items, scored by matching items."""

REPORT_FIELDS: tuple[str, ...] = (
    *SCALAR_FIELDS,
    "officials",
    "officials.country",
    "officials.title",
    "countries",
    "countries.any_role",
    "countries.participant",
    "organisations",
    "organisations.any_role",
    "topics",
)
"""The rows of a :class:`Report`, in order."""

EQUIVALENCES_FILE = "organisation_equivalences.jsonl"
"""Asset (in ``models/``) listing names and acronyms that denote the same organisation."""

_WORD = re.compile(r"[^\W_]+")  # runs of letters or digits
_POSSESSIVE = re.compile(r"['\u2019\u2018]s(?![^\W_])")  # 's / ’s not followed by a letter
_TITLE_FUNCTION_WORDS = frozenset({"of", "the", "for", "and"})


# ---------------------------------------------------------------------------------------------
# Text normalisation


def strip_accents(text: str) -> str:
    """Return ``text`` without combining marks (NFKD decomposition): "Lê" -> "Le".

    Letters that do not decompose ("ø", "ł") are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold(text: str) -> str:
    """Case-folded, accent-stripped text with runs of whitespace made one space."""
    return " ".join(strip_accents(text).casefold().split())


def _tokens(text: str) -> list[str]:
    """Case-folded, accent-stripped runs of letters or digits."""
    return _WORD.findall(strip_accents(text).casefold())


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


# ---------------------------------------------------------------------------------------------
# Topics


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (``spacy.lang.en.stop_words.STOP_WORDS``), lower case."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(word.lower() for word in STOP_WORDS)


def _singular(word: str) -> str:
    """Reduce a plural ending: "-ies" -> "-y", a final "-s" dropped except after "s"."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def topic_content_words(phrase: str) -> list[str]:
    """Return the content words of a topic phrase, as the corpus scoring rule defines them.

    Steps: accents stripped, lower case, possessive "'s" dropped, split on anything that is
    not a letter or digit ("Japan-NATO" is two words), spaCy's English stop words dropped
    (checked on the word as written), plural endings reduced ("-ies" -> "-y"; a final "-s"
    dropped except in "-ss").

    Args:
        phrase: a topic as worded (str).

    Returns:
        list[str]: the distinct content words in order of first appearance, e.g.
        ``topic_content_words("Japan's relations with the Pacific Islands")`` ->
        ``["japan", "relation", "pacific", "island"]``.
    """
    stop = _stop_words()
    text = _POSSESSIVE.sub("", strip_accents(phrase).lower())
    words: list[str] = []
    for word in _WORD.findall(text):
        if word in stop:
            continue
        word = _singular(word)
        if word and word not in words:
            words.append(word)
    return words


def topic_shared_words(predicted: str, gold: str) -> int:
    """Return how many content words a predicted and a gold topic share when they match,
    else 0.

    They match when at least half of the gold topic's content words are among the predicted
    topic's, or at least half of the predicted topic's are among the gold topic's (and they
    share at least one).
    """
    p, g = set(topic_content_words(predicted)), set(topic_content_words(gold))
    return _topic_shared(p, g)


def _topic_shared(p: set[str], g: set[str]) -> int:
    shared = len(p & g)
    if shared and (2 * shared >= len(g) or 2 * shared >= len(p)):
        return shared
    return 0


def match_topics(pred: Sequence[str], gold: Sequence[str]) -> list[tuple[int, int]]:
    """Match predicted topics to gold topics one-to-one with the corpus soft-match rule.

    Candidate pairs are those that :func:`topic_shared_words` accepts; they are taken greedily,
    the pairs with the most shared content words first (ties: the higher share of the two
    phrases' words in common, i.e. Jaccard overlap; then gold order, then predicted order).

    Args:
        pred: predicted topic phrases, in order.
        gold: gold topic phrases, in order.

    Returns:
        list of ``(pred_index, gold_index)`` pairs, sorted by gold index. The number of pairs
        is the number of true positives: precision = ``len(pairs) / len(pred)``, recall =
        ``len(pairs) / len(gold)``.
    """
    pred_words = [set(topic_content_words(t)) for t in pred]
    gold_words = [set(topic_content_words(t)) for t in gold]

    def score(pi: int, gi: int) -> tuple[float, ...] | None:
        shared = _topic_shared(pred_words[pi], gold_words[gi])
        if not shared:
            return None
        return (shared, shared / len(pred_words[pi] | gold_words[gi]))

    return _greedy_match(len(pred), len(gold), score)


# ---------------------------------------------------------------------------------------------
# Officials and organisations


def _contains_run(tokens: Sequence[str], needle: Sequence[str]) -> bool:
    """True when ``needle`` occurs in ``tokens`` as a contiguous run (non-empty)."""
    n = len(needle)
    if n == 0:
        return False
    return any(list(tokens[i : i + n]) == list(needle) for i in range(len(tokens) - n + 1))


def officials_match(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Return whether a predicted official and a gold official are the same person.

    Their ``family_name`` values must be equal after case folding and accent stripping;
    where the predicted one lacks a family name, the gold family name must occur in the
    predicted ``name`` as a token (a run of tokens for a several-word family name such as
    "Ruiz Vidal"; tokens are runs of letters or digits). Where the gold one lacks it, the
    predicted family name must occur in the gold ``name`` the same way.

    Args:
        pred, gold: official dicts (``name``, ``family_name``, ...), as in the record.
    """
    pf = _blank_to_none(pred.get("family_name"))
    gf = _blank_to_none(gold.get("family_name"))
    if pf and gf:
        return _fold(str(pf)) == _fold(str(gf))
    if gf:
        return _contains_run(_tokens(str(pred.get("name") or "")), _tokens(str(gf)))
    if pf:
        return _contains_run(_tokens(str(gold.get("name") or "")), _tokens(str(pf)))
    return False


def titles_equal(pred: str | None, gold: str | None) -> bool:
    """Return whether two official titles are the same for scoring.

    Case-insensitive equality of the sets of tokens (runs of letters or digits) after
    dropping "of", "the", "for" and "and": "Minister of Foreign Affairs" equals
    "minister for foreign affairs". Two null (or blank) titles are equal.
    """
    pred, gold = _blank_to_none(pred), _blank_to_none(gold)
    if pred is None or gold is None:
        return pred is None and gold is None

    def token_set(title: str) -> set[str]:
        return {t for t in _WORD.findall(title.casefold()) if t not in _TITLE_FUNCTION_WORDS}

    return token_set(pred) == token_set(gold)


@lru_cache(maxsize=8)
def load_organisation_equivalences(path: str | None = None) -> dict[str, int]:
    """Read the organisation equivalence table.

    Args:
        path: a JSONL file whose lines are ``{"names": [name or acronym, ...]}``, each line one
            organisation; default ``models/organisation_equivalences.jsonl``.

    Returns:
        dict mapping each folded (case-folded, accent-stripped) name to its line's number.

    Raises:
        InputError: the file is missing or a line is malformed.
    """
    file = Path(path) if path is not None else models_dir() / EQUIVALENCES_FILE
    table: dict[str, int] = {}
    try:
        for number, entry in enumerate(read_table(file)):
            names = entry.get("names")
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(f"{file}: entry {number + 1} needs a list of strings 'names'")
            for name in names:
                table[_fold(name)] = number
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read organisation equivalences {file}: {exc}") from exc
    return table


def _organisation_keys(org: Mapping[str, Any], table: Mapping[str, int]) -> set[tuple[str, Any]]:
    keys: set[tuple[str, Any]] = set()
    for value in (org.get("name"), org.get("acronym")):
        if isinstance(value, str) and value.strip():
            folded = _fold(value)
            keys.add(("same", table[folded]) if folded in table else ("text", folded))
    return keys


def organisations_match(
    pred: Mapping[str, Any], gold: Mapping[str, Any], equivalences: str | None = None
) -> bool:
    """Return whether two organisation dicts denote the same organisation (roles ignored).

    True when their acronyms, or names, or the acronym of one and the name of the other are
    equal after case folding (and accent stripping), or fall in the same line of the
    equivalence table (:func:`load_organisation_equivalences`; "UN" = "United Nations").
    """
    table = load_organisation_equivalences(equivalences)
    return bool(_organisation_keys(pred, table) & _organisation_keys(gold, table))


# ---------------------------------------------------------------------------------------------
# Matching helper


def _greedy_match(
    n_pred: int, n_gold: int, score: Callable[[int, int], tuple[float, ...] | None]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: candidate pairs (score not None) taken best score first,
    then gold order, then predicted order. Returns ``(pred_index, gold_index)`` by gold index.
    """
    candidates: list[tuple[tuple[float, ...], int, int]] = []
    for gi in range(n_gold):
        for pi in range(n_pred):
            s = score(pi, gi)
            if s is not None:
                candidates.append((s, gi, pi))
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((pi, gi))
    return sorted(pairs, key=lambda p: p[1])


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class FieldScore:
    """Micro-averaged counts and figures of one report row.

    Attributes:
        field: row name (see :data:`REPORT_FIELDS`).
        matched: true positives summed over documents.
        predicted: predicted items (non-null predictions for a scalar field).
        gold: gold items (non-null gold values for a scalar field).
        correct: cases counted correct for accuracy, or None where the row has no accuracy.
        n: the cases accuracy is over (documents, or matched official pairs); 0 if none.
        has_prf: whether precision/recall/F1 are defined for this row (False for the
            accuracy-only rows ``officials.country`` and ``officials.title``).
    """

    field: str
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    correct: int | None = None
    n: int = 0
    has_prf: bool = True

    @property
    def precision(self) -> float | None:
        """``matched / predicted``, or None when nothing was predicted."""
        return self.matched / self.predicted if self.has_prf and self.predicted else None

    @property
    def recall(self) -> float | None:
        """``matched / gold``, or None when the gold has nothing."""
        return self.matched / self.gold if self.has_prf and self.gold else None

    @property
    def f1(self) -> float | None:
        """``2 * matched / (predicted + gold)`` (the harmonic mean of P and R, 0 when either
        is 0), or None when both counts are 0."""
        total = self.predicted + self.gold
        return 2 * self.matched / total if self.has_prf and total else None

    @property
    def accuracy(self) -> float | None:
        """``correct / n``, or None where the row has no accuracy or n is 0."""
        return self.correct / self.n if self.correct is not None and self.n else None

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and figures as a JSON-ready dict."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
            "matched": self.matched if self.has_prf else None,
            "predicted": self.predicted if self.has_prf else None,
            "gold": self.gold if self.has_prf else None,
            "correct": self.correct,
            "n": self.n if self.correct is not None else None,
        }


@dataclass
class Disagreement:
    """One difference between gold and prediction.

    Attributes:
        doc_id: the document.
        field: the report row it concerns (``"date"``, ``"officials"``, ``"officials.title"``,
            ``"countries"``, ``"organisations.role"``, ``"topics"``, ...).
        kind: ``"missed"`` (gold value, no prediction), ``"spurious"`` (predicted, not in
            gold) or ``"wrong"`` (both present, different).
        gold: the gold value or item (None for ``spurious``).
        predicted: the predicted value or item (None for ``missed``).
        item: for attributes of matched items, the gold item's name ("KAMIKAWA Yoko").
    """

    doc_id: str
    field: str
    kind: str
    gold: Any
    predicted: Any
    item: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the disagreement as a JSON-ready dict."""
        return {
            "doc_id": self.doc_id,
            "field": self.field,
            "kind": self.kind,
            "gold": self.gold,
            "predicted": self.predicted,
            "item": self.item,
        }

    def line(self) -> str:
        """Return a one-line, tab-separated text form: doc, field, kind, gold, predicted."""
        label = f"{self.field}[{self.item}]" if self.item else self.field
        gold = dumps(self.gold)
        pred = dumps(self.predicted)
        return f"{self.doc_id}\t{label}\t{self.kind}\tgold={gold}\tpredicted={pred}"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@dataclass
class Report:
    """The result of :func:`evaluate`.

    Attributes:
        fields: one :class:`FieldScore` per row of :data:`REPORT_FIELDS`, in that order.
        n_documents: gold documents scored.
        missing_predictions: ids of gold documents that had no prediction (scored as nulls).
        extra_predictions: ids of predictions without a gold document (not scored).
        disagreements: every difference, by document (gold order) and field.
    """

    fields: dict[str, FieldScore]
    n_documents: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    extra_predictions: list[str] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def __getitem__(self, name: str) -> FieldScore:
        """``report["date"]`` is the row of field ``date``."""
        return self.fields[name]

    def table(self) -> str:
        """Return a plain-text table: one line per row with P, R, F1, accuracy and counts.

        Columns: ``P`` ``R`` ``F1`` (micro-averaged), ``acc`` (accuracy) and ``n`` (the cases
        accuracy is over), then ``match`` ``pred`` ``gold`` (summed counts). ``-``: undefined.
        """
        lines = [
            f"{self.n_documents} gold documents; "
            f"{len(self.missing_predictions)} without a prediction (scored as nulls); "
            f"{len(self.extra_predictions)} predictions without gold (not scored)",
            "micro-averaged: P = match/pred, R = match/gold, F1 = 2*match/(pred+gold), "
            "acc = correct/n",
        ]
        width = max(len(name) for name in self.fields) + 2
        header = f"{'field':<{width}}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'n':>6}"
        header += f"{'match':>7}{'pred':>6}{'gold':>6}"
        lines += [header, "-" * len(header)]
        for name, row in self.fields.items():
            counts = (
                f"{row.matched:>7}{row.predicted:>6}{row.gold:>6}"
                if row.has_prf
                else f"{'-':>7}{'-':>6}{'-':>6}"
            )
            n = str(row.n) if row.correct is not None else "-"
            lines.append(
                f"{name:<{width}}{_fmt(row.precision):>7}{_fmt(row.recall):>7}"
                f"{_fmt(row.f1):>7}{_fmt(row.accuracy):>7}{n:>6}{counts}"
            )
        return "\n".join(lines)

    def to_dict(self, disagreements: bool = False) -> dict[str, Any]:
        """Return the report as a JSON-ready dict.

        Args:
            disagreements: include the list of :class:`Disagreement` dicts.

        Returns:
            ``{"n_documents", "missing_predictions", "extra_predictions", "fields":
            {name: FieldScore.to_dict()}}`` plus ``"disagreements"`` when asked.
        """
        out: dict[str, Any] = {
            "n_documents": self.n_documents,
            "missing_predictions": list(self.missing_predictions),
            "extra_predictions": list(self.extra_predictions),
            "fields": {name: row.to_dict() for name, row in self.fields.items()},
        }
        if disagreements:
            out["disagreements"] = [d.to_dict() for d in self.disagreements]
        return out


# ---------------------------------------------------------------------------------------------
# Loading


def _as_record(obj: Any, where: str) -> dict[str, Any]:
    """Return a record as a plain dict with list fields checked.

    Accepts a dict or a pydantic MeetingRecord (its ``gold_view()``).

    Raises:
        InputError: not an object, or a list field holding the wrong kind of value.
    """
    if hasattr(obj, "gold_view"):
        obj = obj.gold_view()
    if not isinstance(obj, Mapping):
        raise InputError(f"{where}: expected a JSON object (a record), got {type(obj).__name__}")
    record = dict(obj)
    for name in LIST_FIELDS:
        value = record.get(name)
        if value is None:
            record[name] = []
            continue
        if not isinstance(value, list):
            raise InputError(f"{where}: '{name}' must be a list, got {type(value).__name__}")
        item_type: type = str if name == "topics" else Mapping
        if not all(isinstance(item, item_type) for item in value):
            expected = "strings" if name == "topics" else "objects"
            raise InputError(f"{where}: '{name}' must be a list of {expected}")
    return record


def load_gold(folder: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read the gold records of a corpus folder.

    Args:
        folder: a folder holding ``NAME.json`` gold records (not searched recursively; other
            files such as ``NAME.txt`` or ``PAIRS.tsv`` are ignored).

    Returns:
        dict mapping doc_id (the file name stem, as the corpus defines ``doc_id``) to the
        record dict, in file-name order.

    Raises:
        InputError: the folder is missing or has no ``.json`` file, or a file is not a
            readable JSON record (the message names the file).
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"gold folder not found: {path}")
    files = sorted(p for p in path.glob("*.json") if p.is_file())
    if not files:
        raise InputError(f"no gold .json records in {path}")
    gold: dict[str, dict[str, Any]] = {}
    for file in files:
        try:
            obj = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{file}: cannot read gold record: {exc}") from exc
        gold[file.stem] = _as_record(obj, str(file))
    return gold


def load_predictions(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Read predicted records from a JSONL file as ``diplex extract`` writes them.

    Blank lines are skipped; keys other than the record's (``evidence``, ``warnings``) are
    kept but not scored.

    Args:
        path: a JSONL file, one record object with a ``doc_id`` per line.

    Returns:
        dict mapping doc_id to record dict, in file order.

    Raises:
        InputError: the file cannot be read, or a line is not JSON, not an object, has no
            string ``doc_id``, repeats an earlier ``doc_id`` or has a malformed list field
            (the message names the file and line number).
    """
    file = Path(path)
    predictions: dict[str, dict[str, Any]] = {}
    try:
        with open(file, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{file}:{number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{where}: not valid JSON: {exc}") from exc
                record = _as_record(obj, where)
                doc_id = record.get("doc_id")
                if not isinstance(doc_id, str) or not doc_id:
                    raise InputError(f"{where}: record has no doc_id")
                if doc_id in predictions:
                    raise InputError(f"{where}: doc_id {doc_id!r} appears twice")
                predictions[doc_id] = record
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions {file}: {exc}") from exc
    return predictions


RecordsArg = (
    str | os.PathLike[str] | Mapping[str, Any] | Iterable[Any]
)  # folder/file path, {doc_id: record}, or records with doc_id


def _records(source: Any, what: str, is_gold: bool) -> dict[str, dict[str, Any]]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            return load_gold(path)
        if is_gold:
            raise InputError(f"gold must be a folder of NAME.json records: {path}")
        return load_predictions(path)
    if isinstance(source, Mapping):
        return {str(k): _as_record(v, f"{what} {k!r}") for k, v in source.items()}
    out: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(source):
        record = _as_record(item, f"{what} #{index}")
        doc_id = record.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{what} #{index}: record has no doc_id")
        if doc_id in out:
            raise InputError(f"{what} #{index}: doc_id {doc_id!r} appears twice")
        out[doc_id] = record
    return out


# ---------------------------------------------------------------------------------------------
# Scoring


def _one_or_list(items: list[dict[str, Any]]) -> Any:
    if not items:
        return None
    return items[0] if len(items) == 1 else items


class _Scorer:
    def __init__(self, equivalences: str | None) -> None:
        self.rows = {name: FieldScore(name) for name in REPORT_FIELDS}
        for name in (*SCALAR_FIELDS, "officials.country", "officials.title"):
            self.rows[name].correct = 0
        for name in ("officials.country", "officials.title"):
            self.rows[name].has_prf = False
        self.table = load_organisation_equivalences(equivalences)
        self.disagreements: list[Disagreement] = []

    def note(
        self, doc: str, fld: str, gold: Any, pred: Any, item: str | None = None, kind: str = ""
    ) -> None:
        kind = kind or ("spurious" if gold is None else "missed" if pred is None else "wrong")
        self.disagreements.append(Disagreement(doc, fld, kind, gold, pred, item))

    def prf(self, name: str, matched: int, predicted: int, gold: int) -> None:
        row = self.rows[name]
        row.matched += matched
        row.predicted += predicted
        row.gold += gold

    def score(self, doc: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        for name in SCALAR_FIELDS:
            self.scalar(doc, name, _blank_to_none(gold.get(name)), _blank_to_none(pred.get(name)))
        self.officials(doc, gold["officials"], pred["officials"])
        self.countries(doc, gold["countries"], pred["countries"])
        self.organisations(doc, gold["organisations"], pred["organisations"])
        self.topics(doc, gold["topics"], pred["topics"])

    def scalar(self, doc: str, name: str, gold: Any, pred: Any) -> None:
        row = self.rows[name]
        row.n += 1
        if gold is None and pred is None:
            assert row.correct is not None
            row.correct += 1
            return
        if name == "location" and isinstance(gold, str) and isinstance(pred, str):
            equal = _fold(gold) == _fold(pred)
        else:
            equal = gold is not None and pred is not None and gold == pred
        row.predicted += pred is not None
        row.gold += gold is not None
        if equal:
            row.matched += 1
            assert row.correct is not None
            row.correct += 1
        else:
            self.note(doc, name, gold, pred)

    def officials(self, doc: str, gold: list[Any], pred: list[Any]) -> None:
        def score(pi: int, gi: int) -> tuple[float, ...] | None:
            p, g = pred[pi], gold[gi]
            if not officials_match(p, g):
                return None
            given = _fold(str(p.get("given_name") or "")) == _fold(str(g.get("given_name") or ""))
            return (
                float(given),
                float(p.get("country") == g.get("country")),
                float(titles_equal(p.get("title"), g.get("title"))),
            )

        pairs = _greedy_match(len(pred), len(gold), score)
        self.prf("officials", len(pairs), len(pred), len(gold))
        country, title = self.rows["officials.country"], self.rows["officials.title"]
        for pi, gi in pairs:
            p, g = pred[pi], gold[gi]
            name = str(g.get("name") or g.get("family_name") or "")
            country.n += 1
            title.n += 1
            assert country.correct is not None and title.correct is not None
            if _blank_to_none(p.get("country")) == _blank_to_none(g.get("country")):
                country.correct += 1
            else:
                self.note(
                    doc, "officials.country", g.get("country"), p.get("country"), name, "wrong"
                )
            if titles_equal(p.get("title"), g.get("title")):
                title.correct += 1
            else:
                self.note(doc, "officials.title", g.get("title"), p.get("title"), name, "wrong")
        self.unmatched(doc, "officials", gold, pred, pairs)

    def unmatched(
        self, doc: str, name: str, gold: list[Any], pred: list[Any], pairs: list[tuple[int, int]]
    ) -> None:
        matched_pred = {pi for pi, _ in pairs}
        matched_gold = {gi for _, gi in pairs}
        for gi, item in enumerate(gold):
            if gi not in matched_gold:
                self.note(doc, name, item, None)
        for pi, item in enumerate(pred):
            if pi not in matched_pred:
                self.note(doc, name, None, item)

    def countries(self, doc: str, gold: list[Any], pred: list[Any]) -> None:
        g_pairs = {(c.get("code"), c.get("role")) for c in gold}
        p_pairs = {(c.get("code"), c.get("role")) for c in pred}
        self.prf("countries", len(g_pairs & p_pairs), len(p_pairs), len(g_pairs))
        g_codes, p_codes = {c for c, _ in g_pairs}, {c for c, _ in p_pairs}
        self.prf("countries.any_role", len(g_codes & p_codes), len(p_codes), len(g_codes))
        g_part = {p for p in g_pairs if p[1] == "participant"}
        p_part = {p for p in p_pairs if p[1] == "participant"}
        self.prf("countries.participant", len(g_part & p_part), len(p_part), len(g_part))
        for code in sorted(g_codes | p_codes, key=str):
            g_roles = sorted(r for c, r in g_pairs if c == code)
            p_roles = sorted(r for c, r in p_pairs if c == code)
            if g_roles != p_roles:
                self.note(
                    doc,
                    "countries",
                    _one_or_list([{"code": code, "role": r} for r in g_roles]),
                    _one_or_list([{"code": code, "role": r} for r in p_roles]),
                )

    def organisations(self, doc: str, gold: list[Any], pred: list[Any]) -> None:
        g_keys = [_organisation_keys(o, self.table) for o in gold]
        p_keys = [_organisation_keys(o, self.table) for o in pred]

        def any_role(pi: int, gi: int) -> tuple[float, ...] | None:
            if not g_keys[gi] & p_keys[pi]:
                return None
            return (float(gold[gi].get("role") == pred[pi].get("role")),)

        def same_role(pi: int, gi: int) -> tuple[float, ...] | None:
            if not g_keys[gi] & p_keys[pi] or gold[gi].get("role") != pred[pi].get("role"):
                return None
            return (1.0,)

        with_role = _greedy_match(len(pred), len(gold), same_role)
        self.prf("organisations", len(with_role), len(pred), len(gold))
        pairs = _greedy_match(len(pred), len(gold), any_role)
        self.prf("organisations.any_role", len(pairs), len(pred), len(gold))
        for pi, gi in pairs:
            if gold[gi].get("role") != pred[pi].get("role"):
                self.note(doc, "organisations.role", gold[gi], pred[pi], kind="wrong")
        self.unmatched(doc, "organisations", gold, pred, pairs)

    def topics(self, doc: str, gold: list[str], pred: list[str]) -> None:
        pairs = match_topics(pred, gold)
        self.prf("topics", len(pairs), len(pred), len(gold))
        self.unmatched(doc, "topics", gold, pred, pairs)


def evaluate(
    gold: RecordsArg,
    predictions: RecordsArg,
    *,
    equivalences: str | os.PathLike[str] | None = None,
) -> Report:
    """Score predicted meeting records against gold records, per field over the corpus.

    Args:
        gold: a corpus folder of ``NAME.json`` records, or ``{doc_id: record}`` (dicts or
            MeetingRecord), or an iterable of records that carry ``doc_id``.
        predictions: a JSONL file as ``diplex extract`` writes (or a folder of ``NAME.json``),
            or ``{doc_id: record}``, or an iterable of records (dicts or MeetingRecord) that
            carry ``doc_id``. Keys other than the record's are ignored.
        equivalences: organisation equivalence table (default
            ``models/organisation_equivalences.jsonl``).

    Returns:
        Report: micro-averaged figures per field (see the module docstring for the rules),
        the documents without a prediction (scored as all nulls), the predictions without
        gold (ignored) and every disagreement.

    Raises:
        InputError: a path cannot be read or a record is malformed (the message says where).
    """
    gold_records = _records(gold, "gold", is_gold=True)
    pred_records = _records(predictions, "prediction", is_gold=False)
    scorer = _Scorer(str(equivalences) if equivalences is not None else None)
    empty = _as_record({}, "empty prediction")
    missing: list[str] = []
    for doc_id, gold_record in gold_records.items():
        pred_record = pred_records.get(doc_id)
        if pred_record is None:
            missing.append(doc_id)
            pred_record = empty
        scorer.score(doc_id, gold_record, pred_record)
    return Report(
        fields=scorer.rows,
        n_documents=len(gold_records),
        missing_predictions=missing,
        extra_predictions=[d for d in pred_records if d not in gold_records],
        disagreements=scorer.disagreements,
    )
