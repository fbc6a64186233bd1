"""The typer application that every ``diplex`` command registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="diplex",
    help="Structured meeting records from diplomatic press releases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Structured meeting records from diplomatic press releases."""
