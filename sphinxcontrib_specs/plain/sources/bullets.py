"""``Field: value`` bullets at the top of a page: ``* **Status:** Draft``, ``* **Status**: Draft``
or ``* Status: Draft`` (a list of plain labels is metadata only when one label names a field)."""

from __future__ import annotations

from docutils import nodes

from .base import Entry, Metadata, Page, Problem, any_label, bold_label, is_link, plain_label


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
        found.also = _next_lists(block)
        for item in [c for b in (block, *found.also) for c in b.children]:
            assert isinstance(item, nodes.Element)
            paragraph = item.children[0] if item.children else None
            parsed = any_label(paragraph) if isinstance(paragraph, nodes.paragraph) else None
            if parsed is None:
                text = " ".join(item.astext().split())
                problem = Problem(
                    "meta", f"metadata line {text!r} is not **Field:** value", item.line
                )
                # a bullet that is a link alone (``* [Acceptance Post](https://...)``) is no
                # mistyped field: shown as written, without a word
                found.unreadable.append((item, None if _link_alone(paragraph) else problem))
                continue
            label, value_nodes = parsed
            value = page.value_of(label, value_nodes)
            found.entries.append(Entry(label, value, item, item.line))
        return found
    return None


def _link_alone(paragraph: nodes.Node | None) -> bool:
    """Whether ``paragraph`` holds one link and nothing else (blanks aside)."""
    if not isinstance(paragraph, nodes.paragraph):
        return False
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    return len(children) == 1 and is_link(children[0])


def _next_lists(block: nodes.bullet_list) -> list[nodes.Element]:
    """A list whose bullet changes halfway (``-`` then ``*``) is several lists to CommonMark,
    one right after the other: those that start with a field are read with the first, so a
    ``Status:`` after the change is read too (as the author meant one list). The page is not
    changed here: the caller takes them out with the first when it is the spec's metadata."""
    parent = block.parent
    if parent is None:
        return []
    found: list[nodes.Element] = []
    for following in parent.children[parent.index(block) + 1 :]:
        if not isinstance(following, nodes.bullet_list) or not following.children:
            break
        item = following.children[0]
        paragraph = item.children[0] if isinstance(item, nodes.Element) and item.children else None
        if not isinstance(paragraph, nodes.paragraph) or any_label(paragraph) is None:
            break
        found.append(following)
    return found


#: The former name of :func:`field_bullets`.
__all__ = ["field_bullets"]
