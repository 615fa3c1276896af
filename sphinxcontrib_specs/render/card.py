"""Write-time rendering of the placeholders: the metadata card and the page banner.

:class:`ResolveSpecs` runs on every builder, before Sphinx resolves references, and replaces::

    spec_node(spec_id) [abstract]     ->  container.specs-card
                                            table.specs-card-table       (render/tables.py)
                                              thead: entry.specs-card-heading spanning both columns
                                                     (two cells for writers that cannot span: man)
                                                     inline.specs-card-id, inline.specs-card-title
                                              tbody: row(label, value) per field that has a value
                                            container.specs-abstract [abstract]
    spec_banner(spec_id)              ->  admonition.specs-banner (or nothing)

Links to other specs are ``pending_xref`` nodes, so the domain resolves them for every builder.
The rows are built as data first (:meth:`CardBuilder.rows`, segments like the reports' cells);
HTML builders, while writing, get the table as one light node instead (:mod:`.lightcard`).
Everything is a standard docutils node except the badge classes, the checkbox and the progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.history import build_date, days_since
from ..core.model import HANDLE, URL_SCHEME, author_email
from ..i18n import _, card_label, fill
from ..read.roles import spec_xref
from .cells import (
    Badge,
    Group,
    Link,
    Progress,
    Ref,
    Segment,
    Span,
    Text,
    joined,
    status_class,
)
from .historycard import history_cell, history_segment
from .lightcard import light_card, writing
from .tables import Cell, build_table, supports_spanning

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..config import Settings
    from ..core.history import History
    from ..core.index import SpecIndex
    from ..core.model import IssueRef, SpecRecord
    from ..core.templates.model import Template
    from ..read.domain import SpecsDomain
    from ..read.nodes import spec_banner, spec_node


class CardBuilder:
    """Builds the card and the banner of one spec from the domain's records."""

    def __init__(self, spec: SpecRecord, index: SpecIndex, settings: Settings, docname: str):
        self.spec = spec
        self.index = index
        self.settings = settings
        self.docname = docname
        self.template: Template = settings.template(spec.template)
        #: The spec's status history from git (git/reader.py), when there is one.
        self.history: History | None = None
        self.html = True

    def xref(self, target: str, label: str | None = None) -> nodes.Node:
        """A link to a spec as a ``pending_xref`` (:class:`.cells.Linker`)."""
        return spec_xref(target, self.docname, label)

    def specs(self, targets: list[str]) -> list[nodes.Node]:
        """Links to specs as ``pending_xref`` nodes (the banner)."""
        result: list[nodes.Node] = []
        for target in targets:
            if result:
                result.append(nodes.Text(", "))
            result.append(self.xref(target))
        return result

    def spec_links(self, targets: list[str]) -> list[Segment]:
        return joined(Ref(t) for t in targets)

    def links(self, targets: list[str], kind: str) -> list[Segment]:
        """Links to specs, then to the web pages the option named instead (``web_links``),
        each shown by its address without the scheme."""
        pages = self.spec.web_links.get(kind, ())
        web = (Link("specs-web-link", URL_SCHEME.sub("", url), url) for url in pages)
        return joined([*(Ref(t) for t in targets), *web])

    def person(self, name: str, css: str) -> Segment:
        match = HANDLE.match(name)
        if match:
            return Link(css, name, self.settings.author_url.format(handle=match.group(1)))
        if (email := author_email(name)) is not None:
            # ``Ann Lee <ann@example.org>``: the name, linked to a mail to the address
            return Link(f"{css} specs-author-email", email[0], email[1])
        return Span(css, name)

    def authors(self) -> list[Segment]:
        people = joined(self.person(a, "specs-author") for a in self.spec.authors)
        note = self.spec.authors_note
        return [*people, Span("specs-authors-note", f" ({note})")] if note and people else people

    def approvers(self) -> list[Segment]:
        """Each approver with a mark: ``✓ @alice (2026-03-01)`` approved, ``@bob (requested)``;
        writers other than HTML get words, not a glyph a LaTeX font may lack."""
        parts: list[Segment] = []
        for approver in self.spec.approvers:
            state = "approved" if approver.date else "requested"
            part: list[Segment] = []
            if approver.date and self.html:
                part += [Span("specs-approval-mark", "✓"), Text(" ")]
            part.append(self.person(approver.name, "specs-author"))
            if approver.date and self.html:
                part.append(Text(f" ({approver.date})"))
            elif approver.date:
                part.append(Text(" " + _("(approved {date})").format(date=approver.date)))
            else:
                part.append(Text(" " + _("(requested)")))
            parts.append(Group(f"specs-approver specs-{state}", tuple(part)))
        return joined(parts)

    def issues(self, issues: list[IssueRef]) -> list[Segment]:
        return joined(Link("specs-issue", i.text, i.url) for i in issues)

    def rows(self) -> list[tuple[str, str, list[Segment]]]:
        """The card's rows as data (:mod:`.cells`): the HTML builders write them in one go
        (:mod:`.lightcard`), the others get their docutils nodes (:meth:`cell_nodes`)."""
        spec, label, specs, links = self.spec, self.label, self.spec_links, self.links
        reverse = self.index.reverse_links(spec.id)

        def text(value: str) -> list[Segment]:
            return [Text(value)] if value else []

        rows: list[tuple[str, str, list[Segment]]] = [
            ("status", label("status"), [Badge(spec.status), *self.status_note()]),
            ("authors", label("authors"), self.authors()),
            ("approvers", label("approvers"), self.approvers()),
            ("team", label("team"), text(spec.team or "")),
            ("since", label("since"), self.since()),
            ("created", label("created"), text(spec.created or self.from_git("created"))),
            ("updated", label("updated"), text(spec.updated or self.from_git("updated"))),
            ("issues", label("issues"), self.issues(spec.issues)),
            ("tags", label("tags"), text(", ".join(spec.tags))),
            ("supersedes", label("supersedes"), links(spec.supersedes, "supersedes")),
            (
                "superseded-by",
                label("superseded_by"),
                links(reverse["superseded_by"], "superseded_by"),
            ),
            ("depends-on", label("depends-on"), links(spec.depends_on, "depends_on")),
            ("needed-by", label("needed_by"), specs(reverse["needed_by"])),
            ("related", label("related"), links(reverse["related"], "related")),
            ("referenced-by", label("referenced_by"), specs(reverse["referenced_by"])),
        ]
        for name, extra in self.settings.fields.items():
            value: Any = spec.fields.get(name)
            cell: list[Segment]
            if extra.type == "spec":
                cell = specs(value or [])
            elif extra.type in ("issue", "link"):
                css = f"specs-{extra.type}"
                cell = joined(Link(css, v["text"], v["url"]) for v in value or [])
            elif extra.type == "list":
                cell = text(", ".join(value)) if value else []
            else:
                cell = text(str(value)) if value else []
            rows.append((f"field-{name}", extra.display, cell))
        done, total = spec.progress()
        if total:
            progress: list[Segment] = [Progress(done, total)]
            evidence = self.index.evidence
            if evidence.active:
                # of the ticked items: "3 of 4 done, 2 verified"
                done_ids = [
                    f"{spec.id}.{i.id}"
                    for i in spec.items.values()
                    if i.kind == "dod" and i.checked
                ]
                verified = evidence.counts(done_ids)["verified"]
                progress.append(Text(", " + _("{count} verified").format(count=verified)))
            rows.append(("progress", label("progress"), progress))
        history = self.history
        if history is not None and history.changes:
            block = history_segment(history) if self.html else history_cell(history)
            rows.append(("history", label("history"), [block]))
        return [
            (key, text, cell) for key, text, cell in rows if any(part.astext() for part in cell)
        ]

    def label(self, option: str) -> str:
        """The card label of an option, translated unless the user wrote it."""
        return card_label(self.template, option)

    def from_git(self, name: str) -> str:
        """``created`` or ``updated`` from the first or last commit (a given value wins)."""
        return (getattr(self.history, name, None) or "") if self.history else ""

    def status_note(self) -> list[Segment]:
        """What the status said beyond the status (``Implemented (v2.2)``: ``v2.2``)."""
        note = self.spec.status_note
        return [Span("specs-status-note", f" ({note})")] if note else []

    def since(self) -> list[Segment]:
        """``Under Review since 2026-03-02 (43 days)``, from the history."""
        if self.history is None or self.history.status_since is None or not self.spec.status:
            return []
        return [Span("specs-since", since_text(self.spec.status, self.history.status_since))]

    def card(
        self,
        abstract: list[nodes.Node],
        *,
        spanning: bool = True,
        table: nodes.Element | None = None,
    ) -> nodes.container:
        """The card around ``table`` (the HTML builders' light table) or a docutils table."""
        spec = self.spec
        card = nodes.container("", classes=["specs-card", status_class(spec.status)])
        card["specs_id"] = spec.id
        card += table if table is not None else self.table(spanning)
        if abstract:
            card += nodes.container("", *abstract, classes=["specs-abstract"])
        return card

    def table(self, spanning: bool) -> nodes.table:
        spec = self.spec
        heading = Cell(
            [
                nodes.inline(spec.id, spec.id, classes=["specs-card-id"]),
                nodes.Text(" "),
                nodes.inline(spec.title, spec.title, classes=["specs-card-title"]),
            ],
            classes=("specs-card-heading",),
            span=2,
        )
        rows = self.rows()
        return build_table(
            [heading],
            [
                [Cell(text, ("specs-label",)), Cell(self.cell_nodes(cell), ("specs-value",))]
                for _, text, cell in rows
            ],
            row_classes=[[f"specs-row-{key}"] for key, _, _ in rows],
            classes=["specs-card-table"],
            widths=[28, 72],
            spanning=spanning,
        )

    def cell_nodes(self, cell: list[Segment]) -> list[nodes.Node]:
        return [segment.node(self) for segment in cell]

    def banner(self) -> nodes.admonition | None:
        spec = self.spec
        successors = self.index.reverse_links(spec.id)["superseded_by"]
        pages = spec.web_links.get("superseded_by", [])  # a successor that is a web page
        inactive = spec.status is not None and self.template.is_inactive(spec.status)
        if not successors and not pages and not inactive:
            return None
        body = nodes.paragraph()
        if successors or pages:
            title_text = _("Superseded")
            message = _(
                "{id} is superseded by {successors}. Read that spec for the current design."
            )
            links = self.specs(successors)
            for url in pages:
                links += [nodes.Text(", ")] if links else []
                links += [Link("specs-web-link", URL_SCHEME.sub("", url), url).node(self)]
            body.extend(fill(message, id=spec.id, successors=links))
            if inactive:
                body.extend(fill(" " + _("Its status is {status}."), status=spec.status or ""))
        else:
            title_text = spec.status or ""
            message = _("{id} is {status}: it is not being worked on.")
            body.extend(fill(message, id=spec.id, status=spec.status or ""))
        kind = "superseded" if successors or pages else "inactive"
        return nodes.admonition(
            "",
            nodes.title(title_text, title_text),
            body,
            classes=["specs-banner", f"specs-banner-{kind}", status_class(spec.status)],
        )


def since_text(status: str, date: str) -> str:
    """``Under Review since 2026-03-02 (43 days)``, translated; days count to the build date."""
    days = days_since(date, build_date())
    if days is None:
        return _("{status} since {date}").format(status=status, date=date)
    if days == 1:
        return _("{status} since {date} (1 day)").format(status=status, date=date)
    return _("{status} since {date} ({days} days)").format(status=status, date=date, days=days)


def _own_spec(node: spec_node | spec_banner, domain: SpecsDomain) -> SpecRecord | None:
    """The spec a card or banner placeholder names, when its page owns the ID; None on the page
    of a duplicate ID (warned once per build), whose card and banner would show another page's
    spec (a banner of a doctree pickled before banners named their page: the owner's)."""
    found = domain.index.lookup(node["spec_id"])
    if found is None or found[0].docname != node.get("docname", found[0].docname):
        return None
    return found[0]


def render_card(node: spec_node, domain: SpecsDomain, docname: str, builder: Builder) -> None:
    """Replace a card placeholder (its heading spans the table where the writer can span)."""
    spec = _own_spec(node, domain)
    if spec is None:
        # A duplicate ID: keep the abstract, no card.
        node.replace_self(nodes.container("", *node.children, classes=["specs-duplicate"]))
        return
    card = CardBuilder(spec, domain.index, domain.settings, docname)
    card.history = domain.history.get(spec.id)
    card.html = builder.format == "html"
    table = light_card(card, domain, builder) if card.html and writing(builder) else None
    if table is not None:
        node.replace_self(card.card(list(node.children), table=table))
        return
    node.replace_self(card.card(list(node.children), spanning=supports_spanning(builder)))


def render_banner(node: spec_banner, domain: SpecsDomain, docname: str) -> None:
    """Replace a banner placeholder with the banner, or remove it (on the page of a duplicate
    ID too, as the card)."""
    spec = _own_spec(node, domain)
    banner = None
    if spec is not None:
        banner = CardBuilder(spec, domain.index, domain.settings, docname).banner()
    if banner is None:
        node.parent.remove(node)
    else:
        node.replace_self(banner)
