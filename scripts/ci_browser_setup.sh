#!/usr/bin/env bash
# Install what the review page's browser tests (tests/test_review_browser.py) need:
# Debian's chromium (Playwright drives it through executable_path; Playwright's own browser
# downloads are never used) and the playwright Python package (the project's test extra).
# Idempotent: does nothing that is already done. Run as root (CI is).
#
#   bash scripts/ci_browser_setup.sh [PYTHON]     # PYTHON defaults to "python3"
set -euo pipefail

PYTHON="${1:-python3}"

if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
command -v chromium >/dev/null

if ! "$PYTHON" -c "import playwright.sync_api" >/dev/null 2>&1; then
    "$PYTHON" -m pip install -q "playwright>=1.40"
fi
"$PYTHON" -c "import playwright.sync_api"
echo "browser tests: $(chromium --version 2>/dev/null | head -n 1); playwright $("$PYTHON" -m pip show playwright 2>/dev/null | sed -n 's/^Version: //p')"
