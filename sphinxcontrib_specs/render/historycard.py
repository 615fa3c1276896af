"""A spec's status history on its card: a collapsible list in HTML, a short list elsewhere::

    spec_history_details(summary="3 changes")   HTML: <details class="specs-history no-search">
      bullet_list.specs-history-list                 <summary>3 changes</summary>
        list_item: "2026-03-02 Draft -> Under Review (1a2b3c4, Ann)"

Other builders get the bullet list alone (the last five changes, newest first). The light card
(:mod:`.lightcard`) keeps the HTML builders' history as data (:func:`history_segment`) and
writes it in one go (:func:`history_html`), with the same bytes as the nodes.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _
from .html import encode, own_tags, tag

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..core.history import Change, History

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


def text_list(texts: list[str]) -> nodes.bullet_list:
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


def history_segment(history: History) -> tuple[str, str, list[str]]:
    """The card's history for HTML builders, as data: ("history", summary, the changes' texts,
    newest first); :func:`details_node` makes the nodes of it, :func:`history_html` its HTML."""
    return ("history", summary_text(history), change_texts(history.changes))


def details_node(summary: str, texts: list[str]) -> spec_history_details:
    """The collapsible list. It is left out of the search index (``no-search``, Sphinx 8.2 and
    later): commit hashes and dates are not what a reader searches for, and the card's own rows
    (status, authors, dates) are indexed."""
    details = spec_history_details(summary=summary, classes=["specs-history", "no-search"])
    details += text_list(texts)
    return details


def history_html(self: HTML5Translator, summary: str, texts: list[str]) -> str | None:
    """What Sphinx's translator writes for :func:`details_node`, or None where that is not known
    here: a translator with its own ``starttag()`` or list, paragraph or text visitors,
    ``html_compact_lists = False``, or a card inside a compact list (the list's "simple" class
    is decided by its context)."""
    if not _own_list(self) or not self.settings.compact_lists or self.compact_simple:
        return None
    items = "".join(f"<li><p>{encode(self, text)}</p></li>\n" for text in texts)
    return (
        f"{tag(self, 'details', 'specs-history no-search')}\n"
        f"<summary>{escape(summary)}</summary>\n"
        f"{tag(self, 'ul', 'specs-history-list simple')}\n{items}</ul>\n</details>\n"
    )


#: The visitors whose markup :func:`history_html` writes itself.
_LIST_VISITORS = (
    "visit_bullet_list",
    "depart_bullet_list",
    "visit_list_item",
    "depart_list_item",
    "visit_paragraph",
    "depart_paragraph",
    "visit_Text",
)


def _own_list(self: HTML5Translator) -> bool:
    """Whether the translator writes tags and the list's nodes as Sphinx's HTML5 translator does
    (a theme's translator may override any of them)."""
    own = self.__dict__.get("_specs_own_list")
    if own is None:
        from sphinx.writers.html5 import HTML5Translator

        cls = type(self)
        own = self.__dict__["_specs_own_list"] = own_tags(self) and all(
            getattr(cls, name) is getattr(HTML5Translator, name) for name in _LIST_VISITORS
        )
    return own


def history_cell(history: History) -> nodes.bullet_list:
    """The card's history for builders other than HTML: the last few changes, newest first
    (HTML builders get :func:`history_segment`)."""
    return text_list(change_texts(history.changes[-SHORT:]))


def visit_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append("</details>\n")
