"""A spec's status history on its card: a collapsible list in HTML, a short list elsewhere::

    spec_history_details(summary="3 changes")   HTML: <details class="specs-history no-search">
      bullet_list.specs-history-list                 <summary>3 changes</summary>
        list_item: "2026-03-02 Draft -> Under Review (1a2b3c4, Ann)"

Other builders get the bullet list alone (the last five changes, newest first). The card keeps
it as data, a table cell (:mod:`.cells`): :class:`HistoryBlock` for HTML builders, which the
light card (:mod:`.lightcard`) writes in one go (:func:`history_html`) with the same bytes as
its nodes, and :class:`HistoryList` for the others.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, ClassVar

import sphinx
from docutils import nodes

from ..core.frozen import frozen
from ..i18n import _
from .cells import Segment

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.writers.html5 import HTML5Translator

    from ..core.history import Change, History
    from .cells import Linker
    from .html import HtmlWriter

#: Whether Sphinx's search index skips a node of class ``no-search`` (Sphinx 8.2 and later), as
#: it does the history's list (:func:`details_node`).
SKIPS_NO_SEARCH = sphinx.version_info >= (8, 2)

#: How many changes a card lists outside HTML.
SHORT = 5


class spec_history_details(nodes.General, nodes.Element):
    """A collapsible block: ``<details>`` with ``summary`` in HTML; its children elsewhere."""


def move_text(change: Change) -> str:
    """``Draft -> Under Review``, or ``created as Draft`` for the first entry."""
    if change.before is None:
        return (
            _("created as {status}").format(status=change.after) if change.after else _("created")
        )
    return f"{change.before} -> " + (change.after or _("no status"))


def change_text(change: Change) -> str:
    """``2026-03-02 Draft -> Under Review (1a2b3c4, Ann)``."""
    who = ", ".join(p for p in (change.commit[:7] or _("uncommitted"), change.author) if p)
    return f"{change.date} {move_text(change)} ({who})"


def change_texts(changes: list[Change]) -> list[str]:
    """The changes' texts, newest first."""
    return [change_text(change) for change in reversed(changes)]


def text_list(texts: Sequence[str]) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["specs-history-list"])
    for text in texts:
        items += nodes.list_item("", nodes.paragraph(text, text))
    return items


def summary_text(history: History) -> str:
    """``3 status changes`` (and ``(partial: shallow clone)``)."""
    count = len(history.changes)
    summary = _("1 status change") if count == 1 else _("{count} status changes")
    summary = summary.format(count=count)
    if not history.complete:
        summary += " " + _("(partial: shallow clone)")
    return summary


def details_node(summary: str, texts: Sequence[str]) -> spec_history_details:
    """The collapsible list. It is left out of the search index (``no-search``, Sphinx 8.2 and
    later): commit hashes and dates are not what a reader searches for, and the card's own rows
    (status, authors, dates) are indexed."""
    details = spec_history_details(summary=summary, classes=["specs-history", "no-search"])
    details += text_list(texts)
    return details


def list_html(w: HtmlWriter, texts: Sequence[str]) -> str | None:
    """What Sphinx's translator writes for :func:`text_list`, or None where that is not known
    here: a translator with its own ``starttag()`` or list, paragraph or text visitors,
    ``html_compact_lists = False``, or a list inside a compact list (the list's "simple" class
    is decided by its context)."""
    translator = w.translator
    if not _own_list(w) or not translator.settings.compact_lists or translator.compact_simple:
        return None
    items = "".join(f"<li><p>{w.encode(text)}</p></li>\n" for text in texts)
    return f"{w.tag('ul', 'specs-history-list simple')}\n{items}</ul>\n"


def history_html(w: HtmlWriter, summary: str, texts: Sequence[str]) -> str | None:
    """What Sphinx's translator writes for :func:`details_node`, or None where that is not
    known here (:func:`list_html`)."""
    items = list_html(w, texts)
    if items is None:
        return None
    return (
        f"{w.tag('details', 'specs-history no-search')}\n"
        f"<summary>{escape(summary)}</summary>\n{items}</details>\n"
    )


#: The visitors whose markup :func:`list_html` writes itself.
_LIST_VISITORS = (
    "visit_bullet_list",
    "depart_bullet_list",
    "visit_list_item",
    "depart_list_item",
    "visit_paragraph",
    "depart_paragraph",
    "visit_Text",
)


def _own_list(w: HtmlWriter) -> bool:
    """Whether the translator writes tags and the list's nodes as Sphinx's HTML5 translator does
    (a theme's translator may override any of them)."""
    from sphinx.writers.html5 import HTML5Translator

    cls = type(w.translator)
    return w.own_tags and all(
        getattr(cls, name) is getattr(HTML5Translator, name) for name in _LIST_VISITORS
    )


@frozen(slots=True)
class HistoryBlock(Segment):
    """A card's status history for HTML builders: a collapsible list of the changes' texts,
    newest first (:func:`.historycard.details_node`); not searched where Sphinx leaves the
    nodes' ``no-search`` class out of the index."""

    is_block: ClassVar[bool] = True
    summary: str
    texts: tuple[str, ...]

    def astext(self) -> str:
        return self.summary

    def words(self) -> Iterable[str]:
        return () if SKIPS_NO_SEARCH else self.texts

    def node(self, linker: Linker) -> nodes.Node:
        return details_node(self.summary, self.texts)

    def html(self, w: HtmlWriter) -> str:
        html = history_html(w, self.summary, self.texts)
        # else the translator's own way, as the docutils form is written
        return w.translate(details_node(self.summary, self.texts)) if html is None else html


@frozen(slots=True)
class HistoryList(Segment):
    """A card's status history for the other builders: the last few changes, newest first."""

    is_block: ClassVar[bool] = True
    texts: tuple[str, ...]

    def astext(self) -> str:
        return "\n".join(self.texts)

    def node(self, linker: Linker) -> nodes.Node:
        return text_list(self.texts)

    def html(self, w: HtmlWriter) -> str:
        html = list_html(w, self.texts)
        if html is None:  # the translator's own way, in a table cell (the list asks its parent)
            items = text_list(self.texts)
            nodes.entry("", items)
            html = w.translate(items)
        return html


def history_segment(history: History) -> HistoryBlock:
    """The card's history for HTML builders: every change, newest first."""
    return HistoryBlock(summary_text(history), tuple(change_texts(history.changes)))


def history_cell(history: History) -> HistoryList:
    """The card's history for the other builders: the last few changes, newest first."""
    return HistoryList(tuple(change_texts(history.changes[-SHORT:])))


def visit_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append("</details>\n")
