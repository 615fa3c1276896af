"""The docutils nodes of sphinx-specs.

Each node subclasses a standard docutils node, so a builder without a visitor of its own falls back
to the standard one (Sphinx translators dispatch along the class's MRO) and never crashes. The
nodes with visitors of their own (the checkbox, the progress bar, the ``{covers}`` links, the HTML
report table and card) are listed in :mod:`..render.writers`.

Placeholders (:class:`spec_node`, :class:`spec_banner`, :class:`spec_report`) are written at read
time and replaced at write time by :mod:`..render.resolve`, once every document is read::

    parse:  spec_node(spec_id, specs_options, specs_line)   (the directive or plain mode)
    read:   target(refid=anchor) + spec_node(ids=[anchor], docname, specs_anchor)  (numbering)
            spec_banner(spec_id)
    write:  target + container.specs-card(table, abstract)
            admonition.specs-banner (or nothing)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes

from ..core.ids import anchor
from ..core.model import DocLink

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

N = TypeVar("N", bound=nodes.Node)

#: Standard nodes whose text is written as is (code, raw markup, comments): not prose, where a
#: template placeholder is allowed and a word's spelling is no sign of the page's.
VERBATIM = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.doctest_block)


class spec_node(nodes.container):
    """Placeholder for a spec's metadata card; holds the abstract's nodes as children.

    Made by :func:`pending_spec`: ``spec_id``, ``specs_options`` (option name -> raw text) and
    ``specs_line``; the read-phase transform adds ``docname`` and ``specs_anchor``.
    """


class spec_banner(nodes.container):
    """Placeholder, at the top of a spec's page, for the superseded / inactive banner
    (``spec_id``; ``docname``, the page it stands on)."""


class spec_items(nodes.container):
    """A tracked-item list (goals, DoD, ...): a container around a standard bullet list."""


class spec_checkbox(nodes.inline):
    """The checkbox of a checkable item; ``checked`` is a bool; its text reads ``[x]``/``[ ]``."""


class spec_progress(nodes.inline):
    """Definition-of-Done progress; ``done`` and ``total`` are ints, the text child says it."""


class spec_covers(nodes.Inline, nodes.TextElement):
    """What the ``{covers}`` role leaves in the doctree Sphinx keeps until the page is written:
    one node for all its links. ``specs_covers``: the targets as written; ``specs_targets``: the
    same made full by the numbering (``G1`` -> ``SPEC-1.G1``); ``refdoc``: its page; its one
    Text child, the written targets joined by ", " (search, ``astext()``). Resolved at write time
    by :mod:`.render.covers`: written from the domain by the HTML writer, or expanded into one
    ``pending_xref`` per target for Sphinx's resolver."""


class spec_report(nodes.General, nodes.Element):
    """Placeholder for a report: ``report`` = table, matrix, stats, graph; ``options``, the
    directive's options as parsed and checked (the one place they are stored); its line."""


class spec_table_controls(nodes.General, nodes.Element):
    """HTML only: the search box and status checkboxes of an interactive ``spec-table``.
    ``statuses`` is a list of (CSS class, label)."""


class spec_html_table(nodes.General, nodes.Element):
    """HTML only: a report table with its cells as data (``headers``, ``rows`` of cells of
    segments, ``empty``, ``column_classes``); written in one go by its visitor
    (:func:`.render.tables.visit_html_table`)."""


class spec_html_card(nodes.General, nodes.Element):
    """HTML only: a spec card's table with its rows as data (``heading`` = (ID, title), ``rows``
    of (key, label, resolved segments)); its one child is a Text of the card's words for the
    search index; written in one go by :func:`.render.lightcard.visit_html_card`."""


def raw_option(value: object) -> str | list[Any]:
    """An option's value as the record reads it: text stripped, or a list (a plain spec's YAML
    list, its spec references) of stripped texts, and :class:`~..core.model.DocLink` and a
    ``link`` field's ``{"text", "url"}`` as they are. The one normalization of a spec's
    options, for the directive and plain specs alike."""
    if isinstance(value, list | tuple):
        return [v if isinstance(v, DocLink | dict) else str(v).strip() for v in value]
    return "" if value is None else str(value).strip()


def pending_spec(
    spec_id: str,
    options: Mapping[str, str | list[str]],
    line: int | None,
    option_lines: Mapping[str, tuple[str | None, int | None]] | None = None,
) -> spec_node:
    """A spec as its source wrote it: its ID, its options (name, lower-cased -> raw text; a
    plain spec's list, people from a YAML list say, as a list) and the line its option warnings
    go to, or each option's own ``(file, line)`` where the source knows it (a plain spec's
    field; file None: the page). The page collector makes the spec's record from it."""
    raw = {str(name).lower(): raw_option(value) for name, value in options.items()}
    node = spec_node(
        "", spec_id=spec_id, specs_options=raw, specs_line=line, classes=["specs-spec"]
    )
    node["specs_option_lines"] = {str(k).lower(): v for k, v in (option_lines or {}).items()}
    node.line = line
    return node


def option_lines(node: spec_node, srcdir: str) -> dict[str, tuple[str | None, int | None]]:
    """Where each option of a :func:`pending_spec` was written, ``(file, line)``: the file
    absolute for a sibling metadata file's field (relative to ``srcdir`` on the node), None for
    the page's own lines; empty for a directive spec."""
    written: dict[str, tuple[str | None, int | None]] = node.get("specs_option_lines", {})
    return {
        option: (str(Path(srcdir, source)) if source else None, at)
        for option, (source, at) in written.items()
    }


def page_spec(document: nodes.Node) -> spec_node | None:
    """The page's spec: its first spec node with an ID (the numbering transform reports and
    drops the others)."""
    return next((n for n in find_all(document, spec_node) if n["spec_id"]), None)


def find_all(node: nodes.Node, kind: type[N] | tuple[type[N], ...]) -> list[N]:
    """The nodes of class ``kind`` in ``node`` and below, in document order: ``findall(kind)``
    as a list, from a plain loop (``findall``'s recursive generators resume once per level of
    depth for every node, several times the cost of the test)."""
    found: list[N] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, kind):
            found.append(current)
        if isinstance(current, nodes.Element):
            stack.extend(reversed(current.children))
    return found


def contains(node: nodes.Node, kind: type[nodes.Node]) -> bool:
    """Whether ``node`` or a node below it is of class ``kind`` (a plain loop, as
    :func:`find_all`)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, kind):
            return True
        if isinstance(current, nodes.Element):
            stack.extend(current.children)
    return False


def is_covers(node: nodes.Node) -> bool:
    """What the ``{covers}`` role leaves (at read time)."""
    return isinstance(node, spec_covers)


def covers_markers(node: nodes.Node) -> list[spec_covers]:
    """The ``{covers}`` nodes under ``node``, in document order (:func:`find_all`)."""
    return find_all(node, spec_covers)


def unique_anchor(document: nodes.document, text: str) -> str:
    """An HTML id for ``text`` (``SPEC-1.G2`` -> ``spec-1-g2``) that the page does not use yet."""
    base = anchor(text)
    found, n = base, 1
    while found in document.ids:
        found = f"{base}-{n}"
        n += 1
    return found


def adopt(subtree: nodes.Node, document: nodes.document) -> None:
    """Tell every node of ``subtree`` (built apart, then inserted) its document.

    docutils sets a node's document only when it is added to a parent that knows it; a node
    built inside a detached container (a directive's nested parse, a card) never learns it, and
    then every later insertion under it (Sphinx replacing each ``pending_xref`` at write time)
    walks up the whole ancestry, several times. Only the attribute is set (no source or line)."""
    stack = [subtree]
    while stack:  # a plain loop: findall()'s recursive generators cost more than the work
        node = stack.pop()
        node.document = document
        if isinstance(node, nodes.Element):
            stack.extend(node.children)


def make_checkbox(checked: bool) -> spec_checkbox:
    return spec_checkbox(
        "",
        nodes.Text("[x]" if checked else "[ ]"),
        checked=checked,
        classes=["specs-checkbox", "specs-checked" if checked else "specs-open"],
    )


#: Builders known to write one page per document, so that the document's own record says what
#: its page holds (a shortcut of :mod:`.render.resolve`; any other builder has its page walked).
PER_PAGE_BUILDERS = frozenset(
    {"html", "dirhtml", "epub", "text", "xml", "pseudoxml", "json", "pickle"}
)


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder at work, for write-time transforms (Sphinx 9 deprecates ``transform.app``;
    Sphinx itself reads ``env._app``, which Sphinx 8.0 calls ``env.app``)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def setup_nodes(app: Sphinx) -> None:
    """The placeholders; the nodes with visitors of their own are registered by
    :func:`.render.writers.setup_writers`."""
    for node in (spec_node, spec_banner, spec_items, spec_report):
        app.add_node(node)
