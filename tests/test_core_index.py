"""The index straight from records (no Sphinx build): :func:`build_index`, the one selection
(:meth:`SpecIndex.select`) and the gates it evaluates once."""

from __future__ import annotations

import pytest

from sphinxcontrib_specs.core.index import build_index
from sphinxcontrib_specs.core.model import DocRecord, ItemRecord, SpecRecord
from sphinxcontrib_specs.core.query import FilterError
from sphinxcontrib_specs.core.templates.builtin import BUILTIN_TEMPLATES


def spec(spec_id: str, docname: str, **options) -> SpecRecord:
    return SpecRecord(id=spec_id, docname=docname, lineno=1, anchor=spec_id.lower(), **options)


def item(item_id: str, kind: str = "dod", checked: bool | None = None, **more) -> ItemRecord:
    return ItemRecord(item_id, kind, f"text of {item_id}", checked, 3, item_id.lower(), **more)


def docs() -> dict[str, DocRecord]:
    old = spec("SPEC-0001", "specs/old", status="Superseded", tags=["storage"])
    new = spec(
        "SPEC-0002",
        "specs/new",
        status="Implemented",
        supersedes=["SPEC-0001"],
        tags=["storage", "backup"],
        fields={"cost": "high"},
        sections=["Proposed Solution"],
    )
    new.items["D1"] = item("D1", checked=False)
    folder = spec("SPEC-0003", "specs/0003/index", status="Draft", depends_on=["SPEC-0002"])
    folder.items["G1"] = item("G1", kind="goal")
    sub = DocRecord(
        part_of="specs/0003/index",
        items={"design-R1": item("design-R1", kind="requirement", covers=["G1", "SPEC-0002.D1"])},
    )
    twin = spec("SPEC-0002", "specs/twin")
    return {
        "specs/old": DocRecord(spec=old),
        "specs/new": DocRecord(spec=new),
        "specs/0003/index": DocRecord(spec=folder),
        "specs/0003/design": sub,
        "specs/twin": DocRecord(spec=twin),
        "guide": DocRecord(),
    }


def test_build_index_owns_ids_reverse_links_and_folders():
    external = [spec("SPEC-0001", "x", external="other"), spec("EXT-1", "y", external="other")]
    pages = docs()
    index = build_index(pages, external)
    assert sorted(index.specs) == ["EXT-1", "SPEC-0001", "SPEC-0002", "SPEC-0003"]
    # the first page by docname owns an ID; the others are duplicates
    assert index.specs["SPEC-0002"].docname == "specs/new"
    assert [s.docname for s in index.duplicates["SPEC-0002"]] == ["specs/twin"]
    # a local spec keeps its ID; the imported one is shadowed
    assert index.specs["SPEC-0001"].docname == "specs/old"
    assert [s.external for s in index.shadowed] == ["other"]
    assert index.superseded_by["SPEC-0001"] == ["SPEC-0002"]
    assert index.needed_by["SPEC-0002"] == ["SPEC-0003"]
    # a sub-page's items join the folder's spec; its relative {covers} target is made full
    joined = index.specs["SPEC-0003"].items["design-R1"]
    assert joined.docname == "specs/0003/design"
    assert joined.covers == ["SPEC-0003.G1", "SPEC-0002.D1"]
    assert index.covered_by["SPEC-0003.G1"] == ["SPEC-0003.design-R1"]
    assert index.spec_of_doc["specs/0003/design"] == "SPEC-0003"
    assert index.full_target("G1", "specs/0003/design") == "SPEC-0003.G1"
    assert index.full_target("G1", "specs/0003/index") == "G1"  # the spec's own page: numbered
    # the records the pages made are not changed by the index's join
    assert "design-R1" not in pages["specs/0003/index"].spec.items
    assert pages["specs/0003/design"].items["design-R1"].covers == ["G1", "SPEC-0002.D1"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, ["SPEC-0001", "SPEC-0002", "SPEC-0003"]),
        ({"status": ["Draft", "implemented"]}, ["SPEC-0002", "SPEC-0003"]),
        ({"tags": ["backup"]}, ["SPEC-0002"]),
        ({"filter": "cost == 'high'"}, ["SPEC-0002"]),
        ({"filter": "status != 'Draft' and 'storage' in tags"}, ["SPEC-0001", "SPEC-0002"]),
        ({"valid": False, "status": ["Draft"]}, []),  # the directive already warned
    ],
)
def test_select(options, expected):
    index = build_index(docs())
    assert [s.id for s in index.select(options, ["cost"])] == expected


def test_a_bad_filter_selects_nothing_or_raises_when_strict():
    index = build_index(docs())
    assert index.select({"filter": "status ==="}) == []
    with pytest.raises(FilterError):
        index.select({"filter": "status ==="}, strict=True)
    with pytest.raises(FilterError):  # a field the project does not have
        index.select({"filter": "cost == 'high'"}, strict=True)


def test_gates_are_evaluated_once_from_the_template():
    asked: list[str] = []

    def template_of(name: str):
        asked.append(name)
        return BUILTIN_TEMPLATES["proposal"]

    index = build_index(docs(), template_of=template_of)
    failures = index.gates("SPEC-0002")  # Implemented with an open Definition-of-Done item
    assert [(f.status, f.rule) for f in failures] == [("Implemented", "dod_done")]
    assert index.gates("SPEC-0002") is failures
    assert asked == ["proposal"]
    # without templates (an index read from specs.json) a spec has the gates its build recorded
    assert build_index(docs()).gates("SPEC-0002") == []


def test_lookup_names_a_spec_or_an_item_and_nothing_after_a_trailing_dot():
    index = build_index(docs())
    assert index.lookup(" SPEC-0002 ") == (index.specs["SPEC-0002"], None)
    found = index.lookup("SPEC-0002.D1")
    assert found is not None and found[1] is not None and found[1].id == "D1"
    assert index.lookup("SPEC-0002.") is None
    assert index.lookup("SPEC-0002.D1.") is None
    assert index.lookup("SPEC-0002.D9") is None
    assert index.lookup("SPEC-9999") is None
    assert index.target_id("SPEC-0003.G1") == "SPEC-0003.G1"
