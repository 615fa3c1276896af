"""Which lists of a plain spec are tracked items: the sections its template gives items
(``Section.items``), and in a section of goals and non-goals the lists after ``**Goals:**`` /
``**Non-Goals:**`` labels (see :mod:`.recognizer`). Shared by a spec's page and the sub-pages
of a spec folder, whose template is not known when they are read (every template's sections
count)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.templates.titles import normalize_title, title_variants
from .sources.base import bold_label

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from ..core.templates.model import Template


def part_lists(
    document: nodes.document, templates: Iterable[Template]
) -> list[tuple[nodes.bullet_list, str]]:
    """The tracked lists of a spec folder's sub-page: in the sections any of the project's
    templates gives items (the sub-page does not know its spec's template when it is read)."""
    return tracked_lists(list(document.findall(nodes.section)), item_sections(templates))


def tracked_lists(
    sections: list[nodes.section], item_sections: Mapping[str, tuple[str, ...]]
) -> list[tuple[nodes.bullet_list, str]]:
    """Each tracked list of ``sections`` with its item kind (see the module docstring), in the
    sections' order. A list is tracked once, by the innermost section that tracks it: a KEP's
    questionnaire and its sub-sections, each a checklist section, track their one list once;
    Open Questions inside a Definition of Done track theirs as questions."""
    found: list[list[tuple[nodes.bullet_list, str]]] = []
    for sub in sections:
        title_node = sub.next_node(nodes.title)
        kinds = item_sections.get(normalize_title(title_node.astext()) if title_node else "", ())
        if len(kinds) > 1:
            found.append([(b, k) for b, k in _goal_lists(sub, kinds[0]) if k in kinds])
        else:
            first = first_list(sub) if kinds else None
            found.append([] if first is None else [(first, kinds[0])])
    owner: dict[int, int] = {}  # list -> the last (innermost) section that tracks it
    for at, lists in enumerate(found):
        owner.update((id(bullets), at) for bullets, _ in lists)
    return [pair for at, lists in enumerate(found) for pair in lists if owner[id(pair[0])] == at]


def item_sections(templates: Iterable[Template]) -> dict[str, tuple[str, ...]]:
    """Section title (normalized, each variant) -> the item kinds its lists hold, as the
    templates say (``Section.items``); a section the templates give no items is prose."""
    found = list(templates)
    result: dict[str, tuple[str, ...]] = {}
    for each in found:
        for key, kind in (
            ("dod_sections", "dod"),
            ("goal_sections", "goal"),
            ("question_sections", "question"),
        ):
            for title in getattr(each, key):
                for variant in title_variants(title):
                    result.setdefault(variant, (kind,))
        for _, section in each.walk_sections():
            if section.items:
                for variant in title_variants(section.title):
                    result.setdefault(variant, section.items)
    # a Goals or Non-Goals section of its own, beside the templates' "Goals & Non-Goals"
    for title, kind in (("goals", "goal"), ("non goals", "non-goal"), ("nongoals", "non-goal")):
        result.setdefault(title, (kind,))
    return result


def _blocks(section: nodes.section) -> Iterator[nodes.Element]:
    """The blocks of ``section`` and its sub-sections, in document order (titles skipped)."""
    for child in section.children:
        if isinstance(child, nodes.section):
            yield from _blocks(child)
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.title):
            yield child


def _section_lists(section: nodes.section) -> Iterator[nodes.bullet_list]:
    return (b for b in _blocks(section) if isinstance(b, nodes.bullet_list))


def first_list(section: nodes.section) -> nodes.bullet_list | None:
    """The list a section of items tracks: its first bullet list, in its sub-sections too (a
    list inside another list's item is not one)."""
    return next(_section_lists(section), None)


def _goal_label(block: nodes.Element) -> str | None:
    """``goal`` / ``non-goal`` for a paragraph that is only a ``**Goals:**`` label."""
    if not isinstance(block, nodes.paragraph):
        return None
    parsed = bold_label(block)
    if parsed is None:
        children = [c for c in block.children if c.astext().strip()]
        if len(children) != 1 or not isinstance(children[0], nodes.strong):
            return None
        label = children[0].astext()
    else:
        label, rest = parsed
        if "".join(n.astext() for n in rest).strip():
            return None
    key = normalize_title(label)
    if key in ("goals", "goal"):
        return "goal"
    if key in ("non goals", "non goal", "nongoals"):
        return "non-goal"
    return None


def _goal_lists(section: nodes.section, unlabelled: str) -> list[tuple[nodes.bullet_list, str]]:
    """The goal and non-goal lists of a Goals section (see the module docstring)."""
    blocks = list(_blocks(section))
    labelled = [(i, kind) for i, b in enumerate(blocks) if (kind := _goal_label(b)) is not None]
    if not labelled:
        first = next(_section_lists(section), None)
        return [] if first is None else [(first, unlabelled)]
    result = []
    for n, (index, kind) in enumerate(labelled):
        until = labelled[n + 1][0] if n + 1 < len(labelled) else len(blocks)
        found = next(
            (b for b in blocks[index + 1 : until] if isinstance(b, nodes.bullet_list)), None
        )
        if found is not None:
            result.append((found, kind))
    return result
