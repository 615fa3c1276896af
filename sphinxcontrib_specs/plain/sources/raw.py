"""Entries of the sources read from text rather than the doctree: the RFC 2822 header block
(:mod:`.header`, read before the page is parsed and blanked from what the parser sees) and a
sibling metadata file (:mod:`.sidecar`), as :class:`~.base.Entry` like every other source."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from docutils import nodes

from ..labels import label_key
from .base import Entry, Metadata, Page, shown_as_item

if TYPE_CHECKING:
    from .header import RawEntry


def _shown(value: str | tuple[str, ...]) -> list[nodes.Node]:
    return [nodes.Text(value if isinstance(value, str) else ", ".join(value))]


def header_block(page: Page) -> Metadata | None:
    """The header block read from the file's top (:func:`.header.read_header`); the card takes
    its place, under the first heading (a new node there)."""
    block = page.header
    if block is None or not block.entries:
        return None
    anchor = nodes.container("", classes=["specs-front-matter"])
    # the block gives the title when it has one (a PEP's Title:); else the H1 below it does
    titled = any(label_key(entry.label) == "title" for entry in block.entries)
    found = Metadata(anchor, block.start, needs_known=True, above_heading=titled)
    for entry in block.entries:
        shown = partial(shown_as_item, entry.label, _shown(entry.value))
        found.entries.append(Entry(entry.label, entry.value, shown, entry.line))
    return found


def file_entries(entries: list[RawEntry], path: str) -> list[Entry]:
    """A sibling metadata file's entries; keys that name no field belong to other tools (a
    KEP's ``owning-sig``) and are dropped without a word, as front matter's are."""
    return [
        Entry(
            e.label,
            e.value,
            partial(shown_as_item, e.label, _shown(e.value)),
            e.line,
            optional=True,
            source=path,
        )
        for e in entries
    ]
