"""The evidence joined to the specs: which tests and code markers verify which spec or item.

:func:`join_evidence` files each test case and code marker under the full IDs it names that the
index knows (``SPEC-0042.D1``, or a whole spec, ``SPEC-0042``); what it names that the index does
not know is an orphan, reported at its result file's or code file's line. A target's
:class:`Verification` says whether it is verified (at least one passing test and none failing or
erroring) and which tests fail; the card, the item lines, the gates (``dod_verified``) and
``specs.json`` all read it from the index, so they agree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .evidence import code_url
from .frozen import frozen

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .evidence import CodeMarker, TestCase
    from .model import SpecRecord


@frozen(slots=True)
class Verification:
    """The tests and code markers of one spec or item, in the order they were read.

    What the pages, gates and reports ask of it (the count of each result, the failing tests,
    whether it is verified) is worked out once, when it is made: an item's is asked for by its
    line, its card, the matrix, the gates and ``specs.json``."""

    tests: tuple[TestCase, ...] = ()
    code: tuple[CodeMarker, ...] = ()
    #: The tests that failed or erred, failures first.
    failing: tuple[TestCase, ...] = field(init=False, repr=False, compare=False)
    _counts: dict[str, int] = field(init=False, repr=False, compare=False)
    _shown: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts: dict[str, int] = {}
        for test in self.tests:
            counts[test.result] = counts.get(test.result, 0) + 1
        failed = [t for t in self.tests if t.result == "failed"]
        erred = [t for t in self.tests if t.result == "error"]
        object.__setattr__(self, "_counts", counts)
        object.__setattr__(self, "failing", (*failed, *erred))
        object.__setattr__(self, "_shown", self._show())

    def count(self, result: str) -> int:
        return self._counts.get(result, 0)

    @property
    def verified(self) -> bool:
        """At least one passing test, and none failing or erring."""
        return bool(self._counts.get("passed")) and not self.failing

    def shown(self) -> str:
        """A digest of what a page shows of it (for the digests that decide which pages to
        write again): not a test's time or where its result was read, which change on every
        run. Made once: the page's fingerprint and the spec's digest both read it."""
        return self._shown

    def _show(self) -> str:
        if not (self.tests or self.code):
            return ""
        shown = (
            tuple((t.name, t.classname, t.result, t.message) for t in self.tests),
            tuple((m.path, m.line) for m in self.code),
        )
        return hashlib.sha256(repr(shown).encode()).hexdigest()


NONE = Verification()


def targets_of(spec: SpecRecord) -> list[str]:
    """The full IDs evidence may name in a spec: the spec's own, then each item's."""
    return [spec.id, *(f"{spec.id}.{item_id}" for item_id in spec.items)]


@frozen
class Evidence:
    """What ``evidence/reader.py`` read this build: the test cases, the code markers, the
    commit the code links name and the code files with uncommitted edits (no links)."""

    tests: list[TestCase]
    markers: list[CodeMarker]
    commit: str | None = None
    dirty: frozenset[str] = frozenset()
    #: The folder code paths are shown from (git's top, else the source folder).
    top: str = ""


@dataclass
class EvidenceIndex:
    """Every target's :class:`Verification`, and the evidence that names unknown targets."""

    #: Whether the project reads evidence at all (``specs_test_results`` or ``specs_code``):
    #: only then do ``specs.json``'s items carry ``tests`` and ``code``.
    active: bool = False
    by_target: dict[str, Verification] = field(default_factory=dict)
    #: (test case or code marker, the ID it names that no spec or item has).
    orphans: list[tuple[TestCase | CodeMarker, str]] = field(default_factory=list)
    #: ``specs_code["url"]`` and the commit the markers were read at (its ``{commit}``).
    code_url: str = ""
    commit: str | None = None
    #: Code files with uncommitted edits: their lines are not the commit's, so no link.
    dirty: frozenset[str] = frozenset()
    #: The links of an index read from ``specs.json`` ((path, line) -> URL, as its build made
    #: them): the file keeps no ``url`` template to make them again. Empty in a build.
    urls: dict[tuple[str, int], str | None] = field(default_factory=dict)

    def of(self, target: str) -> Verification:
        return self.by_target.get(target, NONE)

    def url(self, marker: CodeMarker) -> str | None:
        """Where a code marker links (None: no ``url`` configured, or no commit known)."""
        if (marker.path, marker.line) in self.urls:
            return self.urls[marker.path, marker.line]
        if not self.code_url or marker.path in self.dirty:
            return None
        return code_url(self.code_url, path=marker.path, line=marker.line, commit=self.commit)

    def counts(self, targets: Iterable[str]) -> dict[str, int]:
        """How many of ``targets`` have tests, are verified, have failing tests, have code."""
        found = [self.of(t) for t in targets]
        return {
            "tested": sum(1 for v in found if v.tests),
            "verified": sum(1 for v in found if v.verified),
            "failing": sum(1 for v in found if v.failing),
            "implemented": sum(1 for v in found if v.code),
        }


def join_evidence(
    tests: Iterable[TestCase],
    markers: Iterable[CodeMarker],
    resolve: Callable[[str], str | None],
    *,
    ours: Callable[[str], object] = bool,
    active: bool = True,
    code_url: str = "",
    commit: str | None = None,
    dirty: frozenset[str] = frozenset(),
) -> EvidenceIndex:
    """File each test and marker under the targets it names; ``resolve`` gives the full ID the
    index knows for an ID as written (``None``: unknown). An unknown ID is an orphan only when
    ``ours`` says it has the project's shape (``# implements: RFC-7231`` names no spec of
    ours), and once per test name (a test read from several result files of a CI matrix)."""
    found_tests: dict[str, list[TestCase]] = {}
    found_code: dict[str, list[CodeMarker]] = {}
    orphans: list[tuple[TestCase | CodeMarker, str]] = []
    reported: set[tuple[str, str]] = set()
    for test in tests:
        for written in test.verifies:
            target = resolve(written)
            if target is not None:
                found_tests.setdefault(target, []).append(test)
            elif ours(written) and (test.full_name, written) not in reported:
                reported.add((test.full_name, written))
                orphans.append((test, written))
    for marker in markers:
        target = resolve(marker.target)
        if target is not None:
            found_code.setdefault(target, []).append(marker)
        elif ours(marker.target):
            orphans.append((marker, marker.target))
    by_target = {
        target: Verification(tuple(found_tests.get(target, ())), tuple(found_code.get(target, ())))
        for target in sorted({*found_tests, *found_code})
    }
    return EvidenceIndex(active, by_target, orphans, code_url, commit, dirty)
