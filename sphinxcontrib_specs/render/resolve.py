"""The write-time post-transform: fills every placeholder of a page in one pass.

It runs for every builder, before Sphinx resolves references (priority 10), because the cards
and reports it makes hold ``pending_xref`` nodes. A page that the domain knows has neither a spec
nor a report is skipped without walking its tree, and on the others the search stops at the last
placeholder the page's record counts, unless the builder assembles several pages into one tree
(singlehtml, latex, texinfo, man), where the whole tree must be searched.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from ..read.domain import get_domain
from ..read.nodes import (
    PER_PAGE_BUILDERS,
    adopt,
    current_builder,
    spec_banner,
    spec_node,
    spec_report,
)
from .card import render_banner, render_card
from .covers import ResolveCovers
from .evidence import mark_items
from .reports.evidence import EvidenceRenderer
from .reports.graph import GraphRenderer
from .reports.history import HistoryRenderer
from .reports.matrix import MatrixRenderer
from .reports.stats import StatsRenderer
from .reports.table import TableRenderer
from .reports.timeline import TimelineRenderer

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .reports.base import ReportRenderer

#: The renderer of each report kind (``spec_report["report"]``).
RENDERERS: dict[str, type[ReportRenderer]] = {
    "table": TableRenderer,
    "matrix": MatrixRenderer,
    "stats": StatsRenderer,
    "graph": GraphRenderer,
    "history": HistoryRenderer,
    "timeline": TimelineRenderer,
    "evidence": EvidenceRenderer,
}


def _placeholder(node: nodes.Node) -> bool:
    return isinstance(node, spec_node | spec_banner | spec_report)


class ResolvePlaceholders(SphinxPostTransform):
    """Replace the card, banner and report placeholders of the page."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        builder = current_builder(self.env)
        docname = self.env.docname
        expected = None  # every placeholder of the tree
        index = domain.index
        per_page = builder.name in PER_PAGE_BUILDERS
        if per_page:
            doc = index.docs.get(docname)
            if doc is None or (doc.spec is None and not doc.reports):
                return
            # The record counts the page's placeholders (a spec's card and banner, its reports):
            # the search stops at the last, so a spec page, whose card and banner stand under
            # its title, is not walked to its end.
            expected = (2 if doc.spec is not None else 0) + len(doc.reports)
        found = list(islice(self.document.findall(_placeholder), expected))
        if not found:
            return
        for node in found:
            if isinstance(node, spec_node):
                parent, at = node.parent, node.parent.index(node)
                render_card(node, domain, docname, builder)
                # the card is built apart: tell its nodes their document before Sphinx replaces
                # its links (each replacement would otherwise walk up all its ancestors)
                if at < len(parent):
                    adopt(parent[at], self.document)
            elif isinstance(node, spec_banner):
                render_banner(node, domain, docname)
            elif isinstance(node, spec_report):
                RENDERERS[node["report"]](domain, docname, builder).render(node)


class MarkEvidence(SphinxPostTransform):
    """Add each tracked item's evidence line (:func:`.evidence.mark_items`): after the
    post-transforms that walk the whole tree for nodes it never holds (references to resolve,
    ``only``, images, signatures), so that they do not walk its 20,000 tests' lines too; before
    LaTeX's ``latex_show_urls`` (400), which gives its code links their footnotes."""

    default_priority = 399

    def run(self, **kwargs: Any) -> None:
        index = get_domain(self.env).index
        if not index.evidence.active:
            return
        docname = self.env.docname
        per_page = current_builder(self.env).name in PER_PAGE_BUILDERS
        if not per_page or docname in index.spec_of_doc:
            mark_items(self.document, index, docname if per_page else "")


def setup_resolve(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_post_transform(ResolvePlaceholders)
    app.add_post_transform(ResolveCovers)
    app.add_post_transform(MarkEvidence)
