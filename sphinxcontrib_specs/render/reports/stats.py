"""``spec-stats``: how many selected specs per status (or team, template, tag, author)::

spec_report(report="stats")  ->  container.specs-report.specs-stats
                                    [raw svg.specs-chart]                      (HTML only)
                                    table.specs-stats-table
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.reportdefs import DEFAULT_STATS_BY, STATS_BY
from ...i18n import _, builtin_label
from ..cells import Badge, Text, status_class
from .base import ReportDirective, ReportRenderer, grouped, percent

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ..tables import SegmentRow


class SpecStatsDirective(ReportDirective):
    """``spec-stats``: how many selected specs per status (or team, template, tag, author)."""

    report = "stats"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "by": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        return {"by": self.choices("by", tuple(STATS_BY), (DEFAULT_STATS_BY,))[0]}


class StatsRenderer(ReportRenderer):
    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        by = options.get("by") or DEFAULT_STATS_BY
        specs = self.selected(options)
        counts = Counter({key: len(members) for key, members in grouped(specs, by).items()})
        order = self.status_order() if by == "status" else []
        keys = sorted(
            counts,
            key=lambda k: (order.index(k) if k in order else len(order), -counts[k], k.casefold()),
        )
        total = len(specs)
        rows: list[SegmentRow] = [
            (
                [
                    [Badge(key)] if by == "status" else [Text(key)],
                    [Text(str(counts[key]))],
                    [Text(percent(counts[key], total))],
                ],
                ["specs-stats-row", status_class(key) if by == "status" else ""],
            )
            for key in keys
        ]
        table = self.table_node(
            [builtin_label(STATS_BY[by]), _("Specs"), _("Share")],
            rows,
            classes=["specs-stats-table"],
            widths=[50, 25, 25],
        )
        result: list[nodes.Node] = []
        if self.html and keys:
            svg = bar_chart(
                [(k, counts[k], status_class(k) if by == "status" else "") for k in keys]
            )
            result.append(nodes.raw("", svg, format="html"))
        result.append(table)
        return result


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


def setup_stats(app: Sphinx) -> None:
    app.add_directive("spec-stats", SpecStatsDirective)
