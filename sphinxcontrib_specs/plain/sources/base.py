"""What every metadata source shares: the page it looks at, the entries it yields, and inline
Markdown read back from nodes.

A source looks at the top of a page (:class:`Page`: its first section, its front matter) and says
where the metadata is: the node that holds it and its ``(label, value)`` entries
(:class:`Metadata`). :data:`SHAPES` lists them in the order they are tried; :mod:`..recognizer` maps
the labels to options and does everything shapes share: :func:`field_bullets` (``**Field:** value``,
``**Field**: value`` or ``Field: value`` bullets), :func:`field_list` (MyST's ``fieldlist``),
:func:`two_column_table` and :func:`front_matter` (YAML front matter, read from ``env.metadata``).
Each looks right under the first heading and above it (metadata above the first heading). Entries
marked ``optional`` (front-matter keys, a table's header row) are dropped without a word when their
label names no field; a shape with ``needs_known`` is no metadata unless one of its labels names a
field (a plain ``Note: ...`` bullet list is prose).

Values are the Markdown of the inline nodes (:func:`inline_source`), read back near enough:
``_TBD_`` stays ``_TBD_``, a link stays ``[text](target)`` unless the page's link hook names a spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ...core.frozen import frozen
from ...core.lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .header import HeaderBlock

#: A link node -> the text that names the linked spec, or None (the link is kept as Markdown).
SpecLink = Callable[[nodes.Element], "str | None"]


@frozen
class Problem:
    """A warning a source found, its subtype and line."""

    subtype: str
    message: str
    line: int | None


@frozen
class Entry:
    """One ``label: value`` of a metadata shape; ``node`` is what shows it on the page.

    A shape whose entries are no bullets of their own (a field, a table row, a front-matter
    key) gives the bullet that would show one as a function: only an entry whose label names no
    field is shown as written (:mod:`..recognizer`), so the others never make one (8,000 bullets at
    1,000 front-matter specs)."""

    label: str
    #: The raw value: Markdown text, or a list (a YAML list in front matter or a metadata file)
    value: str | tuple[str, ...]
    shown: nodes.Element | Callable[[], nodes.Element]
    line: int | None
    optional: bool = False
    #: Where the entry was written when it is not the page (a sibling metadata file's path).
    source: str | None = None

    @cached_property
    def node(self) -> nodes.Element:
        return self.shown if isinstance(self.shown, nodes.Element) else self.shown()


@dataclass
class Metadata:
    """What a shape found: the node holding the metadata, its entries and what it could not read
    (nodes that are not entries, with the problem; None: shown as written without a word)."""

    node: nodes.Element
    line: int | None
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[tuple[nodes.Element, Problem | None]] = field(default_factory=list)
    #: True: metadata only when one of its labels names a field (see the module docstring)
    needs_known: bool = False
    #: True: the metadata stands above the first heading (that heading may not be the title)
    above_heading: bool = False
    #: More nodes that hold it, after ``node``: the caller takes them out with it.
    also: list[nodes.Element] = field(default_factory=list)


# -- reading inline Markdown back from nodes -------------------------------------------------------

_LINKS = (nodes.reference,)


def is_link(node: nodes.Node) -> bool:
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
        elif is_link(child):
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


@frozen
class Page:
    """What a shape looks at: the page's first section, its front matter, how to read a value."""

    document: nodes.document
    section: nodes.section | None
    front_matter: Mapping[str, Any]
    #: (label, inline nodes) -> the value's raw text (spec-file links named by the page's hook)
    value_of: Callable[[str, list[nodes.Node]], str]
    #: The RFC 2822 header block at the file's top (read from the text before it was parsed).
    header: HeaderBlock | None = None
    #: Whether a label names a field of the project (the build's labels; ``init``, which is
    #: working them out, takes every label)
    known: Callable[[str], bool] = lambda label: True
    #: Whether a label's value may wrap onto the next line of a label-line paragraph: a
    #: field of people, text or links, never a status, a date, the ID or the title (a
    #: sentence under the title that starts ``Status: this document ...`` stays prose)
    wraps: Callable[[str], bool] = lambda label: False

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


_PLAIN_LABEL = lazy_compile(r"^\s*([^:\n]{1,60}?)\s*:(?!//)\s*")


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


def cell_nodes(cell: nodes.Element) -> list[nodes.Node]:
    paragraph = cell.next_node(nodes.paragraph)
    return list(paragraph.children) if paragraph is not None else list(cell.children)
