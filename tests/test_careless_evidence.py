"""Test results, code markers, the sphinx-needs bridge and the lint gate given what a careless
project writes: each file read once, each warning on every build that a clean build gives,
each refused need on its own, and annotations GitHub reads as written."""

from __future__ import annotations

import json

import pytest

from conftest import build, run_cli, specs_warnings

CONF = (
    'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    "specs_git = False\n"
    'specs_templates = {"mini": {"statuses": ["Draft", "Accepted", "Implemented"],\n'
    '                            "done": ["Implemented"], "sections": []}}\n'
    'specs_default_template = "mini"\n'
    'specs_test_results = ["results/*.xml", "results/pytest.xml"]\n'
)
PAGE = (
    "# Alpha\n\n```{spec} SPEC-0001\n:status: Accepted\n```\n\n"
    "```{definition-of-done}\n- [x] Restore tested\n```\n"
)
RESULTS = (
    '<testsuite name="s">\n'
    '<testcase classname="t" name="test_restore" verifies="SPEC-0001.D1"/>\n'
    '<testcase classname="t" name="test_whole" verifies="SPEC-0001">'
    '<failure message="broken"/></testcase>\n'
    "{more}</testsuite>\n"
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "pytest.xml").write_text(RESULTS.format(more=""), encoding="utf-8")
    return tmp_path


def evidence_warnings(app):
    return [(w.file.rsplit("/", 1)[-1], w.line, w.message) for w in specs_warnings(app)]


def test_a_result_file_two_globs_match_is_read_once_and_a_whole_spec_test_gates(project):
    app = build(project)
    assert evidence_warnings(app) == []
    spec = json.loads((app.outdir / "specs.json").read_text())["specs"]["SPEC-0001"]
    assert [t["name"] for t in spec["items"]["D1"]["tests"]] == ["test_restore"]
    # a test that verifies the whole spec is in specs.json, and the report's gate sees it
    assert [(t["name"], t["result"]) for t in spec["tests"]] == [("test_whole", "failed")]
    gate = run_cli("report", str(app.outdir / "specs.json"), "--fail-on", "failing-evidence")
    assert gate.returncode == 1
    assert gate.stderr == (
        "sphinx-specs report: --fail-on failing-evidence: SPEC-0001 (t.test_whole failed)\n"
    )


def test_a_changed_result_file_warns_in_an_incremental_build_as_in_a_clean_one(project):
    build(project)
    more = '<testcase classname="t" name="test_new" verifies="SPEC-0001.Z9"/>\n'
    (project / "results" / "pytest.xml").write_text(RESULTS.format(more=more), encoding="utf-8")
    expected = [
        (
            "pytest.xml",
            4,
            "the test t.test_new verifies SPEC-0001.Z9, which is no spec or item of this "
            "project; fix the ID or remove it",
        )
    ]
    assert evidence_warnings(build(project)) == expected  # no page changed
    # as Sphinx warns of a page when it reads it: nothing changed, nothing warned again
    assert evidence_warnings(build(project)) == []
    assert evidence_warnings(build(project, freshenv=True)) == expected


def test_lint_annotations_for_github_are_escaped_and_a_project_finding_names_no_file(tmp_path):
    (tmp_path / "conf.py").write_text(
        CONF.replace('"results/*.xml", ', ""), encoding="utf-8"
    )  # results/pytest.xml matches nothing
    (tmp_path / "index.md").write_text("# Home\n\n```{toctree}\na,b\n```\n", encoding="utf-8")
    (tmp_path / "a,b.md").write_text(PAGE + "\nSee {covers}`SPEC-0001.G7`.\n", encoding="utf-8")
    result = run_cli("lint", str(tmp_path), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning title=specs.evidence::specs_test_results: no file ")
    assert lines[1].startswith("::warning file=a%2Cb.md,line=11,title=specs.ref::")


def test_one_refused_need_leaves_the_others(tmp_path):
    pytest.importorskip("sphinx_needs")
    (tmp_path / "conf.py").write_text(
        CONF.replace('"sphinxcontrib_specs"]', '"sphinxcontrib_specs", "sphinx_needs"]').replace(
            "specs_test_results", "# specs_test_results"
        ),
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text(
        "# Alpha\n\n```{spec} SPEC-0001\n:status: Accepted\n```\n\n"
        "```{goals}\n- {#fast} Fast restores.\n- {#Fast} Fast backups.\n- Small backups.\n```\n\n"
        "```{definition-of-done}\n- [x] Restore tested\n```\n",
        encoding="utf-8",
    )
    app = build(tmp_path, "needs")
    found = [(w.line, w.subtype) for w in specs_warnings(app)]
    assert found == [(9, "meta")]  # the item sphinx-needs refused, at its line
    assert "refused the need of SPEC-0001.Fast" in specs_warnings(app)[0].message
    needs = json.loads((app.outdir / "needs.json").read_text())
    ids = sorted(next(iter(needs["versions"].values()))["needs"])
    assert ids == ["SPEC_0001", "SPEC_0001_D1", "SPEC_0001_FAST", "SPEC_0001_G1"]


def test_configuration_typos_are_warned(tmp_path):
    (tmp_path / "conf.py").write_text(
        CONF + 'specs_code = {"paths": [], 1: "oops"}\nspecs_git = "flase"\n', encoding="utf-8"
    )
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "pytest.xml").write_text(RESULTS.format(more=""), encoding="utf-8")
    app = build(tmp_path)
    config = sorted(w.message for w in specs_warnings(app) if w.subtype == "config")
    assert config == [
        "specs_code has unknown keys 1; known: paths, markers, url; using the default",
        "specs_git 'flase' is none of True, False and 'auto'; using the default",
    ]


def test_new_refuses_an_empty_title(tmp_path):
    result = run_cli("new", " ", "--dir", str(tmp_path))
    assert result.returncode == 2
    assert (
        result.stderr
        == 'sphinx-specs new: the title is empty: sphinx-specs new "Scheduled backups"\n'
    )
    assert list(tmp_path.iterdir()) == []


def test_diff_shows_a_whole_spec_tests_change(project, tmp_path_factory):
    passing = RESULTS.replace('<failure message="broken"/>', "").format(more="")
    (project / "results" / "pytest.xml").write_text(passing, encoding="utf-8")
    old = tmp_path_factory.mktemp("old") / "specs.json"
    old.write_bytes((build(project).outdir / "specs.json").read_bytes())
    (project / "results" / "pytest.xml").write_text(RESULTS.format(more=""), encoding="utf-8")
    new = build(project).outdir / "specs.json"
    result = run_cli("diff", str(old), str(new))
    assert "  the spec test passed -> failed: t.test_whole" in result.stdout.splitlines()
