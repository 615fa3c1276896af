"""One producer of records: directives and plain mode leave nodes, the page collector alone makes
the records, and the records it makes give the same site as before."""

from __future__ import annotations

from pathlib import Path

from conftest import build, copy_root, specs_warnings


def test_directives_leave_the_spec_raw_on_the_node(tmp_path):
    app = build(copy_root("basic", tmp_path))
    from sphinxcontrib_specs.read.nodes import spec_node

    doctree = app.env.get_doctree("restore")
    (node,) = doctree.findall(spec_node)
    assert node["spec_id"] == "SPEC-0040"
    assert node["specs_line"] == 3
    assert node["specs_options"]["status"] == "approved"
    assert node["specs_options"]["authors"] == "@carol @dave"
    # the numbering transform anchored it; the collector made the record from it
    assert node["ids"] == [node["specs_anchor"]] == ["spec-0040"]
    spec = app.env.domaindata["specs"]["docs"]["restore"].spec
    assert (spec.id, spec.status, spec.lineno, spec.anchor) == (
        "SPEC-0040",
        "Approved",  # the template's spelling
        3,
        "spec-0040",
    )


def test_the_collector_alone_makes_the_records(tmp_path, monkeypatch):
    """Every record the domain stores comes from the page collector (a directive or role makes
    nodes only): each ``set_doc`` is the collector's, one per page read, and nothing else puts
    a record into the domain's ``docs``."""
    import sys

    from sphinxcontrib_specs.core.store import DocRecords
    from sphinxcontrib_specs.read.domain import SpecsDomain

    src = copy_root("reports", tmp_path)
    callers = []
    stores = []
    set_doc, set_item = SpecsDomain.set_doc, DocRecords.__setitem__

    def watched(self, docname, record):
        caller = sys._getframe(1).f_code
        callers.append((Path(caller.co_filename).name, caller.co_name))
        set_doc(self, docname, record)

    def stored(self, docname, record):
        stores.append(sys._getframe(1).f_code.co_name)
        set_item(self, docname, record)

    monkeypatch.setattr(SpecsDomain, "set_doc", watched)
    monkeypatch.setattr(DocRecords, "__setitem__", stored)
    app = build(src)
    assert specs_warnings(app) == []
    assert set(callers) == {("collector.py", "process_doc")}
    assert len(callers) == len(app.env.found_docs)
    assert stores and set(stores) == {"set_doc"}
    reports = app.env.domaindata["specs"]["docs"]["tables"].reports
    assert reports and all(r.kind == "table" and r.lineno for r in reports)


def test_a_report_is_recorded_once_per_directive(tmp_path):
    app = build(copy_root("reports", tmp_path))
    docs = app.env.domaindata["specs"]["docs"]
    text = (Path(app.srcdir) / "tables.md").read_text(encoding="utf-8")
    assert len(docs["tables"].reports) == text.count("{spec-table}")
    assert [r.lineno for r in docs["tables"].reports] == sorted(
        r.lineno for r in docs["tables"].reports
    )


def test_a_second_spec_directive_is_dropped_from_the_page(tmp_path):
    app = build(copy_root("warnings", tmp_path))
    html = (Path(app.outdir) / "meta_dates.html").read_text(encoding="utf-8")
    assert "SPEC-0203" in html
    assert "SPEC-0299" not in html


def test_plain_specs_are_numbered_by_the_same_transform(tmp_path):
    app = build(copy_root("plain", tmp_path))
    docs = app.env.domaindata["specs"]["docs"]
    specs = [doc.spec for doc in docs.values() if doc.spec is not None]
    assert specs
    items = [item for spec in specs for item in spec.items.values()]
    assert items
    for spec in specs:
        doctree = app.env.get_doctree(spec.docname)
        assert spec.anchor in doctree.ids
        for item in spec.items.values():
            assert item.anchor in doctree.ids
            assert item.text and not item.text.startswith(item.id)
