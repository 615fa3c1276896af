"""The interactive spec-table in a real headless Chromium: sort, status filter, search, keyboard,
dark mode, and the complete static table without JavaScript. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTIFACTS, build, copy_root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    app = build(copy_root("reports", tmp_path_factory.mktemp("browser")))
    return Path(app.outdir)


@pytest.fixture
def tables(browser, site):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.goto((site / "tables.html").as_uri())
    yield page, page.locator("div.specs-report").first
    page.close()


def visible_ids(report) -> list[str]:
    return report.evaluate(
        """r => Array.from(r.querySelectorAll('table.specs-table tbody tr'))
              .filter(tr => !tr.hidden).map(tr => tr.cells[0].textContent.trim())"""
    )


def test_header_click_sorts(tables):
    _, report = tables
    assert visible_ids(report) == [
        "SPEC-0001",
        "SPEC-0002",
        "SPEC-0003",
        "SPEC-0004",
        "SPEC-0005",
        "SPEC-0010",
    ]
    id_header = report.locator("thead th").nth(0)
    id_header.locator("button.specs-sort").click()
    assert id_header.get_attribute("aria-sort") == "ascending"
    id_header.locator("button.specs-sort").click()
    assert id_header.get_attribute("aria-sort") == "descending"
    assert visible_ids(report)[:2] == ["SPEC-0010", "SPEC-0005"]  # numeric, not text order
    updated = report.locator("thead th").nth(4)
    updated.locator("button").click()
    # oldest first; the two specs without a date stay last, in their previous (stable) order
    assert visible_ids(report) == [
        "SPEC-0004",
        "SPEC-0003",
        "SPEC-0001",
        "SPEC-0002",
        "SPEC-0010",
        "SPEC-0005",
    ]
    updated.locator("button").click()  # descending: the specs without a date stay last
    assert visible_ids(report)[:4] == ["SPEC-0002", "SPEC-0001", "SPEC-0003", "SPEC-0004"]
    assert visible_ids(report)[-2:] == ["SPEC-0010", "SPEC-0005"]
    assert id_header.get_attribute("aria-sort") == "none"


def test_unticking_a_status_hides_its_rows(tables):
    _, report = tables
    report.get_by_label("Draft", exact=True).uncheck()
    assert "SPEC-0001" not in visible_ids(report)
    assert len(visible_ids(report)) == 5
    assert report.locator(".specs-count").inner_text() == "5 of 6 specs shown"
    report.get_by_label("Draft", exact=True).check()
    assert len(visible_ids(report)) == 6


def test_typing_filters_rows(tables):
    _, report = tables
    report.get_by_label("Search").fill("carol")
    assert visible_ids(report) == ["SPEC-0002"]
    report.get_by_label("Search").fill("zzz-nothing")
    assert visible_ids(report) == []
    assert report.locator(".specs-count").inner_text() == "0 of 6 specs shown"
    report.get_by_label("Search").fill("")
    assert len(visible_ids(report)) == 6


def test_keyboard_sorts(tables):
    page, report = tables
    button = report.locator("thead th").nth(1).locator("button.specs-sort")
    button.focus()
    page.keyboard.press("Enter")
    assert report.locator("thead th").nth(1).get_attribute("aria-sort") == "ascending"
    assert visible_ids(report)[0] == "SPEC-0002"  # "Audit log" sorts first by title


def test_grouped_tables_hide_empty_groups(tables):
    page, _ = tables
    grouped = page.locator("div.specs-report").nth(2)
    grouped.get_by_label("Search").fill("Retention")
    headings = grouped.evaluate(
        "r => Array.from(r.querySelectorAll('p.rubric')).filter(p => !p.hidden)"
        ".map(p => p.textContent)"
    )
    assert headings == ["Implemented (1)"]


def test_screenshots_light_and_dark(browser, site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 1000, "height": 1200}, color_scheme=scheme)
        page.goto((site / "tables.html").as_uri())
        path = ARTIFACTS / f"spec-table-{scheme}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
        page.close()


def test_without_javascript_the_table_is_complete(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "tables.html").as_uri())
    report = page.locator("div.specs-report").first
    assert not report.locator(".specs-table-controls").is_visible()
    assert report.locator("tbody tr").count() == 6
    assert report.locator("thead button").count() == 0
    context.close()
