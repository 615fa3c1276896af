"""A two-column table at the top of a page (``| Status | Draft |``)."""

from __future__ import annotations

from functools import partial

from docutils import nodes

from .base import Entry, Metadata, Page, cell_nodes, shown_as_item


def two_column_table(page: Page) -> Metadata | None:
    """A two-column table (``| Status | Draft |``) under or above the first heading; its header
    row is an entry when it names a field (a table with no header row of its own)."""
    for block, above in page.blocks():
        if not isinstance(block, nodes.table):
            continue
        group = block.next_node(nodes.tgroup)
        if group is None or int(group.get("cols", 0)) != 2:
            continue
        found = Metadata(block, block.line, needs_known=True, above_heading=above)
        for row in group.findall(nodes.row):
            cells = [c for c in row.children if isinstance(c, nodes.entry)]
            if len(cells) != 2:
                continue
            label = cells[0].astext().strip().strip("*").strip()
            value_nodes = cell_nodes(cells[1])
            header = isinstance(row.parent, nodes.thead)
            found.entries.append(
                Entry(
                    label,
                    page.value_of(label, value_nodes),
                    partial(shown_as_item, label, value_nodes),
                    row.line or block.line,
                    optional=header,
                )
            )
        return found
    return None
