"""The git reader: every spec file's revisions in one ``git log`` pass per build.

``specs_git`` is ``"auto"`` (on inside a git work tree, silently off elsewhere), ``True`` (a
``specs.git`` warning when git or the work tree is missing) or ``False``. At ``env-updated``
(main process, once per build, after every page is read and merged, before the environment is
pickled, so the cache is kept) this module runs, from the repository's top folder:

1. ``git rev-parse HEAD`` and ``git status --porcelain`` (the cache key, with the spec files);
2. when the key changed: one ``git log --raw -M`` over the source folder, newest first, following
   each spec file back through its renames, and one ``git cat-file --batch`` reading the blobs of
   the revisions; the status at each is read by :func:`.core.history.status_in_text` and the
   tracked items by :func:`.core.suspect.read_items`; and one ``git log`` of commit IDs with their
   ``Specs-Reviewed:`` trailers (the order of commits, for suspect trace links: :mod:`.suspects`).

The result (spec ID -> :class:`~.core.history.History`) is kept in the ``specs`` domain
(:attr:`.SpecsDomain.history`, pickled with the environment with the cache and its key);
renderers read it there. A spec file with uncommitted edits (or not yet committed) gets a last
revision dated the build's date (``SOURCE_DATE_EPOCH`` when set); a file git ignores has no
history. When the key changes between builds, every page with a spec is read again so its card
is rewritten.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import settings_of
from ..core.history import (
    UNCOMMITTED,
    History,
    Revision,
    build_date,
    compute,
    stale_days,
    status_in_text,
)
from ..core.suspect import TRAILER, LightItem, item_sections, parse_trailers, read_items
from ..warnings_ import LOGGER, SpecsWarning, warn

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import SpecRecord

#: Record separator of the log's header lines.
_MARK = "\x01"


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """Run git in ``top``; None when git is missing or fails."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=top,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _top(srcdir: Path) -> Path | None:
    out = _git(srcdir, "rev-parse", "--show-toplevel")
    return Path(out.decode("utf-8", "replace").strip()) if out else None


def work_tree_top(folder: Path) -> Path | None:
    """The top of the git work tree ``folder`` is in; None outside one or without git."""
    return _top(folder)


def head_commit(top: Path) -> str | None:
    """The commit HEAD names; None before the first commit or without git."""
    out = _git(top, "rev-parse", "--verify", "-q", "HEAD")
    return out.decode("ascii", "replace").strip() or None if out else None


def changed_files(top: Path) -> frozenset[str]:
    """The files of the work tree that differ from HEAD (edited, added, untracked), from the top."""
    status = _git(top, "status", "--porcelain", "-z", "--untracked-files=all")
    return frozenset(_dirty(status.decode("utf-8", "replace"))) if status else frozenset()


def read_log(top: Path, paths: dict[str, str], under: str) -> dict[str, list[tuple[str, ...]]]:
    """Per spec path (relative to ``top``): (commit, date, author, blob) oldest first.

    ``paths`` maps each spec file's current path to itself; walking back, a rename moves the key
    to the old name and an addition ends the file's history.
    """
    out = _git(
        top,
        "log",
        "--raw",
        "-M",
        "--no-abbrev",
        f"--format={_MARK}%H%x09%cs%x09%an",
        "HEAD",
        "--",
        under or ".",
    )
    found: dict[str, list[tuple[str, ...]]] = {path: [] for path in paths}
    if out is None:
        return found
    tracked = dict(paths)
    header: tuple[str, str, str] = ("", "", "")
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith(_MARK):
            parts = line[1:].split("\t")
            if len(parts) == 3:
                header = (parts[0], parts[1], parts[2])
            continue
        if not line.startswith(":") or "\t" not in line:
            continue
        meta, _, names = line.partition("\t")
        fields = meta.split()
        if len(fields) < 5:
            continue
        blob, kind = fields[3], fields[4][:1]
        name_list = names.split("\t")
        new = name_list[-1]
        spec_path = tracked.get(new)
        if spec_path is None or kind == "D":
            continue
        found[spec_path].append((header[0], header[1], header[2], blob))
        del tracked[new]
        if kind in ("R", "C") and len(name_list) == 2:
            tracked[name_list[0]] = spec_path
        elif kind != "A":
            tracked[new] = spec_path
    for revisions in found.values():
        revisions.reverse()
    return found


def read_blobs(top: Path, blobs: set[str]) -> dict[str, str]:
    """The text of each blob, in one ``git cat-file --batch``."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in ordered).encode())
    texts: dict[str, str] = {}
    if out is None:
        return texts
    pos = 0
    for blob in ordered:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        head = out[pos:end].split()
        pos = end + 1
        if len(head) < 3 or head[1] != b"blob":
            continue
        size = int(head[2])
        texts[blob] = out[pos : pos + size].decode("utf-8", "replace")
        pos += size + 1
    return texts


def read_order(top: Path, commits: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """The order (oldest 0) of ``commits`` among HEAD's history, and the newest order at which a
    ``Specs-Reviewed:`` trailer names each ID; one ``git log`` without diffs."""
    out = _git(
        top,
        "log",
        f"--format={_MARK}%H%x09%(trailers:key={TRAILER},valueonly,separator=%x2C)",
        "HEAD",
    )
    lines = out.decode("utf-8", "replace").split(_MARK)[1:] if out else []
    order: dict[str, int] = {}
    reviewed: dict[str, int] = {}
    for number, line in enumerate(reversed(lines)):
        commit, _, trailers = line.strip().partition("\t")
        if commit in commits:
            order[commit] = number
        for name in parse_trailers([trailers]):
            reviewed[name] = max(reviewed.get(name, -1), number)
    return order, reviewed


def item_kinds(env: BuildEnvironment) -> dict[str, tuple[str, str, bool]]:
    """Each item directive name (``goals``, ``spec-goals``, ``dod``): (kind, prefix, checkable)."""
    from ..config import ITEM_ALIASES
    from ..read.domain import get_domain

    kinds = get_domain(env).settings.item_kinds
    names = dict(kinds)
    names.update({alias: kinds[to] for alias, to in ITEM_ALIASES.items() if to in kinds})
    result: dict[str, tuple[str, str, bool]] = {}
    for name, kind in names.items():
        for spelling in (name, name if name.startswith("spec-") else f"spec-{name}"):
            result[spelling.lower()] = (kind.kind, kind.prefix, kind.checkable)
    return dict(sorted(result.items()))


def item_revisions(
    revisions: list[tuple[str, ...]],
    texts: dict[str, str],
    kinds: dict[str, tuple[str, str, bool]],
    sections: dict[str, tuple[str, ...]] | None,
    page_prefix: str = "",
) -> list[tuple[str, str, list[LightItem]]]:
    """(commit, date, items) of the revisions whose items differ from the revision before: one
    that only changed prose can never be where an item started to read as it does now, and
    leaving it out keeps the cached environment small."""
    result: list[tuple[str, str, list[LightItem]]] = []
    for commit, date, _, blob in revisions:
        items = read_items(texts.get(blob, ""), kinds, sections, page_prefix)
        if not result or items != result[-1][2]:
            result.append((commit, date, items))
    return result


def _relative(path: Path, top: Path) -> str:
    """The path from the top folder; "" for a file outside the work tree (no history)."""
    try:
        return path.resolve().relative_to(top).as_posix()
    except ValueError:
        return ""


def _key(app: Sphinx, top: Path, under: str) -> tuple[str, str] | None:
    """HEAD and the work tree's status of the source folder, the output folders left out."""
    head = _git(top, "rev-parse", "--verify", "-q", "HEAD")
    skip = [_relative(Path(folder), top) for folder in (app.outdir, app.doctreedir)]
    excludes = [f":(exclude){folder}" for folder in skip if folder and folder != "."]
    status = _git(
        top, "status", "--porcelain", "-z", "--untracked-files=all", "--", under or ".", *excludes
    )
    if status is None:
        return None
    return (head.decode().strip() if head else "", status.decode("utf-8", "replace"))


def _dirty(status: str) -> set[str]:
    paths = set()
    entries = status.split("\0")
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) > 3:
            paths.add(entry[3:])
            skip = entry[0] in "RC"
    return paths


def compute_histories(app: Sphinx, env: BuildEnvironment) -> None:
    """Fill the domain's history (spec ID -> History), emptied by :func:`..git.compute_histories`;
    cached by HEAD, status and files."""
    from ..read.domain import get_domain
    from .suspects import compute_suspects, folder_pages

    setting = settings_of(app.config).git
    domain = get_domain(env)
    srcdir = Path(app.srcdir).resolve()
    top = _top(srcdir)
    if top is None:
        if setting == "on":
            warn(SpecsWarning.GIT, "specs_git = True, but git or a git work tree is missing")
        return
    top = top.resolve()
    under = srcdir.relative_to(top).as_posix() if srcdir != top else ""
    key = _key(app, top, under)
    if key is None:
        return
    specs = list(domain.specs())
    files = {
        s.id: Path(env.doc2path(s.docname)).resolve().relative_to(top).as_posix() for s in specs
    }
    today = build_date()
    cache = domain.git_cache
    kinds = item_kinds(env)
    settings = domain.settings
    plain = {
        files[s.id]: item_sections(settings.template(s.template)) for s in specs if files[s.id]
    }
    pages, prefixes = folder_pages(env, specs, files, top, plain)
    wanted = sorted(set(pages.values()) - {""})
    if (
        cache.get("head") != key[0]
        or cache.get("files") != wanted
        or (cache.get("kinds"), cache.get("plain"), cache.get("prefixes"))
        != (kinds, plain, prefixes)
    ):
        shallow = (_git(top, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
        logs = read_log(top, {path: path for path in wanted}, under) if key[0] else {}
        texts = read_blobs(top, {r[3] for revs in logs.values() for r in revs})
        revisions = {
            path: [Revision(c, d, a, status_in_text(texts.get(b, ""))) for c, d, a, b in revs]
            for path, revs in logs.items()
        }
        items = {
            path: item_revisions(revs, texts, kinds, plain.get(path), prefixes.get(path, ""))
            for path, revs in logs.items()
        }
        order, reviewed = read_order(top, {r[0] for revs in logs.values() for r in revs})
        cache = {
            "head": key[0],
            "files": wanted,
            "kinds": kinds,
            "plain": plain,
            "prefixes": prefixes,
            "revisions": revisions,
            "items": items,
            "order": order,
            "reviewed": reviewed,
            "shallow": shallow,
        }
        domain.git_cache = cache
    if cache["shallow"]:
        LOGGER.info(
            "sphinx-specs [specs.git]: the git history is shallow, so status histories are "
            "partial; fetch the whole history (actions/checkout: fetch-depth: 0)"
        )
    dirty = _dirty(key[1])
    histories: dict[str, History] = {}
    for spec in specs:
        path = files[spec.id]
        if not path:
            continue
        revs = list(cache["revisions"].get(path, []))
        if path in dirty:  # edited, added or new (untracked): the page's status is now
            revs.append(Revision(UNCOMMITTED, today.isoformat(), "", spec.status))
        elif not revs:  # in no commit and not in the status: git ignores the file
            continue
        histories[spec.id] = compute(revs, spec.status, complete=not cache["shallow"])
    domain.history = histories
    check_stale(app, specs, histories, today)
    compute_suspects(app, specs, pages, cache, (top, dirty, kinds, today.isoformat()))
    domain.git_key = (key, today.isoformat())


def check_stale(
    app: Sphinx, specs: list[SpecRecord], histories: dict[str, History], today: date
) -> None:
    from ..read.domain import get_domain

    settings = get_domain(app.env).settings
    for spec in specs:
        history = histories.get(spec.id)
        limit = settings.template(spec.template).stale_after.get(spec.status or "")
        days = stale_days(limit, history, today)
        if days and history is not None:
            warn(
                SpecsWarning.STALE,
                f"spec {spec.id} has been {spec.status} since {history.status_since} "
                f"({days} days); its template allows {limit} days",
                location=(spec.docname, spec.lineno),
            )


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page with a spec or a report, when HEAD, the work tree or the build date moved."""
    from ..read.domain import get_domain

    old = get_domain(env).git_key
    if old is None:
        return []
    srcdir = Path(app.srcdir).resolve()
    top = _top(srcdir)
    if top is None:
        return []
    top = top.resolve()
    under = srcdir.relative_to(top).as_posix() if srcdir != top else ""
    if (_key(app, top, under), build_date().isoformat()) == old:
        return []
    docs = get_domain(env).docs
    return sorted({name for name, doc in docs.items() if doc.spec or doc.reports} - removed)
