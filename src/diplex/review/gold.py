"""Turn a review page's export into a gold folder (``diplex review import``).

The page exports one JSON array of records in the corpus gold format
(``shared/corpus/README.md``). :func:`import_gold` checks every record (pydantic
:class:`~diplex.record.MeetingRecord` rules, a plain-name ``doc_id``, no duplicates) and
writes ``GOLD_DIR/<doc_id>.json`` for each, the folder layout ``diplex eval`` reads. It
writes nothing unless every record is valid and, without ``force``, no gold file exists yet.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..io.jsonl import dumps
from ..record import GOLD_FIELDS, MeetingRecord
from .page import gold_dict, is_plain_name

_TOLERATED = set(MeetingRecord.model_fields) - set(GOLD_FIELDS)
"""Keys of diplex output that are not gold fields (evidence, warnings...): dropped on import."""


class GoldExistsError(InputError):
    """Gold files already exist and ``force`` was not given; ``paths`` lists them."""

    def __init__(self, paths: list[Path]) -> None:
        shown = ", ".join(str(p) for p in paths[:5]) + (" ..." if len(paths) > 5 else "")
        super().__init__(
            f"{len(paths)} gold file(s) already exist ({shown}); use --force to overwrite"
        )
        self.paths = paths


def parse_export(data: Any) -> list[dict[str, Any]]:
    """Check an export and return its records as gold dicts.

    Args:
        data: the parsed export: a JSON array of objects.

    Returns:
        One dict per record with exactly the corpus fields, in the corpus order.

    Raises:
        InputError: ``data`` is not an array of objects; a record is not valid (unknown key,
            wrong value); a ``doc_id`` is missing, not a plain file name (``../x``, ``a/b``,
            an absolute path...) or repeated. The message names the record by position.
    """
    if not isinstance(data, list):
        raise InputError("the export must be a JSON array of records")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, item in enumerate(data):
        if not isinstance(item, dict):
            raise InputError(f"record {position}: not a JSON object")
        doc_id = item.get("doc_id")
        label = f"record {position} ({doc_id!r})"
        if doc_id is None:
            raise InputError(f"record {position}: no doc_id, so it cannot be named")
        if not is_plain_name(doc_id):
            raise InputError(
                f"{label}: doc_id must be a plain file name (no '/', '\\\\', ':', leading"
                " '.', or control characters)"
            )
        if doc_id in seen:
            raise InputError(f"{label}: doc_id appears twice in the export")
        seen.add(doc_id)
        fields = {k: v for k, v in item.items() if k not in _TOLERATED}
        try:
            record = MeetingRecord.model_validate(fields)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise InputError(f"{label}: {where}: {first.get('msg')}") from exc
        out.append(gold_dict(record))
    return out


def _format(record: dict[str, Any]) -> str:
    return dumps(record, indent=2) + "\n"


def import_gold(export: str | Path, gold_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write each record of a review export as ``gold_dir/<doc_id>.json``.

    Args:
        export: the JSON file the review page downloaded.
        gold_dir: the gold folder (created if missing).
        force: overwrite gold files that already exist.

    Returns:
        The paths written, in export order.

    Raises:
        InputError: unreadable file, not JSON, or an invalid record (see
            :func:`parse_export`); nothing is written.
        GoldExistsError: some gold files exist and ``force`` is False; nothing is written.
    """
    try:
        data = json.loads(Path(export).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read export {export}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{export}: not JSON ({exc})") from exc
    records = parse_export(data)
    folder = Path(gold_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"gold folder {gold_dir} is not a folder")
    targets = [folder / f"{r['doc_id']}.json" for r in records]
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not force:
        raise GoldExistsError(existing)
    for target in existing:
        if target.is_symlink() or not target.is_file():
            raise InputError(f"{target} is not a regular file; not overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    for record, target in zip(records, targets, strict=True):
        fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".json", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_format(record))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return targets
