"""The records of every document as the environment keeps them, and how they are pickled."""

from __future__ import annotations

import pickle
from typing import Any

from .model import DocRecord


class DocRecords(dict[str, DocRecord]):
    """The records of every document, as the environment keeps them.

    Sphinx pickles the whole environment after reading; a pickler remembers every object it
    wrote (its memo), so that a second reference to it is written as a reference. Each page's
    record is pickled on its own, as bytes, so that memo only ever holds one page's small
    objects (a third of the peak memory of one memo for all; the benchmark in ``benchmarks/``
    measures it), and the environment's pickler, meeting bytes, remembers one object a page.

    A record keeps the bytes it was loaded from, or first pickled to (:meth:`record_bytes`),
    until its page is read again (:meth:`forget`), and a record is never changed once stored
    (records are frozen: the collector makes a new one each time it reads the page; the index
    derives what it joins): an incremental build pickles again only the records of the pages it
    read, not all of them, for the memory of the bytes held. A parallel worker's records come
    with their bytes (:meth:`take`)."""

    __slots__ = ("_loaded",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Docname -> (the record as loaded, the bytes it was loaded from).
        self._loaded: dict[str, tuple[DocRecord, bytes]] = {}

    def forget(self, docname: str) -> None:
        """Let go of the bytes ``docname``'s record was loaded from (its page is read again)."""
        self._loaded.pop(docname, None)

    def record_bytes(self, docname: str) -> bytes:
        """The bytes ``docname``'s record pickles to: those it was loaded from, else made now
        and kept, so that pickling the environment does not make them again and the next
        build, loading them, has the same bytes (a digest of them reads the same)."""
        record = self[docname]
        kept = self._loaded.get(docname)
        if kept is None or kept[0] is not record:
            kept = self._loaded[docname] = (record, pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        return kept[1]

    def take(self, docname: str, other: DocRecords) -> None:
        """Store ``other``'s record of ``docname`` (a parallel worker's), with its bytes."""
        record = self[docname] = other[docname]
        kept = other._loaded.get(docname)
        if kept is not None and kept[0] is record:
            self._loaded[docname] = kept

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes]]]:
        return _load_records, ({docname: self.record_bytes(docname) for docname in self},)


def _load_records(blobs: dict[str, bytes]) -> DocRecords:
    records = DocRecords()
    for docname, blob in blobs.items():
        record = records[docname] = pickle.loads(blob)
        records._loaded[docname] = (record, blob)
    return records
