"""HTML pieces shared by the visitors: every attribute value through the translator's
``attval()`` and every text through its ``encode()``; only numbers are formatted here.

A report of a thousand specs writes the same few tags (a row, a cell, a badge) tens of thousands of
times; :func:`tag` keeps each tag it made on the translator, which lives for one page, so each
distinct tag of a page is built (and escaped) once. Links are distinct tags, thousands a page:
:func:`start_tag` writes what ``starttag()`` writes for a tag of no node, without its work for a
node's ids and classes (a third of the report page's time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _
from ..nodes import make_checkbox

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.writers.html5 import HTML5Translator

#: The node handed to ``starttag()`` for a tag that carries no ids or classes of a node.
_BARE = nodes.inline()


def tag(
    self: HTML5Translator,
    name: str,
    classes: str = "",
    attrs: Mapping[str, str] | None = None,
    *,
    empty: bool = False,
    **more: str,
) -> str:
    """An opening (or ``empty``) tag with ``classes`` (space-separated) and the attributes
    ``attrs`` and ``more``, escaped by ``starttag()``."""
    attributes = {**attrs, **more} if attrs else more
    # attribute values are cloaked inside a mailto link (attval): the same input, another tag
    key = (name, classes, empty, self.in_mailto, *attributes.items())
    made: dict[tuple[object, ...], str] = self.__dict__.setdefault("_specs_tags", {})
    found = made.get(key)
    if found is None:
        if classes:
            attributes = {**attributes, "CLASS": classes}
        found = made[key] = start_tag(self, name, attributes, empty=empty)
    return found


def start_tag(
    self: HTML5Translator, name: str, attributes: Mapping[str, str], *, empty: bool = False
) -> str:
    """``starttag(node, name, "", empty, **attributes)`` for a node with no ids or classes: the
    same text (names lower-cased and sorted, classes once each, values through ``attval()``)."""
    values = {key.lower(): value for key, value in attributes.items()}
    classes = values.pop("class", "").split()
    if any(c.startswith("language-") for c in classes):  # starttag() makes those a lang=
        return str(self.starttag(_BARE, name, "", empty, **attributes))
    if classes:
        values["class"] = " ".join(dict.fromkeys(classes))
    parts = [name.lower()]
    parts += [f'{key}="{self.attval(str(value))}"' for key, value in sorted(values.items())]
    return f"<{' '.join(parts)}{' /' if empty else ''}>"


def _once(self: HTML5Translator, key: tuple[object, ...], make: Callable[[], str]) -> str:
    """The tag ``make`` gives, made once per page: kept on the translator, which lives for one."""
    made: dict[tuple[object, ...], str] = self.__dict__.setdefault("_specs_tags", {})
    found = made.get(key)
    if found is None:
        found = made[key] = make()
    return found


def element(self: HTML5Translator, name: str, text: str, classes: str = "", **attrs: str) -> str:
    """``<name ...>text</name>`` with ``text`` encoded."""
    return f"{tag(self, name, classes, attrs)}{self.encode(text)}</{name}>"


def checkbox_html(self: HTML5Translator, node: nodes.Element, checked: bool) -> str:
    """A checkbox's ``<input>`` with the node's ids and classes."""
    attributes = {"type": "checkbox", "disabled": "disabled"}
    if checked:
        attributes["checked"] = "checked"
    attributes["aria-label"] = _("done") if checked else _("not done")
    return str(self.starttag(node, "input", "", empty=True, **attributes))


def report_checkbox_html(self: HTML5Translator, checked: bool) -> str:
    """The checkbox of a report's covering item (no ids: the same tag on every row)."""
    return _once(
        self, ("checkbox", checked), lambda: checkbox_html(self, make_checkbox(checked), checked)
    )


def sort_value(done: int, total: int) -> str:
    return f"{done / total:.4f}" if total else "0"


def progress_bar_html(self: HTML5Translator, done: int, total: int) -> str:
    """The bar of a progress: a track and its fill, the width a number."""
    percent = round(100 * done / total) if total else 0
    track = tag(
        self,
        "span",
        "specs-progress-bar",
        {"aria-valuemin": "0", "aria-valuemax": str(total), "aria-valuenow": str(done)},
        role="progressbar",
    )
    fill = tag(self, "span", "specs-progress-fill", style=f"width: {percent}%")
    return f"{track}{fill}</span></span> "
