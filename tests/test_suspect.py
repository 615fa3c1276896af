"""Suspect trace links: real temporary git repositories with fixed dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import parse_warnings
from sphinxcontrib_specs.core.suspect import LightItem, read_items
from test_history import CONF, Repo, build

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

KINDS = {
    "goals": ("goal", "G", False),
    "definition-of-done": ("dod", "D", True),
    "dod": ("dod", "D", True),
    "requirements": ("requirement", "R", False),
}
MATRIX = "# Matrix\n\n```{spec-matrix}\n```\n"


def page(goals: list[str], dod: list[str], spec_id: str = "SPEC-0001") -> str:
    lines = [f"# Backups {spec_id}", "", f":::{{spec}} {spec_id}", ":status: Draft", ":::", ""]
    lines += ["## Goals", "", ":::{goals}", *(f"- {g}" for g in goals), ":::", ""]
    lines += ["## Definition of Done", "", ":::{dod}", *(f"- {d}" for d in dod), ":::", ""]
    return "\n".join(lines)


def suspects(out: Path) -> dict[str, list[dict[str, str]]]:
    data = json.loads((out / "specs.json").read_text(encoding="utf-8"))
    return {
        f"{spec_id}.{item_id}": item["suspect"]
        for spec_id, spec in data["specs"].items()
        for item_id, item in spec["items"].items()
        if item.get("suspect")
    }


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    goals = ["Restore in 5 minutes.", "Encrypt at rest."]
    dod = ["[ ] Restore tested {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    repo.commit({"backups.md": page(goals, dod), "matrix.md": MATRIX}, "2026-01-05T10:00:00Z")
    return repo


def reword_goal(repo: Repo) -> None:
    goals = ["Restore in 2 minutes.", "Encrypt at rest."]
    dod = ["[ ] Restore tested {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    repo.commit({"backups.md": page(goals, dod)}, "2026-03-02T10:00:00Z", "faster")


def test_light_reader_myst_rst_ids_and_checkboxes() -> None:
    text = page(["{#fast} Fast\n  and safe.", "Small"], ["[x] Done {covers}`fast`", "Open"])
    text += "\n.. requirements::\n   :class: x\n\n   - One\n\n     - nested, left out\n   - Two\n"
    items = read_items(text, KINDS)
    assert items == [
        LightItem("goal", "fast", True, "Fast and safe.", None),
        LightItem("goal", "G1", False, "Small", None),
        LightItem("dod", "D1", False, "Done {covers}`fast`", True),
        LightItem("dod", "D2", False, "Open", False),
        LightItem("requirement", "R1", False, "One", None),
        LightItem("requirement", "R2", False, "Two", None),
    ]


def test_reworded_goal_makes_its_covering_item_suspect(repo: Repo, tmp_path: Path) -> None:
    reword_goal(repo)
    out = tmp_path / "out"
    result = build(repo.path, out)
    assert result.returncode == 0, result.stderr
    found = suspects(out)
    assert list(found) == ["SPEC-0001.D1"]
    [link] = found["SPEC-0001.D1"]
    assert (link["target"], link["date"]) == ("SPEC-0001.G1", "2026-03-02")
    assert link["commit"] == repo.git("rev-parse", "HEAD").strip()
    assert [w for w in parse_warnings(result.stderr) if w.subtype == "suspect"] == []
