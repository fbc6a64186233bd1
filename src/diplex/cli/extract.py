"""``diplex extract PATH... [-o OUT.jsonl]``: one JSON record per line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from ..assemble import Context
from ..document import Document, PreparedText
from ..errors import DiplexError
from ..extractor import ExtractionFailure, Extractor
from ..io.jsonl import json_line
from ..io.locks import OutputLocks, lock_path, refuse_overwriting_inputs, same_file
from ..io.readers import MAX_DOCUMENT_BYTES
from ..pipeline import DEFAULT_MODEL
from ..progress import Progress
from .app import QuietOption, RulesOption, app


def input_files(paths: list[str], own: list[Path] | None = None) -> list[Path | None]:
    """The inputs, in order: each file, each ``.txt`` in a folder (sorted; the run's
    ``own`` files left out), and None for ``-`` (standard input).

    Raises:
        typer.BadParameter: a path does not exist.
    """
    skip = own or []
    files: list[Path | None] = []
    for raw in paths:
        if raw == "-":
            files.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()
                                and not any(same_file(p, o) for o in skip)))
        elif path.is_file():
            files.append(path)
        else:
            raise typer.BadParameter(f"no such file or folder: {raw}")
    return files


def iter_documents(
    files: list[Path | None], release_date: str | None, publisher: str | None
) -> Iterator[Document]:
    """Yield a Document for each input of :func:`input_files`: a file's, or standard
    input's for None (doc_id ``stdin``). ``doc_id`` is the file name stem; a stem seen
    before gets ``#2``, ``#3`` (as ``diplex batch`` does).

    Args:
        files: what :func:`input_files` returned.
        release_date, publisher: given to every Document.
    """
    seen: dict[str, int] = {}
    for file in files:
        if file is None:
            yield Document(_bounded(sys.stdin.buffer), "stdin", release_date, publisher)
            continue
        stem = file.stem
        seen[stem] = seen.get(stem, 0) + 1
        doc_id = stem if seen[stem] == 1 else f"{stem}#{seen[stem]}"
        with open(file, "rb") as handle:
            yield Document(_bounded(handle), doc_id, release_date, publisher)


def _bounded(handle: BinaryIO) -> bytes:
    """At most :data:`~diplex.io.readers.MAX_DOCUMENT_BYTES` of ``handle``, cut after its
    last line break, space or full stop (a UTF-8 character boundary) where the input is
    longer: the extractor reads
    far less than that of a release (its text is cut, with a ``text_truncated`` warning),
    and the rest is never read into memory."""
    raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) <= MAX_DOCUMENT_BYTES:
        return raw
    raw = raw[:MAX_DOCUMENT_BYTES]
    cut = max(raw.rfind(bytes([b])) for b in (0x0A, 0x20, 0x2E))
    return raw[: cut + 1] if cut >= 0 else raw


@app.command("extract")
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders of .txt files, or -.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSONL here (default: stdout).")
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy English pipeline to build on.")] = DEFAULT_MODEL,
    release_date: Annotated[
        str | None, typer.Option("--release-date", help="YYYY-MM-DD for every input.")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(help="ISO alpha-3 publisher for every input.")
    ] = None,
    quiet: QuietOption = False,
    rules: RulesOption = None,
    encounters: Annotated[
        bool,
        typer.Option("--encounters", help="One record per encounter (each with its "
                     "'encounter' number from 1) for releases that report several."),
    ] = False,
) -> None:
    """Extract meeting records, one JSON object per line.

    With ``--encounters``, a release that reports several encounters gives one line per
    encounter, in order, each with the release's doc_id and its ``encounter`` number
    (as diplex.extract_encounters does); a release of one encounter gives one line.

    A document that fails is reported on standard error and the run goes on; the exit status
    is 1 if any document failed, 2 for bad arguments (a malformed --release-date or
    --publisher, a missing input, an unwritable output) or a missing model. For large dumps,
    error files and resuming, use ``diplex batch``. ``-o OUT`` is locked for the run: a
    second run writing the same file fails at once (status 2).

    Progress goes to standard error: a bar on a terminal, else one summary line at the end
    (neither with --quiet).
    """
    try:
        Context.from_document(Document("", release_date=release_date, publisher=publisher),
                              PreparedText(""))
        if output is not None:
            refuse_overwriting_inputs([output], list(paths))
        locks = OutputLocks([output] if output is not None else [])
    except DiplexError as exc:
        typer.echo(f"diplex: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        _extract(paths, output, model, release_date, publisher, quiet, rules, encounters)
    finally:
        locks.release()


def _extract(
    paths: list[str],
    output: Path | None,
    model: str,
    release_date: str | None,
    publisher: str | None,
    quiet: bool = False,
    rules: Path | None = None,
    encounters: bool = False,
) -> None:
    """The extract command's work once ``output`` is locked."""
    try:
        extractor = Extractor(model, rules=rules)
    except (DiplexError, FileNotFoundError) as exc:
        typer.echo(f"diplex: {exc}", err=True)
        raise typer.Exit(2) from exc
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            typer.echo(f"diplex: no such file or folder: {raw}", err=True)
            raise typer.Exit(2)
    files = input_files(paths, [output, lock_path(output)] if output is not None else None)
    documents = iter_documents(files, release_date, publisher)
    try:
        sink = (open(output, "w", encoding="utf-8", errors="backslashreplace") if output
                else sys.stdout)
    except OSError as exc:
        typer.echo(f"diplex: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc
    progress = Progress("diplex extract", progress=False if quiet else None, total=len(files))
    failed = 0
    try:
        for result in extractor.pipe(documents, errors="return", progress=progress,
                                     encounters=encounters):
            if isinstance(result, ExtractionFailure):
                failed += 1
                progress.write(f"diplex: {result.doc_id}: {result.error_type}: {result.message}")
                continue
            for record in result if isinstance(result, list) else [result]:
                sink.write(json_line(record.model_dump(mode="json")))
    finally:
        progress.close()
        if output:
            sink.close()
    if failed:
        raise typer.Exit(1)
