"""Traceability rows and coverage: one computation for ``spec-matrix`` and ``sphinx-specs report``.

A row is a goal or requirement (the ``sources`` kinds) of a selected spec; it lists the items of the
``targets`` kinds whose ``{covers}`` name it, from any spec. A row is *covered* when at least one
such item exists, and *done* when it is covered and every covering item that has a checkbox is
checked. With test results (:mod:`.verification`) a row is *at risk* when its item or a covering
item has a failing or erring test: the chain (which item, which test) is kept on the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .frozen import frozen
from .reportdefs import DEFAULT_SOURCES, DEFAULT_TARGETS
from .values import sort_key

__all__ = ["DEFAULT_SOURCES", "DEFAULT_TARGETS", "Coverage", "TraceRow", "coverage", "trace_rows"]

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .index import SpecIndex
    from .model import ItemRecord, SpecRecord


@frozen
class TraceRow:
    """One row of the traceability matrix: an item and the items that cover it."""

    spec: SpecRecord
    item: ItemRecord
    covering: tuple[tuple[SpecRecord, ItemRecord], ...]
    #: (full item ID, failing test names) of the row's item and covering items whose tests fail.
    at_risk: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def full_id(self) -> str:
        return f"{self.spec.id}.{self.item.id}"

    @property
    def covered(self) -> bool:
        return bool(self.covering)

    @property
    def done(self) -> bool:
        return self.covered and all(item.checked is not False for _, item in self.covering)

    @property
    def state(self) -> str:
        if self.at_risk:
            return "at risk"
        return "done" if self.done else "covered" if self.covered else "not covered"

    def issues(self) -> list[tuple[str, str | None]]:
        """The issues of the covering items, first mention first."""
        seen: dict[str, str | None] = {}
        for _, item in self.covering:
            for issue in item.issues:
                seen.setdefault(issue.text, issue.url)
        return list(seen.items())


@frozen
class Coverage:
    """How many items there are, how many are covered and how many done."""

    total: int
    covered: int
    done: int

    @staticmethod
    def percent(part: int, total: int) -> float | None:
        return round(100 * part / total, 1) if total else None

    @property
    def covered_percent(self) -> float | None:
        return self.percent(self.covered, self.total)

    @property
    def done_percent(self) -> float | None:
        return self.percent(self.done, self.total)


def trace_rows(
    index: SpecIndex,
    specs: Iterable[SpecRecord],
    sources: Iterable[str] = DEFAULT_SOURCES,
    targets: Iterable[str] = DEFAULT_TARGETS,
) -> list[TraceRow]:
    source_kinds, target_kinds = set(sources), set(targets)
    rows = []
    for spec in sorted(specs, key=lambda s: sort_key(s.id)):
        for item in spec.items.values():
            if item.kind not in source_kinds:
                continue
            covering = []
            for ref in index.covered_by.get(f"{spec.id}.{item.id}", []):
                found = index.lookup(ref)
                if found is not None and found[1] is not None and found[1].kind in target_kinds:
                    covering.append((found[0], found[1]))
            rows.append(
                TraceRow(spec, item, tuple(covering), _at_risk(index, spec, item, covering))
            )
    return rows


def _at_risk(
    index: SpecIndex,
    spec: SpecRecord,
    item: ItemRecord,
    covering: list[tuple[SpecRecord, ItemRecord]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    evidence = index.evidence
    if not evidence.active:
        return ()
    chain = []
    for owner, part in ((spec, item), *covering):
        full_id = f"{owner.id}.{part.id}"
        failing = evidence.of(full_id).failing
        if failing:
            chain.append((full_id, tuple(test.name for test in failing)))
    return tuple(chain)


def coverage(rows: list[TraceRow]) -> Coverage:
    return Coverage(
        total=len(rows),
        covered=sum(row.covered for row in rows),
        done=sum(row.done for row in rows),
    )
