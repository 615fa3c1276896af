"""``specs.json``: every spec and item, written once per build to the output folder.

The same sources give the same bytes: keys sorted, lists in a fixed order, no timestamps.
Its JSON Schema ships as ``sphinxcontrib_specs/schema/specs.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .domain import SpecIndex
    from .model import SpecRecord

SCHEMA_PATH = Path(__file__).parent / "schema" / "specs.schema.json"
FORMAT_VERSION = 1


def _url(builder: Builder, docname: str, anchor: str) -> str | None:
    if builder.format != "html":
        return None
    return f"{builder.get_target_uri(docname)}#{anchor}"


def spec_json(spec: SpecRecord, index: SpecIndex, builder: Builder) -> dict[str, Any]:
    done, total = spec.progress()
    reverse = index.reverse_links(spec.id)
    return {
        "title": spec.title,
        "docname": spec.docname,
        "url": _url(builder, spec.docname, spec.anchor),
        "status": spec.status,
        "authors": spec.authors,
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
                "url": _url(builder, spec.docname, item.anchor),
            }
            for item in spec.items.values()
        },
    }


def specs_data(app: Sphinx) -> dict[str, Any]:
    domain = get_domain(app.env)
    index = domain.index
    return {
        "version": FORMAT_VERSION,
        "project": app.config.project,
        "specs": {spec.id: spec_json(spec, index, app.builder) for spec in domain.specs()},
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_specs_json(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not get_domain(app.env).settings.json:
        return
    path = Path(app.outdir) / "specs.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    content = dumps(specs_data(app))
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_specs_json)


def index_from_json(data: dict[str, Any]) -> SpecIndex:
    """The :class:`~.domain.SpecIndex` of a ``specs.json``, for the command line's reports."""
    from docutils.nodes import make_id

    from .domain import build_index
    from .model import DocRecord, IssueRef, ItemRecord, SpecRecord

    def issues(values: list[dict[str, Any]]) -> list[IssueRef]:
        return [IssueRef(str(v.get("text", "")), v.get("url")) for v in values]

    docs: dict[str, DocRecord] = {}
    for spec_id, record in data["specs"].items():
        links = record.get("links", {})
        spec = SpecRecord(
            id=spec_id,
            docname=record.get("docname") or spec_id,
            lineno=None,
            anchor=make_id(spec_id),
            title=record.get("title", ""),
            status=record.get("status"),
            authors=list(record.get("authors", [])),
            team=record.get("team") or "",
            created=record.get("created"),
            updated=record.get("updated"),
            issues=issues(record.get("issues", [])),
            tags=list(record.get("tags", [])),
            template=record.get("template") or "proposal",
            abstract=record.get("abstract", ""),
            supersedes=list(links.get("supersedes", [])),
            depends_on=list(links.get("depends_on", [])),
            related=list(links.get("related", [])),
            fields=dict(record.get("fields", {})),
            sections=list(record.get("sections", [])),
        )
        for item_id, item in record.get("items", {}).items():
            spec.items[item_id] = ItemRecord(
                id=item_id,
                kind=item.get("kind", ""),
                text=item.get("text", ""),
                checked=item.get("checked"),
                lineno=None,
                anchor=make_id(f"{spec_id}.{item_id}"),
                covers=list(item.get("covers", [])),
                issues=issues(item.get("issues", [])),
            )
        docs[spec.docname] = DocRecord(spec=spec)
    return build_index(docs)
