"""``Field: value`` bullets at the top of a page: ``* **Status:** Draft``, ``* **Status**: Draft``
or ``* Status: Draft`` (a list of plain labels is metadata only when one label names a field)."""

from __future__ import annotations

from docutils import nodes

from .base import Entry, Metadata, Page, Problem, any_label, bold_label, plain_label


def field_bullets(page: Page) -> Metadata | None:
    """A bullet list of ``**Field:** value``, ``**Field**: value`` or ``Field: value`` lines right
    under the first heading or above it (its first bullet a field)."""
    for block, above in page.blocks():
        if not isinstance(block, nodes.bullet_list) or not block.children:
            continue
        first = block.children[0]
        if not (
            isinstance(first, nodes.list_item)
            and first.children
            and isinstance(first.children[0], nodes.paragraph)
        ):
            continue
        bold = bold_label(first.children[0]) is not None
        if not bold and plain_label(first.children[0]) is None:
            continue
        found = Metadata(block, block.line, needs_known=not bold, above_heading=above)
        for item in block.children:
            assert isinstance(item, nodes.Element)
            paragraph = item.children[0] if item.children else None
            parsed = any_label(paragraph) if isinstance(paragraph, nodes.paragraph) else None
            if parsed is None:
                text = " ".join(item.astext().split())
                problem = Problem(
                    "meta", f"metadata line {text!r} is not **Field:** value", item.line
                )
                found.unreadable.append((item, problem))
                continue
            label, value_nodes = parsed
            value = page.value_of(label, value_nodes)
            found.entries.append(Entry(label, value, item, item.line))
        return found
    return None


#: The former name of :func:`field_bullets`.
__all__ = ["field_bullets"]
