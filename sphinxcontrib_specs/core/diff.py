"""What changed between two builds' specs: the computation behind ``sphinx-specs diff``.

Sphinx-free: it compares two :class:`~.index.SpecIndex` (each read from a ``specs.json`` by
:func:`~.specsjson.load_file`). A spec whose ID vanished while a new ID appeared in the same
document is *renamed*; the rest is matched by ID. Items are matched within their spec by
:func:`.identity.match`, the rule suspect trace links follow too (explicit IDs by ID, the rest by
text first, so an inserted item renumbers none of the others): added, removed, reworded (text
before and after), renumbered (same text, another ID), checked, unchecked; a ``question`` item
that becomes checked is *resolved*. An item whose ID changed carries its ``old_id``. Coverage and
done figures come from :mod:`.traceability`.

When both files have evidence, each matched item's tests and code markers are compared too
(:class:`EvidenceChange`): a test whose result changed (the one that went red), tests and markers
added and removed. Tests are matched by class and name; markers by file, so that lines inserted
above a marker (which move it) are no change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .frozen import frozen
from .identity import Matching, looks_explicit, match
from .traceability import Coverage, coverage, trace_rows
from .values import sort_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .evidence import CodeMarker, TestCase
    from .index import SpecIndex
    from .model import ItemRecord, SpecRecord
    from .templates.model import Template
    from .verification import EvidenceIndex, Verification

#: The metadata compared, in the order they are reported.
METADATA = (
    "title",
    "authors",
    "approvers",
    "team",
    "created",
    "updated",
    "issues",
    "tags",
    "links",
)
FAIL_ON = ("removed", "status-regression", "coverage-drop")


@frozen
class ItemChange:
    """One item that differs between the two builds."""

    change: str  # added, removed, reworded, renumbered, checked, unchecked, resolved
    id: str
    kind: str
    before: str | None = None
    after: str | None = None
    old_id: str | None = None  # the ID in OLD, when it is not ``id``


@frozen
class EvidenceChange:
    """A change to the evidence of an item that both files have (``id``: its ID in NEW), or of
    the spec itself (``id`` empty, ``kind`` "spec": a test that verifies the whole spec)."""

    change: str  # result, test-added, test-removed, code-added, code-removed
    id: str
    kind: str
    name: str  # the test's full name (``classname.name``), or ``path:line`` of a code marker
    before: str | None = None  # the test's result(s) in OLD
    after: str | None = None  # ... and in NEW


@dataclass
class SpecChange:
    """One spec that differs between the two builds, with its items' changes."""

    id: str
    title: str
    change: str  # added, removed, renamed, changed
    url: str | None = None
    old_id: str | None = None
    status: tuple[str | None, str | None] | None = None
    regression: bool = False
    metadata: list[tuple[str, str, str]] = field(default_factory=list)
    progress: tuple[str, str] | None = None
    items: list[ItemChange] = field(default_factory=list)
    evidence: list[EvidenceChange] = field(default_factory=list)


@dataclass
class SpecsDiff:
    """What changed between two builds: the specs, and the coverage before and after."""

    specs: list[SpecChange]
    coverage: tuple[Coverage, Coverage]

    @property
    def empty(self) -> bool:
        before, after = self.coverage
        return not self.specs and before == after

    def failures(self, rules: list[str]) -> list[str]:
        """The ``--fail-on`` rules that this diff breaks, each with what breaks it."""
        found = []
        removed = [s.id for s in self.specs if s.change == "removed"]
        if "removed" in rules and removed:
            found.append(f"removed: {', '.join(removed)}")
        back = [s for s in self.specs if s.regression and s.status]
        if "status-regression" in rules and back:
            moves = ", ".join(f"{s.id} {s.status[0]} -> {s.status[1]}" for s in back if s.status)
            found.append(f"status-regression: {moves}")
        before, after = self.coverage
        if "coverage-drop" in rules and (after.covered_percent or 0) < (
            before.covered_percent or 0
        ):
            found.append(f"coverage-drop: {before.covered_percent}% -> {after.covered_percent}%")
        return found


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if v) or "-"
    return str(value)


def _metadata(spec: SpecRecord) -> dict[str, str]:
    values: dict[str, Any] = {
        "title": spec.title,
        "authors": spec.authors,
        "approvers": [f"{a.name} ({a.date})" if a.date else a.name for a in spec.approvers],
        "team": spec.team,
        "created": spec.created,
        "updated": spec.updated,
        "issues": [issue.text for issue in spec.issues],
        "tags": spec.tags,
        "links": {**spec.links(), **{f"web {k}": v for k, v in spec.web_links.items()}},
    }
    shown = {name: _text(values[name]) for name in METADATA}
    shown.update({name: _text(value) for name, value in sorted(spec.fields.items())})
    return shown


def _progress(spec: SpecRecord) -> str:
    done, total = spec.progress()
    return f"{done}/{total}"


def _rank(status: str | None, template: Template | None) -> int | None:
    if template is None or status is None:
        return None
    return template.statuses.index(status) if status in template.statuses else None


def _items(matching: Matching[ItemRecord]) -> list[ItemChange]:
    changes = [ItemChange("removed", i.id, i.kind, before=i.text) for i in matching.removed]
    for index, item in enumerate(matching.new):
        was = matching.old_of(index)
        if was is None:
            changes.append(ItemChange("added", item.id, item.kind, after=item.text))
            continue
        old_id = was.id if was.id != item.id else None
        if was.text != item.text:
            changes.append(ItemChange("reworded", item.id, item.kind, was.text, item.text, old_id))
        elif old_id is not None:
            changes.append(
                ItemChange("renumbered", item.id, item.kind, after=item.text, old_id=old_id)
            )
        if was.checked is not True and item.checked is True:
            change = "resolved" if item.kind == "question" else "checked"
            changes.append(ItemChange(change, item.id, item.kind, after=item.text, old_id=old_id))
        elif was.checked is True and item.checked is False:
            changes.append(
                ItemChange("unchecked", item.id, item.kind, after=item.text, old_id=old_id)
            )
    return changes


def _evidence(
    matching: Matching[ItemRecord], old: tuple[str, EvidenceIndex], new: tuple[str, EvidenceIndex]
) -> list[EvidenceChange]:
    """The evidence changes of the items matched between ``old`` and ``new`` (spec ID and
    evidence of each side); none unless both sides have evidence."""
    (old_id, was_index), (new_id, now_index) = old, new
    if not (was_index.active and now_index.active):
        return []
    # the tests and markers that name the whole spec (no item ID, kind "spec"), then each item's
    changes = _item_evidence("", "spec", was_index.of(old_id), now_index.of(new_id))
    for index, item in enumerate(matching.new):
        was_item = matching.old_of(index)
        if was_item is not None:
            was = was_index.of(f"{old_id}.{was_item.id}")
            now = now_index.of(f"{new_id}.{item.id}")
            changes += _item_evidence(item.id, item.kind, was, now)
    return changes


def _item_evidence(
    item_id: str, kind: str, was: Verification, now: Verification
) -> list[EvidenceChange]:
    """Tests by full name: result changed, added, removed; then code markers by file."""
    found: list[tuple[str, str, str | None, str | None]] = []
    old_tests, new_tests = _results(was.tests), _results(now.tests)
    for name, results in new_tests.items():
        before = old_tests.get(name)
        if before is None:
            found.append(("test-added", name, None, results))
        elif before != results:
            found.append(("result", name, before, results))
    found += [("test-removed", n, r, None) for n, r in old_tests.items() if n not in new_tests]
    old_code, new_code = _lines(was.code), _lines(now.code)
    for path in dict.fromkeys([*new_code, *old_code]):
        before_lines, after_lines = old_code.get(path, []), new_code.get(path, [])
        if len(before_lines) == len(after_lines):
            continue  # the same markers, moved at most
        found += [
            ("code-added", f"{path}:{n}", None, None) for n in after_lines if n not in before_lines
        ]
        found += [
            ("code-removed", f"{path}:{n}", None, None)
            for n in before_lines
            if n not in after_lines
        ]
    return [EvidenceChange(change, item_id, kind, name, b, a) for change, name, b, a in found]


def _results(tests: Iterable[TestCase]) -> dict[str, str]:
    """Test full name -> its result (results, when result files of a CI matrix list it twice)."""
    found: dict[str, list[str]] = {}
    for test in tests:
        found.setdefault(test.full_name, []).append(test.result)
    return {name: ", ".join(results) for name, results in found.items()}


def _lines(markers: Iterable[CodeMarker]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for marker in markers:
        found.setdefault(marker.path, []).append(marker.line)
    return found


def _compare(
    old: SpecRecord,
    new: SpecRecord,
    templates: Mapping[str, Template],
    url: str | None,
    evidence: tuple[EvidenceIndex, EvidenceIndex] | None = None,
) -> SpecChange:
    renamed = old.id != new.id
    result = SpecChange(
        new.id, new.title, "renamed" if renamed else "changed", url, old.id if renamed else None
    )
    if old.status != new.status:
        result.status = (old.status, new.status)
        template = templates.get(new.template)
        before, after = _rank(old.status, template), _rank(new.status, template)
        result.regression = before is not None and after is not None and after < before
    was, now = _metadata(old), _metadata(new)
    result.metadata = [
        (name, was.get(name, "-"), now.get(name, "-"))
        for name in dict.fromkeys([*was, *now])
        if was.get(name, "-") != now.get(name, "-")
    ]
    if _progress(old) != _progress(new):
        result.progress = (_progress(old), _progress(new))
    # specs.json does not say which IDs were written: one not shaped like an automatic ID was
    matching = match(list(old.items.values()), list(new.items.values()), looks_explicit)
    result.items = _items(matching)
    if evidence is not None:
        result.evidence = _evidence(matching, (old.id, evidence[0]), (new.id, evidence[1]))
    return result


def _changed(change: SpecChange) -> bool:
    return bool(
        change.change != "changed"
        or change.status
        or change.metadata
        or change.progress
        or change.items
        or change.evidence
    )


def diff(
    old: SpecIndex,
    new: SpecIndex,
    templates: Mapping[str, Template],
    urls: Mapping[str, str | None] | None = None,
) -> SpecsDiff:
    """The changes from ``old`` to ``new``; ``templates`` give the status order, ``urls`` a link
    per spec ID of ``new`` (or of ``old`` for a removed spec)."""
    urls = urls or {}
    gone = {i: s for i, s in old.specs.items() if i not in new.specs}
    came = {i: s for i, s in new.specs.items() if i not in old.specs}
    renames: dict[str, str] = {}  # new ID -> old ID
    for new_id, spec in came.items():
        for old_id, was in gone.items():
            if was.docname == spec.docname and old_id not in renames.values():
                renames[new_id] = old_id
                break
    changes = []
    evidence = (old.evidence, new.evidence)
    for spec_id in sorted({*old.specs, *new.specs} - set(renames.values()), key=sort_key):
        url = urls.get(spec_id)
        if spec_id in renames:
            changes.append(
                _compare(old.specs[renames[spec_id]], new.specs[spec_id], templates, url, evidence)
            )
        elif spec_id in came:
            changes.append(SpecChange(spec_id, new.specs[spec_id].title, "added", url))
        elif spec_id in gone:
            changes.append(SpecChange(spec_id, old.specs[spec_id].title, "removed", url))
        else:
            change = _compare(old.specs[spec_id], new.specs[spec_id], templates, url, evidence)
            if _changed(change):
                changes.append(change)
    figures = (
        coverage(trace_rows(old, old.specs.values())),
        coverage(trace_rows(new, new.specs.values())),
    )
    return SpecsDiff(changes, figures)
