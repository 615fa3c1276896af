"""The records the domain keeps, and the parsing of the values a spec's options hold.

Everything here is plain, picklable data and pure functions: no docutils nodes, no Sphinx
application. Directives, the plain-Markdown recognizer and the command line all go through it.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from .dates import parse_date
from .frozen import frozen, pickled_fast
from .lazyre import lazy_compile

# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


class DocLink(str):
    """A spec named by its page: a plain spec's path or link to another spec's file
    (``Replaces: ../0003-x/README.md``) as the docname of that page, which the index turns into
    the page's spec ID once every page is read (:func:`.index.build_index`).

    A ``str`` (its value is the docname), so the records' lists of spec IDs keep their type and
    the link pickles with them; ``isinstance`` tells it from an ID."""

    __slots__ = ()

    @property
    def docname(self) -> str:
        return str(self)


@frozen(slots=True)
class IssueRef:
    """A reference to an issue: the text as written (normalized) and its URL (None: unlinked)."""

    text: str
    url: str | None

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url}


@frozen(slots=True)
class Approver:
    """An approver of a spec: with a date, they approved on that day; without, one is requested."""

    name: str
    date: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "date": self.date}


@frozen(slots=True)
class GateFailure:
    """A rule of a status gate that a spec does not meet: the gate's status, the rule's name
    (``sections``, ``questions_resolved``, ``approvals``, ``fields``, ``dod_done``), the message."""

    status: str
    rule: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "rule": self.rule, "message": self.message}


@pickled_fast
@frozen(slots=True)
class ItemRecord:
    """A tracked item (goal, DoD item, ...) of a spec."""

    id: str
    kind: str
    text: str
    checked: bool | None
    lineno: int | None
    anchor: str
    explicit: bool = False
    covers: list[str] = field(default_factory=list)
    issues: list[IssueRef] = field(default_factory=list)
    #: The page the item stands on when it is not the spec's own page (a spec folder's sub-page).
    docname: str | None = None
    #: The item's page URL as a ``specs.json`` names it (loaded or imported records only).
    url: str = ""


@pickled_fast
@frozen(slots=True)
class SpecRecord:
    """One spec: its options as parsed, its sections and its items. Picklable."""

    id: str
    docname: str
    lineno: int | None
    anchor: str
    title: str = ""
    status: str | None = None
    #: What a status with more words said beyond the status (``Implemented (v2.2)``: ``v2.2``).
    status_note: str = ""
    authors: list[str] = field(default_factory=list)
    #: What the authors' value said beyond the people (``Jay Conrod based on discussion with
    #: ...``: ``based on discussion with ...``).
    authors_note: str = ""
    team: str = ""
    created: str | None = None
    updated: str | None = None
    issues: list[IssueRef] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    template: str = "proposal"
    abstract: str = ""
    supersedes: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    items: dict[str, ItemRecord] = field(default_factory=dict)
    #: Specs a ``superseded by X`` status names: the index records each as superseding this one.
    superseded_by: list[str] = field(default_factory=list)
    #: Web pages a link option names instead of a spec (a KEP's ``replaces:`` archive page, a
    #: pull request): ``supersedes``, ``superseded_by``, ``depends_on`` or ``related`` -> their
    #: addresses. Shown on the card; no spec, so no reverse link and nothing to check.
    web_links: dict[str, list[str]] = field(default_factory=dict)  # keys: WEB_LINK_KINDS
    #: Where a plain spec's options were written, for the warnings about them: option ->
    #: ``(file, line)``, the file absolute for a sibling metadata file's field, None for the page
    #: (empty for a directive spec, whose options warn at its line).
    option_lines: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    approvers: list[Approver] = field(default_factory=list)
    #: The unmet gate rules as ``specs.json`` recorded them (a build evaluates them from the
    #: index, :mod:`.gates`; only :func:`.specsjson.load` fills this).
    gates: list[GateFailure] = field(default_factory=list)

    def approvals(self) -> int:
        """How many approvers have approved (given a date); one name listed twice (letter case
        aside) counts once, so a repeat cannot meet an ``approvals`` gate."""
        return len({a.name.casefold() for a in self.approvers if a.date})

    #: The ``specs_import`` name of an imported spec (empty for a spec of this project).
    external: str = ""
    #: The page URL as a ``specs.json`` names it (absolute for an imported spec).
    url: str = ""

    def progress(self) -> tuple[int, int]:
        """(done, total) of the Definition-of-Done items."""
        dod = [item for item in self.items.values() if item.kind == "dod"]
        return sum(1 for item in dod if item.checked), len(dod)

    def links(self) -> dict[str, list[str]]:
        return {
            "supersedes": self.supersedes,
            "depends_on": self.depends_on,
            "related": self.related,
        }


@frozen(slots=True)
class RefRecord:
    """A reference written in a document: a ``{spec}`` role or a ``{covers}`` target."""

    target: str
    lineno: int | None
    #: ``spec`` for the role, ``covers`` for a trace link.
    via: str
    #: The file it is written in when that is not the page (a MyST ``{include}``d snippet).
    source: str | None = None


@frozen(slots=True)
class ReportRecord:
    """A report directive on a page: its kind and options (the page depends on what it selects)."""

    kind: str
    options: tuple[tuple[str, Any], ...]
    lineno: int | None


@frozen(slots=True)
class Heading:
    """A heading of a document: its title, its depth and the index of its parent heading."""

    title: str
    depth: int
    parent: int | None
    line: int | None = None


@pickled_fast
@frozen(slots=True)
class DocRecord:
    """What one document contributes: at most one spec, the references it makes, its reports.

    A sub-page of a spec folder has no spec: ``part_of`` names the page of the spec it belongs to,
    and its tracked ``items`` and ``headings`` are joined to that spec by the index. A spec page
    that may have sub-pages keeps its ``headings`` too, so that the required-section check runs
    once every page of the folder is known (``checks.py``).
    """

    spec: SpecRecord | None = None
    refs: list[RefRecord] = field(default_factory=list)
    reports: list[ReportRecord] = field(default_factory=list)
    part_of: str | None = None
    items: dict[str, ItemRecord] = field(default_factory=dict)
    headings: list[Heading] | None = None


# ---------------------------------------------------------------------------------------------
# IDs
# ---------------------------------------------------------------------------------------------

ITEM_ID = lazy_compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def split_target(target: str) -> tuple[str, str | None]:
    """``SPEC-1.G1`` -> (``SPEC-1``, ``G1``); ``SPEC-1`` -> (``SPEC-1``, None)."""
    spec_id, _, item_id = target.strip().partition(".")
    return spec_id, (item_id or None)


def split_list(value: str | None) -> list[str]:
    """A comma-separated option value as a list of stripped, non-empty strings."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


#: The link options a web page may stand in, as ``SpecRecord.web_links`` and specs.json name them.
WEB_LINK_KINDS = ("supersedes", "superseded_by", "depends_on", "related")
#: A web address's scheme (``https://``, ``ftp://``): what tells an address from a spec ID.
URL_SCHEME = lazy_compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
#: A web page's address, up to the first space (``https://github.com/org/repo/pull/7``).
WEB_ADDRESS = lazy_compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"']+")

#: A status that names its successor: ``superseded by ADR-0123`` (``Superseded by: X, Y``).
SUPERSEDED_BY = lazy_compile(r"^\s*superseded\s+by\b\s*:?\s*(?P<successors>.*)$", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------------------------

HANDLE = lazy_compile(r"^@([A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)$")
#: ``Ann Lee <ann@example.org>``: an author with an e-mail address.
EMAIL_AUTHOR = lazy_compile(r"^(?P<name>[^<>]*)<(?P<address>[^<>\s@:/]+@[^<>\s@/]+\.[^<>\s@/]+)>$")


def author_email(author: str) -> tuple[str, str] | None:
    """``Ann Lee <ann@example.org>`` -> (``Ann Lee``, ``mailto:ann@example.org``): the name to
    show and its mail link; None for an author written otherwise."""
    match = EMAIL_AUTHOR.match(author)
    if match is None:
        return None
    return match.group("name").strip() or match.group("address"), f"mailto:{match.group('address')}"


def parse_authors(value: str | None) -> list[str]:
    """Authors separated by commas, or by spaces when every author is an ``@handle``."""
    if not value:
        return []
    if "," in value:
        return split_list(value)
    words = value.split()
    if len(words) > 1 and all(HANDLE.match(word) for word in words):
        return words
    return [" ".join(words)] if words else []


# ---------------------------------------------------------------------------------------------
# Approvers
# ---------------------------------------------------------------------------------------------

_APPROVER = lazy_compile(r"^(?P<name>.*?)\s*(?:\((?P<date>[^()]*)\))?$")


def parse_approvers(value: str | None) -> tuple[list[Approver], list[str]]:
    """``@alice (2026-03-01), @bob``: approvers separated by commas, each with an optional
    ``(YYYY-MM-DD)`` approval date. Returns the approvers and the problems (a bad date, or text
    after the date: the approver is kept as requested; a name listed twice: kept, counted once
    by :meth:`SpecRecord.approvals`)."""
    approvers: list[Approver] = []
    problems: list[str] = []
    seen: set[str] = set()
    for part in split_list(value):
        match = _APPROVER.match(part)
        name = (match.group("name") if match else part).strip() or part
        raw = match.group("date") if match else None
        date = None
        if "(" in name or ")" in name:
            # "@carol (2026-01-01) extra": read as the name before the parenthesis, not approved
            name = name.partition("(")[0].strip() or name
            raw = None
            problems.append(
                f"approver {part!r} in :approvers: is not understood; write @name or a name, "
                "optionally followed by an approval date (YYYY-MM-DD); read as requested "
                f"from {name}"
            )
        if name.casefold() in seen:
            problems.append(
                f"approver {name} is listed more than once in :approvers:; "
                "they count once towards the approvals a gate needs"
            )
        seen.add(name.casefold())
        if raw is not None:
            parsed = parse_date(raw)
            if parsed is None:
                problems.append(
                    f"bad approval date {raw.strip()!r} of approver {name} in :approvers:; "
                    "write an ISO date YYYY-MM-DD, or leave the date out for a requested approval"
                )
            else:
                date = parsed.isoformat()
        approvers.append(Approver(name, date))
    return approvers, problems


# ---------------------------------------------------------------------------------------------
# Issues
# ---------------------------------------------------------------------------------------------

NO_ISSUES = {"", "tbd", "_tbd_", "*tbd*", "none", "n/a", "-"}

_REPO = r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"
_FULL = lazy_compile(rf"^\[?({_REPO})#(\d+)\]?$")
_SHORT = lazy_compile(r"^(?:GH-|#)(\d+)$", re.IGNORECASE)
_MD_LINK = lazy_compile(r"^\[([^\]]+)\]\(\s*([^)\s]+)\s*\)$")
_URL = lazy_compile(r"^https?://[^\s<>\"']+$")


class IssueError(ValueError):
    """An issue reference that is not one of the accepted forms."""


def parse_issue(text: str, *, default_repo: str, url_template: str) -> IssueRef:
    """One issue reference: ``owner/repo#N``, ``GH-N``, ``#N``, ``[owner/repo#N]``, a Markdown link
    or a full http(s) URL. Raises :class:`IssueError` with a message that says what to write."""
    text = text.strip()
    match = _FULL.match(text)
    if match:
        repo, number = match.groups()
        return IssueRef(f"{repo}#{number}", url_template.format(repo=repo, number=int(number)))
    match = _SHORT.match(text)
    if match:
        number = match.group(1)
        if not default_repo:
            raise IssueError(
                f"issue {text!r} names no repository; set specs_default_repo in conf.py "
                "or write owner/repo#N"
            )
        return IssueRef(text, url_template.format(repo=default_repo, number=int(number)))
    match = _MD_LINK.match(text)
    if match:
        label, url = match.groups()
        if not _URL.match(url):
            raise IssueError(f"issue link {url!r} is not an http(s) URL")
        return IssueRef(label.strip(), url)
    if _URL.match(text):
        return IssueRef(_short_url_text(text), text)
    raise IssueError(
        f"bad issue reference {text!r}; write owner/repo#N, GH-N, #N, a Markdown link "
        "or an http(s) URL"
    )


def _short_url_text(url: str) -> str:
    match = re.match(rf"^https?://github\.com/({_REPO})/(?:issues|pull)/(\d+)/?$", url)
    return f"{match.group(1)}#{match.group(2)}" if match else url


def split_issues(value: str | None) -> list[str]:
    """The issue references of an ``issues`` value (commas; ``TBD`` and empty mean none)."""
    if value is None or value.strip().casefold() in NO_ISSUES:
        return []
    return [part for part in split_list(value) if part.casefold() not in NO_ISSUES]


# ---------------------------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------------------------

_SAFE_SCHEME = lazy_compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_ANY_SCHEME = lazy_compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def encoded_url(url: str) -> str:
    """``url`` with the characters a URL may not hold as written (``^ { } \\ |``, a space)
    percent-encoded, as MyST writes a link in the text (LaTeX's ``\\url`` cannot take them)."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=-._~%")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs; False for ``javascript:`` and the like."""
    url = url.strip()
    return bool(_SAFE_SCHEME.match(url)) or not _ANY_SCHEME.match(url)
