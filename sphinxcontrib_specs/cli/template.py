"""The ``specs_templates`` entry ``sphinx-specs init`` writes for a folder, from its study
(:mod:`.study`): the statuses in the folder's spelling (which of them are done, inactive,
superseded), the labels the built-in aliases do not know, the sources and sections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .study import Study

_DONE = {"implemented", "final", "done", "completed", "complete", "released", "shipped"}
_INACTIVE = {
    "deferred",
    "withdrawn",
    "rejected",
    "abandoned",
    "stagnant",
    "obsolete",
    "declined",
    "moved",
}
_SUPERSEDED = {"superseded", "replaced"}


def template_entry(result: Study) -> dict[str, Any]:
    """The ``specs_templates`` entry for the folder."""
    from ..plain.labels import ALIASES, label_key

    known = {label_key(k) for k in ALIASES}
    aliases: dict[str, list[str]] = {}
    for label, option in result.labels.items():
        if label_key(label) not in known and option != "title":
            aliases.setdefault(option, [])
            if label not in aliases[option]:
                aliases[option].append(label)
    statuses = [s for s, _ in result.statuses.most_common()]
    if not statuses:
        statuses = ["Accepted"]
    entry: dict[str, Any] = {"statuses": statuses}
    folded = {s.casefold(): s for s in statuses}
    done = [folded[s] for s in folded if s in _DONE]
    inactive = [folded[s] for s in folded if s in _INACTIVE]
    superseded = [folded[s] for s in folded if s in _SUPERSEDED]
    if done:
        entry["done"] = done
    if inactive:
        entry["inactive"] = inactive
    if superseded:
        entry["superseded"] = superseded
    if aliases:
        entry["aliases"] = aliases
    if result.without_status:
        entry["default_status"] = statuses[0]
    if result.id_field:
        entry["id_field"] = result.id_field
    if result.numeric_dates:
        entry["date_formats"] = [result.numeric_dates]
    if result.metadata_file:
        entry["metadata_file"] = result.metadata_file
    if result.metadata_sections:
        entry["metadata_sections"] = result.metadata_sections
    if result.dod_sections:
        entry["dod_sections"] = result.dod_sections
    total = len(result.specs)
    metadata = set(result.metadata_sections)
    entry["sections"] = [
        t if n == total and total >= 3 else {"title": t, "required": False}
        for t, n in result.sections.most_common()
        if t not in metadata
    ]
    return entry
