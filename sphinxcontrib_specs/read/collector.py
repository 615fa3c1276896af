"""The page collector: the one producer of records.

Once a page is read (``doctree-read``), :func:`process_doc` walks its doctree and makes the
page's :class:`~sphinxcontrib_specs.core.model.DocRecord`: the spec from its
:func:`~.nodes.pending_spec` (options parsed by :mod:`.records`), the items the
numbering transform (:mod:`.numbering`) gave IDs and anchors, the page's headings and ``{spec}`` /
``{covers}`` references, and its reports from their ``spec_report`` placeholders. It runs the
checks that need the whole page but no other page: the spec ID, required sections,
placeholder text (the status gates, Definition of Done among them, are checked from the index
in :mod:`.checks`). It changes nothing in the doctree.

The records are stored in the domain (``env.domaindata["specs"]``), which clears and merges them
per document. Then it emits ``specs-page-collected`` (``app, docname, doc, doctree``), as
``todo.py`` lets others follow its nodes: the sphinx-needs bridge listens to it
(:mod:`..integrations.needs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from ..core.model import (
    DocRecord,
    Heading,
    IssueRef,
    ItemRecord,
    RefRecord,
    ReportRecord,
    SpecRecord,
)
from ..core.templates.gates import not_required
from ..core.templates.sections import (
    find_placeholders,
    locate_placeholders,
    section_problems,
)
from ..warnings_ import SpecsWarning, file_line, included, warn
from .domain import get_domain
from .nodes import (
    VERBATIM,
    find_all,
    is_covers,
    option_lines,
    spec_checkbox,
    spec_covers,
    spec_items,
    spec_node,
    spec_report,
)
from .pagetext import ancestors, checked_text, line_of, row_line, title_line
from .records import SpecOptions

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..config import Settings
    from ..core.templates.model import Template


def _headings(doctree: nodes.document) -> tuple[str, list[Heading]]:
    """The page title and the headings below it, with their depth and parent."""
    headings: list[Heading] = []
    title = ""
    top = [s for s in doctree.children if isinstance(s, nodes.section)]
    # a plain spec whose first heading is a section of its template has no title heading
    skip_title = len(top) == 1 and not doctree.get("specs_untitled")

    def walk(node: nodes.Element, depth: int, parent: int | None) -> None:
        nonlocal title
        for child in node.children:
            if not isinstance(child, nodes.section):
                continue
            text = child[0].astext() if child.children and isinstance(child[0], nodes.title) else ""
            if skip_title and child is top[0]:
                title = text
                walk(child, depth, parent)
                continue
            if not title and depth == 0:
                title = text
            headings.append(Heading(text, depth, parent, child.line))
            walk(child, depth + 1, len(headings) - 1)

    walk(doctree, 0, None)
    return title, headings


def _item_text(item: nodes.list_item) -> str:
    """The item's own text: without its checkbox, ID label, {covers} links and nested lists."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        for child in node.children if isinstance(node, nodes.Element) else ():
            if isinstance(child, nodes.Text):
                parts.append(str(child))
            elif not (
                isinstance(child, spec_checkbox | nodes.bullet_list | nodes.enumerated_list)
                or is_covers(child)
                or (isinstance(child, nodes.inline) and "specs-item-id" in child["classes"])
            ):
                walk(child)
            if isinstance(child, nodes.paragraph | nodes.bullet_list):
                parts.append(" ")

    walk(item)
    return " ".join("".join(parts).split())


class PageCollector:
    """Makes and checks the records of one page, right after it is read."""

    def __init__(self, env: BuildEnvironment, doctree: nodes.document) -> None:
        self.docname = env.docname
        self.path = str(env.doc2path(env.docname))
        self.srcdir = str(env.srcdir)
        self.doctree = doctree
        self.settings: Settings = get_domain(env).settings

    def warn(
        self,
        kind: SpecsWarning,
        message: str,
        line: int | None,
        node: nodes.Node | None = None,
        source: str | None = None,
    ) -> None:
        """Warn at ``line`` of the page, of ``source`` (a plain spec's metadata file), or of
        the file ``node`` comes from when that is another (a MyST ``{include}``d snippet: its
        own file and line, as Sphinx's warnings)."""
        source = source or included(node, self.path)
        warn(kind, message, location=file_line(source, line) if source else (self.docname, line))

    def collect(self) -> DocRecord:
        """The page's record, made once from the doctree."""
        spec_nodes: list[spec_node] = []
        items: list[nodes.list_item] = []
        xrefs: list[addnodes.pending_xref | spec_covers] = []
        texts: list[nodes.TextElement] = []
        reports: list[ReportRecord] = []
        linked = False  # a {covers} or issue link on the page: items are searched for theirs
        for node in find_all(self.doctree, nodes.Element):
            if isinstance(node, addnodes.pending_xref):
                if node.get("refdomain") == "specs":
                    xrefs.append(node)
            elif isinstance(node, spec_covers):
                xrefs.append(node)
                linked = True
            elif isinstance(node, nodes.TextElement):
                if isinstance(node, nodes.reference) and "specs_issue" in node:
                    linked = True
                if not isinstance(node.parent, nodes.TextElement) and not isinstance(
                    node, VERBATIM
                ):
                    texts.append(node)
            elif isinstance(node, spec_node):
                spec_nodes.append(node)
            elif isinstance(node, nodes.list_item) and node.get("specs_id"):
                items.append(node)
            elif isinstance(node, spec_report):
                options = node["options"]
                reports.append(
                    ReportRecord(node["report"], tuple(sorted(options.items())), node.line)
                )
        # the numbering transform kept the page's spec node only (and warned about the others)
        made = self.spec_values(spec_nodes[0]) if spec_nodes else None
        refs = self.collect_refs(xrefs)
        item_records = {i["specs_item_id"]: self.make_item(i, linked) for i in items}
        if made is None:
            part_of = self.doctree.get("specs_part_of")
            if part_of:  # a spec folder's sub-page: the index joins it to the folder's spec
                headings = _headings(self.doctree)[1]
                return DocRecord(
                    refs=refs,
                    reports=reports,
                    part_of=part_of,
                    items=item_records,
                    headings=headings,
                )
            return DocRecord(refs=refs, reports=reports)
        values, template = made
        title, headings = _headings(self.doctree)
        values["title"] = values["title"] or title or values["id"]
        spec = SpecRecord(items=item_records, sections=[h.title for h in headings], **values)
        if self.doctree.get("specs_folder"):
            # sections and items may live in sub-pages: checked with them (checks.py)
            self.check_placeholders(template, texts)
            return DocRecord(spec=spec, refs=refs, reports=reports, headings=headings)
        skip = not_required(template, spec.status)
        for message, heading in section_problems(spec.id, template, headings, skip):
            line = heading.line if heading is not None else None
            self.warn(SpecsWarning.SECTION, message, line or spec.lineno)
        self.check_placeholders(template, texts)
        return DocRecord(spec=spec, refs=refs, reports=reports)

    def spec_values(self, node: spec_node) -> tuple[dict[str, Any], Template]:
        """The values of the page's spec record (all but its items and sections, which the
        page gives) from its spec node, and its template; each problem warned at its line."""
        spec_id: str = node["spec_id"]
        line: int | None = node["specs_line"]
        pattern = self.settings.id_pattern
        if not pattern.match(spec_id):
            self.warn(
                SpecsWarning.ID,
                f"spec ID {spec_id!r} does not match specs_id_pattern {pattern.pattern!r}",
                line,
                node,
            )
        lines = option_lines(node, self.srcdir)

        def warn_option(kind: SpecsWarning, message: str, *, option: str | None = None) -> None:
            source, at = lines.get(option or "", (None, line))  # a metadata file's: its own
            self.warn(kind, message, at, node, source)

        values, template = SpecOptions(self.settings, warn_option).parse(
            spec_id, node["specs_options"]
        )
        values.update(id=spec_id, docname=self.docname, lineno=line, anchor=node["specs_anchor"])
        values["option_lines"] = lines
        values["abstract"] = " ".join(
            " ".join(p.astext().split()) for p in node.findall(nodes.paragraph)
        )
        texts = node.findall(nodes.TextElement)
        outermost = [t for t in texts if not isinstance(t.parent, nodes.TextElement)]
        self.check_placeholders(template, outermost, abstract=True)
        return values, template

    # -- items and references ----------------------------------------------------------------------

    def make_item(self, item: nodes.list_item, linked: bool = True) -> ItemRecord:
        """The item's record; its ``{covers}`` and issue links are looked for when the page has
        any (``linked``)."""
        container = item.parent
        while not isinstance(container, spec_items):
            container = container.parent
        covers: list[str] = []
        issues: list[IssueRef] = []
        for node in find_all(item, (spec_covers, nodes.reference)) if linked else ():
            if isinstance(node, spec_covers):
                covers += node["specs_targets"]
            elif "specs_issue" in node:
                issues.append(IssueRef(node["specs_issue"], node["specs_issue_url"]))
        return ItemRecord(
            id=item["specs_item_id"],
            kind=container["specs_kind"],
            text=_item_text(item),
            checked=item.get("specs_checked"),
            lineno=item.get("specs_line"),
            anchor=item["specs_anchor"],
            explicit=item["specs_explicit"],
            covers=list(dict.fromkeys(covers)),
            issues=issues,
        )

    def collect_refs(self, xrefs: list[addnodes.pending_xref | spec_covers]) -> list[RefRecord]:
        """The page's links in the order they stand: ``{spec}`` links, and the targets of each
        ``{covers}`` inside a tracked item."""
        refs: list[RefRecord] = []
        for xref in xrefs:
            if isinstance(xref, spec_covers):
                targets, line = xref["specs_targets"], xref.get("specs_line")
                if not targets:
                    continue  # the role warned
                if not any(
                    isinstance(a, nodes.list_item) and a.get("specs_item") for a in ancestors(xref)
                ):
                    self.warn(
                        SpecsWarning.REF,
                        "{covers} only counts inside a tracked item (a bullet of goals, "
                        "definition-of-done, ...); this one records nothing",
                        line,
                        xref,
                    )
                    continue
                source = included(xref, self.path)
                refs += (RefRecord(t, line, "covers", source) for t in targets)
            else:
                line = xref.get("specs_line") or xref.line
                source = included(xref, self.path)
                refs.append(RefRecord(xref["reftarget"], line, "spec", source))
        return refs

    # -- checks ------------------------------------------------------------------------------------

    def check_placeholders(
        self, template: Template, texts: list[nodes.TextElement], abstract: bool = False
    ) -> None:
        """Warns the placeholders left in ``texts`` (the outermost text elements of the page, or
        of its spec's ``abstract``), each at its own line: its text's plus the breaks before it."""
        checked = [checked_text(node) for node in texts]
        # Most pages have none: one search over the page's text first. The template's markers
        # and the generic rule match within a text, so nothing is missed; a user pattern may be
        # anchored (``^TODO``), so with one, each text is searched.
        if not (template.placeholder_patterns or find_placeholders(template, "\n".join(checked))):
            return
        skip = VERBATIM if abstract else (*VERBATIM, spec_node)
        for node, text in zip(texts, checked, strict=True):
            # most text has no placeholder: look closer only when the whole text has one
            if not find_placeholders(template, text):
                continue
            above = ancestors(node)
            if any(isinstance(a, skip) for a in above):
                continue
            # in a table cell only the template's own placeholders are
            in_cell = any(isinstance(a, nodes.entry) for a in above)
            title = title_line(node) if isinstance(node, nodes.title) else None
            line = title or (in_cell and row_line(above)) or node.line or line_of(node)
            for marker, offset in locate_placeholders(template, text, generic=not in_cell):
                at = line and line + text.count("\n", 0, offset)
                message = f"template placeholder {marker!r} left in"
                self.warn(SpecsWarning.PLACEHOLDER, message, at, node)


def process_doc(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``: the page's records into the domain (which drops and merges them per
    document, so nothing else is kept), then ``specs-page-collected`` for whoever listens."""
    env = app.env
    doc = PageCollector(env, doctree).collect()
    get_domain(env).set_doc(env.docname, doc)
    app.emit("specs-page-collected", env.docname, doc, doctree)


def title_from_metadata(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``, after Sphinx's title collector (500): a plain spec page whose spec
    takes its title from its metadata (a PEP's header block, an EIP's front matter; its first
    heading, "Abstract" or "What is an EIP?", is a section of it) is titled by its spec,
    ``PEP-0008: Style Guide for Python Code``, in the browser, the next and previous links and
    the search results, not by that section."""
    env = app.env
    if not (doctree.get("specs_untitled") or doctree.get("specs_titled")):
        return
    record = get_domain(env).docs.get(env.docname)
    spec = record.spec if record is not None else None
    if spec is None:
        return  # a page of a spec folder: its own heading is its title
    text = f"{spec.id}: {spec.title}" if spec.title else spec.id
    env.titles[env.docname] = nodes.title(text, text)
    env.longtitles[env.docname] = nodes.title(text, text)


def setup_collector(app: Sphinx) -> None:
    app.add_event("specs-page-collected")
    # sphinx-needs analyses the needs of a page at doctree-read (500): the bridge must have added
    # them before, so the records are made first.
    app.connect("doctree-read", process_doc, priority=400)
    app.connect("doctree-read", title_from_metadata, priority=600)
