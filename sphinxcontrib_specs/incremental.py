"""Which pages to write again when other pages changed.

A page renders data from other pages: its card shows reverse links (superseded by, needed by, ...)
and the titles and statuses of the specs it links to; its ``{spec}`` and ``{covers}`` links carry
the target's title and status; its reports show whatever specs their selection picks. After every
read phase (``env-updated``) this module fingerprints, for every page that has specs data, exactly
that outside data, compares it with what the page was last written from, and returns the pages
whose fingerprint changed, so Sphinx writes them again. Pages whose inputs did not change are not
rewritten.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .core.index import SpecIndex
    from .core.model import DocRecord
    from .domain import SpecsDomain


def _describe(index: SpecIndex, target: str) -> tuple[object, ...]:
    found = index.lookup(target)
    if found is None:
        return (target, None)
    spec, item = found
    if item is None:
        return (target, spec.docname, spec.anchor, spec.title, spec.status)
    return (target, spec.docname, item.anchor, item.text)


def fingerprint(doc: DocRecord, domain: SpecsDomain) -> str:
    """A digest of everything a page shows that comes from other pages."""
    index = domain.index
    targets: set[str] = {ref.target for ref in doc.refs}
    parts: list[object] = []
    spec = doc.spec
    if spec is not None:
        owner = index.specs.get(spec.id)
        parts.append(("owner", owner.docname if owner else None))
        reverse = index.reverse_links(spec.id)
        parts.append(sorted(reverse.items()))
        targets.update(spec.supersedes, spec.depends_on, spec.related)
        for linked in reverse.values():
            targets.update(linked)
        for value in spec.fields.values():
            if isinstance(value, list):
                targets.update(v for v in value if isinstance(v, str))
        for item in spec.items.values():
            targets.update(item.covers)
    parts.extend(_describe(index, target) for target in sorted(targets))
    for report in doc.reports:
        # A report shows the specs its selection picks now, so the selection is part of it.
        selected = domain.select(dict(report.options))
        parts.append((report.kind, report.options, [index.digest(s.id) for s in selected]))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = get_domain(env)
    changed = []
    for docname in sorted(domain.docs):
        digest = fingerprint(domain.docs[docname], domain)
        if domain.rendered.get(docname) != digest:
            domain.rendered[docname] = digest
            changed.append(docname)
    return changed


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-updated", pages_to_rewrite)
