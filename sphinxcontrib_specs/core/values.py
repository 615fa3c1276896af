"""A spec's flat values: the fields filters, sorting and the command line read, and how they sort.

:func:`spec_values` gives the same view of a spec whether its record came from a build or from
``specs.json``; :func:`sort_key` orders values naturally (``SPEC-2`` before ``SPEC-10``), empty
last.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .dates import parse_spec_date
from .reportdefs import TABLE_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .model import SpecRecord

FIELDS: tuple[str, ...] = (
    *TABLE_COLUMNS,
    "related",
    "superseded-by",
    "needed-by",
    "docname",
    "abstract",
    "approvers",
    "external",
    "verified",
)
DATE_FIELDS = {"created", "updated"}


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------


def progress_percent(done: int, total: int) -> float | None:
    return round(100 * done / total, 1) if total else None


def spec_values(
    spec: SpecRecord,
    reverse: Mapping[str, list[str]] | None = None,
    evidence: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The flat view of a spec that filters, sorting and the command line read; ``reverse``: the
    links to it from other specs (``SpecIndex.reverse_links``); ``evidence``: the counts of
    ``EvidenceIndex.counts`` over the spec and its items (None: the project reads none)."""
    done, total = spec.progress()
    reverse = reverse or {}
    values: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "status": spec.status,
        "authors": list(spec.authors),
        "team": spec.team or None,
        "created": parse_spec_date(spec.created) if spec.created else None,
        "updated": parse_spec_date(spec.updated) if spec.updated else None,
        "issues": [issue.text for issue in spec.issues],
        "tags": list(spec.tags),
        "template": spec.template,
        "progress": progress_percent(done, total),
        "goals": [i.id for i in spec.items.values() if i.kind == "goal"],
        "supersedes": list(spec.supersedes),
        "depends-on": list(spec.depends_on),
        "related": list(reverse.get("related", spec.related)),
        "superseded-by": list(reverse.get("superseded_by", [])),
        "needed-by": list(reverse.get("needed_by", [])),
        "docname": spec.docname,
        "abstract": spec.abstract,
        "approvals": spec.approvals(),
        "approvers": [a.name for a in spec.approvers],
        # the specs_import name of an imported spec; none for this project's own
        "external": spec.external or None,
        # how many of the spec and its items are verified (a passing test, none failing)
        "verified": evidence["verified"] if evidence is not None else None,
        "evidence": evidence["verified"] if evidence is not None else None,
    }
    for name, value in spec.fields.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [str(v.get("text", "")) for v in value]  # issue and link fields: their text
        values.setdefault(name, value)
    return values


# ---------------------------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------------------------


def natural_key(text: str) -> tuple[Any, ...]:
    """``SPEC-9`` before ``SPEC-10``: digits compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def sort_key(value: Any) -> tuple[Any, ...]:
    """A key that sorts missing values last and compares like with like."""
    if value is None or value == [] or value == "":
        return (1,)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, int | float):
        return (0, 0, value)
    if isinstance(value, dt.date):
        return (0, 1, value.toordinal())
    return (0, 2, natural_key(str(value)))
