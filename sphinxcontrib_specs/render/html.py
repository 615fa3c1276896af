"""HTML pieces shared by the visitors: every attribute value escaped as the translator's
``attval()`` does and every text as its ``encode()`` does (:func:`attval`, :func:`encode`); only
numbers are formatted here.

A report of a thousand specs writes the same few tags (a row, a cell, a badge) tens of thousands of
times; :func:`tag` keeps each tag it made on the builder (on the translator, which lives for
one page, when a theme writes its own tags), so each distinct tag is built (and escaped) once a
build. Links are distinct tags, thousands a page:
:func:`start_tag` writes what ``starttag()`` writes for a tag of no node, without its work for a
node's ids and classes (a fifth of the report tables' time, sampled), and :func:`encode` escapes
text as ``encode()`` does, with ``str.replace`` (a quarter of it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.writers.html5_polyglot import HTMLTranslator

from ..i18n import _
from ..read.nodes import make_checkbox

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.writers.html5 import HTML5Translator

#: The node handed to ``starttag()`` for a tag that carries no ids or classes of a node.
_BARE = nodes.inline()

#: What docutils' ``encode()`` replaces (its ``special_characters``), in an order that never
#: replaces inside a replacement ("&" first).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), ('"', "&quot;"), (">", "&gt;"), ("@", "&#64;"))
_SPECIAL = {ord(char): entity for char, entity in _ESCAPES}
_WHITESPACE = re.compile("[\n\r\t\v\f]")  # what attval() makes a space


def _escape(text: str) -> str:
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def _fast(self: HTML5Translator) -> bool:
    """Whether the translator escapes as docutils does (a theme's translator may not)."""
    fast = self.__dict__.get("_specs_fast")
    if fast is None:
        fast = self.__dict__["_specs_fast"] = (
            type(self).encode is HTMLTranslator.encode
            and type(self).attval is HTMLTranslator.attval
            and self.special_characters == _SPECIAL
        )
    return fast


def own_tags(self: HTML5Translator) -> bool:
    """Whether tags may be written here as docutils' ``starttag()`` writes them: the translator
    escapes as docutils does and keeps docutils' ``starttag()`` (a theme may add attributes in
    its own, pydata-sphinx-theme overrides it); otherwise every tag goes through its own."""
    own = self.__dict__.get("_specs_own_tags")
    if own is None:
        own = self.__dict__["_specs_own_tags"] = (
            _fast(self) and type(self).starttag is HTMLTranslator.starttag
        )
    return own


def encode(self: HTML5Translator, text: str) -> str:
    """``self.encode(text)``; the same text from ``str.replace`` when the translator escapes
    as docutils does: ``str.translate`` with docutils' table takes several times as long for
    the short texts of a report (2.6 to 10 times), and a report of a thousand specs writes tens
    of thousands."""
    return _escape(str(text)) if _fast(self) else str(self.encode(text))


def attval(self: HTML5Translator, text: str) -> str:
    """``self.attval(text)``, as :func:`encode` (links inside a cloaked mailto go the long way)."""
    if not _fast(self) or self.in_mailto:
        return str(self.attval(text))
    text = str(text)
    if not text.isprintable():  # a line break or tab, or another character it leaves alone
        text = _WHITESPACE.sub(" ", text)
    return _escape(text)


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
    ``attrs`` and ``more``, as ``starttag()`` writes it (:func:`start_tag`)."""
    attributes = {**attrs, **more} if attrs else more
    # attribute values are cloaked inside a mailto link (attval): the same input, another tag
    key = (name, classes, empty, self.in_mailto, *attributes.items())
    return _once(
        self,
        key,
        lambda: start_tag(
            self, name, {**attributes, "CLASS": classes} if classes else attributes, empty=empty
        ),
    )


def start_tag(
    self: HTML5Translator, name: str, attributes: Mapping[str, str], *, empty: bool = False
) -> str:
    """``starttag(node, name, "", empty, **attributes)`` for a node with no ids or classes and
    string values (no ``ids``, ``classes`` or ``id`` keywords): the same text (names lower-cased
    and sorted, classes once each, values escaped as ``attval()`` escapes); the translator's own
    ``starttag()`` when it has one (:func:`own_tags`)."""
    values = {key.lower(): value for key, value in attributes.items()}
    classes = values.pop("class", "").split()
    if not own_tags(self) or any(c.startswith("language-") for c in classes):
        # a theme's starttag(), or docutils' for a "language-" class (it makes that a lang=)
        return str(self.starttag(_BARE, name, "", empty, **attributes))
    if classes:
        values["class"] = " ".join(dict.fromkeys(classes))
    parts = [name.lower()]
    parts += [f'{key}="{attval(self, str(value))}"' for key, value in sorted(values.items())]
    return f"<{' '.join(parts)}{' /' if empty else ''}>"


#: How many tags are kept at most (:func:`_once`); the store starts again when it is full.
_KEPT_TAGS = 4096


def _once(self: HTML5Translator, key: tuple[object, ...], make: Callable[[], str]) -> str:
    """The tag ``make`` gives, made once: kept on the builder, for every page of the build, when
    the translator writes tags as docutils does (the same input is the same tag on any page of
    one build; its language is the build's); else on the translator, which lives for one page.
    Either keeps at most :data:`_KEPT_TAGS` (links are distinct tags, thousands a build)."""
    holder = getattr(self, "builder", self) if own_tags(self) else self
    made: dict[tuple[object, ...], str] = holder.__dict__.setdefault("_specs_tags", {})
    if len(made) >= _KEPT_TAGS:
        made.clear()
    found = made.get(key)
    if found is None:
        found = made[key] = make()
    return found


def element(self: HTML5Translator, name: str, text: str, classes: str = "", **attrs: str) -> str:
    """``<name ...>text</name>`` with ``text`` encoded."""
    return f"{tag(self, name, classes, attrs)}{encode(self, text)}</{name}>"


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
