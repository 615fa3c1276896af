"""``spec-evidence``: the tests and code markers of the selected specs, failures first::

    spec_report(report="evidence")  ->  container.specs-report.specs-evidence
        paragraph.specs-evidence-summary        "5 tests: 1 failed, ...; 3 code markers"
        rubric + table.specs-evidence-table     failed, erred, skipped tests   (when any test)
        HTML:   spec_history_details.specs-evidence-passed   <details>, closed
                    table.specs-evidence-passed              the passed tests
        others: rubric + table.specs-evidence-passed
        rubric + table.specs-evidence-code      code markers                   (when any)
        rubric + table.specs-evidence-orphans   "Not found"                    (no selection)

One row per test, not per (test, item): a test that verifies three items failed once, and its
message is read once; its "Verifies" cell links the selected items it names. Rows go worst
result first (failed, error, skipped, passed), then by the first item they verify (specs in ID
order, items in document order), then by the test's name. Passed tests are what a reader does
not need to read through, and there may be 20,000 of them: in HTML they are a closed
``<details>`` (the history card's node, :mod:`..historycard`); a PDF or text file lists them in
full, as the record of what was run. Orphans (IDs no spec has) belong to no spec, so only a
report without selection options, the whole project, lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ...core.evidence import RESULTS, TestCase
from ...core.query import SELECTION_OPTIONS
from ...i18n import _
from ..cells import Link, Ref, Segment, Span, Text, joined
from ..historycard import spec_history_details
from ..tables import Rows, SegmentRow
from .base import ReportDirective, ReportRenderer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

    from ...core.evidence import CodeMarker
    from ...core.model import SpecRecord
    from ...core.verification import EvidenceIndex

#: How much of a failure's message a row shows (the item's line has it whole, on hover).
MESSAGE_SHOWN = 160


class SpecEvidenceDirective(ReportDirective):
    """``spec-evidence``: the tests and code markers of the selected specs, failures first."""

    report = "evidence"


def result_label(result: str) -> str:
    """A result as its mark says it."""
    if result == "failed":
        return _("failed")
    if result == "error":
        return _("error")
    if result == "skipped":
        return _("skipped")
    return _("passed")


def result_mark(result: str) -> Span:
    """The badge-like mark of a result (``specs-badge specs-result-failed``)."""
    return Span(f"specs-badge specs-result specs-result-{result}", result_label(result))


def short(message: str) -> str:
    """A failure's message on one line, cut to :data:`MESSAGE_SHOWN` characters."""
    line = message.strip().partition("\n")[0].strip()
    if len(line) > MESSAGE_SHOWN:
        line = line[: MESSAGE_SHOWN - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    return line


def test_cell(test: TestCase) -> list[Segment]:
    """``tests.test_crypto.`` (muted) and ``test_encrypted_at_rest``: the name reads whole."""
    name = Span("specs-test-name", test.name)
    if not test.classname:
        return [name]
    return [Span("specs-test-class", f"{test.classname}."), name]


def code_link(marker: CodeMarker, url: str | None) -> Link:
    """``path:line``, linked where ``specs_code["url"]`` gives a URL."""
    return Link("specs-code", f"{marker.path}:{marker.line}", url)


class EvidenceRenderer(ReportRenderer):
    def content(self, options: dict[str, Any]) -> list[nodes.Node]:
        evidence = self.index.evidence
        if not evidence.active:
            text = _("This project reads no test results or code markers.")
            return [nodes.paragraph(text, text, classes=["specs-evidence-none"])]
        specs = self.selected(options)
        tests, code = gather(evidence, specs)
        whole = options.get("valid", True) and not any(options.get(o) for o in SELECTION_OPTIONS)
        orphans = evidence.orphans if whole else []
        result: list[nodes.Node] = [self.summary(tests, code, len(orphans), options)]
        failing = [(t, v) for t, v in tests if t.result != "passed"]
        passed = [(t, v) for t, v in tests if t.result == "passed"]
        if tests:
            result.append(nodes.rubric("", _("Failed, erred and skipped tests")))
            result.append(self.test_table(failing, message=True, classes="specs-evidence-table"))
        if passed:
            result.extend(self.passed_block(passed))
        if code:
            result.append(nodes.rubric("", _("Code")))
            result.append(self.code_table(code))
        if orphans:
            result.append(nodes.rubric("", _("Not found")))
            text = _("Tests and code markers that name an ID no spec or item has.")
            result.append(nodes.paragraph(text, text))
            result.append(self.orphan_table(orphans))
        return result

    def summary(
        self,
        tests: Sequence[tuple[TestCase, list[str]]],
        code: Sequence[tuple[CodeMarker, str]],
        orphans: int,
        options: dict[str, Any],
    ) -> nodes.paragraph:
        """``5 tests: 1 failed, 1 erred, 3 passed. 3 code markers. 1 not found.`` (no zeros)"""
        if not tests and not code and not orphans:
            text = self.empty_message(options) if not options.get("valid", True) else ""
            text = text or _("No tests or code markers name the selected specs.")
            return nodes.paragraph(text, text, classes=["specs-evidence-summary"])
        counts = {r: sum(1 for t, _v in tests if t.result == r) for r in RESULTS}
        total = len(tests)
        head = _("1 test") if total == 1 else _("{count} tests").format(count=total)
        words = {
            "failed": _("{count} failed"),
            "error": _("{count} erred"),
            "skipped": _("{count} skipped"),
            "passed": _("{count} passed"),
        }
        parts = [words[r].format(count=counts[r]) for r in RESULTS if counts[r]]
        sentences = [f"{head}: {', '.join(parts)}." if total else _("No tests.")]
        if code:
            marks = _("1 code marker") if len(code) == 1 else _("{count} code markers")
            sentences.append(marks.format(count=len(code)) + ".")
        if orphans:
            sentences.append(_("{count} not found.").format(count=orphans))
        text = " ".join(sentences)
        return nodes.paragraph(text, text, classes=["specs-evidence-summary"])

    def test_table(
        self, tests: Sequence[tuple[TestCase, list[str]]], *, message: bool, classes: str
    ) -> nodes.Element:
        """The failed, erred and skipped tests with their messages, or the passed ones."""
        headers = [_("Result"), _("Test"), _("Verifies")]
        columns = ["specs-col-result", "specs-col-test", "specs-col-verifies"]
        widths = [10, 50, 40]
        if message:
            headers.append(_("Message"))
            columns.append("specs-col-message")
            widths = [10, 35, 20, 35]
        table = self.table_node(
            headers,
            Rows(lambda: (test_row(t, v, message=message) for t, v in tests), len(tests)),
            classes=[classes],
            widths=widths,
            empty=_("No failed, erred or skipped tests"),
            column_classes=columns,
        )
        return nodes.container("", table, classes=["specs-table-scroll"])

    def passed_block(self, passed: Sequence[tuple[TestCase, list[str]]]) -> list[nodes.Node]:
        """Closed in HTML (a reader opens it when they look for one test); listed elsewhere."""
        summary = _("1 passed test") if len(passed) == 1 else _("{count} passed tests")
        summary = summary.format(count=len(passed))
        table = self.test_table(passed, message=False, classes="specs-evidence-passed")
        if not self.html:
            return [nodes.rubric("", summary), table]
        details = spec_history_details(
            summary=summary, classes=["specs-evidence-passed", "no-search"]
        )
        details += table
        return [details]

    def code_table(self, code: Sequence[tuple[CodeMarker, str]]) -> nodes.Element:
        url = self.index.evidence.url

        def row(marker: CodeMarker, target: str) -> SegmentRow:
            cells: list[list[Segment]] = [
                [Ref(target, target)],
                [code_link(marker, url(marker))],
                [Text(marker.marker)],
            ]
            return cells, ["specs-evidence-code-row"]

        table = self.table_node(
            [_("Item"), _("Code"), _("Marker")],
            Rows(lambda: (row(m, t) for m, t in code), len(code)),
            classes=["specs-evidence-code"],
            widths=[30, 55, 15],
            empty=_("None"),
        )
        return nodes.container("", table, classes=["specs-table-scroll"])

    def orphan_table(self, orphans: Sequence[tuple[TestCase | CodeMarker, str]]) -> nodes.Element:
        url = self.index.evidence.url

        def row(found: TestCase | CodeMarker, written: str) -> SegmentRow:
            if isinstance(found, TestCase):
                what: list[Segment] = test_cell(found)
                mark: list[Segment] = [result_mark(found.result)]
            else:
                what = [code_link(found, url(found))]
                mark = [Text(found.marker)]
            return [[Text(written)], what, mark], ["specs-evidence-orphan-row"]

        table = self.table_node(
            [_("Names"), _("Test or code"), _("Result or marker")],
            Rows(lambda: (row(f, w) for f, w in orphans), len(orphans)),
            classes=["specs-evidence-orphans"],
            widths=[25, 60, 15],
            empty=_("None"),
        )
        return nodes.container("", table, classes=["specs-table-scroll"])


def test_row(test: TestCase, targets: list[str], *, message: bool) -> SegmentRow:
    cells: list[list[Segment]] = [
        [result_mark(test.result)],
        test_cell(test),
        joined(Ref(target, target) for target in targets),
    ]
    if message:
        cells.append([Text(short(test.message))] if test.message else [])
    return cells, ["specs-evidence-row", f"specs-result-{test.result}"]


def gather(
    evidence: EvidenceIndex, specs: list[SpecRecord]
) -> tuple[list[tuple[TestCase, list[str]]], list[tuple[CodeMarker, str]]]:
    """The selected specs' tests, each once with the selected targets it verifies, worst result
    first; and their code markers, by target. A target is a spec or an item: specs in ID order,
    each followed by its items in document order."""
    order: dict[str, int] = {}
    for spec in specs:
        order[spec.id] = len(order)
        for item_id in spec.items:
            order[f"{spec.id}.{item_id}"] = len(order)
    tests: dict[TestCase, list[str]] = {}
    code: list[tuple[CodeMarker, str]] = []
    for target in order:
        found = evidence.of(target)
        for test in found.tests:
            tests.setdefault(test, []).append(target)
        code.extend((marker, target) for marker in found.code)
    rank = {result: i for i, result in enumerate(RESULTS)}
    ordered = sorted(
        tests.items(),
        key=lambda entry: (rank[entry[0].result], order[entry[1][0]], entry[0].full_name),
    )
    code.sort(key=lambda entry: (order[entry[1]], entry[0].path, entry[0].line))
    return ordered, code


def setup_evidence(app: Sphinx) -> None:
    """The passed tests' ``<details>`` is the history card's node, registered by its report."""
    app.add_directive("spec-evidence", SpecEvidenceDirective)
