"""``diplex review``: the analysts' review page, and the import of its corrections as gold.

- ``diplex review PRED.jsonl --texts DIR -o review.html`` (short for ``diplex review build``)
  writes one self-contained HTML page to check and correct the records.
- ``diplex review import EXPORT.json -o GOLD_DIR [--force]`` writes the page's export as
  ``GOLD_DIR/<doc_id>.json`` gold files for ``diplex eval``.

Exit status: 0 on success, 2 for bad arguments or input (nothing is written then).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..errors import DiplexError
from ..io.locks import refuse_overwriting_inputs
from ..review import import_gold, write_page
from .app import app


class _DefaultBuildGroup(TyperGroup):
    """A command group whose arguments go to ``build`` when they name no subcommand, so
    ``diplex review PRED.jsonl ...`` means ``diplex review build PRED.jsonl ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(
    cls=_DefaultBuildGroup,
    no_args_is_help=True,
    help="Review page for analysts: check and correct records, export them as gold.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"diplex review: {message}", err=True)
    return typer.Exit(2)


@review_app.command("build")
def build_command(
    predictions: Annotated[Path, typer.Argument(help="JSONL of records (diplex extract output).")],
    texts: Annotated[
        Path, typer.Option("--texts", "-t", help="Folder of the release texts <doc_id>.txt.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write.")
    ] = Path("review.html"),
    title: Annotated[str | None, typer.Option(help="Page title.")] = None,
) -> None:
    """Write a self-contained HTML review page (the default command of diplex review).

    Each record is shown beside its release text with the evidence spans highlighted; the
    analyst corrects fields, marks records as checked and exports them as gold JSON.
    """
    try:
        refuse_overwriting_inputs([output], [predictions])
        count = write_page(predictions, texts, output, title=title)
    except (DiplexError, OSError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"diplex review: {count} record(s) written to {output}", err=True)


@review_app.command("import")
def import_command(
    export: Annotated[Path, typer.Argument(help="JSON array exported by the review page.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Gold folder to write into.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing gold files.")] = False,
) -> None:
    """Write each exported record as OUTPUT/<doc_id>.json in the corpus gold format.

    Every record is checked strictly first (no coercion, real dates, known ISO 3166
    codes, the corpus enums, a plain-name doc_id, no duplicates) and every problem is listed
    in one message; an existing gold file is overwritten only with --force. On any error
    nothing is written.
    """
    try:
        written = import_gold(export, output, force=force)
    except (DiplexError, OSError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"diplex review: {len(written)} gold record(s) written to {output}", err=True)


app.add_typer(review_app, name="review")
