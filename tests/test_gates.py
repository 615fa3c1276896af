"""Status gates and approvals (issue 15): each gate rule met and unmet at the spec's line (MyST
and reStructuredText), a gate that holds for later statuses, ``"later": False``, the exemption of
inactive statuses, ``required_from``, the built-in proposal gates, approvers in every shape, the
card, the ``approvals`` column and filter, lint, report, specs.json and its schema, bad gate
configuration."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, load_json, run_cli, specs_warnings, warnings_of
from sphinxcontrib_specs.core.diff import diff
from sphinxcontrib_specs.core.model import Approver, SpecRecord, parse_approvers
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH, load
from sphinxcontrib_specs.core.templates.builtin import BUILTIN_TEMPLATES
from sphinxcontrib_specs.core.templates.gates import evaluate, holding_gates, reaches
from sphinxcontrib_specs.core.templates.load import build_templates

#: (file, line, subtype, a fragment of the message): every warning of tests/roots/test-gates.
EXPECTED_MYST = {
    # required_from "Accepted": reached, so the section is required
    ("accepted_bad.md", 3, "section", "SPEC-0003 lacks the section 'Design'"),
    ("accepted_bad.md", 3, "gate", "SPEC-0003 is Accepted but lacks the section 'Rollout'"),
    ("accepted_bad.md", 3, "gate", "SPEC-0003 is Accepted but open question Q2 is unresolved"),
    ("accepted_bad.md", 3, "gate", "has 1 of the 2 approvals it needs; requested: @dan"),
    ("accepted_bad.md", 3, "gate", "SPEC-0003 is Accepted but its field :authors: is empty"),
    ("bad_approver.md", 3, "meta", "bad approval date '2026-02-30' of approver @carol"),
    # the Accepted gate holds for Implemented; the Review gate ("later": False) does not
    (
        "implemented.md",
        3,
        "gate",
        "SPEC-0004 is Implemented but has 1 of the 2 approvals it needs (gate rule approvals "
        "of Accepted, which holds for later statuses)",
    ),
    ("implemented.md", 3, "dod", "SPEC-0004 is Implemented but its Definition-of-Done item D2"),
    ("review.md", 3, "gate", "SPEC-0005 is Review but its field :team: is empty"),
    # the built-in proposal gates: the design section (once, as a gate) and no open question
    ("proposal.md", 3, "gate", "lacks the section 'Proposed Solution / Design' (gate rule"),
    ("proposal.md", 3, "gate", "SPEC-0008 is Accepted but open question Q1 is unresolved"),
    ("proposal_done.md", 3, "dod", "SPEC-0009 is Implemented but its Definition-of-Done"),
}

EXPECTED_RST = {
    ("accepted_bad.rst", 4, "section", "SPEC-0003 lacks the section 'Design'"),
    ("accepted_bad.rst", 4, "gate", "SPEC-0003 is Accepted but lacks the section 'Rollout'"),
    ("accepted_bad.rst", 4, "gate", "SPEC-0003 is Accepted but open question Q2 is unresolved"),
    ("accepted_bad.rst", 4, "gate", "has 1 of the 2 approvals it needs; requested: @dan"),
    ("accepted_bad.rst", 4, "gate", "SPEC-0003 is Accepted but its field :authors: is empty"),
    ("draft.rst", 4, "meta", "bad approval date 'someday' of approver @carol"),
}


def _exactly(app, expected):
    warnings = warnings_of(app)
    assert "Traceback" not in app.warning.getvalue()
    for file, line, subtype, fragment in expected:
        hits = [w for w in warnings if w.where == (file, line, subtype) and fragment in w.message]
        assert len(hits) == 1, f"no {subtype} warning at {file}:{line} with {fragment!r}"
    assert len(warnings) == len(expected), "\n".join(map(str, warnings))


@pytest.fixture(scope="module")
def myst(tmp_path_factory):
    return build(copy_root("gates", tmp_path_factory.mktemp("g")))


@pytest.fixture(scope="module")
def rst(tmp_path_factory):
    return build(copy_root("gates-rst", tmp_path_factory.mktemp("g")))


def test_every_gate_warning_at_the_spec_line_myst(myst):
    # draft.md (no Design: not yet required), accepted_ok.md (every rule met) and deferred.md
    # (inactive: inherits no gate) give none
    _exactly(myst, EXPECTED_MYST)


def test_every_gate_warning_at_the_spec_line_rst(rst):
    _exactly(rst, EXPECTED_RST)


def test_specs_json_has_approvers_and_failed_gates(myst):
    data = load_json(myst)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    specs = data["specs"]
    assert specs["SPEC-0003"]["approvers"] == [
        {"name": "@carol", "date": "2026-03-01"},
        {"name": "@dan", "date": None},
    ]
    assert [(g["status"], g["rule"]) for g in specs["SPEC-0003"]["gates"]] == [
        ("Accepted", "sections"),
        ("Accepted", "questions_resolved"),
        ("Accepted", "approvals"),
        ("Accepted", "fields"),
    ]
    assert [(g["status"], g["rule"]) for g in specs["SPEC-0004"]["gates"]] == [
        ("Accepted", "approvals"),
        ("Implemented", "dod_done"),
    ]
    assert specs["SPEC-0002"]["gates"] == [] and specs["SPEC-0006"]["gates"] == []
    # load gives back what dump wrote
    index = load(data)
    assert index.specs["SPEC-0003"].approvers == [
        Approver("@carol", "2026-03-01"),
        Approver("@dan"),
    ]
    assert [g.rule for g in index.specs["SPEC-0004"].gates] == ["approvals", "dod_done"]


def test_card_marks_approved_and_requested(myst):
    page = BeautifulSoup(
        (Path(myst.outdir) / "accepted_bad.html").read_text(encoding="utf-8"), "html.parser"
    )
    row = page.select_one("tr.specs-row-approvers")
    assert row.select_one(".specs-label").get_text() == "Approvers"
    approved, requested = row.select("span.specs-approver")
    assert "specs-approved" in approved["class"] and "specs-requested" in requested["class"]
    assert approved.select_one(".specs-approval-mark").get_text() == "✓"
    assert approved.select_one("a.specs-author")["href"] == "https://github.com/carol"
    assert approved.get_text() == "✓ @carol (2026-03-01)"
    assert requested.get_text() == "@dan (requested)"


@pytest.mark.parametrize(
    ("builder", "filename"), [("text", "accepted_bad.txt"), ("latex", "gates.tex")]
)
def test_card_marks_in_words_for_other_writers(tmp_path, builder, filename):
    app = build(copy_root("gates", tmp_path), builder)
    text = (Path(app.outdir) / filename).read_text(encoding="utf-8")
    if builder == "latex":
        text = text.replace("\\sphinxhref{https://github.com/carol}{@carol}", "@carol")
        text = text.replace("\\sphinxhyphen{}", "-")
    assert "@carol (approved 2026-03-01)" in text
    assert "@dan (requested)" in text.replace("\\sphinxhref{https://github.com/dan}{@dan}", "@dan")
    assert "✓" not in text


def test_approvals_column_and_filter(myst):
    page = BeautifulSoup((Path(myst.outdir) / "index.html").read_text(), "html.parser")
    filtered, every = page.select("table.specs-table")
    ids = [td.get_text() for td in filtered.select("td.specs-col-id")]
    assert ids == ["SPEC-0002"]  # approvals >= 2: SPEC-0003 and SPEC-0004 have one
    cells = {
        row.select_one("td.specs-col-id").get_text(): row.select_one("td.specs-col-approvals")
        for row in every.select("tbody tr")
    }
    assert cells["SPEC-0002"].get_text() == "2"
    assert cells["SPEC-0003"].get_text() == "1 of 2"  # one approval, one requested
    assert cells["SPEC-0001"].get_text() == ""
    assert [th.get_text() for th in every.select("thead th")] == ["ID", "Status", "Approvals"]


def test_rst_approvals_filter(rst):
    page = BeautifulSoup((Path(rst.outdir) / "index.html").read_text(), "html.parser")
    assert [td.get_text() for td in page.select("td.specs-col-id")] == ["SPEC-0002"]


def test_lint_shows_gates_and_fails(tmp_path):
    src = copy_root("gates", tmp_path)
    result = run_cli("lint", str(src))
    assert result.returncode == 1, result.stderr
    assert (
        "      3  specs.gate         spec SPEC-0003 is Accepted but open question Q2 is unresolved"
        in result.stdout
    )
    assert "dod: 2, gate: 8, meta: 1, section: 1)" in result.stdout
    github = run_cli("lint", str(src), "--format", "github", cwd=src)
    assert (
        "::warning file=review.md,line=3,title=specs.gate::spec SPEC-0005 is Review but its "
        "field :team: is empty" in github.stdout
    )


def test_report_lists_unmet_gates(myst):
    specs_json = str(Path(myst.outdir) / "specs.json")
    table = run_cli("report", specs_json, "--width", "200")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "Status gates: 10 unmet rules"
    assert (
        "  SPEC-0005  Review  fields: spec SPEC-0005 is Review but its field :team: is empty "
        "(gate rule fields)" in lines
    )
    data = json.loads(run_cli("report", specs_json, "--format", "json").stdout)
    assert {"spec": "SPEC-0009", "status": "Implemented", "rule": "dod_done"}.items() <= (
        data["gates"][-1].items()
    )
    selected = run_cli("report", specs_json, "--format", "markdown", "--status", "Review")
    assert selected.stdout.startswith("**Status gates: 1 unmet rule**\n\n- SPEC-0005 (Review")
    none = run_cli("report", specs_json, "--status", "Draft")
    assert "Status gates" not in none.stdout


CONF = """\
project = "Plain"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["fieldlist"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "specs.section"]
specs_plain_markdown = "specs/*.md"
"""

SHAPES = {
    "001-front-list.md": (
        '---\nstatus: Draft\napprovers: ["@alice (2026-03-01)", "@bob"]\n---\n# Front list\n'
    ),
    "002-front-string.md": (
        '---\nstatus: Draft\napprovers: "@alice (2026-03-01), @bob"\n---\n# Front string\n'
    ),
    "003-bullets.md": "# Bullets\n\n- Status: Draft\n- Approvers: @alice (2026-03-01), @bob\n",
    "004-bold.md": "# Bold\n\n* **Status:** Draft\n* **Approvers:** @alice (2026-03-01), @bob\n",
    "005-field-list.md": "# Fields\n\n:Status: Draft\n:Approvers: @alice (2026-03-01), @bob\n",
    "006-table.md": (
        "# Table\n\n| Status | Draft |\n|---|---|\n| Approvers | @alice (2026-03-01), @bob |\n"
    ),
}


def test_approvers_in_every_plain_shape(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text("# P\n\n```{toctree}\n:glob:\nspecs/*\n```\n")
    (tmp_path / "specs").mkdir()
    for name, text in SHAPES.items():
        (tmp_path / "specs" / name).write_text(text + "\nText.\n")
    app = build(tmp_path)
    assert warnings_of(app) == []
    specs = load_json(app)["specs"]
    assert len(specs) == len(SHAPES)
    for spec_id, spec in specs.items():
        assert spec["approvers"] == [
            {"name": "@alice", "date": "2026-03-01"},
            {"name": "@bob", "date": None},
        ], spec_id


BAD_GATES = """\
project = "Bad"
extensions = ["myst_parser", "sphinxcontrib_specs"]
exclude_patterns = ["_build"]
specs_templates = {
    "t": {
        "statuses": ["Draft", "Accepted"],
        "sections": [{"title": "Design", "required_from": "Shipped"}],
        "gates": {
            "Shipped": {"approvals": 1},
            "Accepted": {"approvals": "two", "reviewers": 1, "fields": ["owner"],
                         "questions_resolved": True},
            "Draft": ["not", "a", "dict"],
        },
    },
}
specs_default_template = "t"
"""


def test_bad_gate_config_is_a_config_warning(tmp_path):
    (tmp_path / "conf.py").write_text(BAD_GATES)
    (tmp_path / "index.md").write_text(
        "# Spec\n\n```{spec} SPEC-1\n:status: Accepted\n```\n\n"
        "```{open-questions}\n- [ ] Open\n```\n"
    )
    app = build(tmp_path)
    warnings = warnings_of(app)
    assert "Traceback" not in app.warning.getvalue()
    config = sorted(w.message for w in warnings if w.subtype == "config")
    assert len(config) == 6, config
    for fragment in (
        "template 't': gates: 'Shipped' is not one of the template's statuses (Draft, Accepted)",
        "template 't': gates['Accepted']: approvals must be a whole number >= 0",
        "template 't': gates['Accepted']: unknown rule 'reviewers'; known: sections,",
        "template 't': gates['Draft'] must be a dict of rule -> value",
        "section 'Design': required_from 'Shipped' is not one of its statuses",
        "gates['Accepted']: fields names the unknown field 'owner'",
    ):
        assert any(fragment in m for m in config), fragment
    # the good rule of the gate still holds; the bad required_from makes Design always required
    assert [w.where for w in warnings if w.subtype == "gate"] == [("index.md", 3, "gate")]
    assert [w.where for w in warnings if w.subtype == "section"] == [("index.md", 3, "section")]


# -- units -----------------------------------------------------------------------------------


def test_parse_approvers():
    assert parse_approvers("@alice (2026-03-01), Bob Smith ( 2026-03-02 ), @carol") == (
        [Approver("@alice", "2026-03-01"), Approver("Bob Smith", "2026-03-02"), Approver("@carol")],
        [],
    )
    approvers, problems = parse_approvers("@dan (March)")
    assert approvers == [Approver("@dan")] and "bad approval date 'March'" in problems[0]
    assert parse_approvers("") == ([], [])


def test_which_gates_hold():
    proposal = BUILTIN_TEMPLATES["proposal"]
    assert [g for g, _ in holding_gates(proposal, "Draft")] == []
    assert [g for g, _ in holding_gates(proposal, "Accepted")] == ["Accepted"]
    assert [g for g, _ in holding_gates(proposal, "Implemented")] == ["Accepted", "Implemented"]
    assert [g for g, _ in holding_gates(proposal, "Deferred")] == []  # inactive: exempt
    assert holding_gates(proposal, None) == [] and holding_gates(proposal, "Shipped") == []
    assert reaches(proposal, "Implemented", "Accepted")
    assert not reaches(proposal, "Implemented", "Accepted", later=False)


def test_a_template_without_a_dod_rule_keeps_the_done_statuses_rule():
    templates, problems = build_templates(
        {"bare": {"statuses": ["Draft", "Done", "Old"], "done": ["Done"], "sections": []}}
    )
    assert problems == []
    spec = SpecRecord(id="S-1", docname="s", lineno=1, anchor="s", status="Old", template="bare")
    assert evaluate(spec, templates["bare"]) == []  # the implicit rule holds for Done only
    spec = replace(spec, status="Done")
    assert evaluate(spec, templates["bare"]) == []  # no DoD items: nothing open


def test_diff_reports_approvers():
    def index(approvers):
        spec = {"title": "T", "status": "Accepted", "approvers": approvers}
        return load({"specs": {"SPEC-1": spec}})

    changes = diff(
        index([{"name": "@a", "date": None}]),
        index([{"name": "@a", "date": "2026-03-01"}]),
        BUILTIN_TEMPLATES,
    )
    assert changes.specs[0].metadata == [("approvers", "@a", "@a (2026-03-01)")]


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_approval_added_in_an_incremental_build(tmp_path, parallel):
    src = copy_root("gates", tmp_path)
    build(src, parallel=parallel)
    page = src / "accepted_bad.md"
    page.write_text(page.read_text().replace("@dan\n", "@dan (2026-03-05)\n"))
    again = build(src, parallel=parallel)
    gates = [w.message for w in warnings_of(again) if w.subtype == "gate"]
    # the unchanged pages' gates are reported again; SPEC-0003 has its two approvals now
    assert len(gates) == 7 and not any("SPEC-0003" in m and "approvals" in m for m in gates)
    index = BeautifulSoup((Path(again.outdir) / "index.html").read_text(), "html.parser")
    filtered = index.select("table.specs-table")[0]
    assert [td.get_text() for td in filtered.select("td.specs-col-id")] == [
        "SPEC-0002",
        "SPEC-0003",
    ]
    data = load_json(again)["specs"]["SPEC-0003"]
    assert [g["rule"] for g in data["gates"]] == ["sections", "questions_resolved", "fields"]


# -- approvers written twice, or with text after the date ----------------------------------------

_ACCEPTED_BODY = "## Summary\n\nText.\n\n## Design\n\nText.\n\n## Rollout\n\nText.\n"


def test_a_repeated_approver_counts_once_and_is_a_warning(tmp_path):
    src = copy_root("gates", tmp_path)
    (src / "twice.md").write_text(
        "# Twice\n\n:::{spec} SPEC-0020\n:status: Accepted\n:authors: @alice\n"
        ":approvers: @alice (2026-01-01), @Alice (2026-01-02)\n:::\n\n" + _ACCEPTED_BODY
    )
    (src / "twice_rst.rst").write_text(
        "Twice\n=====\n\n.. spec:: SPEC-0021\n   :status: Accepted\n   :authors: @alice\n"
        "   :approvers: @bob (2026-01-01), @bob (2026-01-02)\n\n"
        "Summary\n-------\n\nText.\n\nDesign\n------\n\nText.\n\nRollout\n-------\n\nText.\n"
    )
    app = build(src)
    found = [w for w in specs_warnings(app) if w.file.endswith(("twice.md", "twice_rst.rst"))]
    expected = [
        (("twice.md", 3, "gate"), "SPEC-0020 is Accepted but has 1 of the 2 approvals it needs"),
        (("twice.md", 3, "meta"), "approver @Alice is listed more than once in :approvers:"),
        (("twice_rst.rst", 4, "gate"), "SPEC-0021 is Accepted but has 1 of the 2 approvals"),
        (("twice_rst.rst", 4, "meta"), "approver @bob is listed more than once in :approvers:"),
    ]
    assert sorted(w.where for w in found) == [where for where, _ in expected]
    for where, fragment in expected:
        assert any(w.where == where and fragment in w.message for w in found), fragment
    specs = load_json(app)["specs"]
    assert [g["rule"] for g in specs["SPEC-0020"]["gates"]] == ["approvals"]
    assert [g["rule"] for g in specs["SPEC-0021"]["gates"]] == ["approvals"]


def test_text_after_an_approval_date_is_a_warning_and_read_as_requested(tmp_path):
    src = copy_root("gates", tmp_path)
    (src / "junk.md").write_text(
        "# Junk\n\n:::{spec} SPEC-0022\n:status: Draft\n"
        ":approvers: @carol (2026-01-01) extra, @dan (2026-01-02)\n:::\n\n## Summary\n\nText.\n"
    )
    app = build(src)
    found = [w for w in specs_warnings(app) if w.file.endswith("junk.md")]
    assert [w.where for w in found] == [("junk.md", 3, "meta")]
    assert "'@carol (2026-01-01) extra'" in found[0].message
    assert "write @name or a name, optionally followed by an approval date (YYYY-MM-DD)" in (
        found[0].message
    )
    assert load_json(app)["specs"]["SPEC-0022"]["approvers"] == [
        {"name": "@carol", "date": None},
        {"name": "@dan", "date": "2026-01-02"},
    ]
    page = BeautifulSoup((Path(app.outdir) / "junk.html").read_text("utf-8"), "html.parser")
    requested, approved = page.select("tr.specs-row-approvers span.specs-approver")
    assert requested.get_text() == "@carol (requested)" and "specs-approved" in approved["class"]


def test_parse_approvers_reads_repeats_and_junk():
    approvers, problems = parse_approvers("@a (2026-01-01), @A (2026-01-02), b (2026-01-01) x")
    assert approvers == [
        Approver("@a", "2026-01-01"),
        Approver("@A", "2026-01-02"),
        Approver("b", None),
    ]
    assert len(problems) == 2
    spec = SpecRecord("S-1", "s", 1, "s-1", approvers=approvers)
    assert spec.approvals() == 1


def test_a_link_to_a_web_page_meets_a_fields_rule():
    """``fields: ["related"]`` is met by a related design document the card links (a web
    link), as by a related spec; unmet when there is neither."""
    templates, problems = build_templates(
        {
            "t": {
                "statuses": ["Draft", "Accepted"],
                "sections": [],
                "gates": {"Accepted": {"fields": ["related"]}},
            }
        }
    )
    assert problems == []
    spec = SpecRecord(id="S-1", docname="s", lineno=1, anchor="s", status="Accepted", template="t")
    assert [f.rule for f in evaluate(spec, templates["t"])] == ["fields"]
    linked = replace(spec, web_links={"related": ["https://docs.example.com/design"]})
    assert evaluate(linked, templates["t"]) == []
