"""Pass rates of the behavioural suite per kind, per family and per test type.

Usage (from the repository root)::

    python -m tests.behaviour.report [--kind K] [--failures N] [--seed S] [--scale X]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from .generate import KINDS, generate
from .run import rates, run


def _row(name: str, passed: int, total: int) -> str:
    return f"  {name:<52} {passed:>5}/{total:<5} {passed / total:6.1%}"


def main(argv: list[str] | None = None) -> int:
    """Generate the suite, run it through diplex and print its pass rates."""
    ap = argparse.ArgumentParser(prog="python -m tests.behaviour.report", description=__doc__)
    ap.add_argument("--kind", choices=KINDS, help="only this kind")
    ap.add_argument("--failures", type=int, default=0, metavar="N",
                    help="print N failing cases (text, expected, got)")
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--json", metavar="PATH", help="write every outcome to PATH (JSON lines)")
    args = ap.parse_args(argv)

    cases = generate(args.seed, args.scale)
    if args.kind:
        cases = [c for c in cases if c["kind"] == args.kind]
    start = time.monotonic()
    results = run(cases)
    took = time.monotonic() - start
    print(f"{len(cases)} cases, seed {args.seed}, {took:.0f} s")
    total = sum(r["passed"] for r in results)
    print(_row("ALL", total, len(results)))
    print("per kind:")
    by_kind = rates(results, "kind")
    for kind in KINDS:
        if kind in by_kind:
            print(_row(kind, *by_kind[kind]))
    print("per test type:")
    for test, (p, n) in sorted(rates(results, "test").items()):
        print(_row(test, p, n))
    print("per family:")
    for fam, (p, n) in sorted(rates(results, "family").items(),
                              key=lambda kv: (KINDS.index(kv[0].split("/")[0]), kv[0])):
        print(_row(fam, p, n))
    keys = Counter(k for r in results if r["test"] != "INV" for k in r["failed"])
    print("failed expectation keys (MFT, DIR):", dict(keys.most_common()))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for r in results:
                out.write(json.dumps({**r, "result": {k: list(v) for k, v in r["result"].items()}},
                                     ensure_ascii=False) + "\n")
    if args.failures:
        by_id = {c["id"]: c for c in cases}
        shown = 0
        for r in results:
            if r["passed"] or shown >= args.failures:
                continue
            shown += 1
            case = by_id[r["id"]]
            print(f"\n--- {r['id']} ({r['test']})  publisher={case.get('publisher')}")
            print(case["text"])
            for key, (ok, want, got) in r["result"].items():
                if not ok or r["test"] == "INV":
                    print(f"  {key}: expected {want!r}, got {got!r}{'' if not ok else ' (ok)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
