"""The ``{covers}`` links at write time.

The role leaves one light :class:`~.read.nodes.spec_covers` per use (its targets as
data and one Text), not a ``pending_xref``, an ``inline`` and a ``Text`` per target: Sphinx keeps
every page's doctree from its reading until its writing, and each docutils element costs over
1 KiB there (at 1,000 specs with five ``{covers}`` each, 10,000 nodes and 10 MiB fewer).

:class:`ResolveCovers` runs before Sphinx's resolver (priority 10). For the HTML writer during
the write phase (:func:`.lightcard.writing`) it resolves every target through the domain at once
(``SpecsDomain.href``, what Sphinx's resolver would make of the ``pending_xref``) and
:func:`visit_covers_html` writes the links from them; a target the domain does not know, and
every other builder, gets the docutils form, one ``pending_xref`` per target inside an ``inline``
of class ``specs-covers``, that Sphinx resolves (or hands to intersphinx and the
``missing-reference`` handlers) as before. A node that reaches a writer unresolved (a heading's
copy in a table of contents) is written as its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..read.domain import get_domain
from ..read.nodes import current_builder, find_all, spec_covers
from ..read.roles import spec_xref
from .cells import Ref
from .lightcard import html_writer, writing, xref_segment

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


def _links(node: spec_covers) -> zip[tuple[str, str]]:
    """Each link's label (its target as written) and full target."""
    return zip(node["specs_covers"], node["specs_targets"], strict=True)


def expand(node: spec_covers) -> None:
    """Replace ``node`` with its docutils form: an ``inline`` with one ``pending_xref`` per
    target, as Sphinx's resolver and every writer know them."""
    marker = nodes.inline("", classes=["specs-covers"])
    marker["specs_covers"], marker["specs_line"] = node["specs_covers"], node["specs_line"]
    marker.source, marker.line = node.source, node.line
    node.replace_self(marker)  # first, so that the links learn their document from it
    for i, (label, target) in enumerate(_links(node)):
        if i:
            marker += nodes.Text(", ")
        xref = spec_xref(label, node["refdoc"])
        xref["reftarget"] = target
        marker += xref


class ResolveCovers(SphinxPostTransform):
    """Resolve the page's ``{covers}`` links (see the module's docstring)."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        found = find_all(self.document, spec_covers)
        if not found:
            return
        builder = current_builder(self.env)
        if not (builder.format == "html" and writing(builder)):
            for node in found:
                expand(node)
            return
        domain = get_domain(self.env)
        for node in found:
            docname = node["refdoc"]
            links = []
            for label, target in _links(node):
                link = xref_segment(domain, target, label, docname, builder)
                if link is None:
                    break
                links.append(link)
            else:
                node["specs_links"] = links
                continue
            expand(node)


def visit_covers_html(self: HTML5Translator, node: spec_covers) -> None:
    """The links as Sphinx writes the resolved docutils form; an unresolved node's targets as
    the text of the unresolved links."""
    w = html_writer(self)
    links = node.get("specs_links")
    if links is None:  # each written as the pending_xref Sphinx cannot resolve
        links = [Ref(label) for label in node["specs_covers"]]
    html = w.encode(", ").join([link.html(w) for link in links])
    self.body.append(f"{w.tag('span', 'specs-covers')}{html}</span>")
    raise nodes.SkipNode
