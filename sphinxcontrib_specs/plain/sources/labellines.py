"""Label lines under the title: a paragraph whose every line is ``Label: value``, as adr-tools
writes ``Date: 2016-02-12`` under an ADR's H1. Metadata only when one label names a field (a
paragraph that starts ``Note: ...`` is prose)."""

from __future__ import annotations

import re
from functools import partial

from docutils import nodes

from .base import Entry, Metadata, Page, shown_as_item

_LINE = re.compile(r"^\s*([A-Za-z][\w ()/-]{0,40}?)\s*:(?:\s+|$)(.*)$")


def _lines(paragraph: nodes.paragraph) -> list[list[nodes.Node]] | None:
    """The paragraph's inline nodes, line by line (a soft break is a ``\\n`` in a text node)."""
    lines: list[list[nodes.Node]] = [[]]
    for child in paragraph.children:
        if isinstance(child, nodes.Text):
            parts = str(child).split("\n")
            for n, part in enumerate(parts):
                if n:
                    lines.append([])
                if part:
                    lines[-1].append(nodes.Text(part))
        else:
            lines[-1].append(child)
    return [line for line in lines if line]


def label_lines(page: Page) -> Metadata | None:
    """``Label: value`` lines in the first paragraph under the first heading (or above it)."""
    for block, above in page.blocks():
        if not isinstance(block, nodes.paragraph):
            continue
        lines = _lines(block)
        if not lines:
            return None
        found = Metadata(block, block.line, needs_known=True, above_heading=above)
        first_line = block.line
        for n, line in enumerate(lines):
            head = line[0]
            match = _LINE.match(str(head)) if isinstance(head, nodes.Text) else None
            if match is None:
                return None
            label = match.group(1).strip()
            value_nodes: list[nodes.Node] = [nodes.Text(match.group(2)), *line[1:]]
            where = first_line + n if first_line is not None else None
            found.entries.append(
                Entry(
                    label,
                    page.value_of(label, value_nodes),
                    partial(shown_as_item, label, value_nodes),
                    where,
                )
            )
        return found
    return None
