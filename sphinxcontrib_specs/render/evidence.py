"""The evidence on each tracked item: "verified by 3 tests: 2 passed, 1 failed" with the failing
tests' names (their messages on hover in HTML, in parentheses in LaTeX and text, as docutils
writes an ``abbreviation``), and "implemented in path:line" links to the code markers.

The post-transform of :mod:`.resolve` calls :func:`mark_items` on a page whose spec has evidence
(only when the project reads any: ``specs_test_results`` or ``specs_code``). It finds the items
by the full ID the numbering transform gave them, so it needs no placeholder of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _

if TYPE_CHECKING:
    from ..core.index import SpecIndex
    from ..core.verification import EvidenceIndex, Verification


def counted(result: str, count: int) -> str:
    """``2 passed``, ``1 failed``, ``1 erred``, ``3 skipped``."""
    if result == "passed":
        return _("{count} passed").format(count=count)
    if result == "failed":
        return _("{count} failed").format(count=count)
    if result == "error":
        return _("{count} erred").format(count=count)
    return _("{count} skipped").format(count=count)


def summary(found: Verification) -> str:
    """``verified by 3 tests: 2 passed, 1 failed`` ("" without tests)."""
    if not found.tests:
        return ""
    results = ("passed", "failed", "error", "skipped")
    counts = [counted(r, found.count(r)) for r in results if found.count(r)]
    total = len(found.tests)
    head = _("verified by 1 test") if total == 1 else _("verified by {count} tests")
    return f"{head.format(count=total)}: {', '.join(counts)}"


def evidence_node(found: Verification, evidence: EvidenceIndex) -> nodes.inline:
    state = "failing" if found.failing else "verified" if found.verified else "unverified"
    # "no-search": the counts and paths of every item would only fill the search index
    classes = ["specs-evidence", f"specs-evidence-{state}", "no-search"]
    node = nodes.inline("", "", classes=classes)
    # the text between the test and code nodes as one Text node each: every later walk of
    # the page (the writer's, the search index's) visits what is added to every item
    text: list[str] = []

    def flush() -> None:
        if text:
            node.append(nodes.Text("".join(text)))
            text.clear()

    shown = summary(found)
    if shown:
        text.append(f" ({shown}")
        for index, test in enumerate(found.failing):
            text.append("; " if index else ": ")
            flush()
            node += nodes.abbreviation(
                test.name, test.name, explanation=test.message or test.result
            )
        text.append(")")
    for index, marker in enumerate(found.code):
        text.append(" (" + _("implemented in") + " " if index == 0 else ", ")
        flush()
        where = f"{marker.path}:{marker.line}"
        url = evidence.url(marker)
        if url:
            node += nodes.reference(where, where, refuri=url, classes=["specs-code"])
        else:
            node += nodes.literal(where, where, classes=["specs-code"])
        if index == len(found.code) - 1:
            text.append(")")
    flush()
    return node


def mark_items(document: nodes.document, index: SpecIndex, docname: str) -> None:
    """Add each tracked item's evidence after its text (an item of a spec folder's sub-page
    is found by the page it stands on, also in a tree of several pages: LaTeX, singlehtml).

    On a page of its own the items with evidence are found by their anchors (the document's
    ``ids``), without walking the tree; a tree of several pages is walked."""
    evidence = index.evidence
    owner = index.spec_of_doc.get(docname) if docname else None  # "": a tree of several pages
    spec = index.specs.get(owner) if owner else None
    if spec is not None:
        for record in spec.items.values():
            if (record.docname or spec.docname) != docname:
                continue
            found = evidence.of(f"{spec.id}.{record.id}")
            if found.tests or found.code:
                target = document.ids.get(record.anchor)
                paragraph = target.parent if target is not None else None
                if isinstance(paragraph, nodes.paragraph):
                    paragraph += evidence_node(found, evidence)
        return
    for item in document.findall(nodes.list_item):
        written = item.get("specs_id")
        if not written:
            continue
        found = evidence.of(index.full_target(written, item.get("specs_docname", docname)))
        if not (found.tests or found.code):
            continue
        paragraph = item.children[0] if item.children else None
        if isinstance(paragraph, nodes.paragraph):
            paragraph += evidence_node(found, evidence)
