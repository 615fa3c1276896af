"""The evidence in ``sphinx-specs report``: each row's tests and code markers, the failing tests
and the ticked Definition-of-Done items that are not verified, and ``--fail-on`` on them.

All of it reads ``SpecIndex.evidence`` of the index loaded from ``specs.json``, the one the build
filled, so the report says what the pages and the ``dod_verified`` gate say.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.evidence import RESULTS
from .common import CliError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..core.evidence import TestCase
    from ..core.index import SpecIndex
    from ..core.model import SpecRecord
    from ..core.verification import Verification

#: The conditions ``report --fail-on`` knows.
FAIL_ON = ("failing-evidence", "unverified-done")


def fail_on_rules(option: str | None, index: SpecIndex, path: str) -> list[str]:
    """The conditions ``--fail-on`` names; an unknown one, or any at all when ``specs.json`` has
    no evidence (a gate that cannot see evidence must not pass), is a :class:`CliError`."""
    rules = [rule.strip() for rule in (option or "").split(",") if rule.strip()]
    unknown = [rule for rule in rules if rule not in FAIL_ON]
    if unknown:
        raise CliError(f"--fail-on {','.join(unknown)}: known conditions are {', '.join(FAIL_ON)}")
    if rules and not index.evidence.active:
        raise CliError(
            f"--fail-on {','.join(rules)}: {path} has no evidence (its build read neither "
            "specs_test_results nor specs_code), so there is nothing to check"
        )
    return rules


def state(found: Verification) -> str:
    """``verified`` (a passing test, none failing), ``failing``, ``unverified`` (only skipped
    tests) or ``untested``."""
    if found.failing:
        return "failing"
    if found.verified:
        return "verified"
    return "unverified" if found.tests else "untested"


def counts(results: Iterable[str]) -> str:
    """``1 failed, 2 passed``: the tests by result, worst first."""
    found = list(results)
    return ", ".join(f"{n} {r}" for r in RESULTS if (n := found.count(r)))


def evidence_cell(row: dict[str, Any]) -> str:
    """A row's Evidence cell (of :func:`add_evidence`'s keys): ``verified (2 passed); code: 1``,
    ``-`` when its item has neither tests nor code."""
    tests = [test["result"] for test in row["tests"]]
    parts = [f"{row['evidence']} ({counts(tests)})"] if tests else []
    parts += [f"code: {len(row['code'])}"] if row["code"] else []
    return "; ".join(parts) or "-"


def add_evidence(rows: list[dict[str, Any]], index: SpecIndex) -> None:
    """With evidence in ``specs.json``: each row gets its item's ``tests`` and ``code`` (as
    ``specs.json`` lists them) and ``evidence`` (:func:`state`), each covering item its
    ``evidence``; rows stay as they were without."""
    evidence = index.evidence
    if not evidence.active:
        return
    for row in rows:
        found = evidence.of(row["item"])
        row["tests"] = [test.as_json() for test in found.tests]
        row["code"] = [marker.as_json(evidence.url(marker)) for marker in found.code]
        row["evidence"] = state(found)
        for cover in row["covered_by"]:
            cover["evidence"] = state(evidence.of(cover["item"]))


@dataclass
class Findings:
    """What ``--fail-on`` checks, over the selected specs: each item's failing or erring tests,
    and the ticked Definition-of-Done items that are not verified (the ``dod_verified`` rule)."""

    failing: list[tuple[str, TestCase]] = field(default_factory=list)
    unverified: list[tuple[str, str, Verification]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.failing or self.unverified)

    def as_json(self) -> dict[str, Any]:
        return {
            "failing": [
                {"item": item, **{k: v for k, v in test.as_json().items() if k != "time"}}
                for item, test in self.failing
            ],
            "unverified_done": [
                {"item": item, "text": text, "evidence": state(found)}
                for item, text, found in self.unverified
            ],
        }

    def broken(self, rules: list[str]) -> list[str]:
        """One line per condition of ``rules`` that holds, naming its items and tests."""
        lines = []
        if "failing-evidence" in rules and self.failing:
            tests = ", ".join(f"{item} ({t.full_name} {t.result})" for item, t in self.failing)
            lines.append(f"failing-evidence: {tests}")
        if "unverified-done" in rules and self.unverified:
            items = ", ".join(f"{item} ({_why(found)})" for item, _, found in self.unverified)
            lines.append(f"unverified-done: ticked but not verified: {items}")
        return lines


def _why(found: Verification) -> str:
    return counts(t.result for t in found.tests) if found.tests else "no test"


def findings(index: SpecIndex, specs: list[SpecRecord]) -> Findings:
    """The :class:`Findings` of ``specs`` (none without evidence)."""
    result = Findings()
    if not index.evidence.active:
        return result
    for spec in specs:
        # the tests that verify the whole spec fail it as much as an item's fail that item
        result.failing += [(spec.id, test) for test in index.evidence.of(spec.id).failing]
        for item in spec.items.values():
            full_id = f"{spec.id}.{item.id}"
            found = index.evidence.of(full_id)
            result.failing += [(full_id, test) for test in found.failing]
            if item.kind == "dod" and item.checked and not found.verified:
                result.unverified.append((full_id, item.text, found))
    return result


def format_findings(found: Findings, *, markdown: bool, width: int = 0) -> str:
    """The failing tests and the unverified ticked items, ahead of the trace table (nothing
    when there are none)."""
    blocks = []
    if found.failing:
        title = f"Failing tests: {len(found.failing)}"
        lines = [
            (
                f"{item}: `{t.full_name}` {t.result}"
                if markdown
                else f"{item}  {t.result:<6}  {t.full_name}"
            )
            + (f": {t.message}" if t.message else "")
            for item, t in found.failing
        ]
        blocks.append((title, lines))
    if found.unverified:
        count = len(found.unverified)
        title = f"Ticked but not verified: {count} Definition-of-Done item{'s' * (count != 1)}"
        lines = [
            f"{item}: {text} ({_why(v)})" if markdown else f"{item}  {text} ({_why(v)})"
            for item, text, v in found.unverified
        ]
        blocks.append((title, lines))
    out = []
    for title, lines in blocks:
        if markdown:
            out += [f"**{title}**", "", *(f"- {line}" for line in lines), ""]
        else:
            out.append(title)
            for line in lines:
                line = f"  {line}"
                out += textwrap.wrap(line, max(width, 40), subsequent_indent="    ") or [line]
            out.append("")
    return "\n".join(out) + "\n" if out else ""
