"""``specs.json``, both ways: the one module that knows its shape.

:func:`dump` turns the index into the document every build writes (keys sorted, lists in a fixed
order, no timestamps: the same sources give the same bytes); :func:`load` turns such a document
back into records and an index, so the command line reads exactly what the build saw. The JSON
Schema that describes the shape ships beside the package (:data:`SCHEMA_PATH`) and is tested
against :func:`dump`'s output.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import as_day, as_month, parse_date, precision
from .evidence import RESULTS, CodeMarker, TestCase
from .ids import anchor
from .index import build_index
from .lazyre import lazy_compile
from .model import (
    WEB_ADDRESS,
    WEB_LINK_KINDS,
    Approver,
    DocRecord,
    GateFailure,
    IssueRef,
    ItemRecord,
    SpecRecord,
)
from .values import natural_key
from .verification import targets_of

if TYPE_CHECKING:
    from .history import History
    from .index import SpecIndex
    from .suspect import Suspect

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "specs.schema.json"
FORMAT_VERSION = 1

#: ``(docname, anchor) -> URL``: how the writer links a spec or item (None: not linked).
UrlOf = Callable[[str, str], str | None]


def spec_json(spec: SpecRecord, index: SpecIndex, url_of: UrlOf) -> dict[str, Any]:
    """One spec's entry of ``specs.json``."""
    done, total = spec.progress()
    reverse = index.reverse_links(spec.id)
    entry = {
        "title": spec.title,
        "docname": spec.docname,
        "url": _url(spec, spec.url, spec.docname, spec.anchor, url_of),
        "status": spec.status,
        **({"status_note": spec.status_note} if spec.status_note else {}),
        "authors": spec.authors,
        **({"authors_note": spec.authors_note} if spec.authors_note else {}),
        "approvers": [approver.as_json() for approver in spec.approvers],
        "gates": [g.as_json() for g in index.gates(spec.id)],
        "team": spec.team or None,
        "created": as_day(spec.created),
        "updated": as_day(spec.updated),
        **precision(spec.created, spec.updated),
        "issues": [issue.as_json() for issue in spec.issues],
        "tags": spec.tags,
        "template": spec.template,
        "abstract": spec.abstract,
        "links": {
            "supersedes": spec.supersedes,
            "depends_on": spec.depends_on,
            "related": reverse["related"],
            "superseded_by": reverse["superseded_by"],
            "needed_by": reverse["needed_by"],
            "referenced_by": reverse["referenced_by"],
        },
        **({"web_links": spec.web_links} if spec.web_links else {}),
        "sections": spec.sections,
        "fields": spec.fields,
        "progress": {"done": done, "total": total},
        "items": {
            item.id: {
                "kind": item.kind,
                "text": item.text,
                "checked": item.checked,
                "covers": item.covers,
                "issues": [issue.as_json() for issue in item.issues],
                "url": _url(spec, item.url, item.docname or spec.docname, item.anchor, url_of),
                **_evidence(index, f"{spec.id}.{item.id}"),
            }
            for item in spec.items.values()
        },
    }
    if index.evidence.active:
        entry["evidence"] = index.evidence.counts(targets_of(spec))
        entry.update(_evidence(index, spec.id))  # the tests and markers that name the spec
    if spec.external:
        # An imported spec (``specs_import``): its own site's absolute URL, and where from.
        entry["external"] = spec.external
    return entry


def _evidence(index: SpecIndex, target: str) -> dict[str, Any]:
    """An item's or a whole spec's ``tests`` and ``code`` (only when the project reads
    evidence)."""
    evidence = index.evidence
    if not evidence.active:
        return {}
    found = evidence.of(target)
    return {
        "tests": [test.as_json() for test in found.tests],
        "code": [marker.as_json(evidence.url(marker)) for marker in found.code],
    }


def _url(spec: SpecRecord, own: str, docname: str, anchor: str, url_of: UrlOf) -> str | None:
    """Where the writer links a spec or item on ``docname``: an imported one keeps its own
    site's URL."""
    if spec.external:
        return own or None
    return url_of(docname, anchor)


def dump(index: SpecIndex, project: str, url_of: UrlOf) -> dict[str, Any]:
    """The whole ``specs.json`` document of ``index``."""
    return document(project, {spec.id: spec_json(spec, index, url_of) for spec in index.ordered()})


def document(project: str, specs: dict[str, Any]) -> dict[str, Any]:
    """The document around its spec entries (a build gives some as the text it made before:
    :class:`.jsontext.Made`)."""
    return {"version": FORMAT_VERSION, "project": project, "specs": specs}


def add_history(entry: dict[str, Any], history: History | None) -> None:
    """With the git history on: a spec entry's ``history`` (oldest first) and ``status_since``."""
    if history is not None:
        entry["history"] = [change.as_json() for change in history.changes]
        entry["status_since"] = history.status_since


def add_suspects(spec_id: str, entry: dict[str, Any], found: Mapping[str, list[Suspect]]) -> None:
    """With the git history on: each item's ``suspect`` links (``[]`` when it has none)."""
    for item_id, item in entry["items"].items():
        links = found.get(f"{spec_id}.{item_id}", [])
        item["suspect"] = [link.as_json() for link in links]


def suspects_in(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]] | None:
    """Item full ID -> its ``suspect`` links; None when the file has none (git history off)."""
    found: dict[str, list[dict[str, Any]]] = {}
    seen = False
    for spec_id, entry in data.get("specs", {}).items():
        for item_id, item in entry.get("items", {}).items():
            if isinstance(item, dict) and isinstance(item.get("suspect"), list):
                seen = True
                found[f"{spec_id}.{item_id}"] = item["suspect"]
    return found if seen else None


def load(data: dict[str, Any]) -> SpecIndex:
    """The :class:`~.index.SpecIndex` of a ``specs.json`` document, with the evidence its specs
    and items list when the build read some (a spec has ``evidence``): a spec's own ``tests`` and
    ``code`` are those that name the whole spec."""
    docs: dict[str, DocRecord] = {}
    external: list[SpecRecord] = []
    for spec in spec_records(data):
        if spec.external:
            external.append(spec)  # an org index's imported specs have no page of their own
        else:
            docs[spec.docname] = DocRecord(spec=spec)
    if not any(isinstance(e, dict) and "evidence" in e for e in data["specs"].values()):
        return build_index(docs, external)
    tests: list[TestCase] = []
    markers: list[CodeMarker] = []
    urls: dict[tuple[str, int], str | None] = {}
    for spec_id, entry in data["specs"].items():
        check = _Checker(spec_id, entry)
        # the spec's own (a test that verifies the whole spec), then each item's
        owners = [(spec_id, "", entry)]
        owners += [
            (f"{spec_id}.{item_id}", f"items.{item_id}.", item)
            for item_id, item in check.mapping("items", entry.get("items")).items()
        ]
        for target, where, item in owners:
            for test in check.objects(f"{where}tests", item.get("tests")):
                tests.append(_test(check, test, target, f"{where}tests."))
            for code in check.objects(f"{where}code", item.get("code")):
                line = code.get("line")
                if isinstance(line, bool) or not isinstance(line, int):
                    raise check.fail(f"{where}code.line", "a line number", line)
                path = check.text("path", code, f"{where}code.") or ""
                markers.append(CodeMarker(path, line, "", target))
                urls[path, line] = check.text("url", code, f"{where}code.")
    index = build_index(docs, external, evidence=(tests, markers))
    index.evidence.urls = urls  # as the build made them: the file keeps no URL template
    return index


def _test(check: _Checker, test: dict[str, Any], target: str, where: str) -> TestCase:
    """A test of an item's ``tests``, verifying that item (one the file lists under two items
    is read once for each)."""
    result, time = test.get("result"), test.get("time")
    if result not in RESULTS:
        raise check.fail(f"{where}result", f"one of {', '.join(RESULTS)}", result)
    if time is not None and (isinstance(time, bool) or not isinstance(time, int | float)):
        raise check.fail(f"{where}time", "a number of seconds or null", time)
    name, classname, file, message = (
        check.text(key, test, where) or "" for key in ("name", "classname", "file", "message")
    )
    return TestCase(name, classname, file, result, message, time, (target,), "", None)


def parse_records(data: object) -> list[SpecRecord]:
    """The spec records of a ``specs.json`` document read from elsewhere (``specs_import``);
    raises ``ValueError`` naming what is wrong when it does not have the shape."""
    if not isinstance(data, dict) or not isinstance(data.get("specs"), dict):
        raise ValueError("not a specs.json document (no 'specs' object)")
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"specs.json version {data.get('version')!r}, expected {FORMAT_VERSION}")
    for spec_id, record in data["specs"].items():
        if not isinstance(record, dict) or not isinstance(record.get("items", {}), dict):
            raise ValueError(f"the entry of {spec_id!r} is not a spec object")
    try:
        return spec_records(data)
    except (AttributeError, TypeError, KeyError) as exc:
        raise ValueError(f"a spec entry has the wrong shape ({exc})") from exc


#: What a spec or item ID of a ``specs.json`` may be: no ``.`` (it separates spec and item) and
#: no white space. Another project's ``specs_id_pattern`` is its own business: not checked here.
_ID = lazy_compile(r"^[^\s.]+$")


class _Checker:
    """The value types of one spec entry: a wrong type is a ``ValueError`` naming the spec and
    the key, before any of it reaches a record (graphs, sorts and templates assume the types)."""

    def __init__(self, spec_id: str, record: dict[str, Any]):
        self.spec_id = spec_id
        self.record = record

    def fail(self, key: str, wanted: str, value: object) -> ValueError:
        return ValueError(f"spec {self.spec_id!r}, key {key!r}: {wanted}, not {value!r}")

    def web_links(self, value: object) -> dict[str, list[str]]:
        """``web_links``: a link option's name -> web addresses, nothing else."""
        found: dict[str, list[str]] = {}
        for kind, pages in self.mapping("web_links", value).items():
            if kind not in WEB_LINK_KINDS:
                raise self.fail("web_links", ", ".join(WEB_LINK_KINDS), kind)
            found[kind] = self.strings(f"web_links.{kind}", pages)
            if not all(WEB_ADDRESS.fullmatch(page) for page in found[kind]):
                raise self.fail(f"web_links.{kind}", "web addresses", pages)
        return found

    def text(self, key: str, record: dict[str, Any] | None = None, where: str = "") -> str | None:
        value = (self.record if record is None else record).get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(where + key, "a string or null", value)
        return value

    def date(self, key: str, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or parse_date(value) is None:
            raise self.fail(key, "an ISO date YYYY-MM-DD or null", value)
        return value

    def strings(self, key: str, value: object) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of strings", value)
        return list(value)

    def mapping(self, key: str, value: object) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "an object", value)
        return value

    def objects(self, key: str, value: object) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "a list of objects", value)
        return value

    def issues(self, key: str, value: object) -> list[IssueRef]:
        found = self.objects(key, value)
        where = f"{key}."
        return [
            IssueRef(self.text("text", v, where) or "", self.text("url", v, where)) for v in found
        ]


def _checked_id(kind: str, value: object) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(f"{kind} ID {value!r} is not an ID (no '.' and no white space)")
    return value


def spec_records(data: dict[str, Any]) -> list[SpecRecord]:
    """The records of a ``specs.json`` document, in its order; raises ``ValueError`` naming the
    spec and the key of a value of the wrong type."""
    result: list[SpecRecord] = []
    for spec_id, record in data["specs"].items():
        _checked_id("spec", spec_id)
        if not isinstance(record, dict):
            raise ValueError(f"the entry of {spec_id!r} is not a spec object")
        check = _Checker(spec_id, record)
        months = check.mapping("date_precision", record.get("date_precision"))
        links = check.mapping("links", record.get("links"))
        approvers = [
            Approver(
                check.text("name", a, "approvers.") or "", check.date("approvers", a.get("date"))
            )
            for a in check.objects("approvers", record.get("approvers"))
        ]
        gates = [
            GateFailure(
                check.text("status", g, "gates.") or "",
                check.text("rule", g, "gates.") or "",
                check.text("message", g, "gates.") or "",
            )
            for g in check.objects("gates", record.get("gates"))
        ]
        values: dict[str, Any] = dict(
            id=spec_id,
            docname=check.text("docname") or spec_id,
            lineno=None,
            anchor=anchor(spec_id),
            title=check.text("title") or "",
            status=check.text("status"),
            status_note=check.text("status_note") or "",
            authors=check.strings("authors", record.get("authors")),
            authors_note=check.text("authors_note") or "",
            team=check.text("team") or "",
            created=as_month(check.date("created", record.get("created")), months, "created"),
            updated=as_month(check.date("updated", record.get("updated")), months, "updated"),
            issues=check.issues("issues", record.get("issues")),
            tags=check.strings("tags", record.get("tags")),
            template=check.text("template") or "proposal",
            abstract=check.text("abstract") or "",
            supersedes=check.strings("supersedes", links.get("supersedes")),
            depends_on=check.strings("depends_on", links.get("depends_on")),
            related=check.strings("related", links.get("related")),
            web_links=check.web_links(record.get("web_links")),
            fields=dict(check.mapping("fields", record.get("fields"))),
            sections=check.strings("sections", record.get("sections")),
            approvers=approvers,
            gates=gates,
            external=check.text("external") or "",
            url=check.text("url") or "",
        )
        items: dict[str, ItemRecord] = {}
        # JSON keeps no order (the file's keys are sorted: G1, G10, G2): back to G1, G2, G10
        written = check.mapping("items", record.get("items"))
        for item_id, item in sorted(written.items(), key=lambda kv: natural_key(kv[0])):
            _checked_id("item", item_id)
            where = f"items.{item_id}."
            if not isinstance(item, dict):
                raise check.fail(f"items.{item_id}", "an object", item)
            checked = item.get("checked")
            if checked is not None and not isinstance(checked, bool):
                raise check.fail(f"items.{item_id}.checked", "true, false or null", checked)
            items[item_id] = ItemRecord(
                id=item_id,
                kind=check.text("kind", item, where) or "",
                text=check.text("text", item, where) or "",
                checked=checked,
                lineno=None,
                anchor=anchor(f"{spec_id}.{item_id}"),
                covers=check.strings(f"{where}covers", item.get("covers")),
                issues=check.issues(f"{where}issues", item.get("issues")),
                url=check.text("url", item, where) or "",
            )
        result.append(SpecRecord(items=items, **values))
    return result


def load_file(path: Path) -> SpecIndex:
    """:func:`load` of a file; raises ``OSError`` or ``ValueError`` (bad JSON, wrong shape)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("specs"), dict):
        raise ValueError(f"{path} is not a specs.json file (no 'specs' object)")
    if data.get("version") != FORMAT_VERSION:  # another shape: read as this one, it would lie
        raise ValueError(
            f"version {data.get('version')!r}, this sphinx-specs reads {FORMAT_VERSION}"
        )
    return load(data)
