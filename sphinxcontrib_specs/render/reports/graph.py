"""``spec-graph``: the supersedes / depends-on / related graph of the selected specs::

    spec_report(report="graph")  ->  container.specs-report.specs-graph: graphviz node

The DOT source is built here (every label quoted by :func:`dot_quote`); ``sphinx.ext.graphviz``
renders it for each builder.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.colors import DEFAULT_COLORS, slug, text_color
from ...core.reportdefs import GRAPH_LINKS
from ...core.values import sort_key
from ...i18n import _, from_project
from .base import ReportDirective, ReportRenderer

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ...core.model import SpecRecord


class SpecGraphDirective(ReportDirective):
    """``spec-graph``: the supersedes / depends-on / related graph of the selected specs."""

    report = "graph"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "links": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        return {"links": self.choices("links", GRAPH_LINKS, GRAPH_LINKS)}


class GraphRenderer(ReportRenderer):
    def uri(self, spec: SpecRecord) -> str | None:
        """Where a node of the graph links to (HTML builders only)."""
        if not self.html:
            return None
        if spec.external:
            return spec.url or None
        if self.builder.name == "singlehtml":
            return f"#{spec.anchor}"
        return f"{self.builder.get_relative_uri(self.docname, spec.docname)}#{spec.anchor}"

    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        from sphinx.ext.graphviz import graphviz

        specs = sorted(self.selected(options), key=lambda s: sort_key(s.id))
        if not specs:
            message = self.empty_message(options)
            return [nodes.paragraph(message, message, classes=["specs-empty"])]
        links = options.get("links") or list(GRAPH_LINKS)
        node = graphviz()
        node["code"] = dot_source(specs, links, self.uri, self.settings.palette())
        node["options"] = {"docname": self.docname}
        node["alt"] = _("Graph of {ids}").format(ids=", ".join(s.id for s in specs))
        node["classes"] = ["specs-graph-image"]
        return [node]


def dot_quote(value: str) -> str:
    """A DOT string literal: quotes and backslashes escaped, line breaks kept as DOT's ``\\n``."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"\r\n|\r|\n", r"\\n", value) + '"'


def dot_source(
    specs: list[SpecRecord],
    links: list[str],
    uri: Callable[[SpecRecord], str | None],
    colors: dict[str, str] | None = None,
) -> str:
    """The DOT graph of ``specs``; ``colors`` maps status slugs to fill colours."""
    colors = colors or DEFAULT_COLORS
    ids = {s.id for s in specs}
    lines = [
        "digraph specs {",
        '  graph [rankdir=LR, fontname="sans-serif", fontsize=10, bgcolor="transparent"];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=10, '
        'color="#00000033"];',
        '  edge [fontname="sans-serif", fontsize=9, color="#6b7280", fontcolor="#6b7280"];',
    ]
    for spec in specs:
        title = spec.title if len(spec.title) <= 40 else spec.title[:39] + "…"
        attrs = {
            "label": f"{spec.id}\n{title}",
            "fillcolor": colors.get(slug(spec.status), colors["unknown"]),
            "fontcolor": text_color(colors.get(slug(spec.status), colors["unknown"])),
            "tooltip": f"{spec.title} (" + (spec.status or _("no status")) + ")",
        }
        if spec.external:
            # An imported spec (specs_import): dashed, and where it comes from.
            attrs["label"] += f"\n({spec.external})"
            attrs["style"] = "rounded,filled,dashed"
            attrs["tooltip"] += from_project(spec.external)
        target = uri(spec)
        if target:
            attrs["URL"] = target
            attrs["target"] = "_top"
        rendered = ", ".join(f"{k}={dot_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {dot_quote(spec.id)} [{rendered}];")
    seen_related: set[tuple[str, str]] = set()
    for spec in specs:
        if "supersedes" in links:
            for target in spec.supersedes:
                if target in ids:
                    lines.append(
                        f"  {dot_quote(spec.id)} -> {dot_quote(target)} "
                        "[label=" + dot_quote(_("supersedes")) + ", style=bold];"
                    )
        if "depends-on" in links:
            for target in spec.depends_on:
                if target in ids:
                    lines.append(
                        f"  {dot_quote(spec.id)} -> {dot_quote(target)} "
                        "[label=" + dot_quote(_("depends on")) + "];"
                    )
        if "related" in links:
            for target in spec.related:
                pair = (min(spec.id, target), max(spec.id, target))
                if target in ids and pair not in seen_related:
                    seen_related.add(pair)
                    lines.append(
                        f"  {dot_quote(spec.id)} -> {dot_quote(target)} "
                        "[label=" + dot_quote(_("related")) + ", style=dashed, dir=none];"
                    )
    lines.append("}")
    return "\n".join(lines) + "\n"


def setup_graph(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_directive("spec-graph", SpecGraphDirective)
