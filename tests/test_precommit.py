"""The published pre-commit hook (``.pre-commit-hooks.yaml``), run by the real ``pre-commit
try-repo`` as a team's repository would run it: pre-commit installs this repository (its HEAD
plus the uncommitted changes of tracked files) into an environment of its own and runs the hook
in a small git repository that holds a test project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
import yaml

from conftest import REPO, ROOTS

if TYPE_CHECKING:
    from pathlib import Path

HOOKS = REPO / ".pre-commit-hooks.yaml"
HOOK_ID = "sphinx-specs-lint"

pytestmark = pytest.mark.skipif(
    not (REPO / ".git").exists() or shutil.which("git") is None,
    reason="pre-commit try-repo needs this repository as a git repository",
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def team_repository(tmp_path: Path, *, edit: str = "") -> Path:
    """A git repository with test-basic at its root (where pre-commit runs the hook), its
    backups spec changed by ``edit`` (old -> new), committed."""
    repo = tmp_path / "team"
    shutil.copytree(ROOTS / "test-basic", repo)
    if edit:
        old, new = edit.split(" -> ")
        spec = repo / "backups.md"
        text = spec.read_text(encoding="utf-8")
        assert old in text
        spec.write_text(text.replace(old, new), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "specs")
    return repo


def try_repo(repo: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)  # as if run by hand, not from a hook of this repository
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(REPO),
            HOOK_ID,
            "--color=never",
            *extra,
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_published_hook():
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == HOOK_ID
    assert hook["entry"] == "sphinx-specs lint"
    assert hook["language"] == "python"  # pre-commit installs sphinx-specs itself
    assert hook["pass_filenames"] is False  # lint reads the whole project
    assert hook.get("always_run", False) is False
    files = re.compile(hook["files"])
    for name in ("docs/specs/0042-backups.md", "index.rst", "notes.txt", "docs/conf.py",
                 "conf.py", "specs/0042.meta.yaml", "specs/0042.json"):  # fmt: skip
        assert files.search(name), name
    for name in ("src/app.py", "myconf.py", "docs/_static/card.css", "Makefile", "logo.png"):
        assert not files.search(name), name


def test_a_clean_project_passes(tmp_path):
    result = try_repo(team_repository(tmp_path), tmp_path, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^sphinx-specs lint\.+Passed$", result.stdout, re.MULTILINE), result.stdout


def test_a_specs_warning_fails_the_commit(tmp_path):
    repo = team_repository(tmp_path, edit=":status: Under Review -> :status: Shipped")
    result = try_repo(repo, tmp_path, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"^sphinx-specs lint\.+Failed$", out, re.MULTILINE), out
    assert "- exit code: 1" in out
    # lint's own report, by file and line
    assert re.search(r"^backups\.md\n\s+3\s+specs\.meta\s+unknown status 'Shipped'", out, re.M), out
    assert re.search(r"^1 specs warning in 1 file \(meta: 1\)$", out, re.MULTILINE), out
