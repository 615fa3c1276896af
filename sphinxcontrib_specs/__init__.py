"""sphinx-specs: design specs as docs-as-code for Sphinx.

``extensions = ["myst_parser", "sphinxcontrib_specs"]`` in ``conf.py``. Each module wires itself
with a ``setup_<concern>(app)``; this function only calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .checks import setup_checks
    from .collector import setup_collector
    from .config import setup_config
    from .directives import setup_directives
    from .domain import setup_domain
    from .export import setup_export
    from .githistory import setup_githistory
    from .i18n import setup_i18n
    from .imports import setup_imports
    from .needs import setup_needs_bridge
    from .nodes import setup_nodes
    from .numbering import setup_numbering
    from .plain.transform import setup_plain
    from .render.graph import setup_graph
    from .render.history import setup_history
    from .render.matrix import setup_matrix
    from .render.resolve import setup_resolve
    from .render.stats import setup_stats
    from .render.table import setup_table
    from .render.timeline import setup_timeline
    from .render.writers import setup_writers
    from .roles import setup_roles

    setup_i18n(app)
    setup_config(app)
    setup_domain(app)
    setup_nodes(app)
    setup_writers(app)
    setup_directives(app)
    setup_table(app)
    setup_matrix(app)
    setup_history(app)
    setup_timeline(app)
    setup_stats(app)
    setup_graph(app)
    setup_roles(app)
    setup_plain(app)
    setup_numbering(app)
    setup_collector(app)
    setup_checks(app)
    setup_githistory(app)
    setup_resolve(app)
    setup_export(app)
    setup_imports(app)
    setup_needs_bridge(app)
    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
