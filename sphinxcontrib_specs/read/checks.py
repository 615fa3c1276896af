"""The cross-document checks, once per build (``env-check-consistency``).

Duplicate spec IDs, unknown targets of links and roles, ``depends-on`` / ``supersedes`` cycles,
and the status gates of each spec (:mod:`.core.templates.gates`).
Each cycle is reported once, at the spec with the smallest ID in it, naming every member.

The spec folders' checks too: a spec whose sections and items may live in sub-pages
(``DocRecord.headings`` kept) is checked for required sections and open Definition-of-Done items
here, with all its pages, rather than by the page collector; and two pages of a folder that give an
item the same ID.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Heading, RefRecord, SpecRecord
from ..core.templates.gates import not_required
from ..core.templates.sections import section_problems
from ..warnings_ import SpecsWarning, file_line, warn
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.index import SpecIndex
    from .domain import SpecsDomain


def check_duplicates(index: SpecIndex, env: BuildEnvironment) -> None:
    for spec_id, others in sorted(index.duplicates.items()):
        first = index.specs[spec_id]
        # the file, as the warning's own location names it (``sub/a.md``, not ``sub/a``)
        where = Path(env.doc2path(first.docname, False)).as_posix()
        for other in others:
            warn(
                SpecsWarning.ID,
                f"spec ID {spec_id} is also defined in {where}, line {first.lineno}; "
                "IDs must be unique (this definition is ignored)",
                location=(other.docname, other.lineno),
            )


def _where(docname: str, ref: RefRecord) -> str | tuple[str, int | None]:
    """A reference's place: its page's line, or its own file's (an included snippet)."""
    return file_line(ref.source, ref.lineno) if ref.source else (docname, ref.lineno)


def option_place(spec: SpecRecord, option: str) -> str | tuple[str, int | None]:
    """Where a spec's option was written: a plain spec's field's own line (or its metadata
    file's), else the spec's line."""
    source, line = spec.option_lines.get(option, (None, spec.lineno))
    return file_line(source, line) if source else (spec.docname, line)


def _describe(index: SpecIndex, target: str) -> str:
    spec_id, dot, item_id = target.partition(".")
    if dot and not item_id:
        return f"{target!r} names no item after the '.'; write {spec_id} or {spec_id}.ITEM"
    if item_id and spec_id in index.specs:
        known = ", ".join(index.specs[spec_id].items) or "none"
        return f"{spec_id} has no item {item_id!r} (its items: {known})"
    return f"no spec {spec_id!r}"


def check_references(domain: SpecsDomain) -> None:
    index = domain.index
    for spec_id in sorted(index.specs):
        spec = index.specs[spec_id]
        if spec.external:
            continue  # an imported spec's links are its own project's to check
        written = {
            "supersedes": spec.supersedes,
            "superseded-by": spec.superseded_by,
            "depends-on": spec.depends_on,
            "related": spec.related,
        }
        for name, extra in domain.settings.fields.items():
            if extra.type == "spec":
                written[name] = spec.fields.get(name) or []
        for option, targets in written.items():
            for target in targets:
                if target == spec_id:
                    warn(
                        SpecsWarning.REF,
                        f"spec {spec_id} names itself in :{option}:",
                        location=option_place(spec, option),
                    )
                elif index.lookup(target) is None:
                    warn(
                        SpecsWarning.REF,
                        f"unknown spec in :{option}: of {spec_id}: {_describe(index, target)}",
                        location=option_place(spec, option),
                    )
    for docname in sorted(index.docs):
        for ref in index.docs[docname].refs:
            if index.lookup(index.full_target(ref.target, docname)) is None:
                what = "{covers}" if ref.via == "covers" else "{spec}"
                warn(
                    SpecsWarning.REF,
                    f"unknown target in {what}`{ref.target}`: {_describe(index, ref.target)}",
                    location=_where(docname, ref),
                )


def find_cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The cycles of a directed graph: its strongly connected components with more than one node,
    or a node with an edge to itself; each sorted, in order of their smallest member.

    Iterative Tarjan, so a chain of thousands of specs does not hit the recursion limit.
    """
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index_of:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in edges:
                    continue
                if child not in index_of:
                    index_of[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index_of[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index_of[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in edges.get(node, ()):
                        cycles.append(sorted(component))
    return sorted(cycles)


def check_cycles(index: SpecIndex) -> None:
    for option, attribute in (("depends-on", "depends_on"), ("supersedes", "supersedes")):
        edges = {
            spec_id: [t for t in getattr(spec, attribute) if t in index.specs and t != spec_id]
            for spec_id, spec in index.specs.items()
        }
        for cycle in find_cycles(edges):
            local = [index.specs[m] for m in cycle if not index.specs[m].external]
            if not local:
                continue  # among imported specs only: their own project's to report
            first = local[0]
            shown = cycle if len(cycle) <= 12 else [*cycle[:12], f"... ({len(cycle)} specs)"]
            warn(
                SpecsWarning.CYCLE,
                f":{option}: cycle among {', '.join(shown)}; break it by removing one link",
                location=option_place(first, option),
            )


def check_folders(domain: SpecsDomain) -> None:
    """Required sections of the specs whose pages may be many (spec folders), with the headings
    of every page; items of two pages with one ID. (Their open Definition-of-Done items are the
    ``dod_done`` gate's, checked from the index with every page's items: :func:`check_gates`.)"""
    index = domain.index
    for spec_id in sorted(index.specs):
        spec = index.specs[spec_id]
        if spec.external:
            continue  # an imported spec: checked by its own project
        own = index.docs[spec.docname].headings
        if own is None:
            continue
        template = domain.settings.template(spec.template)
        headings: list[Heading] = list(own)
        pages = [spec.docname] * len(own)
        for part in index.parts.get(spec_id, ()):
            offset = len(headings)
            for sub in index.docs[part].headings or ():
                parent = None if sub.parent is None else sub.parent + offset
                headings.append(Heading(sub.title, sub.depth, parent, sub.line))
                pages.append(part)
        skip = not_required(template, spec.status)
        for text, heading in section_problems(spec_id, template, headings, skip):
            where = (spec.docname, spec.lineno)
            if heading is not None:
                at = next(i for i, h in enumerate(headings) if h is heading)
                where = (pages[at], heading.line or spec.lineno)
            warn(SpecsWarning.SECTION, text, location=where)
    for spec_id, item, first_page in index.item_duplicates:
        warn(
            SpecsWarning.ID,
            f"item ID {spec_id}.{item.id} is also given on {first_page}; item IDs are unique "
            "across a spec's pages (this item is not counted)",
            location=(item.docname or index.specs[spec_id].docname, item.lineno),
        )


def check_gates(domain: SpecsDomain) -> None:
    """Each unmet rule of the gates that hold for a spec's status, at the status's line (a plain
    spec's field; a directive spec's line), from the index, where a spec's sections and items are
    complete; ``dod_done`` keeps ``specs.dod``. Imported specs are their own project's to check."""
    for spec in domain.specs():
        for failure in domain.index.gates(spec.id):
            kind = SpecsWarning.DOD if failure.rule == "dod_done" else SpecsWarning.GATE
            warn(kind, failure.message, location=option_place(spec, "status"))


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    domain = get_domain(env)
    index = domain.index
    check_duplicates(index, env)
    check_folders(domain)
    check_references(domain)
    check_cycles(index)
    check_gates(domain)


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_consistency)
