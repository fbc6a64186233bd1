"""Peak memory of ``Extractor.pipe`` over N and 10 x N documents (a benchmark, not a test).

Each run is a fresh subprocess that loads the default pipeline, streams a synthetic JSONL
dump (the dev corpus releases varied by :func:`throughput.build_dump`: every document names
a person no other names, so the vocabulary keeps growing as in a real dump) through
:meth:`diplex.Extractor.pipe` (one process: :meth:`~diplex.Extractor.extract_batches`, each
batch in a spaCy memory zone after the first ``WARM_DOCS`` documents) and drops the records.
It reports its peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``), its RSS at each tenth of the
run (``/proc/self/statm``, where there is one) and the strings in the StringStore at the end.
Target: the peak of 10 x N within 10% of the peak of N.

Usage: ``python benchmarks/memory.py [--docs 2000] [--factor 10] [--batch-size 64]
[--results benchmarks/results.md]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from results_file import write_section  # noqa: E402
from throughput import DEFAULT_CORPUS, build_dump  # noqa: E402

CHILD = """
import json, os, resource, sys, time
from pathlib import Path
from diplex import Extractor

def rss_kib():
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024

dump, n, batch_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
extractor = Extractor()

def texts():
    with open(dump, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield row["text"], row["id"]

marks, start = [], time.perf_counter()
for i, _ in enumerate(extractor.pipe(texts(), batch_size=batch_size, errors="return"), 1):
    if i % max(1, n // 10) == 0:
        marks.append([i, rss_kib()])
print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "strings": len(extractor.nlp.vocab.strings), "marks": marks,
                  "seconds": time.perf_counter() - start}))
"""


@dataclass
class Figures:
    """One run's figures: peak RSS (KiB), strings in the StringStore at the end, RSS (KiB,
    None where unknown) after each tenth of the documents, and the run's seconds."""

    peak_kib: int
    strings: int
    marks: list[tuple[int, int | None]]
    seconds: float

    def marks_text(self) -> str:
        """``documents: MiB`` at each tenth, comma-separated."""
        return ", ".join(f"{i}: {_mib(k)}" for i, k in self.marks)


def measure(dump: Path, n: int, batch_size: int) -> Figures:
    """Run :data:`CHILD` over ``dump`` (``n`` documents) in a fresh Python.

    Returns:
        The run's :class:`Figures`.

    Raises:
        subprocess.CalledProcessError: the child failed.
    """
    done = subprocess.run([sys.executable, "-c", CHILD, str(dump), str(n), str(batch_size)],
                          check=True, capture_output=True, text=True)
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    return Figures(int(raw["peak_kib"]), int(raw["strings"]),
                   [(int(i), k) for i, k in raw["marks"]], float(raw["seconds"]))


def _mib(kib: int | None) -> str:
    return f"{kib / 1024:.1f}" if kib is not None else "-"


def main() -> None:
    """Build the dumps, measure each in its own process, print (and optionally write) the
    figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--results", type=Path, default=None,
                        help="write the figures into this Markdown file's section")
    args = parser.parse_args()
    runs: list[tuple[int, Figures]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        for n in (args.docs, args.docs * args.factor):
            dump = Path(tmp_name) / f"dump-{n}.jsonl"
            build_dump(args.corpus, n, dump)
            figures = measure(dump, n, args.batch_size)
            runs.append((n, figures))
            print(f"{n} docs: peak RSS {_mib(figures.peak_kib)} MiB, {figures.strings} "
                  f"strings, {figures.seconds:.0f} s; RSS (MiB) by documents done: "
                  f"{figures.marks_text()}", flush=True)
    ratio = runs[1][1].peak_kib / runs[0][1].peak_kib
    verdict = "within" if ratio <= 1.10 else "OVER"
    print(f"ratio {ratio:.3f} ({ratio - 1:+.1%}): {verdict} the 10% target", flush=True)
    if args.results is None:
        return
    cmd = " ".join(["python benchmarks/memory.py", *sys.argv[1:]])
    lines = [
        f"Written by `{cmd}` on {time.strftime('%Y-%m-%d')}: Python "
        f"{platform.python_version()}, `Extractor.pipe` in one process, batch size "
        f"{args.batch_size}, synthetic documents varied from the dev corpus (each names a "
        "person no other does), each run in a fresh process.",
        "",
        "| documents | peak RSS | strings in the StringStore at the end | seconds |",
        "| --- | --- | --- | --- |",
        *[f"| {n} | {_mib(f.peak_kib)} MiB | {f.strings} | {f.seconds:.0f} |"
          for n, f in runs],
        f"| ratio | {ratio:.3f} ({ratio - 1:+.1%}) | target: within 10% | |",
        "",
        f"RSS (MiB) at each tenth of the larger run: {runs[1][1].marks_text()}.",
    ]
    write_section(args.results, "Memory (Extractor.pipe)", lines)
    print(f"written {args.results}")


if __name__ == "__main__":
    main()
