"""Builders that share one doctree folder (``make text html``, ``sphinx-build -M``) each rewrite
the pages whose data from other pages changed since *they* last wrote them.

What a page last rendered is remembered per builder and output folder, and only once the build
finished: a write that is interrupted leaves the pages it did not finish marked out of date.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import build, copy_root, warnings_of

TOOLTIP_OLD = 'title="Restore service (approved)"'
TOOLTIP_NEW = 'title="Restore service (Draft)"'


def edit_status(src: Path) -> None:
    path = src / "restore.md"
    text = path.read_text(encoding="utf-8")
    assert ":status: approved" in text
    path.write_text(text.replace(":status: approved", ":status: Draft", 1), encoding="utf-8")
    time.sleep(0.01)


@pytest.mark.parametrize("second", ["html", "dirhtml", "singlehtml"])
def test_a_second_builder_on_shared_doctrees_rewrites_dependent_pages(tmp_path, second):
    src = copy_root("basic", tmp_path)
    for builder in ("text", second):
        assert warnings_of(build(src, builder)) == []
    edit_status(src)
    # the text build reads the edit and writes its pages; the second builder reads nothing
    build(src, "text")
    app = build(src, second)
    out = Path(app.outdir)
    page = {
        "html": out / "backups.html",
        "dirhtml": out / "backups" / "index.html",
        "singlehtml": out / "index.html",
    }[second]
    html = page.read_text(encoding="utf-8")
    assert TOOLTIP_NEW in html
    assert TOOLTIP_OLD not in html


def test_latex_after_html_on_shared_doctrees_shows_the_edit(tmp_path):
    src = copy_root("basic", tmp_path)
    build(src, "html")
    build(src, "latex")
    edit_status(src)
    build(src, "html")
    app = build(src, "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Draft" in tex


class Interrupt(KeyboardInterrupt):
    """What Ctrl-C raises: not an Exception, so Sphinx keeps its saved environment."""


def test_an_interrupted_write_leaves_unwritten_pages_out_of_date(tmp_path):
    src = copy_root("basic", tmp_path)
    (src / "interrupt.py").write_text(
        "from pathlib import Path\n\n"
        "def boom(app, pagename, templatename, context, doctree):\n"
        "    if pagename == 'backups' and (Path(app.srcdir) / 'STOP').exists():\n"
        "        raise KeyboardInterrupt\n\n"
        "def setup(app):\n"
        "    app.connect('html-page-context', boom)\n",
        encoding="utf-8",
    )
    conf = src / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8")
        + "\nextensions.append('interrupt')\n",
        encoding="utf-8",
    )
    build(src, "html")
    edit_status(src)
    (src / "STOP").write_text("", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build(src, "html")
    (src / "STOP").unlink()
    app = build(src, "html")
    html = (Path(app.outdir) / "backups.html").read_text(encoding="utf-8")
    assert TOOLTIP_NEW in html
