"""One way to build a table, for the reports, the spec card and the docs' reference tables.

:func:`build_table` makes a docutils table (header row, body rows, an optional "empty" row) that
every builder writes. A report's cells are first kept as data (:mod:`.cells`) until the builder
is known; for HTML builders :func:`html_table` wraps them in one
:class:`~.read.nodes.spec_html_table` that :func:`visit_html_table` writes in one
go, with the same markup as a docutils table (a large report would otherwise be tens of thousands
of nodes held in memory). That visitor is the only HTML path of the reports; each cell writes
itself as the translator would write its nodes (:meth:`.cells.Segment.html`).

A cell may span columns (the card's heading). Writers that cannot span (the man page writer warns
``"table cell spanning" not supported``) get the cell followed by empty cells instead: pass
``spanning=supports_spanning(builder)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import column_width

from ..core.frozen import frozen
from ..read.nodes import spec_html_table
from .cells import Segment
from .lightcard import html_writer
from .rowcache import row_cache

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from .html import HtmlWriter

#: A report row: its cells (each a list of segments) and the row's classes.
SegmentRow = tuple[list[list[Segment]], list[str]]
#: A row's key (:meth:`.reports.base.ReportRenderer.row_key`) and how to make it.
KeyedRow = tuple[str, "Callable[[], SegmentRow]"]


class Rows:
    """A report's rows, made each time they are read: ``make()`` gives them afresh, ``count``
    says how many.

    A report table for HTML holds its rows this way, so they are made (and their links
    resolved) one at a time while :func:`visit_html_table` writes them, and each row is freed
    once written: a report over 1,000 specs held about 8 MB of row data while its page was
    written. It prints as the list it stands for (the pseudo-XML snapshots), pickles as that
    list, and a deep copy shares it (it is never changed)."""

    __slots__ = ("_count", "_keyed", "_make")

    def __init__(
        self,
        make: Callable[[], Iterable[SegmentRow]],
        count: int,
        keyed: Callable[[], Iterable[KeyedRow]] | None = None,
    ):
        self._make, self._count, self._keyed = make, count, keyed

    def keyed(self) -> Iterable[KeyedRow] | None:
        """Each row's key and how to make it (:mod:`.rowcache`), when the rows have keys."""
        return self._keyed() if self._keyed is not None else None

    def __iter__(self) -> Iterator[SegmentRow]:
        return iter(self._make())

    def __len__(self) -> int:
        return self._count

    def __str__(self) -> str:  # what docutils writes for a list attribute
        return " ".join(nodes.serial_escape(f"{row}") for row in self)

    def __reduce__(self) -> tuple[type[list[SegmentRow]], tuple[list[SegmentRow]]]:
        return (list, (list(self),))

    def __deepcopy__(self, memo: dict[int, object]) -> Rows:
        return self


#: Builders whose writer cannot span a cell over columns.
NO_SPANNING = frozenset({"man"})


@frozen(slots=True)
class Cell:
    """A table cell with classes of its own, or spanning ``span`` columns."""

    content: Sequence[nodes.Node] | str
    classes: tuple[str, ...] = ()
    span: int = 1


CellLike = Cell | str | nodes.Node | list[nodes.Node]


def supports_spanning(builder: Builder) -> bool:
    return builder.format not in NO_SPANNING and builder.name not in NO_SPANNING


def _cell(value: CellLike) -> Cell:
    if isinstance(value, Cell):
        return value
    if isinstance(value, nodes.Node):
        return Cell([value])
    return Cell(value)


def _text_width(cell: Cell) -> int:
    """The cell's width in the text writer's columns (a CJK character takes two)."""
    if isinstance(cell.content, str):
        return column_width(cell.content)
    return column_width("".join(node.astext() for node in cell.content))


def _is_block(node: nodes.Node) -> bool:
    """A body element (a list, a ``<details>``), which stands in the entry, not in a paragraph."""
    return isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline)


def _entry_children(content: Sequence[nodes.Node] | str) -> list[nodes.Node]:
    """The cell's text and inline nodes in paragraphs, its blocks between them."""
    if isinstance(content, str):
        return [nodes.paragraph(content, content)]
    children: list[nodes.Node] = []
    run: list[nodes.Node] = []
    for node in content:
        if _is_block(node):
            if run:
                children.append(nodes.paragraph("", "", *run))
                run = []
            children.append(node)
        else:
            run.append(node)
    if run or not children:
        children.append(nodes.paragraph("", "", *run))
    return children


def _entries(cell: Cell, spanning: bool) -> list[nodes.entry]:
    entry = nodes.entry("", *_entry_children(cell.content), classes=list(cell.classes))
    if cell.span <= 1:
        return [entry]
    if spanning:
        entry["morecols"] = cell.span - 1
        return [entry]
    return [entry] + [nodes.entry() for _i in range(cell.span - 1)]


def build_table(
    headers: Sequence[CellLike] | None,
    rows: Sequence[Sequence[CellLike]],
    *,
    classes: Sequence[str] = (),
    row_classes: Sequence[Sequence[str]] | None = None,
    widths: Sequence[int] | None = None,
    column_classes: Sequence[str] | None = None,
    empty: str | None = None,
    spanning: bool = True,
) -> nodes.table:
    """A docutils table: an optional header row, then the rows; ``empty`` is the text of the one
    row of a table without rows. ``widths`` default to the longest text of each column (the text
    writer reads them as characters; the other writers as proportions)."""
    head = [_cell(h) for h in headers] if headers is not None else None
    body = [[_cell(c) for c in row] for row in rows]
    cols = sum(c.span for c in head) if head else max((len(r) for r in body), default=1)
    if widths is None:
        plain = [r for r in [*([head] if head else []), *body] if len(r) == cols]
        widths = [min(40, max([3, *(_text_width(r[i]) for r in plain)])) for i in range(cols)]
        if not body and empty:  # the empty row's text on one line, not wrapped into "Date"
            widths[-1] += max(0, min(len(empty), 60) - sum(widths) - 3 * (cols - 1))
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=cols)
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    if head:
        head_row = nodes.row()
        for cell in head:
            head_row.extend(_entries(cell, spanning))
        group += nodes.thead("", head_row)
    tbody = nodes.tbody()
    group += tbody
    for i, cells in enumerate(body):
        row = nodes.row(classes=list(row_classes[i]) if row_classes else [])
        for j, cell in enumerate(cells):
            if column_classes:
                cell = Cell(cell.content, (*cell.classes, column_classes[j]), cell.span)
            row.extend(_entries(cell, spanning))
        tbody += row
    if not body and empty is not None:
        row = nodes.row(classes=["specs-empty"])
        row.extend(_entries(Cell(empty, span=cols), spanning))
        tbody += row
    return table


def html_table(
    headers: list[str],
    rows: Sequence[SegmentRow] | Rows,
    *,
    classes: list[str],
    empty: str,
    column_classes: list[str] | None = None,
) -> spec_html_table:
    """A report table for HTML builders; its segments must be resolved (no :class:`.cells.Ref`
    left) by the time its rows are read."""
    return spec_html_table(
        "",
        headers=headers,
        rows=rows,
        empty=empty,
        column_classes=column_classes or [],
        classes=classes,
    )


# -- HTML ------------------------------------------------------------------------------------------


def visit_html_table(self: HTML5Translator, node: spec_html_table) -> None:
    """A report table written in one go from its data: the markup of a docutils table."""
    w = html_writer(self)
    body = self.body
    body.append(self.starttag(node, "table", "", CLASS="docutils align-default"))
    body.append("<thead><tr>")
    for header in node["headers"]:
        body.append(f"{w.tag('th', 'head')}{w.element('p', header)}</th>")
    body.append("</tr></thead>\n<tbody>\n")
    column_classes = node["column_classes"]
    rows = node["rows"]
    keyed = rows.keyed() if isinstance(rows, Rows) else None
    docname: str = getattr(self.builder, "current_docname", "")  # the HTML builders' (Sphinx's)
    cache = row_cache(self.builder) if docname else None
    if keyed is not None and cache is not None:
        earlier, now = cache.page(docname)
        kind = f"{type(self).__module__}.{type(self).__qualname__} "  # a theme's own markup
        for key, make in keyed:
            key = kind + key
            html = now.get(key) or earlier.get(key)
            if html is None:
                html = _row_html(w, *make(), column_classes)
            now[key] = html
            body.append(html)
    else:
        body.extend([_row_html(w, cells, classes, column_classes) for cells, classes in rows])
    if not node["rows"]:
        span = str(len(node["headers"]))
        cell = w.element("td", node["empty"], colspan=span)
        body.append(f"{w.tag('tr', 'specs-empty')}{cell}</tr>\n")
    body.append("</tbody>\n</table>\n")
    raise nodes.SkipNode


def _row_html(
    w: HtmlWriter, cells: list[list[Segment]], row_classes: list[str], column_classes: list[str]
) -> str:
    parts = [w.tag("tr", " ".join(c for c in row_classes if c))]
    for i, cell in enumerate(cells):
        parts.append(w.tag("td", column_classes[i] if i < len(column_classes) else ""))
        parts.extend([segment.html(w) for segment in cell])
        parts.append("</td>")
    parts.append("</tr>\n")
    return "".join(parts)
