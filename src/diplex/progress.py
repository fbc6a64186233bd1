"""Progress of long runs on standard error, in one place for every command and entry point.

>>> from diplex.progress import Progress
>>> with Progress("diplex extract", progress=None, total=300) as bar:   # doctest: +SKIP
...     for result in results:
...         bar.update(error=isinstance(result, ExtractionFailure))

``progress`` means the same everywhere (:meth:`diplex.Extractor.pipe`,
:func:`diplex.batch.run`, the CLI commands):

- ``None`` (auto): a tqdm bar (count, docs/s, ETA where the total is known, errors so far)
  when the stream is a terminal; otherwise no bar, and one summary line when the run ends:
  ``diplex extract: 300 records, 2 errors, 41.2 s, 7.3 docs/s``.
- ``True``: the bar, terminal or not.
- ``False``: nothing (``--quiet``).

A :data:`Mode` (``"bar"``, ``"summary"``, ``"off"``) may be given in their place to choose
outright (``diplex batch --no-progress`` is ``"summary"``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Literal, TextIO, TypeVar

Mode = Literal["bar", "summary", "off"]
"""How a run reports: a bar, one summary line at the end, or nothing."""

ProgressOption = bool | None | Mode
"""What ``progress=`` takes: True, False, None (auto) or a :data:`Mode`."""

T = TypeVar("T")


def resolve(progress: ProgressOption, stream: TextIO | None = None) -> Mode:
    """Return how a run reports on ``stream`` (standard error where None).

    Args:
        progress: True (a bar), False (nothing), None (a bar on a terminal, else a
            summary line), or the :data:`Mode` itself.
        stream: where the report goes.

    Returns:
        ``"bar"``, ``"summary"`` or ``"off"``.
    """
    if isinstance(progress, str):
        if progress not in ("bar", "summary", "off"):
            raise ValueError(f"unknown progress mode {progress!r} (known: bar, summary, off)")
        return progress
    if progress is False:
        return "off"
    if progress is True:
        return "bar"
    stream = stream if stream is not None else sys.stderr
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        tty = False
    return "bar" if tty else "summary"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Progress:
    """Counts records and errors of a run and reports them (see the module docstring).

    Args:
        label: what the line and the bar start with (``"diplex extract"``).
        progress: True, False, None or a :data:`Mode` (see :func:`resolve`).

    Raises:
        ValueError: ``progress`` is a string that is not a :data:`Mode`.
        total: documents expected, where known (the bar shows an ETA); see
            :meth:`set_total`.
        stream: where to report (standard error where None).

    Attributes:
        records: results that are records so far; errors: results that are errors.
        mode: ``"bar"``, ``"summary"`` or ``"off"``.
    """

    def __init__(
        self,
        label: str = "diplex",
        *,
        progress: ProgressOption = None,
        total: int | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.label = label
        self.stream: TextIO = stream if stream is not None else sys.stderr
        self.mode: Mode = resolve(progress, self.stream)
        self.records = 0
        self.errors = 0
        self.documents = 0
        self.started = time.perf_counter()
        self._closed = False
        self._bar: Any = None
        if self.mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                unit="doc",
                desc=label,
                file=self.stream,
                dynamic_ncols=True,
                smoothing=0.1,
            )

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started

    def set_total(self, total: int) -> None:
        """Set the documents expected (known once counted); never below those done."""
        if self._bar is not None:
            self._bar.total = max(total, self._bar.n)
            self._bar.refresh()

    def update(self, *, error: bool = False, records: int = 1) -> None:
        """Count one document's result: its ``records`` (several where a release gives one
        record per encounter), or an error where ``error``."""
        self.documents += 1
        if error:
            self.errors += 1
        else:
            self.records += records
        if self._bar is not None:
            if error:
                self._bar.set_postfix_str(_plural(self.errors, "error"), refresh=False)
            self._bar.update(1)

    def write(self, message: str) -> None:
        """Write one message line on the stream (above the bar, where there is one)."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def line(self, extra: str = "") -> str:
        """The summary line: records, errors, seconds, docs/s, then ``extra``."""
        elapsed = self.elapsed
        rate = self.documents / elapsed if elapsed > 0 else 0.0
        text = (
            f"{self.label}: {_plural(self.records, 'record')}, "
            f"{_plural(self.errors, 'error')}, {elapsed:.1f} s, {rate:.1f} docs/s"
        )
        return f"{text}{extra}"

    def close(self, extra: str = "") -> None:
        """End the run: close the bar, or write the summary line (mode ``"summary"``),
        with ``extra`` appended. Later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()
        elif self.mode == "summary":
            print(self.line(extra), file=self.stream, flush=True)

    def track(self, results: Iterable[T], is_error: Callable[[T], bool]) -> Iterator[T]:
        """Yield ``results``, counting each (an error where ``is_error``); close at the end.

        Args:
            results: the run's results.
            is_error: tells an error from a record.

        Yields:
            Each result, as it comes.
        """
        try:
            for result in results:
                self.update(error=is_error(result),
                            records=len(result) if isinstance(result, list) else 1)
                yield result
        finally:
            self.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["Mode", "Progress", "ProgressOption", "resolve"]
