"""The typer application that every ``diplex`` command registers on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar, no summary line.")
]
"""``--quiet`` of every long command (:mod:`diplex.progress`)."""
RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="A rule folder laid over the shipped models/ (checked first; "
                 "see diplex rules check)."),
]
"""``--rules DIR`` of the commands that extract (:class:`diplex.rules.RuleBook`)."""

app = typer.Typer(
    name="diplex",
    help="Structured meeting records from diplomatic press releases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"diplex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Structured meeting records from diplomatic press releases."""
