"""The spec card for HTML builders as one light node, written in one go from its data.

A card as docutils nodes is a table of about 60 nodes and a ``pending_xref`` per spec link, which
every write-time transform, the HTML writer, Sphinx's reference resolver and the garbage collector
pay for on every page. For HTML builders :func:`light_card` keeps the card's rows as data
(:mod:`.cells`, the reports' cells), resolves the spec links through the domain at once
(``SpecsDomain.link``, the same references Sphinx's resolver would get) and wraps them in one
:class:`~.read.nodes.spec_html_card`; :func:`visit_html_card` writes the same
markup as Sphinx's table visitors. A card with a link the domain cannot resolve (left to
intersphinx and the ``missing-reference`` handlers) stays a docutils table. Other builders
always get the docutils table (:meth:`.card.CardBuilder.card`).

The light form is only for the HTML writer: it is chosen between Sphinx's ``write-started`` and
``build-finished`` (:func:`writing`), so a doctree resolved outside the write phase
(``env.get_and_resolve_doctree`` called by a tool or a test) keeps the docutils table every tool
understands.

The search index reads Text nodes: the light node's first child is one Text with the card's
words (the same words the table's Text nodes give). The history is data too
(:class:`.cells.HistoryBlock`), written in one go with the bytes its nodes give (and as
those nodes where a theme's translator writes its own tags); its words are not in the search
text where Sphinx leaves the nodes' ``no-search`` class out of the index.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

from docutils import nodes

from ..read.nodes import spec_html_card
from .cells import XRef
from .historycard import SKIPS_NO_SEARCH as SKIPS_NO_SEARCH
from .html import HtmlWriter, Tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from ..core.model import SpecRecord
    from ..read.domain import SpecsDomain
    from .cells import Ref, Segment


#: The builders writing now (between ``write-started`` and ``build-finished``), each with the
#: tags its pages share (a card's rows are the same tags on every page).
_WRITING: weakref.WeakKeyDictionary[Builder, Tags] = weakref.WeakKeyDictionary()


def writing(builder: Builder) -> bool:
    """Whether ``builder`` is in its write phase (the light card is for its writer only)."""
    return builder in _WRITING


def html_writer(translator: HTML5Translator) -> HtmlWriter:
    """The writer of a visitor that writes in one go: each distinct tag is made once a build
    while the builder writes, else once a visit."""
    return HtmlWriter(translator, _WRITING.get(translator.builder))


def _write_started(app: Sphinx, builder: Builder) -> None:
    _WRITING[builder] = {}


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    _WRITING.pop(app.builder, None)


def setup_lightcard(app: Sphinx) -> None:
    """Sphinx emits ``write-started`` since 7.3 (8.0 and later here); without it, the card
    stays a docutils table (as it does in Sphinx 8.0's singlehtml builder, whose own ``write()``
    emits no ``write-started``: the same bytes, only slower)."""
    if "write-started" in app.events.events:
        app.connect("write-started", _write_started)
        app.connect("build-finished", _build_finished)


class CardRows(Protocol):
    """What the light card reads of a card (:class:`.card.CardBuilder`)."""

    spec: SpecRecord
    docname: str

    def rows(self) -> list[tuple[str, str, list[Segment]]]: ...


class Unresolved(Exception):
    """A spec link the domain does not know: the card stays a docutils table."""


class _Resolver:
    """Resolves the card's spec links as Sphinx's resolver would (:meth:`.cells.Ref.resolved`)."""

    def __init__(self, domain: SpecsDomain, docname: str, builder: Builder):
        self.domain, self.docname, self.builder = domain, docname, builder

    def resolve_ref(self, ref: Ref) -> Segment:
        """What Sphinx's resolver would make of the card's ``pending_xref``."""
        label = ref.label or ref.target
        found = xref_segment(self.domain, ref.target, label, self.docname, self.builder)
        if found is None:
            raise Unresolved(ref.target)
        return found


def xref_segment(
    domain: SpecsDomain, target: str, label: str, docname: str, builder: Builder
) -> XRef | None:
    """The link from ``docname`` to ``target``, labelled ``label``: what Sphinx's resolver would
    make of a ``pending_xref`` the domain resolves; None when the domain does not know the
    target."""
    found = domain.href(domain.index.full_target(target, docname), docname, builder)
    if found is None:
        return None
    # an imported spec's link is external (see SpecsDomain.link)
    return XRef(found.href, found.title, label, found.internal)


def light_card(card: CardRows, domain: SpecsDomain, builder: Builder) -> spec_html_card | None:
    """The card's table as one node, or None when a link must wait for Sphinx's resolver."""
    spec = card.spec
    resolver = _Resolver(domain, card.docname, builder)
    words = [spec.id, spec.title]
    rows = []
    try:
        for key, label, cell in card.rows():
            words.append(label)
            resolved = [segment.resolved(resolver) for segment in cell]
            for segment in resolved:
                words.extend(segment.words())
            rows.append((key, label, resolved))
    except Unresolved:
        return None
    return spec_html_card(
        "",
        nodes.Text("\n".join(words)),
        heading=(spec.id, spec.title),
        rows=rows,
        classes=["specs-card-table"],
    )


def visit_html_card(self: HTML5Translator, node: spec_html_card) -> None:
    """The card's table with the markup of Sphinx's table, row, entry and paragraph visitors."""
    w = html_writer(self)
    self.visit_table(node)  # type: ignore[arg-type]
    body = self.body
    spec_id, title = node["heading"]
    id_html = w.element("span", spec_id, "specs-card-id")
    title_html = w.element("span", title, "specs-card-title")
    head = w.tag("th", "head specs-card-heading", colspan="2")
    body.append(f"<thead>\n{w.tag('tr', 'row-odd')}{head}<p>{id_html} {title_html}</p></th>\n")
    body.append("</tr>\n</thead>\n<tbody>\n")
    for i, (key, label, cell) in enumerate(node["rows"]):
        parity = "row-even" if i % 2 == 0 else "row-odd"
        body.append(w.tag("tr", f"specs-row-{key} {parity}"))
        body.append(f"{w.tag('td', 'specs-label')}<p>{self.encode(label)}</p></td>\n")
        # the history row holds the history alone, a block: it stands in the cell itself, not
        # in a paragraph (tables._entry_children puts the docutils form's there too)
        block = bool(cell) and cell[0].is_block
        body.append(f"{w.tag('td', 'specs-value')}{'' if block else '<p>'}")
        body.extend([segment.html(w) for segment in cell])
        body.append(f"{'' if block else '</p>'}</td>\n</tr>\n")
    body.append("</tbody>\n")
    self.depart_table(node)  # type: ignore[arg-type]
    raise nodes.SkipNode
