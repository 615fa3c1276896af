"""The index: the cross-document view of every spec, built once per build from the records.

It owns lookup (``SPEC-1`` / ``SPEC-1.G2``), the reverse links (superseded by, needed by, related,
referenced by, covered by), each spec's flat values for filters and sorting, and the selection of
the reports. The Sphinx domain builds it from the documents' records; the command line builds it
from ``specs.json`` (:mod:`.specsjson`). Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import DocRecord, ItemRecord, SpecRecord, split_target
from .query import FilterError, Selection
from .values import FIELDS, spec_values

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping


@dataclass
class SpecIndex:
    """The cross-document view of every spec, computed once from the documents' records."""

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
    #: Imported specs left out because their ID is taken (by a local spec or an earlier import).
    shadowed: list[SpecRecord] = field(default_factory=list)
    _values: dict[str, dict[str, Any]] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)

    def lookup(self, target: str) -> tuple[SpecRecord, ItemRecord | None] | None:
        """The spec (and item) a target such as ``SPEC-1`` or ``SPEC-1.G2`` names, or None
        (also for ``SPEC-1.``, whose item ID is empty)."""
        if target.strip().endswith("."):
            return None
        spec_id, item_id = split_target(target)
        spec = self.specs.get(spec_id)
        if spec is None:
            return None
        if item_id is None:
            return spec, None
        item = spec.items.get(item_id)
        return (spec, item) if item is not None else None

    def values(self, spec_id: str) -> dict[str, Any]:
        """The spec's flat values for filters and sorting (computed once per build)."""
        found = self._values.get(spec_id)
        if found is None:
            found = self._values[spec_id] = spec_values(self.specs[spec_id], self)
        return found

    def digest(self, spec_id: str) -> str:
        """A digest of everything a report can show of this spec (computed once per build)."""
        found = self._digests.get(spec_id)
        if found is None:
            spec = self.specs[spec_id]
            covered = [(i, self.covered_by.get(f"{spec_id}.{i}", [])) for i in spec.items]
            data = repr((spec, self.reverse_links(spec_id), covered))
            found = self._digests[spec_id] = hashlib.sha256(data.encode()).hexdigest()
        return found

    def ordered(self) -> Iterator[SpecRecord]:
        """Every spec the index owns, in ID order."""
        for spec_id in sorted(self.specs):
            yield self.specs[spec_id]

    def select(
        self, options: Mapping[str, Any], extra_fields: Iterable[str] = ()
    ) -> list[SpecRecord]:
        """The specs a report's selection options pick, in ID order (none if its filter is bad)."""
        if not options.get("valid", True):
            return []
        try:
            selection = Selection.from_options(options, (*FIELDS, *extra_fields))
        except FilterError:
            return []
        return [spec for spec in self.ordered() if selection.matches(self.values(spec.id))]

    def reverse_links(self, spec_id: str) -> dict[str, list[str]]:
        return {
            "superseded_by": self.superseded_by.get(spec_id, []),
            "needed_by": self.needed_by.get(spec_id, []),
            "related": self.related.get(spec_id, []),
            "referenced_by": self.referenced_by.get(spec_id, []),
        }


def build_index(docs: dict[str, DocRecord], external: Iterable[SpecRecord] = ()) -> SpecIndex:
    """Derive the :class:`SpecIndex` from the documents' records, in docname order.

    ``external`` are imported specs (``specs_import``): they join the index after the local
    ones, so a local spec keeps its ID and an imported one with the same ID is ``shadowed``.
    """
    index = SpecIndex()
    for docname in sorted(docs):
        spec = docs[docname].spec
        if spec is None:
            continue
        if spec.id in index.specs:
            index.duplicates.setdefault(spec.id, []).append(spec)
        else:
            index.specs[spec.id] = spec
    for spec in external:
        if spec.id in index.specs:
            index.shadowed.append(spec)
        else:
            index.specs[spec.id] = spec

    def add(table: dict[str, list[str]], key: str, value: str) -> None:
        if key != value and key in index.specs:
            bucket = table.setdefault(key, [])
            if value not in bucket:
                bucket.append(value)

    for spec_id in sorted(index.specs):
        spec = index.specs[spec_id]
        for target in spec.supersedes:
            add(index.superseded_by, target, spec_id)
        for target in spec.depends_on:
            add(index.needed_by, target, spec_id)
        for target in spec.related:
            add(index.related, target, spec_id)
        for item in spec.items.values():
            for target in item.covers:
                add(index.referenced_by, split_target(target)[0], spec_id)
                index.covered_by.setdefault(target, []).append(f"{spec_id}.{item.id}")
        doc = None if spec.external else docs.get(spec.docname)
        for ref in doc.refs if doc is not None else ():
            add(index.referenced_by, split_target(ref.target)[0], spec_id)
    for spec_id in sorted(index.specs):
        # "related" reads both ways: a spec lists what it names and what names it.
        for target in index.specs[spec_id].related:
            add(index.related, spec_id, target)
    for table in (index.superseded_by, index.needed_by, index.related, index.referenced_by):
        for key in table:
            table[key].sort()
    return index
