"""``{covers}``: one light node from reading to writing; links written from the domain in HTML,
``pending_xref`` nodes for Sphinx's resolver everywhere else and for targets the domain does not
know."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx import addnodes

from conftest import body_html, build, copy_root
from sphinxcontrib_specs.read.nodes import spec_covers
from sphinxcontrib_specs.render import covers


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    return copy_root("basic", tmp_path_factory.mktemp("covers"))


def test_the_read_doctree_holds_one_node_per_role_with_full_targets(basic):
    app = build(basic)
    doctree = app.env.get_doctree("backups")
    found = list(doctree.findall(spec_covers))
    assert [(n["specs_covers"], n["specs_targets"], n.astext()) for n in found] == [
        (["G1"], ["SPEC-0042.G1"], "G1"),
        (["G1", "encrypt"], ["SPEC-0042.G1", "SPEC-0042.encrypt"], "G1, encrypt"),
        (
            ["encrypt", "SPEC-0040.R1"],
            ["SPEC-0042.encrypt", "SPEC-0040.R1"],
            "encrypt, SPEC-0040.R1",
        ),
    ]
    assert all(len(n.children) == 1 and n["refdoc"] == "backups" for n in found)
    assert not [
        x
        for x in doctree.findall(addnodes.pending_xref)
        if x["reftype"] == "spec" and x.parent.get("specs_covers")
    ]


def test_html_written_from_the_domain_equals_sphinx_resolving_the_links(
    basic, tmp_path, monkeypatch
):
    expanded_nodes = []
    expand = covers.expand
    monkeypatch.setattr(covers, "expand", lambda node: expanded_nodes.append(node) or expand(node))
    light = build(basic, builddir=tmp_path / "light")
    assert expanded_nodes == []  # every target known: all written from the domain
    monkeypatch.setattr(covers, "writing", lambda builder: False)  # every node expanded
    expanded = build(basic, builddir=tmp_path / "expanded")
    assert len(expanded_nodes) == 4
    pages = sorted(p.name for p in Path(light.outdir).glob("*.html"))
    assert "backups.html" in pages
    for page in pages:
        assert body_html(Path(light.outdir) / page) == body_html(Path(expanded.outdir) / page), page
    span = BeautifulSoup((Path(light.outdir) / "backups.html").read_text(), "html.parser")
    html = str(span.select("span.specs-covers")[1])
    assert html == (
        '<span class="specs-covers"><a class="reference internal" href="#spec-0042-g1" '
        'title="SPEC-0042.G1: Restore any cluster from a backup in under 5 minutes.">'
        '<span class="xref specs-ref">G1</span></a>, <a class="reference internal" '
        'href="#spec-0042-encrypt" title="SPEC-0042.encrypt: Keep backups encrypted at rest.">'
        '<span class="xref specs-ref">encrypt</span></a></span>'
    )


def test_other_writers_get_the_links_sphinx_resolved(basic, tmp_path):
    text = build(basic, "text", builddir=tmp_path)
    assert "User guide written *G1*, *encrypt*" in (Path(text.outdir) / "backups.txt").read_text()
    xml = build(basic, "xml", builddir=tmp_path)
    page = (Path(xml.outdir) / "backups.xml").read_text()
    assert "spec_covers" not in page
    assert '<inline classes="specs-covers" specs_covers="G1 encrypt"' in page
    assert 'refid="spec-0042-encrypt"' in page


CONF = """\
project = "Covers"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
suppress_warnings = ["specs.ref"]


def _elsewhere(app, env, node, contnode):
    if node.get("reftarget") == "EXT-1.G1":  # as intersphinx would
        from docutils import nodes

        ref = nodes.reference("", "", internal=False, refuri="https://example.com/ext#g1")
        ref += contnode
        return ref
    return None


def setup(app):
    app.connect("missing-reference", _elsewhere)
"""

PAGE = """\
# Exports

:::{spec} SPEC-0001
:status: Draft
:::

:::{goals}
- Export every table.
:::

:::{definition-of-done}
- [ ] Exporter written {covers}`G1, EXT-1.G1`
:::

## Checked {covers}`SPEC-0001.G1`
"""


def test_a_target_the_domain_does_not_know_is_left_to_sphinx_resolver(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text("# Home\n\n```{toctree}\nexports\n```\n")
    (src / "exports.md").write_text(PAGE)
    app = build(src)
    page = BeautifulSoup((Path(app.outdir) / "exports.html").read_text(), "html.parser")
    item = page.select_one("div.specs-kind-dod .specs-covers")
    assert [(a.get_text(), a["href"]) for a in item.select("a")] == [
        ("G1", "#spec-0001-g1"),
        ("EXT-1.G1", "https://example.com/ext#g1"),
    ]
    # the heading's links on its page; its copy in the home page's table of contents is text
    heading = page.select_one("h2 .specs-covers a")
    assert (heading.get_text(), heading["href"]) == ("SPEC-0001.G1", "#spec-0001-g1")
    home = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    toc = [a.get_text() for a in home.select("div.toctree-wrapper a")]
    assert toc == ["Exports", "Checked SPEC-0001.G1"]
