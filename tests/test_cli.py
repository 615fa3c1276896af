"""The command line through its real entry point (python -m sphinxcontrib_specs) on real files."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import build, copy_root, load_json, specs_warnings, warnings_of
from conftest import run_cli as run
from sphinxcontrib_specs.cli import main


@pytest.mark.parametrize("command", [[], ["new"], ["lint"], ["report"], ["adopt"]])
def test_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "usage: sphinx-specs" in result.stdout


def test_cli_without_a_command_prints_help(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("new", "lint", "report", "adopt"))


def test_usage_errors_exit_2():
    result = run("report")
    assert result.returncode == 2 and "required: specs.json" in result.stderr
    assert run("frobnicate").returncode == 2


# -- new -------------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
    )
    (tmp_path / "index.md").write_text("# Specs\n\n```{toctree}\n:glob:\nspecs/*\n```\n")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "old.md").write_text("# Old\n\n```{spec} SPEC-0041\n:status: Draft\n```\n")
    (specs / "070-plain.md").write_text("# Plain\n\n* **Status:** Draft\n")
    (specs / "other.rst").write_text("Other\n=====\n\n.. spec:: RFC-0900\n   :status: Draft\n")
    return tmp_path


def test_new_keeps_the_width_of_the_ids_it_wrote(tmp_path):
    """Its own pages name their IDs: their file names' numbers, read as plain specs through
    specs_plain_id (``SPEC-{number:03d}``), gave SPEC-0001 then SPEC-002."""
    for title in ("Alpha", "Beta", "Gamma"):
        assert run("new", title, "--dir", str(tmp_path)).returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["spec-0001-alpha.md", "spec-0002-beta.md", "spec-0003-gamma.md"]
    assert "```{spec} SPEC-0003\n" in (tmp_path / "spec-0003-gamma.md").read_text()


def test_new_writes_a_title_pasted_over_two_lines_as_one_heading(tmp_path):
    assert run("new", "Scheduled\n  backups", "--dir", str(tmp_path)).returncode == 0
    page = (tmp_path / "spec-0001-scheduled-backups.md").read_text()
    assert page.startswith("# Scheduled backups\n\n```{spec} SPEC-0001\n")


def test_new_takes_the_next_free_id_and_refuses_to_overwrite(project):
    specs = project / "specs"
    first = run("new", "Scheduled backups", "--dir", str(specs), "--author", "Ann Lee")
    assert first.returncode == 0, first.stderr
    path = specs / "spec-0071-scheduled-backups.md"  # after SPEC-0070 of 070-plain.md
    assert path.exists() and str(path.name) in first.stdout
    text = path.read_text()
    assert text.startswith("# Scheduled backups\n\n```{spec} SPEC-0071\n:status: Draft\n")
    assert ":authors: Ann Lee\n" in text
    today = re.search(r":created: (\d{4}-\d{2}-\d{2})", text).group(1)
    assert f":updated: {today}" in text
    second = run("new", "Restore service", "--template", "technical", "--dir", str(specs))
    assert second.returncode == 0
    assert (specs / "spec-0072-restore-service.md").exists()
    # a title's accents leave the file name, not its letters
    accents = run("new", "Use Redis \u2014 f\u00fcr Cach\u00e9", "--dir", str(specs))
    assert accents.returncode == 0, accents.stderr
    assert (specs / "spec-0073-use-redis-fur-cache.md").exists()
    for title in ("Stra\u00dfe", "\u0412\u0435\u0440\u0441\u0438\u044f 2"):
        assert run("new", title, "--dir", str(specs)).returncode == 0
    assert (specs / "spec-0074-strasse.md").exists()
    assert (specs / "spec-0075-\u0432\u0435\u0440\u0441\u0438\u044f-2.md").exists()
    again = run("new", "Scheduled backups", "--dir", str(specs), "--id", "SPEC-0071")
    assert again.returncode == 2 and "SPEC-0071 is already used" in again.stderr
    # a file named with a word and a number (spec-0099-...) holds that number's spec
    (specs / "spec-0099-clash.md").write_text("# Clash\n")
    clash = run("new", "Clash", "--dir", str(specs), "--id", "SPEC-0099")
    assert clash.returncode == 2 and "SPEC-0099 is already used" in clash.stderr
    assert (specs / "spec-0099-clash.md").read_text() == "# Clash\n"


@pytest.mark.parametrize("template", ["proposal", "technical"])
def test_new_specs_build_and_only_their_placeholders_warn(tmp_path, template):
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
    )
    (tmp_path / "index.md").write_text("# Specs\n\n```{toctree}\n:glob:\nspec-*\n```\n")
    result = run(
        "new", "Plugin loader", "--template", template, "--dir", str(tmp_path), "--author", "@ann"
    )
    assert result.returncode == 0, result.stderr
    app = build(tmp_path)
    warnings = warnings_of(app)
    # the hint texts and [placeholders] remind the author, and nothing else is wrong
    assert warnings and {w.subtype for w in warnings} == {"placeholder"}
    assert any(
        "Summarize the proposal" in w.message or "Describe the problem" in w.message
        for w in warnings
    )
    quiet = build(tmp_path, builddir=tmp_path / "_quiet", suppress_warnings=["specs.placeholder"])
    assert warnings_of(quiet) == []
    data = load_json(quiet)["specs"]["SPEC-0001"]
    assert data["template"] == template and data["authors"] == ["@ann"]


# -- lint ------------------------------------------------------------------------------------------


def test_lint_finds_what_a_full_build_finds(tmp_path):
    src = copy_root("warnings", tmp_path)
    result = run("lint", str(src), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    found = set()
    current = None
    for line in lines[:-1]:
        if not line.startswith(" "):
            current = Path(line).name
            continue
        number, subtype, _ = line.split(maxsplit=2)
        found.add((current, None if number == "-" else int(number), subtype.removeprefix("specs.")))
    full = build(src, builddir=tmp_path / "full")
    expected = {w.where for w in warnings_of(full) if w.type == "specs"}
    assert found == expected
    summary = lines[-1]
    assert re.match(r"^\d+ specs warnings in \d+ files \(cycle: 1, dod: 1, id: \d+", summary)
    assert not list(src.glob("_build/dummy"))  # nothing written into the project


def test_lint_github_annotations_and_clean_project(tmp_path):
    src = copy_root("warnings", tmp_path)
    result = run("lint", str(src), "--format", "github", cwd=src)
    assert "::warning file=dod.md,line=3,title=specs.dod::spec SPEC-0601 is Done" in result.stdout
    clean = copy_root("basic", tmp_path)
    ok = run("lint", str(clean))
    assert ok.returncode == 0 and ok.stdout.strip() == "no specs warnings"


def test_lint_without_conf_py(tmp_path):
    result = run("lint", str(tmp_path))
    assert result.returncode == 2 and result.stderr == (
        f"sphinx-specs lint: {tmp_path} has no conf.py: `sphinx-specs init {tmp_path}` writes "
        "one for its specs\n"
    )


# -- report ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    app = build(copy_root("reports", tmp_path_factory.mktemp("cli-report")))
    return app


def matrix_footer(app, index: int) -> str:
    html = (Path(app.outdir) / "matrix.html").read_text()
    return re.findall(r'<p class="specs-coverage">.*?</p>', html)[index]


@pytest.mark.parametrize(("options", "footer"), [([], 0), (["--team", "Identity"], 1)])
def test_report_numbers_match_the_matrix(reports, options, footer):
    specs_json = str(Path(reports.outdir) / "specs.json")
    result = run("report", specs_json, "--format", "json", *options)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    figures = data["coverage"]
    html = matrix_footer(reports, footer)
    expected = (
        f"{figures['covered']} of {figures['total']} covered "
        f"({round(100 * figures['covered'] / figures['total'])}%), "
        f"{figures['done']} of {figures['total']} done"
    )
    assert expected in re.sub(r"<[^>]+>", "", html)
    rows_in_html = re.findall(
        r'class="specs-matrix-row', (Path(reports.outdir) / "matrix.html").read_text()
    )
    assert len(rows_in_html) == 6 + 4 and len(data["rows"]) == figures["total"]


def test_report_formats(reports):
    specs_json = str(Path(reports.outdir) / "specs.json")
    table = run("report", specs_json, "--width", "100")
    assert table.returncode == 0
    assert "SPEC-0002.R2" in table.stdout and "[x] SPEC-0003.D2" in table.stdout
    assert table.stdout.rstrip().endswith("Coverage: 5 of 6 covered (83.3%), 4 of 6 done (66.7%)")
    assert all(len(line) <= 100 for line in table.stdout.splitlines())
    rows = list(csv.DictReader(io.StringIO(run("report", specs_json, "--format", "csv").stdout)))
    assert [r["item"] for r in rows][:2] == ["SPEC-0001.G1", "SPEC-0001.G2"]
    assert rows[1] == {
        "spec": "SPEC-0001",
        "item": "SPEC-0001.G2",
        "kind": "goal",
        "text": "Tokens can be revoked.",
        "covered_by": "SPEC-0001.D2",
        "checked": "false",
        "issues": "acme/id#7",
        "state": "covered",
        "gate": "",
        "rule": "",
    }
    markdown = run("report", specs_json, "--format", "markdown", "--filter", 'team == "Core"')
    assert markdown.stdout.splitlines()[:3] == [
        "| Item | Text | Covered by | Issues | State |",
        "|---|---|---|---|---|",
        "| SPEC-0010.R1 | Plans in under 1 ms. |  |  | not covered |",
    ]


def test_report_rows_follow_the_items_order_past_nine(tmp_path):
    """Twelve requirements: the report lists R1, R2, ..., R10 as the matrix does (specs.json's
    keys are sorted as text: R1, R10, R11, R12, R2), and so is each item's "covered by"."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
        'myst_enable_extensions = ["colon_fence"]\nsuppress_warnings = ["specs.section"]\n'
    )
    reqs = "".join(f"- Requirement {n}\n" for n in range(1, 13))
    dod = "".join(f"- [ ] Item {n} {{covers}}`R1`\n" for n in range(1, 12))
    (tmp_path / "index.md").write_text(
        f"# Specs\n\n:::{{spec}} SPEC-0001\n:status: Draft\n:::\n\n"
        f":::{{requirements}}\n{reqs}:::\n\n:::{{definition-of-done}}\n{dod}:::\n"
    )
    app = build(tmp_path)
    assert warnings_of(app) == []
    report = run("report", str(Path(app.outdir) / "specs.json"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(report.stdout)))
    assert [r["item"] for r in rows] == [f"SPEC-0001.R{n}" for n in range(1, 13)]
    assert rows[0]["covered_by"].split() == [f"SPEC-0001.D{n}" for n in range(1, 12)]


def test_report_csv_has_a_row_per_unmet_gate_rule(tmp_path):
    # the reports pages with the proposal template's gates back on: SPEC-0003 is Accepted (and
    # SPEC-0004 Implemented) without the Proposed Solution / Design section the gate asks for
    templates = {"proposal": {"sections": []}, "technical": {"sections": [], "gates": {}}}
    app = build(copy_root("reports", tmp_path), specs_templates=templates)
    specs_json = str(Path(app.outdir) / "specs.json")
    result = run("report", specs_json, "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == [
        "spec", "item", "kind", "text", "covered_by", "checked", "issues", "state", "gate", "rule"
    ]  # fmt: skip
    # one table: the gate rows first (as the other formats list them first), then the items
    assert table[1] == [
        "SPEC-0003",
        "",
        "gate",
        "spec SPEC-0003 is Accepted but lacks the section 'Proposed Solution / Design' "
        "(gate rule sections)",
        "",
        "",
        "",
        "unmet",
        "Accepted",
        "sections",
    ]
    assert all(len(row) == len(table[0]) for row in table)
    items = [row for row in table[1:] if row[2] != "gate"]
    assert len(items) == 6 and [row[8:] for row in items] == [["", ""]] * 6
    # SPEC-0004 is Implemented: the Accepted gate holds for it too, and the row names that gate
    assert table[2][:3] == ["SPEC-0004", "", "gate"]
    assert table[2][7:] == ["unmet", "Accepted", "sections"]
    assert table[2][3].endswith("(gate rule sections of Accepted, which holds for later statuses)")
    json_gates = json.loads(run("report", specs_json, "--format", "json").stdout)["gates"]
    assert [(r[0], r[8], r[9], r[3]) for r in table[1:3]] == [
        (g["spec"], g["status"], g["rule"], g["message"]) for g in json_gates
    ]
    # the selection applies to the gate rows; --fail-under still decides the exit code
    draft = run("report", specs_json, "--format", "csv", "--status", "Draft")
    assert [row[2] for row in csv.reader(io.StringIO(draft.stdout))].count("gate") == 0
    below = run("report", specs_json, "--format", "csv", "--fail-under", "90")
    assert below.returncode == 1
    assert list(csv.reader(io.StringIO(below.stdout)))[1][2] == "gate"


def test_report_fail_under(reports):
    specs_json = str(Path(reports.outdir) / "specs.json")
    below = run("report", specs_json, "--fail-under", "90")
    assert below.returncode == 1
    assert "covered coverage 83.3% is under --fail-under 90%" in below.stderr
    assert run("report", specs_json, "--fail-under", "80").returncode == 0
    assert run("report", specs_json, "--fail-under", "70", "--metric", "done").returncode == 1
    assert run("report", specs_json, "--fail-under", "100", "--status", "Review").returncode == 1
    assert run("report", specs_json, "--fail-under", "100", "--status", "Accepted").returncode == 0


def test_report_input_errors(tmp_path, reports):
    missing = run("report", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    (tmp_path / "bad.json").write_text("{not json")
    assert run("report", str(tmp_path / "bad.json")).returncode == 2
    bad_filter = run("report", str(Path(reports.outdir) / "specs.json"), "--filter", "x ==")
    assert bad_filter.returncode == 2 and "unknown field 'x'" in bad_filter.stderr


# -- the project's conf.py -------------------------------------------------------------------------


@pytest.fixture
def adr_project(tmp_path) -> Path:
    """A project whose conf.py has its own ID form, template, plain IDs and a required field."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'exclude_patterns = ["_build"]\n'
        'specs_id_pattern = r"^ADR-[0-9]+$"\n'
        'specs_plain_markdown = "adr/0*.md"\n'
        'specs_plain_id = "ADR-{number:03d}"\n'
        'specs_default_template = "adr"\n'
        'specs_fields = [{"name": "deciders", "required": True}]\n'
        "specs_templates = {\n"
        '    "adr": {\n'
        '        "statuses": ["Proposed", "Accepted"],\n'
        '        "done": ["Accepted"],\n'
        '        "fields": ["status", "authors", "created"],\n'
        '        "sections": [\n'
        '            {"title": "Context", "hint": "Say what forces the decision."},\n'
        '            {"title": "Definition of Done", "hint": "List what must hold."},\n'
        "        ],\n"
        "    },\n"
        "}\n"
    )
    (tmp_path / "index.md").write_text("# ADRs\n\n```{toctree}\n:glob:\nadr/*\n```\n")
    adr = tmp_path / "adr"
    adr.mkdir()
    (adr / "old.md").write_text(
        "# Old\n\n```{spec} ADR-007\n:status: Accepted\n:deciders: Bo\n```\n\n"
        "## Context\n\nText.\n\n## Definition of Done\n\n```{dod}\n- [x] Done\n```\n"
    )
    (adr / "012-plain.md").write_text(
        "# Plain\n\n* **Status:** Proposed\n* **Template:** adr\n* **Deciders:** Bo\n\n"
        "## Context\n\nText.\n\n"
        "## Definition of Done\n\n- [ ] Open\n"
    )
    return tmp_path


def test_new_follows_the_projects_conf_py(adr_project):
    adr = adr_project / "adr"
    result = run(
        "new", "Use Postgres", "--dir", str(adr), "--author", "Ann", "--date", "2026-01-02"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{adr / 'adr-013-use-postgres.md'}  (ADR-013, adr template)")
    text = (adr / "adr-013-use-postgres.md").read_text()
    # the template's fields in its order, the required specs_fields field, no :template: for
    # the default template; its sections and hints; a dod list under "Definition of Done"
    assert text == (
        "# Use Postgres\n\n```{spec} ADR-013\n:status: Proposed\n:authors: Ann\n"
        ":created: 2026-01-02\n:deciders: [Deciders]\n\n[One-paragraph abstract]\n```\n\n"
        "## Context\n\nSay what forces the decision.\n\n"
        "## Definition of Done\n\nList what must hold.\n\n"
        "```{definition-of-done}\n- [ ] [Condition 1]\n```\n"
    )
    app = build(adr_project)
    warnings = specs_warnings(app)
    assert warnings and {w.subtype for w in warnings} == {"placeholder"}, warnings
    assert {Path(w.file).name for w in warnings} == {"adr-013-use-postgres.md"}
    spec = load_json(app)["specs"]["ADR-013"]
    assert spec["template"] == "adr" and [i["kind"] for i in spec["items"].values()] == ["dod"]
    technical = run("new", "Schema", "--dir", str(adr), "--template", "technical")
    assert technical.returncode == 0 and "ADR-014, technical template" in technical.stdout
    assert ":template: technical\n" in (adr / "adr-014-schema.md").read_text()


def test_new_rejects_what_the_project_does_not_know(adr_project):
    adr = str(adr_project / "adr")
    unknown = run("new", "X", "--dir", adr, "--template", "rfc")
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "sphinx-specs new: --template 'rfc' is not a template of this project; "
        "choose from adr, proposal, technical\n"
    )
    bad_id = run("new", "X", "--dir", adr, "--id", "SPEC-0001")
    assert bad_id.returncode == 2
    assert "--id 'SPEC-0001' does not match specs_id_pattern '^ADR-[0-9]+$'" in bad_id.stderr
    plain_taken = run("new", "X", "--dir", adr, "--id", "ADR-12")
    assert plain_taken.returncode == 2 and "ADR-12 is already used" in plain_taken.stderr
    assert list(Path(adr).glob("adr-*")) == []


def test_new_conf_dir_option(adr_project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    # no conf.py above this folder: the built-in defaults
    assert run("new", "X", "--dir", str(elsewhere), "--template", "adr").returncode == 2
    result = run("new", "X", "--dir", str(elsewhere), "--conf-dir", str(adr_project))
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "adr-001-x.md").read_text().startswith("# X\n\n```{spec} ADR-001\n")
    missing = run("new", "X", "--dir", str(elsewhere), "--conf-dir", str(elsewhere / "no"))
    assert missing.returncode == 2
    assert missing.stderr.endswith(
        "--conf-dir " + str(elsewhere / "no") + ": no conf.py in that folder\n"
    )


def test_bad_conf_py_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "conf.py").write_text("extensions = []\nx = 1 / 0\n")
    for args in (["new", "X", "--dir", str(tmp_path)], ["lint", str(tmp_path)]):
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"{tmp_path / 'conf.py'}, line 2): ZeroDivisionError: division by zero" in (
            result.stderr
        )
    (tmp_path / "conf.py").write_text("x = (\n")
    syntax = run("new", "X", "--dir", str(tmp_path))
    assert syntax.returncode == 2 and syntax.stderr.count("\n") == 1
    assert "syntax error in your configuration file" in syntax.stderr
    for args in (["new", "X", "--dir", str(tmp_path / "no")], ["lint", str(tmp_path / "no")]):
        result = run(*args)
        assert result.returncode == 2
        assert result.stderr == f"sphinx-specs {args[0]}: {tmp_path / 'no'} is not a folder\n"


def lint_findings(src: Path, *options: str) -> tuple[int, Counter[tuple[str, int | None, str]]]:
    """lint's findings as GitHub annotations: (file name, line, subtype) -> count."""
    result = run("lint", ".", "--format", "github", *options, cwd=src)
    found: Counter[tuple[str, int | None, str]] = Counter()
    for line in result.stdout.splitlines():
        match = re.match(r"^::warning file=([^,]*)(?:,line=(\d+))?,title=specs\.([\w-]+)::", line)
        if match:
            file = "" if match.group(1) == "(project)" else Path(match.group(1)).name
            number = int(match.group(2)) if match.group(2) else None
            found[(file, number, match.group(3))] += 1
    return result.returncode, found


@pytest.fixture(scope="module", params=["warnings", "warnings-rst"])
def full_build(request, tmp_path_factory):
    """A root, and the (file, line, subtype) of every specs warning its HTML build prints."""
    src = copy_root(request.param, tmp_path_factory.mktemp("lint-vs-build"))
    app = build(src, builddir=src.parent / "full", show_warning_types=True)
    expected = Counter((Path(w.file).name, w.line, w.subtype) for w in specs_warnings(app))
    assert expected  # the roots exist to warn
    return src, expected


@pytest.mark.parametrize("types", [True, False])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lint_agrees_with_the_build(full_build, types, jobs):
    src, expected = full_build
    conf = (src / "conf.py").read_text()
    (src / "conf.py").write_text(conf + f"\nshow_warning_types = {types}\n")
    try:
        status, found = lint_findings(src, "-j", jobs)
    finally:
        (src / "conf.py").write_text(conf)
    assert status == 1 and found == expected


def test_lint_without_warning_types_still_fails(tmp_path):
    """With ``show_warning_types = False`` the warning text has no ``[specs.x]`` tag: lint still
    finds the warnings and fails."""
    src = copy_root("warnings", tmp_path)
    (src / "conf.py").write_text((src / "conf.py").read_text() + "show_warning_types = False\n")
    result = run("lint", str(src))
    assert result.returncode == 1
    assert "no specs warnings" not in result.stdout
    assert re.search(r"^\d+ specs warnings in \d+ files \(cycle: 1, dod: 1,", result.stdout, re.M)


def test_lint_honours_suppress_warnings_and_conf_dir(tmp_path):
    src = copy_root("warnings", tmp_path)
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    (conf_dir / "conf.py").write_text(
        (src / "conf.py").read_text() + 'suppress_warnings = ["specs.meta", "specs.ref"]\n'
    )
    (src / "conf.py").unlink()
    assert run("lint", str(src)).returncode == 2  # no conf.py in the source folder
    status, found = lint_findings(src, "--conf-dir", str(conf_dir))
    assert status == 1 and found
    assert {subtype for _, _, subtype in found} == {"cycle", "dod", "id", "placeholder", "section"}


# -- report without Sphinx -------------------------------------------------------------------------

BLOCK_SPHINX = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sphinx", "docutils", "myst_parser", "sphinx_needs"):
            raise ImportError(f"{name} is blocked")
        return None
for name in ("sphinx", "docutils"):
    sys.modules[name] = None
sys.meta_path.insert(0, Block())
from sphinxcontrib_specs.cli import main
"""


def run_without_sphinx(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_SPHINX + code],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_report_runs_without_sphinx_and_docutils(reports):
    specs_json = str(Path(reports.outdir) / "specs.json")
    code = (
        f"status = main(['report', {specs_json!r}, '--format', 'json', '--team', 'Identity'])\n"
        "assert not any(m.split('.')[0] in ('sphinx', 'docutils') for m, v in sys.modules.items()"
        " if v is not None)\n"
        "sys.exit(status)\n"
    )
    blocked = run_without_sphinx(code)
    assert blocked.returncode == 0, blocked.stderr
    normal = run("report", specs_json, "--format", "json", "--team", "Identity")
    assert json.loads(blocked.stdout) == json.loads(normal.stdout)
    assert json.loads(blocked.stdout)["coverage"]["total"] == 4
    table = run_without_sphinx(f"sys.exit(main(['report', {specs_json!r}, '--width', '100']))")
    assert table.returncode == 0 and "Coverage: 5 of 6 covered (83.3%)" in table.stdout


@pytest.mark.parametrize("command", [[], ["new"], ["lint"], ["report"], ["adopt"]])
def test_help_without_sphinx(command):
    result = run_without_sphinx(f"main({[*command, '--help']!r})")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: sphinx-specs")
    if command in (["new"], ["lint"], ["report"]):
        assert "--conf-dir DIR" in result.stdout


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2]",
        '{"version": 1}',
        '{"specs": {"A": 3}}',
        '{"specs": {"A": {"authors": 5}}}',
        # hand-broken values: the loader checks their types (the one check imports use too)
        '{"specs": {"A": {"status": 5}}}',
        '{"specs": {"A": {"title": 5}}}',
        '{"specs": {"A": {"authors": "alice"}}}',
        '{"specs": {"A": {"tags": [null]}}}',
        '{"specs": {"A": {"created": 5}}}',
        '{"specs": {"A": {"items": {"G1": {"kind": "goal", "covers": "G1"}}}}}',
        '{"specs": {"A.B": {}}}',
    ],
)
def test_report_of_another_shape_is_one_line_and_exit_2(tmp_path, content):
    path = tmp_path / "specs.json"
    path.write_text(content)
    result = run("report", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"sphinx-specs report: {path} is not a specs.json of version 1")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    diff = run("diff", str(path), str(path))
    assert diff.returncode == 2 and "Traceback" not in diff.stderr
    assert diff.stderr.count("\n") == 1 and "is not a specs.json of version 1" in diff.stderr


def test_report_conf_dir_knows_the_projects_fields(tmp_path, reports):
    specs_json = str(Path(reports.outdir) / "specs.json")
    (tmp_path / "conf.py").write_text('specs_fields = [{"name": "reviewers"}]\n')
    unknown = run("report", specs_json, "--filter", 'reviewers == "Bo"')
    assert unknown.returncode == 2 and "unknown field 'reviewers'" in unknown.stderr
    known = run("report", specs_json, "--filter", 'reviewers == "Bo"', "--conf-dir", str(tmp_path))
    assert known.returncode == 0, known.stderr
    assert "(no items match)" in known.stdout


# -- adopt and plain mode --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build(copy_root("plain", tmp_path_factory.mktemp("plain")))


def test_plain_mode_records(plain):
    specs = load_json(plain)["specs"]
    assert sorted(specs) == ["SPEC-001", "SPEC-002", "SPEC-003"]
    one = specs["SPEC-001"]
    assert one["title"] == "Plugin system" and one["status"] == "Under Review"
    assert one["authors"] == ["@alice", "@bob"]  # separated by spaces
    assert [i["text"] for i in one["issues"]] == ["acme/plugins#12", "GH-14"]
    # the context list before the **Goals:** label is not goals; nested DoD bullets stay inside
    assert {k: (v["kind"], v["checked"]) for k, v in one["items"].items()} == {
        "G1": ("goal", None),
        "G2": ("goal", None),
        "NG1": ("non-goal", None),
        "D1": ("dod", True),
        "D2": ("dod", False),
        "D3": ("dod", False),  # a plain bullet is open
        "Q1": ("question", False),
    }
    assert one["items"]["D1"]["text"] == "Loader merged"  # nested bullets are not its text
    two = specs["SPEC-002"]
    assert two["status"] == "Draft" and two["issues"] == [] and two["updated"] is None
    assert two["links"]["related"] == ["SPEC-001"]  # **Related specs:**
    assert [k for k, v in two["items"].items() if v["kind"] == "goal"] == ["G1", "G2"]  # no labels
    three = specs["SPEC-003"]
    assert three["created"] is None and list(three["items"]) == ["D1", "G1"]


def test_plain_mode_warnings(plain):
    assert sorted(w.where for w in warnings_of(plain)) == [
        ("003-untidy.md", 3, "gate"),  # Accepted (line 3) without Proposed Solution / Design
        ("003-untidy.md", 3, "section"),  # Motivation missing
        ("003-untidy.md", 5, "meta"),  # bad date, at its field's line
        ("003-untidy.md", 6, "meta"),  # unknown **Owner team:** field
    ]


def test_plain_mode_renders_the_card(plain):
    html = (Path(plain.outdir) / "specs" / "001-plugins.html").read_text()
    assert '<div class="specs-card specs-status-under-review' in html
    assert "**Status:**" not in html and ">Status:</strong>" not in html
    assert html.count('type="checkbox"') == 4
    untidy = (Path(plain.outdir) / "specs" / "003-untidy.html").read_text()
    assert "Owner team:" in untidy  # unknown fields stay visible under the card
    index = (Path(plain.outdir) / "index.html").read_text()
    assert 'href="specs/001-plugins.html#spec-001"' in index
    notes = (Path(plain.outdir) / "notes.html").read_text()
    assert "specs-card" not in notes  # outside the glob


def test_plain_true_needs_a_number_in_the_file_name(tmp_path):
    app = build(copy_root("plain", tmp_path), specs_plain_markdown=True)
    ids = [w for w in warnings_of(app) if w.subtype == "id"]
    assert [(Path(w.file).name, w.line) for w in ids] == [("notes.md", 3)]
    assert "has no ID: start the file name with its number" in ids[0].message


def test_adopt_gives_the_plain_mode_record(tmp_path, plain):
    src = copy_root("plain", tmp_path)
    originals = {p.name: p.read_text() for p in (src / "specs").glob("*.md")}
    result = run("adopt", *sorted(str(p) for p in (src / "specs").glob("*.md")))
    assert result.returncode == 0, result.stderr
    assert "001-plugins.md: adopted as SPEC-001 (1 dod list, 1 goal list, 1 non-goal list" in (
        result.stdout
    )
    assert "unknown metadata field **Owner team:**" in result.stderr
    for name, before in originals.items():
        after = (src / "specs" / name).read_text()
        assert "{spec}" in after
        # every line of prose is kept, in order; only the metadata bullets became options
        kept = [ln for ln in before.splitlines() if not re.match(r"^\* \*\*[^*]+:\*\*", ln)]
        remaining = iter(after.splitlines())
        assert all(any(ln == other for other in remaining) for ln in kept), name
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('specs_plain_markdown = "specs/*.md"', ""))
    adopted = build(src)
    assert load_json(adopted)["specs"] == load_json(plain)["specs"]
    assert sorted(w.where for w in warnings_of(adopted)) == [
        ("003-untidy.md", 3, "gate"),
        ("003-untidy.md", 3, "meta"),
        ("003-untidy.md", 3, "section"),
    ]
    again = run("adopt", str(src / "specs" / "001-plugins.md"))
    assert again.returncode == 0 and "already in the directive form" in again.stderr


def test_adopt_to_stdout_and_not_a_spec(tmp_path):
    src = copy_root("plain", tmp_path)
    spec = src / "specs" / "002-search.md"
    before = spec.read_text()
    out = run("adopt", "--stdout", str(spec))
    assert out.stdout.startswith("# Search across plugins\n\n```{spec} SPEC-002\n:status: Draft\n")
    assert spec.read_text() == before
    notes = run("adopt", str(src / "index.md"))
    assert notes.returncode == 1 and "not a plain spec" in notes.stderr
    shutil.rmtree(src)
