"""``spec-table``: a table of the selected specs, sortable and filterable in HTML::

spec_report(report="table")  ->  container.specs-report.specs-table
                                    [spec_table_controls]                        (HTML only)
                                    ([rubric] container.specs-table-scroll
                                                table.specs-table)+              (per group)
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ...core.model import author_email
from ...core.reportdefs import (
    COLUMN_TITLES,
    DEFAULT_COLUMNS,
    DEFAULT_SORT,
    GROUP_BY,
    TABLE_COLUMNS,
)
from ...core.values import sort_key
from ...core.verification import targets_of
from ...i18n import _, builtin_label
from ...read.nodes import spec_table_controls
from ..cells import Badge, Link, Progress, Ref, Segment, Text, joined, status_class
from ..lightcard import html_writer
from ..tables import Rows, SegmentRow
from ..writers import add_html_only_node
from .base import ReportDirective, ReportRenderer, SpecRow, external_mark, grouped

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from ...core.model import SpecRecord


class SpecTableDirective(ReportDirective):
    """``spec-table``: a table of the selected specs."""

    report = "table"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "columns": directives.unchanged,
        "sort": directives.unchanged,
        "group-by": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        columns = self.choices("columns", TABLE_COLUMNS, DEFAULT_COLUMNS)
        columns = [c.lstrip("-") for c in columns]
        sort = self.choices("sort", TABLE_COLUMNS, (DEFAULT_SORT,))[:1]
        group = self.options.get("group-by", "").strip().lower()
        if group and group not in GROUP_BY:
            self.problem(f"spec-table: unknown :group-by: {group!r}; known: {', '.join(GROUP_BY)}")
            group = ""
        return {"columns": columns, "sort": sort[0], "group-by": group}


class TableRenderer(ReportRenderer):
    def rows(self, specs: list[SpecRecord], columns: list[str]) -> Iterator[SegmentRow]:
        return (self.row(spec, columns) for spec in specs)

    def spec_rows(self, specs: list[SpecRecord], columns: list[str]) -> Iterator[SpecRow]:
        stale = "status" in columns  # the status cell's mark: the only thing from outside
        for spec in specs:
            outside = [m.astext() for m in self.stale_mark(spec)] if stale else None
            yield (spec.id, "", outside), partial(self.row, spec, columns)

    def row(self, spec: SpecRecord, columns: list[str]) -> SegmentRow:
        classes = ["specs-row", status_class(spec.status)]
        if spec.external:
            classes.append("specs-external")
        return [self.cell(spec, column, columns) for column in columns], classes

    def cell(self, spec: SpecRecord, column: str, columns: list[str]) -> list[Segment]:
        # a spec link's tooltip is its title, status and import: left out where the row shows
        # them (the ID's cell names the import)
        shown = "status" in columns and (not spec.external or "id" in columns)
        if column == "id":
            tooltip = not (shown and "title" in columns)
            return [Ref(spec.id, spec.id, tooltip), *external_mark(spec)]
        if column == "title":
            return [Ref(spec.id, spec.title, not shown)]
        if column == "status":
            return [Badge(spec.status), *self.stale_mark(spec)]
        if column == "authors":
            # ``Ann Lee <ann@example.org>`` shows its name, linked to the address, as on the card
            return joined(
                Link("specs-author specs-author-email", *mail)
                if (mail := author_email(a))
                else Text(a)
                for a in spec.authors
            )
        if column == "issues":
            return joined(Link("specs-issue", i.text, i.url) for i in spec.issues)
        if column == "progress":
            done, total = spec.progress()
            return [Progress(done, total)] if total else []
        if column == "approvals":
            # "2" approved; "1 of 2" while approvals are requested
            approvers = len({a.name.casefold() for a in spec.approvers})  # a repeat counts once
            if not approvers:
                return []
            given = spec.approvals()
            if given == approvers:
                return [Text(str(given))]
            # Translators: the approvals column of spec-table: approvals given of those requested
            return [Text(_("{given} of {total}").format(given=given, total=approvers))]
        if column == "goals":
            goals = [i for i in spec.items.values() if i.kind == "goal"]
            return joined(Ref(f"{spec.id}.{g.id}", g.id) for g in goals)
        if column == "evidence":
            return self.evidence_cell(spec)
        if column in ("supersedes", "depends-on"):
            targets = spec.supersedes if column == "supersedes" else spec.depends_on
            return joined(Ref(t, t) for t in targets)
        value = {
            "team": spec.team,
            "created": spec.created,
            "updated": spec.updated,
            "tags": ", ".join(spec.tags),
            "template": spec.template,
        }[column]
        return [Text(value)] if value else []

    def evidence_cell(self, spec: SpecRecord) -> list[Segment]:
        """``2 of 3 verified, 1 failing, 2 implemented`` over the spec and its items."""
        evidence = self.index.evidence
        if not evidence.active:
            return []
        counts = evidence.counts(targets_of(spec))
        parts = []
        if counts["tested"]:
            text = _("{verified} of {tested} verified")
            parts.append(text.format(verified=counts["verified"], tested=counts["tested"]))
        if counts["failing"]:
            parts.append(_("{count} failing").format(count=counts["failing"]))
        if counts["implemented"]:
            parts.append(_("{count} implemented").format(count=counts["implemented"]))
        return [Text(", ".join(parts))] if parts else []

    def stale_mark(self, spec: SpecRecord) -> list[Segment]:
        """`` (stale: 75 days)`` after the badge of a spec past its template's stale_after."""
        from ...core.history import build_date, stale_days

        history = self.domain.history.get(spec.id)
        limit = self.settings.template(spec.template).stale_after.get(spec.status or "")
        if not limit or history is None:  # the date is not needed (asked once a row)
            return []
        days = stale_days(limit, history, build_date())
        return [Text(" " + _("(stale: {days} days)").format(days=days))] if days else []

    def sorted_specs(self, specs: list[SpecRecord], sort: str) -> list[SpecRecord]:
        column = sort.lstrip("-")
        values = self.index.values
        keyed = [(sort_key(values(s.id).get(column)), sort_key(s.id), s) for s in specs]
        present = [k for k in keyed if k[0] != (1,)]
        missing = [k for k in keyed if k[0] == (1,)]
        present.sort(key=lambda k: (k[0], k[1]), reverse=sort.startswith("-"))
        missing.sort(key=lambda k: k[1])
        return [k[2] for k in present + missing]

    def groups(self, specs: list[SpecRecord], by: str) -> list[tuple[str, list[SpecRecord]]]:
        buckets = grouped(specs, by)
        order = self.status_order() if by == "status" else []
        return sorted(
            buckets.items(),
            key=lambda kv: (
                order.index(kv[0]) if kv[0] in order else len(order),
                kv[0].startswith("("),
                kv[0].casefold(),
            ),
        )

    def controls(self, specs: list[SpecRecord]) -> spec_table_controls:
        statuses = [s for s in self.status_order() if any(x.status == s for x in specs)]
        statuses += sorted({x.status or "" for x in specs} - set(statuses))
        return spec_table_controls(
            "", statuses=[(status_class(s), s or _("No status")) for s in statuses]
        )

    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        columns: list[str] = options.get("columns") or list(DEFAULT_COLUMNS)
        specs = self.sorted_specs(self.selected(options), options.get("sort") or DEFAULT_SORT)
        group_by = options.get("group-by") or ""
        # no spec selected: one table with the empty row, grouped or not
        groups = self.groups(specs, group_by) if group_by and specs else [("", specs)]
        result: list[nodes.Node] = []
        if self.html and specs:
            result.append(self.controls(specs))
        for label, members in groups:
            if label:
                heading = f"{label} ({len(members)})"
                result.append(nodes.rubric(heading, heading, classes=["specs-group"]))
            rows = Rows(partial(self.rows, members, columns), len(members))
            table = self.table_node(
                [builtin_label(COLUMN_TITLES[c]) for c in columns],
                rows,
                classes=["specs-table"],
                empty=self.empty_message(options),
                column_classes=[f"specs-col-{c}" for c in columns],
                spec_rows=(("table", columns), partial(self.spec_rows, members, columns)),
            )
            result.append(nodes.container("", table, classes=["specs-table-scroll"]))
        return result


def visit_controls_html(self: HTML5Translator, node: spec_table_controls) -> None:
    """The toolbar of an interactive table; hidden until specs.js wires it up, so a reader
    without JavaScript sees only the complete table."""
    w = html_writer(self)
    body = self.body
    # the words of the counts, for specs.js (which holds none of its own)
    counts = {
        "data-count-all": _("{total} specs"),
        "data-count-some": _("{shown} of {total} specs shown"),
    }
    div = self.starttag(
        node, "div", "", False, CLASS="specs-table-controls", hidden="hidden", **counts
    )
    body.append(div)
    body.append(w.tag("label", "specs-search") + self.encode(_("Search")) + " ")
    # Three dots, not an ellipsis: one character above U+00FF makes Python hold the whole page
    # (4 MB for a report over 1,000 specs) and each of Sphinx's copies of it at two bytes a
    # character (see benchmarks/results/2026-12-01-round5.md).
    # Translators: the placeholder of the search box; please keep three dots (...) when the
    # language's own labels need no character above U+00FF
    search = {"type": "search", "placeholder": _("ID, title, author...")}
    body.append(w.tag("input", "specs-search-input", search, empty=True))
    body.append("</label>")
    body.append(w.tag("fieldset", "specs-status-filter") + w.element("legend", _("Status")))
    for css, label in node["statuses"]:
        box = {"type": "checkbox", "value": css, "checked": "checked"}
        body.append(w.tag("label") + w.tag("input", "", box, empty=True))
        body.append(" " + self.encode(label) + "</label>")
    body.append("</fieldset>" + w.tag("span", "specs-count", {"aria-live": "polite"}))
    body.append("</span></div>\n")
    raise nodes.SkipNode


def setup_table(app: Sphinx) -> None:
    add_html_only_node(app, spec_table_controls, visit_controls_html)
    app.add_directive("spec-table", SpecTableDirective)
