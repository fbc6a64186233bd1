"""``diplex rules check [DIR]``: validate a rule folder against the declared table schemas.

With no DIR it checks the shipped ``models/``. It lists each table with its row count and
source, then every problem as ``FILE:LINE: message``. Exit status: 0 when every table passes,
1 on any problem, 2 when DIR is not a folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..assets import models_dir
from ..rules import check_folder
from .app import app

rules_app = typer.Typer(no_args_is_help=True, help="Check rule folders (the tables in models/).")


@rules_app.command("check")
def check(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Rule folder to check (default: the shipped models/)."),
    ] = None,
) -> None:
    """Check every table of a rule folder against its schema; list tables and row counts.

    Exit 1 if any row fails (each problem printed as FILE:LINE: message).
    """
    target = folder if folder is not None else models_dir()
    try:
        reports, problems = check_folder(target)
    except FileNotFoundError as exc:
        typer.echo(f"diplex rules: {exc}", err=True)
        raise typer.Exit(2) from None
    width = max((len(r.file) for r in reports), default=5)
    for report in reports:
        mark = "" if report.declared else "  (not a table diplex reads)"
        typer.echo(f"{report.file:<{width}}  {report.rows:>5} rows{mark}")
    typer.echo(f"{len(reports)} tables, {sum(r.rows for r in reports)} rows in {target}")
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        typer.echo(f"diplex rules: {len(problems)} problem(s)", err=True)
        raise typer.Exit(1)


app.add_typer(rules_app, name="rules")
