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
Everything is a standard docutils node except the badge classes, the checkbox and the progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.history import build_date, days_since
from ..core.model import HANDLE, author_email, is_safe_url
from ..githistory import history_of
from ..i18n import _, card_label, fill
from ..nodes import spec_banner, spec_node, spec_progress
from ..roles import spec_xref
from .historycard import history_cell
from .tables import Cell, build_table, status_class, supports_spanning

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..config import Settings
    from ..core.history import History
    from ..core.index import SpecIndex
    from ..core.model import IssueRef, SpecRecord
    from ..core.templates import Template
    from ..domain import SpecsDomain


def badge(status: str | None) -> nodes.inline:
    text = status or _("No status")
    return nodes.inline(text, text, classes=["specs-badge", status_class(status)])


def link(text: str, url: str | None, classes: list[str]) -> nodes.Node:
    if url and is_safe_url(url):
        return nodes.reference(text, text, refuri=url, classes=classes)
    return nodes.inline(text, text, classes=classes)


def joined(parts: list[nodes.Node]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            result.append(nodes.Text(", "))
        result.append(part)
    return result


def progress(done: int, total: int) -> spec_progress:
    text = _("{done} of {total} done").format(done=done, total=total)
    return spec_progress("", nodes.Text(text), done=done, total=total, classes=["specs-progress"])


class CardBuilder:
    """Builds the card and the banner of one spec from the domain's records."""

    def __init__(self, spec: SpecRecord, index: SpecIndex, settings: Settings, docname: str):
        self.spec = spec
        self.index = index
        self.settings = settings
        self.docname = docname
        self.template: Template = settings.template(spec.template)
        #: The spec's status history from git (githistory.py), when there is one.
        self.history: History | None = None
        self.html = True

    def specs(self, targets: list[str]) -> list[nodes.Node]:
        return joined([spec_xref(t, self.docname) for t in targets])

    def person(self, name: str, css: str) -> nodes.Node:
        match = HANDLE.match(name)
        if match:
            return link(name, self.settings.author_url.format(handle=match.group(1)), [css])
        if (email := author_email(name)) is not None:
            # ``Ann Lee <ann@example.org>``: the name, linked to a mail to the address
            return link(email[0], email[1], [css, "specs-author-email"])
        return nodes.inline(name, name, classes=[css])

    def authors(self) -> list[nodes.Node]:
        return joined([self.person(author, "specs-author") for author in self.spec.authors])

    def approvers(self) -> list[nodes.Node]:
        """Each approver with a mark: ``✓ @alice (2026-03-01)`` approved, ``@bob (requested)``;
        writers other than HTML get words, not a glyph a LaTeX font may lack."""
        parts: list[nodes.Node] = []
        for approver in self.spec.approvers:
            state = "approved" if approver.date else "requested"
            part = nodes.inline("", classes=["specs-approver", f"specs-{state}"])
            if approver.date and self.html:
                part += nodes.inline("✓", "✓", classes=["specs-approval-mark"])
                part += nodes.Text(" ")
            part += self.person(approver.name, "specs-author")
            if approver.date and self.html:
                part += nodes.Text(f" ({approver.date})")
            elif approver.date:
                part += nodes.Text(" " + _("(approved {date})").format(date=approver.date))
            else:
                part += nodes.Text(" " + _("(requested)"))
            parts.append(part)
        return joined(parts)

    def issues(self, issues: list[IssueRef]) -> list[nodes.Node]:
        return joined([link(i.text, i.url, ["specs-issue"]) for i in issues])

    def rows(self) -> list[tuple[str, str, list[nodes.Node]]]:
        spec, label = self.spec, self.label
        reverse = self.index.reverse_links(spec.id)
        rows: list[tuple[str, str, list[nodes.Node]]] = [
            ("status", label("status"), [badge(spec.status)]),
            ("authors", label("authors"), self.authors()),
            ("approvers", label("approvers"), self.approvers()),
            ("team", label("team"), [nodes.Text(spec.team)] if spec.team else []),
            ("since", label("since"), self.since()),
            ("created", label("created"), [nodes.Text(spec.created or self.from_git("created"))]),
            ("updated", label("updated"), [nodes.Text(spec.updated or self.from_git("updated"))]),
            ("issues", label("issues"), self.issues(spec.issues)),
            ("tags", label("tags"), [nodes.Text(", ".join(spec.tags))] if spec.tags else []),
            ("supersedes", label("supersedes"), self.specs(spec.supersedes)),
            ("superseded-by", label("superseded_by"), self.specs(reverse["superseded_by"])),
            ("depends-on", label("depends-on"), self.specs(spec.depends_on)),
            ("needed-by", label("needed_by"), self.specs(reverse["needed_by"])),
            ("related", label("related"), self.specs(reverse["related"])),
            ("referenced-by", label("referenced_by"), self.specs(reverse["referenced_by"])),
        ]
        for name, extra in self.settings.fields.items():
            value: Any = spec.fields.get(name)
            if extra.type == "spec":
                cell = self.specs(value or [])
            elif extra.type in ("issue", "link"):
                cell = joined(
                    [link(v["text"], v["url"], [f"specs-{extra.type}"]) for v in value or []]
                )
            elif extra.type == "list":
                cell = [nodes.Text(", ".join(value))] if value else []
            else:
                cell = [nodes.Text(str(value))] if value else []
            rows.append((f"field-{name}", extra.display, cell))
        done, total = spec.progress()
        if total:
            rows.append(("progress", label("progress"), [progress(done, total)]))
        if self.history is not None and self.history.changes:
            cell = history_cell(self.history, html=self.html)
            rows.append(("history", label("history"), cell))
        return [(key, text, cell) for key, text, cell in rows if any(n.astext() for n in cell)]

    def label(self, option: str) -> str:
        """The card label of an option, translated unless the user wrote it."""
        return card_label(self.template, option)

    def from_git(self, name: str) -> str:
        """``created`` or ``updated`` from the first or last commit (a given value wins)."""
        return (getattr(self.history, name, None) or "") if self.history else ""

    def since(self) -> list[nodes.Node]:
        """``Under Review since 2026-03-02 (43 days)``, from the history."""
        if self.history is None or self.history.status_since is None or not self.spec.status:
            return []
        text = since_text(self.spec.status, self.history.status_since)
        return [nodes.inline(text, text, classes=["specs-since"])]

    def card(self, abstract: list[nodes.Node], *, spanning: bool = True) -> nodes.container:
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
        table = build_table(
            [heading],
            [
                [Cell(text, ("specs-label",)), Cell(cell, ("specs-value",))]
                for _, text, cell in rows
            ],
            row_classes=[[f"specs-row-{key}"] for key, _, _ in rows],
            classes=["specs-card-table"],
            widths=[28, 72],
            spanning=spanning,
        )
        card = nodes.container(
            "", table, classes=["specs-card", status_class(spec.status)], specs_id=spec.id
        )
        if abstract:
            card += nodes.container("", *abstract, classes=["specs-abstract"])
        return card

    def banner(self) -> nodes.admonition | None:
        spec = self.spec
        successors = self.index.reverse_links(spec.id)["superseded_by"]
        inactive = spec.status is not None and self.template.is_inactive(spec.status)
        if not successors and not inactive:
            return None
        body = nodes.paragraph()
        if successors:
            title_text = _("Superseded")
            message = _(
                "{id} is superseded by {successors}. Read that spec for the current design."
            )
            body.extend(fill(message, id=spec.id, successors=self.specs(successors)))
            if inactive:
                body.extend(fill(" " + _("Its status is {status}."), status=spec.status or ""))
        else:
            title_text = spec.status or ""
            message = _("{id} is {status}: it is not being worked on.")
            body.extend(fill(message, id=spec.id, status=spec.status or ""))
        kind = "superseded" if successors else "inactive"
        return nodes.admonition(
            "",
            nodes.title(title_text, title_text),
            body,
            classes=["specs-banner", f"specs-banner-{kind}", status_class(spec.status)],
        )


def since_text(status: str, date: str) -> str:
    """``Under Review since 2026-03-02 (43 days)``: the core's English sentence, translated."""
    days = days_since(date, build_date())
    if days is None:
        return _("{status} since {date}").format(status=status, date=date)
    if days == 1:
        return _("{status} since {date} (1 day)").format(status=status, date=date)
    return _("{status} since {date} ({days} days)").format(status=status, date=date, days=days)


def render_card(node: spec_node, domain: SpecsDomain, docname: str, builder: Builder) -> None:
    """Replace a card placeholder (its heading spans the table where the writer can span)."""
    index = domain.index
    found = index.lookup(node["spec_id"])
    if found is None or found[0].docname != node["docname"]:
        # A duplicate ID (warned once per build): keep the abstract, no card.
        node.replace_self(nodes.container("", *node.children, classes=["specs-duplicate"]))
        return
    card = CardBuilder(found[0], index, domain.settings, docname)
    card.history = history_of(domain.env, found[0].id)
    card.html = builder.format == "html"
    node.replace_self(card.card(list(node.children), spanning=supports_spanning(builder)))


def render_banner(node: spec_banner, domain: SpecsDomain, docname: str) -> None:
    """Replace a banner placeholder with the banner, or remove it."""
    found = domain.index.lookup(node["spec_id"])
    banner = None
    if found is not None:
        banner = CardBuilder(found[0], domain.index, domain.settings, docname).banner()
    if banner is None:
        node.parent.remove(node)
    else:
        node.replace_self(banner)
