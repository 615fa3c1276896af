"""The metadata shapes of plain-Markdown specs: each is one small function over MyST's doctree.

A shape looks at the top of a page (:class:`Page`: its first section, its front matter) and says
where the metadata is: the node that holds it and its ``(label, value)`` entries
(:class:`Metadata`). :data:`SHAPES` lists them in the order they are tried; :mod:`.plain` maps the
labels to options and does everything shapes share. Today: :func:`bold_bullets`. More shapes (YAML
front matter, ``Field: value`` bullets, field lists, two-column tables) are one function each.

Values are the Markdown of the inline nodes (:func:`inline_source`), read back near enough:
``_TBD_`` stays ``_TBD_``, a link stays ``[text](target)`` unless the page's link hook names a spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Mapping

#: A link node -> the text that names the linked spec, or None (the link is kept as Markdown).
SpecLink = Callable[[nodes.Element], "str | None"]


@dataclass(frozen=True)
class Problem:
    subtype: str
    message: str
    line: int | None


@dataclass(frozen=True)
class Entry:
    """One ``label: value`` of a metadata shape; ``node`` is what shows it on the page."""

    label: str
    value: str
    node: nodes.Element
    line: int | None


@dataclass
class Metadata:
    """What a shape found: the node holding the metadata, its entries and what it could not read
    (nodes that are not entries, with the problem)."""

    node: nodes.Element
    line: int | None
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[tuple[nodes.Element, Problem]] = field(default_factory=list)


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
    section: nodes.section
    front_matter: Mapping[str, Any]
    #: (label, inline nodes) -> the value's raw text (spec-file links named by the page's hook)
    value_of: Callable[[str, list[nodes.Node]], str]


def _first_body(section: nodes.section) -> nodes.Element | None:
    """The first block of ``section`` after its title (targets and comments skipped)."""
    for child in section.children:
        if isinstance(child, (nodes.title, nodes.target, nodes.comment, nodes.system_message)):
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


def bold_bullets(page: Page) -> Metadata | None:
    """A bullet list of ``**Field:** value`` lines right under the H1 (its first bullet a field)."""
    block = _first_body(page.section)
    if not isinstance(block, nodes.bullet_list) or not block.children:
        return None
    first = block.children[0]
    if not (
        isinstance(first, nodes.list_item)
        and first.children
        and isinstance(first.children[0], nodes.paragraph)
        and bold_label(first.children[0]) is not None
    ):
        return None
    found = Metadata(block, block.line)
    for item in block.children:
        assert isinstance(item, nodes.Element)
        paragraph = item.children[0] if item.children else None
        parsed = bold_label(paragraph) if isinstance(paragraph, nodes.paragraph) else None
        if parsed is None:
            text = " ".join(item.astext().split())
            problem = Problem("meta", f"metadata line {text!r} is not **Field:** value", item.line)
            found.unreadable.append((item, problem))
            continue
        label, value_nodes = parsed
        value = page.value_of(label, value_nodes)
        found.entries.append(Entry(label, value, item, item.line))
    return found


#: The metadata shapes, tried in order; the first that finds metadata wins.
SHAPES: tuple[Callable[[Page], Metadata | None], ...] = (bold_bullets,)
