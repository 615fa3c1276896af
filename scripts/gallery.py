"""Screenshots of the worked example in the four supported themes, light and dark, for the
docs gallery (docs/_static/gallery/). Run with `make gallery`; needs chromium and playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "_static" / "gallery"
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for theme in THEMES:
            site = Path(tmp) / theme
            subprocess.run(
                [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(REPO / "docs"), str(site)],
                check=True,
                env={**os.environ, "SPECS_DOCS_THEME": theme, "PYTHONWARNINGS": "ignore"},
            )
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
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
