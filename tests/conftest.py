"""Shared fixtures.

Tests that read ``../shared/`` (the gold corpus and the handed cases, present in CI beside
the checkout) skip with a message saying so where it is absent, as in a user's fresh clone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIPLEX_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (override with DIPLEX_SHARED); skips if absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED} (present in CI, not in a fresh "
                    "clone; DIPLEX_SHARED=DIR names another)")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    """The gold-annotated dev corpus (``NAME.txt`` + ``NAME.json``)."""
    return shared_dir / "corpus" / "dev"


@pytest.fixture(scope="session")
def extractor():
    """One Extractor (default model) for the whole test session."""
    from diplex import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def make_nlp():
    """Factory: ``make_nlp("diplex_countries", ...)`` returns a fresh base pipeline with just
    the named diplex components added, for testing one component at a time."""
    from diplex.pipeline import load_base

    def build(*names: str):
        nlp = load_base()
        for name in names:
            nlp.add_pipe(name)
        return nlp

    return build
