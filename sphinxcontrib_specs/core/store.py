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
    objects (the memo of tens of thousands of records held 10 MiB at 1,000 specs while the
    environment was saved), and the environment's pickler, meeting bytes, remembers one object
    a page.

    A loaded record keeps the bytes it was loaded from, and a record is never changed once
    stored (the collector makes a new one each time it reads the page; the index copies what it
    joins): an incremental build pickles again only the records of the pages it read, not all
    of them (0.04 s at 1,000 specs)."""

    __slots__ = ("_loaded",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Docname -> (the record as loaded, the bytes it was loaded from).
        self._loaded: dict[str, tuple[DocRecord, bytes]] = {}

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes]]]:
        blobs = {}
        for docname, record in self.items():
            kept = self._loaded.get(docname)
            if kept is not None and kept[0] is record:
                blobs[docname] = kept[1]
            else:
                blobs[docname] = pickle.dumps(record, pickle.HIGHEST_PROTOCOL)
        return _load_records, (blobs,)


def _load_records(blobs: dict[str, bytes]) -> DocRecords:
    records = DocRecords()
    for docname, blob in blobs.items():
        record = records[docname] = pickle.loads(blob)
        records._loaded[docname] = (record, blob)
    return records
