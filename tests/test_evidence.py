"""Evidence (issue 35): test results and code markers on the items they verify, in HTML, LaTeX,
text and specs.json; the specs.evidence warnings at their lines; the dod_verified gate; an
incremental build after a result file changes equals a clean one; -j 2 = -j 1; and real pytest
with our plugin writing the results a build then reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, load_json, outputs, specs_warnings
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH

FIXED = "2026-03-01T10:00:00Z"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ann",
        "GIT_AUTHOR_EMAIL": "ann@example.com",
        "GIT_COMMITTER_NAME": "Ann",
        "GIT_COMMITTER_EMAIL": "ann@example.com",
        "GIT_AUTHOR_DATE": FIXED,
        "GIT_COMMITTER_DATE": FIXED,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The evidence root in a git repository of its own (the code links need its commit)."""
    src = copy_root("evidence", tmp_path)
    git(src, "init", "-q", "-b", "main")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "specs, tests and code")
    return src


def item_lines(outdir: Path) -> dict[str, str]:
    soup = BeautifulSoup((outdir / "backups.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for label in soup.select(".specs-item-id"):
        paragraph = label.find_parent("p")
        evidence = paragraph.select_one(".specs-evidence")
        found[label.get_text()] = evidence
    return found


def test_html_shows_each_items_tests_and_code(project):
    app = build(project)
    commit = git(project, "rev-parse", "HEAD")
    items = item_lines(Path(app.outdir))
    assert items["D1"]["class"] == ["specs-evidence", "specs-evidence-verified", "no-search"]
    assert items["D1"].get_text(" ", strip=True).startswith("(verified by 1 test: 1 passed)")
    failing = items["D2"]
    assert "specs-evidence-failing" in failing["class"]
    assert failing.get_text(" ", strip=True).startswith("(verified by 1 test: 1 failed:")
    hover = failing.select_one("abbr")
    assert (hover.get_text(), hover["title"]) == (
        "test_encrypted_at_rest",
        "AssertionError: key not rotated",
    )
    erred = items["D3"]  # one error, one skip: failing, and the error named
    assert "1 erred, 1 skipped" in erred.get_text()
    assert erred.select_one("abbr").get_text() == "test_retention_setup"
    assert items["D4"] is None  # no evidence, nothing added
    code = items["G2"].select("a.specs-code")
    assert [a.get_text() for a in code] == ["cmd/restore/main.go:3", "lib/crypt.c:1"]
    assert code[0]["href"] == (
        f"https://github.com/acme/backup/blob/{commit}/cmd/restore/main.go#L3"
    )
    assert "specs-evidence-unverified" in items["G2"]["class"]  # code, but no test
    soup = BeautifulSoup((Path(app.outdir) / "backups.html").read_text(), "html.parser")
    progress = soup.select_one(".specs-progress").parent.get_text(" ", strip=True)
    assert progress == "3 of 4 done , 1 verified"


def test_warnings_name_the_file_and_line(project):
    app = build(project)
    found = sorted(
        (Path(w.file).relative_to(project).as_posix() if w.file else "", w.line, w.subtype)
        for w in specs_warnings(app)
        if w.subtype in ("evidence", "gate")
    )
    assert found == [
        ("", None, "evidence"),  # no file matches missing/*.xml
        ("backups.md", 3, "gate"),  # dod_verified: D2 and D3
        ("backups.md", 31, "evidence"),  # D2 ticked, its test failed
        ("backups.md", 32, "evidence"),  # D3 ticked, its test erred
        ("cmd/restore/main.go", 3, "evidence"),  # SPEC-0042.G7 does not exist
        ("results/pytest.xml", 3, "evidence"),  # test_old_spec names SPEC-0999.D1
        ("results/report.xml", 1, "evidence"),  # HTML, not JUnit XML
    ]
    messages = {w.message for w in specs_warnings(app)}
    assert "SPEC-0042.D2 is checked but test_encrypted_at_rest failed" in messages
    assert "SPEC-0042.D3 is checked but test_retention_setup erred" in messages
    gate = next(w.message for w in specs_warnings(app) if w.subtype == "gate")
    assert "ticked Definition-of-Done items D2, D3" in gate and "dod_verified" in gate


def test_specs_json_has_each_items_tests_and_code(project):
    app = build(project)
    data = load_json(app)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    spec = data["specs"]["SPEC-0042"]
    assert spec["evidence"] == {"tested": 4, "verified": 2, "failing": 2, "implemented": 3}
    assert spec["items"]["D2"]["tests"] == [
        {
            "name": "test_encrypted_at_rest",
            "classname": "tests.test_crypto",
            "file": "",
            "result": "failed",
            "message": "AssertionError: key not rotated",
            "time": 0.05,
        }
    ]
    assert [t["result"] for t in spec["items"]["D3"]["tests"]] == ["skipped", "error"]
    commit = git(project, "rev-parse", "HEAD")
    assert spec["items"]["G1"]["code"] == [
        {
            "path": "src/backup/restore.py",
            "line": 4,
            "url": f"https://github.com/acme/backup/blob/{commit}/src/backup/restore.py#L4",
        }
    ]
    assert spec["items"]["D4"]["tests"] == [] and spec["items"]["D4"]["code"] == []
    gates = [(g["status"], g["rule"]) for g in spec["gates"]]
    assert ("Implemented", "dod_verified") in gates


def test_a_project_without_evidence_writes_no_evidence_keys(tmp_path):
    app = build(copy_root("basic", tmp_path))
    specs = load_json(app)["specs"]
    assert all("evidence" not in s for s in specs.values())
    assert all("tests" not in i for s in specs.values() for i in s["items"].values())


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_latex_and_text_give_the_failing_tests_message(project, builder):
    app = build(project, builder)
    name = "backups.txt" if builder == "text" else "evidence.tex"
    text = " ".join((Path(app.outdir) / name).read_text(encoding="utf-8").split())
    assert "verified by 1 test: 1 failed:" in text
    assert "AssertionError: key not rotated" in text
    assert "verified by 2 tests: 1 erred, 1 skipped:" in text  # then the erring test's name
    assert "verified by 1 test: 1 passed" in text
    assert "src/backup/restore.py:4" in text


def test_incremental_after_a_result_file_changes_equals_clean(project, tmp_path):
    build(project)
    results = project / "results" / "pytest.xml"
    xml = results.read_text(encoding="utf-8")
    fixed = re.sub(r"<failure .*?</failure>", "", xml, flags=re.S)
    results.write_text(fixed, encoding="utf-8")
    app = build(project)
    items = item_lines(Path(app.outdir))
    assert "specs-evidence-verified" in items["D2"]["class"]
    assert not any(w.message.startswith("SPEC-0042.D2 is checked") for w in specs_warnings(app))
    clean_copy = tmp_path / "clean"
    shutil.copytree(project, clean_copy, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_copy)
    assert outputs(Path(app.outdir)) == outputs(Path(clean.outdir))


def test_parallel_build_equals_serial(project, tmp_path):
    serial = build(project)
    parallel_copy = tmp_path / "parallel"
    shutil.copytree(project, parallel_copy, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_copy, parallel=2)
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))


SAMPLE = {
    "test_backups.py": """
        import pytest

        @pytest.mark.spec("SPEC-0042.D1", "SPEC-0042.G1")
        def test_restore_under_5_min():
            assert True

        @pytest.mark.spec("SPEC-0042.D2")
        def test_encrypted_at_rest():
            assert False, "key not rotated"

        @pytest.fixture
        def bucket():
            raise RuntimeError("no bucket")

        @pytest.mark.spec("SPEC-0042.D3")
        def test_retention(bucket):
            pass

        @pytest.mark.spec("SPEC-0042.D4")
        @pytest.mark.skip(reason="needs S3")
        def test_runbook():
            pass
    """,
}


def test_real_pytest_results_build_into_the_site(project, tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    for name, text in SAMPLE.items():
        (suite / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for old in (project / "results").iterdir():
        old.unlink()
    junit = project / "results" / "pytest.xml"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={junit}", "-q"],
        cwd=suite,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stdout  # one failure, one error
    app = build(project)
    spec = load_json(app)["specs"]["SPEC-0042"]
    results = {
        i: [t["result"] for t in spec["items"][i]["tests"]] for i in ("D1", "D2", "D3", "D4")
    }
    assert results == {"D1": ["passed"], "D2": ["failed"], "D3": ["error"], "D4": ["skipped"]}
    assert spec["items"]["G1"]["tests"][0]["name"] == "test_restore_under_5_min"
    items = item_lines(Path(app.outdir))
    assert "key not rotated" in items["D2"].select_one("abbr")["title"]


FOLDER_RESULTS = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest"
tests="1"><testcase classname="tests.test_snapshots" name="test_snapshot_job" time="0.1">
<properties><property name="verifies" value="SPEC-0042.design-D1, RFC-7231" /></properties>
{outcome}</testcase></testsuite></testsuites>
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A spec folder whose sub-page's Definition-of-Done item has a test (it shows the item)."""
    src = copy_root("spec-folders", tmp_path)
    (src / "results").mkdir()
    (src / "results" / "pytest.xml").write_text(
        FOLDER_RESULTS.format(outcome='<failure message="no snapshot">boom</failure>')
    )
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('specs_test_results = ["results/*.xml"]\n')
    return src


def test_a_sub_pages_items_show_their_evidence_in_html_and_latex(folder):
    html = build(folder)
    design = Path(html.outdir) / "specs" / "0042-backups" / "design.html"
    soup = BeautifulSoup(design.read_text(encoding="utf-8"), "html.parser")
    assert "specs-evidence-failing" in soup.select_one(".specs-evidence")["class"]
    # only IDs of the project's shape can be unknown ones: RFC-7231 is someone else's
    warned = [w.message for w in specs_warnings(html) if w.subtype == "evidence"]
    assert warned == ["SPEC-0042.design-D1 is checked but test_snapshot_job failed"]
    latex = build(folder, "latex")
    tex = " ".join(next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8").split())
    assert "verified by 1 test: 1 failed:" in tex and "no snapshot" in tex


def test_a_sub_page_is_rewritten_when_its_evidence_changes(folder, tmp_path):
    build(folder)
    results = folder / "results" / "pytest.xml"
    results.write_text(FOLDER_RESULTS.format(outcome=""), encoding="utf-8")
    app = build(folder)
    design = Path(app.outdir) / "specs" / "0042-backups" / "design.html"
    assert "specs-evidence-verified" in design.read_text(encoding="utf-8")
    clean_copy = tmp_path / "clean"
    shutil.copytree(folder, clean_copy, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_copy)
    assert design.read_text(encoding="utf-8") == (
        Path(clean.outdir) / "specs" / "0042-backups" / "design.html"
    ).read_text(encoding="utf-8")


def test_a_code_file_with_uncommitted_edits_gets_no_line_link(project):
    code = project / "lib" / "crypt.c"
    code.write_text("\n" + code.read_text(encoding="utf-8"), encoding="utf-8")  # line 1 -> 2
    app = build(project)
    g2 = load_json(app)["specs"]["SPEC-0042"]["items"]["G2"]["code"]
    assert [(c["path"], c["line"], c["url"] is None) for c in g2] == [
        ("cmd/restore/main.go", 3, False),
        ("lib/crypt.c", 2, True),  # HEAD's line 2 is another line: no link
    ]


def test_spec_table_has_an_evidence_column_and_a_verified_filter(project):
    (project / "tables.md").write_text(
        "# Tables\n\n```{spec-table}\n:columns: id, evidence\n:filter: verified >= 2\n```\n\n"
        "```{spec-table}\n:columns: id\n:filter: not verified\n```\n",
        encoding="utf-8",
    )
    index = project / "index.md"
    index.write_text(index.read_text().replace("backups\n", "backups\ntables\n", 1))
    app = build(project)
    soup = BeautifulSoup((Path(app.outdir) / "tables.html").read_text(), "html.parser")
    first, second = soup.select("table.specs-table")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in first.select("tbody tr")
    ]
    # G1 and D1 are verified; D2 and D3 fail; G1, G2 and D1 have code
    assert rows == [["SPEC-0042", "2 of 4 verified, 2 failing, 3 implemented"]]
    assert second.select("tr.specs-row") == []  # no spec without a verified item
    assert not [w for w in specs_warnings(app) if w.subtype == "filter"]


def test_the_matrix_has_a_tests_column_and_goals_at_risk(project):
    (project / "matrix.md").write_text("# Matrix\n\n```{spec-matrix}\n```\n", encoding="utf-8")
    index = project / "index.md"
    index.write_text(index.read_text().replace("backups\n", "backups\nmatrix\n", 1))
    app = build(project)
    soup = BeautifulSoup((Path(app.outdir) / "matrix.html").read_text(), "html.parser")
    table = soup.select_one("table.specs-matrix-table")
    headers = [th.get_text(strip=True) for th in table.select("th")]
    assert headers == ["Item", "Covered by", "Issues", "Tests", "State"]
    rows = {
        tr.select_one("td").get_text(" ", strip=True).split()[0]: [
            td.get_text(" ", strip=True) for td in tr.select("td")
        ]
        for tr in table.select("tr.specs-matrix-row")
    }
    # G2 is covered by D2, whose test fails: the goal is at risk, and the chain says why
    assert rows["SPEC-0042.G2"][3:] == [
        "1 failed, code",
        "at risk (SPEC-0042.D2: test_encrypted_at_rest)",
    ]
    assert rows["SPEC-0042.G1"][3:] == ["1 passed, code", "not covered"]
    assert "specs-at-risk" in table.select("tr.specs-matrix-row")[1]["class"]
