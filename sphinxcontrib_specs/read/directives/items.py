"""The tracked-item directives (``goals``, ``definition-of-done``, ... and ``specs_item_kinds``).

Each wraps one bullet list. The directive reads what a single bullet says (its checkbox and an
explicit ID) and marks the list item; numbering the items and recording them in the spec happens
once the whole page is read (:mod:`..numbering`, :mod:`..collector`), so items may stand before
or after the ``spec``.

Checkboxes: ``- [x]`` / ``- [ ]`` through MyST's ``tasklist`` extension (a raw HTML checkbox that
this directive turns into a :class:`~.read.nodes.spec_checkbox`), and the same
``[x]`` / ``[ ]`` text prefix without it and in reStructuredText.

Explicit IDs: a bullet that starts with ``{#ID}`` (after its checkbox) keeps that ID for good.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ...config import ITEM_ALIASES
from ...core.lazyre import lazy_compile
from ...warnings_ import SpecsWarning, warn
from ..nodes import make_checkbox, spec_checkbox, spec_items

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ...config import Settings
    from ...core.itemkinds import ItemKind

#: A checklist box marked as not applying (a KEP's ``- [n/a] Design details ...``).
_NOT_APPLICABLE = lazy_compile(r"\s*\[\s*(?:n/a|-)\s*\](?:\s|$)", re.IGNORECASE)
_CHECKBOX = lazy_compile(r"^\s*\[([ xX])\](?:\s+|$)")  # a box with no text after it too
_EXPLICIT_ID = lazy_compile(r"^\s*\{#([^}\s]*)\}\s*")
_RAW_CHECKBOX = lazy_compile(r"<input\b[^>]*\btype=[\"']?checkbox", re.IGNORECASE)


def _first_paragraph(item: nodes.list_item) -> nodes.paragraph | None:
    first = item.children[0] if item.children else None
    return first if isinstance(first, nodes.paragraph) else None


def _strip_prefix(paragraph: nodes.paragraph, pattern: re.Pattern[str]) -> str | None:
    """Remove ``pattern`` from the start of the paragraph's first text; return its group 1."""
    first = paragraph.children[0] if paragraph.children else None
    if not isinstance(first, nodes.Text):
        return None
    match = pattern.match(str(first))
    if match is None:
        return None
    rest = str(first)[match.end() :]
    if rest:
        paragraph.replace(first, nodes.Text(rest))
    else:
        paragraph.remove(first)
    return match.group(1)


def _not_applicable(paragraph: nodes.paragraph) -> bool:
    """Whether the item's text starts with a box marked as not applying, written as text (not
    in code: `` `[N/A]` shown for empty cells `` is an item)."""
    first = paragraph.children[0] if paragraph.children else None
    return isinstance(first, nodes.Text) and _NOT_APPLICABLE.match(str(first)) is not None


def has_checkbox(paragraph: nodes.paragraph) -> bool:
    """Whether the item starts with a checkbox, as :func:`read_checkbox` reads one (nothing is
    removed): what ``init`` asks of a section's list."""
    first = paragraph.children[0] if paragraph.children else None
    if isinstance(first, nodes.raw):
        return _RAW_CHECKBOX.search(first.astext()) is not None
    return isinstance(first, nodes.Text) and _CHECKBOX.match(str(first)) is not None


def _put_checkbox(paragraph: nodes.paragraph, checked: bool) -> None:
    """The item's checkbox node, and a space, in front of its text."""
    paragraph.insert(0, make_checkbox(checked))
    paragraph.insert(1, nodes.Text(" "))


def read_checkbox(paragraph: nodes.paragraph) -> bool | None:
    """The state of the item's checkbox (tasklist raw HTML or ``[x]`` text), removing it."""
    first = paragraph.children[0] if paragraph.children else None
    if isinstance(first, nodes.raw) and _RAW_CHECKBOX.search(first.astext()):
        paragraph.remove(first)
        checked = re.search(r"\bchecked\b", first.astext(), re.IGNORECASE) is not None
        _strip_prefix(paragraph, re.compile(r"^\s*()"))  # drop the space the tasklist left
        return checked
    state = _strip_prefix(paragraph, _CHECKBOX)
    return None if state is None else state in "xX"


class ItemsDirective(SphinxDirective):
    """Turns each bullet of its list into a tracked item of the page's spec."""

    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "class": directives.class_option,
    }
    item_kind: ClassVar[ItemKind]

    def warn(self, kind: SpecsWarning, message: str, line: int | None = None) -> None:
        warn(kind, message, location=(self.env.docname, line or self.lineno))

    def run(self) -> list[nodes.Node]:
        kind = self.item_kind
        container = spec_items(
            "",
            classes=["specs-items", f"specs-kind-{kind.kind}", *self.options.get("class", [])],
            specs_kind=kind.kind,
        )
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        lists = [c for c in container.children if isinstance(c, nodes.bullet_list)]
        if len(lists) != 1:
            self.warn(
                SpecsWarning.META,
                f"the {self.name} directive holds one bullet list (found {len(lists)}); "
                "write one '- ' bullet per item",
            )
        for bullet_list in lists[:1]:
            mark_items(bullet_list, kind, self.warn, self.lineno)
        return [container]


def mark_items(
    bullet_list: nodes.bullet_list,
    kind: ItemKind,
    warn_at: Callable[[SpecsWarning, str, int | None], None],
    default_line: int,
) -> None:
    """Mark each top-level bullet as a tracked item of ``kind``: read and replace its checkbox,
    take its explicit ID. Shared by the item directives and plain-Markdown specs."""
    for item in bullet_list.children:
        if not isinstance(item, nodes.list_item):
            continue
        paragraph = _first_paragraph(item)
        if kind.checkable and paragraph is not None and _not_applicable(paragraph):
            # "[n/a] ...": a box the team marked as not applying, no item to do; it keeps its
            # place in the numbering (read/numbering.py), so that the items after it keep
            # their IDs when a box goes from [ ] to [n/a]
            item["specs_not_applicable"] = True
            continue
        line = item.line or (paragraph.line if paragraph is not None else None)
        checked = read_checkbox(paragraph) if paragraph is not None else None
        explicit = _strip_prefix(paragraph, _EXPLICIT_ID) if paragraph is not None else None
        if explicit == "":  # "{#}": the ID left out
            warn_at(SpecsWarning.ID, "item ID {#} is empty; an automatic ID is used", line)
        if checked is not None and not kind.checkable:
            warn_at(
                SpecsWarning.META,
                f"{kind.kind} items have no checkbox; the [x] / [ ] is ignored",
                line,
            )
            checked = None
        if kind.checkable:
            checked = bool(checked)
            if paragraph is None:
                paragraph = nodes.paragraph()
                item.insert(0, paragraph)
            _put_checkbox(paragraph, checked)
        item["specs_item"] = True
        item["specs_checked"] = checked
        item["specs_explicit_id"] = explicit or ""
        item["specs_line"] = line or default_line
        item["classes"].append("specs-item")


class TranslatedItems(SphinxTransform):
    """After Sphinx's ``Locale`` transform (20) and its count of what it translated (25): a
    translated item's first paragraph is the translation as its message writes it, with the
    ``[x]`` and ``{#ID}`` the item directive had read off the source (gettext's message is the
    source's text). They are read off again; the item keeps its source's state and ID, and gets
    its checkbox back. (A plain spec's items are marked after this, from the translated text.)"""

    default_priority = 26

    def apply(self, **kwargs: Any) -> None:
        progress = self.document.get("translation_progress") or {}
        if not progress.get("translated"):
            return  # nothing of the page was translated
        for item in self.document.findall(nodes.list_item):
            paragraph = _first_paragraph(item) if item.get("specs_item") else None
            if paragraph is None or not paragraph.get("translated"):
                continue
            read_checkbox(paragraph)
            _strip_prefix(paragraph, _EXPLICIT_ID)
            checked = item.get("specs_checked")
            if checked is not None and not (
                paragraph.children and isinstance(paragraph[0], spec_checkbox)
            ):
                _put_checkbox(paragraph, bool(checked))


def item_directive(kind: ItemKind) -> type[ItemsDirective]:
    """A directive class for one kind of item."""
    name = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]", kind.kind))
    return type(f"{name}ItemsDirective", (ItemsDirective,), {"item_kind": kind})


def register_item_directives(app: Sphinx, settings: Settings) -> None:
    """Each kind under its ``spec-`` name, always, and under its short name (``goals``, ``dod``)
    when no other extension holds it (:mod:`.names`)."""
    from .names import add_short_name, prefixed

    needs_types = {"spec", *(kind.kind for kind in settings.item_kinds.values())}
    names = [(directive, kind) for directive, kind in settings.item_kinds.items()]
    names += [(alias, settings.item_kinds[target]) for alias, target in ITEM_ALIASES.items()]
    for name, kind in names:
        cls = item_directive(kind)
        app.add_directive(prefixed(name), cls, override=True)
        if prefixed(name) != name:
            add_short_name(app, name, cls, needs_types)
