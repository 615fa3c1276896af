"""A spec-table of a real folder fits Sphinx's default theme: long author lists (names with mail
addresses, bare addresses), long statuses, long titles and a long unbroken ID.

The index page is the one `sphinx-specs init` writes (a spec-table with the default columns, here
beside an eight-column one), built in alabaster, whose body is about 940 px wide. In headless
Chromium at 1280 px the default table must end inside the body (no column behind a scroll bar);
at 375 px its scroll box may scroll but must stay on the page. At both widths no cell's content may
spill out of its cell, and an ID stays on one line. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from conftest import ARTIFACTS, build, copy_root, specs_warnings

GEOMETRY_JS = """
() => {
  const body = document.querySelector('div.body');
  const b = body.getBoundingClientRect();
  const style = getComputedStyle(body);
  const pad = parseFloat(style.paddingRight) || 0;
  const inner = b.width - pad - (parseFloat(style.paddingLeft) || 0);
  const tables = Array.from(document.querySelectorAll('table.specs-table')).map(table => {
    const t = table.getBoundingClientRect();
    const box = table.closest('div.specs-table-scroll');
    const x = box.getBoundingClientRect();
    const spilled = Array.from(table.querySelectorAll('th, td'))
      .filter(cell => cell.scrollWidth > cell.clientWidth + 1
                      || cell.scrollHeight > cell.clientHeight + 1)
      .map(cell => ({cls: cell.className, text: cell.textContent.trim().slice(0, 40),
                     scroll: cell.scrollWidth, client: cell.clientWidth}));
    const wrappedIds = Array.from(table.querySelectorAll('td.specs-col-id a.specs-ref'))
      .filter(a => a.getClientRects().length !== 1).map(a => a.textContent);
    const columns = Array.from(table.tHead.rows[0].cells).map(th => {
      const r = th.getBoundingClientRect();
      return {text: th.textContent.trim(), left: r.left, right: r.right, width: r.width};
    });
    return {columns, spilled, wrappedIds,
            left: t.left, right: t.right, width: t.width,
            boxLeft: x.left, boxRight: x.right, boxScroll: box.scrollWidth,
            boxClient: box.clientWidth};
  });
  return {bodyLeft: b.left, bodyRight: b.right, bodyContentRight: b.right - pad,
          bodyWidth: b.width, bodyContentWidth: inner,
          viewport: document.documentElement.clientWidth,
          pageScroll: document.documentElement.scrollWidth, tables};
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    # sphinx.testing builds in "basic" unless told: the user's site is in alabaster
    src = copy_root("table-fit", tmp_path_factory.mktemp("table-fit"))
    app = build(src, html_theme="alabaster")
    assert specs_warnings(app) == []
    assert app.config.html_theme == "alabaster"
    return Path(app.outdir)


def measure(browser, site: Path, width: int, height: int, shot: str) -> dict:
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.goto((site / "index.html").as_uri())
    geometry = tab.evaluate(GEOMETRY_JS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    tab.close()
    return geometry


def test_default_table_fits_the_alabaster_body_at_1280(browser, site):
    g = measure(browser, site, 1280, 900, "table-fit-1280.png")
    first, every = g["tables"]
    print(
        f"1280: table {first['width']:.0f} px in a body of {g['bodyWidth']:.0f} px "
        f"({g['bodyContentWidth']:.0f} px inside its padding); right edges "
        f"{first['right']:.0f} vs {g['bodyContentRight']:.0f}"
    )
    assert len(first["columns"]) == 5 and len(every["columns"]) == 8
    assert first["right"] <= g["bodyContentRight"] + 1, g
    assert first["boxScroll"] <= first["boxClient"], first  # nothing behind a scroll bar
    for column in first["columns"]:  # every column readable, none squeezed to nothing
        assert column["width"] >= 40 and column["right"] <= first["boxRight"] + 1, column
    for table in (first, every):
        assert table["spilled"] == [], table["spilled"]
        assert table["wrappedIds"] == [], table["wrappedIds"]
        assert table["boxRight"] <= g["bodyContentRight"] + 1, table
    assert g["pageScroll"] <= g["viewport"], g


def test_tables_stay_on_the_page_at_375(browser, site):
    g = measure(browser, site, 375, 800, "table-fit-375.png")
    for table in g["tables"]:
        # the scroll box may scroll; it, and so the table's visible part, stays on the page
        assert table["boxLeft"] >= -1 and table["boxRight"] <= g["viewport"] + 1, table
        assert table["spilled"] == [], table["spilled"]
        assert table["wrappedIds"] == [], table["wrappedIds"]
        for a, b in pairwise(table["columns"]):  # no column over the next
            assert a["right"] <= b["left"] + 1, (a, b)
