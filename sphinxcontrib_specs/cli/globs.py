"""The globs ``sphinx-specs init`` writes in ``specs_plain_markdown``: patterns that select the
spec files of a folder (so a spec added tomorrow is a spec), never a list of today's files."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def _glob_of(relative: str) -> str:
    """A file's glob: a numbered name becomes ``[0-9]*``, a name with a prefix and a number
    ``eip-*``; other names stay as they are (``README.md``)."""
    from ..plain.sources.names import NAME_NUMBER  # the command line starts without docutils

    parts = relative.split("/")
    result = []
    for n, part in enumerate(parts):
        suffix = "." + part.rsplit(".", 1)[1] if n == len(parts) - 1 and "." in part else ""
        # the build's rule for a numbered name (sources.names), as a pattern
        named = NAME_NUMBER.match(part)
        if named is None:
            result.append(part)
        elif named.group("prefix"):
            result.append(f"{named.group('prefix')}{named.group('separator')}*{suffix}")
        else:
            result.append(f"[0-9]*{suffix}")
    return "/".join(result)


def spec_globs(files: list[Path], parts: list[Path], unread: list[Path], folder: Path) -> list[str]:
    """Globs that select the spec files (never a list of today's files, so a spec added
    tomorrow is a spec), with ``!`` patterns for the files they match that are no specs. A
    folder level whose name varies between specs (``keps/sig-*/``) becomes ``*``."""
    from fnmatch import fnmatch

    names = [p.relative_to(folder).as_posix() for p in (*files, *parts)]
    globs = sorted({_glob_of(n) for n in names})
    merged: set[str] = set()
    for glob in globs:
        levels = glob.split("/")
        for other in globs:
            theirs = other.split("/")
            if other != glob and len(theirs) == len(levels):
                diff = [n for n in range(len(levels)) if levels[n] != theirs[n]]
                if len(diff) == 1 and diff[0] < len(levels) - 1:
                    levels[diff[0]] = "*"
        merged.add("/".join(levels))
    # the fewest globs that select every spec (fnmatch's * matches / too)
    chosen: list[str] = []
    left = set(names)
    for glob in sorted(merged, key=lambda g: (-sum(fnmatch(n, g) for n in names), g)):
        if left and any(fnmatch(n, glob) for n in left):
            chosen.append(glob)
            left = {n for n in left if not fnmatch(n, glob)}
    others = [p.relative_to(folder).as_posix() for p in unread]
    excluded = [f"!{n}" for n in others if any(fnmatch(n, g) for g in chosen)]
    return sorted(chosen) + excluded
