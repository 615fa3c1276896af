"""MyST and reStructuredText give the same doctree; MyST with and without ``tasklist`` too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes

from conftest import body_html, build, copy_root, warnings_of
from sphinxcontrib_specs.read.nodes import spec_items

PAGES = ["index", "backups", "restore", "legacy", "retention"]
# MyST's tasklist marks its lists and items; reStructuredText has no such classes.
_TASKLIST = re.compile(r" ?\b(?:contains-task-list|task-list-item)\b ?")


def _normalize(xml: str) -> str:
    xml = re.sub(r' (?:source|line|specs_line)="[^"]*"', "", xml)
    xml = _TASKLIST.sub(" ", xml)
    xml = re.sub(r' classes=" ?"', "", xml)
    xml = re.sub(r' classes="\s*([^"]*?)\s*"', r' classes="\1"', xml)
    return xml


def spec_subtrees(doctree: nodes.document) -> str:
    """Pseudo-XML of every node the extension made or changed (cards, banners, item lists)."""
    wanted = [
        node
        for node in doctree.findall(nodes.Element)
        if isinstance(node, spec_items)
        or "specs-card" in node.get("classes", [])
        or "specs-banner" in node.get("classes", [])
        or node.tagname in ("spec_node", "spec_banner")
    ]
    return "\n".join(_normalize(node.pformat()) for node in wanted)


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    base = tmp_path_factory.mktemp("syntax")
    myst = build(copy_root("basic", base / "myst"))
    rst = build(copy_root("basic-rst", base / "rst"))
    plain = build(copy_root("basic", base / "plain"), myst_enable_extensions=["colon_fence"])
    return {"myst": myst, "rst": rst, "myst-without-tasklist": plain}


def test_every_variant_builds_cleanly(projects):
    for name, app in projects.items():
        assert warnings_of(app) == [], name


@pytest.mark.parametrize("other", ["rst", "myst-without-tasklist"])
def test_same_specs_json(projects, other):
    reference = (Path(projects["myst"].outdir) / "specs.json").read_text()
    assert (Path(projects[other].outdir) / "specs.json").read_text() == reference


@pytest.mark.parametrize("other", ["rst", "myst-without-tasklist"])
@pytest.mark.parametrize("page", PAGES)
def test_same_read_and_resolved_doctree(projects, other, page):
    myst, twin = projects["myst"], projects[other]
    for app in (myst, twin):
        assert page in app.env.found_docs
    read = [spec_subtrees(app.env.get_doctree(page)) for app in (myst, twin)]
    assert read[0] == read[1]
    resolved = [
        spec_subtrees(app.env.get_and_resolve_doctree(page, app.builder)) for app in (myst, twin)
    ]
    assert resolved[0] == resolved[1]
    assert "specs-card" in resolved[0] or page == "index"


@pytest.mark.parametrize("other", ["rst", "myst-without-tasklist"])
@pytest.mark.parametrize("page", PAGES)
def test_same_html(projects, other, page):
    def html(app) -> str:
        return (
            _TASKLIST.sub(" ", body_html(Path(app.outdir) / f"{page}.html"))
            .replace(' class=" simple"', ' class="simple"')
            .replace(' class=" specs-item"', ' class="specs-item"')
        )

    assert html(projects[other]) == html(projects["myst"])
