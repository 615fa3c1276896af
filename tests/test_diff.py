"""``sphinx-specs diff``: two builds of a test project with every kind of change, golden files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build, copy_root, run_cli

GOLDEN = Path(__file__).parent / "golden" / "diff"
BASE_URL = "https://specs.example.org/"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("diff", *args, cwd=cwd)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[str, str]:
    tmp = tmp_path_factory.mktemp("diff")
    old = build(copy_root("diff-old", tmp))
    new = build(copy_root("diff-new", tmp))
    return str(Path(old.outdir) / "specs.json"), str(Path(new.outdir) / "specs.json")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SPECS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "diff.md"), ("text", "diff.txt")])
def test_diff_every_kind_of_change_matches_the_golden_file(builds, fmt, golden):
    result = run(*builds, "--format", fmt, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    check_golden(golden, result.stdout)


def test_diff_json(builds):
    result = run(*builds, "--format", "json")
    assert result.returncode == 0
    check_golden("diff.json", result.stdout)
    data = json.loads(result.stdout)
    kinds = {spec["id"]: spec["change"] for spec in data["specs"]}
    assert kinds == {
        "SPEC-0001": "changed",
        "SPEC-0002": "changed",
        "SPEC-0003": "removed",
        "SPEC-0005": "added",
        "SPEC-0010": "renamed",
    }
    auth = data["specs"][0]
    assert auth["status"] == ["Draft", "Accepted"] and not auth["regression"]
    changes = {(item["id"], item["change"]) for item in auth["items"]}
    assert changes == {
        ("D2", "checked"),
        ("D3", "added"),
        ("G1", "reworded"),
        ("G3", "added"),
        ("Q1", "resolved"),
    }
    reworded = next(item for item in auth["items"] if item["change"] == "reworded")
    assert reworded["before"] == "Tokens expire after one hour."
    assert reworded["after"] == "Tokens expire after fifteen minutes."
    assert ["authors", "@ann", "@ann, @cy"] in auth["metadata"]
    assert data["specs"][1]["regression"] is True
    assert data["specs"][4]["old_id"] == "SPEC-0004"
    assert data["coverage"]["before"] == {"total": 4, "covered": 3, "done": 2}
    assert data["coverage"]["after"] == {"total": 5, "covered": 4, "done": 2}


def test_diff_of_a_build_with_itself_is_one_line(builds):
    for fmt in ("markdown", "text"):
        result = run(builds[1], builds[1], "--format", fmt, "--fail-on", "removed")
        assert (result.returncode, result.stdout) == (0, "No change to the specs.\n")
    data = json.loads(run(builds[1], builds[1], "--format", "json").stdout)
    assert data["changed"] is False and data["specs"] == []


@pytest.mark.parametrize(
    ("order", "rule", "code", "message"),
    [
        ("forward", "removed", 1, "--fail-on removed: SPEC-0003"),
        ("forward", "status-regression", 1, "status-regression: SPEC-0002 Accepted -> Draft"),
        ("forward", "coverage-drop", 0, ""),
        ("backward", "coverage-drop", 1, "coverage-drop: 80.0% -> 75.0%"),
        ("backward", "status-regression", 1, "SPEC-0001 Accepted -> Draft"),
        ("backward", "removed", 1, "--fail-on removed: SPEC-0005"),
    ],
)
def test_fail_on_exit_codes(builds, order, rule, code, message):
    old, new = builds if order == "forward" else builds[::-1]
    result = run(old, new, "--fail-on", rule)
    assert result.returncode == code
    assert message in result.stderr and bool(result.stderr) == bool(message)


def test_status_order_comes_from_the_projects_template(builds, tmp_path):
    # a project whose proposal lists Accepted before Draft: Accepted -> Draft is a step forward
    (tmp_path / "conf.py").write_text(
        'specs_templates = {"proposal": {"statuses": '
        '["Accepted", "Draft", "Under Review", "Implemented", "Deferred"]}}\n'
    )
    rule = ("--fail-on", "status-regression")
    assert run(*builds, *rule).returncode == 1
    result = run(*builds, *rule, "--conf-dir", str(tmp_path))
    assert result.returncode == 1  # SPEC-0001 Draft -> Accepted is now the step back
    assert "SPEC-0001 Draft -> Accepted" in result.stderr and "SPEC-0002" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["only-one.json"], "give OLD and NEW"),
        (["a.json", "b.json", "--fail-on", "typo"], "--fail-on typo: known rules"),
        (["missing.json", "missing.json"], "cannot read missing.json"),
        (["--git", "main", "--source-dir", "nowhere"], "--source-dir nowhere: not a folder"),
        (["--git", "main"], "git rev-parse --show-toplevel: fatal: not a git repository"),
    ],
)
def test_input_errors_are_one_line_and_exit_2(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_git_builds_both_revisions(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "roots" / "test-diff-old", repo)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "old")
    for path in (repo).glob("*.md"):
        path.unlink()
    for path in (Path(__file__).parent / "roots" / "test-diff-new").glob("*.md"):
        shutil.copy(path, repo / path.name)
    git("add", "-A")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "new")
    (repo / "queue.md").write_text("# Queue\n\n:::{spec} SPEC-0005\n:status: Accepted\n:::\n")

    committed = run("--git", "main~1..main", "--format", "json", cwd=repo)
    assert committed.returncode == 0, committed.stderr
    assert {s["id"] for s in json.loads(committed.stdout)["specs"]} == {
        "SPEC-0001",
        "SPEC-0002",
        "SPEC-0003",
        "SPEC-0005",
        "SPEC-0010",
    }
    worktree = run("--git", "main", "--format", "json", cwd=repo)  # new side: the work tree
    assert worktree.returncode == 0, worktree.stderr
    [queue] = json.loads(worktree.stdout)["specs"]
    assert (queue["id"], queue["status"]) == ("SPEC-0005", ["Draft", "Accepted"])
    bad = run("--git", "nosuchrev", cwd=repo)
    assert bad.returncode == 2 and "git archive" in bad.stderr and "Traceback" not in bad.stderr


def test_help():
    result = run("--help")
    assert result.returncode == 0 and "--fail-on RULES" in result.stdout


def test_diff_of_two_files_runs_without_sphinx_and_docutils(builds):
    from test_cli import run_without_sphinx

    code = (
        f"status = main(['diff', {builds[0]!r}, {builds[1]!r}, '--format', 'markdown'])\n"
        "assert not any(m.split('.')[0] in ('sphinx', 'docutils') for m, v in sys.modules.items()"
        " if v is not None)\n"
        "sys.exit(status)\n"
    )
    result = run_without_sphinx(code)
    assert result.returncode == 0, result.stderr
    assert "| SPEC-0002 | Accepted | Draft (back) |" in result.stdout


def with_requirements(path: str, texts: list[str], dest: Path) -> str:
    """A copy of the ``specs.json`` at ``path`` whose SPEC-0002 has these requirements, numbered
    R1, R2, ... as the build numbers them."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = data["specs"]["SPEC-0002"]["items"]
    for number, text in enumerate(texts, 1):
        items[f"R{number}"] = {
            "kind": "requirement",
            "text": text,
            "checked": None,
            "covers": [],
            "issues": [],
            "url": None,
        }
    dest.write_text(json.dumps(data), encoding="utf-8")
    return str(dest)


def test_an_inserted_item_is_added_and_renumbers_nothing_else(builds, tmp_path):
    # R1, R2 -> R1 (new), R2 (old R1), R3 (old R2): one item added, none reworded
    old = with_requirements(builds[1], ["Reads are cached.", "Stale reads expire."], tmp_path / "a")
    new = with_requirements(
        builds[1],
        ["Writes go through.", "Reads are cached.", "Stale reads expire."],
        tmp_path / "b",
    )
    text = run(old, new, "--format", "text").stdout
    assert text.splitlines()[:3] == [
        "SPEC-0002 Cache",
        "  R1 (requirement) added: Writes go through.",
        "  renumbered, text unchanged: R1 -> R2, R2 -> R3",
    ]
    assert "reworded" not in text and "removed" not in text
    [spec] = json.loads(run(old, new, "--format", "json").stdout)["specs"]
    assert [(i["change"], i["id"], i.get("old_id")) for i in spec["items"]] == [
        ("added", "R1", None),
        ("renumbered", "R2", "R1"),
        ("renumbered", "R3", "R2"),
    ]
    markdown = run(old, new, "--format", "markdown").stdout
    assert "- R1 (requirement) added: Writes go through.\n" in markdown


def test_a_reworded_item_after_an_insertion_names_its_old_id(builds, tmp_path):
    old = with_requirements(builds[1], ["Reads are cached.", "Stale reads expire."], tmp_path / "a")
    new = with_requirements(
        builds[1], ["Writes go through.", "Reads are cached.", "Old reads expire."], tmp_path / "b"
    )
    lines = run(old, new).stdout.splitlines()
    assert lines[1:4] == [
        "  R1 (requirement) added: Writes go through.",
        "  R3 (requirement, was R2) reworded: 'Stale reads expire.' -> 'Old reads expire.'",
        "  renumbered, text unchanged: R1 -> R2",
    ]
