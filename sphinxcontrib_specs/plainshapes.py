"""The metadata shapes of plain-Markdown specs: each is one small function over MyST's doctree.

A shape looks at the top of a page (:class:`Page`: its first section, its front matter) and says
where the metadata is: the node that holds it and its ``(label, value)`` entries
(:class:`Metadata`). :data:`SHAPES` lists them in the order they are tried; :mod:`.plain` maps the
labels to options and does everything shapes share: :func:`field_bullets` (``**Field:** value``,
``**Field**: value`` or ``Field: value`` bullets), :func:`field_list` (MyST's ``fieldlist``),
:func:`two_column_table` and :func:`front_matter` (YAML front matter, read from ``env.metadata``).
Each looks right under the first heading and above it (metadata above the first heading).
Entries marked ``optional`` (front-matter keys, a table's header row) are dropped without a word
when their label names no field; a shape with ``needs_known`` is no metadata unless one of its
labels names a field (a plain ``Note: ...`` bullet list is prose).

Values are the Markdown of the inline nodes (:func:`inline_source`), read back near enough:
``_TBD_`` stays ``_TBD_``, a link stays ``[text](target)`` unless the page's link hook names a spec.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

#: A link node -> the text that names the linked spec, or None (the link is kept as Markdown).
SpecLink = Callable[[nodes.Element], "str | None"]


@dataclass(frozen=True)
class Problem:
    subtype: str
    message: str
    line: int | None


@dataclass(frozen=True)
class Entry:
    """One ``label: value`` of a metadata shape; ``node`` is what shows it on the page.

    A shape whose entries are no bullets of their own (a field, a table row, a front-matter
    key) gives the bullet that would show one as a function: only an entry whose label names no
    field is shown as written (:mod:`.plain`), so the others never make one (8,000 bullets at
    1,000 front-matter specs)."""

    label: str
    value: str
    shown: nodes.Element | Callable[[], nodes.Element]
    line: int | None
    optional: bool = False

    @cached_property
    def node(self) -> nodes.Element:
        return self.shown if isinstance(self.shown, nodes.Element) else self.shown()


@dataclass
class Metadata:
    """What a shape found: the node holding the metadata, its entries and what it could not read
    (nodes that are not entries, with the problem)."""

    node: nodes.Element
    line: int | None
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[tuple[nodes.Element, Problem]] = field(default_factory=list)
    #: True: metadata only when one of its labels names a field (see the module docstring)
    needs_known: bool = False
    #: True: the metadata stands above the first heading (that heading may not be the title)
    above_heading: bool = False


# -- reading inline Markdown back from nodes -------------------------------------------------------

_LINKS = (nodes.reference,)


def _is_link(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and (
        isinstance(node, _LINKS) or node.tagname == "pending_xref"
    )


def inline_source(children: list[nodes.Node], spec_link: SpecLink | None = None) -> str:
    """The Markdown that ``children`` (inline nodes) were parsed from, near enough to read again:
    ``_TBD_`` stays ``_TBD_``, a link stays ``[text](target)``; ``spec_link`` may name a spec
    instead of a link."""
    parts: list[str] = []
    for child in children:
        if isinstance(child, nodes.Text):
            parts.append(str(child))
        elif _is_link(child):
            assert isinstance(child, nodes.Element)
            named = spec_link(child) if spec_link is not None else None
            if named is not None:
                parts.append(named)
                continue
            text = child.astext()
            target = child.get("refuri") or child.get("reftarget") or child.get("refname") or ""
            if target == f"mailto:{text}":  # `Ann Lee <ann@example.org>` reads as written
                parts.append(f"<{text}>")
                continue
            parts.append(target if not target or text == target else f"[{text}]({target})")
            if not target:
                parts[-1] = text
        elif isinstance(child, nodes.emphasis):
            parts.append(f"_{inline_source(child.children, spec_link)}_")
        elif isinstance(child, nodes.strong):
            parts.append(f"**{inline_source(child.children, spec_link)}**")
        elif isinstance(child, nodes.literal):
            parts.append(f"`{child.astext()}`")
        elif isinstance(child, nodes.Element) and child.children:
            parts.append(inline_source(child.children, spec_link))
        else:
            parts.append(child.astext())
    return " ".join("".join(parts).split())


# -- metadata shapes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What a shape looks at: the page's first section, its front matter, how to read a value."""

    document: nodes.document
    section: nodes.section | None
    front_matter: Mapping[str, Any]
    #: (label, inline nodes) -> the value's raw text (spec-file links named by the page's hook)
    value_of: Callable[[str, list[nodes.Node]], str]

    def blocks(self) -> Iterator[tuple[nodes.Element, bool]]:
        """Where metadata may stand: the first block above the first heading, then the first
        block under it; with whether it is above the heading."""
        top = _first_body(self.document)
        if top is not None and not isinstance(top, nodes.section):
            yield top, True
        if self.section is not None:
            under = _first_body(self.section)
            if under is not None and not isinstance(under, nodes.section):
                yield under, False


_SKIPPED = (nodes.title, nodes.target, nodes.comment, nodes.system_message, nodes.docinfo)


def _first_body(section: nodes.Element) -> nodes.Element | None:
    """The first block of ``section`` after its title (targets and comments skipped)."""
    for child in section.children:
        if isinstance(child, _SKIPPED) or getattr(child, "tagname", "") == "meta":
            continue
        return child if isinstance(child, nodes.Element) else None
    return None


def bold_label(paragraph: nodes.Element) -> tuple[str, list[nodes.Node]] | None:
    """``**Label:** value`` or ``**Label**: value``: the label and the value's nodes."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not str(c))]
    if not children or not isinstance(children[0], nodes.strong):
        return None
    label = children[0].astext().strip()
    rest = children[1:]
    if label.endswith(":"):
        return label[:-1].strip(), rest
    if rest and isinstance(rest[0], nodes.Text) and str(rest[0]).lstrip().startswith(":"):
        return label, [nodes.Text(str(rest[0]).lstrip()[1:]), *rest[1:]]
    return None


_PLAIN_LABEL = re.compile(r"^\s*([^:\n]{1,60}?)\s*:(?!//)\s*")


def plain_label(paragraph: nodes.Element) -> tuple[str, list[nodes.Node]] | None:
    """``Label: value`` with the label in the paragraph's leading text (at most six words)."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not str(c))]
    if not children or not isinstance(children[0], nodes.Text):
        return None
    match = _PLAIN_LABEL.match(str(children[0]))
    if match is None or len(match.group(1).split()) > 6:
        return None
    rest = str(children[0])[match.end() :]
    return match.group(1), [nodes.Text(rest), *children[1:]] if rest else children[1:]


def any_label(paragraph: nodes.Element) -> tuple[str, list[nodes.Node]] | None:
    return bold_label(paragraph) or plain_label(paragraph)


def shown_as_item(label: str, value: list[nodes.Node]) -> nodes.list_item:
    """A ``**Label:** value`` bullet showing an entry whose own node is no bullet (a field, a
    table row) among the fields the card does not hold."""
    copies = [c.deepcopy() for c in value]
    paragraph = nodes.paragraph("", "", nodes.strong(f"{label}:", f"{label}:"), nodes.Text(" "))
    paragraph.extend(copies)
    return nodes.list_item("", paragraph)


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
bold_bullets = field_bullets


def _cell_nodes(cell: nodes.Element) -> list[nodes.Node]:
    paragraph = cell.next_node(nodes.paragraph)
    return list(paragraph.children) if paragraph is not None else list(cell.children)


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
            value_nodes = _cell_nodes(body)
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
            value_nodes = _cell_nodes(cells[1])
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


def _yaml_text(value: Any) -> str:
    """A front-matter value as text: lists joined with commas (MyST keeps them as JSON)."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_yaml_text(v) for v in value)
    if isinstance(value, (dict, bool)) or value is None:
        return ""
    return str(value)


def front_matter(page: Page) -> Metadata | None:
    """YAML front matter (MyST parses it; read from ``env.metadata``): keys that name no field
    (``nav_order``, ``parent``, ...) belong to other tools and are dropped without a word. The
    card goes right under the first heading (a new node there)."""
    entries = [
        (str(key), _yaml_text(value))
        for key, value in page.front_matter.items()
        if not isinstance(value, dict) and key not in ("wordcount", "orphan", "nocomments")
    ]
    if not entries:
        return None
    anchor = nodes.container("", classes=["specs-front-matter"])
    line = 1
    found = Metadata(anchor, line, needs_known=True)
    for label, value in entries:
        shown = partial(shown_as_item, label, [nodes.Text(value)])
        found.entries.append(Entry(label, value, shown, line, optional=True))
    return found


#: The metadata shapes, tried in order; the first that finds metadata wins.
SHAPES: tuple[Callable[[Page], Metadata | None], ...] = (
    front_matter,
    field_bullets,
    field_list,
    two_column_table,
)
