"""The docs site's home page in a real headless Chromium: its first screen shows a built card and
a built report, in furo's light and dark modes, on a laptop (1280 x 800) and a phone (375 x 812).

- First screen: at load, the whole card is inside the viewport and the report starts on it (at
  1280 the whole report too; at 375 at least its search box).
- Nothing clipped: the page does not scroll sideways, the card and the report do not scroll inside
  their own boxes, no element of theirs reaches outside them, and no cell's content spills out of
  its cell (as tests/test_table_fit.py checks report tables).
- Dark is dark: furo follows the reader's system ("auto"); the page's background is dark in dark
  mode and light in light mode, and the card's and the table's text keeps a WCAG AA contrast
  (4.5:1), computed from the rendered styles as tests/test_themes.py does.

Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from test_themes import CONTRAST_JS

from conftest import ARTIFACTS, build_docs, require_tool

if TYPE_CHECKING:
    from pathlib import Path

#: (width, height): a laptop's first screen, and a 375 px phone's (iPhone X to 13 mini)
SCREENS = [(1280, 800), (375, 812)]
MODES = ["light", "dark"]
#: the card's and the report's text, for the contrast check
TEXT = [
    "div.specs-card th.specs-card-heading",
    "div.specs-card .specs-card-id",
    "div.specs-card td.specs-label",
    "div.specs-card td:not(.specs-label)",
    "div.specs-card .specs-abstract",
    "div.specs-card .specs-badge",
    "div.specs-report table.specs-table thead th",
    "div.specs-report table.specs-table td.specs-col-title",
    "div.specs-report .specs-badge",
]

GEOMETRY_JS = """
() => {
  const box = el => { const r = el.getBoundingClientRect();
                      return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const card = document.querySelector('article div.specs-card');
  const report = document.querySelector('article div.specs-report');
  const scroll = report.querySelector('div.specs-table-scroll');
  // every shown element of the card and the report that reaches outside them
  const outside = [];
  for (const [name, root] of [['card', card], ['report', report]]) {
    const edge = root.getBoundingClientRect();
    for (const el of root.querySelectorAll('*')) {
      if (!el.getClientRects().length) continue;
      const r = el.getBoundingClientRect();
      if (r.left < edge.left - 1 || r.right > edge.right + 1) {
        outside.push({name, tag: el.tagName, cls: el.className.baseVal ?? el.className,
                      text: el.textContent.trim().slice(0, 30), left: r.left, right: r.right,
                      edge: [edge.left, edge.right]});
      }
    }
  }
  const spilled = Array.from(document.querySelectorAll(
      'article div.specs-card th, article div.specs-card td, article div.specs-report th, '
      + 'article div.specs-report td'))
    .filter(cell => cell.scrollWidth > cell.clientWidth + 1
                    || cell.scrollHeight > cell.clientHeight + 1)
    .map(cell => ({text: cell.textContent.trim().slice(0, 30), scroll: cell.scrollWidth,
                   client: cell.clientWidth}));
  return {
    scrollY: window.scrollY, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    pageScroll: document.documentElement.scrollWidth,
    card: box(card), report: box(report),
    search: box(report.querySelector('.specs-search-input')),
    cardScroll: [card.scrollWidth, card.clientWidth],
    tableScroll: [scroll.scrollWidth, scroll.clientWidth],
    outside, spilled,
    theme: document.body.dataset.theme,
  };
}
"""

#: relative luminance (WCAG) of the colour the page's main content is painted on
BACKGROUND_JS = """
() => {
  function parse(value) {
    const m = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  let node = document.querySelector('article div.specs-card');
  let color = null;
  for (; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c[3] >= 1) { color = c; break; }
  }
  if (!color) color = parse(getComputedStyle(document.documentElement).backgroundColor)
                      || [255, 255, 255, 1];
  const f = v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(color[0]) + 0.7152 * f(color[1]) + 0.0722 * f(color[2]);
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    require_tool("dot")  # the guide's spec-graph
    # the site's own default theme (furo), whatever SPECS_DOCS_THEME the shell has
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SPECS_DOCS_THEME", raising=False)
        return build_docs(tmp_path_factory.mktemp("docs-home") / "html")


def open_home(browser, site: Path, screen: tuple[int, int], mode: str):
    width, height = screen
    tab = browser.new_page(viewport={"width": width, "height": height}, color_scheme=mode)
    tab.goto((site / "index.html").as_uri())
    return tab


@pytest.fixture(params=[(s, m) for s in SCREENS for m in MODES], ids=lambda p: f"{p[0][0]}-{p[1]}")
def home(request, browser, site) -> Any:
    screen, mode = request.param
    tab = open_home(browser, site, screen, mode)
    yield tab, screen, mode
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"docs-home-{screen[0]}-{mode}.png"))
    tab.close()


def test_card_and_report_on_the_first_screen(home):
    tab, (width, height), _ = home
    g = tab.evaluate(GEOMETRY_JS)
    assert (g["scrollY"], g["innerWidth"], g["innerHeight"]) == (0, width, height)
    assert tab.locator("article div.specs-card").is_visible()
    assert tab.locator("article div.specs-report").is_visible()
    card, report = g["card"], g["report"]
    assert card["top"] >= 0 and card["bottom"] <= height, g  # the whole card
    assert card["bottom"] <= report["top"] < height, g  # the report starts on the first screen
    if width >= 1280:
        assert report["bottom"] <= height, g  # ... and ends on it
    else:
        assert g["search"]["bottom"] <= height, g  # at least its first line, the search box


def test_nothing_clipped(home):
    tab, (width, _), _ = home
    g = tab.evaluate(GEOMETRY_JS)
    assert g["pageScroll"] <= width, g  # the page never scrolls sideways
    for name in ("card", "report"):
        assert g[name]["left"] >= 0 and g[name]["right"] <= width, g
    card_scroll, card_client = g["cardScroll"]
    table_scroll, table_client = g["tableScroll"]
    assert card_scroll <= card_client, g  # no part of the card behind a scroll bar
    assert table_scroll <= table_client, g  # nor of the table
    assert g["outside"] == [], g["outside"]
    assert g["spilled"] == [], g["spilled"]


def test_dark_is_dark_and_the_text_reads(home):
    tab, _, mode = home
    assert tab.evaluate("document.body.dataset.theme") == "auto"  # furo follows the system
    luminance = tab.evaluate(BACKGROUND_JS)
    if mode == "dark":
        assert luminance < 0.05, luminance
    else:
        assert luminance > 0.8, luminance
    results = tab.evaluate(CONTRAST_JS, TEXT)
    assert {r["selector"] for r in results} == set(TEXT)
    low = [r for r in results if r["ratio"] < 4.5]
    assert low == [], low


def test_furo_switch_to_dark(browser, site):
    """Furo's own switch (data-theme="dark") darkens the page over a light system too."""
    tab = open_home(browser, site, SCREENS[0], "light")
    tab.evaluate("document.body.dataset.theme = 'dark'")
    luminance = tab.evaluate(BACKGROUND_JS)
    results = tab.evaluate(CONTRAST_JS, TEXT)
    tab.close()
    assert luminance < 0.05, luminance
    assert [r for r in results if r["ratio"] < 4.5] == []
