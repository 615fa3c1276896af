"""``spec-history``: a spec's whole history, or the recent status changes of selected specs.

``spec_report(report="history")``: on a spec's page without selection options, that spec's whole
history; elsewhere the status changes of the selected specs, newest first, since ``:since:`` (a
date or ``30d``) when given::

    container.specs-report.specs-history   table.specs-history-table (Date, [Spec,] Change, ...)

The card's history block is :mod:`.historycard`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives

from ...core.history import build_date, parse_since
from ...core.query import SELECTION_OPTIONS
from ...i18n import _
from ..cells import Ref, Text
from ..historycard import (
    depart_details_html,
    move_text,
    spec_history_details,
    visit_details_html,
)
from .base import ReportDirective, ReportRenderer

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

    from ...core.history import Change
    from ..cells import Segment
    from ..tables import SegmentRow


class SpecHistoryDirective(ReportDirective):
    """``spec-history``: a spec's whole history, or the recent changes of the selected specs."""

    report = "history"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "since": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        since = self.options.get("since", "").strip()
        if since and parse_since(since, build_date()) is None:
            self.problem(f"spec-history: bad :since: {since!r}; write a date (2026-01-01) or 30d")
            since = ""
        return {"since": since}


class HistoryRenderer(ReportRenderer):
    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        doc = self.domain.docs.get(self.docname)
        own = doc.spec if doc is not None else None
        selecting = any(options.get(name) for name in SELECTION_OPTIONS) or options.get("since")
        specs = [own] if own is not None and not selecting else self.selected(options)
        cutoff = parse_since(options.get("since") or "", build_date())
        found: list[tuple[str, str, Change]] = []
        for spec in specs:
            history = self.domain.history.get(spec.id)
            for change in history.changes if history else []:
                if cutoff is None or change.date >= cutoff.isoformat():
                    found.append((change.date, spec.id, change))
        found.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        with_spec = len(specs) != 1 or own is None or bool(selecting)
        headers = [_("Date"), *([_("Spec")] if with_spec else []), _("Change"), _("Commit")]
        headers.append(_("Author"))
        rows: list[SegmentRow] = []
        for date, spec_id, change in found:
            cells: list[list[Segment]] = [[Text(date)]]
            if with_spec:
                cells.append([Ref(spec_id, spec_id)])
            cells += [
                [Text(move_text(change))],
                [Text(change.commit[:7] or _("uncommitted"))],
                [Text(change.author)] if change.author else [],
            ]
            rows.append((cells, ["specs-history-row"]))
        empty = (
            _("No status changes") if options.get("valid", True) else self.empty_message(options)
        )
        return [self.table_node(headers, rows, classes=["specs-history-table"], empty=empty)]


def setup_history(app: Sphinx) -> None:
    """The details node exists for HTML-format builders only (the others get ``history_cell``)."""
    app.add_node(spec_history_details, html=(visit_details_html, depart_details_html))
    app.add_directive("spec-history", SpecHistoryDirective)
