"""A spec's record from its raw options: shared by the ``spec`` directive and plain-Markdown
specs (both leave a :func:`~.read.nodes.pending_spec`), so both accept and report
exactly the same things. Called by the page collector (:mod:`.collector`), the one producer of
records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..core.dates import ISO_MONTH, parse_date
from ..core.lazyre import lazy_compile
from ..core.model import (
    SUPERSEDED_BY,
    WEB_ADDRESS,
    WEB_LINK_KINDS,
    DocLink,
    IssueError,
    IssueRef,
    is_safe_url,
    parse_approvers,
    parse_authors,
    parse_issue,
    split_issues,
    split_list,
)
from ..core.templates.sections import find_placeholders
from ..plain.dates import read_date
from ..warnings_ import SpecsWarning

if TYPE_CHECKING:
    from ..config import ExtraField, Settings
    from ..core.templates.model import Template

_MD_LINK = lazy_compile(r"^\[([^\]]+)\]\(\s*(?:<([^<>]+)>|([^)\s>]+))\s*\)$")
#: A comma between a link field's links: none inside a link's text or address
#: (``[apple/swift#1, #2](https://...)``).
_LINK_COMMA = lazy_compile(r",(?![^\[]*\])(?![^(<]*[)>])")

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
    "superseded-by",
    "status-note",
    "authors-note",
    "title",
    "approvers",
)

#: Other spellings of options (the built-in field ``superseded_by`` as its option name).
OPTION_SPELLINGS = {
    "superseded_by": "superseded-by",
    "status_note": "status-note",
    "authors_note": "authors-note",
}


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):  # a plain spec's list (a YAML list of people)
        return ", ".join(_text(v) for v in value if _text(v))
    return "" if value is None else str(value).strip()


def _items(value: Any) -> list[str]:
    """A list option: a plain spec's list as it is (``Name, Company`` stays one entry; a
    :class:`DocLink` stays a link), else the text split at commas."""
    if isinstance(value, list | tuple):
        return [t for t in (v if isinstance(v, DocLink) else _text(v) for v in value) if t]
    return split_list(_text(value))


def _web_links(items: dict[str, list[str]]) -> dict[str, list[str]]:
    """Take the web pages out of the link options' ``items`` (they name no spec): link -> their
    addresses, for the record's ``web_links``."""
    found: dict[str, list[str]] = {}
    for kind in WEB_LINK_KINDS:
        option = kind.replace("_", "-")
        values = items.get(option, [])
        pages = [v for v in values if not isinstance(v, DocLink) and WEB_ADDRESS.fullmatch(v)]
        if pages:
            items[option] = [v for v in values if v not in pages]
            found[kind] = list(dict.fromkeys(pages))
    return found


class OptionWarn(Protocol):
    """Warns of a spec's option: at the option's own line when ``option`` is given and its
    source knows it (a plain spec's field), else at the spec's."""

    def __call__(self, kind: SpecsWarning, message: str, *, option: str | None = None) -> None: ...


class SpecOptions:
    """Parses and checks a spec's raw options into its record."""

    def __init__(self, settings: Settings, warn: OptionWarn):
        self.settings = settings
        self.warn = warn

    def parse(self, spec_id: str, raw_options: dict[str, Any]) -> tuple[dict[str, Any], Template]:
        """The record's values from the options (``SpecRecord`` keyword arguments), and the
        spec's template; each problem is warned."""
        settings = self.settings
        record: dict[str, Any] = {}
        lists = {"authors", "tags", "supersedes", "depends-on", "related", "superseded-by"}
        options: dict[str, str] = {}
        items: dict[str, list[str]] = {}
        for key, value in raw_options.items():
            name = key.lower()
            name = OPTION_SPELLINGS.get(name, name)
            options[name] = _text(value)
            if name in lists:
                items[name] = _items(value)
        known = (*CORE_OPTIONS, *settings.fields)
        for name in options:
            if name not in known:
                self.warn(
                    SpecsWarning.META,
                    f"unknown option :{name}: of spec {spec_id}; known options: "
                    f"{', '.join(known)} (declare more with specs_fields)",
                    option=name,
                )

        template_name = options.get("template") or settings.default_template
        if template_name not in settings.templates:
            self.warn(
                SpecsWarning.META,
                f"unknown template {template_name!r}; known templates: "
                f"{', '.join(sorted(settings.templates))}",
                option="template",
            )
            template_name = settings.default_template
        template = settings.template(template_name)
        record["template"] = template.name

        for name, value in options.items():
            for marker in find_placeholders(template, value):
                self.warn(
                    SpecsWarning.PLACEHOLDER,
                    f"template placeholder {marker!r} left in :{name}:",
                    option=name,
                )

        record.update(self.parse_status(spec_id, template, options.get("status", "")))
        record["title"] = options.get("title", "")
        record["status_note"] = options.get("status-note", "")
        record["authors_note"] = options.get("authors-note", "")
        authors = raw_options.get("authors")
        record["authors"] = (
            items["authors"]
            if isinstance(authors, list | tuple)
            else parse_authors(options.get("authors"))
        )
        record["team"] = options.get("team", "")
        record["tags"] = items.get("tags", [])
        formats = template.date_formats
        record["created"] = self.parse_date("created", options.get("created"), formats)
        record["updated"] = self.parse_date("updated", options.get("updated"), formats)
        created, updated = record["created"], record["updated"]
        shorter = min(len(created or ""), len(updated or ""))  # a month holds its days
        if created and updated and updated[:shorter] < created[:shorter]:
            self.warn(
                SpecsWarning.META,
                f":updated: {updated} is before :created: {created}",
                option="updated",
            )
        record["issues"] = self.parse_issues(options.get("issues"))
        record["web_links"] = _web_links(items)
        record["supersedes"] = items.get("supersedes", [])
        record["depends_on"] = items.get("depends-on", [])
        record["related"] = items.get("related", [])
        successors = record.setdefault("superseded_by", [])
        for successor in items.get("superseded-by", []):
            if successor not in successors:
                successors.append(successor)
        record["approvers"], problems = parse_approvers(options.get("approvers"))
        for problem in problems:
            self.warn(SpecsWarning.META, problem, option="approvers")
        fields: dict[str, Any] = {}
        record["fields"] = fields
        for name, extra in settings.fields.items():
            raw = raw_options.get(name)
            if extra.type == "spec" and isinstance(raw, list):  # a plain spec's references
                # a web page names no spec in a field of its own: left out
                value = [
                    v for v in _items(raw) if isinstance(v, DocLink) or not WEB_ADDRESS.fullmatch(v)
                ]
                fields[name] = self.parse_extra(extra, value, formats)
            elif extra.type == "link" and isinstance(raw, list):
                # a plain spec's links, read as the folder writes them (plain/values.py)
                fields[name] = [v if isinstance(v, dict) else self.parse_link(name, v) for v in raw]
            else:
                fields[name] = self.parse_extra(extra, options.get(name), formats)
        return record, template

    def parse_status(self, spec_id: str, template: Template, value: str) -> dict[str, Any]:
        """``status`` (and ``superseded_by`` for a ``superseded by X`` status) of the record."""
        allowed = ", ".join(template.statuses)
        if not value:
            self.warn(
                SpecsWarning.META,
                f"spec {spec_id} has no :status:; allowed ({template.name}): {allowed}",
            )
            return {}
        result: dict[str, Any] = {}
        successor = SUPERSEDED_BY.match(value)
        if successor is not None:
            # "superseded by ADR-0123": the status is the template's superseded status, and the
            # index records ADR-0123 as superseding this spec (both cards show the link)
            result["superseded_by"] = split_list(
                successor.group("successors").replace(" and ", ",")
            )
            value = next(iter(template.superseded_statuses), "Superseded")
        status = template.canonical_status(value)
        if status is None:
            self.warn(
                SpecsWarning.META,
                f"unknown status {value!r} for template {template.name}; allowed: {allowed}",
                option="status",
            )
            result["status"] = value
        else:
            result["status"] = status
        return result

    def parse_date(self, name: str, value: str | None, formats: tuple[str, ...] = ()) -> str | None:
        """An ISO date, or one of the template's ``date_formats`` (plain specs read more forms
        before the value gets here, :mod:`.plain.values`); a month, ``2011-01``, as written."""
        if not value:
            return None
        if ISO_MONTH.match(value.strip()):  # known to the month only: ISO 8601's YYYY-MM
            return value.strip()
        date = parse_date(value) or (read_date(value, formats, builtin=False) if formats else None)
        if date is None:
            accepted = ", ".join(("YYYY-MM-DD", *formats))
            self.warn(
                SpecsWarning.META,
                f"bad date :{name}: {value!r}; write a date as {accepted}, or YYYY-MM for a "
                "month (plain specs also read 05-Jul-2001, July 5, 2001, 2001/07/05 and "
                "July 2001; a template's date_formats adds formats)",
                option=name,
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
                self.warn(SpecsWarning.META, str(exc), option="issues")
                issues.append(IssueRef(text, None))
        return issues

    def parse_extra(
        self, extra: ExtraField, value: str | list[str] | None, formats: tuple[str, ...] = ()
    ) -> Any:
        if not value:
            if extra.required:
                self.warn(
                    SpecsWarning.META,
                    f"the field :{extra.name}: is required (specs_fields)",
                )
            return [] if extra.type in ("list", "spec", "issue", "link") else None
        if isinstance(value, list):  # a plain spec's references (links to spec files kept)
            return value
        if extra.type == "date":
            return self.parse_date(extra.name, value, formats)
        if extra.type == "issue":
            return [issue.as_json() for issue in self.parse_issues(value)]
        if extra.type == "link":
            texts = [t.strip() for t in _LINK_COMMA.split(value) if t.strip()]
            return [self.parse_link(extra.name, text) for text in texts]
        if extra.type in ("list", "spec"):
            return split_list(value)
        return value

    def parse_link(self, name: str, text: str) -> dict[str, str | None]:
        """A ``link`` field's value: a Markdown link ``[text](url)``, ``<url>`` or a bare URL, as
        ``{"text", "url"}``; a URL that is not http(s), mailto or relative is shown unlinked."""
        match = _MD_LINK.match(text)
        if match:
            label, url = match[1], match[2] or match[3]
        else:
            label, url = text.strip("<>"), text.strip("<>")
        if not is_safe_url(url) or not url or " " in url:
            self.warn(
                SpecsWarning.META,
                f"the field :{name}: has {text!r}, which is no link; write [text](https://...) "
                "or an http(s) URL",
                option=name,
            )
            return {"text": label.strip(), "url": None}
        return {"text": label.strip(), "url": url}
