"""The rule book: every table in a rule folder, read once and checked against its schema.

:func:`read_table` is the one reader of rule tables: each module that needs a table's rows
asks it, so every row diplex uses has passed its declared schema
(:data:`diplex.rules.schemas.TABLES`). A bad row is a :class:`RuleError` that names
``FILE:LINE`` and the problem. Rows are returned as the plain dicts of the file (validation
does not fill defaults), read once per file version (cached on path, size and mtime).

:class:`RuleBook` is a stack of rule folders: the shipped ``models/`` and, on top, a user's
overlay (``Extractor(rules=DIR)``, ``--rules DIR``). An overlay table adds its rows after the
shipped table's rows of the same file. :meth:`RuleBook.folder` materialises the stack as one
folder (shipped files, overlay rows appended) under the system's temporary folder, named by
the content's digest, so the pipeline's components, which each read a folder, see the
overlay with no other change; the same overlay gives the same folder in every process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..assets import models_dir
from ..errors import DiplexError
from .schemas import TABLES, TableSchema

Row = dict[str, Any]


@dataclass(frozen=True)
class RuleProblem:
    """One problem in a rule folder.

    Attributes:
        file: the file's path.
        line: 1-based line of the row (None for a problem of the whole file).
        message: what is wrong.
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class RuleError(DiplexError, ValueError):
    """A rule table does not pass its schema; the message lists every ``FILE:LINE`` problem.

    Attributes:
        problems: the problems, in file and line order.
    """

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "row"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def check_rows(path: Path, schema: TableSchema | None) -> tuple[list[Row], list[RuleProblem]]:
    """Read the rows of table file ``path`` and check each against ``schema``.

    Args:
        path: a JSONL table file.
        schema: its declared schema; None checks only that lines are JSON objects.

    Returns:
        (rows that passed, as the file's dicts; every problem found). A file with no
        header naming its ``_source`` is a problem (line 1).

    Raises:
        OSError: the file cannot be read.
    """
    rows: list[Row] = []
    problems: list[RuleProblem] = []
    has_source = False
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            text = text.strip()
            if not text:
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.append(RuleProblem(str(path), number, f"not valid JSON: {exc}"))
                continue
            if not isinstance(obj, dict):
                problems.append(RuleProblem(str(path), number, "expected a JSON object"))
                continue
            if obj and all(str(k).startswith("_") for k in obj):
                has_source = has_source or bool(obj.get("_source"))
                continue
            if schema is not None:
                try:
                    schema.schema_for(obj).model_validate(obj)
                except ValueError as exc:
                    text_of = _describe(exc) if isinstance(exc, ValidationError) else str(exc)
                    problems.append(RuleProblem(str(path), number, text_of))
                    continue
            rows.append(obj)
    if not has_source:
        problems.insert(0, RuleProblem(str(path), 1, 'no header {"_source": ...} citing '
                                                     "where the table's data comes from"))
    return rows, problems


@lru_cache(maxsize=256)
def _read(path: str, size: int, mtime_ns: int) -> tuple[Row, ...]:
    schema = TABLES.get(Path(path).name)
    rows, problems = check_rows(Path(path), schema)
    problems = [p for p in problems if not p.message.startswith("no header")]
    if problems:
        raise RuleError(problems)
    return tuple(rows)


def read_table(path: str | Path) -> list[Row]:
    """Return the rows of a rule table, each checked against the table's schema.

    The schema is the one declared for the file's name in
    :data:`~diplex.rules.schemas.TABLES` (a file of another name is read as JSON objects
    only). Header lines (every key starting with ``_``) and blank lines are skipped.

    Args:
        path: the table file.

    Returns:
        The rows, as the file's dicts, in file order (a new list; do not mutate the dicts).

    Raises:
        FileNotFoundError: no such file.
        RuleError: a line is not a JSON object or a row fails its schema (every problem,
            each with ``FILE:LINE``).
    """
    stat = os.stat(path)
    return list(_read(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns))


@dataclass(frozen=True)
class TableReport:
    """What ``diplex rules check`` says of one table: its file, rows and source."""

    file: str
    rows: int
    source: str
    declared: bool


def check_folder(folder: str | Path) -> tuple[list[TableReport], list[RuleProblem]]:
    """Check every ``*.jsonl`` table of a rule folder against its schema.

    Args:
        folder: a rule folder (the shipped ``models/`` or a user's overlay).

    Returns:
        (one report per table file, sorted by name; every problem found). A file whose
        name is not a declared table is a problem (diplex would not read it).

    Raises:
        FileNotFoundError: ``folder`` is not a folder.
    """
    base = Path(folder)
    if not base.is_dir():
        raise FileNotFoundError(f"no rule folder at {base}")
    reports: list[TableReport] = []
    problems: list[RuleProblem] = []
    for path in sorted(base.glob("*.jsonl")):
        schema = TABLES.get(path.name)
        rows, found = check_rows(path, schema)
        problems.extend(found)
        if schema is None:
            known = ", ".join(sorted(TABLES))
            problems.append(RuleProblem(str(path), None, f"not a rule table diplex reads "
                                                         f"(tables: {known})"))
        reports.append(TableReport(path.name, len(rows), _source(path), schema is not None))
    return reports, problems


def _source(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:
        for text in handle:
            text = text.strip()
            if text:
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError:
                    return ""
                return str(obj.get("_source", "")) if isinstance(obj, dict) else ""
    return ""


class RuleBook:
    """A stack of rule folders: the shipped ``models/`` and optional overlays on top.

    Args:
        overlays: user rule folders, applied in order after the shipped one. Each holds
            tables of the shipped names (a subset), whose rows are added after the shipped
            rows; the overlay's tables need a header citing their ``_source`` too.
        base: the folder under the overlays (default: the shipped ``models/``).

    Raises:
        FileNotFoundError: an overlay is not a folder.
        RuleError: an overlay's table fails its schema, is not a declared table, or holds
            no rows (every problem, with ``FILE:LINE``).
    """

    def __init__(self, overlays: Iterable[str | Path] = (),
                 base: str | Path | None = None) -> None:
        self.base = Path(base) if base is not None else models_dir()
        self.overlays = tuple(Path(o) for o in overlays)
        problems: list[RuleProblem] = []
        for overlay in self.overlays:
            problems.extend(check_folder(overlay)[1])
        if problems:
            raise RuleError(problems)

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders of the stack, bottom first."""
        return (self.base, *self.overlays)

    def rows(self, file: str) -> list[Row]:
        """The rows of table ``file`` over the stack (shipped rows first).

        Raises:
            FileNotFoundError: the base folder has no such table.
            RuleError: a row fails its schema.
        """
        out = read_table(self.base / file)
        for overlay in self.overlays:
            if (overlay / file).exists():
                out.extend(read_table(overlay / file))
        return out

    def folder(self) -> Path:
        """One folder holding the stack: the base folder itself where there is no overlay;
        else a folder under the system's temporary folder with every base table and the
        overlays' rows appended to theirs (named by the content's digest, written once,
        atomically, and reused by every process).

        Raises:
            OSError: the merged folder cannot be written.
        """
        if not self.overlays:
            return self.base
        contents: dict[str, bytes] = {}
        for path in sorted(self.base.iterdir()):
            if path.is_file():
                contents[path.name] = path.read_bytes()
        for overlay in self.overlays:
            for path in sorted(overlay.glob("*.jsonl")):
                extra = b"".join(
                    (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
                    for row in read_table(path)
                )
                head = contents.get(path.name, b"")
                if head and not head.endswith(b"\n"):
                    head += b"\n"
                contents[path.name] = head + extra
        digest = hashlib.sha256()
        for name in sorted(contents):
            digest.update(name.encode() + b"\0" + contents[name] + b"\0")
        target = Path(tempfile.gettempdir()) / "diplex-rules" / digest.hexdigest()[:20]
        if target.is_dir():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".staging-"))
        for name, data in contents.items():
            (staging / name).write_bytes(data)
        try:
            os.rename(staging, target)
        except OSError:  # another process published the same folder first
            shutil.rmtree(staging, ignore_errors=True)
        return target
