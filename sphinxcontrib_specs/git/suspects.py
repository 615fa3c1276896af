"""Suspect trace links, from the git reader's revisions: the domain's ``suspects``, and warnings.

At ``env-updated``, after :mod:`.reader` has its cached revisions (HEAD unchanged: no git
command runs), :func:`compute_suspects` builds each spec file's snapshots (the items of every
revision; a file with uncommitted edits, or not committed at all, gets the working tree as its
newest revision), takes every ``{covers}`` link of the build's records and keeps, per covering
item, the covered items that changed after it (:func:`.core.suspect.suspects`). With
``specs_suspect_warnings = True`` each is a ``specs.suspect`` warning at the covering item's line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import settings_of
from ..core.model import split_target
from ..core.suspect import TRAILER, LightItem, Point, Snapshot, read_items, suspects
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import SpecRecord

#: The order of the working tree: newer than any commit.
NOW = 1 << 62


def _snapshots(
    path: str, cache: dict[str, Any], top: Path, dirty: set[str], kinds: Any, today: str
) -> list[Snapshot]:
    order: dict[str, int] = cache["order"]
    revisions: list[tuple[str, str, list[LightItem]]] = cache["items"].get(path, [])
    result = [
        Snapshot(Point(order.get(commit, -1), commit, date), items)
        for commit, date, items in revisions
    ]
    if not result and path not in dirty:
        return []  # in no commit and not in the status: git ignores the file (no history)
    if path in dirty:  # edited, added or new: the working tree is the newest snapshot
        try:
            text = (top / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return result
        items = read_items(
            text, kinds, cache["plain"].get(path), cache.get("prefixes", {}).get(path, "")
        )
        result.append(Snapshot(Point(NOW, "", today), items))
    return result


def folder_pages(
    env: BuildEnvironment,
    specs: list[SpecRecord],
    files: dict[str, str],
    top: Path,
    plain: dict[str, dict[str, tuple[str, ...]]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Every page of the specs (docname -> path from ``top``): the spec's own page and the
    sub-pages of its folder, whose items suspect trace links follow too; and each sub-page's
    prefix of automatic item IDs (``design-``). A sub-page's lists are read in the sections any
    template gives items, as plain mode reads them; ``plain`` gets those sections."""
    from ..plain.lists import item_sections as any_item_sections
    from ..read.domain import get_domain
    from ..read.numbering import part_prefix

    domain = get_domain(env)
    pages = {s.docname: files[s.id] for s in specs}
    parts = sorted(part for s in specs for part in domain.index.parts.get(s.id, []))
    prefixes: dict[str, str] = {}
    if parts:
        sections = dict(sorted(any_item_sections(domain.settings.templates.values()).items()))
        for part in parts:
            path = pages[part] = _relative(Path(env.doc2path(part)), top)
            if path:
                plain[path] = sections
                prefixes[path] = part_prefix(part)
    return pages, prefixes


def _relative(path: Path, top: Path) -> str:
    try:
        return path.resolve().relative_to(top).as_posix()
    except ValueError:
        return ""  # outside the work tree: no history


def compute_suspects(
    app: Sphinx,
    specs: list[SpecRecord],
    pages: dict[str, str],
    cache: dict[str, Any],
    where: tuple[Path, set[str], Any, str],
) -> None:
    """Fill :attr:`.SpecsDomain.suspects` (covering item full ID -> its suspect links); warn.

    ``pages`` gives the file of each page of the specs (docname -> path from the top folder),
    the sub-pages of spec folders included: each file has its snapshots, and each item is looked
    up in the file of its page."""
    from ..read.domain import get_domain

    top, dirty, kinds, today = where
    snapshots = {
        path: _snapshots(path, cache, top, dirty, kinds, today)
        for path in sorted(set(pages.values()))
        if path
    }
    links = []
    item_files: dict[str, str] = {}
    for spec in specs:
        for item in spec.items.values():
            item_files[f"{spec.id}.{item.id}"] = pages.get(item.docname or spec.docname, "")
            for target in item.covers:
                target_spec, target_item = split_target(target)
                if target_item is not None:
                    links.append((spec.id, item.id, target_spec, target_item))
    found = suspects(links, snapshots, cache["reviewed"], item_files)
    get_domain(app.env).suspects = found
    if not settings_of(app.config).suspect_warnings:
        return
    by_id = {spec.id: spec for spec in specs}
    for full_id in sorted(found):
        spec_id, item_id = split_target(full_id)
        spec = by_id[spec_id]
        item = spec.items[item_id or ""]
        for link in found[full_id]:
            commit = f"commit {link.commit[:12]}" if link.commit else "uncommitted edits"
            warn(
                SpecsWarning.SUSPECT,
                f"{full_id} covers {link.target}, whose text changed on {link.date} ({commit}) "
                f"after {full_id} was last changed or checked; review it, then edit or check "
                f"it, or commit with the trailer '{TRAILER}: {full_id}'",
                location=(item.docname or spec.docname, item.lineno or spec.lineno),
            )
