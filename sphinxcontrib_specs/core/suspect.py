"""Suspect trace links: an item whose covered goal or requirement changed after it. Sphinx-free.

An item that ``{covers}`` another is *suspect* when the text of the covered item changed in a
commit after the covering item was last changed, checked or unchecked, or named in a
``Specs-Reviewed:`` commit trailer. The texts at each commit come from the same single history
pass as the status history (``git/reader.py``): each revision's file text is read here by a light
item reader (:func:`read_items`), line by line, like the status reader of :mod:`.history`:

- MyST fences (```` ```{goals} ````, ``:::{dod}``, any directive name of ``specs_item_kinds``,
  its ``spec-`` name or an alias) and reStructuredText directives (``.. goals::``);
- in them, each top-level bullet: its ``[x]`` / ``[ ]`` checkbox, its ``{#ID}`` and its own text
  (continuation lines; nested lists left out), whitespace collapsed;
- in a file with no item directive, given the item sections of the spec's template (a plain
  Markdown spec), the lists as plain mode finds them: the first list under a section whose title
  the template gives items (``## Definition of Done``), and in a Goals section the lists after
  ``**Goals:**`` / ``**Non-Goals:**`` labels.

Each revision's items are matched to the revision before by :func:`.identity.match`, the rule
``sphinx-specs diff`` follows too: by explicit ID when they have one, else by their kind and text,
so inserting an item renumbers nothing that matters: an auto-numbered item whose text is
unchanged is the same item, whatever its number was. An item reads as it did while its text, its
checkbox (for a covering item) and the ID its author wrote, if any, stay the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .frozen import frozen
from .identity import match
from .lazyre import lazy_compile
from .model import ITEM_ID
from .templates.titles import normalize_title, title_variants

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .identity import Matching
    from .templates.model import Template

#: The trailer that marks covering items reviewed: ``Specs-Reviewed: SPEC-0042.D1, SPEC-0043``.
TRAILER = "Specs-Reviewed"

_FENCE = lazy_compile(r"^(\s*)(`{3,}|:{3,})\{([\w-]+)\}")
_RST = lazy_compile(r"^(\s*)\.\.\s+([\w-]+)::")
#: How a line that :data:`_FENCE` or :data:`_RST` matches starts, after its indentation (a
#: test that skips most lines before the patterns are tried).
_OPENERS = ("```", ":::", "..")
_BULLET = lazy_compile(r"^(\s*)[-*+]\s+(.*)$")
_CHECKBOX = lazy_compile(r"^\[([ xX])\]\s+")
_EXPLICIT = lazy_compile(r"^\{#([^}\s]*)\}\s*")
_HEADING = lazy_compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_CODE = lazy_compile(r"^\s*(`{3,}|~{3,})")
_LABEL = lazy_compile(r"^\s*\*\*([^*]+?)\*\*\s*:?\s*$")
_GOAL_LABELS = {"goals": "goal", "goal": "goal", "non goals": "non-goal", "non goal": "non-goal"}


@frozen(slots=True)
class LightItem:
    """One tracked item as the light reader sees it in a file's text."""

    kind: str
    id: str
    explicit: bool
    text: str
    checked: bool | None


@frozen(slots=True)
class Point:
    """A place in the history: ``order`` grows with time (the working tree is the newest)."""

    order: int
    commit: str
    date: str


@frozen(slots=True)
class Suspect:
    """A covered item that changed after the covering item was last changed or reviewed."""

    target: str
    date: str
    commit: str

    def as_json(self) -> dict[str, str | None]:
        return {"target": self.target, "date": self.date, "commit": self.commit or None}


@dataclass(slots=True)
class Snapshot:
    """The items of one revision of a spec file."""

    point: Point
    items: list[LightItem]


class Lineage:
    """A file's snapshots, oldest first, each one's items matched to the revision before it by
    :func:`.identity.match` (each pair once, when first needed)."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.snapshots = snapshots
        self._steps: dict[int, Matching[LightItem]] = {}

    def step(self, index: int) -> Matching[LightItem]:
        """The matching of revision ``index - 1`` (old) to revision ``index`` (new)."""
        found = self._steps.get(index)
        if found is None:
            older, newer = self.snapshots[index - 1], self.snapshots[index]
            found = self._steps[index] = match(older.items, newer.items)
        return found

    def changed_at(self, position: int, *, state: bool) -> Point:
        """Since when the newest revision's item at ``position`` reads as it does now (with its
        checkbox when ``state``, with the same written ID): the oldest revision of the unbroken
        run that ends at the newest."""
        newest = len(self.snapshots) - 1
        item = self.snapshots[newest].items[position]
        since = self.snapshots[newest].point
        for index in range(newest, 0, -1):
            was = self.step(index).pairs.get(position)
            if was is None:
                break
            found = self.snapshots[index - 1].items[was]
            if (
                found.text != item.text
                or _written(found) != _written(item)
                or (state and found.checked != item.checked)
            ):
                break
            position, since = was, self.snapshots[index - 1].point
        return since


def _written(item: LightItem) -> str | None:
    """The ID the author wrote (None: numbered): writing, changing or removing it is an edit."""
    return item.id if item.explicit else None


def _blocks(lines: list[str], kinds: Mapping[str, tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(kind, body lines) of each item directive in the text, in document order."""
    found: list[tuple[str, list[str]]] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if not line.lstrip().startswith(_OPENERS):  # what both patterns need, found faster
            continue
        fence = _FENCE.match(line)
        rst = None if fence else _RST.match(line)
        name = (fence.group(3) if fence else rst.group(2) if rst else "").lower()
        if name not in kinds:
            continue
        body: list[str] = []
        if fence:
            closing = re.compile(
                rf"^\s*{re.escape(fence.group(2)[0])}{{{len(fence.group(2))},}}\s*$"
            )
            while number < len(lines) and not closing.match(lines[number]):
                body.append(lines[number])
                number += 1
            number += 1
        else:
            indent = len(rst.group(1)) if rst else 0
            while number < len(lines):
                text = lines[number]
                if text.strip() and len(text) - len(text.lstrip()) <= indent:
                    break
                body.append(text)
                number += 1
        found.append((kinds[name][0], body))
    return found


def item_sections(template: Template) -> dict[str, tuple[str, ...]]:
    """Section title (normalized, each variant) -> the item kinds its lists hold (plain specs)."""
    result: dict[str, tuple[str, ...]] = {}
    for _, section in template.walk_sections():
        if section.items:
            for variant in title_variants(section.title):
                result.setdefault(variant, section.items)
    return dict(sorted(result.items()))


def _plain_blocks(
    lines: list[str], sections: Mapping[str, tuple[str, ...]]
) -> list[tuple[str, list[str]]]:
    """(kind, lines) of each item list of a plain spec, as plain mode finds them."""
    heads: list[tuple[int, int, str]] = []  # line, level, normalized title
    fence = ""
    for number, line in enumerate(lines):
        if not line.startswith("#") and not line.lstrip().startswith(("```", "~~~")):
            continue  # neither a heading nor a code fence (what the two patterns need)
        code = _CODE.match(line)
        if fence:
            if code and code.group(1)[0] == fence[0] and len(code.group(1)) >= len(fence):
                fence = ""
            continue
        if code:
            fence = code.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            heads.append((number, len(heading.group(1)), normalize_title(heading.group(2))))
    found: list[tuple[str, list[str]]] = []
    for index, (start, level, title) in enumerate(heads):
        kinds = sections.get(title, ())
        if not kinds:
            continue
        end = next((n for n, depth, _ in heads[index + 1 :] if depth <= level), len(lines))
        body = lines[start + 1 : end]
        labels = []
        if len(kinds) > 1:
            for number, line in enumerate(body):
                label = _LABEL.match(line)
                kind = _GOAL_LABELS.get(normalize_title(label.group(1))) if label else None
                if kind is not None:
                    labels.append((number, kind))
        if not labels:
            found.append((kinds[0], body))
        for n, (number, kind) in enumerate(labels):
            until = labels[n + 1][0] if n + 1 < len(labels) else len(body)
            if kind in kinds:
                found.append((kind, body[number + 1 : until]))
    return found


def _bullets(body: list[str]) -> list[str]:
    """The own text of each top-level bullet of a directive's body (options skipped)."""
    items: list[list[str]] = []
    indent: int | None = None
    nested = False
    for line in body:
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        if indent is None:
            if bullet is None:
                continue  # options and text before the list
            indent = depth
        if bullet is not None and depth == indent:
            items.append([bullet.group(2)])
            nested = False
        elif depth > indent and items:
            nested = nested or bullet is not None
            if not nested:
                items[-1].append(line.strip())
        elif depth <= indent:
            break  # the list ended
    return [" ".join(" ".join(parts).split()) for parts in items]


def read_items(
    text: str,
    kinds: Mapping[str, tuple[str, str, bool]],
    sections: Mapping[str, tuple[str, ...]] | None = None,
    page_prefix: str = "",
) -> list[LightItem]:
    """The tracked items of a spec file's text, with their IDs numbered as the build numbers them.

    ``kinds`` maps each item directive name (lower case, every spelling) to (kind, ID prefix,
    checkable); ``sections`` (:func:`item_sections`), when given, reads a file without item
    directives as a plain spec; ``page_prefix`` starts the automatic IDs of a spec folder's
    sub-page (``design-`` for ``design-D1``), as the build numbers them.
    """
    raw: list[tuple[str, str, str, bool | None]] = []  # kind, explicit ID, text, checked
    lines = text.splitlines()
    blocks = _blocks(lines, {k: (v[0], v[1]) for k, v in kinds.items()})
    if not blocks and sections:
        blocks = _plain_blocks(lines, sections)
    for kind, body in blocks:
        checkable = next((v[2] for v in kinds.values() if v[0] == kind), False)
        for bullet in _bullets(body):
            checked: bool | None = None
            box = _CHECKBOX.match(bullet)
            if box:
                checked = box.group(1) in "xX"
                bullet = bullet[box.end() :]
            explicit = _EXPLICIT.match(bullet)
            item_id = explicit.group(1) if explicit else ""
            if explicit:
                bullet = bullet[explicit.end() :]
            raw.append((kind, item_id, bullet.strip(), bool(checked) if checkable else None))
    prefixes = {v[0]: v[1] for v in kinds.values()}
    written = {item_id for _, item_id, _, _ in raw if item_id}
    taken: set[str] = set()
    counters: dict[str, int] = {}
    result = []
    for kind, item_id, words, checked in raw:
        kept = bool(item_id) and bool(ITEM_ID.match(item_id)) and item_id not in taken
        if not kept:
            prefix = prefixes.get(kind, kind.upper())
            while True:
                counters[prefix] = counters.get(prefix, 0) + 1
                item_id = f"{page_prefix}{prefix}{counters[prefix]}"
                if item_id not in written and item_id not in taken:
                    break
        taken.add(item_id)
        result.append(LightItem(kind, item_id, kept, words, checked))
    return result


def parse_trailers(values: Iterable[str]) -> list[str]:
    """The IDs a commit's ``Specs-Reviewed:`` values name (commas or spaces between them)."""
    return [part for value in values for part in re.split(r"[\s,]+", value) if part]


def suspects(
    links: Iterable[tuple[str, str, str, str]],
    files: Mapping[str, list[Snapshot]],
    reviewed: Mapping[str, int],
    pages: Mapping[str, str] | None = None,
) -> dict[str, list[Suspect]]:
    """Covering item full ID -> its suspect links, from ``(spec ID, item ID, target spec ID,
    target item ID)`` links, the snapshots (oldest first) of each file and the newest review
    order of each ID a trailer names (a covering item's full ID, or its spec's ID).

    ``files`` is keyed by spec ID, or, with ``pages`` (item full ID -> key of its file's
    snapshots), by file: a spec folder's items live in several files."""
    result: dict[str, list[Suspect]] = {}
    where = pages or {}
    lineages: dict[str, Lineage] = {}

    def find(spec: str, item_id: str) -> tuple[Lineage, int] | None:
        key = where.get(f"{spec}.{item_id}", spec)
        snapshots = files.get(key)
        if not snapshots:
            return None
        position = next((n for n, i in enumerate(snapshots[-1].items) if i.id == item_id), None)
        if position is None:
            return None
        return lineages.setdefault(key, Lineage(snapshots)), position

    for spec_id, item_id, target_spec, target_id in links:
        own, other = find(spec_id, item_id), find(target_spec, target_id)
        if own is None or other is None:
            continue
        cover_since = own[0].changed_at(own[1], state=True)
        target_since = other[0].changed_at(other[1], state=False)
        full = f"{spec_id}.{item_id}"
        seen = max(cover_since.order, reviewed.get(full, -1), reviewed.get(spec_id, -1))
        found = Suspect(f"{target_spec}.{target_id}", target_since.date, target_since.commit)
        if target_since.order > seen and found not in result.get(full, []):
            result.setdefault(full, []).append(found)
    return result
