"""Write-time rendering of the report placeholders, from the precomputed index::

    spec_report(report="table")   ->  container.specs-report.specs-table
                                         [spec_table_controls]            (HTML only)
                                         ([rubric] table.specs-table)+    (one per group)
    spec_report(report="matrix")  ->  container.specs-report.specs-matrix: table, coverage
    spec_report(report="stats")   ->  container.specs-report.specs-stats: [raw SVG], table
    spec_report(report="graph")   ->  container.specs-report.specs-graph: graphviz node

The SVG chart and the table controls are made for HTML builders only. Cells are built as data
(:data:`Segment`); for HTML a table is one :class:`~sphinxcontrib_specs.nodes.spec_html_table`
written by its visitor (a large report would otherwise be tens of thousands of nodes), for the
other builders a docutils table. Rows link to their specs directly through the domain (an unknown
target stays a ``pending_xref``). Selection, coverage and reverse links come from
:class:`~sphinxcontrib_specs.domain.SpecIndex`, computed once per build.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.query import sort_key
from ..core.traceability import DEFAULT_SOURCES, DEFAULT_TARGETS, TraceRow, coverage, trace_rows
from ..nodes import make_checkbox, spec_html_table, spec_report, spec_table_controls
from ..roles import spec_xref
from .card import badge, link, progress, status_class

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.builders import Builder

    from ..core.index import SpecIndex
    from ..core.model import SpecRecord
    from ..domain import SpecsDomain

COLUMN_TITLES = {
    "id": "ID",
    "title": "Title",
    "status": "Status",
    "authors": "Authors",
    "team": "Team",
    "created": "Created",
    "updated": "Updated",
    "issues": "Issues",
    "tags": "Tags",
    "template": "Template",
    "progress": "Progress",
    "goals": "Goals",
    "supersedes": "Supersedes",
    "depends-on": "Depends on",
}


def make_table(
    headers: list[str],
    rows: Sequence[tuple[Sequence[Sequence[nodes.Node]], list[str]]],
    *,
    classes: list[str],
    widths: list[int] | None = None,
    empty: str = "No specs match",
    column_classes: list[str] | None = None,
) -> nodes.table:
    """A docutils table: a header row, then rows of cells (each a list of inline nodes)."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    if widths is None:
        # The text writer reads colwidth as characters; the other writers only as proportions.
        widths = [
            min(40, max(3, len(header), *(_width(cells[i]) for cells, _ in rows)))
            for i, header in enumerate(headers)
        ]
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(header, header))
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    group += body
    for cells, row_classes in rows:
        row = nodes.row(classes=row_classes)
        for i, cell in enumerate(cells):
            entry = nodes.entry("", nodes.paragraph("", "", *cell))
            if column_classes:
                entry["classes"].append(column_classes[i])
            row += entry
        body += row
    if not rows:
        entry = nodes.entry("", nodes.paragraph(empty, empty), morecols=len(headers) - 1)
        body += nodes.row("", entry, classes=["specs-empty"])
    return table


#: A piece of a report cell, kept as data until the builder is known:
#: ("text", s) ("ref", target, label) ("badge", status) ("progress", done, total)
#: ("url", text, url) ("span", class, text) ("covering", checked, target, text); for HTML,
#: "ref" is resolved to ("a", href, title, text) or ("unresolved", text).
Segment = tuple[Any, ...]


def joined_segments(parts: list[Segment]) -> list[Segment]:
    result: list[Segment] = []
    for i, part in enumerate(parts):
        if i:
            result.append(("text", ", "))
        result.append(part)
    return result


def keys_of(spec: SpecRecord, by: str) -> list[str]:
    """The group(s) a spec falls in, for :group-by: and :by: (a spec has several tags)."""
    if by == "status":
        return [spec.status or "(no status)"]
    if by == "team":
        return [spec.team or "(no team)"]
    if by == "template":
        return [spec.template]
    if by == "tag":
        return spec.tags or ["(no tag)"]
    return spec.authors or ["(no author)"]


def _width(cell: Sequence[nodes.Node]) -> int:
    return len("".join(node.astext() for node in cell))


class ReportRenderer:
    """Renders the reports of one page."""

    def __init__(self, domain: SpecsDomain, docname: str, builder: Builder):
        self.domain = domain
        self.index: SpecIndex = domain.index
        self.settings = domain.settings
        self.docname = docname
        self.builder = builder
        self.html = builder.format == "html"

    # -- selection ---------------------------------------------------------------------------------

    def selected(self, options: dict[str, Any]) -> list[SpecRecord]:
        return self.domain.select(options)

    def xref(self, target: str, label: str | None = None) -> nodes.Node:
        """A link to a spec or item, resolved now (an unknown target stays a pending_xref).

        Reports hold thousands of these: a reference with its text, no inner inline."""
        text = label or target
        resolved = self.domain.link(target, self.docname, self.builder, nodes.Text(text))
        if resolved is None:
            return spec_xref(target, self.docname, label)
        resolved["classes"] += ["xref", "specs-ref"]
        return resolved

    # -- tables ------------------------------------------------------------------------------------

    def table_node(
        self,
        headers: list[str],
        rows: list[tuple[list[list[Segment]], list[str]]],
        *,
        classes: list[str],
        widths: list[int] | None = None,
        empty: str = "No specs match",
        column_classes: list[str] | None = None,
    ) -> nodes.Element:
        """A report table. HTML builders get one :class:`spec_html_table` holding the cells as
        data (a large report would otherwise be tens of thousands of docutils nodes); the other
        builders get a docutils table."""
        if self.html:
            resolved = [
                ([[self.resolve(segment) for segment in cell] for cell in cells], row_classes)
                for cells, row_classes in rows
            ]
            return spec_html_table(
                "",
                headers=headers,
                rows=resolved,
                empty=empty,
                column_classes=column_classes or [],
                classes=classes,
            )
        node_rows = [
            ([self.cell_nodes(cell) for cell in cells], row_classes) for cells, row_classes in rows
        ]
        return make_table(
            headers,
            node_rows,
            classes=classes,
            widths=widths,
            empty=empty,
            column_classes=column_classes,
        )

    def resolve(self, segment: Segment) -> Segment:
        """A segment ready for HTML: spec references become (href, title) links."""
        kind = segment[0]
        if kind == "ref":
            return self.resolve_ref(segment[1], segment[2])
        if kind == "covering":
            _, checked, target, label = segment
            return ("covering", checked, self.resolve_ref(target, target), label)
        return segment

    def resolve_ref(self, target: str, label: str) -> Segment:
        found = self.domain.link(target, self.docname, self.builder, nodes.Text(label))
        if found is None:
            return ("unresolved", label)
        href = f"#{found['refid']}" if "refid" in found else found["refuri"]
        return ("a", href, found.get("reftitle", ""), label)

    def cell_nodes(self, cell: list[Segment]) -> list[nodes.Node]:
        """The docutils nodes of a cell (for builders other than HTML)."""
        result: list[nodes.Node] = []
        for segment in cell:
            kind = segment[0]
            if kind == "text":
                result.append(nodes.Text(segment[1]))
            elif kind == "ref":
                result.append(self.xref(segment[1], segment[2]))
            elif kind == "badge":
                result.append(badge(segment[1]))
            elif kind == "progress":
                result.append(progress(segment[1], segment[2]))
            elif kind == "url":
                result.append(link(segment[1], segment[2], ["specs-issue"]))
            elif kind == "span":
                result.append(nodes.inline(segment[2], segment[2], classes=[segment[1]]))
            elif kind == "covering":
                _, checked, target, label = segment
                entry = nodes.inline(classes=["specs-covering"])
                if checked is not None:
                    entry += make_checkbox(checked)
                    entry += nodes.Text(" ")
                entry += self.xref(target)
                entry += nodes.Text(f" {label}")
                result.append(entry)
        return result

    # -- spec-table --------------------------------------------------------------------------------

    def cell(self, spec: SpecRecord, column: str) -> list[Segment]:
        if column == "id":
            return [("ref", spec.id, spec.id)]
        if column == "title":
            return [("ref", spec.id, spec.title)]
        if column == "status":
            return [("badge", spec.status)]
        if column == "authors":
            return [("text", ", ".join(spec.authors))] if spec.authors else []
        if column == "issues":
            return joined_segments([("url", i.text, i.url) for i in spec.issues])
        if column == "progress":
            done, total = spec.progress()
            return [("progress", done, total)] if total else []
        if column == "goals":
            goals = [i for i in spec.items.values() if i.kind == "goal"]
            return joined_segments([("ref", f"{spec.id}.{g.id}", g.id) for g in goals])
        if column in ("supersedes", "depends-on"):
            targets = spec.supersedes if column == "supersedes" else spec.depends_on
            return joined_segments([("ref", t, t) for t in targets])
        value = {
            "team": spec.team,
            "created": spec.created,
            "updated": spec.updated,
            "tags": ", ".join(spec.tags),
            "template": spec.template,
        }[column]
        return [("text", value)] if value else []

    def sorted_specs(self, specs: list[SpecRecord], sort: str) -> list[SpecRecord]:
        column = sort.lstrip("-")
        field = {"progress": "progress", "goals": "goals"}.get(column, column)
        values = self.index.values
        keyed = [(sort_key(values(s.id).get(field)), sort_key(s.id), s) for s in specs]
        present = [k for k in keyed if k[0] != (1,)]
        missing = [k for k in keyed if k[0] == (1,)]
        present.sort(key=lambda k: (k[0], k[1]), reverse=sort.startswith("-"))
        missing.sort(key=lambda k: k[1])
        return [k[2] for k in present + missing]

    def groups(self, specs: list[SpecRecord], by: str) -> list[tuple[str, list[SpecRecord]]]:
        buckets: dict[str, list[SpecRecord]] = {}
        for spec in specs:
            for key in keys_of(spec, by):
                buckets.setdefault(key, []).append(spec)
        order = self.status_order() if by == "status" else []
        return sorted(
            buckets.items(),
            key=lambda kv: (
                order.index(kv[0]) if kv[0] in order else len(order),
                kv[0].startswith("("),
                kv[0].casefold(),
            ),
        )

    def status_order(self) -> list[str]:
        """Statuses in template order: the default template first, then the others by name."""
        order: list[str] = []
        default = self.settings.template(None)
        for template in [default, *sorted(self.settings.templates.values(), key=lambda t: t.name)]:
            order.extend(s for s in template.statuses if s not in order)
        return order

    def table(self, options: dict[str, Any]) -> list[nodes.Node]:
        columns: list[str] = options.get("columns") or ["id", "title", "status", "authors"]
        specs = self.sorted_specs(self.selected(options), options.get("sort") or "id")
        group_by = options.get("group-by") or ""
        groups = self.groups(specs, group_by) if group_by else [("", specs)]
        result: list[nodes.Node] = []
        if self.html and specs:
            statuses = [s for s in self.status_order() if any(x.status == s for x in specs)]
            statuses += sorted({x.status or "" for x in specs} - set(statuses))
            result.append(
                spec_table_controls(
                    "", statuses=[(status_class(s), s or "No status") for s in statuses]
                )
            )
        for label, members in groups:
            if label:
                heading = f"{label} ({len(members)})"
                result.append(nodes.rubric(heading, heading, classes=["specs-group"]))
            rows = [
                (
                    [self.cell(spec, column) for column in columns],
                    ["specs-row", status_class(spec.status)],
                )
                for spec in members
            ]
            table = self.table_node(
                [COLUMN_TITLES[c] for c in columns],
                rows,
                classes=["specs-table"],
                empty=self.empty_message(options),
                column_classes=[f"specs-col-{c}" for c in columns],
            )
            result.append(nodes.container("", table, classes=["specs-table-scroll"]))
        return result

    def empty_message(self, options: dict[str, Any]) -> str:
        if not options.get("valid", True):
            return "No specs match (the filter has an error; see the build log)"
        return "No specs match"

    # -- spec-matrix -------------------------------------------------------------------------------

    def matrix(self, options: dict[str, Any]) -> list[nodes.Node]:
        trace = trace_rows(
            self.index,
            self.selected(options),
            options.get("from") or DEFAULT_SOURCES,
            options.get("to") or DEFAULT_TARGETS,
        )
        rows = []
        for row in trace:
            cells: list[list[Segment]] = [
                [("ref", row.full_id, row.full_id), ("text", f" {row.item.text}")],
                self.covering_cell(row),
                joined_segments([("url", t, u) for t, u in row.issues()]),
                [("span", "specs-state", row.state)],
            ]
            rows.append((cells, ["specs-matrix-row", f"specs-{row.state.replace(' ', '-')}"]))
        table = self.table_node(
            ["Item", "Covered by", "Issues", "State"],
            rows,
            classes=["specs-matrix-table"],
            widths=[40, 35, 15, 10],
            empty="No items match",
        )
        figures = coverage(trace)
        summary = nodes.paragraph(classes=["specs-coverage"])
        summary += nodes.strong("Coverage:", "Coverage:")
        summary += nodes.Text(
            f" {figures.covered} of {figures.total} covered "
            f"({percent(figures.covered, figures.total)}), "
            f"{figures.done} of {figures.total} done ({percent(figures.done, figures.total)})."
        )
        return [nodes.container("", table, classes=["specs-table-scroll"]), summary]

    def covering_cell(self, row: TraceRow) -> list[Segment]:
        result: list[Segment] = []
        for i, (spec, item) in enumerate(row.covering):
            if i:
                result.append(("text", "; "))
            result.append(("covering", item.checked, f"{spec.id}.{item.id}", item.text))
        return result

    # -- spec-stats --------------------------------------------------------------------------------

    def stats(self, options: dict[str, Any]) -> list[nodes.Node]:
        by = options.get("by") or "status"
        specs = self.selected(options)
        counts: Counter[str] = Counter()
        for spec in specs:
            counts.update(keys_of(spec, by))
        order = self.status_order() if by == "status" else []
        keys = sorted(
            counts,
            key=lambda k: (order.index(k) if k in order else len(order), -counts[k], k.casefold()),
        )
        total = len(specs)
        rows = [
            (
                [
                    [("badge", key)] if by == "status" else [("text", key)],
                    [("text", str(counts[key]))],
                    [("text", percent(counts[key], total))],
                ],
                ["specs-stats-row", status_class(key) if by == "status" else ""],
            )
            for key in keys
        ]
        label = {"status": "Status", "team": "Team", "template": "Template", "tag": "Tag"}.get(
            by, "Author"
        )
        table = self.table_node(
            [label, "Specs", "Share"], rows, classes=["specs-stats-table"], widths=[50, 25, 25]
        )
        result: list[nodes.Node] = []
        if self.html and keys:
            svg = bar_chart(
                [(k, counts[k], status_class(k) if by == "status" else "") for k in keys]
            )
            result.append(nodes.raw("", svg, format="html"))
        result.append(table)
        return result

    # -- spec-graph --------------------------------------------------------------------------------

    def graph(self, options: dict[str, Any], builder_name: str, uri: Any) -> list[nodes.Node]:
        from sphinx.ext.graphviz import graphviz

        specs = sorted(self.selected(options), key=lambda s: sort_key(s.id))
        if not specs:
            message = self.empty_message(options)
            return [nodes.paragraph(message, message, classes=["specs-empty"])]
        links = options.get("links") or ["supersedes", "depends-on", "related"]
        node = graphviz()
        node["code"] = dot_source(specs, links, uri, self.settings.palette())
        node["options"] = {"docname": self.docname}
        node["alt"] = "Graph of " + ", ".join(s.id for s in specs)
        node["classes"] = ["specs-graph-image"]
        return [node]


def percent(part: int, total: int) -> str:
    return f"{round(100 * part / total)}%" if total else "n/a"


def bar_chart(bars: list[tuple[str, int, str]]) -> str:
    """A small horizontal bar chart as inline SVG; ElementTree escapes every label."""
    row, label_width, bar_width = 22, 150, 260
    height = row * len(bars) + 4
    width = label_width + bar_width + 50
    most = max(count for _, count, _ in bars) or 1
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "specs-chart",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-label": "; ".join(f"{label}: {count}" for label, count, _ in bars),
        },
    )
    for i, (label, count, css) in enumerate(bars):
        y = i * row + 2
        text_node = ET.SubElement(
            svg, "text", {"x": str(label_width - 8), "y": str(y + 15), "text-anchor": "end"}
        )
        text_node.text = label if len(label) <= 24 else label[:23] + "…"
        length = max(2, round(bar_width * count / most))
        ET.SubElement(
            svg,
            "rect",
            {
                "x": str(label_width),
                "y": str(y + 3),
                "width": str(length),
                "height": str(row - 8),
                "rx": "3",
                "class": f"specs-bar {css}".strip(),
            },
        )
        count_node = ET.SubElement(
            svg, "text", {"x": str(label_width + length + 6), "y": str(y + 15)}
        )
        count_node.text = str(count)
    return ET.tostring(svg, encoding="unicode")


def dot_quote(value: str) -> str:
    """A DOT string literal: quotes and backslashes escaped, line breaks kept as DOT's ``\\n``."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"\r\n|\r|\n", r"\\n", value) + '"'


def dot_source(
    specs: list[SpecRecord], links: list[str], uri: Any, colors: dict[str, str] | None = None
) -> str:
    """The DOT graph of ``specs``; ``colors`` maps status slugs to fill colours."""
    from ..core.colors import DEFAULT_COLORS, slug, text_color

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
            "tooltip": f"{spec.title} ({spec.status or 'no status'})",
        }
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
                        '[label="supersedes", style=bold];'
                    )
        if "depends-on" in links:
            for target in spec.depends_on:
                if target in ids:
                    lines.append(
                        f'  {dot_quote(spec.id)} -> {dot_quote(target)} [label="depends on"];'
                    )
        if "related" in links:
            for target in spec.related:
                pair = (min(spec.id, target), max(spec.id, target))
                if target in ids and pair not in seen_related:
                    seen_related.add(pair)
                    lines.append(
                        f"  {dot_quote(spec.id)} -> {dot_quote(target)} "
                        '[label="related", style=dashed, dir=none];'
                    )
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_report(node: spec_report, renderer: ReportRenderer, builder: Builder) -> None:
    """Replace a report placeholder."""
    kind = node["report"]
    options = node["options"]
    if kind == "table":
        content = renderer.table(options)
    elif kind == "matrix":
        content = renderer.matrix(options)
    elif kind == "stats":
        content = renderer.stats(options)
    else:
        docname = renderer.docname

        def uri(spec: SpecRecord) -> str | None:
            if not renderer.html:
                return None
            if builder.name == "singlehtml":
                return f"#{spec.anchor}"
            return f"{builder.get_relative_uri(docname, spec.docname)}#{spec.anchor}"

        content = renderer.graph(options, builder.name, uri)
    # "no-search": a report repeats what the specs' own pages say; search should find those.
    node.replace_self(
        nodes.container(
            "", *content, classes=["specs-report", "no-search", *node.get("classes", [])]
        )
    )
