"""A field list at the top of a page (MyST's ``fieldlist``: ``:Status: Draft``)."""

from __future__ import annotations

from functools import partial

from docutils import nodes

from .base import Entry, Metadata, Page, cell_nodes, shown_as_item


def field_list(page: Page) -> Metadata | None:
    """A field list (MyST's ``fieldlist``: ``:Status: Draft``) under or above the first heading."""
    for block, above in page.blocks():
        if not isinstance(block, nodes.field_list) or not block.children:
            continue
        found = Metadata(block, block.line, above_heading=above)
        for entry in block.children:
            if not isinstance(entry, nodes.field) or len(entry.children) != 2:
                continue
            label = entry.children[0].astext().strip()
            body = entry.children[1]
            assert isinstance(body, nodes.Element)
            value_nodes = cell_nodes(body)
            found.entries.append(
                Entry(
                    label,
                    page.value_of(label, value_nodes),
                    partial(shown_as_item, label, value_nodes),
                    entry.line or block.line,
                )
            )
        return found
    return None
