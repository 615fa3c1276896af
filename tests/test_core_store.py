"""The domain's per-page records (``core.store.DocRecords``): pickled per page, reusing the bytes
they were loaded from."""

from __future__ import annotations


def test_doc_records_pickle_per_page_and_reuse_the_bytes_they_were_loaded_from():
    import copy
    import pickle

    from sphinxcontrib_specs.core.model import DocRecord, ItemRecord, RefRecord, SpecRecord
    from sphinxcontrib_specs.core.store import DocRecords
    from sphinxcontrib_specs.read.domain import SpecsDomain

    spec = SpecRecord(id="SPEC-1", docname="a", lineno=1, anchor="spec-1", tags=["x", "y"])
    spec.items["G1"] = ItemRecord("G1", "goals", "Text", None, 3, "spec-1-g1", covers=["SPEC-1.G2"])
    records = DocRecords(
        a=DocRecord(spec=spec, refs=[RefRecord("SPEC-2", 4, "spec")]), b=DocRecord(part_of="SPEC-1")
    )
    data = pickle.dumps({"docs": records}, pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)["docs"]
    assert type(loaded) is DocRecords and loaded == records
    # each page's record is its own bytes, so the environment's pickler remembers one object a page
    _load, (blobs,) = records.__reduce__()
    assert sorted(blobs) == ["a", "b"] and all(type(b) is bytes for b in blobs.values())
    assert pickle.loads(blobs["a"]) == records["a"]
    # saved again: an unchanged page's record is the bytes it was loaded from; a page read
    # again (a new record, as the collector makes one) is pickled anew
    _load, (first,) = loaded.__reduce__()
    loaded["b"] = DocRecord(part_of="SPEC-9")
    _load, (again,) = loaded.__reduce__()
    assert again["a"] is first["a"]
    assert again["b"] is not first["b"] and pickle.loads(again["b"]).part_of == "SPEC-9"
    assert pickle.loads(pickle.dumps(loaded))["b"].part_of == "SPEC-9"
    # a page read again lets go of its bytes; a parallel worker's record comes with its own
    loaded.forget("a")
    _load, (after,) = loaded.__reduce__()
    assert after["a"] is not first["a"] and pickle.loads(after["a"]) == loaded["a"]
    worker = pickle.loads(pickle.dumps(records))
    merged = DocRecords()
    merged.take("a", worker)
    assert merged["a"] is worker["a"]
    assert merged.__reduce__()[1][0]["a"] is worker.__reduce__()[1][0]["a"]
    assert type(copy.deepcopy(SpecsDomain.initial_data)["docs"]) is DocRecords
