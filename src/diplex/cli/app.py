"""The typer application that every ``diplex`` command registers on."""

from __future__ import annotations

import typer

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
