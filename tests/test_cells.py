"""The pieces of table cells (render/cells.py): each writes, on the HTML fast path, the bytes that
Sphinx's HTML translator writes for its docutils nodes, for Sphinx's translator and for a theme's
translator with a ``starttag()`` of its own (pydata-sphinx-theme has one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from docutils import nodes

from conftest import build, copy_root
from sphinxcontrib_specs.read.roles import spec_xref
from sphinxcontrib_specs.render.cells import (
    Anchor,
    Badge,
    Covering,
    Group,
    Link,
    Progress,
    Ref,
    Segment,
    Span,
    Suspect,
    Text,
    Unresolved,
    XRef,
)
from sphinxcontrib_specs.render.historycard import HistoryBlock, HistoryList
from sphinxcontrib_specs.render.html import HtmlWriter

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

TRICKY = 'Tabs\tand "quotes" & <tags> @ once'


class Unresolving:
    """What Sphinx leaves of a spec link it cannot resolve: the ``pending_xref``'s content."""

    def xref(self, target: str, label: str | None = None) -> nodes.Node:
        return spec_xref(target, "index", label)[0]


SEGMENTS: list[Segment] = [
    Text(TRICKY),
    Text(""),
    Span("specs-state", "done"),
    Span("specs-approver specs-approved", TRICKY),
    Badge("Under Review"),
    Badge(None),
    Progress(3, 5),
    Progress(0, 0),
    Link("specs-issue", "#12", "https://example.org/issues/12?a=1&b=2"),
    Link("specs-author", TRICKY, "javascript:alert(1)"),  # not safe: its text only
    Link("specs-author", "Ann", None),
    Link("specs-author specs-author-email", "Ann Lee", "mailto:ann@example.org"),
    Ref("SPEC-1.G2"),
    Ref("SPEC-1", TRICKY),
    Anchor("spec-1.html#spec-1", 'SPEC-1: "Tabs" & <more>', "SPEC-1", True),
    Anchor("spec-1.html#spec-1", "", TRICKY, True),
    Anchor("https://example.org/SPEC-9?a&b", "SPEC-9 (Jira)", "SPEC-9", False),
    Unresolved(TRICKY),
    XRef("spec-1.html#spec-1", "SPEC-1: Tabs", "SPEC-1", True),
    XRef("#spec-1-g2", None, "SPEC-1.G2", True),
    XRef("https://example.org/SPEC-9", "", "SPEC-9", False),
    Covering(True, Anchor("#spec-1-d1", "", "SPEC-1.D1", True), "Job deployed;"),
    Covering(False, Ref("SPEC-1.D2"), TRICKY),
    Covering(None, Unresolved("SPEC-1.D3"), ""),
    Group("specs-approver specs-approved", (Span("specs-approval-mark", "✓"), Text(" x"))),
    Group("specs-approver specs-requested", (Link("specs-author", "@bo", "https://x.org"),)),
    HistoryBlock("2 status changes", ("2026-03-02 Draft -> Under Review (1a2b3c4, Bo)", TRICKY)),
    HistoryList(("2026-03-02 Draft -> Under Review (1a2b3c4, Bo)", TRICKY)),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("basic", tmp_path_factory.mktemp("cells")), "html")


class OwnTags:
    """A theme's translator that adds an attribute to every tag (in its own ``starttag()``)."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        return super().starttag(node, tagname, suffix, empty, **attributes, **{"data-theme": "x"})  # type: ignore[misc]


@pytest.fixture(params=["sphinx", "own-tags"])
def translator(app, request) -> HTML5Translator:
    """A translator of the build's HTML builder (with this extension's visitors), for a page."""
    from sphinx.util.docutils import new_document

    document = new_document("<cells>", app.builder.docsettings)
    document.settings.cloak_email_addresses = True
    made = app.builder.create_translator(document, app.builder)
    if request.param == "own-tags":
        made.__class__ = type("ThemeTranslator", (OwnTags, type(made)), {})
    return made


def written(translator: HTML5Translator, node: nodes.Node) -> str:
    """What the translator writes for ``node`` where a table cell holds it: an inline node in
    the cell's paragraph, a block in the cell itself."""
    block = isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline)
    parent = nodes.entry() if block else nodes.paragraph()
    parent += node
    start = len(translator.body)
    node.walkabout(translator)
    html = "".join(translator.body[start:])
    del translator.body[start:]
    return html


@pytest.mark.parametrize("segment", SEGMENTS, ids=lambda s: type(s).__name__)
def test_the_fast_path_writes_what_the_translator_writes_for_the_nodes(translator, segment):
    expected = written(translator, segment.node(Unresolving()))
    assert segment.html(HtmlWriter(translator)) == expected
    assert translator.in_mailto is False  # a mailto link leaves the translator as it was


def test_every_kind_of_cell_is_checked():
    kinds = {type(s) for s in SEGMENTS}
    assert {Anchor, Badge, Covering, Group, HistoryBlock, HistoryList, Link, Progress} <= kinds
    assert {Ref, Span, Text, Unresolved, XRef} <= kinds
    assert all(not hasattr(s, "__dict__") for s in SEGMENTS)  # slots: no dict per piece


def test_a_suspect_mark_has_its_sign_and_tooltip_in_html_only(translator):
    """The mark writes ``(text)`` elsewhere (pdflatex's fonts have no warning sign)."""
    link = Anchor("#spec-1-d1", "", "SPEC-1.D1", True)
    marked = Covering(True, link, "Job deployed", Suspect("suspect since 2026-03-02", "why", ";"))
    plain = written(translator, Covering(True, link, "Job deployed").node(Unresolving()))
    mark = HtmlWriter(translator).element(
        "span", "\N{WARNING SIGN} suspect since 2026-03-02", "specs-suspect", title="why"
    )
    expected = f"{plain.removesuffix('</span>')} {mark};</span>"
    assert marked.html(HtmlWriter(translator)) == expected
    assert marked.node(Unresolving()).astext().endswith(" (suspect since 2026-03-02);")


class Resolving:
    def resolve_ref(self, ref: Ref) -> Segment:
        return Anchor(f"#{ref.target}", "", ref.label or ref.target, True)


def test_links_are_resolved_inside_coverings_and_groups():
    resolver = Resolving()
    covering = Covering(True, Ref("SPEC-1.D1", tooltip=False), "Job")
    assert covering.resolved(resolver) == Covering(
        True, Anchor("#SPEC-1.D1", "", "SPEC-1.D1", True), "Job"
    )
    group = Group("g", (Text("a"), Ref("SPEC-2", "two")))
    assert group.resolved(resolver) == Group("g", (Text("a"), Anchor("#SPEC-2", "", "two", True)))
    assert Text("a").resolved(resolver) == Text("a")


def test_words_and_text():
    assert list(Group("g", (Text("a"), Badge(None))).words()) == ["a", "No status"]
    assert Group("g", (Text("a"), Span("s", "b"))).astext() == "ab"
    assert Progress(1, 2).astext() == "1 of 2 done"
    assert Ref("SPEC-1").astext() == "SPEC-1"
