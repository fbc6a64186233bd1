"""The review page in a real browser: headless Chromium driven by Playwright.

Needs Debian's ``chromium`` (``scripts/ci_browser_setup.sh``) and the ``playwright`` Python
package (test extra); Playwright's own browser downloads are not used. Without them the tests
skip, except under CI (``CI`` set), where they fail: CI must run them.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_review_samples import TEXTS, XSS_IMG, XSS_SCRIPT, records, write_inputs

from diplex.record import GOLD_FIELDS
from diplex.review import import_gold, write_page

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


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _chromium() -> str | None:
    for candidate in (os.environ.get("DIPLEX_CHROMIUM"), shutil.which("chromium"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    missing = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        missing.append("Debian's chromium (bash scripts/ci_browser_setup.sh)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if _in_ci():
            pytest.fail(message + " (CI is set, so they must run)")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def review(browser, tmp_path):
    """A generated review page opened from file:// in a fresh browser context."""
    pred, texts = write_inputs(tmp_path)
    out = tmp_path / "review.html"
    write_page(pred, texts, out)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready]")
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    assert errors == [], errors


def _card(doc_id: str) -> str:
    return f'section.card[data-doc="{doc_id}"]'


def _visible_cards(page) -> list[str]:
    return page.eval_on_selector_all("section.card", "cs => cs.map(c => c.dataset.doc)")


def test_every_evidence_span_is_highlighted(review):
    cards = review.evaluate(
        """() => [...document.querySelectorAll('section.card')].map(card => ({
            key: card.dataset.doc,
            text: card.querySelector('.text').textContent,
            marks: [...card.querySelectorAll('mark.ev')].map(
                m => [m.textContent, m.dataset.ev.split(' ').map(Number), m.className])
        }))"""
    )
    assert [c["key"] for c in cards] == [r.doc_id for r in records()]
    for card, record in zip(cards, records(), strict=True):
        assert card["text"] == TEXTS[record.doc_id]
        for i, ev in enumerate(record.evidence):
            pieces = [m[0] for m in card["marks"] if i in m[1]]
            assert "".join(pieces) == ev.text, (record.doc_id, ev.field)
    alpha = cards[0]["marks"]
    austria = next(m for m in alpha if m[0] == "Austria")
    assert set(austria[1]) == {4, 5}  # inside officials[0], itself countries[0]
    assert "f-countries" in austria[2] and "multi" in austria[2]
    date = next(m for m in alpha if m[0] == "March 3, from")
    assert date[2].split() == ["ev", "f-date"]


def test_clicking_a_field_marks_its_span_and_the_reverse(review):
    alpha = _card("call-alpha")
    review.click(f'{alpha} [data-field="date"] .name')
    active = review.eval_on_selector_all(f"{alpha} mark.active", "ms => ms.map(m => m.textContent)")
    assert active == ["March 3, from"]
    review.click(f'{alpha} [data-field="officials[0]"] .conf')
    active = review.eval_on_selector_all(f"{alpha} mark.active", "ms => ms.map(m => m.textContent)")
    assert "".join(active) == "Arno Keller, Minister of Foreign Affairs of Austria"
    assert review.eval_on_selector_all(f"{alpha} .row.active", "rs => rs.length") == 0
    # text -> fields: "Italy" is in officials[1] and is countries[1]
    review.click(f"{alpha} mark.ev >> text=Italy")
    rows = review.eval_on_selector_all(
        f"{alpha} .active[data-field]", "rs => rs.map(r => r.dataset.field)"
    )
    assert sorted(rows) == ["countries[1]", "officials[1]"]


def test_evidence_outside_the_gold_fields_links_to_a_read_only_row(review):
    beta = _card("visit-beta")
    review.click(f'{beta} [data-field="event.mode"] .name')
    assert review.eval_on_selector_all(
        f"{beta} mark.active", "ms => ms.map(m => m.textContent)"
    ) == ["met Secretary General Hana Lee"]
    assert review.query_selector(f'{beta} [data-field="event.mode"] input') is None


def test_confidence_is_shown_on_each_field(review):
    alpha = _card("call-alpha")
    assert review.text_content(f'{alpha} [data-field="start_time"] .conf') == "0.85"
    assert review.text_content(f'{alpha} [data-field="topics[1]"] .conf') == "0.55"
    assert review.text_content(f'{alpha} [data-field="location"] .conf') == "\u2013"
    assert review.text_content(f"{alpha} header .conf") == "0.55"


def test_edit_add_remove_check_and_export(review, tmp_path):
    alpha = _card("call-alpha")
    review.fill(f'{alpha} [data-field="start_time"] input', "21:45")
    review.select_option(f'{alpha} [data-field="meeting_type"] select', "video_conference")
    review.fill(f'{alpha} [data-field="officials[0]"] input[data-part="title"]', "Federal Minister")
    review.click(f'{alpha} [data-field="officials[1]"] button.remove')
    # Ferro's span is left without a field; "Italy" still belongs to countries[1].
    orphans = review.eval_on_selector_all(
        f"{alpha} mark.orphan", "ms => ms.map(m => m.textContent)"
    )
    assert "".join(orphans) == "Lucia Ferro, Minister for Foreign Affairs of "
    review.click(f'{alpha} [data-add="countries"]')
    review.fill(f'{alpha} [data-field="countries[2]"] input[data-part="code"]', "fra")
    review.select_option(f'{alpha} [data-field="countries[2]"] select', "mentioned")
    review.click(f'{alpha} [data-field="topics[0]"] button.remove')
    review.click(f'{alpha} [data-add="topics"]')
    review.fill(f'{alpha} [data-field="topics[1]"] input', "  trade ")
    review.fill(f'{alpha} [data-field="duration_minutes"] input', "")
    review.check(f"{alpha} input.check")
    # The untouched topic kept its evidence after the first one was removed.
    assert review.text_content(f'{alpha} [data-field="topics[0]"] .conf') == "0.55"

    with review.expect_download() as info:
        review.click("#export")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert info.value.suggested_filename == "diplex-gold.json"
    assert [list(r) for r in exported] == [list(GOLD_FIELDS)]
    expected = records()[0].model_dump(mode="json")
    expected = {k: expected[k] for k in GOLD_FIELDS}
    expected.update(
        meeting_type="video_conference",
        start_time="21:45",
        duration_minutes=None,
        officials=[{**expected["officials"][0], "title": "Federal Minister"}],
        countries=[*expected["countries"], {"code": "FRA", "role": "mentioned"}],
        topics=["the situation in the Middle East", "trade"],
    )
    assert exported == [expected]

    # The export becomes gold for diplex eval.
    export = tmp_path / "export.json"
    export.write_text(json.dumps(exported), encoding="utf-8")
    written = import_gold(export, tmp_path / "gold")
    assert [p.name for p in written] == ["call-alpha.json"]
    assert json.loads(written[0].read_text(encoding="utf-8")) == expected

    # Including unchecked records exports all three, in document order.
    review.check("#export-unchecked")
    with review.expect_download() as info:
        review.click("#export")
    every = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["doc_id"] for r in every] == ["call-alpha", "visit-beta", "xss-gamma"]
    assert every[1]["location"] == "Lisbon"


def test_progress_survives_a_reload(review):
    alpha = _card("call-alpha")
    review.fill(f'{alpha} [data-field="location"] input', "Vienna")
    review.click(f'{alpha} [data-field="countries[0]"] button.remove')
    review.check(f'{_card("visit-beta")} input.check')
    review.reload()
    review.wait_for_selector("body[data-ready]")
    assert review.input_value(f'{alpha} [data-field="location"] input') == "Vienna"
    codes = review.eval_on_selector_all(
        f'{alpha} [data-field^="countries"] input[data-part="code"]', "xs => xs.map(x => x.value)"
    )
    assert codes == ["ITA"]
    # Evidence still points at the right item after the removal and the reload.
    assert review.text_content(f'{alpha} [data-field="countries[0]"] .conf') == "0.99"
    review.click(f'{alpha} [data-field="countries[0]"] .conf')
    assert review.eval_on_selector_all(
        f"{alpha} mark.active", "ms => ms.map(m => m.textContent)"
    ) == ["Italy"]
    assert review.is_checked(f'{_card("visit-beta")} input.check')
    assert not review.is_checked(f"{alpha} input.check")
    assert "Restored" in review.text_content("#save-status")


def test_export_with_nothing_checked_says_so(review):
    review.click("#export")
    assert "Nothing to export" in review.text_content("#save-status")


def test_filters_and_confidence_sort(review):
    review.select_option("#filter-status", "warnings")
    assert _visible_cards(review) == ["visit-beta", "xss-gamma"]
    review.select_option("#filter-status", "all")
    review.select_option("#filter-country", "KOR")
    assert _visible_cards(review) == ["xss-gamma"]
    review.select_option("#filter-country", "")
    review.select_option("#filter-type", "telephone_talk")
    assert _visible_cards(review) == ["call-alpha"]
    review.select_option("#filter-type", "")
    review.select_option("#filter-empty", "location")
    assert _visible_cards(review) == ["call-alpha", "xss-gamma"]
    review.select_option("#filter-empty", "")
    review.select_option("#sort", "confidence")
    assert _visible_cards(review) == ["xss-gamma", "visit-beta", "call-alpha"]


def test_untrusted_text_and_values_run_nothing(review):
    gamma = _card("xss-gamma")
    review.hover(f"{gamma} mark.ev >> nth=0")
    review.click(f'{gamma} [data-field="topics[0]"] .conf')
    assert review.evaluate("() => typeof window.__pwned") == "undefined"
    assert review.evaluate("() => document.querySelectorAll('img').length") == 0
    assert review.evaluate("() => document.scripts.length") == 2
    text = review.text_content(f"{gamma} .text")
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert XSS_SCRIPT in review.text_content(f"{gamma} .headline")
    assert XSS_IMG in review.text_content(f"{gamma} .warnings")
    assert review.input_value(f'{gamma} [data-field="topics[0]"] input') == XSS_IMG
    assert review.input_value(
        f'{gamma} [data-field="officials[0]"] input[data-part="name"]'
    ) == 'Jo "Quote" O\'Neil'


def test_pages_of_25_cards(browser, tmp_path):
    from diplex import MeetingRecord
    from diplex.review import build_page

    many = [MeetingRecord(doc_id=f"doc-{i:02d}") for i in range(30)]
    out = tmp_path / "many.html"
    out.write_text(build_page(many, {}), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready]")
    assert _visible_cards(page) == [f"doc-{i:02d}" for i in range(25)]
    assert page.is_disabled("#prev")
    page.click("#next")
    assert _visible_cards(page) == [f"doc-{i:02d}" for i in range(25, 30)]
    assert page.text_content("#page-info") == "page 2 of 2"
    assert "release text not" in page.text_content('section.card[data-doc="doc-25"] .notes')
    context.close()
