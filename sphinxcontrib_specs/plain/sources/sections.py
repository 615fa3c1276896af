"""Metadata sections: a section whose title the template names (``metadata_sections``, e.g.
``{"Status": "status"}``) holds a field in its first paragraph or one-line list, as most ADR
formats keep ``## Status`` / ``Accepted``. The section stays on the page as written; later
paragraphs of a status section that name related records the adr-tools way
(``Supersedes [2. Use X](0002-use-x.md)``, ``Superseded by ...``) are links too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ...core.lazyre import lazy_compile
from ...core.templates.titles import normalize_title
from .base import Entry, is_link

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

#: adr-tools' relation lines in a status section, and the label each is read as.
_RELATIONS = lazy_compile(r"^\s*(supersedes|superseded by)\b\s*:?\s*", re.IGNORECASE)
#: Its other links (``adr link``: "Amends [1. ...](0001-....md)", "Clarified by ..."): related.
_OTHER_RELATION = lazy_compile(
    r"^\s*(?:(?:amend|extend)(?:s|ed by)|(?:clarifie|refine)(?:s|d by)|relate(?:s|d) to)\s*:?\s*$",
    re.IGNORECASE,
)


def _value_nodes(block: nodes.Node) -> list[nodes.Node] | None:
    if isinstance(block, nodes.paragraph):
        return list(block.children)
    if isinstance(block, nodes.bullet_list) and len(block.children) == 1:
        item = block.children[0]
        if isinstance(item, nodes.list_item) and item.children:
            first = item.children[0]
            if isinstance(first, nodes.paragraph):
                return list(first.children)
    return None


def _links(value: list[nodes.Node]) -> bool:
    """Whether ``value`` is links to other pages and commas between them, nothing else."""
    kept = [n for n in value if not (isinstance(n, nodes.Text) and not str(n).strip(" ,"))]
    return bool(kept) and all(is_link(n) for n in kept)


def metadata_sections(
    document: nodes.document,
    wanted: Mapping[str, str],
    value_of: Callable[[str, list[nodes.Node]], str],
) -> list[Entry]:
    """The entries of the sections ``wanted`` names (normalized title -> option)."""
    if not wanted:
        return []
    found: list[Entry] = []
    for section in document.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is None or normalize_title(title.astext()) not in wanted:
            continue
        label = title.astext().strip()
        blocks = [
            c
            for c in section.children
            if isinstance(c, nodes.Element) and not isinstance(c, nodes.title | nodes.section)
        ]
        for n, block in enumerate(blocks):
            value = _value_nodes(block)
            if value is None:
                break
            if n == 0:
                found.append(Entry(label, value_of(label, value), block, block.line))
                continue
            head = value[0] if value else None
            match = _RELATIONS.match(str(head)) if isinstance(head, nodes.Text) else None
            if match is None:
                if (
                    isinstance(head, nodes.Text)
                    and _OTHER_RELATION.match(str(head))
                    and _links(value[1:])
                ):
                    found.append(
                        Entry("Related", value_of("Related", value[1:]), block, block.line)
                    )
                continue
            relation = "Superseded by" if "by" in match.group(1).casefold() else "Supersedes"
            rest: list[nodes.Node] = [nodes.Text(str(head)[match.end() :]), *value[1:]]
            found.append(Entry(relation, value_of(relation, rest), block, block.line))
    return found
