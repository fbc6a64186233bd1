"""``diplex link RECORDS.jsonl... -o EVENTS.jsonl`` and
``diplex export RECORDS.jsonl --format plover|cameo|csv [-o OUT]``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from ..events.export import (
    CSV_COLUMNS,
    ExportTally,
    cameo_line,
    cameo_rows,
    csv_rows,
    plover_records,
)
from ..events.link import link
from ..io.jsonl import json_line
from ..io.locks import refuse_overwriting_inputs
from ..io.writers import OutputError
from ..progress import Progress
from ..record import MeetingRecord
from .app import QuietOption, app


class _Bad:
    """Counts input lines that were not valid records."""

    def __init__(self) -> None:
        self.count = 0



def _open_output(output: Path | None, inputs: list[Path], newline: str | None = None) -> Any:
    """Open ``output`` for writing (stdout where None); exit 2 with a one-line message if it
    cannot be written or is one of the ``inputs`` (opening it would empty it)."""
    if output is None:
        return sys.stdout
    try:
        refuse_overwriting_inputs([output], list(inputs))
    except OutputError as exc:
        typer.echo(f"diplex: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        return open(output, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        typer.echo(f"diplex: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc

def read_records(
    paths: list[Path], bad: _Bad, progress: Progress | None = None
) -> Iterator[MeetingRecord]:
    """Yield the records of JSONL files (``-`` for standard input); a line that is not a
    valid record is reported on standard error (file and line number) and skipped.

    Args:
        paths: the files.
        bad: counts the lines that were not records.
        progress: if given, counts each record, and each bad line as an error.
    """
    progress = progress if progress is not None else Progress(progress=False)
    for path in paths:
        handle = sys.stdin if str(path) == "-" else open(path, encoding="utf-8")
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = MeetingRecord.model_validate(json.loads(line))
                except (json.JSONDecodeError, ValidationError, RecursionError) as exc:
                    bad.count += 1
                    progress.update(error=True)
                    first = str(exc).splitlines()[0]
                    progress.write(f"diplex: {path}:{number}: not a record: {first}")
                    continue
                progress.update()
                yield record
        finally:
            if handle is not sys.stdin:
                handle.close()


def _check(paths: list[Path]) -> None:
    for path in paths:
        if str(path) != "-" and not path.is_file():
            typer.echo(f"diplex: no such file: {path}", err=True)
            raise typer.Exit(2)


class ExportFormat(StrEnum):
    """Output formats of ``diplex export``."""

    plover = "plover"
    cameo = "cameo"
    csv = "csv"


@app.command("link")
def link_command(
    paths: Annotated[list[Path], typer.Argument(help="Record JSONL files (diplex extract).")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write events JSONL here.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Group records that describe the same meeting into events (JSON lines).

    Exit status 1 if some input lines were not records, 2 for a missing file. Progress
    goes to standard error: a bar on a terminal, else one summary line at the end.
    """
    _check(paths)
    bad = _Bad()
    progress = Progress("diplex link", progress=False if quiet else None)
    events = link(read_records(paths, bad, progress))
    sink = _open_output(output, paths)
    try:
        for event in events:
            sink.write(json_line(event.model_dump(mode="json")))
    finally:
        if output:
            sink.close()
    joined = sum(1 for e in events if len(e.accounts) > 1)
    linked = f"{len(events)} events, {joined} with several accounts"
    progress.close(f"; {linked}")
    if progress.mode == "bar":
        typer.echo(f"diplex link: {linked}", err=True)
    if bad.count:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    paths: Annotated[list[Path], typer.Argument(help="Record JSONL files (diplex extract).")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="plover, cameo or csv.")
    ] = ExportFormat.plover,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here (default: stdout).")] = None,
    quiet: QuietOption = False,
) -> None:
    """Write records' events as PLOVER JSON lines, CAMEO tab-separated lines or CSV.

    Exit status 1 if some input lines were not records, 2 for a missing file. Progress
    goes to standard error: a bar on a terminal, else one summary line at the end. Where
    no event is written, standard error says why (even with --quiet); the status is 0.
    """
    _check(paths)
    bad = _Bad()
    progress = Progress("diplex export", progress=False if quiet else None)
    records = read_records(paths, bad, progress)
    tally = ExportTally()
    sink: Any = _open_output(output, paths, newline="")
    try:
        if format is ExportFormat.plover:
            for obj in plover_records(records, tally):
                sink.write(json_line(obj))
        elif format is ExportFormat.cameo:
            skipped: list[str] = []
            for row in cameo_rows(records, skipped, tally):
                sink.write(cameo_line(row))
            if skipped and tally.events:
                progress.write(f"diplex: {len(skipped)} records not written (CAMEO needs a "
                               "meeting, a date and two sides)")
        else:
            writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_rows(records, tally))
    finally:
        if output:
            sink.close()
        progress.close(f"; {tally.events} events written")
    if not tally.events:
        unread = f", {bad.count} lines not records" if bad.count else ""
        typer.echo(f"diplex export: {tally.reason()}{unread}", err=True)
    if bad.count:
        raise typer.Exit(1)
