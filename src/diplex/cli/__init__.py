"""The ``diplex`` command line (typer). Each command lives in its own module of this package
and registers itself on :data:`app` when imported here."""

from __future__ import annotations

from . import batch as _batch  # noqa: F401,E402  (registers ``diplex batch``)
from . import eval as _eval  # noqa: F401
from . import events as _events  # noqa: F401,E402  (registers ``diplex link``/``export``)
from . import extract as _extract  # noqa: F401,E402  (registers ``diplex extract``)
from . import review as _review  # noqa: F401,E402  (registers ``diplex review``)
from . import rules as _rules  # noqa: F401,E402  (registers ``diplex rules``)
from .app import app


def main() -> None:
    """Entry point of the ``diplex`` console script."""
    app()


__all__ = ["app", "main"]
