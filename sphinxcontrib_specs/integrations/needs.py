"""The sphinx-needs bridge: every spec a need of type ``spec``, every item a need of its kind.

Active when ``sphinx_needs`` is in ``extensions`` (in either order) and ``specs_needs_bridge`` is
true. This is the only module that imports sphinx-needs, and only then. It uses sphinx-needs'
public API where its documentation asks for it:

- ``config-inited`` (priority 400: after sphinx-needs resolves its types at 12, before it reads
  its configuration at 500): :func:`sphinx_needs.api.add_need_type` for the types it lacks,
  :func:`sphinx_needs.api.add_field` for our fields, and our link types in ``needs_links`` when
  the project has not declared them (sphinx-needs 9 has no API for link types yet; the merge is
  the same on every build, so it never changes the configuration between builds);
- at ``specs-page-collected`` (the page collector, :mod:`..read.collector`, has made the page's
  records, at ``doctree-read`` 400, before sphinx-needs analyses need locations at 500),
  :func:`add_page_needs`: :func:`sphinx_needs.api.add_need` for the page's spec and items,
  hidden (our card and items render them), with the need ID added as an anchor on our own
  targets;
- ``needs-before-post-processing`` (every page read, before sphinx-needs checks links): the
  links to imported specs are left out of our needs (:func:`drop_links_to_imports`).

Need IDs come from spec and item IDs: upper case, anything but letters and digits turned into
``_`` (``SPEC-0042`` -> ``SPEC_0042``, ``SPEC-0042.G1`` -> ``SPEC_0042_G1``), which matches
sphinx-needs' default ``needs_id_regex``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from typing import TYPE_CHECKING, Any, cast

from docutils.nodes import Element

from ..config import settings_of
from ..core.model import DocLink
from ..read.domain import get_domain
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..core.model import DocRecord, ItemRecord, SpecRecord

#: Our link types: name -> (outgoing title, incoming title, colour in needflow).
LINK_TYPES: dict[str, tuple[str, str, str]] = {
    "part_of": ("part of", "items", "#6b7280"),
    "covers": ("covers", "covered by", "#15803d"),
    "supersedes": ("supersedes", "superseded by", "#b91c1c"),
    "depends_on": ("depends on", "needed by", "#1d4ed8"),
    "related": ("related", "related (incoming)", "#a15c07"),
}

#: Our fields: name -> (description, JSON schema).
FIELDS: dict[str, tuple[str, dict[str, Any]]] = {
    "authors": ("sphinx-specs: the spec's authors", {"type": "array", "items": {"type": "string"}}),
    "team": ("sphinx-specs: the spec's team", {"type": "string"}),
    "created": ("sphinx-specs: created, YYYY-MM-DD (YYYY-MM: a month)", {"type": "string"}),
    "updated": ("sphinx-specs: last updated, YYYY-MM-DD (YYYY-MM: a month)", {"type": "string"}),
    "issues": ("sphinx-specs: related issues", {"type": "array", "items": {"type": "string"}}),
    "spec_template": ("sphinx-specs: the spec's template", {"type": "string"}),
    "spec_id": ("sphinx-specs: the spec or item ID", {"type": "string"}),
    "checked": ("sphinx-specs: an item's checkbox", {"type": "boolean"}),
}

TYPE_COLORS = {"spec": "#BFD8D2", "goal": "#DCB239", "dod": "#A6BDD7", "requirement": "#F1C40F"}


def need_id(target: str) -> str:
    """The need ID of a spec or item ID (see the module docstring)."""
    return re.sub(r"[^A-Z0-9]", "_", target.upper())


def is_active(app: Sphinx) -> bool:
    return "sphinx_needs" in app.extensions and settings_of(app.config).needs_bridge


def register_with_sphinx_needs(app: Sphinx, config: Config) -> None:
    if not is_active(app):
        return
    from sphinx_needs.api import add_field, add_need_type, get_need_types
    from sphinx_needs.exceptions import NeedsApiConfigWarning

    settings = settings_of(config)
    known = set(get_need_types(app))
    wanted = [("spec", "Spec", "SPEC_")] + [
        (kind.kind, kind.title, f"{kind.prefix}_") for kind in settings.item_kinds.values()
    ]
    for directive, title, prefix in wanted:
        if directive not in known:
            known.add(directive)
            add_need_type(app, directive, title, prefix, TYPE_COLORS.get(directive, "#E5E7EB"))
    for name, (description, schema) in FIELDS.items():
        # a project that declares a field of this name itself keeps it; we fill it in
        with contextlib.suppress(NeedsApiConfigWarning):
            add_field(name, description, schema=cast("Any", schema), nullable=True)
    links = dict(config.needs_links or {})
    for name, (outgoing, incoming, color) in LINK_TYPES.items():
        links.setdefault(name, {"outgoing": outgoing, "incoming": incoming, "color": color})
    config.needs_links = links
    app.connect("needs-before-post-processing", drop_links_to_imports)


def _targets(doctree: nodes.document, anchor: str, extra_id: str) -> None:
    """Let ``{need}`` links land on our own target: give it the need ID as a second anchor."""
    target = doctree.ids.get(anchor)
    if target is not None and extra_id not in doctree.ids:
        target["ids"].append(extra_id)
        doctree.ids[extra_id] = target


def add_page_needs(app: Sphinx, docname: str, doc: DocRecord, doctree: nodes.document) -> None:
    """At ``specs-page-collected`` (the collector has just stored the page's records): add the
    page's spec and items as sphinx-needs needs."""
    if doc.spec is None or not is_active(app):
        return
    spec = doc.spec
    from sphinx_needs.api import InvalidNeedException, add_need

    state = parser_state()
    created: list[tuple[str, list[nodes.Node]]] = []
    # each need on its own: one sphinx-needs refuses (two item IDs that make one need ID,
    # `fast` and `Fast`) is warned at its line, and the others are still made
    wanted = [(spec.id, spec.anchor, spec.lineno, spec_need(spec))]
    wanted += [
        (f"{spec.id}.{item.id}", item.anchor, item.lineno, item_need(spec, item))
        for item in spec.items.values()
    ]
    for what, anchor, line, fields in wanted:
        try:
            created.append((anchor, add_need(app, state, docname, line, **fields)))
        except InvalidNeedException as exc:
            warn(
                SpecsWarning.META,
                f"sphinx-needs refused the need of {what}: {exc}",
                location=(docname, line),
            )
    for anchor, need_nodes in created:
        target = doctree.ids.get(anchor)
        if target is None or target.parent is None:
            continue
        parent = target.parent
        index = parent.index(target)
        # hidden need nodes: sphinx-needs reads their place in the page, then removes them
        parent[index + 1 : index + 1] = need_nodes
        for node in need_nodes:
            if isinstance(node, Element):
                for extra in list[str](node.get("ids", [])):
                    _targets(doctree, anchor, extra)


def drop_links_to_imports(app: Sphinx, needs: Any) -> None:
    """Leave links to imported specs (``specs_import``) out of our needs' links: they are not
    needs of this project. Connected to sphinx-needs' ``needs-before-post-processing``, once
    every page is read and before it checks links, so the local IDs are all known: a link to
    an ID that an import and a local spec both have goes to the local spec, and stays.

    Each of our needs' links is set again from the spec's record, not filtered in place:
    sphinx-needs keeps the needs of unchanged pages from the last build, and a link left out
    then (its target was imported) must come back when a local spec takes the ID."""
    domain = get_domain(app.env)
    index = domain.index
    imported = {
        need_id(name)
        for spec in index.specs.values()
        if spec.external  # the owner of its ID: not shadowed by a local spec
        for name in (spec.id, *(f"{spec.id}.{item}" for item in spec.items))
    }
    # the records as the pages made them, as add_page_needs read them
    fields_of: dict[str, dict[str, Any]] = {}
    for doc in index.docs.values():
        if doc.spec is not None:
            fields_of[need_id(doc.spec.id)] = spec_need(doc.spec)
            for item in doc.spec.items.values():
                fields_of[need_id(f"{doc.spec.id}.{item.id}")] = item_need(doc.spec, item)
    for key, need in needs.items():
        fields = fields_of.get(key)
        if fields is None or need.get("spec_id") != fields["spec_id"]:
            continue  # not one of our needs
        for link in LINK_TYPES:
            if isinstance(fields.get(link), list):
                need[link] = [t for t in fields[link] if t not in imported]


@functools.cache  # one state for every page: its state classes are built once
def parser_state() -> Any:
    """The parser state ``add_need`` asks for: a reStructuredText body state. Our needs are
    hidden, and sphinx-needs parses nothing with the state of a hidden need, so the page's own
    parser state (which a plain Markdown spec does not have) is not needed."""
    from docutils.parsers.rst.states import RSTStateMachine, state_classes

    return RSTStateMachine(state_classes, "Body").get_state()


def spec_need(spec: SpecRecord) -> dict[str, Any]:
    return {
        "need_type": "spec",
        "title": spec.title or spec.id,
        "id": need_id(spec.id),
        "status": spec.status,
        "tags": list(spec.tags),
        "hide": True,
        "authors": list(spec.authors),
        "team": spec.team or None,
        "created": spec.created,
        "updated": spec.updated,
        "issues": [issue.text for issue in spec.issues],
        "spec_template": spec.template,
        "spec_id": spec.id,
        "supersedes": _need_links(spec.supersedes),
        "depends_on": _need_links(spec.depends_on),
        "related": _need_links(spec.related),
    }


def _need_links(targets: list[str]) -> list[str]:
    """Need IDs of the spec IDs a link field names. A plain spec's link to another spec *file*
    (a :class:`DocLink`) is only resolved to a spec ID once every page is read, after the needs
    were made, so it is left out of the needs' links rather than written as a need ID that does
    not exist (the spec's own card, tables and specs.json do show it)."""
    return [need_id(t) for t in targets if not isinstance(t, DocLink)]


def item_need(spec: SpecRecord, item: ItemRecord) -> dict[str, Any]:
    status = None if item.checked is None else ("done" if item.checked else "open")
    return {
        "need_type": item.kind,
        "title": item.text or f"{spec.id}.{item.id}",
        "id": need_id(f"{spec.id}.{item.id}"),
        "status": status,
        "tags": list(spec.tags),
        "hide": True,
        "checked": item.checked,
        "issues": [issue.text for issue in item.issues],
        "spec_id": f"{spec.id}.{item.id}",
        "part_of": [need_id(spec.id)],
        "covers": [need_id(t) for t in item.covers],
    }


def setup_needs_bridge(app: Sphinx) -> None:
    app.connect("config-inited", register_with_sphinx_needs, priority=400)
    app.connect("specs-page-collected", add_page_needs)
