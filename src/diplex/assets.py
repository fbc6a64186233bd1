"""Where the rule assets in ``models/`` are, and how they are read.

Assets are data, not code: JSONL tables whose first line is a header object
``{"_source": "...", "_description": "..."}`` that says where the data comes from. They are
read through :func:`diplex.rules.read_table`, which checks every row against its table's
schema; this module only says where they are.
"""

from __future__ import annotations

from pathlib import Path

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
