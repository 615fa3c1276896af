"""``spec-timeline``: how many selected specs were in each status over time (git history)::

    spec_report(report="timeline")  ->  container.specs-report.specs-timeline
                                          [raw svg.specs-chart.specs-timeline-chart]  (HTML only)
                                          table.specs-timeline-table (Date, one column per status)

The points in time are the dates of the selected specs' status changes (the last
:data:`MAX_POINTS` of them) and the build's date; at each, a spec counts in the status of its last
change on or before that date (a spec not yet created does not count).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from ...core.history import build_date
from ...i18n import _
from ..cells import Text, status_class
from .base import ReportDirective, ReportRenderer

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from ...core.history import History
    from ..cells import Segment
    from ..tables import SegmentRow

#: The most points in time a timeline shows (the newest).
MAX_POINTS = 40


class SpecTimelineDirective(ReportDirective):
    """``spec-timeline``: the number of selected specs in each status over time."""

    report = "timeline"


def status_at(history: History, date: str) -> str | None:
    """The status of the last change on or before ``date``; None before the first."""
    status = None
    for change in history.changes:
        if change.date > date:
            break
        status = change.after or _("No status")
    return status


def counts_over_time(histories: list[History], today: str) -> list[tuple[str, dict[str, int]]]:
    """``[(date, {status: count})]`` at each change date and ``today``, oldest first."""
    dates = sorted({c.date for h in histories for c in h.changes if c.date <= today} | {today})
    result = []
    for date in dates[-MAX_POINTS:]:
        counts: dict[str, int] = {}
        for history in histories:
            status = status_at(history, date)
            if status is not None:
                counts[status] = counts.get(status, 0) + 1
        result.append((date, counts))
    return result


class TimelineRenderer(ReportRenderer):
    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        from docutils import nodes

        histories = []
        for spec in self.selected(options):
            history = self.domain.history.get(spec.id)
            if history is not None and history.changes:
                histories.append(history)
        points = counts_over_time(histories, build_date().isoformat()) if histories else []
        seen = {status for _, counts in points for status in counts}
        order = [s for s in self.status_order() if s in seen]
        order += sorted(seen - set(order))
        rows: list[SegmentRow] = []
        for date, counts in points:
            cells: list[list[Segment]] = [[Text(date)]]
            cells += [[Text(str(counts.get(s, 0)))] for s in order]
            rows.append((cells, ["specs-timeline-row"]))
        empty = (
            _("No status history") if options.get("valid", True) else self.empty_message(options)
        )
        table = self.table_node(
            [_("Date"), *order], rows, classes=["specs-timeline-table"], empty=empty
        )
        result: list[nodes.Node] = []
        if self.html and points:
            result.append(nodes.raw("", stacked_chart(points, order), format="html"))
        result.append(table)
        return result


def stacked_chart(points: list[tuple[str, dict[str, int]]], order: list[str]) -> str:
    """Stacked columns, one per date, in the status colours (``specs-bar`` + status class, as
    spec-stats: the theme's light and dark colours apply); ElementTree escapes every label."""
    column, gap, chart_height, label_height = 18, 6, 160, 70
    width = len(points) * (column + gap) + 40
    height = chart_height + label_height
    most = max(sum(counts.values()) for _, counts in points) or 1
    summary = "; ".join(
        f"{date}: " + ", ".join(f"{s} {counts[s]}" for s in order if counts.get(s))
        for date, counts in points
    )
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "specs-chart specs-timeline-chart",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-label": summary,
        },
    )
    for i, (date, counts) in enumerate(points):
        x = 30 + i * (column + gap)
        top = chart_height
        for status in order:
            count = counts.get(status, 0)
            if not count:
                continue
            size = round(chart_height * 0.95 * count / most)
            top -= size
            rect = ET.SubElement(
                svg,
                "rect",
                {
                    "x": str(x),
                    "y": str(top),
                    "width": str(column),
                    "height": str(size),
                    "class": f"specs-bar {status_class(status)}",
                },
            )
            ET.SubElement(rect, "title").text = f"{date}: {status} {count}"
        label = ET.SubElement(
            svg,
            "text",
            {
                "x": str(x + column // 2),
                "y": str(chart_height + 8),
                "transform": f"rotate(60 {x + column // 2} {chart_height + 8})",
                "class": "specs-timeline-date",
            },
        )
        label.text = date
    return ET.tostring(svg, encoding="unicode")


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("spec-timeline", SpecTimelineDirective)
