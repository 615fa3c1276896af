"""The directives: ``spec`` (:mod:`.spec`), the tracked items (:mod:`.items`), and which names
they take when another extension has them (:mod:`.names`). Each report's directive lives with its
renderer in :mod:`...render.reports` (table, matrix, stats, graph, history, timeline)."""

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
    directives also depend on ``specs_item_kinds``, and registering last lets them see every
    other extension's directives: an item directive's short name another extension holds stays
    that extension's (:mod:`.names`). ``spec`` is the page's one directive and has no other name:
    it replaces another extension's ``spec``, saying so.
    """
    from ...config import settings_of
    from ...warnings_ import SpecsWarning, warn
    from .items import register_item_directives
    from .names import holder
    from .spec import SpecDirective

    owner = holder("spec")
    if owner is not None and not owner.startswith(("sphinxcontrib_specs.", "sphinx_needs.")):
        warn(
            SpecsWarning.CONFIG,
            f"the directive 'spec' is already registered ({owner}); sphinx-specs' spec "
            "directive replaces it",
        )
    app.add_directive("spec", SpecDirective, override=True)
    register_item_directives(app, settings_of(config))


def setup_directives(app: Sphinx) -> None:
    from .items import TranslatedItems

    app.connect("config-inited", _register_directives, priority=800)
    app.add_transform(TranslatedItems)  # a translated page's items read as their source's
