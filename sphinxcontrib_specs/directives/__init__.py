"""The directives: ``spec`` (:mod:`.spec`), the tracked items (:mod:`.items`); each report's
directive lives with its renderer in :mod:`..render` (table, matrix, stats, graph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _register_directives(app: Sphinx, config: Config) -> None:
    """The spec and item directives, registered late in ``config-inited`` (priority 800).

    Late, because sphinx-needs registers a directive for each need type at 500, and two of its
    types share our directive names (its default ``spec`` type, and the ``dod`` type the needs
    bridge adds): ours must win, without Sphinx's "already registered" warning. The item
    directives also depend on ``specs_item_kinds``.
    """
    from ..config import parse_settings
    from .items import register_item_directives
    from .spec import SpecDirective

    app.add_directive("spec", SpecDirective, override=True)
    register_item_directives(app, parse_settings(config)[0])


def setup_directives(app: Sphinx) -> None:
    from ..render.graph import setup_graph
    from ..render.matrix import setup_matrix
    from ..render.stats import setup_stats
    from ..render.table import setup_table

    for setup_report in (setup_table, setup_matrix, setup_stats, setup_graph):
        setup_report(app)
    app.connect("config-inited", _register_directives, priority=800)
