"""``spec-evidence`` (issue 35): the selected specs' tests, failures first, passed tests closed in
HTML, code markers linked, the orphans of a whole-project report; LaTeX and text; a project
without evidence; MyST and reStructuredText give the same report; a changed orphan rewrites it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, outputs, warnings_of

REPORT_MD = """\
# Evidence report

```{spec-evidence}
```

## One spec

```{spec-evidence}
:filter: id == "SPEC-0042"
```
"""

REPORT_RST = """\
Evidence in rST
===============

.. spec-evidence::
   :status: Implemented
"""

REPORT_MD_SELECTED = """\
# Evidence in MyST

```{spec-evidence}
:status: Implemented
```
"""

#: Two more failures (sorted by the item they verify: G2 comes before D1 in the spec) and one
#: with a long message over several lines (shortened to its first line, cut).
EXTRA = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuite name="extra" tests="3" failures="3">
  <testcase classname="tests.extra" name="test_a_drill_again">
    <properties><property name="verifies" value="SPEC-0042.D1"/></properties>
    <failure message="drill too slow">slow</failure>
  </testcase>
  <testcase classname="tests.extra" name="test_z_keys">
    <properties><property name="verifies" value="SPEC-0042.G2"/></properties>
    <failure message="{long}">long</failure>
  </testcase>
</testsuite>
""".format(long="x" * 300 + "&#10;second line")


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ann",
        "GIT_AUTHOR_EMAIL": "ann@example.com",
        "GIT_COMMITTER_NAME": "Ann",
        "GIT_COMMITTER_EMAIL": "ann@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def with_reports(src: Path) -> Path:
    """The evidence root with report pages (MyST and rST) in its toctree."""
    (src / "report.md").write_text(REPORT_MD, encoding="utf-8")
    (src / "selected.md").write_text(REPORT_MD_SELECTED, encoding="utf-8")
    (src / "selected_rst.rst").write_text(REPORT_RST, encoding="utf-8")
    index = src / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("backups\n", "backups\nreport\nselected\nselected_rst\n", 1))
    return src


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The evidence root, with the report pages and one more result file, in a git repository
    of its own (the code links need its commit)."""
    src = with_reports(copy_root("evidence", tmp_path))
    (src / "results" / "extra.xml").write_text(EXTRA, encoding="utf-8")
    git(src, "init", "-q", "-b", "main")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "specs, tests, code and reports")
    return src


def reports(outdir: Path, page: str = "report.html") -> list[BeautifulSoup]:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select("div.specs-report.specs-evidence")


def rows(table: BeautifulSoup) -> list[tuple[str, str, list[str]]]:
    """(result mark, test, linked targets) of each row."""
    found = []
    for row in table.select("tbody tr"):
        mark = row.select_one(".specs-result")
        found.append(
            (
                mark.get_text() if mark else "",
                row.select_one(".specs-col-test").get_text(),
                [a.get_text() for a in row.select(".specs-col-verifies a.specs-ref")],
            )
        )
    return found


def test_html_failures_first_passed_closed_code_and_orphans(project):
    app = build(project)
    assert not [w for w in warnings_of(app) if w.file.endswith(".md") and "report" in w.file]
    whole = reports(Path(app.outdir))[0]
    summary = whole.select_one("p.specs-evidence-summary").get_text()
    assert (
        summary == "6 tests: 3 failed, 1 erred, 1 skipped, 1 passed. 4 code markers. 2 not found."
    )
    failing = whole.select_one("table.specs-evidence-table")
    assert rows(failing) == [
        ("failed", "tests.extra.test_z_keys", ["SPEC-0042.G2"]),
        ("failed", "tests.extra.test_a_drill_again", ["SPEC-0042.D1"]),
        ("failed", "tests.test_crypto.test_encrypted_at_rest", ["SPEC-0042.D2"]),
        ("error", "tests.test_retention.test_retention_setup", ["SPEC-0042.D3"]),
        ("skipped", "tests.test_retention.test_retention_30_days", ["SPEC-0042.D3"]),
    ]
    first = failing.select_one("tbody tr")
    assert first["class"] == ["specs-evidence-row", "specs-result-failed"]
    mark = first.select_one(".specs-result")
    assert mark["class"] == ["specs-badge", "specs-result", "specs-result-failed"]
    link = first.select_one("a.specs-ref")
    assert (link["href"], link["title"]) == (
        "backups.html#spec-0042-g2",
        "SPEC-0042.G2: Backups are encrypted at rest.",
    )
    messages = [r.select("td")[3].get_text() for r in failing.select("tbody tr")]
    assert messages[0] == "x" * 159 + "\N{HORIZONTAL ELLIPSIS}"  # the first line, cut
    assert messages[2:] == [
        "AssertionError: key not rotated",
        "failed on setup with \"fixture 'bucket' not found\"",
        "needs S3",
    ]
    # the passed tests: a closed <details>, counted in its summary, left out of search
    details = whole.select_one("details.specs-evidence-passed")
    assert details is not None and not details.has_attr("open")
    assert "no-search" in details["class"]
    assert details.summary.get_text() == "1 passed test"
    assert rows(details.select_one("table")) == [
        ("passed", "tests.test_restore.test_restore_under_5_min", ["SPEC-0042.G1", "SPEC-0042.D1"])
    ]
    # code markers in item order, linked at the commit
    commit = git(project, "rev-parse", "HEAD")
    code = [
        (r.select("td")[0].get_text(), r.select_one("a.specs-code")["href"], r.select("td")[2].text)
        for r in whole.select("table.specs-evidence-code tbody tr")
    ]
    base = f"https://github.com/acme/backup/blob/{commit}"
    assert code == [
        ("SPEC-0042.G1", f"{base}/src/backup/restore.py#L4", "implements"),
        ("SPEC-0042.G2", f"{base}/cmd/restore/main.go#L3", "implements"),
        ("SPEC-0042.G2", f"{base}/lib/crypt.c#L1", "implements"),
        ("SPEC-0042.D1", f"{base}/src/backup/restore.py#L5", "verifies"),
    ]
    orphans = [
        [td.get_text() for td in r.select("td")]
        for r in whole.select("table.specs-evidence-orphans tbody tr")
    ]
    assert orphans == [
        ["SPEC-0999.D1", "tests.test_misc.test_old_spec", "passed"],
        ["SPEC-0042.G7", "cmd/restore/main.go:3", "implements"],
    ]


def test_a_selection_lists_its_tests_and_no_orphans(project):
    app = build(project)
    selected = reports(Path(app.outdir))[1]
    assert len(selected.select("table.specs-evidence-table tbody tr")) == 5
    assert selected.select_one("table.specs-evidence-orphans") is None
    assert "not found" not in selected.select_one("p.specs-evidence-summary").get_text()
    # a selection that picks nothing says so
    (project / "report.md").write_text(
        "# Evidence report\n\n```{spec-evidence}\n:status: Draft\n```\n", encoding="utf-8"
    )
    app = build(project)
    (empty,) = reports(Path(app.outdir))
    assert empty.get_text(strip=True) == "No tests or code markers name the selected specs."


def test_myst_and_rst_give_the_same_report(project):
    app = build(project)
    myst = reports(Path(app.outdir), "selected.html")
    rst = reports(Path(app.outdir), "selected_rst.html")
    assert len(myst) == len(rst) == 1
    assert str(myst[0]) == str(rst[0])
    assert myst[0].select_one("table.specs-evidence-table tbody tr")


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_latex_and_text_list_failures_and_passed_tests(project, builder):
    app = build(project, builder)
    outdir = Path(app.outdir)
    if builder == "text":
        text = (outdir / "report.txt").read_text(encoding="utf-8")
    else:
        text = (outdir / "evidence.tex").read_text(encoding="utf-8")
        text = text.replace(r"\_", "_").replace(r"\sphinxhyphen{}", "-")
    flat = " ".join(text.split())
    assert "AssertionError: key not rotated" in flat
    # failed first, then the skip (the text writer wraps longer names in their cells)
    assert flat.index("test_z_keys") < flat.index("key not rotated") < flat.index("needs S3")
    assert "1 passed test" in flat and "test_restore_under_5_min" in flat  # listed, not closed
    assert "<details" not in text and "Not found" in flat
    assert "SPEC-0999.D1" in flat


def test_a_project_without_evidence_says_so_in_one_line(tmp_path):
    src = with_reports(copy_root("evidence", tmp_path))
    conf = src / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("specs_code"))
    kept = [line for line in lines[:start] if not line.startswith("specs_test_results")]
    conf.write_text("\n".join([*kept, *lines[start + 4 :]]) + "\n", encoding="utf-8")
    shutil.rmtree(src / "results")
    app = build(src)
    assert not [w for w in warnings_of(app) if w.subtype == "evidence"]
    found = reports(Path(app.outdir))
    assert [r.get_text(strip=True) for r in found] == [
        "This project reads no test results or code markers."
    ] * 2
    assert all(len(r.find_all(recursive=False)) == 1 for r in found)


def test_a_changed_orphan_rewrites_the_report(project, tmp_path):
    """Orphans are in no spec's digest: the report's fingerprint holds them."""
    build(project)
    results = project / "results" / "pytest.xml"
    xml = results.read_text(encoding="utf-8")
    results.write_text(xml.replace("SPEC-0999.D1", "SPEC-0998.D1"), encoding="utf-8")
    app = build(project)
    whole = reports(Path(app.outdir))[0]
    assert "SPEC-0998.D1" in whole.select_one("table.specs-evidence-orphans").get_text()
    clean_copy = tmp_path / "clean"
    shutil.copytree(project, clean_copy, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_copy)
    assert outputs(Path(app.outdir)) == outputs(Path(clean.outdir))


def test_all_passing_leaves_zeros_out_and_says_none_failed(project):
    (project / "results" / "extra.xml").unlink()
    results = project / "results" / "pytest.xml"
    xml = results.read_text(encoding="utf-8")
    xml = re.sub(r"<(failure|error|skipped) .*?</\1>", "", xml, flags=re.S)
    results.write_text(xml, encoding="utf-8")
    app = build(project)
    whole = reports(Path(app.outdir))[0]
    summary = whole.select_one("p.specs-evidence-summary").get_text()
    assert summary == "4 tests: 4 passed. 4 code markers. 2 not found."
    empty = whole.select_one("table.specs-evidence-table tbody tr.specs-empty")
    assert empty.get_text() == "No failed, erred or skipped tests"
    assert whole.select_one("details.specs-evidence-passed summary").text == "4 passed tests"
