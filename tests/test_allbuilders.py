"""The clean test projects (MyST and reStructuredText) build with every builder Sphinx ships
without a single warning, and the single-page build's ``specs.json`` links work in a browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import build, copy_root, load_json, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

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
#: What EPUB3 requires of any project (Sphinx warns without it); nothing of ours.
EPUB_METADATA = {"copyright": "2026, Acme", "version": "1.0"}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: copy_root(name, tmp_path_factory.mktemp(name)) for name in ROOTS}


@pytest.fixture(scope="module")
def builds(sources: dict[str, Path]) -> dict[tuple[str, str], SphinxTestApp]:
    """Built on first use, once per (root, builder) for the whole module."""
    return {}


def built(
    builds: dict[tuple[str, str], SphinxTestApp], sources: dict[str, Path], root: str, builder: str
) -> SphinxTestApp:
    if (root, builder) not in builds:
        overrides = EPUB_METADATA if builder == "epub" else {}
        builds[root, builder] = build(sources[root], builder, **overrides)
    return builds[root, builder]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", ROOTS)
def test_every_builder_is_warning_free(builds, sources, root, builder):
    app = built(builds, sources, root, builder)
    assert [f"{w.file}:{w.line}: {w.message}" for w in warnings_of(app)] == []
    assert app.statuscode == 0


@pytest.mark.parametrize("root", ROOTS)
def test_singlehtml_specs_json_urls_are_anchors_on_the_page(builds, sources, root):
    """Defect 6: not ``index.html#document-backups#spec-0042``, which no browser follows."""
    data = load_json(built(builds, sources, root, "singlehtml"))
    spec = data["specs"]["SPEC-0042"]
    assert spec["url"] == "index.html#spec-0042"
    assert spec["items"]["G1"]["url"] == "index.html#spec-0042-g1"
    urls = [s["url"] for s in data["specs"].values()]
    urls += [i["url"] for s in data["specs"].values() for i in s["items"].values()]
    assert all(url.startswith("index.html#spec-") and url.count("#") == 1 for url in urls), urls
    outdir = built(builds, sources, root, "singlehtml").outdir
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="spec-0042"' in html and 'id="spec-0042-g1"' in html


@pytest.mark.parametrize("root", ROOTS)
def test_html_specs_json_urls_name_the_page(builds, sources, root):
    data = load_json(built(builds, sources, root, "html"))
    spec = data["specs"]["SPEC-0042"]
    assert spec["url"] == "backups.html#spec-0042"
    assert spec["items"]["G1"]["url"] == "backups.html#spec-0042-g1"
