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


def matrix_cells(out: Path) -> list[str]:
    html = (out / "matrix.html").read_text(encoding="utf-8")
    return [cell.split("</td>")[0] for cell in html.split('<td class="specs-col-covered">')[1:]]


def test_matrix_mark_warning_text_and_latex(repo: Repo, tmp_path: Path) -> None:
    reword_goal(repo)
    out = tmp_path / "out"
    result = build(repo.path, out, "-D", "specs_suspect_warnings=1")
    assert result.returncode == 0, result.stderr
    first, second = matrix_cells(out)
    assert '<span class="specs-suspect" title="SPEC-0001.G1 changed on 2026-03-02 (commit ' in first
    assert "\N{WARNING SIGN} suspect since 2026-03-02</span>" in first
    assert "specs-suspect" not in second
    [warning] = [w for w in parse_warnings(result.stderr) if w.subtype == "suspect"]
    assert warning.file.endswith("backups.md") and warning.line == 17  # the D1 bullet
    assert "SPEC-0001.D1 covers SPEC-0001.G1, whose text changed on 2026-03-02" in warning.message
    assert "Specs-Reviewed: SPEC-0001.D1" in warning.message
    assert build(repo.path, tmp_path / "text", "-b", "text").returncode == 0
    text = (tmp_path / "text" / "matrix.txt").read_text(encoding="utf-8")
    assert "(suspect since 2026-03-02)" in text and text.count("suspect since") == 1
    assert build(repo.path, tmp_path / "tex", "-b", "latex").returncode == 0
    tex = (tmp_path / "tex" / "history.tex").read_text(encoding="utf-8")
    assert r"\DUrole{specs-suspect}{(suspect since 2026\sphinxhyphen{}03\sphinxhyphen{}02)}" in tex
