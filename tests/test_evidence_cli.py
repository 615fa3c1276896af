"""Evidence in the command line (issue 35): ``specs.json``'s ``tests`` and ``code`` read back into
the index, ``sphinx-specs report`` showing them and ``--fail-on failing-evidence,unverified-done``,
and ``sphinx-specs diff`` naming the test that went red, from real builds of the evidence root."""

from __future__ import annotations

import io
import json
import re
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from conftest import build, copy_root, run_cli
from sphinxcontrib_specs.cli import main
from sphinxcontrib_specs.core.evidence import CodeMarker
from sphinxcontrib_specs.core.specsjson import dump, load, load_file


def cli(*args: str) -> tuple[int, str, str]:
    """``sphinx-specs ARGS`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        status = main(list(args), out)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The evidence root's specs.json, then again after a change: the restore test fails, the
    crypto test passes, the skipped retention test is gone, a runbook test appears, and the code
    gains a line above its first marker and a marker of its own."""
    tmp = tmp_path_factory.mktemp("evidence-cli")
    source = copy_root("evidence", tmp)
    old = tmp / "old.json"
    shutil.copy(Path(build(source).outdir) / "specs.json", old)
    results = source / "results" / "pytest.xml"
    xml = results.read_text(encoding="utf-8")
    xml = xml.replace(
        '"SPEC-0042.D1, SPEC-0042.G1" /></properties></testcase>',
        '"SPEC-0042.D1, SPEC-0042.G1" /></properties>'
        '<failure message="took 7 minutes">slow</failure></testcase>',
    )
    xml = re.sub(r"<failure message=\"AssertionError.*?</failure>", "", xml, flags=re.S)
    xml = re.sub(r'<testcase [^>]*name="test_retention_30_days".*?</testcase>', "", xml, flags=re.S)
    xml = xml.replace(
        "</testsuite>",
        '<testcase classname="tests.test_docs" name="test_runbook" time="0.1"><properties>'
        '<property name="verifies" value="SPEC-0042.D4" /></properties></testcase></testsuite>',
    )
    results.write_text(xml, encoding="utf-8")
    code = source / "src" / "backup" / "restore.py"
    code.write_text(
        '"""Restores."""\n\n# a line above the marker\n\n'
        "def restore(path):  # implements: SPEC-0042.G1\n"
        "    # verifies: SPEC-0042.D1\n    return path\n\n\n"
        "def encrypt():  # implements: SPEC-0042.G2\n    return 0\n",
        encoding="utf-8",
    )
    new = tmp / "new.json"
    shutil.copy(Path(build(source).outdir) / "specs.json", new)
    return old, new


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A specs.json built without evidence (the basic root)."""
    app = build(copy_root("basic", tmp_path_factory.mktemp("plain")))
    return Path(app.outdir) / "specs.json"


# -- specs.json read back ---------------------------------------------------------------------


def test_load_reads_each_items_tests_and_code_into_the_evidence(builds):
    old, _ = builds
    index = load_file(old)
    evidence = index.evidence
    assert evidence.active
    d2 = evidence.of("SPEC-0042.D2")
    assert [(t.name, t.result, t.message) for t in d2.tests] == [
        ("test_encrypted_at_rest", "failed", "AssertionError: key not rotated")
    ]
    test = d2.tests[0]
    assert (test.classname, test.time, test.verifies, test.source, test.line) == (
        "tests.test_crypto",
        0.05,
        ("SPEC-0042.D2",),
        "",
        None,
    )
    assert evidence.of("SPEC-0042.D1").verified and not d2.verified
    assert [(m.path, m.line) for m in evidence.of("SPEC-0042.G2").code] == [
        ("cmd/restore/main.go", 3),
        ("lib/crypt.c", 1),
    ]
    assert evidence.orphans == []


def test_a_loaded_index_writes_the_evidence_it_was_read_from(builds):
    """What the build wrote comes back out of the loaded index: each item's tests and code (the
    URLs as written) and each spec's counts."""
    old, _ = builds
    data = json.loads(old.read_text(encoding="utf-8"))
    again = dump(load(data), data["project"], lambda docname, anchor: None)
    for spec_id, spec in data["specs"].items():
        assert again["specs"][spec_id]["evidence"] == spec["evidence"]
        for item_id, item in spec["items"].items():
            got = again["specs"][spec_id]["items"][item_id]
            assert (got["tests"], got["code"]) == (item["tests"], item["code"]), item_id


def test_loaded_code_urls_are_the_files_own(builds):
    old, _ = builds
    data = json.loads(old.read_text(encoding="utf-8"))
    url = "https://github.com/acme/backup/blob/abc123/src/backup/restore.py#L4"
    data["specs"]["SPEC-0042"]["items"]["G1"]["code"][0]["url"] = url
    evidence = load(data).evidence
    assert evidence.url(evidence.of("SPEC-0042.G1").code[0]) == url
    assert evidence.url(evidence.of("SPEC-0042.G2").code[0]) is None
    # a build's index (no loaded URLs) still makes its links from the template
    evidence.urls = {}
    evidence.code_url, evidence.commit = "https://x/{commit}/{path}#L{line}", "c0ffee"
    assert evidence.url(CodeMarker("a.py", 3, "implements", "X")) == "https://x/c0ffee/a.py#L3"


def test_a_specs_json_without_evidence_loads_without(plain):
    index = load_file(plain)
    assert not index.evidence.active and index.evidence.by_target == {}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"tests": [{"name": "t", "result": "green"}]}, "items.D1.tests.result"),
        ({"tests": [{"name": "t", "result": "passed", "time": "1s"}]}, "items.D1.tests.time"),
        ({"tests": [{"name": 5, "result": "passed"}]}, "items.D1.tests.name"),
        ({"tests": "t"}, "items.D1.tests"),
        ({"code": [{"path": "a.py", "line": "4"}]}, "items.D1.code.line"),
        ({"code": [{"path": "a.py", "line": 4, "url": 5}]}, "items.D1.code.url"),
    ],
)
def test_evidence_of_the_wrong_type_is_named(item, message):
    data = {
        "version": 1,
        "specs": {"SPEC-1": {"evidence": {}, "items": {"D1": {"kind": "dod", **item}}}},
    }
    with pytest.raises(ValueError, match=re.escape(f"key {message!r}")):
        load(data)


# -- report ------------------------------------------------------------------------------------


def test_report_fail_on_names_the_failing_tests_and_unverified_items(builds):
    old, _ = builds
    status, out, err = cli(
        "report", str(old), "--width", "120", "--fail-on", "failing-evidence,unverified-done"
    )
    assert status == 1
    assert err.splitlines() == [
        "sphinx-specs report: --fail-on failing-evidence: SPEC-0042.D2 "
        "(tests.test_crypto.test_encrypted_at_rest failed), SPEC-0042.D3 "
        "(tests.test_retention.test_retention_setup error)",
        "sphinx-specs report: --fail-on unverified-done: ticked but not verified: "
        "SPEC-0042.D2 (1 failed), SPEC-0042.D3 (1 error, 1 skipped)",
    ]
    assert (
        "Failing tests: 2\n"
        "  SPEC-0042.D2  failed  tests.test_crypto.test_encrypted_at_rest: AssertionError: key "
        "not rotated\n"
    ) in out
    assert (
        "Ticked but not verified: 2 Definition-of-Done items\n"
        "  SPEC-0042.D2  Encryption enabled (1 failed)\n"
        "  SPEC-0042.D3  Retention of 30 days (1 error, 1 skipped)\n"
    ) in out
    header = next(line for line in out.splitlines() if line.startswith("Item "))
    assert header.split() == ["Item", "Text", "Covered", "by", "Issues", "State", "Evidence"]
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("SPEC-0042.G")}
    assert rows["SPEC-0042.G1"].endswith("verified (1 passed); code: 1")
    assert rows["SPEC-0042.G2"].endswith("code: 2")


@pytest.mark.parametrize(
    ("condition", "listing"),
    [
        (
            "failing-evidence",
            "SPEC-0042.D1 (tests.test_restore.test_restore_under_5_min failed), "
            "SPEC-0042.D3 (tests.test_retention.test_retention_setup error), "
            "SPEC-0042.G1 (tests.test_restore.test_restore_under_5_min failed)",
        ),
        (
            "unverified-done",
            "ticked but not verified: SPEC-0042.D1 (1 failed), SPEC-0042.D3 (1 error)",
        ),
    ],
)
def test_report_fail_on_each_condition_alone(builds, condition, listing):
    """NEW: D1's test went red (it verifies G1 too), D2's passes now, D3 keeps its error; only
    the named condition is reported, and a selection without these specs holds neither."""
    _, new = builds
    status, out, err = cli("report", str(new), "--format", "json", "--fail-on", condition)
    assert status == 1 and json.loads(out)["rows"]
    assert err == f"sphinx-specs report: --fail-on {condition}: {listing}\n"
    status, out, err = cli("report", str(new), "--status", "Draft", "--fail-on", condition)
    assert (status, err) == (0, "")  # Draft: a built-in status, no typo
    assert "Failing tests" not in out


def test_report_fail_on_passes_when_the_evidence_is_green(builds, tmp_path):
    _, new = builds
    data = json.loads(new.read_text(encoding="utf-8"))
    for item in data["specs"]["SPEC-0042"]["items"].values():
        for test in item["tests"]:
            test["result"], test["message"] = "passed", ""
    green = tmp_path / "specs.json"
    green.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = cli("report", str(green), "--fail-on", "failing-evidence,unverified-done")
    assert (status, err) == (0, "")
    assert "Failing tests" not in out and "Ticked but not verified" not in out


def test_report_fail_on_unknown_condition_is_a_usage_error(builds):
    old, _ = builds
    result = run_cli("report", str(old), "--fail-on", "failing-evidence,red")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "sphinx-specs report: --fail-on red: known conditions are failing-evidence, "
        "unverified-done\n"
    )


def test_report_fail_on_without_evidence_is_exit_2(plain):
    status, out, err = cli("report", str(plain), "--fail-on", "failing-evidence")
    assert status == 2 and out == ""
    assert "has no evidence" in err and "specs_test_results" in err
    # without --fail-on, the report of such a file is as it was: no Evidence column
    status, out, err = cli("report", str(plain), "--format", "json")
    document = json.loads(out)
    assert status == 0 and "evidence" not in document
    assert all("tests" not in row and "evidence" not in row for row in document["rows"])


def test_report_json_rows_have_tests_code_and_evidence(builds):
    old, _ = builds
    status, out, _ = cli("report", str(old), "--format", "json", "--from", "goal,dod")
    assert status == 0
    document = json.loads(out)
    rows = {row["item"]: row for row in document["rows"]}
    assert rows["SPEC-0042.D2"]["evidence"] == "failing"
    assert rows["SPEC-0042.D2"]["tests"][0]["name"] == "test_encrypted_at_rest"
    assert rows["SPEC-0042.D3"]["evidence"] == "failing"
    assert rows["SPEC-0042.D4"]["evidence"] == "untested"
    assert rows["SPEC-0042.G1"]["code"] == [
        {"path": "src/backup/restore.py", "line": 4, "url": None}
    ]
    assert document["evidence"]["failing"][0] == {
        "item": "SPEC-0042.D2",
        "name": "test_encrypted_at_rest",
        "classname": "tests.test_crypto",
        "file": "",
        "result": "failed",
        "message": "AssertionError: key not rotated",
    }
    assert [e["item"] for e in document["evidence"]["unverified_done"]] == [
        "SPEC-0042.D2",
        "SPEC-0042.D3",
    ]


def test_report_markdown_and_csv_have_the_evidence_column(builds):
    old, _ = builds
    _, markdown, _ = cli("report", str(old), "--format", "markdown")
    assert "| Item | Text | Covered by | Issues | State | Evidence |" in markdown
    assert "| not covered | verified (1 passed); code: 1 |" in markdown
    assert "**Failing tests: 2**" in markdown
    assert (
        "- SPEC-0042.D2: `tests.test_crypto.test_encrypted_at_rest` failed: "
        "AssertionError: key not rotated"
    ) in markdown
    _, csv_text, _ = cli("report", str(old), "--format", "csv")
    lines = csv_text.splitlines()
    assert lines[0].endswith(",gate,rule,evidence")
    assert lines[-1].startswith("SPEC-0042,SPEC-0042.G2,") and lines[-1].endswith(",,,code: 2")


# -- diff --------------------------------------------------------------------------------------


def test_diff_names_the_test_that_went_red(builds):
    old, new = builds
    status, out, _ = cli("diff", str(old), str(new))
    assert status == 0
    assert out.splitlines()[:7] == [
        "SPEC-0042 Nightly backups",
        "  D1 (dod) test passed -> failed: tests.test_restore.test_restore_under_5_min",
        "  D2 (dod) test failed -> passed: tests.test_crypto.test_encrypted_at_rest",
        "  D3 (dod) test removed (was skipped): tests.test_retention.test_retention_30_days",
        "  D4 (dod) test added (passed): tests.test_docs.test_runbook",
        "  G1 (goal) test passed -> failed: tests.test_restore.test_restore_under_5_min",
        "  G2 (goal) code added: src/backup/restore.py:10",
    ]
    assert out.splitlines()[7].startswith("covered: ")  # the coverage lines follow


def test_diff_markdown_and_json_show_the_evidence(builds):
    old, new = builds
    _, markdown, _ = cli("diff", str(old), str(new), "--format", "markdown")
    assert (
        "| Item | Test | Result before | Result after |\n| --- | --- | --- | --- |\n"
        "| SPEC-0042.D1 | tests.test_restore.test_restore_under_5_min | passed | failed |\n"
    ) in markdown
    assert "- D4 (dod) test added (passed): tests.test_docs.test_runbook" in markdown
    _, text, _ = cli("diff", str(old), str(new), "--format", "json")
    spec = json.loads(text)["specs"][0]
    assert spec["items"] == []
    assert spec["evidence"][0] == {
        "change": "result",
        "id": "D1",
        "kind": "dod",
        "name": "tests.test_restore.test_restore_under_5_min",
        "before": "passed",
        "after": "failed",
    }
    assert {e["change"] for e in spec["evidence"]} == {
        "result",
        "test-added",
        "test-removed",
        "code-added",
    }


def test_diff_of_the_same_evidence_is_no_change(builds):
    old, _ = builds
    status, out, _ = cli("diff", str(old), str(old))
    assert (status, out) == (0, "No change to the specs.\n")


def test_diff_against_a_file_without_evidence_compares_no_evidence(builds, tmp_path):
    """A build before evidence was set up: its tests are not all "added"."""
    old, _ = builds
    data = json.loads(old.read_text(encoding="utf-8"))
    for spec in data["specs"].values():
        del spec["evidence"]
        for item in spec["items"].values():
            del item["tests"], item["code"]
    before = tmp_path / "before.json"
    before.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = cli("diff", str(before), str(old))
    assert (status, out) == (0, "No change to the specs.\n")
