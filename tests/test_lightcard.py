"""The light card (render/lightcard.py): HTML builders write the card from data, with the same
bytes as the docutils table, and Sphinx's search index gets the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_root, require_tool
from sphinxcontrib_specs.render import card as card_module


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every page and the search index, by path."""
    files = [*outdir.rglob("*.html"), *outdir.glob("searchindex.js")]
    return {str(p.relative_to(outdir)): p.read_bytes() for p in files}


def results_of(monkeypatch, module, name: str) -> list[bool]:
    """Patch ``module.name`` to note, for each call, whether it returned something."""
    found: list[bool] = []
    original = getattr(module, name)

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        found.append(result is not None)
        return result

    monkeypatch.setattr(module, name, recording)
    return found


@pytest.mark.parametrize("root", ["basic", "import", "gates"])
@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_light_card_writes_the_docutils_tables_bytes(tmp_path, monkeypatch, root, builder):
    src = copy_root(root, tmp_path)
    light_cards = results_of(monkeypatch, card_module, "light_card")
    light = build(src, builder, builddir=tmp_path / "light", freshenv=True)
    # the light form was used (links it cannot resolve fall back); Sphinx 8.0's singlehtml has a
    # write() of its own that emits no write-started, so there every card stays a docutils table
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    no_write_started = builder == "singlehtml" and "write" in vars(SingleFileHTMLBuilder)
    assert any(light_cards) != no_write_started

    monkeypatch.setattr(card_module, "writing", lambda builder: False)
    heavy = build(src, builder, builddir=tmp_path / "heavy", freshenv=True)
    written = outputs(Path(light.outdir))
    assert written == outputs(Path(heavy.outdir))
    assert any(b'class="specs-card-table' in page for page in written.values())


def test_doctree_resolved_outside_the_write_phase_keeps_the_table(tmp_path):
    from docutils import nodes

    from sphinxcontrib_specs.read.nodes import spec_html_card

    app = build(copy_root("basic", tmp_path), "html", freshenv=True)
    doctree = app.env.get_and_resolve_doctree("backups", app.builder)
    assert not list(doctree.findall(spec_html_card))
    assert list(doctree.findall(nodes.table))


@pytest.mark.parametrize(
    ("builder", "compact"), [("html", True), ("singlehtml", True), ("html", False)]
)
def test_light_card_writes_the_history_with_the_bytes_of_its_nodes(
    tmp_path, monkeypatch, builder, compact
):
    """The card's status history (git) is data in the light card, written in one go: the same
    pages and search index as its docutils nodes (with ``html_compact_lists = False`` the nodes
    write it); it is not searched where Sphinx skips the nodes' ``no-search`` class (8.2 and
    later)."""
    require_tool("git")
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder
    from sphinx.search.en import SearchEnglish
    from test_history import Repo, spec

    from sphinxcontrib_specs.render import historycard, lightcard

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1775001600")  # 2026-04-01: "since" counts to it
    repo = Repo(tmp_path / "repo")
    repo.commit({"backups.md": spec("Draft")}, "2026-01-05T10:00:00Z", "first")
    (repo.path / "backups.md").write_text(spec("Under Review"), encoding="utf-8")
    repo.git("add", "-A")
    author = 'Bo & "Cy" @home <bo@example.com>'  # what the writer escapes
    repo.git("commit", "-q", "-m", "review", f"--author={author}", date="2026-03-02T10:00:00Z")
    written_here = results_of(monkeypatch, historycard, "history_html")
    overrides = {} if compact else {"html_compact_lists": False}
    light = build(repo.path, builder, builddir=tmp_path / "light", freshenv=True, **overrides)
    monkeypatch.setattr(card_module, "writing", lambda builder: False)
    heavy = build(repo.path, builder, builddir=tmp_path / "heavy", freshenv=True, **overrides)
    # the light card wrote the history (Sphinx 8.0's singlehtml has no write-started: no light
    # card there), itself unless the lists are not compact
    no_write_started = builder == "singlehtml" and "write" in vars(SingleFileHTMLBuilder)
    assert written_here == ([] if no_write_started else [compact])
    written = outputs(Path(light.outdir))
    assert written == outputs(Path(heavy.outdir))
    page = written["backups.html" if builder == "html" else "index.html"].decode()
    # a block in the cell itself: a <details> inside the cell's <p> is invalid HTML
    assert (
        '<td class="specs-value"><details class="specs-history no-search">\n'
        "<summary>2 status changes</summary>"
    ) in page
    assert "<p><details" not in page
    simple = " simple" if compact else ""
    assert f'<ul class="specs-history-list{simple}">' in page
    assert "Draft -&gt; Under Review (" in page and "Bo &amp; &quot;Cy&quot; &#64;home)" in page
    commit = repo.git("rev-parse", "--short=7", "HEAD").strip()
    assert commit in page
    if builder == "html":  # singlehtml writes no search index
        word = SearchEnglish({}).stem(commit.lower())  # as the index holds it
        index = written["searchindex.js"].decode()
        assert (f'"{word}"' in index) is not lightcard.SKIPS_NO_SEARCH
