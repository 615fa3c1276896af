"""The pieces of a report's or a card's table cell, kept as data until the builder is known.

Each kind is a small frozen class that renders itself two ways: :meth:`Segment.node` gives the
docutils nodes every builder can write, :meth:`Segment.html` the HTML that Sphinx's translator
writes for those nodes, in one go (the reports' tables and the light card: a report over 1,000
specs is tens of thousands of pieces, too many to make nodes of). The nodes are the reference:
``tests/test_cells.py`` checks that both give the same bytes.

A link to a spec is a :class:`Ref` until it is resolved: :meth:`Segment.node` asks a
:class:`Linker` for its nodes; for HTML, :meth:`Segment.resolved` asks a :class:`Resolver` for
the resolved piece first (:class:`Anchor` or :class:`Unresolved` in a report, :class:`XRef` on a
card and for ``{covers}``)::

    Text  Span  Badge  Progress  Link               as they are, for every builder
    Ref  -> Anchor | Unresolved | XRef              resolved for HTML
    Covering(link=Ref -> resolved)  Group(parts)    their parts resolved for HTML

The card's status history is two more kinds, in :mod:`.historycard`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from docutils import nodes

from ..core.colors import slug
from ..core.frozen import frozen
from ..core.model import encoded_url, is_safe_url
from ..i18n import _
from ..read.nodes import make_checkbox, spec_progress
from .html import sort_value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .html import HtmlWriter


class Linker(Protocol):
    """Makes the docutils nodes of a link to a spec (a ``pending_xref``, or resolved now)."""

    def xref(self, target: str, label: str | None = None) -> nodes.Node: ...


class Resolver(Protocol):
    """Resolves a link to a spec for HTML."""

    def resolve_ref(self, ref: Ref) -> Segment: ...


class Segment:
    """A piece of a table cell."""

    __slots__ = ()
    #: Whether it is a block, which stands in the cell itself, not in its paragraph.
    is_block: ClassVar[bool] = False

    def astext(self) -> str:
        """The text it shows (a card's row without text is left out)."""
        raise NotImplementedError

    def words(self) -> Iterable[str]:
        """Its words for the search index (the light card's search text)."""
        return (self.astext(),)

    def node(self, linker: Linker) -> nodes.Node:
        """Its docutils nodes, for every builder."""
        raise NotImplementedError

    def html(self, w: HtmlWriter) -> str:
        """What Sphinx's HTML translator writes for :meth:`node` (resolved: :meth:`resolved`)."""
        raise NotImplementedError

    def resolved(self, resolver: Resolver) -> Segment:
        """The piece with its links resolved, for :meth:`html`."""
        return self

    def targets(self) -> tuple[str, ...]:
        """The targets of the links :meth:`resolved` resolves."""
        return ()


def status_class(status: str | None) -> str:
    """The class that gives a badge, a row or a card its status colour."""
    return f"specs-status-{slug(status)}"


@frozen(slots=True)
class Text(Segment):
    text: str

    def astext(self) -> str:
        return self.text

    def node(self, linker: Linker) -> nodes.Node:
        return nodes.Text(self.text)

    def html(self, w: HtmlWriter) -> str:
        return w.encode(self.text)


@frozen(slots=True)
class Span(Segment):
    """Text with classes (space-separated)."""

    classes: str
    text: str

    def astext(self) -> str:
        return self.text

    def node(self, linker: Linker) -> nodes.Node:
        return nodes.inline(self.text, self.text, classes=self.classes.split())

    def html(self, w: HtmlWriter) -> str:
        return w.element("span", self.text, self.classes)


@frozen(slots=True)
class Badge(Segment):
    """A status in its colour."""

    status: str | None

    def astext(self) -> str:
        return self.status or _("No status")

    def node(self, linker: Linker) -> nodes.Node:
        text = self.astext()
        return nodes.inline(text, text, classes=["specs-badge", status_class(self.status)])

    def html(self, w: HtmlWriter) -> str:
        return w.element("span", self.astext(), f"specs-badge {status_class(self.status)}")


@frozen(slots=True)
class Progress(Segment):
    """``done`` of ``total`` Definition-of-Done items: a bar and its text."""

    done: int
    total: int

    def astext(self) -> str:
        return _("{done} of {total} done").format(done=self.done, total=self.total)

    def node(self, linker: Linker) -> nodes.Node:
        done, total = self.done, self.total
        text = nodes.Text(self.astext())
        return spec_progress("", text, done=done, total=total, classes=["specs-progress"])

    def html(self, w: HtmlWriter) -> str:
        done, total = self.done, self.total
        opening = w.tag("span", "specs-progress", {"data-sort": sort_value(done, total)})
        return f"{opening}{w.progress_bar(done, total)}{w.encode(self.astext())}</span>"


@frozen(slots=True)
class Link(Segment):
    """An author or issue link with its classes; only its text where the URL is not safe."""

    classes: str
    text: str
    url: str | None

    def astext(self) -> str:
        return self.text

    def node(self, linker: Linker) -> nodes.Node:
        text, classes = self.text, self.classes.split()
        if self.url and is_safe_url(self.url):
            shown = encoded_url(text) if text == self.url else text
            return nodes.reference(shown, shown, refuri=encoded_url(self.url), classes=classes)
        return nodes.inline(text, text, classes=classes)

    def html(self, w: HtmlWriter) -> str:
        url = self.url
        if not (url and is_safe_url(url)):
            return w.element("span", self.text, self.classes)
        classes = f"{self.classes} reference external"
        translator = w.translator
        if url.startswith("mailto:") and translator.settings.cloak_email_addresses:
            # as Sphinx's visit_reference: attval() cloaks the attributes (Sphinx's visit_Text
            # also cloaks a mailto link's text; an author's name is left as written here)
            translator.in_mailto = True
            try:
                return w.element("a", self.text, classes, href=translator.cloak_mailto(url))
            finally:
                translator.in_mailto = False
        return w.element("a", self.text, classes, href=url)


@frozen(slots=True)
class Ref(Segment):
    """A link to a spec or item, by target, labelled ``label`` (an explicit title) or its
    target; ``tooltip=False`` where the row shows what the tooltip would say. Unresolved, it
    writes what Sphinx writes for a ``pending_xref`` it cannot resolve: the label."""

    target: str
    label: str | None = None
    tooltip: bool = True

    def astext(self) -> str:
        return self.label or self.target

    def node(self, linker: Linker) -> nodes.Node:
        return linker.xref(self.target, self.label)

    def html(self, w: HtmlWriter) -> str:
        return w.element("span", self.astext(), "xref specs-ref")

    def resolved(self, resolver: Resolver) -> Segment:
        return resolver.resolve_ref(self)

    def targets(self) -> tuple[str, ...]:
        return (self.target,)


_INTERNAL = "reference internal xref specs-ref"
_EXTERNAL = "reference external xref specs-ref specs-external"  # an imported spec (specs_import)


@frozen(slots=True)
class Anchor(Segment):
    """A report's resolved :class:`Ref`: a link with the classes on its ``<a>``; ``title`` the
    tooltip ("" for none); an imported spec's link is external."""

    href: str
    title: str
    label: str
    internal: bool

    def astext(self) -> str:
        return self.label

    def node(self, linker: Linker) -> nodes.Node:
        # the classes in the order the report writes them (Sphinx puts the node's first)
        classes = (_INTERNAL if self.internal else _EXTERNAL).split()
        ref = nodes.reference("", "", internal=self.internal, refuri=self.href, classes=classes)
        if self.title:
            ref["reftitle"] = self.title
        ref += nodes.Text(self.label)
        return ref

    def html(self, w: HtmlWriter) -> str:
        # thousands a report, each its own tag, so written here
        classes = _INTERNAL if self.internal else _EXTERNAL
        title, href = self.title, self.href
        if not w.own_tags:  # a theme's own starttag()
            attrs = {"href": href, "title": title} if title else {"href": href}
            return w.element("a", self.label, classes, **attrs)
        # the attributes in starttag()'s (sorted) order, escaped as attval() escapes
        tooltip = f' title="{w.attval(title)}"' if title else ""
        return f'<a class="{classes}" href="{w.attval(href)}"{tooltip}>{w.encode(self.label)}</a>'


@frozen(slots=True)
class Unresolved(Segment):
    """A report's :class:`Ref` the domain does not know."""

    label: str

    def astext(self) -> str:
        return self.label

    def node(self, linker: Linker) -> nodes.Node:
        classes = ["xref", "specs-ref", "specs-unresolved"]
        return nodes.inline(self.label, self.label, classes=classes)

    def html(self, w: HtmlWriter) -> str:
        return w.element("span", self.label, "xref specs-ref specs-unresolved")


@frozen(slots=True)
class XRef(Segment):
    """A card's or ``{covers}``' resolved :class:`Ref`: what Sphinx's resolver makes of the
    ``pending_xref`` (``title`` None: no tooltip); an imported spec's link is external."""

    href: str
    title: str | None
    label: str
    internal: bool

    def astext(self) -> str:
        return self.label

    def node(self, linker: Linker) -> nodes.Node:
        label = nodes.inline(self.label, self.label, classes=["xref", "specs-ref"])
        classes = [] if self.internal else ["specs-external"]
        ref = nodes.reference("", "", label, internal=self.internal, refuri=self.href)
        ref["classes"] = classes
        if self.title is not None:
            ref["reftitle"] = self.title
        return ref

    def html(self, w: HtmlWriter) -> str:
        classes = "reference internal" if self.internal else "specs-external reference external"
        attrs = (
            {"href": self.href} if self.title is None else {"href": self.href, "title": self.title}
        )
        inner = w.element("span", self.label, "xref specs-ref")
        return f"{w.tag('a', classes, attrs)}{inner}</a>"


@frozen(slots=True)
class Suspect:
    """A covering item's suspect mark: its ``text``, its tooltip, and the ``tail`` after it."""

    text: str
    title: str
    tail: str


@frozen(slots=True)
class Covering(Segment):
    """A covering item of a matrix row: its checkbox (None: none), its ``link`` (a
    :class:`Ref`, resolved for HTML) and its text, and a suspect mark. Outside HTML the mark is
    ``(text)`` without its tooltip, and no warning sign (pdflatex's fonts lack it)."""

    checked: bool | None
    link: Segment
    text: str
    mark: Suspect | None = None

    def astext(self) -> str:
        return self.text

    def node(self, linker: Linker) -> nodes.Node:
        entry = nodes.inline(classes=["specs-covering"])
        if self.checked is not None:
            entry += make_checkbox(self.checked)
            entry += nodes.Text(" ")
        entry += self.link.node(linker)
        entry += nodes.Text(f" {self.text}")
        if self.mark is not None:
            mark = self.mark.text
            entry += nodes.Text(" ")
            entry += nodes.inline(mark, f"({mark})", classes=["specs-suspect"])
            entry += nodes.Text(self.mark.tail)
        return entry

    def html(self, w: HtmlWriter) -> str:
        parts = [w.tag("span", "specs-covering")]
        if self.checked is not None:
            parts.append(w.checkbox(self.checked) + " ")
        parts += [self.link.html(w), " ", w.encode(self.text)]
        if self.mark is not None:
            mark = f"\N{WARNING SIGN} {self.mark.text}"
            suspect = w.element("span", mark, "specs-suspect", title=self.mark.title)
            parts += [" ", suspect, w.encode(self.mark.tail)]
        parts.append("</span>")
        return "".join(parts)

    def resolved(self, resolver: Resolver) -> Segment:
        return Covering(self.checked, self.link.resolved(resolver), self.text, self.mark)

    def targets(self) -> tuple[str, ...]:
        return self.link.targets()


@frozen(slots=True)
class Group(Segment):
    """Pieces in a span with classes (a card's approver and its mark)."""

    classes: str
    parts: tuple[Segment, ...]

    def astext(self) -> str:
        return "".join(part.astext() for part in self.parts)

    def words(self) -> Iterable[str]:
        return [word for part in self.parts for word in part.words()]

    def node(self, linker: Linker) -> nodes.Node:
        group = nodes.inline("", classes=self.classes.split())
        group.extend(part.node(linker) for part in self.parts)
        return group

    def html(self, w: HtmlWriter) -> str:
        inner = "".join([part.html(w) for part in self.parts])
        return f"{w.tag('span', self.classes)}{inner}</span>"

    def resolved(self, resolver: Resolver) -> Segment:
        return Group(self.classes, tuple(part.resolved(resolver) for part in self.parts))

    def targets(self) -> tuple[str, ...]:
        return tuple(target for part in self.parts for target in part.targets())


def joined(parts: Iterable[Segment]) -> list[Segment]:
    """The parts with ``, `` between them."""
    result: list[Segment] = []
    for part in parts:
        if result:
            result.append(COMMA)
        result.append(part)
    return result


COMMA = Text(", ")
