"""The page collector: once a page is read (``doctree-read``), complete its spec record.

It numbers the tracked items in document order, gives them anchors and ID labels, records their
text, checkbox, ``covers`` and issues; it records the page's headings and ``{spec}`` references;
it adds the banner placeholder under the page title; and it runs the checks that need the whole page
but no other page: required sections, placeholder text, Definition of Done against the status.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .core.model import ITEM_ID, IssueRef, ItemRecord, RefRecord, SpecRecord
from .core.templates import Heading, find_placeholders, missing_sections
from .domain import get_domain
from .nodes import spec_banner, spec_checkbox, spec_items, spec_node, unique_anchor
from .warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import Settings
    from .core.templates import Template

#: Where placeholder text is allowed: code, raw markup, comments.
_VERBATIM = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.doctest_block)


def _is_covers(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and "specs_covers" in node


def _headings(doctree: nodes.document) -> tuple[str, list[Heading]]:
    """The page title and the headings below it, with their depth and parent."""
    headings: list[Heading] = []
    title = ""
    top = [s for s in doctree.children if isinstance(s, nodes.section)]
    skip_title = len(top) == 1

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
    """The item's own text: without its checkbox, its {covers} links and nested lists."""
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        for child in node.children if isinstance(node, nodes.Element) else ():
            if isinstance(child, nodes.Text):
                parts.append(str(child))
            elif not (
                isinstance(child, spec_checkbox | nodes.bullet_list | nodes.enumerated_list)
                or _is_covers(child)
            ):
                walk(child)
            if isinstance(child, nodes.paragraph | nodes.bullet_list):
                parts.append(" ")

    walk(item)
    return " ".join("".join(parts).split())


class PageCollector:
    """Collects and checks one page, right after it is read."""

    def __init__(self, app: Sphinx, doctree: nodes.document) -> None:
        self.env = app.env
        self.docname = app.env.docname
        self.doctree = doctree
        self.domain = get_domain(app.env)
        self.settings: Settings = self.domain.settings

    def warn(self, kind: SpecsWarning, message: str, line: int | None) -> None:
        warn(kind, message, location=(self.docname, line))

    def scan(self) -> tuple[list[spec_items], list[addnodes.pending_xref], list[nodes.TextElement]]:
        """One walk over the page: its item lists, its specs references, its text blocks."""
        item_lists: list[spec_items] = []
        xrefs: list[addnodes.pending_xref] = []
        texts: list[nodes.TextElement] = []
        for node in self.doctree.findall(nodes.Element):
            if isinstance(node, addnodes.pending_xref):
                if node.get("refdomain") == "specs":
                    xrefs.append(node)
            elif isinstance(node, nodes.TextElement):
                if not isinstance(node.parent, nodes.TextElement) and not isinstance(
                    node, _VERBATIM
                ):
                    texts.append(node)
            elif isinstance(node, spec_items):
                item_lists.append(node)
        return item_lists, xrefs, texts

    def run(self) -> None:
        doc = self.domain.docs.get(self.docname)
        spec = doc.spec if doc is not None else None
        item_lists, xrefs, texts = self.scan()
        if spec is None:
            for container in item_lists:
                self.warn(
                    SpecsWarning.ID,
                    "tracked items outside a spec get no ID; add a spec directive to this page",
                    container.line,
                )
        else:
            self.collect_items(spec, item_lists)
        refs = self.collect_refs(xrefs)
        if refs:
            self.domain.doc(self.docname).refs = refs
        if spec is None:
            return
        template = self.settings.template(spec.template)
        title, headings = _headings(self.doctree)
        spec.title = spec.title or title or spec.id
        spec.sections = [h.title for h in headings]
        self.add_banner(spec)
        for missing in missing_sections(template, headings):
            self.warn(
                SpecsWarning.SECTION,
                f"spec {spec.id} lacks the section {missing!r} that the {template.name} "
                "template requires",
                spec.lineno,
            )
        self.check_placeholders(template, texts)
        self.check_done(spec, template)

    # -- items -------------------------------------------------------------------------------------

    def collect_items(self, spec: SpecRecord, item_lists: list[spec_items]) -> None:
        counters: dict[str, int] = {}
        used: set[str] = set()
        explicit_lines: dict[str, int | None] = {}
        marked = [
            (container["specs_kind"], item)
            for container in item_lists
            for item in container.findall(nodes.list_item)
            if item.get("specs_item")
        ]
        # Explicit IDs first, so an auto ID never takes one that is written down later.
        for _, item in marked:
            explicit = item["specs_explicit_id"]
            if explicit:
                used.add(explicit)
        for kind_name, item in marked:
            kind = self.settings.kind(kind_name)
            prefix = kind.prefix if kind else kind_name.upper()
            line = item.get("specs_line")
            item_id = item["specs_explicit_id"]
            explicit = bool(item_id)
            if explicit and not ITEM_ID.match(item_id):
                self.warn(
                    SpecsWarning.ID,
                    f"item ID {item_id!r} is not a valid ID (letters, digits, '-' and '_', "
                    "starting with a letter); an automatic ID is used",
                    line,
                )
                explicit = False
            if explicit and item_id in spec.items:
                self.warn(
                    SpecsWarning.ID,
                    f"item ID {spec.id}.{item_id} is used twice in this spec (first at line "
                    f"{explicit_lines.get(item_id)}); an automatic ID is used",
                    line,
                )
                explicit = False
            if not explicit:
                while True:
                    counters[prefix] = counters.get(prefix, 0) + 1
                    item_id = f"{prefix}{counters[prefix]}"
                    if item_id not in used and item_id not in spec.items:
                        break
            explicit_lines[item_id] = line
            spec.items[item_id] = self.make_item(spec, item, kind_name, item_id, explicit, line)

    def make_item(
        self,
        spec: SpecRecord,
        item: nodes.list_item,
        kind: str,
        item_id: str,
        explicit: bool,
        line: int | None,
    ) -> ItemRecord:
        full_id = f"{spec.id}.{item_id}"
        text = _item_text(item)
        anchor = unique_anchor(self.doctree, full_id)
        target = nodes.target("", "", ids=[anchor])
        self.doctree.note_explicit_target(target)
        label = nodes.inline(item_id, item_id, classes=["specs-item-id"])
        paragraph = item.children[0] if item.children else None
        if isinstance(paragraph, nodes.paragraph):
            at = 2 if paragraph.children and isinstance(paragraph[0], spec_checkbox) else 0
            paragraph[at:at] = [target, label, nodes.Text(" ")]
        else:
            item.insert(0, nodes.paragraph("", "", target, label))
        item["specs_id"] = full_id

        record = ItemRecord(
            id=item_id,
            kind=kind,
            text=text,
            checked=item.get("specs_checked"),
            lineno=line,
            anchor=anchor,
            explicit=explicit,
        )
        for marker in item.findall(_is_covers):
            if marker.parent is None:
                continue
            for xref in marker.findall(addnodes.pending_xref):
                target_id = xref["reftarget"]
                if "." not in target_id and not self.settings.id_pattern.match(target_id):
                    target_id = f"{spec.id}.{target_id}"
                xref["reftarget"] = target_id
                if target_id not in record.covers:
                    record.covers.append(target_id)
        for ref in item.findall(nodes.reference):
            if "specs_issue" in ref:
                record.issues.append(IssueRef(ref["specs_issue"], ref["specs_issue_url"]))
        return record

    # -- references --------------------------------------------------------------------------------

    def collect_refs(self, xrefs: list[addnodes.pending_xref]) -> list[RefRecord]:
        refs: list[RefRecord] = []
        for xref in xrefs:
            parent = xref.parent
            if parent is not None and _is_covers(parent):
                in_item = any(
                    isinstance(a, nodes.list_item) and a.get("specs_item")
                    for a in _ancestors(parent)
                )
                if not in_item:
                    self.warn(
                        SpecsWarning.REF,
                        "{covers} only counts inside a tracked item (a bullet of goals, "
                        "definition-of-done, ...); this one records nothing",
                        parent.get("specs_line"),
                    )
                    continue
                via, line = "covers", parent.get("specs_line")
            else:
                via, line = "spec", xref.get("specs_line") or xref.line
            refs.append(RefRecord(target=xref["reftarget"], lineno=line, via=via))
        return refs

    # -- banner ------------------------------------------------------------------------------------

    def add_banner(self, spec: SpecRecord) -> None:
        banner = spec_banner("", spec_id=spec.id)
        section = next(iter(self.doctree.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, banner)
        else:
            self.doctree.insert(0, banner)

    # -- checks ------------------------------------------------------------------------------------

    def check_placeholders(self, template: Template, texts: list[nodes.TextElement]) -> None:
        for node in texts:
            # most text has no placeholder: look closer only when the whole text has one
            if not find_placeholders(template, node.astext()):
                continue
            if any(isinstance(a, (*_VERBATIM, spec_node)) for a in _ancestors(node)):
                continue
            text = " ".join(
                str(t)
                for t in node.findall(nodes.Text)
                if not any(isinstance(a, _VERBATIM) for a in _ancestors(t, stop=node))
            )
            markers = find_placeholders(template, text)
            line = self.title_line(node) if isinstance(node, nodes.title) else None
            for marker in markers:
                self.warn(
                    SpecsWarning.PLACEHOLDER,
                    f"template placeholder {marker!r} left in",
                    line or node.line or _line_of(node),
                )

    def title_line(self, title: nodes.title) -> int | None:
        """The line of a heading's text (docutils gives a reStructuredText title the line of its
        underline); only looked up when a title has a problem to report."""
        line = title.line
        if not line or not str(title.source or "").endswith(".rst"):
            return line
        try:
            source = Path(str(title.source)).read_text(encoding="utf-8").splitlines()
        except OSError:
            return line
        text = title.astext().strip()
        for candidate in range(line, max(line - 3, 0), -1):
            if candidate <= len(source) and source[candidate - 1].strip() == text:
                return candidate
        return line

    def check_done(self, spec: SpecRecord, template: Template) -> None:
        if spec.status is None or not template.is_done(spec.status):
            return
        still_open = [i.id for i in spec.items.values() if i.kind == "dod" and not i.checked]
        if still_open:
            self.warn(
                SpecsWarning.DOD,
                f"spec {spec.id} is {spec.status} but its Definition-of-Done items "
                f"{', '.join(still_open)} are open; tick them or change the status",
                spec.lineno,
            )


def _ancestors(node: nodes.Node, stop: nodes.Node | None = None) -> list[nodes.Node]:
    result = []
    parent = node.parent
    while parent is not None and parent is not stop:
        result.append(parent)
        parent = parent.parent
    return result


def _line_of(node: nodes.Node) -> int | None:
    for ancestor in _ancestors(node):
        if ancestor.line:
            return ancestor.line
    return None


def collect_page(app: Sphinx, doctree: nodes.document) -> None:
    PageCollector(app, doctree).run()


def setup_collect(app: Sphinx) -> None:
    # 400: before the sphinx-needs bridge (450) and sphinx-needs' own doctree-read (500)
    app.connect("doctree-read", collect_page, priority=400)
