"""Cost per kilobyte of adversarial releases from 8 KB to 64 KB (a benchmark, not a test).

A release is read in time proportional to its length only if no step of the pipeline does
work that grows with the square of a sentence, a line or a list. This builds releases that
push every component towards its worst case and times one extraction of each at every size:

- ``comma``: a release whose one report sentence lists officials with their titles, names,
  states, organisations and topic phrases joined by commas;
- ``and``: the same list joined by "and";
- ``caps``: the same list in capitals without punctuation (one run of capitalised words);
- ``nopunct``: the bundled sample releases with punctuation and line breaks removed and
  joined into one sentence.

Each figure is the median CPU time (``time.process_time``: steadier than wall time on a
shared machine) of ``--repeat`` extractions with :meth:`diplex.Extractor.extract`, divided
by the size in KB. The target: for every kind, the largest cost per KB within 1.5 x the
smallest. ``--components`` adds the time of each pipeline component and of ``assemble``.

Usage: ``python benchmarks/linear.py [--sizes 8,16,32,64] [--repeat 3] [--components]``;
``--results benchmarks/results.md`` writes the table into that file's "Linear time" section.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from results_file import write_section  # noqa: E402

HEADER = (
    "Press Releases\nForeign Ministers' Meeting\nDecember 11, 2023\n"
    "On December 11, 2023, Mr. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, "
    "held a meeting in Tokyo with "
)
ITEMS = (
    "Mr. Antony Blinken, Secretary of State of the United States",
    "Japan",
    "climate change",
    "Ms. Penny Wong, Minister for Foreign Affairs of Australia",
    "the United Nations",
    "Foreign Minister Cho Tae-yul",
    "maritime security",
    "Mr. Wang Yi",
    "ASEAN",
    "the situation in Ukraine",
    "H.E. Mr. Lavrov, Sergey Viktorovich, Minister of Foreign Affairs of the Russian Federation",
    "the Republic of Korea",
    "NATO Secretary General Jens Stoltenberg",
    "the G7",
    "North Korea's nuclear and missile development",
    "India",
)
KINDS = ("comma", "and", "caps", "nopunct")
_PUNCT = re.compile(r"[^\w\s'’-]")


def _fill(parts: list[str], sep: str, size: int, head: str = HEADER) -> str:
    out, n, i = [], len(head), 0
    while n < size:
        out.append(parts[i % len(parts)])
        n += len(out[-1]) + len(sep)
        i += 1
    return (head + sep.join(out))[:size]


def make_text(kind: str, size: int) -> str:
    """Return an adversarial release of ``kind`` (one of :data:`KINDS`), ``size`` characters
    long (the sizes are in characters; the texts are ASCII but for a few apostrophes)."""
    if kind == "comma":
        return _fill(list(ITEMS), ", ", size)
    if kind == "and":
        return _fill(list(ITEMS), " and ", size)
    if kind == "caps":
        return _fill([_PUNCT.sub("", item).upper() for item in ITEMS], " ", size)
    if kind == "nopunct":
        samples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
        words = [" ".join(_PUNCT.sub(" ", text).split()) for text in samples]
        return _fill(words, " ", size, head="")
    raise ValueError(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")


def time_one(extractor: object, text: str, repeat: int) -> float:
    """Median CPU seconds of ``repeat`` extractions of ``text``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        extractor.extract(text)  # type: ignore[attr-defined]
        times.append(time.process_time() - start)
    return statistics.median(times)


def time_components(nlp: object, text: str) -> dict[str, float]:
    """CPU seconds of each pipeline component, and of ``assemble``, on one text."""
    from diplex.assemble import Context, assemble
    from diplex.document import Document, prepare

    doc = nlp.make_doc(text)  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:  # type: ignore[attr-defined]
        start = time.process_time()
        doc = proc(doc)
        out[name] = time.process_time() - start
    context = Context.from_document(Document(text), prepare(text))
    start = time.process_time()
    assemble(doc, context)
    out["assemble"] = time.process_time() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,16,32,64", help="sizes in KB")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--components", action="store_true")
    parser.add_argument("--results", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")

    from diplex import Extractor

    extractor = Extractor()
    extractor.extract(make_text("comma", 2048))  # warm-up
    rows: dict[str, list[float]] = {}
    for kind in kinds:
        rows[kind] = []
        for kb in sizes:
            text = make_text(kind, kb * 1024)
            per_kb = time_one(extractor, text, args.repeat) / kb * 1000
            rows[kind].append(per_kb)
            print(f"{kind:8s} {kb:3d} KB  {per_kb:7.1f} ms/KB", flush=True)
            if args.components:
                parts = time_components(extractor.nlp, text)
                print("    " + "  ".join(f"{n.removeprefix('diplex_')}={s / kb * 1000:.1f}"
                                         for n, s in parts.items()), flush=True)
        spread = max(rows[kind]) / min(rows[kind])
        print(f"{kind:8s} largest/smallest cost per KB: {spread:.2f} (target <= 1.5)", flush=True)

    if args.results is not None:
        head = " | ".join(f"{kb} KB" for kb in sizes)
        lines = [
            f"Written by `python benchmarks/linear.py --repeat {args.repeat} --results "
            f"{args.results}` on {time.strftime('%Y-%m-%d')}: CPU ms per KB of text (median of "
            f"{args.repeat} extractions of one release; kinds in the script's docstring).",
            "",
            f"| kind | {head} | largest/smallest | target |",
            "| --- | " + " | ".join("---" for _ in sizes) + " | --- | --- |",
        ]
        for kind, figures in rows.items():
            cells = " | ".join(f"{f:.1f}" for f in figures)
            lines.append(f"| {kind} | {cells} | {max(figures) / min(figures):.2f} | <= 1.5 |")
        write_section(args.results, "Linear time", lines)
        print(f"written {args.results}")


if __name__ == "__main__":
    main()
