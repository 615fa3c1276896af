"""``specs.json``, both ways: the one module that knows its shape.

:func:`dump` turns the index into the document every build writes (keys sorted, lists in a fixed
order, no timestamps: the same sources give the same bytes); :func:`load` turns such a document
back into records and an index, so the command line reads exactly what the build saw. The JSON
Schema that describes the shape ships beside the package (:data:`SCHEMA_PATH`) and is tested
against :func:`dump`'s output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .index import build_index
from .model import Approver, DocRecord, GateFailure, IssueRef, ItemRecord, SpecRecord

if TYPE_CHECKING:
    from .history import History
    from .index import SpecIndex
    from .suspect import Suspect

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "specs.schema.json"
FORMAT_VERSION = 1

#: ``(docname, anchor) -> URL``: how the writer links a spec or item (None: not linked).
UrlOf = Callable[[str, str], str | None]
#: A spec's unmet gate rules (the build evaluates them, :func:`.gates.evaluate`).
GatesOf = Callable[[SpecRecord], list[GateFailure]]


def spec_json(
    spec: SpecRecord, index: SpecIndex, url_of: UrlOf, gates_of: GatesOf | None = None
) -> dict[str, Any]:
    """One spec's entry of ``specs.json`` (``gates_of`` None: the gates the record holds)."""
    done, total = spec.progress()
    reverse = index.reverse_links(spec.id)
    entry = {
        "title": spec.title,
        "docname": spec.docname,
        "url": _url(spec, spec.url, spec.docname, spec.anchor, url_of),
        "status": spec.status,
        "authors": spec.authors,
        "approvers": [approver.as_json() for approver in spec.approvers],
        "gates": [g.as_json() for g in (gates_of(spec) if gates_of else spec.gates)],
        "team": spec.team or None,
        "created": spec.created,
        "updated": spec.updated,
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
            }
            for item in spec.items.values()
        },
    }
    if spec.external:
        # An imported spec (``specs_import``): its own site's absolute URL, and where from.
        entry["external"] = spec.external
    return entry


def _url(spec: SpecRecord, own: str, docname: str, anchor: str, url_of: UrlOf) -> str | None:
    """Where the writer links a spec or item on ``docname``: an imported one keeps its own
    site's URL."""
    if spec.external:
        return own or None
    return url_of(docname, anchor)


def dump(
    index: SpecIndex, project: str, url_of: UrlOf, gates_of: GatesOf | None = None
) -> dict[str, Any]:
    """The whole ``specs.json`` document of ``index``."""
    return {
        "version": FORMAT_VERSION,
        "project": project,
        "specs": {spec.id: spec_json(spec, index, url_of, gates_of) for spec in index.ordered()},
    }


def add_history(data: dict[str, Any], histories: Mapping[str, History]) -> None:
    """With the git history on: each spec's ``history`` (oldest first) and ``status_since``."""
    for spec_id, entry in data["specs"].items():
        history = histories.get(spec_id)
        if history is not None:
            entry["history"] = [change.as_json() for change in history.changes]
            entry["status_since"] = history.status_since


def add_suspects(data: dict[str, Any], found: Mapping[str, list[Suspect]]) -> None:
    """With the git history on: each item's ``suspect`` links (``[]`` when it has none)."""
    for spec_id, entry in data["specs"].items():
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


def dumps(data: dict[str, Any]) -> str:
    """The document as text: sorted keys, two-space indent, UTF-8 as it is, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _anchor(text: str) -> str:
    """An HTML id as docutils' ``make_id`` makes it, for the ASCII IDs specs use."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "spec"


def _issues(values: list[dict[str, Any]]) -> list[IssueRef]:
    return [IssueRef(str(v.get("text", "")), v.get("url")) for v in values]


def load(data: dict[str, Any]) -> SpecIndex:
    """The :class:`~.index.SpecIndex` of a ``specs.json`` document."""
    docs: dict[str, DocRecord] = {}
    external: list[SpecRecord] = []
    for spec in spec_records(data):
        if spec.external:
            external.append(spec)  # an org index's imported specs have no page of their own
        else:
            docs[spec.docname] = DocRecord(spec=spec)
    return build_index(docs, external)


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


def spec_records(data: dict[str, Any]) -> list[SpecRecord]:
    """The records of a ``specs.json`` document, in its order."""
    result: list[SpecRecord] = []
    for spec_id, record in data["specs"].items():
        links = record.get("links", {})
        spec = SpecRecord(
            id=spec_id,
            docname=record.get("docname") or spec_id,
            lineno=None,
            anchor=_anchor(spec_id),
            title=record.get("title", ""),
            status=record.get("status"),
            authors=list(record.get("authors", [])),
            team=record.get("team") or "",
            created=record.get("created"),
            updated=record.get("updated"),
            issues=_issues(record.get("issues", [])),
            tags=list(record.get("tags", [])),
            template=record.get("template") or "proposal",
            abstract=record.get("abstract", ""),
            supersedes=list(links.get("supersedes", [])),
            depends_on=list(links.get("depends_on", [])),
            related=list(links.get("related", [])),
            fields=dict(record.get("fields", {})),
            sections=list(record.get("sections", [])),
            approvers=[
                Approver(str(a.get("name", "")), a.get("date")) for a in record.get("approvers", [])
            ],
            gates=[
                GateFailure(
                    str(g.get("status", "")), str(g.get("rule", "")), str(g.get("message", ""))
                )
                for g in record.get("gates", [])
            ],
            external=str(record.get("external") or ""),
            url=str(record.get("url") or ""),
        )
        for item_id, item in record.get("items", {}).items():
            spec.items[item_id] = ItemRecord(
                id=item_id,
                kind=item.get("kind", ""),
                text=item.get("text", ""),
                checked=item.get("checked"),
                lineno=None,
                anchor=_anchor(f"{spec_id}.{item_id}"),
                covers=list(item.get("covers", [])),
                issues=_issues(item.get("issues", [])),
                url=str(item.get("url") or ""),
            )
        result.append(spec)
    return result


def load_file(path: Path) -> SpecIndex:
    """:func:`load` of a file; raises ``OSError`` or ``ValueError`` (bad JSON, wrong shape)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("specs"), dict):
        raise ValueError(f"{path} is not a specs.json file (no 'specs' object)")
    return load(data)
