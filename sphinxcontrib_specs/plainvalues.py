"""Values and labels of plain specs, whatever the metadata shape: labels as matched, values that
mean empty, statuses with more words, a title from the file name."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .core.templates import Template

#: Labels people write for the spec options, beyond the templates' own labels.
ALIASES: dict[str, str] = {
    "author": "authors",
    "author(s)": "authors",
    "authors": "authors",
    "owner": "authors",
    "owners": "authors",
    "status": "status",
    "state": "status",
    "team": "team",
    "created": "created",
    "date": "created",
    "created on": "created",
    "updated": "updated",
    "last updated": "updated",
    "issues": "issues",
    "related issues": "issues",
    "issue": "issues",
    "tags": "tags",
    "labels": "tags",
    "template": "template",
    "supersedes": "supersedes",
    "depends on": "depends-on",
    "dependencies": "depends-on",
    "related": "related",
    "related specs": "related",
    "related specifications": "related",
    "see also": "related",
    "id": "id",
    "spec id": "id",
    "title": "title",
}

#: Values that mean "nothing written here", whatever the shape.
EMPTY_VALUES = frozenset({"n/a", "na", "none", "-", "--", "tbd", "_tbd_", "*tbd*", "tbc", "?"})
_STATUS_TAIL = re.compile(r"^\s*[\(\[,;:\u2014\u2013-]")


def label_key(label: str) -> str:
    """A label as matched: case, punctuation, ``#`` and surrounding space ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", label.casefold()).split())


def empty_value(value: str) -> str:
    """``value``, or "" when it is one of :data:`EMPTY_VALUES`."""
    return "" if value.strip().casefold() in EMPTY_VALUES else value


def known_status(value: str, templates: Mapping[str, Template]) -> str:
    """A status value with more words keeps its first known status (``Accepted (2024-01-02)`` ->
    ``Accepted``, ``superseded by ADR-0123`` -> ``superseded``); other values are kept whole."""
    folded = value.casefold()
    statuses = sorted({s for t in templates.values() for s in t.statuses}, key=len, reverse=True)
    for status in statuses:
        if folded == status.casefold():
            return value
    for status in statuses:
        if folded.startswith(status.casefold()):
            tail = value[len(status) :]
            if not tail.strip() or tail[:1].isspace() or _STATUS_TAIL.match(tail):
                return status
    return value


def title_from_filename(filename: str) -> str:
    """``0001-private-fields.md`` -> "Private fields" (``README.md`` / ``index.md``: the folder)."""
    path = PurePath(filename)
    stem = path.stem
    if stem.casefold() in ("readme", "index") and path.parent.name:
        stem = path.parent.name
    words = re.sub(r"^[\d]+[-_. ]*", "", stem).replace("_", " ").replace("-", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:]
