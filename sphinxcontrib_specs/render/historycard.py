"""A spec's status history on its card: a collapsible list in HTML, a short list elsewhere::

    spec_history_details(summary="3 status changes")     HTML: <details class="specs-history">
      bullet_list.specs-history-list                            <summary>3 status changes</summary>
        list_item: "2026-03-02 Draft -> Under Review (1a2b3c4, Ann)"

Other builders get the bullet list alone (the last five changes, newest first).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _

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


def change_list(changes: list[Change]) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=["specs-history-list"])
    for change in reversed(changes):
        text = change_text(change)
        items += nodes.list_item("", nodes.paragraph(text, text))
    return items


def history_cell(history: History, *, html: bool = True) -> list[nodes.Node]:
    """The card's history value: every change in HTML (collapsed), the last few elsewhere."""
    count = len(history.changes)
    summary = _("1 status change") if count == 1 else _("{count} status changes")
    summary = summary.format(count=count)
    if not history.complete:
        summary += " " + _("(partial: shallow clone)")
    if html:
        details = spec_history_details(summary=summary, classes=["specs-history"])
        details += change_list(history.changes)
        return [details]
    return [change_list(history.changes[-SHORT:])]


def visit_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>{escape(node['summary'])}</summary>\n")


def depart_details_html(self: HTML5Translator, node: spec_history_details) -> None:
    self.body.append("</details>\n")
