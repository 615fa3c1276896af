"""Which pages to write again when other pages changed, per builder.

A page renders data from other pages: its card shows reverse links (superseded by, needed by, ...)
and the titles and statuses of the specs it links to; its ``{spec}`` and ``{covers}`` links carry
the target's title and status; its reports show whatever specs their selection picks. After every
read phase this module fingerprints, for every page that has specs data, exactly that outside data,
compares it with what *this builder* last wrote into *this output folder*, and returns the pages
whose fingerprint changed, so Sphinx writes them again. Pages whose inputs did not change are not
rewritten.

Only the pages that can have changed are fingerprinted again. With each page's fingerprint the
ledger keeps when its page was read (``env.all_docs``) and the spec IDs and pages its outside data
came from; a page whose own record is the one it was written from, and none of whose sources was
read again since (nor linked to by a page that was), keeps its fingerprint: an edit of one spec
among 1,000 fingerprints a few pages, not all. A page that defines an ID a page read again has
or had is fingerprinted again with its folder's sub-pages, as the first page by name owns an ID
defined twice. Pages with reports (their selection may pick any spec), and every page of a
build that reads test results or imports specs, are always fingerprinted again.

The fingerprints of what was written live in the output folder (:data:`LEDGER`, one map per
builder name), not in the environment: builders that share a doctree folder (``make text html``,
``sphinx-build -M``) share the environment, and each must still rewrite what it has not written.
The file is written only once a build finished without error, so a write that fails or is
interrupted (Ctrl-C) leaves the pages it did not finish marked out of date.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.model import split_target
from ..read.domain import get_domain
from ..read.nodes import PER_PAGE_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import DocRecord
    from ..read.domain import SpecsDomain

#: The file, in the builder's output folder, that says from what each page was last written.
LEDGER = ".specs-rendered.json"
_LEDGER_VERSION = 2

#: What the ledger keeps of a page: its fingerprint, when its page was read, its sources (spec
#: IDs and pages, one string, a line each) and the ID of the spec it defines ("" : none).
Entry = tuple[str, int | float | None, str, str]


def fingerprint(docname: str, doc: DocRecord, domain: SpecsDomain) -> str:
    """A digest of everything a page shows that comes from other pages (for a spec folder's
    page: its sub-pages' items and sections, which its card counts)."""
    return _fingerprint(docname, doc, domain)[0]


def _fingerprint(docname: str, doc: DocRecord, domain: SpecsDomain) -> tuple[str, set[str]]:
    """The page's fingerprint and its sources: the spec IDs (and pages) whose records it was
    made from, as written and as resolved, so that an edit of none of them leaves it as it is."""
    index = domain.index
    sources: set[str] = {split_target(ref.target)[0] for ref in doc.refs}
    targets: set[str] = {index.full_target(ref.target, docname) for ref in doc.refs}
    parts: list[object] = []
    spec = doc.spec
    if spec is not None:
        owner = index.specs.get(spec.id)
        if owner is not None and owner.docname == docname:
            spec = owner  # links to spec files resolved, sub-pages joined (core/index.py)
        sources.add(spec.id)
        parts.append(("owner", owner.docname if owner else None))
        if spec.id in index.parts and owner is not None and owner.docname == docname:
            parts.append(("folder", spec))  # the record joined with its sub-pages
            sources.update(index.parts[spec.id])
        reverse = index.reverse_links(spec.id)
        parts.append(sorted(reverse.items()))
        parts.append(index.verifications(spec))  # its items' tests and code markers
        targets.update(spec.supersedes, spec.depends_on, spec.related)
        sources.update(spec.superseded_by)
        for linked in reverse.values():
            targets.update(linked)
        for value in spec.fields.values():
            if isinstance(value, list):
                targets.update(v for v in value if isinstance(v, str))
        for item in spec.items.values():
            targets.update(item.covers)
    elif doc.part_of:
        sources.add(doc.part_of)
        folder = index.spec_of_doc.get(docname, "")
        sources.add(folder)
        owner_doc = index.docs.get(doc.part_of)
        if owner_doc is not None and owner_doc.spec is not None:  # joined or not, its ID
            sources.add(owner_doc.spec.id)
        if index.evidence.active:  # a spec folder's sub-page shows its items'
            parts.append([index.evidence.of(f"{folder}.{i}").shown() for i in doc.items])
    parts.extend(index.describe(target) for target in sorted(targets))
    sources.update(targets)  # a page's name as written (``v1.2/x``), and a spec's ID:
    sources.update(split_target(target)[0] for target in targets)
    for report in doc.reports:
        # A report shows the specs its selection picks now, so the selection is part of it.
        selected = domain.select(dict(report.options))
        parts.append((report.kind, report.options, [index.digest(s.id) for s in selected]))
        if report.kind == "evidence":  # its "Not found" rows: IDs no spec has, so in no digest
            parts.append(
                [
                    (w, getattr(o, "full_name", o), getattr(o, "result", ""))
                    for o, w in index.evidence.orphans
                ]
            )
    sources.discard("")
    return hashlib.sha256(repr(parts).encode()).hexdigest(), sources


def _read_ledger(path: Path) -> dict[str, dict[str, Any]]:
    """The ledger's maps by builder name; empty when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _LEDGER_VERSION:
        return {}
    builders = data.get("builders")
    return builders if isinstance(builders, dict) else {}


def _entry(value: object) -> Entry | None:
    """A page's entry as the ledger file has it, None when it is not one (a damaged file)."""
    if isinstance(value, list) and len(value) == 4:
        digest, read, sources, own = value
        if isinstance(digest, str) and isinstance(sources, str) and isinstance(own, str):
            return digest, read if isinstance(read, int | float) else None, sources, own
    return None


class RenderLedger:
    """What the running builder wrote, and what it is about to write (one per application)."""

    def __init__(self) -> None:
        self._pending: tuple[Path, str, dict[str, Entry]] | None = None
        #: The pages resolved for writing this build (``doctree-resolved``).
        self._written: set[str] = set()

    def pages_to_rewrite(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The pages whose outside data changed since this builder last wrote them; their new
        fingerprints are kept until :meth:`commit`."""
        domain = get_domain(env)
        path = Path(app.outdir) / LEDGER
        name = app.builder.name
        written = _read_ledger(path).get(name, {})
        entries = {d: e for d, e in ((d, _entry(v)) for d, v in written.items()) if e}
        now = _entries(domain, env, entries)
        self._pending = (path, name, now)
        self._written = set()
        return sorted(
            d for d, entry in now.items() if d not in entries or entries[d][0] != entry[0]
        )

    def note_written(self, app: Sphinx, doctree: object, docname: str) -> None:
        self._written.add(docname)

    def commit(self, app: Sphinx, exception: Exception | None) -> None:
        """At ``build-finished``: record what was written, only if everything was. A page the
        build did not write (``sphinx-build SRC OUT page.md`` writes the pages named) keeps
        the entry it was last written with, so the next build still finds it out of date."""
        pending, self._pending = self._pending, None
        if pending is None or exception is not None:
            return
        path, name, entries = pending
        builders = _read_ledger(path)
        if app.builder.name in PER_PAGE_BUILDERS:  # the others write every page, each time
            before = builders.get(name, {})
            for docname, entry in list(entries.items()):
                if docname in self._written:
                    continue
                old = _entry(before.get(docname))
                if old is None:
                    del entries[docname]
                elif old[0] != entry[0]:  # no read time: the next build fingerprints it
                    entries[docname] = (old[0], None, old[2], old[3])
        builders[name] = entries
        text = json.dumps({"version": _LEDGER_VERSION, "builders": builders}, sort_keys=True)
        replace_file(path, text.encode("utf-8"))  # a ledger we cannot write costs rewrites


def _entries(
    domain: SpecsDomain, env: BuildEnvironment, written: dict[str, Entry]
) -> dict[str, Entry]:
    """Every page's entry now: kept from ``written`` where it still holds, else made again.

    Made again: a page read again since (or new), every page defining a spec ID such a page has
    or had (one of them owns it, and which one may change) with its folder's sub-pages, and
    every page one of whose sources such a page has, had or links to, or linked to; and every
    page with a report. All are made again when the build reads test results or imports specs
    (their changes are not pages')."""
    index = domain.index
    docs = index.docs
    read_at = env.all_docs

    def made(docname: str) -> Entry:
        doc = docs[docname]
        digest, sources = _fingerprint(docname, doc, domain)
        own = doc.spec.id if doc.spec is not None else ""
        return digest, read_at.get(docname), "\n".join(sorted(sources)), own

    if index.evidence.active or env.config.specs_import:
        return {docname: made(docname) for docname in docs}
    now: dict[str, Entry] = {}
    touched: set[str] = set()

    def again(docname: str) -> None:
        """Make the page's entry again; what it showed and shows now is touched."""
        touched.add(docname)
        old = written.get(docname)
        if old is not None:
            touched.update(old[2].split("\n"))  # what it linked to and was
        if docname in docs:
            now[docname] = made(docname)
            touched.update(now[docname][2].split("\n"))  # what it links to and is

    owned: set[str] = set()  # the IDs of the pages read again, as they were and are
    for docname in {*docs, *written}:
        old = written.get(docname)
        if old is not None and docname in docs and read_at.get(docname) == old[1]:
            continue
        again(docname)
        owned.add(old[3] if old is not None else "")
        owned.add(now[docname][3] if docname in now else "")
    owned.discard("")
    if owned:  # the other pages of those IDs, and their folders' sub-pages
        twins = {d for d, doc in docs.items() if doc.spec is not None and doc.spec.id in owned}
        for docname, doc in docs.items():
            if docname not in now and (docname in twins or doc.part_of in twins):
                again(docname)
    for docname, doc in docs.items():
        if docname in now:
            continue
        old = written[docname]
        keep = not doc.reports and touched.isdisjoint(old[2].split("\n"))
        now[docname] = old if keep else made(docname)
    return now


def setup_ledger(app: Sphinx) -> None:
    ledger = RenderLedger()
    app.connect("env-get-updated", ledger.pages_to_rewrite)
    app.connect("doctree-resolved", ledger.note_written)
    app.connect("build-finished", ledger.commit)


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, so that no reader (another
    build) sees half a file; when it cannot be written, ``path`` is left as it was and the
    temporary file removed: the files kept between builds only save work."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
