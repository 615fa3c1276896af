"""Looks right everywhere: the docs site in four themes, light and dark, at phone width, in print.

Contrast is computed in headless Chromium from the rendered styles (WCAG: at least 4.5:1 for the
text of every status badge, banner and table header); at 375 px the cards and report tables must
stay inside the page, and a card (SPEC-0042's, with its Definition of Done) fits its own box: it
does not scroll sideways inside it. A report table of four or more columns may still scroll inside
its own scroll box at 375 px; a screenshot per theme and mode goes to test-artifacts/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import ARTIFACTS, build_docs, require_tool

if TYPE_CHECKING:
    from pathlib import Path

THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]
MODES = ["light", "dark"]
PAGES = ["examples/proposal-backups.html", "examples/deferred-dumps.html", "guide/reports.html"]
CHECKED = [
    ".specs-badge",
    ".specs-banner .admonition-title",
    ".specs-banner > p:not(.admonition-title)",
    "th.specs-card-heading",
    "table.specs-table thead th",
    "table.specs-matrix-table thead th",
    "table.specs-stats-table thead th",
]

CONTRAST_JS = """
(selectors) => {
  function parse(value) {
    value = value.trim();
    let m = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = value.match(/^color\\(srgb ([^)]*)\\)$/);
    if (m) {
      const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let color = [255, 255, 255, 1];
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (canvas && canvas[3] > 0) color = over(canvas, color);
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  }
  function lum(c) {
    const f = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  const results = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.getClientRects().length || !el.textContent.trim()) continue;
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      results.push({selector, text: el.textContent.trim().slice(0, 30),
                    ratio: (hi + 0.05) / (lo + 0.05)});
    }
  }
  return results;
}
"""

OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const ours = 'div.specs-card, div.specs-report, div.specs-table-scroll, div.specs-items, '
    + 'div.specs-banner';
  return Array.from(document.querySelectorAll(ours))
    .filter(el => el.getClientRects().length)
    .map(el => { const r = el.getBoundingClientRect();
                 return {cls: el.className, left: r.left, right: r.right, width}; })
    .filter(r => r.right > r.width + 1 || r.left < -1);
}
"""

#: every shown card, its details opened (a spec's history): does it scroll inside its own box, and
#: does any of its elements reach outside it (inside a scroll box of the theme's: sphinx-rtd-theme
#: and pydata-sphinx-theme wrap each table in one, so the card itself would not scroll)
CARD_FIT_JS = """
() => Array.from(document.querySelectorAll('div.specs-card'))
  .filter(card => card.getClientRects().length).map(card => {
    card.querySelectorAll('details').forEach(d => { d.open = true; });
    const edge = card.getBoundingClientRect();
    const outside = Array.from(card.querySelectorAll('*'))
      .filter(el => el.getClientRects().length)
      .filter(el => { const r = el.getBoundingClientRect();
                      return r.left < edge.left - 1 || r.right > edge.right + 1; })
      .map(el => `${el.tagName}.${el.className.baseVal ?? el.className}: `
                 + el.textContent.trim().slice(0, 30));
    return {id: card.id, dod: card.querySelector('tr.specs-row-progress') !== null,
            scroll: card.scrollWidth, client: card.clientWidth, outside: outside.slice(0, 8)};
  })
"""


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory) -> tuple[str, Path]:
    require_tool("dot")
    out = build_docs(tmp_path_factory.mktemp(request.param) / "html", theme=request.param)
    return request.param, out


def open_page(browser, site_dir: Path, page: str, theme: str, mode: str, width: int = 1100):
    tab = browser.new_page(viewport={"width": width, "height": 1000}, color_scheme=mode)
    tab.goto((site_dir / page).as_uri())
    # the themes' own switches, besides prefers-color-scheme
    if theme == "furo":
        tab.evaluate(f"document.body.dataset.theme = '{mode}'")
    if theme == "pydata_sphinx_theme":
        tab.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
    return tab


@pytest.mark.parametrize("mode", MODES)
def test_contrast(browser, site, mode):
    theme, site_dir = site
    seen = set()
    for page in PAGES:
        tab = open_page(browser, site_dir, page, theme, mode)
        results = tab.evaluate(CONTRAST_JS, CHECKED)
        tab.close()
        low = [r for r in results if r["ratio"] < 4.5]
        assert not low, f"{theme} {mode} {page}: {low}"
        seen.update(r["selector"] for r in results)
    assert seen == set(CHECKED), set(CHECKED) - seen


@pytest.mark.parametrize("mode", MODES)
def test_phone_width_keeps_cards_and_tables_inside(browser, site, mode):
    theme, site_dir = site
    for page in PAGES:
        tab = open_page(browser, site_dir, page, theme, mode, width=375)
        overflowing = tab.evaluate(OVERFLOW_JS)
        tab.close()
        assert overflowing == [], f"{theme} {mode} {page}: {overflowing}"


@pytest.mark.parametrize("mode", MODES)
def test_phone_width_cards_fit_their_own_box(browser, site, mode):
    """At 375 px a card with a Definition-of-Done row wraps its rows (the labels, the progress bar
    above its count, long values) instead of scrolling sideways inside its own box."""
    theme, site_dir = site
    cards = []
    for page in PAGES:
        tab = open_page(browser, site_dir, page, theme, mode, width=375)
        cards += tab.evaluate(CARD_FIT_JS)
        tab.close()
    assert any(card["id"] == "spec-0042" and card["dod"] for card in cards), cards
    for card in cards:
        assert card["scroll"] <= card["client"], f"{theme} {mode}: {card}"
        assert card["outside"] == [], f"{theme} {mode}: {card}"


@pytest.mark.parametrize("mode", MODES)
def test_screenshot(browser, site, mode):
    theme, site_dir = site
    tab = open_page(browser, site_dir, PAGES[0], theme, mode)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"theme-{theme}-{mode}.png"
    tab.screenshot(path=str(path))
    tab.close()
    assert path.stat().st_size > 20_000


def test_print_shows_tables_whole(browser, site):
    theme, site_dir = site
    tab = open_page(browser, site_dir, "guide/reports.html", theme, "light")
    report = tab.locator("div.specs-report").first
    report.get_by_label("Draft", exact=True).uncheck()  # hide rows on screen
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        "() => Array.from(document.querySelectorAll('table.specs-table tbody tr'))"
        ".filter(tr => getComputedStyle(tr).display === 'none').length"
    )
    controls = tab.evaluate(
        "() => Array.from(document.querySelectorAll('.specs-table-controls'))"
        ".map(c => getComputedStyle(c).display)"
    )
    boxes = tab.evaluate(
        "() => Array.from(document.querySelectorAll('input.specs-checkbox'))"
        ".filter(b => b.getClientRects().length).length"
    )
    tab.close()
    assert hidden == 0 and set(controls) == {"none"} and boxes > 0


FIT_JS = """
() => Array.from(document.querySelectorAll(
    'table.specs-table, table.specs-matrix-table, table.specs-stats-table')).map(table => {
  const box = table.closest('div.specs-table-scroll') || table.parentElement;
  const report = table.closest('div.specs-report');
  const edge = box.getBoundingClientRect();
  const outside = Array.from(table.querySelectorAll('thead th')).filter(th => {
    const r = th.getBoundingClientRect();
    return r.width === 0 || r.left < edge.left - 1 || r.right > edge.right + 1;
  }).map(th => th.textContent.trim());
  const lonely = Array.from(table.querySelectorAll('tbody td'))
    .filter(td => td.innerText.split('\\n').some(line => line.trim() === ';'))
    .map(td => td.innerText.slice(0, 40));
  return {table: table.className, columns: table.tHead.rows[0].cells.length,
          scroll: table.scrollWidth, box: box.clientWidth,
          report: report.getBoundingClientRect().width,
          parent: report.parentElement.clientWidth, outside, lonely};
})
"""


def test_report_tables_fit_the_content_width_at_1280(browser, site):
    """At 1280 px the default five-column spec-table (and a six-column one, and the matrix with its
    Tests column) is no
    wider than the body in alabaster (Authors and Updated not behind a scroll bar), and in
    spec-matrix the ';' between two covering items never stands alone on a line."""
    theme, site_dir = site
    tab = open_page(browser, site_dir, "guide/reports.html", theme, "light", width=1280)
    tables = tab.evaluate(FIT_JS)
    tab.close()
    # the matrix has five columns: the docs read test results, so it shows its Tests column
    assert {t["columns"] for t in tables} >= {3, 5, 6}
    assert any("specs-matrix-table" in t["table"] for t in tables)
    for t in tables:
        assert t["scroll"] <= t["box"], f"{theme}: {t}"
        assert t["report"] <= t["parent"] + 1, f"{theme}: {t}"
        assert t["outside"] == [], f"{theme}: {t}"
        assert t["lonely"] == [], f"{theme}: {t}"
