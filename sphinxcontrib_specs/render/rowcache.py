"""The HTML of report rows, kept between builds, so that an edit rewrites few of them.

Sphinx writes a page again whenever a page it lists in its toctree was read again, and an index
page is usually both that parent and the page of the reports over every spec: after any edit,
all their rows would be made, resolved and written again. Each row instead carries a key, and
:func:`.tables.visit_html_table` writes the HTML it wrote for that key in an earlier build,
making only the rows whose key is new. A row of a ``spec-table`` or ``spec-matrix`` is keyed by
its inputs (:meth:`.reports.base.ReportRenderer.spec_row_key`: its spec's digest, the item it
is for, the page, builder, language and options, and what it shows from outside the pages: its
stale mark and suspect marks), so a row kept is not even made; any other row, and every row
when test results are read, by its cells as data and what each of its links shows
(:meth:`.reports.base.ReportRenderer.row_key`).

The rows live in ``specs-report-rows.pickle`` in the doctree folder, per builder and page and
per translator class (a theme's translator may write other markup), made by this code
(:func:`..stamp.code_stamp`). A page written again keeps
only the rows it wrote; the file is written at ``build-finished`` when a build without error
changed it. Rows written in a parallel build's worker processes are not kept (they are made
again next time). A file that is not ours, or damaged, is ignored: it only saves work.
"""

from __future__ import annotations

import contextlib
import pickle
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from ..stamp import code_stamp

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

FILE = "specs-report-rows.pickle"
_FORMAT = "sphinx-specs report rows 1"

#: Page -> row key -> the row's HTML.
PageRows = dict[str, str]


class RowCache:
    """The rows of one builder: those an earlier build wrote, and those this build writes."""

    def __init__(self, path: Path, builder: str):
        self.path = path
        self.builder = builder
        self._earlier: dict[str, PageRows] | None = None
        self.written: dict[str, PageRows] = {}

    def page(self, docname: str) -> tuple[PageRows, PageRows]:
        """The rows ``docname`` had, and the rows it has now (filled while it is written)."""
        if self._earlier is None:
            self._earlier = _read(self.path).get(self.builder, {})
        return self._earlier.get(docname, {}), self.written.setdefault(docname, {})

    def save(self, pages_now: set[str]) -> None:
        """Keep this build's rows; drop those of pages that are no longer in the project."""
        if not self.written:
            return
        builders = _read(self.path)
        pages = builders.setdefault(self.builder, {})
        gone = [docname for docname in pages if docname not in pages_now]
        changed = bool(gone)
        for docname in gone:
            del pages[docname]
        for docname, rows in self.written.items():
            if pages.get(docname) != rows:
                pages[docname] = rows
                changed = True
        if changed:
            kept = {"format": f"{_FORMAT}; {code_stamp()}", "builders": builders}
            data = pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)
            temporary = self.path.with_name(f"{self.path.name}.tmp")
            with contextlib.suppress(OSError):  # a file we cannot write costs work, no more
                temporary.write_bytes(data)
                temporary.replace(self.path)


def _read(path: Path) -> dict[str, dict[str, PageRows]]:
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # any damage to a cache only costs its work (as Sphinx treats its own)
        return {}
    if not isinstance(data, dict) or data.get("format") != f"{_FORMAT}; {code_stamp()}":
        return {}
    builders = data.get("builders")
    return builders if isinstance(builders, dict) else {}


#: The cache of each builder while it writes (from ``write-started`` to ``build-finished``).
_CACHES: weakref.WeakKeyDictionary[Builder, RowCache] = weakref.WeakKeyDictionary()


def row_cache(builder: Builder) -> RowCache | None:
    """The builder's cache, None outside its writing (no ``write-started``: Sphinx 8.0's
    single-page builder)."""
    return _CACHES.get(builder)


def _write_started(app: Sphinx, builder: Builder) -> None:
    _CACHES[builder] = RowCache(Path(app.doctreedir) / FILE, builder.name)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    cache = _CACHES.pop(app.builder, None)
    if cache is not None and exception is None:
        cache.save(app.env.found_docs)


def setup_rowcache(app: Sphinx) -> None:
    if "write-started" in app.events.events:
        app.connect("write-started", _write_started)
        app.connect("build-finished", _build_finished)
