"""The HTML of the visitors that write in one go (the reports' tables, the light card, the
``{covers}`` links): every attribute value escaped as the translator's ``attval()`` does and every
text as its ``encode()`` does; only numbers are formatted here.

A visitor makes one :class:`HtmlWriter` for its translator and hands it to every cell
(:meth:`.cells.Segment.html`). The writer decides once whether the translator escapes and writes
tags as docutils does (a theme's translator may not): if so, it escapes text with
``str.replace`` (``str.translate`` with docutils' table takes 2.6 to 10 times as long for the
short texts of a report, and a report of a thousand specs writes tens of thousands) and writes a
tag of no node as ``starttag()`` writes it, without its work for a node's ids and classes; if not,
every text and tag goes through the translator's own methods.

A report writes the same few tags (a row, a cell, a badge) thousands of times, and every card
the same rows: the writer makes each distinct tag once, and keeps it in the :data:`Tags` it is
given, which the pages of one build share while it writes (:func:`.lightcard.html_writer`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.writers.html5_polyglot import HTMLTranslator

from ..core.lazyre import lazy_compile
from ..i18n import _
from ..read.nodes import make_checkbox

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.writers.html5 import HTML5Translator

#: The node handed to ``starttag()`` for a tag that carries no ids or classes of a node.
_BARE = nodes.inline()

#: What docutils' ``encode()`` replaces (its ``special_characters``), in an order that never
#: replaces inside a replacement ("&" first).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), ('"', "&quot;"), (">", "&gt;"), ("@", "&#64;"))
_SPECIAL = {ord(char): entity for char, entity in _ESCAPES}
_WHITESPACE = lazy_compile("[\n\r\t\v\f]")  # what attval() makes a space

#: The tags made, by what they were made of (:meth:`HtmlWriter.tag`).
Tags = dict[tuple[object, ...], str]
#: How many tags are kept at most (links are distinct tags, thousands a report).
_KEPT_TAGS = 4096


def _escape(text: str) -> str:
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


class HtmlWriter:
    """Writes HTML for one translator as the translator would: its own methods where it has its
    own (``fast``: it escapes as docutils does; ``own_tags``: it also keeps docutils'
    ``starttag()``, which pydata-sphinx-theme overrides), the same text faster where not.
    ``tags``: where to keep the tags made, when they are docutils' (with a theme's
    ``starttag()``, the writer keeps its own)."""

    __slots__ = ("_tags", "fast", "own_tags", "translator")

    def __init__(self, translator: HTML5Translator, tags: Tags | None = None):
        cls = type(translator)
        self.translator = translator
        self.fast: bool = (
            cls.encode is HTMLTranslator.encode
            and cls.attval is HTMLTranslator.attval
            and translator.special_characters == _SPECIAL
        )
        self.own_tags: bool = self.fast and cls.starttag is HTMLTranslator.starttag
        self._tags: Tags = tags if tags is not None and self.own_tags else {}

    def encode(self, text: str) -> str:
        """``translator.encode(text)``."""
        return _escape(text) if self.fast else str(self.translator.encode(text))

    def attval(self, text: str) -> str:
        """``translator.attval(text)`` (inside a cloaked mailto link, the translator's own)."""
        if not self.fast or self.translator.in_mailto:
            return str(self.translator.attval(text))
        if not text.isprintable():  # a line break or tab, or another character it leaves alone
            text = _WHITESPACE.sub(" ", text)
        return _escape(text)

    def tag(
        self,
        name: str,
        classes: str = "",
        attrs: Mapping[str, str] | None = None,
        *,
        empty: bool = False,
        **more: str,
    ) -> str:
        """An opening (or ``empty``) tag with ``classes`` (space-separated) and the attributes
        ``attrs`` and ``more``, as ``starttag()`` writes it (:meth:`start_tag`); made once."""
        attributes = {**attrs, **more} if attrs else more
        # attribute values are cloaked inside a mailto link (attval): the same input, another tag
        key = (name, classes, empty, self.translator.in_mailto, *attributes.items())
        found = self._tags.get(key)
        if found is None:
            if len(self._tags) >= _KEPT_TAGS:
                self._tags.clear()
            if classes:
                attributes = {**attributes, "CLASS": classes}
            found = self._tags[key] = self.start_tag(name, attributes, empty=empty)
        return found

    def start_tag(self, name: str, attributes: Mapping[str, str], *, empty: bool = False) -> str:
        """``starttag(node, name, "", empty, **attributes)`` for a node with no ids or classes and
        string values (no ``ids``, ``classes`` or ``id`` keywords): the same text (names
        lower-cased and sorted, classes once each, values escaped as ``attval()`` escapes)."""
        values = {key.lower(): value for key, value in attributes.items()}
        classes = values.pop("class", "").split()
        if not self.own_tags or any(c.startswith("language-") for c in classes):
            # a theme's starttag(), or docutils' for a "language-" class (it makes that a lang=)
            return str(self.translator.starttag(_BARE, name, "", empty, **attributes))
        if classes:
            values["class"] = " ".join(dict.fromkeys(classes))
        parts = [name.lower()]
        parts += [f'{key}="{self.attval(str(value))}"' for key, value in sorted(values.items())]
        return f"<{' '.join(parts)}{' /' if empty else ''}>"

    def element(self, name: str, text: str, classes: str = "", **attrs: str) -> str:
        """``<name ...>text</name>`` with ``text`` encoded."""
        return f"{self.tag(name, classes, attrs)}{self.encode(text)}</{name}>"

    def translate(self, node: nodes.Node) -> str:
        """What the translator writes for ``node`` (its visitors, as for any node of a page)."""
        body = self.translator.body
        start = len(body)
        node.walkabout(self.translator)
        html = "".join(body[start:])
        del body[start:]
        return html

    def checkbox(self, checked: bool) -> str:
        """The checkbox of a covering item (no ids: the same tag on every row)."""
        key = ("checkbox", checked)
        found = self._tags.get(key)
        if found is None:
            found = self._tags[key] = checkbox_html(
                self.translator, make_checkbox(checked), checked
            )
        return found

    def progress_bar(self, done: int, total: int) -> str:
        """The bar of a progress: a track and its fill, the width a number."""
        percent = round(100 * done / total) if total else 0
        track = self.tag(
            "span",
            "specs-progress-bar",
            {"aria-valuemin": "0", "aria-valuemax": str(total), "aria-valuenow": str(done)},
            role="progressbar",
        )
        fill = self.tag("span", "specs-progress-fill", style=f"width: {percent}%")
        return f"{track}{fill}</span></span> "


def encode(translator: HTML5Translator, text: str) -> str:
    """``translator.encode(text)`` (:meth:`HtmlWriter.encode`)."""
    return HtmlWriter(translator).encode(text)


def attval(translator: HTML5Translator, text: str) -> str:
    """``translator.attval(text)`` (:meth:`HtmlWriter.attval`)."""
    return HtmlWriter(translator).attval(text)


def start_tag(
    translator: HTML5Translator,
    name: str,
    attributes: Mapping[str, str],
    *,
    empty: bool = False,
) -> str:
    """A tag of no node as ``translator.starttag()`` writes it (:meth:`HtmlWriter.start_tag`)."""
    return HtmlWriter(translator).start_tag(name, attributes, empty=empty)


def checkbox_html(translator: HTML5Translator, node: nodes.Element, checked: bool) -> str:
    """A checkbox's ``<input>`` with the node's ids and classes."""
    attributes = {"type": "checkbox", "disabled": "disabled"}
    if checked:
        attributes["checked"] = "checked"
    attributes["aria-label"] = _("done") if checked else _("not done")
    return str(translator.starttag(node, "input", "", empty=True, **attributes))


def sort_value(done: int, total: int) -> str:
    return f"{done / total:.4f}" if total else "0"


def progress_bar_html(translator: HTML5Translator, done: int, total: int) -> str:
    """The bar of a progress node (:meth:`HtmlWriter.progress_bar`)."""
    return HtmlWriter(translator).progress_bar(done, total)
