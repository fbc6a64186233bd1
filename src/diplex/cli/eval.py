"""``diplex eval GOLD_DIR PRED.jsonl [--json] [--errors]``: score predictions against gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DiplexError
from ..io.jsonl import dumps
from ..scoring import evaluate
from .app import app


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="Corpus folder of gold NAME.json records.", show_default=False)
    ],
    predictions: Annotated[
        Path, typer.Argument(help="JSONL of predicted records (diplex extract output).")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as one JSON object.")
    ] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="Also list every disagreement (document, field, gold, predicted)."
        ),
    ] = False,
) -> None:
    """Score predicted meeting records against gold, per field, micro-averaged over the corpus.

    Prints a table of precision, recall, F1 and accuracy per field (the rules of the corpus
    README's "Scoring" section). A gold document without a prediction is scored as all nulls;
    predictions without gold are not scored. Exit status: 0 on success, 2 for bad arguments
    or unreadable files.
    """
    if not gold_dir.is_dir():
        typer.echo(f"diplex: gold folder not found: {gold_dir}", err=True)
        raise typer.Exit(2)
    if not predictions.is_file():
        typer.echo(f"diplex: predictions file not found: {predictions}", err=True)
        raise typer.Exit(2)
    try:
        report = evaluate(gold_dir, predictions)
    except DiplexError as exc:
        typer.echo(f"diplex: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(dumps(report.to_dict(disagreements=errors), indent=2))
        return
    typer.echo(report.table())
    if errors:
        typer.echo("")
        count = len(report.disagreements)
        typer.echo(f"{count} disagreements (doc, field, kind, gold, predicted):")
        for disagreement in report.disagreements:
            typer.echo(disagreement.line())
