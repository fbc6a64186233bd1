"""Exclusive outputs: at most one diplex run writes a given output or errors file.

Two runs writing one file (a ``--resume`` started while the first run still writes, or the
same command started twice) overwrite each other's lines: each process writes at its own
file offset, so a plain re-run's truncation leaves the first run's later lines beyond a gap
of NUL bytes, and a resumed run's appended lines are overwritten half-way by the other's,
leaving corrupt lines and duplicates. So a run first takes an exclusive lock on every file
it will write, before it reads (``--resume``), truncates or writes any of them; a second
run on the same file fails at once with :class:`OutputLocked`.

The lock is the ``filelock`` package's :class:`filelock.FileLock` (``flock(2)`` on Linux
and macOS, ``msvcrt.locking`` on Windows) on ``PATH.lock`` beside the file. The operating
system releases it when the process ends, however it ends (``kill -9`` included), so a
killed run never leaves a stale lock; the empty ``.lock`` file itself stays (deleting it
would let a third run lock a different file of the same name).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from .writers import Format, OutputError, csv_paths, part_path


class OutputLocked(OutputError):
    """Another process holds the lock on an output file (``path``): another diplex run is
    writing it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is being written by another diplex run (its lock {lock_path(path)} is "
            "held); wait for that run to finish, or write to another file"
        )
        self.path = path


def lock_path(path: str | Path) -> Path:
    """Return the lock file of ``path``: ``PATH.lock`` beside the file it names, symbolic
    links followed (``out.jsonl.lock``; for a Parquet folder ``OUT.lock`` beside the
    folder), so two names of one file share one lock."""
    file = Path(os.path.realpath(path))
    return file.with_name(file.name + ".lock")


def same_file(a: str | Path, b: str | Path) -> bool:
    """True where ``a`` and ``b`` name one file: the same path once symbolic links are
    followed, or, where both exist, the same inode (hard links)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def refuse_overwriting_inputs(outputs: list[Path], inputs: list[str | Path]) -> None:
    """Refuse a run whose output would destroy an input: an output that is an input file
    (by any name: symbolic or hard link), or an input file of an input folder.

    Args:
        outputs: the files a command will write.
        inputs: its input files and folders (``-`` for standard input is ignored).

    Raises:
        OutputError: naming the output and the input it is.
    """
    for raw in inputs:
        if str(raw) == "-":
            continue
        for out in outputs:
            if same_file(out, raw):
                raise OutputError(f"{out} is an input of this run; writing it would destroy "
                                  "it: write to another file")


class OutputLocks:
    """Exclusive locks on a set of output files, taken at once (no waiting), in order.

    Use as a context manager, or call :meth:`release`.

    Args:
        paths: the files (or Parquet folders) to be written. Their parent folders are
            created.

    Raises:
        OutputLocked: a file is locked by another process (the locks already taken are
            released first).
        OutputError: a lock file cannot be created (unwritable folder).
    """

    def __init__(self, paths: list[Path]) -> None:
        self._locks: list[FileLock] = []
        try:
            for path in paths:
                lock = FileLock(str(lock_path(path)), timeout=0)
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    lock.acquire()
                except Timeout:
                    raise OutputLocked(path) from None
                except OSError as exc:
                    raise OutputError(f"cannot write {path}: {exc}") from exc
                self._locks.append(lock)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Release every lock held (idempotent)."""
        while self._locks:
            self._locks.pop().release()

    def __enter__(self) -> OutputLocks:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def own_files(output: str | Path, fmt: Format, errors_path: str | Path) -> frozenset[str]:
    """Every file a run writing ``output`` (as ``fmt``) and ``errors_path`` creates, as
    :func:`os.path.realpath` strings: the output file(s) (all CSV tables and their ``.part``
    names), the errors file and the lock files. Input scans leave them out
    (:attr:`diplex.io.readers.ReaderOptions.skip_files`)."""
    files: list[Path] = [Path(output), Path(errors_path)]
    if fmt == "csv":
        tables = list(csv_paths(output).values())
        files += tables + [part_path(t) for t in tables]
    files += [lock_path(f) for f in files[:2]]
    return frozenset(os.path.realpath(f) for f in files)


__all__ = ["OutputLocked", "OutputLocks", "lock_path", "own_files", "refuse_overwriting_inputs",
           "same_file"]
