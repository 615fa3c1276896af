"""Which pages to write again when other pages changed.

A page renders data from other pages: its card shows reverse links (superseded by, needed by, ...)
and the titles and statuses of the specs it links to; its ``{spec}`` and ``{covers}`` links carry
the target's title and status. After every read phase (``env-updated``) this module fingerprints,
for every page that has specs data, exactly that outside data, compares it with what the page was
last written from, and returns the pages whose fingerprint changed, so Sphinx writes them again.
Pages whose inputs did not change are not rewritten.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .domain import SpecIndex, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import DocRecord


def _describe(index: SpecIndex, target: str) -> tuple[object, ...]:
    found = index.lookup(target)
    if found is None:
        return (target, None)
    spec, item = found
    if item is None:
        return (target, spec.docname, spec.anchor, spec.title, spec.status)
    return (target, spec.docname, item.anchor, item.text)


def fingerprint(docname: str, doc: DocRecord, index: SpecIndex) -> str:
    """A digest of everything the page ``docname`` shows that comes from other pages."""
    targets: set[str] = {ref.target for ref in doc.refs}
    parts: list[object] = []
    spec = doc.spec
    if spec is not None:
        owner = index.specs.get(spec.id)
        parts.append(("owner", owner.docname if owner else None))
        reverse = index.reverse_links(spec.id)
        parts.append(sorted(reverse.items()))
        for linked in (*spec.supersedes, *spec.depends_on, *spec.related, *reverse.values()):
            targets.update([linked] if isinstance(linked, str) else linked)
        for value in spec.fields.values():
            if isinstance(value, list):
                targets.update(v for v in value if isinstance(v, str))
        for item in spec.items.values():
            targets.update(item.covers)
    parts.extend(_describe(index, target) for target in sorted(targets))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    index = domain.index
    changed = []
    for docname in sorted(domain.docs):
        digest = fingerprint(docname, domain.docs[docname], index)
        if domain.rendered.get(docname) != digest:
            domain.rendered[docname] = digest
            changed.append(docname)
    return changed


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-updated", pages_to_rewrite)
