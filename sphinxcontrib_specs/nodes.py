"""The docutils nodes of sphinx-specs.

Each node subclasses a standard docutils node, so a builder without a visitor of its own falls back
to the standard one (Sphinx translators dispatch along the class's MRO) and never crashes. Only the
checkbox and the progress bar have visitors of their own (see :mod:`.render.writers`).

Placeholders (:class:`spec_node`, :class:`spec_banner`) are written at read time and replaced at
write time by :mod:`.render.resolve`, once every document is read::

    read:   spec_node(spec_id)          ->  write:  target + container.specs-card(table, abstract)
            spec_banner(spec_id)                    admonition.specs-banner (or nothing)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class spec_node(nodes.container):
    """Placeholder for a spec's metadata card; holds the abstract's nodes as children."""


class spec_banner(nodes.container):
    """Placeholder, at the top of a spec's page, for the superseded / inactive banner."""


class spec_items(nodes.container):
    """A tracked-item list (goals, DoD, ...): a container around a standard bullet list."""


class spec_checkbox(nodes.inline):
    """The checkbox of a checkable item; ``checked`` is a bool; its text reads ``[x]``/``[ ]``."""


class spec_progress(nodes.inline):
    """Definition-of-Done progress; ``done`` and ``total`` are ints, the text child says it."""


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


def unique_anchor(document: nodes.document, text: str) -> str:
    """An HTML id for ``text`` (``SPEC-1.G2`` -> ``spec-1-g2``) that the page does not use yet."""
    base = nodes.make_id(text) or "spec"
    anchor, n = base, 1
    while anchor in document.ids:
        anchor = f"{base}-{n}"
        n += 1
    return anchor


def make_checkbox(checked: bool) -> spec_checkbox:
    return spec_checkbox(
        "",
        nodes.Text("[x]" if checked else "[ ]"),
        checked=checked,
        classes=["specs-checkbox", "specs-checked" if checked else "specs-open"],
    )


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder at work, for write-time transforms (Sphinx 9 deprecates ``transform.app``;
    Sphinx itself reads ``env._app``, which Sphinx 8.0 calls ``env.app``)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def setup_nodes(app: Sphinx) -> None:
    from .render.writers import setup_writers

    for node in (spec_node, spec_banner, spec_items, spec_report):
        app.add_node(node)
    setup_writers(app)
