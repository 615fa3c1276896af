"""The ``specs`` domain: every spec and tracked item as picklable records, per document.

``env.domaindata["specs"]`` holds ``docs: {docname: DocRecord}``: what each document defines and
references, as the page collector (:mod:`.collector`) made it; ``missing_links``, per document,
the pages a plain spec's links name that do not exist yet (:mod:`.plain.transform`); and the git
reader's state, computed once per build in the main process (:mod:`..git.reader`): ``history``,
``suspects``, ``git_cache`` and ``git_key``. Each is reached through a typed accessor below. The
build's evidence (:class:`~..core.verification.Evidence`, read every build by
:mod:`..evidence.reader`) is an attribute, never pickled. The cross-document
:class:`SpecIndex` (IDs, reverse links, gates, evidence) is derived once per build and cached on
the domain. The domain keeps storage, cross-references and objects; nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..config import Settings, settings_of
from ..core.index import SpecIndex, build_index
from ..core.model import DocRecord, is_safe_url
from ..core.store import DocRecords
from ..i18n import from_project

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.history import History
    from ..core.model import ItemRecord, SpecRecord
    from ..core.suspect import Suspect
    from ..core.verification import Evidence


#: The git reader's cache key: (HEAD, the work tree's status) and the build date.
GitKey = tuple[tuple[str, str], str]


class Link(NamedTuple):
    """A resolved link as the HTML writer writes it (:meth:`SpecsDomain.href`)."""

    href: str
    title: str | None
    internal: bool = True


class _Destination(NamedTuple):
    """Where a spec or item link goes: an imported spec's ``url``, else a ``page`` and
    ``anchor`` of this project (:meth:`SpecsDomain.link`, :meth:`SpecsDomain.href`)."""

    title: str
    url: str = ""
    page: str = ""
    anchor: str = ""


class SpecXRefRole(XRefRole):
    """``{spec}`SPEC-1``` / ``{spec}`text <SPEC-1.G2>```: a link to a spec or an item."""

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: nodes.Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["specs_line"] = self.lineno
        return title.strip(), target.strip()

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # Registered as both ``specs:spec`` and plain ``spec``: always a specs-domain reference.
        self.refdomain, self.reftype = "specs", "spec"
        self.classes = ["xref", "specs-ref"]
        return super().create_xref_node()


class SpecsDomain(Domain):
    """Specs and their tracked items, for cross-references, ``objects.inv`` and the reports."""

    name = "specs"
    label = "Specs"
    object_types = {
        "spec": ObjType("spec", "spec"),
        "item": ObjType("item", "spec"),
    }
    roles: ClassVar[dict[str, Any]] = {"spec": SpecXRefRole(innernodeclass=nodes.inline)}
    initial_data: ClassVar[dict[str, Any]] = {
        "docs": DocRecords(),
        "imports": {},
        "missing_links": {},
        "linked_pages": {},
        "history": {},
        "suspects": {},
        "git_cache": {},
        "git_key": None,
    }
    data_version = 14  # 14: SpecRecord.authors_note

    _index: SpecIndex | None = None
    #: The build's evidence (:meth:`set_evidence`): read again every build, so never pickled.
    _evidence: Evidence | None = None

    # -- stored data -----------------------------------------------------------------------------

    @property
    def docs(self) -> DocRecords:
        return cast("DocRecords", self.data["docs"])

    def set_doc(self, docname: str, record: DocRecord) -> None:
        """Store the page's record as the collector made it (nothing for a page without specs
        data, so that the renderer can skip it)."""
        self._index = None
        if record.spec is None and not record.refs and not record.reports and not record.part_of:
            self.docs.pop(docname, None)
        else:
            self.docs[docname] = record

    def clear_doc(self, docname: str) -> None:
        """Drop what ``docname`` stored; the git reader's state is not per document (it is
        computed again at the end of every build's reading)."""
        self.docs.pop(docname, None)
        self.docs.forget(docname)
        self.missing_links.pop(docname, None)
        self.linked_pages.pop(docname, None)
        self._index = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take the records of the documents a parallel worker read. The worker's git state is
        the main process's, from before the reading: :mod:`..git.reader` fills it afterwards."""
        missing, linked = otherdata["missing_links"], otherdata["linked_pages"]
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.docs.take(docname, otherdata["docs"])
            if docname in missing:
                self.missing_links[docname] = missing[docname]
            if docname in linked:
                self.linked_pages[docname] = linked[docname]
        self._index = None

    @property
    def missing_links(self) -> dict[str, set[str]]:
        """Page -> the pages its plain spec links name that do not exist (yet), so that the page
        is read again when one is added (:func:`.plain.transform.outdated_folders`)."""
        return cast("dict[str, set[str]]", self.data["missing_links"])

    @property
    def linked_pages(self) -> dict[str, set[str]]:
        """Page -> the pages its plain spec links name, so that the page is read again when one
        is removed (:func:`.plain.transform.outdated_folders`: a link to a page that is gone is
        no link); an edit of a linked page does not read it again (the index resolves links)."""
        return cast("dict[str, set[str]]", self.data["linked_pages"])

    @property
    def evidence(self) -> Evidence | None:
        """The build's test cases and code markers (:mod:`...evidence.reader`, read every build
        after the pages, in the main process; not pickled); None when the project reads none."""
        return self._evidence

    def set_evidence(self, evidence: Evidence | None) -> None:
        self._evidence = evidence
        self._index = None

    @property
    def history(self) -> dict[str, History]:
        """Spec ID -> its status history from git ({} with the git history off)."""
        return cast("dict[str, History]", self.data["history"])

    @history.setter
    def history(self, value: dict[str, History]) -> None:
        self.data["history"] = value

    @property
    def suspects(self) -> dict[str, list[Suspect]]:
        """Covering item full ID -> its suspect trace links ({} with the git history off)."""
        return cast("dict[str, list[Suspect]]", self.data["suspects"])

    @suspects.setter
    def suspects(self, value: dict[str, list[Suspect]]) -> None:
        self.data["suspects"] = value

    @property
    def git_cache(self) -> dict[str, Any]:
        """The git reader's revisions and the key they were read for (HEAD, the spec files, the
        item kinds), kept across builds so that an unchanged HEAD runs no ``git log``."""
        return cast("dict[str, Any]", self.data["git_cache"])

    @git_cache.setter
    def git_cache(self, value: dict[str, Any]) -> None:
        self.data["git_cache"] = value

    @property
    def git_key(self) -> GitKey | None:
        """(HEAD and the work tree's status, the build date) of the last history; None before
        the first. When it moves, every page with a spec or a report is read again."""
        return cast("GitKey | None", self.data["git_key"])

    @git_key.setter
    def git_key(self, value: GitKey | None) -> None:
        self.data["git_key"] = value

    @property
    def imports(self) -> dict[str, dict[str, Any]]:
        """The imported specs (:mod:`.imports`): name -> {"source", "specs"}, kept across builds
        as the copy to fall back on."""
        return cast("dict[str, dict[str, Any]]", self.data.setdefault("imports", {}))

    def set_imports(self, imports: dict[str, dict[str, Any]]) -> None:
        self.data["imports"] = imports
        self._index = None

    # -- derived data ----------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The parsed ``specs_*`` configuration (problems were reported on config-inited)."""
        return settings_of(self.env.config)

    @property
    def index(self) -> SpecIndex:
        if self._index is None:
            external = [spec for entry in self.imports.values() for spec in entry["specs"]]
            settings = self.settings
            evidence = self._evidence
            self._index = build_index(
                self.docs,
                external,
                settings.template,
                (evidence.tests, evidence.markers) if evidence else None,
                id_pattern=settings.id_pattern,
                code_url=settings.evidence.code_url,
                commit=evidence.commit if evidence else None,
                dirty=evidence.dirty if evidence else frozenset(),
            )
        return self._index

    def specs(self) -> Iterator[SpecRecord]:
        """Every local spec the index owns, in ID order (imported ones are not this project's
        objects: no page, no history, not in ``objects.inv``)."""
        index = self.index
        for spec_id in sorted(index.specs):
            if not index.specs[spec_id].external:
                yield index.specs[spec_id]

    def select(self, options: dict[str, Any]) -> list[SpecRecord]:
        """The specs a report's selection options pick (:meth:`.SpecIndex.select` with the
        project's ``specs_fields``)."""
        return self.index.select(options, self.settings.fields)

    # -- cross-references ------------------------------------------------------------------------

    def tooltip(self, spec: SpecRecord, item: ItemRecord | None) -> str:
        if item is not None:
            return f"{spec.id}.{item.id}: {item.text}"
        status = f" ({spec.status})" if spec.status else ""
        imported = from_project(spec.external) if spec.external else ""
        return f"{spec.title}{status}{imported}"

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        return self.link(
            self.index.full_target(target, fromdocname), fromdocname, builder, contnode
        )

    def _destination(self, target: str) -> _Destination | None:
        """Where a link to a spec or item goes; None when the target is unknown, or is an
        imported spec without a safe URL (the import drops unsafe URLs already; checked again,
        as every card link is)."""
        found = self.index.lookup(target)
        if found is None:
            return None
        spec, item = found
        title = self.tooltip(spec, item)
        if spec.external:  # an imported spec: its own site (none when the import has no base_url)
            url = item.url if item is not None else spec.url
            return _Destination(title, url=url) if url and is_safe_url(url) else None
        anchor = item.anchor if item is not None else spec.anchor
        page = (item.docname if item is not None else None) or spec.docname
        return _Destination(title, page=page, anchor=anchor)

    def link(
        self, target: str, fromdocname: str, builder: Builder, contnode: nodes.Node
    ) -> nodes.reference | None:
        """The reference to a spec or item, for ``builder``; None when the target is unknown.
        (:meth:`href` gives the same link as the HTML writer writes it.)"""
        to = self._destination(target)
        if to is None:
            return None
        if to.url:
            ref = nodes.reference("", "", internal=False, refuri=to.url, reftitle=to.title)
            ref["classes"].append("specs-external")
            ref += contnode
            return ref
        if builder.name == "singlehtml":
            # One page: Sphinx 9 would write "#document-x#anchor", which no browser follows.
            # Spec and item anchors carry the spec ID, so they are unique on the single page.
            ref = nodes.reference("", "", internal=True, refid=to.anchor, reftitle=to.title)
            ref += contnode
            return ref
        return make_refnode(builder, fromdocname, to.page, to.anchor, contnode, to.title)

    def href(
        self,
        target: str,
        fromdocname: str,
        builder: Builder,
        pages: dict[str, str] | None = None,
    ) -> Link | None:
        """What :meth:`link` gives, as Sphinx's HTML writer writes it, without making nodes:
        the ``href``, the tooltip (None where the reference has none) and whether it is
        internal. The reports and the light card render their links with it.

        A report renders thousands of links from one page; ``pages`` keeps the relative URI of
        each page linked to (the caller's, for one page and builder).
        """
        to = self._destination(target)
        if to is None:
            return None
        if to.url:
            return Link(to.url, to.title, internal=False)
        if builder.name == "singlehtml":  # as link(): the anchor alone, the title as it is
            return Link(f"#{to.anchor}", to.title)
        tooltip = to.title or None  # make_refnode sets no empty title
        if to.page == fromdocname and to.anchor:
            return Link(f"#{to.anchor}", tooltip)
        uri = pages.get(to.page) if pages is not None else None
        if uri is None:
            uri = builder.get_relative_uri(fromdocname, to.page)
            if pages is not None:
                pages[to.page] = uri
        # the writer writes "#" for an empty refuri
        return Link((f"{uri}#{to.anchor}" if to.anchor else uri) or "#", tooltip)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.index.lookup(self.index.full_target(target, fromdocname))
        if found is None:
            return []
        role = "specs:spec"
        ref = self.resolve_xref(env, fromdocname, builder, "spec", target, node, contnode)
        return [(role, ref)] if ref is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """For ``objects.inv``; items (-1) are not search results: each spec has a ``G1``."""
        for spec in self.specs():
            yield spec.id, spec.id, "spec", spec.docname, spec.anchor, 1
            for item in spec.items.values():
                full = f"{spec.id}.{item.id}"
                yield full, full, "item", item.docname or spec.docname, item.anchor, -1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None


def _unresolved_spec_ref(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Keep an unknown spec reference as readable text.

    The ``specs.ref`` warning is given once per build by the consistency check, with the role's
    line; this keeps Sphinx's own "reference target not found" (under ``-n``) from repeating it.
    Connected late, so intersphinx gets the first chance to resolve the target.
    """
    if node.get("refdomain") != "specs":
        return None
    contnode["classes"].append("specs-unresolved")
    return contnode


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SpecsDomain)
    app.connect("missing-reference", _unresolved_spec_ref, priority=900)


def get_domain(env: BuildEnvironment) -> SpecsDomain:
    return cast("SpecsDomain", env.get_domain("specs"))
