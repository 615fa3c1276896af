"""The sphinx-needs bridge, with sphinx-needs 9.x really installed (never mocked)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build, copy_root, require_tool, warnings_of

sphinx_needs = pytest.importorskip("sphinx_needs")  # the [needs] extra; `make test` installs it

ORDERS = {
    "specs-first": ["myst_parser", "sphinxcontrib_specs", "sphinx_needs"],
    "needs-first": ["myst_parser", "sphinx_needs", "sphinxcontrib_specs"],
}


def needs_json(app) -> dict:
    data = json.loads((Path(app.outdir) / "needs.json").read_text())
    return data["versions"][data["current_version"]]["needs"]


@pytest.fixture(scope="module", params=sorted(ORDERS))
def app(request, tmp_path_factory):
    require_tool("dot")
    src = copy_root("needs", tmp_path_factory.mktemp(request.param))
    return build(src, extensions=ORDERS[request.param])


def test_builds_without_warnings(app):
    assert sphinx_needs.__version__.split(".")[0] == "9"
    assert [w for w in warnings_of(app) if "RemovedInSphinx" not in w.message] == []


def test_specs_and_items_are_needs(app):
    needs = needs_json(app)
    assert sorted(needs) == [
        "SPEC_0007",
        "SPEC_0040",
        "SPEC_0040_R1",
        "SPEC_0042",
        "SPEC_0042_D1",
        "SPEC_0042_D2",
        "SPEC_0042_ENCRYPT",
        "SPEC_0042_G1",
    ]
    spec = needs["SPEC_0042"]
    assert (spec["type"], spec["title"], spec["status"]) == (
        "spec",
        "Scheduled backups",
        "Accepted",
    )
    assert spec["tags"] == ["backup", "storage"]
    assert spec["authors"] == ["@alice", "Bob Smith"]
    assert (spec["team"], spec["created"], spec["updated"]) == (
        "Storage",
        "2026-01-15",
        "2026-02-01",
    )
    assert spec["issues"] == ["acme/db#123"]
    assert spec["spec_id"] == "SPEC-0042"
    assert spec["supersedes"] == ["SPEC_0007"] and spec["depends_on"] == ["SPEC_0040"]
    assert spec["docname"] == "backups"
    done = needs["SPEC_0042_D1"]
    assert (done["type"], done["status"], done["checked"]) == ("dod", "done", True)
    assert done["part_of"] == ["SPEC_0042"]
    assert sorted(done["covers"]) == ["SPEC_0040_R1", "SPEC_0042_G1"]
    assert needs["SPEC_0042_D2"]["status"] == "open"
    goal = needs["SPEC_0042_G1"]
    assert (goal["type"], goal["status"], goal["title"]) == (
        "goal",
        None,
        "Restore in under 5 minutes.",
    )
    assert sorted(goal["covers_back"]) == ["SPEC_0042_D1"]
    assert needs["SPEC_0040_R1"]["type"] == "requirement"
    assert sorted(needs["SPEC_0042"]["part_of_back"]) == [
        "SPEC_0042_D1",
        "SPEC_0042_D2",
        "SPEC_0042_ENCRYPT",
        "SPEC_0042_G1",
    ]


def test_needtable_filters_on_our_status(app):
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    table = page.select_one("table.NEEDS_TABLE, table.needstable_table, table.needs_table")
    table = table or page.find("table")
    ids = [tr.find("td").get_text(strip=True) for tr in table.select("tbody tr")]
    assert ids == ["SPEC_0040", "SPEC_0042"]


def test_needflow_with_graphviz_builds(app):
    html = (Path(app.outdir) / "index.html").read_text()
    assert "needflow" in html
    images = list((Path(app.outdir) / "_images").glob("*.svg")) + list(
        (Path(app.outdir) / "_images").glob("*.png")
    )
    assert images, "needflow made no image"


def test_need_role_lands_on_our_card(app):
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    hrefs = {a["href"] for a in page.select("a") if "SPEC_0042" in a.get("href", "")}
    assert {"backups.html#SPEC_0042", "backups.html#SPEC_0042_G1"} <= hrefs
    card_page = (Path(app.outdir) / "backups.html").read_text()
    assert 'id="SPEC_0042"' in card_page and 'id="SPEC_0042_G1"' in card_page
    # our own rendering stays: one card, no need boxes
    assert card_page.count('<div class="specs-card') == 1
    assert 'class="need ' not in card_page


def test_bridge_can_be_turned_off(tmp_path):
    require_tool("dot")
    src = copy_root("needs", tmp_path)
    (src / "index.md").write_text("# Needs\n\n```{toctree}\nbackups\nrestore\nlegacy\n```\n")
    app = build(src, specs_needs_bridge=False)
    assert needs_json(app) == {}
    assert "specs-card" in (Path(app.outdir) / "backups.html").read_text()


def test_incremental_with_sphinx_needs_loaded(tmp_path):
    require_tool("dot")
    src = copy_root("needs", tmp_path)
    build(src)
    time.sleep(0.01)
    unchanged = build(src)
    assert "0 added, 0 changed, 0 removed" in unchanged._status.getvalue()
    restore = src / "restore.md"
    restore.write_text(restore.read_text().replace(":status: Accepted", ":status: Draft"))
    app = build(src)
    assert "0 added, 1 changed, 0 removed" in app._status.getvalue()
    clean_src = tmp_path / "clean"
    import shutil

    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src)
    assert needs_json(app) == needs_json(clean)
    for page in ("index.html", "backups.html", "restore.html"):

        def body(path: Path) -> str:
            text = path.read_text()
            return text[text.find('<div class="body"') : text.find('<div class="sphinxsidebar"')]

        assert body(Path(app.outdir) / page) == body(Path(clean.outdir) / page), page
    ids = [
        tr.find("td").get_text(strip=True)
        for tr in BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
        .find("table")
        .select("tbody tr")
    ]
    assert ids == ["SPEC_0042"]


def test_without_sphinx_needs_it_is_never_imported(tmp_path):
    src = copy_root("basic", tmp_path)
    code = (
        "import sys\n"
        "from sphinx.cmd.build import main\n"
        f"assert main(['-q', '-b', 'html', {str(src)!r}, {str(tmp_path / 'out')!r}]) == 0\n"
        "assert 'sphinx_needs' not in sys.modules, 'sphinx_needs was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_plain_links_to_spec_files_make_no_bad_need_links(tmp_path):
    """A plain spec's link to another spec file is resolved after the needs are made: sphinx-needs
    must not see it as an unknown need ID (its own ``needs.link_outgoing`` warning)."""
    src = copy_root("plain-links", tmp_path)
    app = build(
        src,
        extensions=["myst_parser", "sphinxcontrib_specs", "sphinx_needs"],
        needs_build_json=True,
    )
    assert [w.message for w in warnings_of(app) if w.type == "needs"] == []
    needs = needs_json(app)
    assert "SPEC_002" in needs
    assert all(not link.startswith("_DOC") for need in needs.values() for link in need["related"])
