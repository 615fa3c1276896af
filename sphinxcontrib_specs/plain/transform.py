"""Plain Markdown specs in a build (``specs_plain_markdown``).

A transform, run while a Markdown page is read, hands the doctree MyST made to the recognizer
(:mod:`.recognizer`, which ``adopt`` and ``init`` use too) and applies what it found: the metadata
list becomes the card placeholder (fields it does not know stay as a list below it), each tracked
list becomes an item list, and the problems are warned at the file's own lines. The file is not read
again.

A link to another spec file in ``related`` / ``supersedes`` / ``depends-on``
(``[001 — Core](001-core.md)``, ``../0042-backups/README.md``) is kept on the record as a
:class:`~..core.model.DocLink` to that page and resolved to that page's spec ID by the index
(``build_index``, which knows every page's spec, the sub-pages of spec folders included) in
every build, so the page is not read again when the linked file changes (the render ledger
rewrites it when what the link shows changed).

A spec folder's sub-page (:func:`.folder_main`: ``0042-backups/design.md`` beside
``0042-backups/README.md``, or in ``0042-backups/`` beside ``0042-backups.md``) that has no spec
of its own is marked ``specs_part_of`` (the folder's page) and its tracked lists, in the sections
any template gives items, become item lists; the collector makes its record, the index joins it
to the spec. A spec page whose folder may hold sub-pages is marked ``specs_folder``: its required
sections are checked with all its pages (:mod:`..read.checks`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..read.directives.items import mark_items
from ..read.domain import get_domain
from ..read.nodes import contains, pending_spec, spec_items, spec_node
from ..warnings_ import SpecsWarning, warn
from .files import (
    BROKEN,
    FRONT_MATTER,
    HEADER,
    SAID,
    is_plain_candidate,
    part_of_folder_spec,
    settings_of,
    sidecar_entries,
    vocabulary_of,
)
from .labels import MAIN_NAMES, folder_main, is_numbered
from .lists import part_lists
from .recognizer import PlainSpec, recognize, why_not_named
from .sources.frontmatter import docinfo_fields

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def folder_owner(env: BuildEnvironment, source: Path) -> str | None:
    """The docname of the page a spec folder's sub-page belongs to (:func:`.folder_main`)."""
    main = folder_main(source)
    docname = env.path2doc(str(main)) if main is not None else None
    return docname if docname != env.docname else None


def may_have_sub_pages(source: Path) -> bool:
    """A spec page whose folder may hold its sub-pages: a ``README.md`` / ``index.md`` in a
    numbered folder, or a file with a folder of the same name beside it."""
    if source.stem.casefold() in MAIN_NAMES:
        return is_numbered(source.parent.name)
    return source.with_suffix("").is_dir()


def front_matter(env: BuildEnvironment, document: nodes.document) -> dict[str, Any]:
    """The page's front matter: ``env.metadata`` when it is filled, else the docinfo MyST or
    docutils made (see :func:`.sources.frontmatter.docinfo_fields`)."""
    written: dict[str, Any] | None = env.temp_data.get(FRONT_MATTER)
    if written:  # as written in the file (read at source-read), with each key's line
        return written
    return docinfo_fields(document, dict(env.metadata.get(env.docname, {})))


def pending_plain_spec(found: PlainSpec) -> list[nodes.Node]:
    """The card placeholder of a recognized spec: the same ``pending_spec`` node a ``spec``
    directive leaves, carrying the recognized options (option name -> raw text); the page
    collector makes the record from it and checks it, as for a directive."""
    assert found.spec_id is not None
    return [pending_spec(found.spec_id, dict(found.options), found.line, found.option_lines)]


class FrontMatterSources(SphinxTransform):
    """Give the field names of a plain spec's front matter the source and line of their list.

    MyST leaves them without a source; Sphinx's ``ApplySourceWorkaround`` (priority 10) then sets
    one on each, and first logs it at debug level with the node written out as XML, which is made
    even when debug messages are off: a large share of what reading a plain spec costs the
    extension. Set here first, nothing else changes (Sphinx would
    set the same source, and line 0)."""

    # applied by plain/hooks.py's transform of the same name, at its priority (9)

    def apply(self, **kwargs: Any) -> None:
        document = self.document
        if not document.children or not isinstance(document[0], nodes.field_list):
            return
        field_list = document[0]
        if field_list.source is None or not settings_of(self.env).plain_markdown:
            return
        for field in field_list.children:
            name = field.children[0] if field.children else None
            if isinstance(name, nodes.field_name) and name.source is None:
                name.source, name.line = field_list.source, field_list.line


class PlainSpecs(SphinxTransform):
    """Recognize a plain Markdown spec on the page being read."""

    # applied by plain/hooks.py's transform of the same name, at its priority (870)

    def apply(self, **kwargs: Any) -> None:
        settings = settings_of(self.env)
        if not settings.plain_markdown:
            return
        docname = self.env.docname
        source = Path(self.env.doc2path(docname))
        relative = source.relative_to(self.env.srcdir).as_posix()
        if not is_plain_candidate(settings, relative):
            return
        if contains(self.document, spec_node):
            return  # a page with a spec directive is not read the plain way
        vocabulary = vocabulary_of(self.env)
        found = recognize(
            self.document,
            relative,
            vocabulary,
            front_matter=front_matter(self.env, self.document),
            header=self.env.temp_data.get(HEADER),
            extra=sidecar_entries(self.env, source, vocabulary),
        )
        owner = folder_owner(self.env, source)
        if owner is not None and (
            found is None
            or found.spec_id is None
            or part_of_folder_spec(
                source,
                found.spec_id,
                settings_of(self.env),
                Path(self.env.srcdir),
                vocabulary.id_format,
            )
        ):
            # a page of a spec folder (an appendix, a translation, a companion page named with
            # the folder's number) is no spec of its own: its tracked lists belong to the
            # folder's spec, which the index joins them to
            if found is not None and "specs-front-matter" in found.metadata["classes"]:
                found.metadata.parent.remove(found.metadata)
            self.document["specs_part_of"] = owner
            self.document["specs_untitled"] = True  # its first heading is a section of the spec
            self.wrap_lists(part_lists(self.document, vocabulary.templates.values()))
            return
        if found is None:
            broken = self.env.temp_data.get(BROKEN)
            if broken == SAID:  # its metadata file's warning says why
                return
            why = (
                f"{broken}; once it reads, so does the page"
                if broken
                else "no metadata (front matter, a header block, Field: value bullets or lines, "
                "a field list or a two-column table at its top, a metadata section or file the "
                "template names), and to be read by its name alone it has "
                f"{why_not_named(self.document, relative, vocabulary)}; leave it out of the "
                "globs (a '!' pattern) or add its metadata"
            )
            warn(
                SpecsWarning.of("meta"),
                f"{relative} is selected by specs_plain_markdown but is not read as a spec: {why}",
                location=(docname, 1),
            )
            return

        def warn_at(kind: SpecsWarning, message: str, line: int | None) -> None:
            warn(kind, message, location=(docname, line))

        for problem in found.problems:
            warn_at(SpecsWarning.of(problem.subtype), problem.message, problem.line)
        if found.spec_id is None or found.metadata.parent is None:
            return
        replacement = pending_plain_spec(found)
        if found.leftover:
            rest = nodes.bullet_list("", *found.leftover, classes=["specs-extra-fields"])
            replacement.append(rest)
        found.metadata.replace_self(replacement)
        if found.title:  # titled by its first heading: the card goes under it, wherever it was
            _under_title(replacement)
        for node in found.also:  # the rest of the metadata: its entries are on the card
            if node.parent is not None:
                node.parent.remove(node)
        if found.options.get("title"):  # its metadata titles it: so does the page (collector)
            self.document["specs_titled"] = True
        if may_have_sub_pages(source):
            # the required sections may live in sub-pages: checked once all pages are read
            self.document["specs_folder"] = True
        self.wrap_lists(found.lists)

    def wrap_lists(self, lists: list[tuple[nodes.bullet_list, str]]) -> None:
        """Each tracked list becomes an item list of its kind."""
        settings = settings_of(self.env)
        docname = self.env.docname

        def warn_at(kind: SpecsWarning, message: str, line: int | None) -> None:
            warn(kind, message, location=(docname, line))

        for bullet_list, kind_name in lists:
            kind = settings.kind(kind_name)
            if kind is None or bullet_list.parent is None:
                continue
            container = spec_items(
                "", classes=["specs-items", f"specs-kind-{kind.kind}"], specs_kind=kind.kind
            )
            container.line = bullet_list.line
            bullet_list.replace_self(container)
            container += bullet_list
            mark_items(bullet_list, kind, warn_at, bullet_list.line or 0)


def folder_neighbours(
    env: BuildEnvironment, docname: str, pages: Mapping[Path, set[str]]
) -> set[str]:
    """The pages whose folder relation the presence of ``docname`` may change: for
    ``0043-restore.md`` the pages in ``0043-restore/`` (now sub-pages, or no longer), for a
    ``README.md`` / ``index.md`` the other pages of its folder, and the folder's main page, whose
    ``specs_folder`` mark depends on the folder existing (:func:`may_have_sub_pages`).
    ``pages`` is folder -> its pages (:func:`pages_by_folder`, one walk for every page added)."""
    source = Path(env.doc2path(docname))
    folders = {source.with_suffix("")}
    if source.stem.casefold() in MAIN_NAMES and is_numbered(source.parent.name):
        folders.add(source.parent)
    result = set().union(*(pages.get(folder, ()) for folder in folders))
    main = folder_main(source)
    if main is not None:
        owner = env.path2doc(str(main))
        if owner is not None:
            result.add(owner)
    return result - {docname}


def pages_by_folder(env: BuildEnvironment) -> dict[Path, set[str]]:
    """Each folder of the project -> the pages in it (one walk over the pages, not one per
    page added: a clean build adds every page)."""
    pages: dict[Path, set[str]] = {}
    for other in env.found_docs:
        pages.setdefault(Path(env.doc2path(other)).parent, set()).add(other)
    return pages


def outdated_folders(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A page added or removed can make another page a spec folder's sub-page, or no longer one
    (the relation is read from the files beside it, which no dependency records): read the
    pages of its folder again. A sub-page's links to other specs are resolved by the index, so
    the pages linking to it need no re-reading; a page whose link named a missing page is read
    again when that page is added, and one whose link named a page that is removed."""
    if not settings_of(env).plain_markdown or not (added or removed):
        return []
    if not (env.found_docs - added - changed):
        return []  # every page is read anyway (a clean build)
    result: set[str] = set()
    pages = pages_by_folder(env)
    for docname in added | removed:
        result |= folder_neighbours(env, docname, pages)
    domain = get_domain(env)
    result |= {page for page, names in domain.missing_links.items() if names & added}
    result |= {page for page, names in domain.linked_pages.items() if names & removed}
    return sorted(result - added - removed - changed)


def _under_title(card: list[nodes.Node]) -> None:
    """Move ``card``'s nodes, written above the page's first heading, right under it."""
    parent = card[0].parent
    if not isinstance(parent, nodes.document):
        return
    following = parent[parent.index(card[-1]) + 1 :]
    section = next((n for n in following if isinstance(n, nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    for at, node in enumerate(card, start=1):
        parent.remove(node)
        section.insert(at, node)
