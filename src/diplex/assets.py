"""Where the rule assets in ``models/`` are, and how they are read.

Assets are data, not code: JSONL pattern and table files whose first line may be a header
object ``{"_source": "...", "_description": "..."}`` that says where the data comes from.
Readers skip header lines (any object whose keys all start with ``_``) and blank lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


def models_dir() -> Path:
    """Return the folder of bundled rule assets.

    In an installed wheel it is ``diplex/models``; in a source checkout (editable install)
    it is ``models/`` at the repository root.

    Raises:
        FileNotFoundError: neither folder exists (a broken install).
    """
    for candidate in (_PACKAGE_DIR / "models", _PACKAGE_DIR.parents[1] / "models"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("diplex's rule assets (models/) are missing from this install")


def asset_path(name: str, folder: str | Path | None = None) -> Path:
    """Return the path of asset ``name`` in ``folder`` (default: :func:`models_dir`)."""
    return Path(folder) / name if folder is not None else models_dir() / name


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a JSONL asset, skipping blank lines and ``_``-header objects.

    Raises:
        ValueError: a line is not a JSON object (the message names file and line).
    """
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON: {exc}") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            if obj and all(str(k).startswith("_") for k in obj):
                continue
            yield obj
