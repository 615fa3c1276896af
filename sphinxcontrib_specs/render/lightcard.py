"""The spec card for HTML builders as one light node, written in one go from its data.

A card as docutils nodes is a table of about 60 nodes and a ``pending_xref`` per spec link, which
every write-time transform, the HTML writer, Sphinx's reference resolver and the garbage collector
pay for on every page. For HTML builders :func:`light_card` keeps the card's rows as segments
(:data:`.tables.Segment`, the reports' cells), resolves the spec links through the domain at once
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
(:func:`.historycard.history_segment`), written in one go with the bytes its nodes give (and as
those nodes where a theme's translator writes its own tags); its words are not in the search
text where Sphinx leaves the nodes' ``no-search`` class out of the index.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import sphinx
from docutils import nodes

from ..i18n import _
from ..read.nodes import spec_html_card
from .historycard import details_node, history_html
from .html import element, tag
from .tables import Segment, segment_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from ..read.domain import SpecsDomain
    from .card import CardBuilder


#: Whether Sphinx's search index skips a node of class ``no-search`` (Sphinx 8.2 and later), as
#: it does the history's list (:func:`.historycard.details_node`).
SKIPS_NO_SEARCH = sphinx.version_info >= (8, 2)

#: The builders writing now (between ``write-started`` and ``build-finished``).
_WRITING: weakref.WeakSet[Builder] = weakref.WeakSet()


def writing(builder: Builder) -> bool:
    """Whether ``builder`` is in its write phase (the light card is for its writer only)."""
    return builder in _WRITING


def _write_started(app: Sphinx, builder: Builder) -> None:
    _WRITING.add(builder)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    _WRITING.discard(app.builder)


def setup_lightcard(app: Sphinx) -> None:
    """Sphinx emits ``write-started`` since 7.3 (8.0 and later here); without it, the card
    stays a docutils table (as it does in Sphinx 8.0's singlehtml builder, whose own ``write()``
    emits no ``write-started``: the same bytes, only slower)."""
    if "write-started" in app.events.events:
        app.connect("write-started", _write_started)
        app.connect("build-finished", _build_finished)


class Unresolved(Exception):
    """A spec link the domain does not know: the card stays a docutils table."""


class _Resolver:
    def __init__(self, domain: SpecsDomain, docname: str, builder: Builder):
        self.domain, self.docname, self.builder = domain, docname, builder
        self.words: list[str] = []

    def segment(self, segment: Segment) -> Segment:
        """The segment for :func:`segment_html`; its words go to the search text."""
        kind = segment[0]
        if kind == "spec":
            self.words.append(segment[1])
            return self.spec(segment[1])
        if kind == "group":
            return ("group", segment[1], [self.segment(s) for s in segment[2]])
        if kind == "history":
            if not SKIPS_NO_SEARCH:  # the docutils form's list is indexed there
                self.words.extend(segment[2])
            return segment
        if kind == "badge":
            self.words.append(segment[1] or _("No status"))
        elif kind == "progress":
            self.words.append(_("{done} of {total} done").format(done=segment[1], total=segment[2]))
        elif kind == "text":
            self.words.append(segment[1])
        else:  # span, link
            self.words.append(segment[2])
        return segment

    def spec(self, target: str) -> Segment:
        """What Sphinx's resolver would make of the card's ``pending_xref``."""
        found = xref_segment(self.domain, target, target, self.docname, self.builder)
        if found is None:
            raise Unresolved(target)
        return found


def xref_segment(
    domain: SpecsDomain, target: str, label: str, docname: str, builder: Builder
) -> Segment | None:
    """The ``xref`` segment of a link from ``docname`` to ``target``, labelled ``label``: what
    Sphinx's resolver would make of a ``pending_xref`` the domain resolves; None when the
    domain does not know the target."""
    found = domain.href(domain.index.full_target(target, docname), docname, builder)
    if found is None:
        return None
    # an imported spec's link is external (see SpecsDomain.link)
    classes = "reference internal" if found.internal else "specs-external reference external"
    return ("xref", classes, found.href, found.title, label)


def light_card(card: CardBuilder, domain: SpecsDomain, builder: Builder) -> spec_html_card | None:
    """The card's table as one node, or None when a link must wait for Sphinx's resolver."""
    spec = card.spec
    resolver = _Resolver(domain, card.docname, builder)
    resolver.words += [spec.id, spec.title]
    rows = []
    try:
        for key, label, cell in card.rows():
            resolver.words.append(label)
            rows.append((key, label, [resolver.segment(segment) for segment in cell]))
    except Unresolved:
        return None
    node = spec_html_card(
        "",
        nodes.Text("\n".join(resolver.words)),
        heading=(spec.id, spec.title),
        rows=rows,
        classes=["specs-card-table"],
    )
    return node


def cell_html(self: HTML5Translator, segment: Segment) -> None:
    kind = segment[0]
    if kind == "history":
        html = history_html(self, segment[1], segment[2])
        if html is None:  # the translator's own way, as the docutils form is written
            details_node(segment[1], segment[2]).walkabout(self)
        else:
            self.body.append(html)
    elif kind == "group":
        self.body.append(tag(self, "span", segment[1]))
        for part in segment[2]:
            cell_html(self, part)
        self.body.append("</span>")
    else:
        self.body.append(segment_html(self, segment))


def visit_html_card(self: HTML5Translator, node: spec_html_card) -> None:
    """The card's table with the markup of Sphinx's table, row, entry and paragraph visitors."""
    self.visit_table(node)  # type: ignore[arg-type]
    body = self.body
    spec_id, title = node["heading"]
    id_html = element(self, "span", spec_id, "specs-card-id")
    title_html = element(self, "span", title, "specs-card-title")
    head = tag(self, "th", "head specs-card-heading", colspan="2")
    body.append(f"<thead>\n{tag(self, 'tr', 'row-odd')}{head}<p>{id_html} {title_html}</p></th>\n")
    body.append("</tr>\n</thead>\n<tbody>\n")
    for i, (key, label, cell) in enumerate(node["rows"]):
        parity = "row-even" if i % 2 == 0 else "row-odd"
        body.append(tag(self, "tr", f"specs-row-{key} {parity}"))
        body.append(f"{tag(self, 'td', 'specs-label')}<p>{self.encode(label)}</p></td>\n")
        # the history row holds the history alone, a block: it stands in the cell itself, not
        # in a paragraph (tables._entry_children puts the docutils form's there too)
        block = bool(cell) and cell[0][0] == "history"
        body.append(f"{tag(self, 'td', 'specs-value')}{'' if block else '<p>'}")
        for segment in cell:
            cell_html(self, segment)
        body.append(f"{'' if block else '</p>'}</td>\n</tr>\n")
    body.append("</tbody>\n")
    self.depart_table(node)  # type: ignore[arg-type]
    raise nodes.SkipNode
