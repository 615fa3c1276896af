"""The read-phase transform that gives a page's spec and its items their IDs and anchors, once.

It runs after the parser's transforms and plain mode (:mod:`.plain.transform`, 870), before
Sphinx emits ``doctree-read`` (880), where the page collector (:mod:`.collector`) reads what it
set::

    before:  spec_node(spec_id, specs_options, specs_line)
             section > title, ...
             spec_items > bullet_list > list_item(specs_item, specs_explicit_id, specs_line)
    after:   target(refid=anchor) + spec_node(ids=[anchor], ..., docname, specs_anchor)
             section > title, spec_banner(spec_id), ...
             list_item(..., specs_id="SPEC-1.G1", specs_item_id="G1", specs_explicit, specs_anchor)
                 > paragraph > [checkbox] target(ids=[anchor]) inline.specs-item-id.no-search("G1")
                   text...

Items are numbered per kind prefix in document order; explicit IDs (``{#ID}``) are kept, and auto
IDs never take one that is written down later on the page. Relative ``{covers}`` targets (``G1``)
become full (``SPEC-1.G1``). On a spec folder's sub-page (no spec of its own, see
:mod:`.plain.transform`) the automatic IDs start with the page's name (:func:`part_prefix`) and
relative ``{covers}`` targets stay relative: the index names the folder's spec
(``SpecIndex.full_target``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.ids import full_target
from ..core.model import ITEM_ID
from ..warnings_ import SpecsWarning, warn
from .domain import get_domain
from .nodes import (
    adopt,
    covers_markers,
    find_all,
    spec_banner,
    spec_checkbox,
    spec_covers,
    spec_items,
    spec_node,
    unique_anchor,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..config import Settings


class NumberSpecs(SphinxTransform):
    """Anchor the page's spec, add its banner placeholder, number and anchor its items."""

    default_priority = 875  # after plain mode (870), before DoctreeReadEvent (880)

    def apply(self, **kwargs: Any) -> None:
        found = find_all(self.document, (spec_items, spec_node))  # one walk for both
        item_lists = [node for node in found if isinstance(node, spec_items)]
        spec_nodes = [node for node in found if isinstance(node, spec_node)]
        spec = next((node for node in spec_nodes if node["spec_id"]), None)  # page_spec()
        self.drop_other_specs(spec, spec_nodes)
        if spec is None and self.document.get("specs_part_of"):
            # a spec folder's sub-page: its items carry the page's name (see part_prefix)
            settings = get_domain(self.env).settings
            self.number_items(None, item_lists, settings, part_prefix(self.env.docname))
            return
        if spec is None:
            for container in item_lists:
                self.warn(
                    SpecsWarning.ID,
                    "tracked items outside a spec get no ID; add a spec directive to this page",
                    container.line,
                )
            return
        spec_id: str = spec["spec_id"]
        anchor = unique_anchor(self.document, spec_id)
        # what docutils' PropagateTargets (260, long done) makes of a target before the node
        spec["ids"].append(anchor)
        self.document.ids[anchor] = spec
        target = nodes.target("", "", refid=anchor)
        spec.parent.insert(spec.parent.index(spec), target)
        spec["docname"] = self.env.docname
        spec["specs_anchor"] = anchor
        self.add_banner(spec_id)
        self.number_items(spec_id, item_lists, get_domain(self.env).settings)
        # the lists were parsed inside detached containers: without this, Sphinx replacing each
        # {covers} link at write time walks up every ancestor, several times per link
        for container in item_lists:
            adopt(container, self.document)

    def warn(self, kind: SpecsWarning, message: str, line: int | None) -> None:
        warn(kind, message, location=(self.env.docname, line))

    def drop_other_specs(self, spec: spec_node | None, spec_nodes: list[spec_node]) -> None:
        """A page holds one spec, its first with an ID: the other spec nodes (``spec_nodes``
        are the page's) are reported and removed (before the page's spec, one without an ID;
        after it, any)."""
        seen = False
        for node in spec_nodes:
            if node is spec:
                seen = True
                continue
            spec_id, line = node["spec_id"], node["specs_line"]
            if spec is not None and seen:
                self.warn(
                    SpecsWarning.META,
                    f"a second spec directive on this page ({spec_id or 'no ID'}); a page holds "
                    f"one spec, and this one is ignored ({spec['spec_id']} is the page's spec, "
                    f"line {spec['specs_line']})",
                    line,
                )
            else:
                self.warn(
                    SpecsWarning.ID,
                    "the spec directive needs an ID as its argument, e.g. ```{spec} SPEC-0001```",
                    line,
                )
            node.parent.remove(node)

    def add_banner(self, spec_id: str) -> None:
        banner = spec_banner("", spec_id=spec_id, docname=self.env.docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, banner)
        else:
            self.document.insert(0, banner)

    def number_items(
        self,
        spec_id: str | None,
        item_lists: list[spec_items],
        settings: Settings,
        page_prefix: str = "",
    ) -> None:
        counters: dict[str, int] = {}
        taken: dict[str, int | None] = {}  # item ID -> line of the item that has it
        marked: list[tuple[str, nodes.list_item]] = []
        covers = False  # any {covers} in the lists: each item's are made full targets
        for container in item_lists:
            for node in find_all(container, (nodes.list_item, spec_covers)):
                if isinstance(node, spec_covers):
                    covers = True
                elif isinstance(node, nodes.list_item) and (
                    node.get("specs_item") or node.get("specs_not_applicable")
                ):
                    marked.append((container["specs_kind"], node))
        # Explicit IDs first, so an auto ID never takes one that is written down later.
        written = {item["specs_explicit_id"] for _, item in marked if item.get("specs_explicit_id")}
        for kind_name, item in marked:
            kind = settings.kind(kind_name)
            prefix = kind.prefix if kind else kind_name.upper()
            line = item.get("specs_line")
            item_id = item.get("specs_explicit_id", "")
            explicit = bool(item_id)
            if explicit and not ITEM_ID.match(item_id):
                self.warn(
                    SpecsWarning.ID,
                    f"item ID {item_id!r} is not a valid ID (letters, digits, '-' and '_', "
                    "starting with a letter); an automatic ID is used",
                    line,
                )
                explicit = False
            if explicit and item_id in taken:
                self.warn(
                    SpecsWarning.ID,
                    f"item ID {f'{spec_id}.' if spec_id else ''}{item_id} is used twice in this "
                    f"spec (first at line {taken[item_id]}); an automatic ID is used",
                    line,
                )
                explicit = False
            if not explicit:
                while True:
                    counters[prefix] = counters.get(prefix, 0) + 1
                    item_id = f"{page_prefix}{prefix}{counters[prefix]}"
                    if item_id not in written and item_id not in taken:
                        break
            taken[item_id] = line
            if item.get("specs_item"):  # a box marked [n/a] only keeps its number
                self.anchor_item(spec_id, item, item_id, explicit, settings, covers)

    def anchor_item(
        self,
        spec_id: str | None,
        item: nodes.list_item,
        item_id: str,
        explicit: bool,
        settings: Settings,
        covers: bool = True,
    ) -> None:
        full_id = f"{spec_id}.{item_id}" if spec_id else item_id
        anchor = unique_anchor(self.document, full_id)
        target = nodes.target("", "", ids=[anchor])
        self.document.note_explicit_target(target)
        # "no-search": every spec has a G1; the label's words would only make the search index
        # bigger (Sphinx 8.2 and later skip the class; the ID stays in the item's anchor)
        label = nodes.inline(item_id, item_id, classes=["specs-item-id", "no-search"])
        paragraph = item.children[0] if item.children else None
        if isinstance(paragraph, nodes.paragraph):
            at = 2 if paragraph.children and isinstance(paragraph[0], spec_checkbox) else 0
            paragraph[at:at] = [target, label, nodes.Text(" ")]
        else:
            item.insert(0, nodes.paragraph("", "", target, label))
        item["specs_id"] = full_id
        item["specs_item_id"] = item_id
        item["specs_explicit"] = explicit
        item["specs_anchor"] = anchor
        item["specs_docname"] = self.env.docname  # a sub-page's relative ID is resolved by it
        if spec_id and covers:
            for marker in covers_markers(item):
                marker["specs_targets"] = [
                    full_target(t, spec_id, settings.id_pattern.match)
                    for t in marker["specs_targets"]
                ]


def part_prefix(docname: str) -> str:
    """The prefix of the automatic item IDs of a spec folder's sub-page: its file name without a
    leading number, then ``-`` (``0042-backups/alternatives`` -> ``alternatives-``, so its first
    goal is ``SPEC-0042.alternatives-G1``). Items are numbered per page, so editing one page never
    renumbers the items of another, and links to them stay put."""
    stem = re.sub(r"^[\d]+[-_. ]*", "", docname.rsplit("/", 1)[-1])
    name = re.sub(r"[^A-Za-z0-9_]+", "-", stem).strip("-_")
    if not name or not name[0].isalpha():
        name = f"p{name}" if name else "page"
    return f"{name}-"


def setup_numbering(app: Sphinx) -> None:
    app.add_transform(NumberSpecs)
