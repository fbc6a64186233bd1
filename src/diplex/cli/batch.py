"""``diplex batch INPUT... -o OUT``: extract a whole dump, streaming, in parallel, resumable.

Exit status: 0 when the run finished (documents that failed are error entries, counted in
the summary); 2 when it could not run (bad arguments, missing input, unwritable output,
model or optional dependency missing, output being written by another run); 1 when it
stopped midway (e.g. the disk filled up: ``--resume`` finishes it).
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DiplexError
from ..io.readers import InputNotFound, ReaderOptions
from ..io.writers import FORMATS, OutputError
from ..pipeline import DEFAULT_MODEL
from ..progress import resolve
from .app import QuietOption, RulesOption, app


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"diplex batch: {message}", err=True)
    return typer.Exit(code)


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Folders (walked recursively) and files: .txt .md .html .htm .jsonl .csv, "
            "each optionally .gz."
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Output: a .jsonl file; a .csv file (child tables beside it as "
            "BASE.officials.csv ...); or a folder for parquet (OUT/meetings/, OUT/officials/ ...).",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="jsonl, csv or parquet (default: from OUT's suffix)."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors", help="Error entries JSONL (default: BASE.errors.jsonl beside OUT)."
        ),
    ] = None,
    processes: Annotated[
        int, typer.Option("--processes", "-p", min=1, help="Worker processes.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per batch (and per Dask task).")
    ] = 64,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip doc_ids already in OUT or ERRORS; append the rest."),
    ] = False,
    text_field: Annotated[
        str, typer.Option("--text-field", help="JSONL/CSV field with the release text.")
    ] = "text",
    id_field: Annotated[
        str, typer.Option("--id-field", help="JSONL/CSV field with the doc id (else FILE:LINE).")
    ] = "id",
    date_field: Annotated[
        str,
        typer.Option(
            "--date-field", help="JSONL/CSV field with the release date (YYYY-MM-DD); '' for none."
        ),
    ] = "release_date",
    publisher_field: Annotated[
        str | None,
        typer.Option("--publisher-field", help="JSONL/CSV field with the publisher's alpha-3."),
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy English pipeline to build on.")] = DEFAULT_MODEL,
    engine: Annotated[
        str, typer.Option("--engine", help="spacy (nlp.pipe processes) or dask.")
    ] = "spacy",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar (default: on a terminal); --no-progress: a summary line.",
        ),
    ] = None,
    quiet: QuietOption = False,
    rules: RulesOption = None,
    encounters: Annotated[
        bool,
        typer.Option("--encounters", help="One record per encounter (JSONL output, spacy "
                     "engine), each with its 'encounter' number from 1."),
    ] = False,
) -> None:
    """Extract meeting records from a dump; write records, error entries and a summary.

    Every input document gives a record in OUT or an error entry in ERRORS, in input order.
    Progress goes to standard error: a bar and a summary on a terminal, else one summary
    line at the end (nothing with --quiet). With ``--encounters``, a release that reports
    several encounters gives one record per encounter, in order (JSONL output and the
    spacy engine only).
    """
    from ..batch import run

    mode = "off" if quiet else "summary" if progress is False else resolve(progress)
    if fmt is not None and fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r} (known: {', '.join(FORMATS)})")
    if engine not in ("spacy", "dask"):
        raise _fail(f"unknown --engine {engine!r} (known: spacy, dask)")
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask")
    if rules is not None and engine != "spacy":
        raise _fail("--rules needs --engine spacy (Dask workers load the shipped rules)")
    options = ReaderOptions(
        text_field=text_field,
        id_field=id_field,
        date_field=date_field or None,
        publisher_field=publisher_field or None,
    )
    try:
        extractor = None
        if rules is not None:
            from ..extractor import Extractor

            extractor = Extractor(model, rules=rules)
        summary = run(
            inputs,
            output,
            fmt=fmt,  # type: ignore[arg-type]
            errors_path=errors,
            processes=processes,
            batch_size=batch_size,
            resume=resume,
            options=options,
            model=model,
            extractor=extractor,
            engine=engine,  # type: ignore[arg-type]
            scheduler=scheduler,
            progress=mode,
            encounters=encounters,
        )
    except (InputNotFound, OutputError, DiplexError, ImportError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        hint = "free some space, then" if exc.errno == errno.ENOSPC else "then"
        raise _fail(
            f"stopped: {exc}; every line written is whole: {hint} run again with --resume "
            "to finish",
            1,
        ) from exc
    if mode == "bar":
        for line in summary.lines():
            typer.echo(line, err=True)
