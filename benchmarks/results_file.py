"""``benchmarks/results.md``: one ``## `` section per benchmark script, each rewritten by its
own script and the others left as they are."""

from __future__ import annotations

from pathlib import Path

TITLE = "# Benchmark results"


def write_section(path: Path, heading: str, lines: list[str]) -> None:
    """Replace (or append) the section ``## heading`` of ``path`` with ``lines``.

    Args:
        path: the Markdown file (created with a title where missing).
        heading: the section's heading without the ``## `` mark.
        lines: the section's body, without the heading.
    """
    old = path.read_text(encoding="utf-8").splitlines() if path.exists() else [TITLE]
    if not old or not old[0].startswith("# "):
        old = [TITLE, ""]
    mark = f"## {heading}"
    body = [mark, "", *lines, ""]
    if mark in old:
        start = old.index(mark)
        end = next((k for k in range(start + 1, len(old)) if old[k].startswith("## ")), len(old))
        new = old[:start] + body + old[end:]
    else:
        new = [*old, *([""] if old[-1] else []), *body]
    path.write_text("\n".join(new).rstrip("\n") + "\n", encoding="utf-8")
