"""The index: the cross-document view of every spec, built once per build from the records.

One concern: the index and what it derives once per build (lookups, reverse links, values,
gates, digests), so its memos stand beside it.

It owns lookup (``SPEC-1`` / ``SPEC-1.G2``), the reverse links (superseded by, needed by, related,
referenced by, covered by), each spec's flat values for filters and sorting, each spec's unmet
gate rules (evaluated once, for the checks and ``specs.json`` alike), and the selection of the
reports. The Sphinx domain builds it from the documents' records; the command line builds it
from ``specs.json`` (:mod:`.specsjson`). Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .ids import full_target
from .model import DocLink, DocRecord, GateFailure, ItemRecord, SpecRecord, split_target
from .query import FilterError, Selection
from .store import DocRecords
from .templates.gates import evaluate
from .values import FIELDS, spec_values
from .verification import EvidenceIndex, join_evidence, targets_of

if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from .evidence import CodeMarker, TestCase
    from .templates.model import Template


@dataclass
class SpecIndex:
    """The cross-document view of every spec, computed once from the documents' records."""

    #: The records each page made, as the index was built from them (read-only): what a page
    #: holds of its own (its reports, references, headings), for the consumers that need it.
    docs: Mapping[str, DocRecord] = field(default_factory=dict)
    #: The spec that owns each ID (the first by docname when an ID is defined twice).
    specs: dict[str, SpecRecord] = field(default_factory=dict)
    #: Every other place an ID is defined: ID -> [(docname, lineno)].
    duplicates: dict[str, list[SpecRecord]] = field(default_factory=dict)
    superseded_by: dict[str, list[str]] = field(default_factory=dict)
    needed_by: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    referenced_by: dict[str, list[str]] = field(default_factory=dict)
    #: Full item ID -> the full IDs of the items whose ``{covers}`` name it.
    covered_by: dict[str, list[str]] = field(default_factory=dict)
    #: The spec each page belongs to: a spec's own page and the sub-pages of its folder.
    spec_of_doc: dict[str, str] = field(default_factory=dict)
    #: Spec ID -> the sub-pages of its folder, in docname order.
    parts: dict[str, list[str]] = field(default_factory=dict)
    #: Items of a sub-page whose ID the spec already has: (spec ID, item, first item's page).
    item_duplicates: list[tuple[str, ItemRecord, str]] = field(default_factory=list)
    #: Imported specs left out because their ID is taken (by a local spec or an earlier import).
    shadowed: list[SpecRecord] = field(default_factory=list)
    #: The template of a template name (the build's settings); None for an index read from
    #: ``specs.json``, whose specs carry the gates their build evaluated.
    template_of: Callable[[str], Template] | None = None
    _values: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The tests and code markers that verify specs and items (:mod:`.verification`).
    evidence: EvidenceIndex = field(default_factory=EvidenceIndex)
    _gates: dict[str, list[GateFailure]] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)
    _described: dict[str, tuple[object, ...]] = field(default_factory=dict)
    _selected: dict[str, list[SpecRecord]] = field(default_factory=dict)
    #: The environment's records, when the index is built from them (their pickled bytes
    #: digest a record cheaply); None for an index read from ``specs.json``.
    docs_store: DocRecords | None = field(default=None, repr=False, compare=False)

    def lookup(self, target: str) -> tuple[SpecRecord, ItemRecord | None] | None:
        """The spec (and item) a target such as ``SPEC-1`` or ``SPEC-1.G2`` names, or None
        (also for ``SPEC-1.``, whose item ID is empty)."""
        spec_id, dot, item_id = target.strip().partition(".")  # split_target, inlined
        spec = self.specs.get(spec_id)
        if spec is None or (dot and not item_id):
            return None
        if not item_id:
            return spec, None
        item = spec.items.get(item_id)  # an item ID has no "." (``SPEC-1.G2.`` names none)
        return (spec, item) if item is not None else None

    def target_id(self, target: str) -> str | None:
        """The full ID of the spec or item ``target`` names, None when there is none."""
        found = self.lookup(target)
        if found is None:
            return None
        spec, item = found
        return spec.id if item is None else f"{spec.id}.{item.id}"

    def full_target(self, target: str, docname: str) -> str:
        """``target`` as the index knows it: a relative item ID (``G1``) written on a spec
        folder's sub-page names an item of that folder's spec."""
        owner = self.spec_of_doc.get(docname)
        if owner is None or owner not in self.specs or self.specs[owner].docname == docname:
            return target
        return full_target(target, owner, self.specs.__contains__)

    def gates(self, spec_id: str) -> list[GateFailure]:
        """The spec's unmet gate rules, evaluated once per build (an imported spec, and every
        spec of an index read from ``specs.json``, has the ones its own build recorded)."""
        found = self._gates.get(spec_id)
        if found is None:
            spec = self.specs[spec_id]
            if spec.external or self.template_of is None:
                found = spec.gates
            else:
                found = evaluate(spec, self.template_of(spec.template), self.evidence.of)
            self._gates[spec_id] = found
        return found

    def values(self, spec_id: str) -> dict[str, Any]:
        """The spec's flat values for filters and sorting (computed once per build)."""
        found = self._values.get(spec_id)
        if found is None:
            spec = self.specs[spec_id]
            counts = None
            if self.evidence.active:
                counts = self.evidence.counts(targets_of(spec))
            found = self._values[spec_id] = spec_values(spec, self.reverse_links(spec_id), counts)
        return found

    def describe(self, target: str) -> tuple[object, ...]:
        """What a link to ``target`` shows: where it goes and the text of its tooltip (once
        per target and build: the ledger, the digests and the report rows ask for the same)."""
        shown = self._described.get(target)
        if shown is None:
            found = self.lookup(target)
            spec, item = found if found is not None else (None, None)
            if spec is None:
                shown = (target, None)
            elif item is None:
                shown = (
                    target,
                    spec.docname,
                    spec.anchor,
                    spec.title,
                    spec.status,
                    spec.url,
                    spec.external,
                )
            else:
                shown = (target, item.docname or spec.docname, item.anchor, item.text, item.url)
            self._described[target] = shown
        return shown

    def digest(self, spec_id: str) -> str:
        """A digest of everything a report can show of this spec (computed once per build):
        its record, its reverse links, the specs its ``supersedes`` and ``depends-on`` cells
        link to (their tooltips), the items that cover its items (a matrix row shows their
        link, kind, state and issues) and its evidence."""
        found = self._digests.get(spec_id)
        if found is None:
            spec = self.specs[spec_id]
            covered = [
                (i, [self._covering(ref) for ref in self.covered_by.get(f"{spec_id}.{i}", [])])
                for i in spec.items
            ]
            links = [self.describe(t) for t in (*spec.supersedes, *spec.depends_on)]
            data = repr(
                (
                    self._record_digest(spec),
                    self.reverse_links(spec_id),
                    covered,
                    links,
                    self.verifications(spec),
                )
            )
            found = self._digests[spec_id] = hashlib.sha256(data.encode()).hexdigest()
        return found

    def _record_digest(self, spec: SpecRecord) -> str:
        """A digest of the spec's record: of its page's pickled record when the index holds
        that record as the page made it (:meth:`.DocRecords.record_bytes`: no ``repr`` of every
        record each build), else of its ``repr`` (a record the index derived or imported)."""
        docs = self.docs_store
        doc = docs.get(spec.docname) if docs is not None and not spec.external else None
        if docs is not None and doc is not None and doc.spec is spec:
            return hashlib.sha256(docs.record_bytes(spec.docname)).hexdigest()
        return hashlib.sha256(repr(spec).encode()).hexdigest()

    def verifications(self, spec: SpecRecord) -> list[object]:
        """A digest of the evidence of the spec and of each of its items (empty when none is
        read)."""
        if not self.evidence.active:
            return []
        of = self.evidence.of
        return [of(target).shown() for target in targets_of(spec)]

    def _covering(self, ref: str) -> tuple[object, ...]:
        found = self.lookup(ref)
        item = found[1] if found is not None else None
        state = (item.kind, item.checked, item.issues) if item is not None else None
        return (self.describe(ref), state)

    def ordered(self) -> Iterator[SpecRecord]:
        """Every spec the index owns, in ID order."""
        for spec_id in sorted(self.specs):
            yield self.specs[spec_id]

    def select(
        self, options: Mapping[str, Any], extra_fields: Iterable[str] = (), *, strict: bool = False
    ) -> list[SpecRecord]:
        """The specs a selection picks, in ID order: the one selection of the reports, the
        incremental ledger and ``sphinx-specs report``. ``options`` are a report's (``status``,
        ``tags``, ``authors``, ``team``, ``template``, ``filter``); ``extra_fields`` the project's
        ``specs_fields``, which a filter may name. A bad filter selects nothing (the directive
        warned), or raises :class:`~.query.FilterError` when ``strict``."""
        if not options.get("valid", True):
            return []
        key = repr((sorted(options.items()), tuple(extra_fields)))
        found = self._selected.get(key)
        if found is None:  # once per selection and build: the ledger and the report ask
            try:
                selection = Selection.from_options(options, (*FIELDS, *extra_fields))
            except FilterError:
                if strict:
                    raise
                return []
            found = [spec for spec in self.ordered() if selection.matches(self.values(spec.id))]
            self._selected[key] = found
        return list(found)

    def reverse_links(self, spec_id: str) -> dict[str, list[str]]:
        return {
            "superseded_by": self.superseded_by.get(spec_id, []),
            "needed_by": self.needed_by.get(spec_id, []),
            "related": self.related.get(spec_id, []),
            "referenced_by": self.referenced_by.get(spec_id, []),
        }


def build_index(
    docs: dict[str, DocRecord],
    external: Iterable[SpecRecord] = (),
    template_of: Callable[[str], Template] | None = None,
    evidence: tuple[Iterable[TestCase], Iterable[CodeMarker]] | None = None,
    *,
    id_pattern: re.Pattern[str] | None = None,
    code_url: str = "",
    commit: str | None = None,
    dirty: frozenset[str] = frozenset(),
) -> SpecIndex:
    """Derive the :class:`SpecIndex` from the documents' records, in docname order.

    ``external`` are imported specs (``specs_import``): they join the index after the local
    ones, so a local spec keeps its ID and an imported one with the same ID is ``shadowed``.
    ``template_of`` gives a template by name, for the gates (:meth:`SpecIndex.gates`);
    ``evidence`` the build's test cases and code markers (None: the project reads none), their
    links made with ``code_url`` (``specs_code["url"]``) at ``commit`` (none for the ``dirty``
    files); an ID the index does not know is reported only when its spec part matches
    ``id_pattern`` and has the prefix of a spec the index has (the project's own IDs).
    """
    index = SpecIndex(
        docs=MappingProxyType(docs),
        template_of=template_of,
        docs_store=docs if isinstance(docs, DocRecords) else None,
    )
    for docname in sorted(docs):
        spec = docs[docname].spec
        if spec is None:
            continue
        if spec.id in index.specs:
            index.duplicates.setdefault(spec.id, []).append(spec)
        else:
            index.specs[spec.id] = spec
            index.spec_of_doc[docname] = spec.id
    for spec in external:
        if spec.id in index.specs:
            index.shadowed.append(spec)
        else:
            index.specs[spec.id] = spec
    _join_parts(index, docs)
    _resolve_file_links(index)
    _record_successors(index)

    def add(table: dict[str, list[str]], key: str, value: str) -> None:
        if key != value and key in index.specs:
            bucket = table.setdefault(key, [])
            if value not in bucket:
                bucket.append(value)

    for spec_id in sorted(index.specs):
        spec = index.specs[spec_id]
        for target in spec.supersedes:
            add(index.superseded_by, target, spec_id)
        for successor in spec.superseded_by:
            add(index.superseded_by, spec_id, successor)
        for target in spec.depends_on:
            add(index.needed_by, target, spec_id)
        for target in spec.related:
            add(index.related, target, spec_id)
        for item in spec.items.values():
            for target in item.covers:
                add(index.referenced_by, split_target(target)[0], spec_id)
                index.covered_by.setdefault(target, []).append(f"{spec_id}.{item.id}")
        pages = () if spec.external else (spec.docname, *index.parts.get(spec_id, ()))
        for page in pages:
            for ref in docs[page].refs:
                target = index.full_target(ref.target, page)
                add(index.referenced_by, split_target(target)[0], spec_id)
    for spec_id in sorted(index.specs):
        # "related" reads both ways: a spec lists what it names and what names it.
        for target in index.specs[spec_id].related:
            add(index.related, spec_id, target)
    for table in (index.superseded_by, index.needed_by, index.related, index.referenced_by):
        for key in table:
            table[key].sort()
    if evidence is not None:
        prefixes = {id_prefix(spec_id) for spec_id in index.specs}

        def ours(written: str) -> bool:
            """An ID of this project's shape: the ID pattern, and a prefix its specs use
            (``RFC-7231`` in a marker names an RFC, not a missing spec)."""
            spec_id = split_target(written)[0]
            if id_pattern is not None and not id_pattern.match(spec_id):
                return False
            return id_prefix(spec_id) in prefixes

        index.evidence = join_evidence(
            *evidence,
            index.target_id,
            ours=ours,
            code_url=code_url,
            commit=commit,
            dirty=dirty,
        )
    return index


def id_prefix(spec_id: str) -> str:
    """``SPEC-`` of ``SPEC-0042``: what comes before the first digit."""
    return spec_id[: next((i for i, c in enumerate(spec_id) if c.isdigit()), len(spec_id))]


def _join_parts(index: SpecIndex, docs: Mapping[str, DocRecord]) -> None:
    """Join the sub-pages of spec folders to their spec: the index keeps a new record of the
    spec with their items and sections (the records stay as their pages made them)."""
    sections: dict[str, list[str]] = {}
    items: dict[str, dict[str, ItemRecord]] = {}
    for docname in sorted(docs):
        doc = docs[docname]
        owner_doc = docs.get(doc.part_of) if doc.part_of else None
        owner = owner_doc.spec if owner_doc is not None else None
        if owner is None or index.specs.get(owner.id) is not owner:
            continue
        index.spec_of_doc[docname] = owner.id
        index.parts.setdefault(owner.id, []).append(docname)
        joined_sections = sections.setdefault(owner.id, list(owner.sections))
        joined_items = items.setdefault(owner.id, dict(owner.items))
        if doc.headings:
            joined_sections.extend(h.title for h in doc.headings)
        for item_id, item in doc.items.items():
            first = joined_items.get(item_id)
            if first is not None:
                where = first.docname or owner.docname
                index.item_duplicates.append((owner.id, replace(item, docname=docname), where))
                continue
            covers = [full_target(c, owner.id, index.specs.__contains__) for c in item.covers]
            joined_items[item_id] = replace(item, docname=docname, covers=covers)
    for spec_id in sections:
        index.specs[spec_id] = replace(
            index.specs[spec_id], sections=sections[spec_id], items=items[spec_id]
        )


def _resolve_file_links(index: SpecIndex) -> None:
    """A plain spec's link to another spec's file (a :class:`DocLink`) names that page's spec:
    the spec's own page or a sub-page of its folder. A docname that is no spec's page stays as it
    is, and the consistency check reports it."""

    def resolved(values: list[Any]) -> list[Any]:
        result = []
        for value in values:
            if isinstance(value, DocLink):
                result.append(index.spec_of_doc.get(value.docname, value.docname))
            else:
                result.append(value)
        return result

    def has_link(values: Any) -> bool:
        return isinstance(values, list) and any(isinstance(v, DocLink) for v in values)

    for spec_id, spec in list(index.specs.items()):
        lists = [spec.supersedes, spec.depends_on, spec.related, spec.superseded_by]
        linked = [name for name, values in spec.fields.items() if has_link(values)]
        if not linked and not any(has_link(values) for values in lists):
            continue
        fields = dict(spec.fields)
        for name in linked:
            fields[name] = resolved(fields[name])
        index.specs[spec_id] = replace(
            spec,
            fields=fields,
            supersedes=resolved(spec.supersedes),
            depends_on=resolved(spec.depends_on),
            related=resolved(spec.related),
            superseded_by=resolved(spec.superseded_by),
        )


def _record_successors(index: SpecIndex) -> None:
    """A spec that a ``superseded by X`` status names gets that spec in its ``supersedes``."""
    successors: dict[str, list[str]] = {}
    for spec_id in sorted(index.specs):
        for successor in index.specs[spec_id].superseded_by:
            if successor in index.specs and successor != spec_id:
                successors.setdefault(successor, []).append(spec_id)
    for successor, older in successors.items():
        spec = index.specs[successor]
        added = [s for s in older if s not in spec.supersedes]
        if added:
            index.specs[successor] = replace(spec, supersedes=[*spec.supersedes, *added])
