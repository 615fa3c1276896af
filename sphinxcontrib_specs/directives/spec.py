"""The ``spec`` directive: parses and checks a spec's options, records the spec in the domain and
leaves a :class:`~sphinxcontrib_specs.nodes.spec_node` placeholder where the card goes.

Checks that need only this directive (status, dates, issues, unknown options) happen here, at the
directive's line; checks that need the whole page happen in :mod:`..collect`, and the ones that need
every page in :mod:`..checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..core.model import (
    IssueError,
    IssueRef,
    SpecRecord,
    parse_authors,
    parse_date,
    parse_issue,
    split_issues,
    split_list,
)
from ..core.templates import find_placeholders
from ..domain import get_domain
from ..nodes import spec_node, unique_anchor
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from ..config import ExtraField, Settings
    from ..core.templates import Template

#: The options of the contract, in the order the reference documents them.
CORE_OPTIONS = (
    "status",
    "authors",
    "team",
    "created",
    "updated",
    "issues",
    "template",
    "tags",
    "supersedes",
    "depends-on",
    "related",
    "title",
)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


class AnyOption(dict[str, Callable[[Any], Any]]):
    """An option spec that accepts every option name as text.

    The ``spec`` directive's options depend on ``specs_fields``, so unknown names are reported by
    the directive itself (a ``specs.meta`` warning naming the known ones) rather than rejected by
    the parser, which would drop the whole directive.
    """

    def __missing__(self, key: str) -> Callable[[Any], Any]:
        return _text


def spec_placeholder(
    record: SpecRecord, document: nodes.document
) -> tuple[nodes.target, spec_node]:
    """The anchor target and the card placeholder of ``record``, to stand in this order."""
    target = nodes.target("", "", ids=[record.anchor])
    document.note_explicit_target(target)
    return target, spec_node("", spec_id=record.id, docname=record.docname, classes=["specs-spec"])


class SpecOptions:
    """Parses and checks a spec's options into its record: shared by the ``spec`` directive and
    plain-Markdown specs, so both accept and report exactly the same things."""

    def __init__(self, settings: Settings, warn: Callable[[SpecsWarning, str], None]):
        self.settings = settings
        self.warn = warn

    def parse(self, record: SpecRecord, raw_options: dict[str, Any]) -> Template:
        """Fill ``record`` from the options; returns the spec's template."""
        settings = self.settings
        options = {key.lower(): _text(value) for key, value in raw_options.items()}
        known = (*CORE_OPTIONS, *settings.fields)
        for name in options:
            if name not in known:
                self.warn(
                    SpecsWarning.META,
                    f"unknown option :{name}: of spec {record.id}; known options: "
                    f"{', '.join(known)} (declare more with specs_fields)",
                )

        template_name = options.get("template") or settings.default_template
        if template_name not in settings.templates:
            self.warn(
                SpecsWarning.META,
                f"unknown template {template_name!r}; known templates: "
                f"{', '.join(sorted(settings.templates))}",
            )
            template_name = settings.default_template
        template = settings.template(template_name)
        record.template = template.name

        for name, value in options.items():
            for marker in find_placeholders(template, value):
                self.warn(
                    SpecsWarning.PLACEHOLDER,
                    f"template placeholder {marker!r} left in :{name}:",
                )

        self.parse_status(record, template, options.get("status", ""))
        record.title = options.get("title", "")
        record.authors = parse_authors(options.get("authors"))
        record.team = options.get("team", "")
        record.tags = split_list(options.get("tags"))
        record.created = self.parse_date("created", options.get("created"))
        record.updated = self.parse_date("updated", options.get("updated"))
        if record.created and record.updated and record.updated < record.created:
            self.warn(
                SpecsWarning.META,
                f":updated: {record.updated} is before :created: {record.created}",
            )
        record.issues = self.parse_issues(options.get("issues"))
        record.supersedes = split_list(options.get("supersedes"))
        record.depends_on = split_list(options.get("depends-on"))
        record.related = split_list(options.get("related"))
        for name, extra in settings.fields.items():
            record.fields[name] = self.parse_extra(extra, options.get(name))
        return template

    def parse_status(self, record: SpecRecord, template: Template, value: str) -> None:
        allowed = ", ".join(template.statuses)
        if not value:
            self.warn(
                SpecsWarning.META,
                f"spec {record.id} has no :status:; allowed ({template.name}): {allowed}",
            )
            return
        status = template.canonical_status(value)
        if status is None:
            self.warn(
                SpecsWarning.META,
                f"unknown status {value!r} for template {template.name}; allowed: {allowed}",
            )
            record.status = value
        else:
            record.status = status

    def parse_date(self, name: str, value: str | None) -> str | None:
        if not value:
            return None
        date = parse_date(value)
        if date is None:
            self.warn(
                SpecsWarning.META,
                f"bad date :{name}: {value!r}; write an ISO date YYYY-MM-DD",
            )
            return None
        return date.isoformat()

    def parse_issues(self, value: str | None) -> list[IssueRef]:
        settings = self.settings
        issues = []
        for text in split_issues(value):
            try:
                issues.append(
                    parse_issue(
                        text, default_repo=settings.default_repo, url_template=settings.issue_url
                    )
                )
            except IssueError as exc:
                self.warn(SpecsWarning.META, str(exc))
                issues.append(IssueRef(text, None))
        return issues

    def parse_extra(self, extra: ExtraField, value: str | None) -> Any:
        if not value:
            if extra.required:
                self.warn(
                    SpecsWarning.META,
                    f"the field :{extra.name}: is required (specs_fields)",
                )
            return [] if extra.type in ("list", "spec") else None
        if extra.type == "date":
            return self.parse_date(extra.name, value)
        if extra.type in ("list", "spec"):
            return split_list(value)
        return value


class SpecDirective(SphinxDirective):
    """``{spec} ID``: one spec's metadata; the content is the spec's abstract."""

    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[Any], Any]]] = AnyOption(
        {name: _text for name in CORE_OPTIONS}
    )

    def warn(self, kind: SpecsWarning, message: str) -> None:
        warn(kind, message, location=(self.env.docname, self.lineno))

    def run(self) -> list[nodes.Node]:
        domain = get_domain(self.env)
        settings = domain.settings
        doc = domain.doc(self.env.docname)
        spec_id = self.arguments[0].strip() if self.arguments else ""

        if doc.spec is not None:
            self.warn(
                SpecsWarning.META,
                f"a second spec directive on this page ({spec_id or 'no ID'}); a page holds one "
                f"spec, and this one is ignored ({doc.spec.id} is the page's spec, "
                f"line {doc.spec.lineno})",
            )
            return []
        if not spec_id:
            self.warn(
                SpecsWarning.ID,
                "the spec directive needs an ID as its argument, e.g. ```{spec} SPEC-0001```",
            )
            return []
        if not settings.id_pattern.match(spec_id):
            self.warn(
                SpecsWarning.ID,
                f"spec ID {spec_id!r} does not match specs_id_pattern "
                f"{settings.id_pattern.pattern!r}",
            )

        anchor = unique_anchor(self.state.document, spec_id)
        record = SpecRecord(id=spec_id, docname=self.env.docname, lineno=self.lineno, anchor=anchor)
        template = SpecOptions(settings, self.warn).parse(record, self.options)

        target, placeholder = spec_placeholder(record, self.state.document)
        self.set_source_info(placeholder)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, placeholder)
            record.abstract = " ".join(
                " ".join(p.astext().split()) for p in placeholder.findall(nodes.paragraph)
            )
        for marker in find_placeholders(template, record.abstract):
            self.warn(SpecsWarning.PLACEHOLDER, f"template placeholder {marker!r} left in")
        doc.spec = record
        # kept for the sphinx-needs bridge until the page is read (temp_data is per page)
        self.env.temp_data["specs_parser_state"] = self.state
        return [target, placeholder]
