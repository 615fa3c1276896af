"""Every builder renders the card, the items and the checkboxes; other builders do not crash;
the PDF (latexmk) shows the status, the ID, the boxes and the progress.

The builds of the clean project are conftest's ``clean_build``, shared with test_allbuilders.py
(which checks that each is warning-free) and test_basic.py."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import (
    ARTIFACTS,
    build,
    compile_pdf,
    copy_root,
    load_json,
    require_tool,
    run_cli,
    warnings_of,
)
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH, load


def write_conf(root: Path, project: str | None = None) -> None:
    """A MyST project's ``conf.py`` with colon fences, its specs' sections not checked."""
    (root / "conf.py").write_text(
        (f"project = {project!r}\n" if project else "")
        + 'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
        'myst_enable_extensions = ["colon_fence"]\nsuppress_warnings = ["specs.section"]\n'
    )


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    return copy_root("basic", tmp_path_factory.mktemp("builders"))


@pytest.mark.parametrize(
    ("builder", "page"),
    [
        ("html", "backups.html"),
        ("dirhtml", "backups/index.html"),
        ("singlehtml", "index.html"),
        ("epub", "backups.xhtml"),
    ],
)
def test_html_family(clean_build, builder, page):
    app = clean_build("basic", builder)
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    assert 'class="specs-card' in html
    assert '<span class="specs-badge specs-status-under-review">Under Review</span>' in html
    assert 'type="checkbox"' in html and 'checked="checked"' in html
    assert "2 of 3 done" in html
    assert (Path(app.outdir) / "specs.json").exists()


def test_singlehtml_links_stay_on_the_page(clean_build):
    app = clean_build("basic", "singlehtml")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="#spec-0040"' in html
    assert html.count('<div class="specs-card specs-status-') == 4
    assert "#document-" not in html.split("specs-card", 1)[1].split("</section>", 1)[0]


def test_text(clean_build):
    app = clean_build("basic", "text")
    text = (Path(app.outdir) / "backups.txt").read_text(encoding="utf-8")
    assert "SPEC-0042 Scheduled backups for database clusters" in text
    assert "| Status " in text and "Under Review" in text
    assert "* [x] D1 Restore path covered by integration tests *G1* #789" in text
    assert "* [ ] D2 User guide written *G1*, *encrypt*" in text
    assert "2 of 3 done" in text
    legacy = (Path(app.outdir) / "legacy.txt").read_text(encoding="utf-8")
    assert "Superseded" in legacy and "SPEC-0007 is superseded by *SPEC-0042*" in legacy


def test_latex_source(clean_build):
    app = clean_build("basic", "latex")
    tex = (Path(app.outdir) / "basicspecs.tex").read_text(encoding="utf-8")
    assert r"\usepackage{sphinxspecs}" in tex
    assert (
        r"\DUrole{specs-badge}{\DUrole{specs-status-under-review}{Under Review}}" in tex
        or r"\DUrole{specs-badge,specs-status-under-review}{Under Review}" in tex  # Sphinx 8.0
    )
    assert r"\sphinxspecschecked{}" in tex and r"\sphinxspecsopen{}" in tex
    assert r"\label{\detokenize{backups:spec-0042-g1}}" in tex
    assert r"\hyperref[\detokenize{restore:spec-0040}]" in tex
    sty = (Path(app.outdir) / "sphinxspecs.sty").read_text(encoding="utf-8")
    assert r"\csname DUrolespecs-status-under-review\endcsname" in sty
    assert r"\csname DUrolespecs-badge,specs-status-under-review\endcsname" in sty
    assert r"\newcommand{\sphinxspecschecked}" in sty


@pytest.mark.parametrize(
    ("builder", "name"), [("man", "basicspecs.1"), ("texinfo", "basicspecs.texi")]
)
def test_man_and_texinfo(clean_build, builder, name):
    app = clean_build("basic", builder)
    out = (Path(app.outdir) / name).read_text(encoding="utf-8")
    assert "SPEC\\-0042" in out or "SPEC-0042" in out
    assert "[x]" in out and "[ ]" in out
    assert "2 of 3 done" in out


@pytest.mark.parametrize("builder", ["gettext", "json", "pickle"])  # the others: test_allbuilders
def test_other_builders_do_not_crash(src, builder):
    app = build(src, builder, builddir=src / "_other" / builder)
    assert app.statuscode == 0
    assert "Traceback" not in app.warning.getvalue()
    assert [w for w in warnings_of(app) if w.type == "specs"] == []


def test_pdf_shows_status_id_and_progress(tmp_path):
    require_tool("latexmk", "pdftotext")
    src = copy_root("basic", tmp_path)
    app = build(src, "latex")
    outdir = Path(app.outdir)
    pdf = compile_pdf(outdir, "basicspecs.tex")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "basic-specs.pdf").write_bytes(pdf.read_bytes())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SPEC-0042 Scheduled backups for database clusters" in text
    assert "Under Review" in text
    assert "2 of 3 done" in text
    assert "SPEC-0040" in text and "Approved" in text
    # the boxes: amssymb's \boxtimes and \square come out as these characters
    assert "⊠" in text and "□" in text
    assert "Superseded" in text


@pytest.mark.parametrize("builder", ["man", "texinfo", "text"])
def test_no_warning_at_all_in_man_texinfo_text(tmp_path, builder):
    """The card's heading spans both columns, and an empty report's one row spans the table,
    without the man writer's '"table cell spanning" not supported' warning that fails -W (the
    clean project's cards: test_allbuilders)."""
    require_tool("dot")
    app = build(copy_root("reports", tmp_path), builder)
    assert app.warning.getvalue() == ""
    assert warnings_of(app) == []


def test_text_empty_report_row_is_one_line(tmp_path):
    """A timeline with no history is a one-column table: its empty row's text is on one line,
    not wrapped into the width of "Date"."""
    write_conf(tmp_path)
    (tmp_path / "index.md").write_text(
        "# Index\n\n:::{spec} SPEC-0001\n:status: Draft\n:::\n\n## Timeline\n\n"
        ":::{spec-timeline}\n:::\n"
    )
    app = build(tmp_path, buildername="text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "| No status history |" in text


def test_latex_issue_link_with_characters_a_url_cannot_hold(tmp_path):
    """A JQL issue URL (``^``, ``{}``): the PDF's link and its text are the URL percent-encoded,
    as MyST writes a link in the text, not LaTeX's escapes spelled out in the link."""
    write_conf(tmp_path, project="Jql")
    (tmp_path / "index.md").write_text(
        "# Issue URLs\n\n:::{spec} SPEC-0001\n:status: Draft\n"
        ":issues: https://jira.example.com/browse/X?jql=a^b&f={id}\n:::\n"
    )
    app = build(tmp_path, buildername="latex")
    assert warnings_of(app) == []
    tex = (Path(app.outdir) / "jql.tex").read_text(encoding="utf-8")
    assert r"\sphinxurl{https://jira.example.com/browse/X?jql=a\%5Eb\&f=\%7Bid\%7D}" in tex
    assert "textasciicircum" not in tex


@pytest.mark.parametrize("syntax", ["md", "rst"])
def test_a_web_page_in_a_link_option_is_a_web_link_on_the_card(tmp_path, syntax):
    """``:supersedes:`` naming a pull request, ``:related:`` a design document: no spec, so no
    ``specs.ref`` warning and no reverse link; the card links each page by its address without
    the scheme, after the specs, and ``specs.json`` keeps them as ``web_links``."""
    write_conf(tmp_path, project="Web")
    options = (
        ":status: Draft\n:supersedes: SPEC-0001, https://github.com/org/repo/pull/768\n"
        ":related: https://docs.example.com/design#edit\n"
    )
    if syntax == "md":
        text = f"# Web\n\n:::{{spec}} SPEC-0002\n{options}:::\n\n```{{toctree}}\none\n```\n"
        one = "# One\n\n:::{spec} SPEC-0001\n:status: Draft\n:::\n"
    else:
        indented = "".join(f"   {line}\n" for line in options.splitlines())
        text = f"Web\n===\n\n.. spec:: SPEC-0002\n{indented}\n.. toctree::\n\n   one\n"
        one = "One\n===\n\n.. spec:: SPEC-0001\n   :status: Draft\n"
    (tmp_path / f"index.{syntax}").write_text(text)
    (tmp_path / f"one.{syntax}").write_text(one)
    app = build(tmp_path)
    assert warnings_of(app) == []
    spec = load_json(app)["specs"]["SPEC-0002"]
    assert spec["links"]["supersedes"] == ["SPEC-0001"]
    assert spec["links"]["related"] == []
    assert spec["web_links"] == {
        "supersedes": ["https://github.com/org/repo/pull/768"],
        "related": ["https://docs.example.com/design#edit"],
    }
    assert "web_links" not in load_json(app)["specs"]["SPEC-0001"]
    # the schema knows them, and a specs.json read back keeps them (diff, report, imports)
    jsonschema.validate(load_json(app), json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert load(load_json(app)).specs["SPEC-0002"].web_links == spec["web_links"]
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'SPEC-0001</span></a>, <a class="specs-web-link[^"]*" '
        r'href="https://github.com/org/repo/pull/768">github.com/org/repo/pull/768</a>',
        html,
    )
    assert ">docs.example.com/design#edit</a>" in html
    latex = build(tmp_path, buildername="latex")
    assert warnings_of(latex) == []
    tex = (Path(latex.outdir) / "web.tex").read_text(encoding="utf-8")
    assert r"\sphinxhref{https://github.com/org/repo/pull/768}{github.com/org/repo/pull/768}" in tex


def test_diff_names_a_changed_web_link(tmp_path):
    """``sphinx-specs diff`` of two builds whose ``:depends-on:`` names another pull request:
    the change is listed, as a change of a spec link is."""
    outputs = []
    for n, pull in enumerate((1, 2)):
        src = tmp_path / f"v{n}"
        src.mkdir()
        write_conf(src)
        (src / "index.md").write_text(
            "# Backups\n\n:::{spec} SPEC-0001\n:status: Draft\n"
            f":depends-on: https://github.com/org/repo/pull/{pull}\n:::\n"
        )
        outputs.append(str(Path(build(src).outdir) / "specs.json"))
    result = run_cli("diff", *outputs)
    assert result.returncode == 0, result.stderr
    assert "github.com/org/repo/pull/1 -> " in result.stdout
    assert "github.com/org/repo/pull/2" in result.stdout


def test_a_spec_superseded_by_a_web_page_has_the_superseded_banner(tmp_path):
    write_conf(tmp_path)
    (tmp_path / "index.md").write_text(
        "# Old cache\n\n:::{spec} SPEC-0001\n:status: Draft\n"
        ":superseded-by: https://github.com/org/repo/pull/768\n:::\n"
    )
    app = build(tmp_path)
    assert warnings_of(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    banner = html[html.index("specs-banner-superseded") : html.index('class="specs-card')]
    assert 'href="https://github.com/org/repo/pull/768">github.com/org/repo/pull/768</a>' in banner
