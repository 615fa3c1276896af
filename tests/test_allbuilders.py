"""The clean test projects (MyST and reStructuredText) build with every builder Sphinx ships
without a single warning, and the single-page build's ``specs.json`` links work in a browser.

Each (project, builder) is built once a session (conftest's ``clean_build``); test_basic.py and
test_builders.py check the same builds' output."""

from __future__ import annotations

import pytest

from conftest import load_json, warnings_of

BUILDERS = [
    "html",
    "dirhtml",
    "singlehtml",
    "latex",
    "text",
    "man",
    "texinfo",
    "epub",
    "xml",
    "pseudoxml",
    "dummy",
]
ROOTS = ["basic", "basic-rst"]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", ROOTS)
def test_every_builder_is_warning_free(clean_build, root, builder):
    app = clean_build(root, builder)
    assert [f"{w.file}:{w.line}: {w.message}" for w in warnings_of(app)] == []
    assert app.warning.getvalue() == ""  # nor a message of another shape, nor a traceback
    assert app.statuscode == 0


@pytest.mark.parametrize("root", ROOTS)
def test_singlehtml_specs_json_urls_are_anchors_on_the_page(clean_build, root):
    """One ``#`` a URL: not ``index.html#document-backups#spec-0042``, which no browser follows."""
    data = load_json(clean_build(root, "singlehtml"))
    spec = data["specs"]["SPEC-0042"]
    assert spec["url"] == "index.html#spec-0042"
    assert spec["items"]["G1"]["url"] == "index.html#spec-0042-g1"
    urls = [s["url"] for s in data["specs"].values()]
    urls += [i["url"] for s in data["specs"].values() for i in s["items"].values()]
    assert all(url.startswith("index.html#spec-") and url.count("#") == 1 for url in urls), urls
    outdir = clean_build(root, "singlehtml").outdir
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="spec-0042"' in html and 'id="spec-0042-g1"' in html


@pytest.mark.parametrize("root", ROOTS)
def test_html_specs_json_urls_name_the_page(clean_build, root):
    data = load_json(clean_build(root, "html"))
    spec = data["specs"]["SPEC-0042"]
    assert spec["url"] == "backups.html#spec-0042"
    assert spec["items"]["G1"]["url"] == "backups.html#spec-0042-g1"
