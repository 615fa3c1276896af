"""What the four reports share: the directive's selection options and checks, the placeholder,
and the renderer's selection, links, tables and the container that replaces the placeholder.

Each report lives in its own module (:mod:`.table`, :mod:`.matrix`, :mod:`.stats`, :mod:`.graph`)
with its directive, its renderer and its ``setup_*``::

    read:   spec-xxx directive  ->  spec_report(report="xxx", options={...})   (checked options)
    write:  spec_report         ->  container.specs-report.specs-xxx [content]

Options are stored once, on the node (``node["options"]``, a dict of parsed values). Rows link to
their specs directly through the domain (an unknown target stays a ``pending_xref``); selection,
coverage and reverse links come from the index, computed once per build.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ...core.model import split_list
from ...core.query import SELECTION_OPTIONS, FilterError, Selection
from ...core.values import FIELDS
from ...i18n import _
from ...read.domain import get_domain
from ...read.nodes import spec_report
from ...read.roles import spec_xref
from ...warnings_ import SpecsWarning, warn
from ..cells import Anchor, Segment, Span, Unresolved
from ..tables import KeyedRow, Rows, SegmentRow, build_table, html_table, supports_spanning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sphinx.builders import Builder

    from ...core.index import SpecIndex
    from ...core.model import SpecRecord
    from ...read.domain import SpecsDomain
    from ..cells import Ref


#: A report row named by its spec, its part of it (``""``, or an item's ID) and what it shows from
#: outside the pages (:meth:`ReportRenderer.spec_row_key`), and how to make it.
SpecRow = tuple[tuple[str, str, object], "Callable[[], SegmentRow]"]


class ReportDirective(SphinxDirective):
    """Common to the four reports: the selection options, the checks, the placeholder."""

    report: ClassVar[str]
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **dict.fromkeys(SELECTION_OPTIONS, directives.unchanged),
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
        node = spec_report(
            "",
            report=self.report,
            options=options,
            classes=[f"specs-{self.report}", *self.options.get("class", [])],
        )
        self.set_source_info(node)
        return [node]


class ReportRenderer:
    """Renders one report of a page; a subclass per report kind implements :meth:`content`."""

    def __init__(self, domain: SpecsDomain, docname: str, builder: Builder):
        self.domain = domain
        self.index: SpecIndex = domain.index
        self.settings = domain.settings
        self.docname = docname
        self.builder = builder
        self.html = builder.format == "html"
        self.pages: dict[str, str] = {}  # page -> its URI from this one (SpecsDomain.href)

    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        raise NotImplementedError

    def render(self, node: spec_report) -> None:
        """Replace the placeholder. "no-search": a report repeats what the specs' own pages
        say; search should find those."""
        content = self.content(node["options"])
        classes = ["specs-report", "no-search", *node.get("classes", [])]
        node.replace_self(nodes.container("", *content, classes=classes))

    def selected(self, options: dict[str, Any]) -> list[SpecRecord]:
        return self.domain.select(options)

    def empty_message(self, options: dict[str, Any], what: str = "specs") -> str:
        message = _("No items match") if what == "items" else _("No specs match")
        if not options.get("valid", True):
            return message + " " + _("(the filter has an error; see the build log)")
        return message

    def status_order(self) -> list[str]:
        """Statuses in template order: the default template first, then the others by name."""
        order: list[str] = []
        default = self.settings.template(None)
        for template in [default, *sorted(self.settings.templates.values(), key=lambda t: t.name)]:
            order.extend(s for s in template.statuses if s not in order)
        return order

    # -- tables ------------------------------------------------------------------------------------

    def table_node(
        self,
        headers: list[str],
        rows: Sequence[SegmentRow] | Rows,
        *,
        classes: list[str],
        widths: list[int] | None = None,
        empty: str = "",
        column_classes: list[str] | None = None,
        spec_rows: tuple[object, Callable[[], Iterable[SpecRow]]] | None = None,
    ) -> nodes.Element:
        """A report table: for HTML builders one ``spec_html_table`` whose rows are resolved as
        its visitor writes them (:class:`.tables.Rows`), for the others a docutils table.

        ``spec_rows``: the same rows as ``(what the report shows of a spec, its rows)``, each row
        named by its spec and its part of it, for keys made from the spec's digest rather than
        from the row (:meth:`spec_row_key`)."""
        empty = empty or _("No specs match")
        if self.html:
            # the HTML options (html_link_suffix, ...) and tags a page was written with
            info = getattr(self.builder, "build_info", None)
            written = (info.config_hash, info.tags_hash) if info is not None else None
            keys = (column_classes or [], self.builder.config.language, written)

            def keyed() -> Iterator[KeyedRow]:
                if spec_rows is not None and not self.index.evidence.active:
                    shown, made = spec_rows
                    inputs = (self.docname, self.builder.name, keys, shown)
                    table = hashlib.sha256(repr(inputs).encode()).hexdigest()  # once, not a row
                    for (spec_id, part, outside), make in made():
                        key = self.spec_row_key(spec_id, part, outside, table)
                        yield key, partial(self.made_row, make)
                    return
                for row in rows:
                    yield self.row_key(row, keys), partial(self.resolve_row, row)

            resolved = Rows(lambda: (self.resolve_row(row) for row in rows), len(rows), keyed)
            return html_table(
                headers, resolved, classes=classes, empty=empty, column_classes=column_classes
            )
        rows = list(rows)
        return build_table(
            headers,
            [[self.cell_nodes(cell) for cell in cells] for cells, _ in rows],
            row_classes=[row_classes for _, row_classes in rows],
            classes=classes,
            widths=widths,
            empty=empty,
            column_classes=column_classes,
            spanning=supports_spanning(self.builder),
        )

    def resolve_row(self, row: SegmentRow) -> SegmentRow:
        """A row ready for HTML: its spec links resolved (:meth:`.cells.Segment.resolved`)."""
        cells, row_classes = row
        return [[segment.resolved(self) for segment in cell] for cell in cells], row_classes

    def made_row(self, make: Callable[[], SegmentRow]) -> SegmentRow:
        return self.resolve_row(make())

    def spec_row_key(self, spec_id: str, part: str, outside: object, table: object) -> str:
        """A row's key from its inputs, not its cells, so that a row kept from an earlier build
        is not even made (:mod:`..rowcache`): the spec's digest, which holds everything a report
        shows of it from the pages (:meth:`.SpecIndex.digest`: its record, reverse links, the
        tooltips of its links and what covers its items), the row's part of the spec (an item),
        what the row shows from outside the pages (``outside``: a stale mark, which the git
        history, the day and the template's ``stale_after`` make; suspect marks), and the
        table's own inputs: the page, builder, HTML options and language, what the report
        shows (columns, kinds). Test results are inputs no digest holds (an item at risk
        through another spec's tests): with them, rows are keyed by their cells."""
        data = (table, spec_id, part, outside, self.index.digest(spec_id))
        return hashlib.sha256(repr(data).encode()).hexdigest()

    def row_key(self, row: SegmentRow, table: object) -> str:
        """What a row's HTML is made of (:mod:`..rowcache`): the page and builder it is written
        for, its table's column classes and language, its cells as data, and what each of its
        links shows (where it goes, its title and status)."""
        cells, _ = row
        describe = self.index.describe  # a report's links name full IDs
        shown = [describe(t) for cell in cells for segment in cell for t in segment.targets()]
        data = (self.docname, self.builder.name, table, row, shown)
        return hashlib.sha256(repr(data).encode()).hexdigest()

    def resolve_ref(self, ref: Ref) -> Segment:
        """A link to a spec, as the HTML writer writes it (:class:`.cells.Resolver`)."""
        found = self.domain.href(ref.target, self.docname, self.builder, self.pages)
        label = ref.label or ref.target
        if found is None:
            return Unresolved(label)
        return Anchor(found.href, (found.title or "") if ref.tooltip else "", label, found.internal)

    def xref(self, target: str, label: str | None = None) -> nodes.Node:
        """A link to a spec or item, resolved now (an unknown target stays a pending_xref)."""
        text = label or target
        resolved = self.domain.link(target, self.docname, self.builder, nodes.Text(text))
        if resolved is None:
            return spec_xref(target, self.docname, label)
        resolved["classes"] += ["xref", "specs-ref"]
        return resolved

    def cell_nodes(self, cell: list[Segment]) -> list[nodes.Node]:
        """The docutils nodes of a cell (for builders other than HTML)."""
        return [segment.node(self) for segment in cell]


def keys_of(spec: SpecRecord, by: str) -> list[str]:
    """The group(s) a spec falls in, for :group-by: and :by: (a spec has several tags)."""
    if by == "status":
        return [spec.status or _("(no status)")]
    if by == "team":
        return [spec.team or _("(no team)")]
    if by == "template":
        return [spec.template]
    if by == "tag":
        return spec.tags or [_("(no tag)")]
    return spec.authors or [_("(no author)")]


def grouped(specs: Iterable[SpecRecord], by: str) -> dict[str, list[SpecRecord]]:
    """The specs of each group of ``:group-by:`` and ``:by:``, each spec once in a group (a tag
    written twice is one); tags and authors that differ only in case are one group, as a
    selection finds them, shown as first written."""
    shown: dict[str, str] = {}
    groups: dict[str, list[SpecRecord]] = {}
    for spec in specs:
        for key in keys_of(spec, by):
            name = shown.setdefault(key.casefold() if by in ("tag", "author") else key, key)
            members = groups.setdefault(name, [])
            if not members or members[-1] is not spec:
                members.append(spec)
    return groups


def external_mark(spec: SpecRecord) -> list[Segment]:
    """`` (platform)`` after the ID of an imported spec: where it comes from (``specs_import``)."""
    return [Span("specs-external-mark", f" ({spec.external})")] if spec.external else []


def percent(part: int, total: int) -> str:
    return f"{round(100 * part / total)}%" if total else _("n/a")
