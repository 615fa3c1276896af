"""Directives, reports, configuration and the report command given what a careless author
writes: no traceback, no silently wrong output; each mistake a warning at its place (or, on the
command line, one line and exit status 2)."""

from __future__ import annotations

import json

from conftest import build, run_cli, specs_warnings

CONF = (
    'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    "specs_git = False\n"
    'suppress_warnings = ["specs.section", "specs.gate"]\n'
)


def project(tmp_path, pages, conf=""):
    (tmp_path / "conf.py").write_text(CONF + conf, encoding="utf-8")
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def found(app):
    return [(w.file.rsplit("/", 1)[-1], w.line, w.subtype, w.message) for w in specs_warnings(app)]


SPEC = "# A\n\n:::{{spec}} SPEC-0001\n:status: Draft\n{options}:::\n"


def test_wrong_configuration_is_a_warning_that_names_the_template(tmp_path):
    conf = (
        'specs_templates = {"proposal": {"labels": {"status": 5}},\n'
        '                   "b": {"statuses": ["Open"], "fields": 5}}\n'
        'specs_issue_url = "javascript:alert({number})"\n'
        'specs_default_repo = "o/r"\n'
        'specs_fields = [{"name": "due", "type": "date", "required": True},\n'
        '                {"name": "due"}, {"name": "status", "type": "date"}, "x y"]\n'
    )
    app = build(project(tmp_path, {"index.md": SPEC.format(options=":issues: GH-7\n")}, conf))
    messages = sorted(m for _, _, subtype, m in found(app) if subtype == "config")
    assert messages == [
        "specs_fields 'due' is given twice; the last entry counts",
        "specs_fields 'status' is a built-in option of every spec (a template's labels rename "
        "it); the entry is ignored",
        "specs_fields 'x y': a field's name is a word of letters, digits, '-' and '_' (it is an "
        "option name: :name: value); the entry is ignored",
        "specs_issue_url 'javascript:alert({number})' is no http(s), mailto or relative link; "
        "using the default",
        "specs_templates['b']: fields must be a list of strings; using the default",
        "specs_templates['proposal']: labels must be a dict of option -> label (text); using "
        "the default",
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/o/r/issues/7"' in html and "javascript:" not in html
    assert ">Status<" in html  # the card's default label


def test_an_issue_url_may_format_the_number(tmp_path):
    conf = 'specs_issue_url = "https://git.example.com/{repo}/issues/{number:05d}"\n'
    app = build(project(tmp_path, {"index.md": SPEC.format(options=":issues: o/r#5\n")}, conf))
    assert found(app) == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.com/o/r/issues/00005"' in html


def test_superseded_by_names_a_known_spec_and_not_itself(tmp_path):
    options = ":superseded-by: SPEC-0001, SPEC-0099\n"
    app = build(project(tmp_path, {"index.md": SPEC.format(options=options)}))
    assert found(app) == [
        ("index.md", 3, "ref", "spec SPEC-0001 names itself in :superseded-by:"),
        (
            "index.md",
            3,
            "ref",
            "unknown spec in :superseded-by: of SPEC-0001: no spec 'SPEC-0099'",
        ),
    ]


def test_boxes_without_text_and_an_empty_item_id(tmp_path):
    page = (
        SPEC.format(options="") + "\n:::{dod}\n- [x] tested\n- [x]\n- [n/a]\n- [ ] {#} open\n:::\n"
    )
    app = build(project(tmp_path, {"index.md": page}))
    assert found(app) == [
        ("index.md", 11, "id", "item ID {#} is empty; an automatic ID is used"),
    ]
    items = json.loads((app.outdir / "specs.json").read_text())["specs"]["SPEC-0001"]["items"]
    assert {k: (v["checked"], v["text"]) for k, v in items.items()} == {
        "D1": (True, "tested"),
        "D2": (True, ""),  # ticked, not an open box whose text is "[x]"
        "D4": (False, "open"),  # D3 is the box marked n/a: it keeps its number
    }


def test_a_tag_or_author_written_twice_or_in_another_case_is_one_group(tmp_path):
    pages = {
        "index.md": (
            "# Home\n\n```{toctree}\na\nb\n```\n\n:::{spec-stats}\n:by: tag\n:::\n\n"
            ":::{spec-stats}\n:by: author\n:::\n\n:::{spec-table}\n:columns: id\n"
            ":group-by: tag\n:::\n"
        ),
        "a.md": SPEC.format(options=":tags: backup, backup\n:authors: @alice, @alice\n"),
        "b.md": SPEC.format(options=":tags: Backup\n").replace("0001", "0002"),
    }
    app = build(project(tmp_path, pages), "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    rows = [
        " ".join(cell.strip() for cell in line.strip("|").split("|"))
        for line in text.splitlines()
        if "%" in line
    ]
    assert rows == ["backup 2 100%", "(no author) 1 50%", "@alice 1 50%"]
    assert "backup (2)" in text and "Backup (1)" not in text


def test_a_yaml_list_in_a_myst_option_block_is_a_list(tmp_path):
    page = (
        "# A\n\n```{spec} SPEC-0001\n---\nstatus: Draft\nauthors: [alice, bob]\n"
        "tags:\n  - x\n  - y\nsuperseded_by: [SPEC-0002, SPEC-0003]\n---\n```\n"
    )
    pages = {"index.md": page + "\n```{toctree}\nb\nc\n```\n"}
    pages["b.md"] = "# B\n\n:::{spec} SPEC-0002\n:status: Draft\n:::\n"
    pages["c.md"] = "# C\n\n:::{spec} SPEC-0003\n:status: Draft\n:::\n"
    app = build(project(tmp_path, pages))
    assert found(app) == []
    spec = json.loads((app.outdir / "specs.json").read_text())["specs"]["SPEC-0001"]
    assert (spec["authors"], spec["tags"]) == (["alice", "bob"], ["x", "y"])
    assert spec["links"]["superseded_by"] == ["SPEC-0002", "SPEC-0003"]
    # a text option keeps its brackets and its dash
    page = (
        "# A\n\n```{spec} SPEC-0001\n:status: Draft\n:title: [Draft, v2]\n"
        ":status-note: - blocked on legal\n```\n"
    )
    app = build(project(tmp_path, {"index.md": page}), freshenv=True)
    spec = json.loads((app.outdir / "specs.json").read_text())["specs"]["SPEC-0001"]
    assert (spec["title"], spec["status_note"]) == ("[Draft, v2]", "- blocked on legal")


def test_the_report_gate_refuses_what_would_measure_nothing(tmp_path):
    page = SPEC.format(options="") + "\n:::{goals}\n- g\n:::\n"
    app = build(project(tmp_path, {"index.md": page}))
    specs_json = str(app.outdir / "specs.json")
    assert run_cli("report", specs_json, "--fail-under", "80").returncode == 1
    misspelt = run_cli("report", specs_json, "--from", "gaol", "--fail-under", "80")
    assert misspelt.returncode == 2
    assert misspelt.stderr == (
        "sphinx-specs report: --from: unknown kind 'gaol'; known: dod, goal, kpi, milestone, "
        "non-goal, question, requirement, risk\n"
    )
    # a built-in kind no item of this project has is no typo
    assert run_cli("report", specs_json, "--to", "milestone").returncode == 0
    nan = run_cli("report", specs_json, "--fail-under", "nan")
    assert nan.returncode == 2 and "--fail-under nan is no share: give 0 to 100" in nan.stderr
    nothing = run_cli("report", specs_json, "--status", "Draf", "--fail-under", "80")
    assert nothing.returncode == 0  # documented: an empty selection counts as 100 %
    said = "sphinx-specs report: --status 'Draf' matches no spec: the selection is empty\n"
    assert nothing.stderr == said
    # one value of a list that no spec has, the selection not empty; a built-in status no spec
    # has is no typo
    some = run_cli(
        "report", specs_json, "--status", "Draft, Drafts, Implemented", "--fail-under", "0"
    )
    assert some.stderr == "sphinx-specs report: --status 'Drafts' matches no spec\n"
    assert run_cli("report", specs_json, "--status", "Draf").stderr == ""  # no gate, no word
    newer = json.loads((app.outdir / "specs.json").read_text())
    newer["version"] = 2
    (tmp_path / "v2.json").write_text(json.dumps(newer))
    other = run_cli("report", str(tmp_path / "v2.json"), "--fail-under", "80")
    assert other.returncode == 2
    assert other.stderr.endswith("(version 2, this sphinx-specs reads 1)\n")


def test_a_translated_item_keeps_its_checkbox_and_id(tmp_path):
    """gettext's message of an item is its source text, ``[x]`` and ``{#ID}`` included; a
    translator keeps them, and the translated page showed them as text, without the box."""
    page = (
        SPEC.format(options="")
        + "\n:::{goals}\n- {#fast} Fast restores.\n:::\n\n:::{dod}\n- [x] Restore tested\n:::\n"
    )
    catalog = tmp_path / "locale" / "de" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "index.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{#fast} Fast restores."\nmsgstr "{#fast} Schnelle Wiederherstellung."\n\n'
        'msgid "[x] Restore tested"\nmsgstr "[x] Wiederherstellung getestet"\n',
        encoding="utf-8",
    )
    conf = 'locale_dirs = ["locale/"]\nlanguage = "de"\n'
    app = build(project(tmp_path, {"index.md": page}, conf))
    assert found(app) == []
    items = json.loads((app.outdir / "specs.json").read_text())["specs"]["SPEC-0001"]["items"]
    assert {k: (v["checked"], v["text"]) for k, v in items.items()} == {
        "fast": (None, "Schnelle Wiederherstellung."),
        "D1": (True, "Wiederherstellung getestet"),
    }
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('type="checkbox"') == 1 and "[x]" not in html and "{#fast}" not in html
