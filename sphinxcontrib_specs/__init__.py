"""sphinx-specs: design specs as docs-as-code for Sphinx.

``extensions = ["myst_parser", "sphinxcontrib_specs"]`` in ``conf.py``. Each module wires itself
with a ``setup_<concern>(app)``; this function calls them in the order a build runs: read, resolve,
write. See ``docs/reference/design-notes.md`` for the data flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .config import setup_config
    from .evidence.reader import setup_evidence
    from .gcfreeze import setup_gcfreeze
    from .git import setup_githistory
    from .i18n import setup_i18n
    from .integrations.imports import setup_imports
    from .integrations.needs import setup_needs_bridge
    from .output.ledger import setup_ledger
    from .output.specsjson import setup_export
    from .plain.hooks import setup_plain
    from .read.checks import setup_checks
    from .read.collector import setup_collector
    from .read.directives import setup_directives
    from .read.domain import setup_domain
    from .read.fences import setup_fences
    from .read.nodes import setup_nodes
    from .read.numbering import setup_numbering
    from .read.roles import setup_roles
    from .render.reports import setup_reports
    from .render.resolve import setup_resolve
    from .render.writers import setup_writers

    # Settings first: the catalog, then every specs_* value, parsed once at config-inited.
    setup_i18n(app)
    setup_config(app)
    # Read: the domain that keeps the records; the nodes, directives and roles a parse leaves;
    # plain specs (870) and numbering (875) as transforms; the collector at doctree-read (400),
    # which emits specs-page-collected; the cross-page checks once all pages are read.
    setup_domain(app)
    setup_nodes(app)
    setup_directives(app)
    setup_reports(app)
    setup_roles(app)
    setup_plain(app)
    setup_numbering(app)
    setup_collector(app)
    setup_checks(app)
    setup_fences(app)  # a :::{spec} that MyST read as text: colon_fence is off
    # Sources outside the pages: git history (once per build), org-wide imports, the
    # sphinx-needs bridge (it listens to specs-page-collected), test results and code markers.
    setup_evidence(app)  # before git: its env-updated pass then builds the index once
    setup_githistory(app)
    setup_imports(app)
    setup_needs_bridge(app)
    # Resolve and write: placeholders filled from the index (post-transforms), the writers'
    # visitors and assets, the pages to write again, specs.json at build-finished.
    setup_resolve(app)
    setup_writers(app)
    setup_ledger(app)
    setup_export(app)
    # What is alive once the environment is loaded, out of the collector's sight until the end.
    setup_gcfreeze(app)
    return {
        "version": __version__,
        "env_version": 7,  # 7: plain specs read again (references, lists, titles, links)
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
