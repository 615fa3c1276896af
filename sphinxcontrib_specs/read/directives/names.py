"""Directive names that never silently replace another extension's directive.

Every tracked-item directive has a ``spec-``-prefixed name that always works (``spec-goals``,
``spec-definition-of-done``, ``spec-dod``, ``spec-<directive>`` for ``specs_item_kinds``). The
short name (``goals``) is registered only when nothing else holds it: another extension's
directive, or one of docutils' own, keeps its name, and a ``specs.config`` warning names the clash
and the prefixed name to write instead.

One exception, on purpose: sphinx-needs registers a directive per need type, and the needs bridge
makes our specs and items needs of the types ``spec`` and ``<kind>`` (``dod`` among them). Those
names stay ours, as the bridge's documentation says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils.parsers.rst import directives

from ...warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from collections.abc import Collection

    from docutils.parsers.rst import Directive
    from sphinx.application import Sphinx

PREFIX = "spec-"


def prefixed(name: str) -> str:
    """The name that always works: ``goals`` -> ``spec-goals`` (a ``spec-`` name stays as it is)."""
    return name if name.startswith(PREFIX) else f"{PREFIX}{name}"


def holder(name: str) -> str | None:
    """Who holds the directive ``name`` now (``module.Class`` or ``docutils``); None if free."""
    registered: dict[str, Any] = getattr(directives, "_directives", {})
    cls = registered.get(name)
    if cls is not None:
        return f"{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', cls)}"
    builtin: dict[str, Any] = getattr(directives, "_directive_registry", {})
    return "docutils" if name in builtin else None


def _ours_or_bridged(name: str, owner: str, needs_types: Collection[str]) -> bool:
    if owner.startswith("sphinxcontrib_specs."):
        return True  # registered by us before (an earlier application in this process)
    return owner.startswith("sphinx_needs.") and name in needs_types


def add_short_name(
    app: Sphinx, name: str, cls: type[Directive], needs_types: Collection[str]
) -> bool:
    """Register ``cls`` as ``name`` unless another extension holds that name (then warn).

    ``needs_types``: the need types the sphinx-needs bridge fills, whose directives we replace.
    Returns whether ``name`` is now ours.
    """
    owner = holder(name)
    if owner is not None and not _ours_or_bridged(name, owner, needs_types):
        warn(
            SpecsWarning.CONFIG,
            f"the directive {name!r} is already registered ({owner}); sphinx-specs leaves it "
            f"alone: write {prefixed(name)!r} for sphinx-specs' {name!r} items",
        )
        return False
    app.add_directive(name, cls, override=True)
    return True
