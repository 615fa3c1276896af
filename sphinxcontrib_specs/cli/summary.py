"""What ``sphinx-specs init`` prints: what a user checks in ten seconds (the count, the shapes,
the IDs, the fields, the statuses, the sections), then the files the build will not read and
why."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from .reading import Count
    from .study import Study

_FORMAT_WORDS = (("%Y", "YYYY"), ("%m", "MM"), ("%d", "DD"), ("%B", "Month"), ("%b", "Mon"))


def _human(pattern: str) -> str:
    for code, word in _FORMAT_WORDS:
        pattern = pattern.replace(code, word)
    return pattern


def summary(folder: Path, result: Study, counted: Count, values: dict[str, Any]) -> list[str]:
    """What a user checks in ten seconds."""
    statuses = result.statuses
    template = next(iter(values["specs_templates"].values()))
    shapes = ", ".join(f"{n} {s}" for s, n in counted.shapes.most_common())
    dates = (
        ", dates " + _human(result.date_formats.most_common(1)[0][0]) if result.date_formats else ""
    )
    lines = [
        f"{folder}: {len(counted.specs)} specs ({shapes}), "
        f"IDs {_ids(values['specs_plain_id'], counted.specs.values())}, "
        f"{len(statuses)} statuses{dates}"
    ]
    if counted.parts:
        lines.append(f"pages of spec folders (part of their spec): {len(counted.parts)}")
    # labels are read whatever their case: "title" and "Title" are one
    spelled: dict[str, str] = {}
    for label, option in result.labels.items():
        spelled.setdefault(label.casefold(), f"{label} -> {option}")
    fields = list(spelled.values())
    if result.id_field:
        fields.append(f"{result.id_field} -> the ID")
    fields += [
        f"{f['label']} ({'links' if f.get('type') == 'link' else 'shown as written'})"
        for f in result.extra_fields
    ]
    no_fields = (
        "none (each ID from its file's or folder's number, each title from its first heading)"
    )
    lines.append(f"fields: {_capped(fields, 16) or no_fields}")
    if result.metadata_file:
        lines.append(f"metadata files: {', '.join(result.metadata_file)} beside each spec")
    if result.metadata_sections:
        lines.append(f"metadata sections: {', '.join(result.metadata_sections)}")
    written = _capped([f"{s} ({n})" for s, n in statuses.most_common()], 12)
    lines.append(f"statuses: {written or 'none written'}")
    if result.without_status:
        lines.append(
            f"{result.without_status} spec(s) write no status: default_status "
            f"{template['statuses'][0]}"
        )
    # the template's sections (a metadata section is not one of them), those some specs lack
    # marked so
    titles = [s if isinstance(s, str) else f"{s['title']} (optional)" for s in template["sections"]]
    lines.append(f"sections: {_capped(titles, 12) or 'none shared'}")
    # left out by a '!' pattern: a page with metadata but no number (a template) says so
    others = {
        c.page.path: "no number in its name" if c.entries and c.number is None else "no metadata"
        for c in result.candidates
        if c.page.path not in counted.specs
    }
    others = {
        p: why for p, why in others.items() if p not in counted.unread and p not in counted.parts
    }
    broken = [c for c in result.candidates if c.broken]
    for candidate in broken:  # the count's reason ("no metadata") is what follows from it
        if candidate.page.path in counted.unread:
            counted.unread[candidate.page.path] = candidate.broken + " (the build warns of it)"
    lines += unread_lines(folder, counted, others)
    read = [c for c in broken if c.page.path in counted.specs]
    if read:
        lines.append(f"{len(read)} spec(s) whose metadata cannot be read (the build warns of it):")
        lines += [f"  {c.page.relative}: {c.broken}" for c in read[:10]]
    return lines


def unread_lines(
    folder: Path, counted: Count, others: Mapping[Path, str] | None = None
) -> list[str]:
    """The files the build will not read as specs, each with why (the first ten); ``others``:
    those the written globs leave out, with what they lack."""
    unread = sorted(counted.unread.items())
    others = others or {}
    if not unread and not others:
        return []
    lines = [f"{len(unread) + len(others)} file(s) not read as specs:"]
    shown = [*unread, *((p, f"not selected: {why}") for p, why in others.items())]
    for path, why in shown[:10]:
        lines.append(f"  {path.relative_to(folder)}: {why}")
    if len(shown) > 10:
        lines.append(f"  ... and {len(shown) - 10} more")
    return lines


def _ids(pattern: str, ids: Iterable[str]) -> str:
    """The ID pattern, and the prefixes the IDs read have when they are not all one (a
    subfolder whose files name their own: ``SE-{number:04d} (as read: 7 SE, 2 ST)``)."""
    from ..core.index import id_prefix

    prefixes = Counter(id_prefix(i).rstrip("-_. ") for i in ids)
    if len(prefixes) < 2:
        return pattern
    read = ", ".join(f"{n} {prefix or 'without prefix'}" for prefix, n in prefixes.most_common())
    return f"{pattern} (as read: {read})"


def _capped(items: list[str], most: int) -> str:
    text = ", ".join(items[:most])
    return text + (f" (and {len(items) - most} more)" if len(items) > most else "")
