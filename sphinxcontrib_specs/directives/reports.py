"""The report directives: ``spec-table``, ``spec-matrix``, ``spec-stats``, ``spec-graph``.

Each checks its options where it stands (a ``specs.filter`` warning at the directive's line for a
filter that does not parse, an unknown field, column or kind), records itself in the domain so that
the page is written again whenever a spec it could show changes, and leaves a
:class:`~sphinxcontrib_specs.nodes.spec_report` placeholder that :mod:`..render.reports` fills in
once every page is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.model import ReportRecord, split_list
from ..core.query import FIELDS, SELECTION_OPTIONS, TABLE_COLUMNS, FilterError, Selection
from ..domain import get_domain
from ..nodes import spec_report
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

DEFAULT_COLUMNS = ("id", "title", "status", "authors", "updated")
GROUP_BY = ("status", "team", "template", "tag")
STATS_BY = ("status", "team", "template", "tag", "author")
GRAPH_LINKS = ("supersedes", "depends-on", "related")

_SELECTION_SPEC: dict[str, Callable[[str], Any]] = {
    name: directives.unchanged for name in SELECTION_OPTIONS
}


class ReportDirective(SphinxDirective):
    """Common to the four reports: the selection options, the checks, the placeholder."""

    report: ClassVar[str]
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **_SELECTION_SPEC,
        "class": directives.class_option,
    }

    def problem(self, message: str) -> None:
        warn(SpecsWarning.FILTER, message, location=(self.env.docname, self.lineno))

    def choices(self, name: str, allowed: tuple[str, ...], default: tuple[str, ...]) -> list[str]:
        """A comma list option, each value checked against ``allowed``."""
        values = split_list(self.options.get(name)) or list(default)
        good = []
        for value in values:
            value = value.lower()
            if value.lstrip("-") in allowed:
                good.append(value)
            else:
                self.problem(
                    f"{self.name}: unknown {name} value {value!r}; known: {', '.join(allowed)}"
                )
        return good or list(default)

    def check_selection(self) -> bool:
        settings = get_domain(self.env).settings
        known = (*FIELDS, *settings.fields)
        try:
            Selection.from_options(self.options, known)
        except FilterError as exc:
            self.problem(f"{self.name}: bad :filter: {self.options.get('filter')!r}: {exc}")
            return False
        statuses = sorted({s for t in settings.templates.values() for s in t.statuses})
        folded = {s.casefold() for s in statuses}
        for status in split_list(self.options.get("status")):
            if status.casefold() not in folded:
                self.problem(
                    f"{self.name}: no template has the status {status!r}; "
                    f"known: {', '.join(statuses)}"
                )
        for name in split_list(self.options.get("template")):
            if name not in settings.templates:
                self.problem(
                    f"{self.name}: unknown template {name!r}; known: "
                    f"{', '.join(sorted(settings.templates))}"
                )
        return True

    def report_options(self) -> dict[str, Any]:
        """The options the renderer reads, beyond the selection."""
        return {}

    def run(self) -> list[nodes.Node]:
        valid = self.check_selection()
        options: dict[str, Any] = {
            name: self.options[name] for name in SELECTION_OPTIONS if self.options.get(name)
        }
        options.update(self.report_options())
        options["valid"] = valid
        record = ReportRecord(
            kind=self.report, options=tuple(sorted(options.items())), lineno=self.lineno
        )
        get_domain(self.env).doc(self.env.docname).reports.append(record)
        node = spec_report(
            "",
            report=self.report,
            options=options,
            classes=[f"specs-{self.report}", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        return [node]


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
        sort = self.choices("sort", TABLE_COLUMNS, ("id",))[:1]
        group = self.options.get("group-by", "").strip().lower()
        if group and group not in GROUP_BY:
            self.problem(f"spec-table: unknown :group-by: {group!r}; known: {', '.join(GROUP_BY)}")
            group = ""
        return {"columns": columns, "sort": sort[0], "group-by": group}


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
            "from": self.choices("from", kinds, ("goal", "requirement")),
            "to": self.choices("to", kinds, ("dod",)),
        }


class SpecStatsDirective(ReportDirective):
    """``spec-stats``: how many selected specs per status (or team, template, tag, author)."""

    report = "stats"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "by": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        return {"by": self.choices("by", STATS_BY, ("status",))[0]}


class SpecGraphDirective(ReportDirective):
    """``spec-graph``: the supersedes / depends-on / related graph of the selected specs."""

    report = "graph"
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **ReportDirective.option_spec,
        "links": directives.unchanged,
    }

    def report_options(self) -> dict[str, Any]:
        return {"links": self.choices("links", GRAPH_LINKS, GRAPH_LINKS)}


def setup_report_directives(app: Sphinx) -> None:
    app.add_directive("spec-table", SpecTableDirective)
    app.add_directive("spec-matrix", SpecMatrixDirective)
    app.add_directive("spec-stats", SpecStatsDirective)
    app.add_directive("spec-graph", SpecGraphDirective)
