"""The reports' vocabulary and defaults, in one place for the directives, the renderers and the
command line: the columns a ``spec-table`` can show and their titles, what it shows by default,
the groupings of ``:group-by:`` and ``:by:``, the link kinds of ``spec-graph``, and the item kinds
a traceability matrix reads from (``DEFAULT_SOURCES``) and to (``DEFAULT_TARGETS``).
"""

from __future__ import annotations

#: The columns a ``spec-table`` can show (the product contract's list) and their headers.
COLUMN_TITLES: dict[str, str] = {
    "id": "ID",
    "title": "Title",
    "status": "Status",
    "authors": "Authors",
    "team": "Team",
    "created": "Created",
    "updated": "Updated",
    "issues": "Issues",
    "tags": "Tags",
    "template": "Template",
    "progress": "Progress",
    "goals": "Goals",
    "supersedes": "Supersedes",
    "depends-on": "Depends on",
    "approvals": "Approvals",
    "evidence": "Evidence",
}
TABLE_COLUMNS: tuple[str, ...] = tuple(COLUMN_TITLES)
DEFAULT_COLUMNS: tuple[str, ...] = ("id", "title", "status", "authors", "updated")
DEFAULT_SORT = "id"
#: ``spec-table :group-by:`` and ``spec-stats :by:``, with the header of the stats table.
GROUP_BY: tuple[str, ...] = ("status", "team", "template", "tag")
STATS_BY: dict[str, str] = {
    "status": "Status",
    "team": "Team",
    "template": "Template",
    "tag": "Tag",
    "author": "Author",
}
DEFAULT_STATS_BY = "status"
#: ``spec-graph :links:``: every kind by default.
GRAPH_LINKS: tuple[str, ...] = ("supersedes", "depends-on", "related")
#: ``spec-matrix :from:`` / ``:to:`` and ``sphinx-specs report --from`` / ``--to``.
DEFAULT_SOURCES: tuple[str, ...] = ("goal", "requirement")
DEFAULT_TARGETS: tuple[str, ...] = ("dod",)
