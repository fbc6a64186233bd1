"""Write a PNG screenshot of a generated review page (for the README: docs/review.png).

    python scripts/review_screenshot.py                       # corpus release, extracted now
    python scripts/review_screenshot.py --doc NAME --doc NAME2
    python scripts/review_screenshot.py --pred PRED.jsonl --texts DIR

By default the releases named by ``--doc`` (default ``seed-nato-ambassadors``) are read from
the shared corpus (``../shared/corpus/dev`` beside the checkout, or ``DIPLEX_SHARED``),
run through the Extractor, and the page is opened in headless Chromium (Debian's
``chromium`` through Playwright: ``scripts/ci_browser_setup.sh`` installs both). The first
official's row is clicked so that the picture shows a field linked to its evidence span.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _extract(docs: list[str], corpus: Path, work: Path) -> tuple[Path, Path]:
    from diplex import Document, Extractor

    extractor = Extractor()
    pred = work / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as sink:
        items = [Document((corpus / f"{name}.txt").read_bytes(), name) for name in docs]
        for record in extractor.pipe(items):
            sink.write(record.model_dump_json() + "\n")
    return pred, corpus


def main(argv: list[str] | None = None) -> int:
    """Build the page and write the PNG; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pred", type=Path, help="JSONL of records (else extract --doc)")
    parser.add_argument("--texts", type=Path, help="folder of <doc_id>.txt (with --pred)")
    parser.add_argument("--doc", action="append", help="corpus release name (repeatable)")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "review.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the view")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from diplex.review import write_page

    chromium = os.environ.get("DIPLEX_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("needs Debian's chromium: bash scripts/ci_browser_setup.sh", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.pred:
            if not args.texts:
                parser.error("--pred needs --texts")
            pred, texts = args.pred, args.texts
        else:
            shared = Path(os.environ.get("DIPLEX_SHARED", REPO.parent / "shared"))
            pred, texts = _extract(
                args.doc or ["seed-nato-ambassadors"], shared / "corpus" / "dev", work
            )
        page_path = work / "review.html"
        count = write_page(pred, texts, page_path, title="diplex review")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready]")
            first = page.query_selector('section.card [data-field="officials[0]"] .conf')
            if first is not None:
                first.click()
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output), full_page=args.full_page)
            browser.close()
    print(f"{args.output}: review page of {count} record(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
