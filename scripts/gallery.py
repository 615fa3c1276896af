"""Screenshots of the worked example in the four supported themes, light and dark, for the
docs gallery (docs/_static/gallery/), and the README's picture: the docs home's card and report,
in the site's own theme (furo), light (docs/_static/readme/). Run with `make gallery`
(`--readme-only`: the README's picture alone); needs chromium and playwright."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "_static" / "gallery"
README_OUT = REPO / "docs" / "_static" / "readme" / "card-and-report.png"
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: the README's picture: the home page at a laptop's width, the card and the report below it
README_VIEWPORT = {"width": 1280, "height": 800}
README_MARGIN = 12

REGION_JS = """
() => {
  const card = document.querySelector('article div.specs-card').getBoundingClientRect();
  const report = document.querySelector('article div.specs-report').getBoundingClientRect();
  return {left: Math.min(card.left, report.left), top: card.top,
          right: Math.max(card.right, report.right), bottom: report.bottom};
}
"""


def build(site: Path, theme: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(REPO / "docs"), str(site)],
        check=True,
        env={**os.environ, "SPECS_DOCS_THEME": theme, "PYTHONWARNINGS": "ignore"},
    )


def shoot_theme(browser: Any, site: Path, theme: str) -> None:
    for mode in ("light", "dark"):
        page = browser.new_page(viewport={"width": 1100, "height": 760}, color_scheme=mode)
        page.goto((site / "examples" / "proposal-backups.html").as_uri())
        if theme == "furo":
            page.evaluate(f"document.body.dataset.theme = '{mode}'")
        if theme == "pydata_sphinx_theme":
            page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
        target = OUT / f"{theme}-{mode}.jpg"
        page.screenshot(path=str(target), type="jpeg", quality=70)
        page.close()
        print(target.relative_to(REPO))


def shoot_readme(browser: Any, site: Path) -> None:
    """The home page's card and the report under it, as the site shows them in light mode."""
    page = browser.new_page(viewport=README_VIEWPORT, color_scheme="light")
    page.goto((site / "index.html").as_uri())
    box = page.evaluate(REGION_JS)
    clip = {
        "x": box["left"] - README_MARGIN,
        "y": box["top"] - README_MARGIN,
        "width": box["right"] - box["left"] + 2 * README_MARGIN,
        "height": box["bottom"] - box["top"] + 2 * README_MARGIN,
    }
    README_OUT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(README_OUT), clip=clip)
    page.close()
    print(f"{README_OUT.relative_to(REPO)} ({README_OUT.stat().st_size // 1024} KB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--readme-only", action="store_true", help="only the README's picture (furo, light)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    themes = ["furo"] if args.readme_only else THEMES
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for theme in themes:
            site = Path(tmp) / theme
            build(site, theme)
            if not args.readme_only:
                shoot_theme(browser, site, theme)
            if theme == "furo":  # the site's own theme
                shoot_readme(browser, site)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
