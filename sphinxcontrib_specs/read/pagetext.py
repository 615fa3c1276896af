"""Where the page collector (:mod:`.collector`) looks for placeholder text, and the lines it
reports them at: a page's text with code and link text blanked (:func:`checked_text`), the line
of a table row that the parser gave none (:func:`row_line`) and of a heading's text
(:func:`title_line`)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from .nodes import VERBATIM

#: Never placeholders: code and link text (``[Ann Lee](https://...)``, ``[450](url)``, a role's).
_UNCHECKED = (*VERBATIM, nodes.reference, addnodes.pending_xref)


def ancestors(node: nodes.Node) -> list[nodes.Node]:
    """The node's parent, its parent's parent, ... up to the document."""
    result = []
    parent = node.parent
    while parent is not None:
        result.append(parent)
        parent = parent.parent
    return result


def checked_text(node: nodes.Node) -> str:
    """The text of ``node`` that placeholders are looked for in: code and link text are a space
    each, and the line breaks they span (a placeholder's line is the node's plus those before)."""
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, _UNCHECKED):
        return _unchecked_text(node)
    parts: list[str] = []
    _gather_checked(node, parts)
    return "".join(parts)


def _unchecked_text(node: nodes.Element) -> str:
    return " " + "\n" * max(node.astext().count("\n"), str(node.rawsource).count("\n"))


def _gather_checked(node: nodes.Node, parts: list[str]) -> None:
    for child in node.children:  # one call per element, none per text
        if isinstance(child, nodes.Text):  # astext() drops NUL escapes; most text has none
            parts.append(child.astext() if "\x00" in child else str(child))
        elif isinstance(child, _UNCHECKED):
            parts.append(_unchecked_text(child))
        else:
            _gather_checked(child, parts)


def row_line(above: list[nodes.Node]) -> int | None:
    """The line of a table row when the parser gives the rows no lines of their own (a MyST pipe
    table: its header row, the delimiter row, then one line a row); ``above`` is a node's
    :func:`ancestors`."""
    table = next((a for a in above if isinstance(a, nodes.table)), None)
    row = next((a for a in above if isinstance(a, nodes.row)), None)
    if table is None or row is None or not table.line:
        return None
    rows = list(table.findall(nodes.row))
    lines = [r.line for r in rows]
    if all(lines) and len(set(lines)) == len(lines):  # each row has a line of its own
        return None
    return table.line + rows.index(row) + isinstance(row.parent, nodes.tbody)


def line_of(node: nodes.Node) -> int | None:
    """The line of the node's nearest ancestor that has one."""
    for ancestor in ancestors(node):
        if ancestor.line:
            return ancestor.line
    return None


def title_line(title: nodes.title) -> int | None:
    """The line of a heading's text (docutils gives a reStructuredText title the line of its
    underline); only looked up when a title has a problem to report."""
    line = title.line
    if not line or not str(title.source or "").endswith(".rst"):
        return line
    try:
        source = Path(str(title.source)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return line
    text = title.astext().strip()
    for candidate in range(line, max(line - 3, 0), -1):
        if candidate <= len(source) and source[candidate - 1].strip() == text:
            return candidate
    return line
