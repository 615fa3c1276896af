"""The worked examples as a real PDF: cards whole on one page, boxes, status colours, not blank."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ARTIFACTS, build_docs, compile_pdf, require_tool
from sphinxcontrib_specs.core.colors import DEFAULT_COLORS, palette, status_css
from sphinxcontrib_specs.render.writers import latex_package

EXAMPLES = {
    "SPEC-0042 Scheduled backups for database clusters": ("3 of 5 done", "under-review"),
    "SPEC-0040 Restore service": ("Needed by", "approved"),
    "SPEC-0007 Manual database dumps": ("1 of 2 done", "deferred"),
}


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    require_tool("latexmk", "pdftotext", "pdftoppm", "dot")
    out = build_docs(tmp_path_factory.mktemp("docs-pdf") / "latex", builder="latex")
    compile_pdf(out, "sphinx-specs.tex")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "docs.pdf").write_bytes((out / "sphinx-specs.pdf").read_bytes())
    return out / "sphinx-specs.pdf"


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def render(pdf: Path, number: int, tmp_path: Path) -> tuple[int, int, bytes]:
    """Page ``number`` (1-based) as RGB pixels (width, height, data), from pdftoppm's PPM, which
    needs no image library to read."""
    stem = tmp_path / f"page{number}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    raw = stem.with_suffix(".ppm").read_bytes()
    parts = raw.split(b"\n", 3)  # P6, "W H", 255, pixels
    width, height = map(int, parts[1].split())
    return width, height, parts[3]


def test_cards_stay_on_one_page_with_boxes(pdf):
    text = pages(pdf)
    for heading, (last_row, _) in EXAMPLES.items():
        on = [i for i, page in enumerate(text) if heading in page]
        assert on, heading
        page = text[on[0]]
        assert last_row in page, f"{heading}: the card continues on the next page"
    everything = "\n".join(text)
    assert "⊠" in everything and "□" in everything  # checked and open boxes


def test_pages_are_rendered_and_coloured_as_in_html(pdf, tmp_path):
    text = pages(pdf)
    for heading, (_, status) in EXAMPLES.items():
        number = next(i for i, page in enumerate(text) if heading in page) + 1
        width, height, pixels = render(pdf, number, tmp_path)
        dark = sum(1 for i in range(0, len(pixels), 3) if pixels[i] < 200)
        assert dark > width * height // 200, f"page {number} looks blank"
        color = DEFAULT_COLORS[status]
        want = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
        badge = sum(
            1
            for i in range(0, len(pixels) - 2, 3)
            if all(abs(pixels[i + k] - want[k]) <= 12 for k in range(3))
        )
        assert badge > 30, f"no {status} badge colour {color} on page {number}"
        # the same page as a PNG, for a person to look at
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(ARTIFACTS / f"pdf-{status}"),
            ],
            check=True,
        )
        assert (ARTIFACTS / f"pdf-{status}.png").stat().st_size > 10_000


def test_latex_and_html_share_one_palette():
    colors = palette(["Draft", "Under Review", "Shipped"], {"Shipped": "#00aa88"})
    css, sty = status_css(colors), latex_package(colors)
    for key, color in colors.items():
        assert f".specs-status-{key} {{ --specs-status-color: {color};" in css
        assert f"{{HTML}}{{{color[1:].upper()}}}" in sty
    assert colors["shipped"] == "#00aa88" and colors["under-review"] == "#a15c07"


def test_a_status_badge_stays_in_its_column_of_a_wide_table(tmp_path):
    """An index table of eight columns gives Status a narrow column: the badge wraps (and
    hyphenates) inside it; no status word reaches into the Authors column, which painted over
    the rest of it ("Under Rev", "Implemen")."""
    from conftest import build

    require_tool("latexmk", "pdftotext")
    (tmp_path / "conf.py").write_text(
        'project = "Wide"\nextensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'myst_enable_extensions = ["colon_fence"]\nexclude_patterns = ["_build"]\n'
        'suppress_warnings = ["specs.section"]\n'
    )
    columns = "id, title, status, authors, team, created, updated, progress"
    (tmp_path / "index.md").write_text(
        "# Specs\n\n```{toctree}\n:glob:\ns*\n```\n\n"
        f":::{{spec-table}}\n:columns: {columns}\n:::\n"
    )
    for n, status in enumerate(("Under Review", "Implemented", "Accepted"), start=1):
        (tmp_path / f"s{n}.md").write_text(
            f"# Scheduled backups for database clusters {n}\n\n:::{{spec}} SPEC-000{n}\n"
            f":status: {status}\n:authors: @alice, Bob Smith, @carol-dev\n"
            ":team: Storage Platform\n:created: 2026-01-15\n:updated: 2026-02-01\n:::\n"
        )
    app = build(tmp_path, buildername="latex")
    pdf = compile_pdf(Path(app.outdir), "wide.tex")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    table = next(page for page in boxes.split("<page ") if ">Progress</word>" in page)
    words = [
        (float(x0), float(y0), float(x1), word)
        for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            table,
        )
    ]
    row = next(w for w in words if w[3] == "Progress")[1]  # the table's header row
    header = next(w for w in words if w[3] == "Authors" and abs(w[1] - row) < 2)
    status = next(w for w in words if w[3] == "Status" and abs(w[1] - row) < 2)
    in_status = [w for w in words if w[1] > header[1] and status[0] - 5 <= w[0] < header[0]]
    assert {"Under", "Review"} <= {w[3] for w in in_status}
    assert all(w[2] <= header[0] for w in in_status), in_status
