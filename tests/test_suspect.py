"""Suspect trace links: real temporary git repositories with fixed dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_history import CONF, Repo, build

from conftest import parse_warnings
from sphinxcontrib_specs.core.suspect import LightItem, read_items

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

KINDS = {
    "goals": ("goal", "G", False),
    "definition-of-done": ("dod", "D", True),
    "dod": ("dod", "D", True),
    "requirements": ("requirement", "R", False),
    "non-goals": ("non-goal", "NG", False),
    "open-questions": ("question", "Q", True),
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


def test_editing_checking_or_reviewing_the_item_clears_it(repo: Repo, tmp_path: Path) -> None:
    reword_goal(repo)
    goals = ["Restore in 2 minutes.", "Encrypt at rest."]
    checked = ["[x] Restore tested {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    reworded = ["[ ] Restore tested in CI {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    for dod in (checked, reworded):
        repo.commit({"backups.md": page(goals, dod)}, "2026-03-03T10:00:00Z")
        assert build(repo.path, tmp_path / "out", "-E").returncode == 0
        assert suspects(tmp_path / "out") == {}
        repo.git("reset", "-q", "--hard", "HEAD~1")
    out = tmp_path / "back"
    assert build(repo.path, out, "-E").returncode == 0
    assert list(suspects(out)) == ["SPEC-0001.D1"]
    # A review commit that changes no file: the trailer names the item (or its whole spec).
    for names in ("SPEC-0001.D1", "SPEC-0001"):
        message = f"Reviewed the restore test\n\nSpecs-Reviewed: {names}\n"
        repo.git("commit", "-q", "--allow-empty", "-m", message, date="2026-03-04T10:00:00Z")
        assert build(repo.path, out).returncode == 0  # incremental: HEAD moved
        assert suspects(out) == {}
        assert "specs-suspect" not in (out / "matrix.html").read_text(encoding="utf-8")
        repo.git("reset", "-q", "--hard", "HEAD~1")
    # A trailer that names another item clears nothing.
    message = "Reviewed\n\nSpecs-Reviewed: SPEC-0001.D2\n"
    repo.git("commit", "-q", "--allow-empty", "-m", message, date="2026-03-04T10:00:00Z")
    assert build(repo.path, out).returncode == 0
    assert list(suspects(out)) == ["SPEC-0001.D1"]


def test_items_followed_by_text_when_a_goal_is_inserted(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    goals = ["Alpha.", "Beta.", "Gamma."]
    dod = ["[ ] a {covers}`G1`", "[ ] b {covers}`G2`", "[ ] c {covers}`G3`"]
    repo.commit({"backups.md": page(goals, dod)}, "2026-01-05T10:00:00Z")
    dod = ["[x] a {covers}`G1`", "[x] b {covers}`G2`", "[x] c {covers}`G3`"]
    repo.commit({"backups.md": page(goals, dod)}, "2026-01-06T10:00:00Z")
    # A new goal before Beta: Beta and Gamma are G3 and G4 now, their texts unchanged.
    dod = ["[x] a {covers}`G1`", "[x] b {covers}`G3`", "[x] c {covers}`G4`", "[ ] new {covers}`G2`"]
    goals = ["Alpha.", "New goal.", "Beta.", "Gamma."]
    repo.commit({"backups.md": page(goals, dod[:3])}, "2026-02-01T10:00:00Z", "goal")
    repo.commit({"backups.md": page(goals, dod)}, "2026-02-02T10:00:00Z", "dod")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert suspects(out) == {}
    # Without IDs to follow, rewording Gamma (G4) makes only its item suspect.
    goals[3] = "Gamma, faster."
    repo.commit({"backups.md": page(goals, dod)}, "2026-02-03T10:00:00Z")
    assert build(repo.path, out).returncode == 0
    assert {k: [s["target"] for s in v] for k, v in suspects(out).items()} == {
        "SPEC-0001.D3": ["SPEC-0001.G4"]
    }
    # A new DoD item first renumbers the others (D3 is D4 now): the suspect one stays suspect.
    dod = ["[ ] zero {covers}`G1`", *dod]
    repo.commit({"backups.md": page(goals, dod)}, "2026-02-04T10:00:00Z")
    assert build(repo.path, out).returncode == 0
    assert {k: [s["target"] for s in v] for k, v in suspects(out).items()} == {
        "SPEC-0001.D4": ["SPEC-0001.G4"]
    }


def test_explicit_ids_followed_by_id(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    goals = ["{#fast} Restore fast.", "{#safe} Encrypt."]
    dod = ["[ ] {#restore} Restore tested {covers}`fast`", "[ ] Keys {covers}`safe`"]
    repo.commit({"backups.md": page(goals, dod)}, "2026-01-05T10:00:00Z")
    # Reordered, same texts: nothing changed.
    repo.commit({"backups.md": page(goals[::-1], dod[::-1])}, "2026-01-06T10:00:00Z")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert suspects(out) == {}
    goals = ["{#safe} Encrypt.", "{#fast} Restore faster."]
    repo.commit({"backups.md": page(goals, dod[::-1])}, "2026-01-07T10:00:00Z")
    assert build(repo.path, out).returncode == 0
    assert [s["target"] for s in suspects(out)["SPEC-0001.restore"]] == ["SPEC-0001.fast"]
    assert list(suspects(out)) == ["SPEC-0001.restore"]


def test_cross_spec_cover_uncommitted_parallel_and_incremental(repo: Repo, tmp_path: Path) -> None:
    other = page(["Own goal."], ["[ ] Restore drill {covers}`SPEC-0001.G2`"], "SPEC-0002")
    repo.commit({"other.md": other}, "2026-01-10T10:00:00Z")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert suspects(out) == {}
    goals = ["Restore in 5 minutes.", "Encrypt at rest with AES."]
    dod = ["[ ] Restore tested {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    repo.commit({"backups.md": page(goals, dod)}, "2026-02-10T10:00:00Z", "aes")
    assert build(repo.path, out).returncode == 0  # incremental
    head = repo.git("rev-parse", "HEAD").strip()
    wanted = [{"target": "SPEC-0001.G2", "date": "2026-02-10", "commit": head}]
    assert suspects(out) == {"SPEC-0001.D2": wanted, "SPEC-0002.D1": wanted}
    clean = tmp_path / "clean"
    assert build(repo.path, clean, "-E", "-j", "2").returncode == 0
    for name in ("specs.json", "matrix.html"):
        assert (out / name).read_bytes() == (clean / name).read_bytes()
    import jsonschema

    from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH

    data = json.loads((out / "specs.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["specs"]["SPEC-0002"]["items"]["G1"]["suspect"] == []
    # Uncommitted edits count as now: the build's date, no commit.
    goals[0] = "Restore in 1 minute."
    (repo.path / "backups.md").write_text(page(goals, dod), encoding="utf-8")
    assert build(repo.path, out).returncode == 0
    now = {"target": "SPEC-0001.G1", "date": "2026-04-01", "commit": None}
    assert suspects(out)["SPEC-0001.D1"] == [now]
    assert "uncommitted edits" in (out / "matrix.html").read_text(encoding="utf-8")


def test_rst_spec(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.path / "conf.py").write_text(CONF + "suppress_warnings = ['specs.section']\n")

    def rst(goal: str) -> str:
        return (
            "Backups\n=======\n\n.. spec:: SPEC-0001\n   :status: Draft\n\n"
            f".. goals::\n\n   - {goal}\n\n"
            ".. definition-of-done::\n\n   - [ ] Tested :covers:`G1`\n"
        )

    repo.commit({"backups.rst": rst("Fast."), "matrix.md": MATRIX}, "2026-01-05T10:00:00Z")
    repo.commit({"backups.rst": rst("Faster.")}, "2026-01-06T10:00:00Z")
    out = tmp_path / "out"
    result = build(repo.path, out, "-D", "specs_suspect_warnings=1")
    assert list(suspects(out)) == ["SPEC-0001.D1"]
    [warning] = [w for w in parse_warnings(result.stderr) if w.subtype == "suspect"]
    assert warning.file.endswith("backups.rst") and warning.line == 13


def test_report_lists_suspect_items_in_every_format(repo: Repo, tmp_path: Path) -> None:
    from conftest import run_cli

    reword_goal(repo)
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    specs_json = str(out / "specs.json")
    data = json.loads(run_cli("report", specs_json, "--format", "json").stdout)
    first, second = data["rows"]
    head = repo.git("rev-parse", "HEAD").strip()
    assert first["suspect"] == ["SPEC-0001.D1"] and second["suspect"] == []
    assert first["covered_by"][0]["suspect"] == {"date": "2026-03-02", "commit": head}
    assert second["covered_by"][0]["suspect"] is None
    table = run_cli("report", specs_json, "--width", "160").stdout
    assert table.splitlines()[0].split()[-1] == "Suspect"
    assert "SPEC-0001.D1 (since 2026-03-02)" in table.splitlines()[2]
    markdown = run_cli("report", specs_json, "--format", "markdown").stdout
    assert "| State | Suspect |" in markdown and "| SPEC-0001.D1 (since 2026-03-02) |" in markdown
    rows = run_cli("report", specs_json, "--format", "csv").stdout.splitlines()
    assert rows[0].endswith(",state,gate,rule,suspect") and rows[1].endswith(
        ",SPEC-0001.D1:2026-03-02"
    )
    assert rows[2].endswith(",")


def test_light_reader_fences_names_and_bad_input() -> None:
    text = (
        "```{spec-goals}\n- One\n  more\n```\n\n::::{dod}\n:class: x\n\n* [X] Two\n::::\n"
        "```{note}\n- not an item\n```\n:::{requirements}\n- {#bad id} Three\n- {#R1} Four\n"
    )
    kinds = {**KINDS, "spec-goals": ("goal", "G", False)}
    assert read_items(text, kinds) == [
        LightItem("goal", "G1", False, "One more", None),
        LightItem("dod", "D1", False, "Two", True),
        LightItem("requirement", "R2", False, "{#bad id} Three", None),
        LightItem("requirement", "R1", True, "Four", None),
    ]
    assert read_items("", kinds) == [] and read_items(":::{goals}\n:::\n", kinds) == []


def plain_page(goal: str) -> str:
    root = Path(__file__).parent / "roots" / "test-plain" / "specs" / "001-plugins.md"
    text = root.read_text(encoding="utf-8")
    text = text.replace("- Load plugins at start-up.", f"- {goal}")
    return text.replace("- [x] Loader merged", "- [x] Loader merged {covers}`G1`")


def test_plain_spec_items_followed_too(tmp_path: Path) -> None:
    from sphinxcontrib_specs.core.suspect import item_sections
    from sphinxcontrib_specs.core.templates.builtin import BUILTIN_TEMPLATES

    sections = item_sections(BUILTIN_TEMPLATES["proposal"])
    items = read_items(plain_page("Load plugins at start-up."), KINDS, sections)
    assert [(i.kind, i.id, i.checked) for i in items] == [
        ("goal", "G1", None),
        ("goal", "G2", None),
        ("non-goal", "NG1", None),
        ("dod", "D1", True),
        ("dod", "D2", False),
        ("dod", "D3", False),
        ("question", "Q1", False),
    ]  # the list before the Goals label is context, not goals
    repo = Repo(tmp_path / "repo")
    conf = CONF + 'specs_plain_markdown = "specs/*.md"\n'
    (repo.path / "conf.py").write_text(conf, encoding="utf-8")
    (repo.path / "specs").mkdir()
    files = {"specs/001-plugins.md": plain_page("Load plugins at start-up."), "matrix.md": MATRIX}
    repo.commit(files, "2026-01-05T10:00:00Z")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert suspects(out) == {}
    repo.commit(
        {"specs/001-plugins.md": plain_page("Load plugins lazily.")}, "2026-01-09T10:00:00Z"
    )
    assert build(repo.path, out).returncode == 0
    assert [s["target"] for s in suspects(out)["SPEC-001.D1"]] == ["SPEC-001.G1"]
    assert list(suspects(out)) == ["SPEC-001.D1"]


def test_unchanged_head_runs_no_git_log(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapper around git records each call: the second build only asks for HEAD and status."""
    import os
    import stat

    real = shutil.which("git")
    calls = tmp_path / "calls.txt"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {real} "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    reword_goal(repo)
    out = tmp_path / "out"
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    assert build(repo.path, out).returncode == 0
    first = calls.read_text(encoding="utf-8")
    calls.unlink()
    assert build(repo.path, out).returncode == 0
    second = calls.read_text(encoding="utf-8")
    assert first.count(" log ") == 2 and "cat-file" in first  # the two logs: revisions, order
    assert " log " not in second and "cat-file" not in second
    assert list(suspects(out)) == ["SPEC-0001.D1"]


def folder_pages(goal: str, design_goal: str) -> dict[str, str]:
    """A spec folder: the README's DoD item covers the design page's goal, and the other way."""
    readme = (
        "# Scheduled backups\n\n- **Status:** Draft\n\n## Summary\n\nBack up.\n\n"
        f"## Goals & Non-Goals\n\n- {goal}\n\n"
        "## Definition of Done\n\n- [ ] Restore tested {covers}`design-G1`\n"
    )
    design = (
        "# Proposed Solution\n\nSnapshots.\n\n"
        f"## Goals & Non-Goals\n\n- {design_goal}\n\n"
        "## Definition of Done\n\n- [ ] Snapshot job {covers}`G1`\n"
    )
    return {"specs/0042-backups/README.md": readme, "specs/0042-backups/design.md": design}


def test_spec_folder_sub_pages_are_followed(tmp_path: Path) -> None:
    """Items of a spec folder's sub-page (``design-D1``) and the main page's items that cover a
    sub-page's goal are suspect like any other; the warning names the sub-page's file."""
    repo = Repo(tmp_path / "repo")
    conf = CONF + 'specs_plain_markdown = "specs/*.md"\nspecs_plain_id = "SPEC-{number:04d}"\n'
    (repo.path / "conf.py").write_text(conf, encoding="utf-8")
    (repo.path / "specs" / "0042-backups").mkdir(parents=True)
    files = folder_pages("Restore in 5 minutes.", "Hourly snapshots.")
    repo.commit({**files, "matrix.md": MATRIX}, "2026-01-05T10:00:00Z")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert suspects(out) == {}
    repo.commit(
        folder_pages("Restore in 2 minutes.", "Snapshots every 10 minutes."), "2026-03-02T10:00:00Z"
    )
    result = build(repo.path, out, "-D", "specs_suspect_warnings=1")
    assert result.returncode == 0, result.stderr
    found = suspects(out)
    assert {cover: [s["target"] for s in links] for cover, links in found.items()} == {
        "SPEC-0042.D1": ["SPEC-0042.design-G1"],
        "SPEC-0042.design-D1": ["SPEC-0042.G1"],
    }
    assert found["SPEC-0042.design-D1"][0]["date"] == "2026-03-02"
    warnings = {
        (Path(w.file).name, w.line) for w in parse_warnings(result.stderr) if w.subtype == "suspect"
    }
    assert warnings == {("README.md", 15), ("design.md", 11)}
    # an uncommitted edit of the sub-page's covering item clears it
    edited = folder_pages("Restore in 2 minutes.", "Snapshots every 10 minutes.")
    design = edited["specs/0042-backups/design.md"].replace("Snapshot job", "Snapshot job (cron)")
    (repo.path / "specs/0042-backups/design.md").write_text(design, encoding="utf-8")
    assert build(repo.path, out).returncode == 0
    assert list(suspects(out)) == ["SPEC-0042.D1"]
