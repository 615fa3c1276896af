"""``sphinx-specs diff --git BASE[..HEAD]``: build two revisions of the project and diff them.

Each revision is exported with ``git archive`` into a temporary folder (the repository and its
work tree are not touched) and read by ``sphinx-build -b dummy`` in a fresh process, which writes
the ``specs.json`` the diff compares. Without ``..HEAD`` the new side is the work tree as it is.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CliError

if TYPE_CHECKING:
    from collections.abc import Callable


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise CliError(f"cannot run git: {exc}") from exc
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise CliError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return result.stdout


def _export(revision: str, root: Path, dest: Path) -> None:
    archive = _git(["archive", "--format=tar", revision], root)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - the archive is the project's own repository
            tar.extractall(dest)


def _build(source: Path, out: Path) -> Path:
    if not (source / "conf.py").is_file():
        raise CliError(f"{source} has no conf.py")
    command = [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-E", str(source), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    path = out / "specs.json"
    if result.returncode != 0 or not path.is_file():
        lines = result.stderr.strip().splitlines()
        raise CliError(f"Sphinx could not read {source}: {lines[-1] if lines else 'no specs.json'}")
    return path


def build_revisions(spec: str, sourcedir: str) -> tuple[Path, Path, Callable[[], None]]:
    """The ``specs.json`` of BASE and of HEAD (or the work tree), and a function to remove them."""
    base, _, head = spec.partition("..")
    if not base:
        raise CliError(f"--git {spec}: give BASE or BASE..HEAD")
    source = Path(sourcedir).resolve()
    if not source.is_dir():
        raise CliError(f"--source-dir {sourcedir}: not a folder")
    root = Path(_git(["rev-parse", "--show-toplevel"], source).decode().strip())
    relative = source.relative_to(root.resolve())
    tmp = Path(tempfile.mkdtemp(prefix="sphinx-specs-diff-"))
    try:
        sides = []
        for name, revision in (("old", base), ("new", head)):
            if revision:
                _export(revision, root, tmp / name / "src")
                folder = tmp / name / "src" / relative
            else:
                folder = source
            sides.append(_build(folder, tmp / name / "out"))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sides[0], sides[1], lambda: shutil.rmtree(tmp, ignore_errors=True)
