"""``spec-matrix``: goals and requirements, the items that cover them, and the coverage::

    spec_report(report="matrix")  ->  container.specs-report.specs-matrix
                                         container.specs-table-scroll table.specs-matrix-table
                                         paragraph.specs-coverage

The rows come from :func:`~sphinxcontrib_specs.core.traceability.trace_rows`, the computation
``sphinx-specs report`` shares. Each covering item of a cell is its own block (no separator text
that could be left alone on a line when the cell wraps).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.traceability import DEFAULT_SOURCES, DEFAULT_TARGETS, TraceRow, coverage, trace_rows
from ...i18n import _, builtin_label
from ...read.domain import get_domain
from ..cells import Covering, Link, Ref, Segment, Span, Suspect, Text, joined
from ..evidence import counted
from ..tables import Rows, SegmentRow
from .base import ReportDirective, ReportRenderer, external_mark, percent

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


class SpecMatrixDirective(ReportDirective):
    """``spec-matrix``: goals and requirements, the items that cover them, coverage."""

    report = "matrix"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "from": directives.unchanged,
        "to": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        kinds = tuple(k.kind for k in get_domain(self.env).settings.item_kinds.values())
        return {
            "from": self.choices("from", kinds, DEFAULT_SOURCES),
            "to": self.choices("to", kinds, DEFAULT_TARGETS),
        }


class MatrixRenderer(ReportRenderer):
    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        sources = options.get("from") or DEFAULT_SOURCES
        targets = options.get("to") or DEFAULT_TARGETS
        trace = trace_rows(self.index, self.selected(options), sources, targets)
        # a Tests column when a row's item or a covering item has test results or code markers
        tests = self.index.evidence.active and any(self.tests_cell(row) for row in trace)
        headers = [_("Item"), _("Covered by"), _("Issues"), _("State")]
        widths = [40, 35, 15, 10]
        column_classes = ["specs-col-item", "specs-col-covered", "specs-col-issues", ""]
        if tests:
            headers.insert(3, _("Tests"))
            widths = [34, 30, 10, 14, 12]
            column_classes.insert(3, "specs-col-tests")
        shown = ("matrix", sources, targets)  # what a row shows of its item: the kinds it traces
        table = self.table_node(
            headers,
            Rows(lambda: (self.row(row, tests) for row in trace), len(trace)),
            classes=["specs-matrix-table"],
            widths=widths,
            empty=_("No items match"),
            column_classes=column_classes,
            spec_rows=(
                shown,
                lambda: (
                    ((r.spec.id, r.item.id, self.suspect_marks(r)), partial(self.row, r, tests))
                    for r in trace
                ),
            ),
        )
        figures = coverage(trace)
        summary = nodes.paragraph(classes=["specs-coverage"])
        summary += nodes.strong(_("Coverage:"), _("Coverage:"))
        summary += nodes.Text(
            " "
            + _(
                "{covered} of {total} covered ({covered_pct}), {done} of {total} done ({done_pct})."
            ).format(
                covered=figures.covered,
                done=figures.done,
                total=figures.total,
                covered_pct=percent(figures.covered, figures.total),
                done_pct=percent(figures.done, figures.total),
            )
        )
        return [nodes.container("", table, classes=["specs-table-scroll"]), summary]

    def row(self, row: TraceRow, tests: bool = False) -> SegmentRow:
        state: list[Segment] = [Span("specs-state", builtin_label(row.state))]
        if row.at_risk:  # the chain: which item's tests fail
            chain = "; ".join(f"{target}: {', '.join(names)}" for target, names in row.at_risk)
            state.append(Span("specs-risk", f" ({chain})"))  # long test names may wrap
        cells: list[list[Segment]] = [
            [
                Ref(row.full_id, row.full_id, False),  # its text follows: no tooltip
                *external_mark(row.spec),
                Text(f" {row.item.text}"),
            ],
            covering_cell(row, self.suspect_marks(row)),
            joined(Link("specs-issue", t, u) for t, u in row.issues()),
            state,
        ]
        if tests:
            cells.insert(3, self.tests_cell(row))
        return cells, ["specs-matrix-row", f"specs-{row.state.replace(' ', '-')}"]

    def tests_cell(self, row: TraceRow) -> list[Segment]:
        """The results of the tests of the row's item and its covering items:
        ``2 passed, 1 failed`` (and ``code`` when a marker implements one of them)."""
        evidence = self.index.evidence
        targets = [row.full_id, *(f"{s.id}.{i.id}" for s, i in row.covering)]
        found = [evidence.of(t) for t in targets]
        parts = []
        for result in ("passed", "failed", "error", "skipped"):
            count = sum(v.count(result) for v in found)
            if count:
                parts.append(counted(result, count))
        if any(v.code for v in found):
            parts.append(_("code"))
        return [Text(", ".join(parts))] if parts else []

    def suspect_marks(self, row: TraceRow) -> dict[str, tuple[str, str]]:
        """Covering item full ID -> the (text, title) of its mark, for those that are suspect."""
        marks: dict[str, tuple[str, str]] = {}
        suspects = self.domain.suspects  # one look-up per row, not per covering item
        if not suspects:
            return marks
        for spec, item in row.covering:
            cover = f"{spec.id}.{item.id}"
            found = next((s for s in suspects.get(cover, ()) if s.target == row.full_id), None)
            if found is not None:
                if found.commit:
                    commit = _("commit {commit}").format(commit=found.commit[:12])
                else:
                    commit = _("uncommitted edits")
                # Translators: the tooltip of a suspect mark; {commit} is "commit <sha>" or
                # "uncommitted edits"
                title = _(
                    "{item} changed on {date} ({commit}) after {cover} was last changed or "
                    "checked; review {cover}"
                ).format(item=row.full_id, date=found.date, commit=commit, cover=cover)
                marks[cover] = (_("suspect since {date}").format(date=found.date), title)
        return marks


def covering_cell(row: TraceRow, marks: dict[str, tuple[str, str]] | None = None) -> list[Segment]:
    """The covering items of a row, each a ``span.specs-covering`` (a block in HTML); in the
    other writers a ``; `` follows each but the last, inside its span, so it stays on the
    item's line. ``marks``: covering item full ID -> (text, title) of its suspect mark."""
    result: list[Segment] = []
    last = len(row.covering) - 1
    for i, (spec, item) in enumerate(row.covering):
        tail = "" if i == last else ";"
        full_id = f"{spec.id}.{item.id}"
        link = Ref(full_id, tooltip=False)  # the item's text follows: no tooltip to repeat it
        mark = (marks or {}).get(full_id)
        if mark is None:
            result.append(Covering(item.checked, link, item.text + tail))
        else:
            result.append(Covering(item.checked, link, item.text, Suspect(*mark, tail)))
        if i != last:
            result.append(SPACE)
    return result


SPACE = Text(" ")


def setup_matrix(app: Sphinx) -> None:
    app.add_directive("spec-matrix", SpecMatrixDirective)
