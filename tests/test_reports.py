"""spec-table, spec-matrix, spec-stats and spec-graph: every option, in HTML, LaTeX and text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ARTIFACTS, build, compile_pdf, copy_root, require_tool, warnings_of
from generate import generate


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    result = build(copy_root("reports", tmp_path_factory.mktemp("reports")))
    assert warnings_of(result) == []
    return result


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def reports(app, name: str):
    return page(app, name).select("div.specs-report")


def test_assets_one_stylesheet_and_the_script_where_a_report_is(app):
    """specs.css holds the styles and the status colours; specs.js is linked from the pages
    with a report only (it wires up their tables); graphviz.css comes from Sphinx."""

    def assets(name: str) -> tuple[list[str], list[str]]:
        html = page(app, name)
        sheets = [link["href"].split("?")[0] for link in html.select("link[rel=stylesheet]")]
        scripts = [script["src"].split("?")[0] for script in html.select("script[src]")]
        return [s for s in sheets if "specs" in s], [s for s in scripts if "specs" in s]

    assert assets("tables.html") == (["_static/specs.css"], ["_static/specs.js"])
    assert assets("stats.html") == (["_static/specs.css"], ["_static/specs.js"])
    assert assets("backups.html") == (["_static/specs.css"], [])
    assert assets("genindex.html") == (["_static/specs.css"], [])
    static = Path(app.outdir) / "_static"
    css = (static / "specs.css").read_text(encoding="utf-8")
    assert ".specs-card" in css and ".specs-status-accepted { --specs-status-color:" in css
    assert (static / "specs.js").is_file() and not (static / "specs-status.css").exists()
    script = page(app, "tables.html").select_one("script[src*='specs.js']")
    assert script is not None and script.get("defer") == "defer"


def test_assets_policy_always_puts_the_script_on_every_page(tmp_path):
    src = copy_root("reports", tmp_path)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\ndef setup(app):\n    app.set_html_assets_policy("always")\n')
    built = build(src)
    html = (Path(built.outdir) / "backups.html").read_text(encoding="utf-8")
    assert '<script defer="defer" src="_static/specs.js?v=' in html


def test_a_second_build_in_the_same_app_links_the_script_where_it_did(tmp_path):
    """The script is added to the page being written, never to the app's registry: a second
    build of the same application (sphinx-autobuild's way) links it from the same pages."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    src = copy_root("reports", tmp_path)
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
        first = {name: scripts_of(app, name) for name in ("tables.html", "backups.html")}
        app.build(force_all=True)
        second = {name: scripts_of(app, name) for name in ("tables.html", "backups.html")}
    finally:
        app.cleanup()
    assert first == second == {"tables.html": ["_static/specs.js"], "backups.html": []}
    assert all(filename != "specs.js" for filename, _ in app.registry.js_files)


def test_singlehtml_links_the_script_when_any_document_has_a_report(tmp_path):
    built = build(copy_root("reports", tmp_path), "singlehtml")
    assert scripts_of(built, "index.html") == ["_static/specs.js"]


def scripts_of(app, name: str) -> list[str]:
    srcs = [script["src"].split("?")[0] for script in page(app, name).select("script[src]")]
    return [src for src in srcs if "specs" in src]


THEME = '[theme]\ninherit = "basic"\n'


@pytest.mark.parametrize(
    ("config", "file", "subject"),
    [
        # a folder of html_static_path that holds one
        ({}, "_static/specs.css", "html_static_path '_static' is or holds specs.css"),
        # the file itself
        (
            {"html_static_path": ["extra/specs.css", "_static"]},
            "extra/specs.css",
            "html_static_path 'extra/specs.css' is or holds specs.css",
        ),
        # a template Sphinx renders to specs.css
        ({}, "_static/specs.css_t", "html_static_path '_static' is or holds specs.css_t"),
        # a file html_extra_path copies over the output folder
        (
            {"html_extra_path": ["root"]},
            "root/_static/specs.css",
            "html_extra_path 'root' holds _static/specs.css",
        ),
        # a local theme's static folder
        (
            {"html_theme": "local", "html_theme_path": ["_themes"]},
            "_themes/local/static/specs.css",
            "the theme 'local' (or a theme it inherits) holds static/specs.css",
        ),
    ],
)
def test_a_specs_css_of_the_users_over_the_stylesheet_is_a_config_warning(
    tmp_path, config, file, subject
):
    src = copy_root("reports", tmp_path)
    (src / file).parent.mkdir(parents=True, exist_ok=True)
    (src / file).write_text("body { color: red; }\n", encoding="utf-8")
    (src / "_themes" / "local").mkdir(parents=True, exist_ok=True)
    (src / "_themes" / "local" / "theme.toml").write_text(THEME, encoding="utf-8")
    (src / "_static").mkdir(exist_ok=True)
    (src / "_static" / "specs.css.bak").write_text("", encoding="utf-8")  # no name of Sphinx's
    built = build(src, **{"html_static_path": ["_static"], **config})
    found = [(w.type, w.subtype, w.message) for w in warnings_of(built)]
    assert found == [
        (
            "specs",
            "config",
            f"{subject}, which replaces the extension's stylesheet "
            "_static/specs.css (its styles and status colours); give yours another name and add "
            "it with html_css_files",
        )
    ]
    # as Sphinx works: its copy of the user's files comes after the extension's
    css = (Path(built.outdir) / "_static" / "specs.css").read_text(encoding="utf-8")
    assert css.strip() == "body { color: red; }"  # a template loses its last newline


def install_builder(site: Path, name: str, base: str) -> None:
    """A builder ``name`` derived from ``base`` (``module:Class``), installed as sphinx-simplepdf's
    is: a package whose ``sphinx.builders`` entry point Sphinx loads for ``-b name``."""
    info = site / f"{name}_builder-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}-builder\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[sphinx.builders]\n{name} = {name}_builder\n", encoding="utf-8"
    )
    module, cls = base.split(":")
    (site / f"{name}_builder.py").write_text(
        f"from {module} import {cls}\n\n\nclass Builder({cls}):\n    name = {name!r}\n\n\n"
        "def setup(app):\n    app.add_builder(Builder)\n    return {'parallel_read_safe': True}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("name", "base", "expected"),
    [
        # joins every document into one page (as sphinx-simplepdf's builder does)
        ("joined", "sphinx.builders.singlehtml:SingleFileHTMLBuilder", {"index.html": True}),
        # one page a document, under a name the extension does not know
        (
            "pages",
            "sphinx.builders.html:StandaloneHTMLBuilder",
            {"tables.html": True, "backups.html": False},
        ),
    ],
)
def test_a_third_party_html_builder_gets_the_script_where_its_pages_have_reports(
    tmp_path, monkeypatch, name, base, expected
):
    install_builder(tmp_path / "site", name, base)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    built = build(copy_root("reports", tmp_path), name)
    assert built.builder.name == name
    found = {page_name: bool(scripts_of(built, page_name)) for page_name in expected}
    assert found == expected


def table_rows(table) -> list[list[str]]:
    return [
        [" ".join(td.get_text().split()) for td in tr.select("td")]
        for tr in table.select("tbody tr")
    ]


def headers(table) -> list[str]:
    return [th.get_text(strip=True) for th in table.select("thead th")]


# -- spec-table ------------------------------------------------------------------------------------


def test_default_table(app):
    table = reports(app, "tables.html")[0].select_one("table.specs-table")
    assert headers(table) == ["ID", "Title", "Status", "Authors", "Updated"]
    assert table_rows(table) == [
        ["SPEC-0001", "Auth tokens", "Draft", "@ann", "2026-01-20"],
        ["SPEC-0002", "Audit log", "Under Review", "@bob, Carol Diaz", "2026-02-10"],
        ["SPEC-0003", "Backups", "Accepted", "@ann, @dan", "2025-11-15"],
        ["SPEC-0004", "Retention", "Implemented", "@dan", "2025-09-01"],
        ["SPEC-0005", "Manual dumps", "Deferred", "Erin", ""],
        ["SPEC-0010", "Query planner", "Review", "@fay", ""],
    ]
    first = table.select_one("tbody tr")
    assert "specs-status-draft" in first["class"]
    id_link, title_link = first.select("a")
    assert id_link["href"] == title_link["href"] == "auth.html#spec-0001"
    # the tooltip (title and status) would repeat the row's title and status columns
    assert not id_link.has_attr("title") and not title_link.has_attr("title")


def test_selection_columns_and_descending_sort(app):
    table = reports(app, "tables.html")[1].select_one("table.specs-table")
    assert headers(table) == ["ID", "Title", "Status", "Updated", "Progress", "Tags"]
    # -updated: newest first; a spec without the date sorts last
    assert table_rows(table) == [
        ["SPEC-0003", "Backups", "Accepted", "2025-11-15", "2 of 2 done", "storage"],
        [
            "SPEC-0004",
            "Retention",
            "Implemented",
            "2025-09-01",
            "1 of 1 done",
            "storage, compliance",
        ],
        ["SPEC-0005", "Manual dumps", "Deferred", "", "", ""],
    ]


def test_group_by_status_in_template_order(app):
    report = reports(app, "tables.html")[2]
    groups = [r.get_text() for r in report.select("p.rubric")]
    # proposal statuses first (the default template), then technical's own
    assert groups == [
        "Draft (1)",
        "Under Review (1)",
        "Accepted (1)",
        "Implemented (1)",
        "Deferred (1)",
        "Review (1)",
    ]
    tables = report.select("table.specs-table")
    # no status column (:columns: id, title, team): the links keep their tooltip
    id_link, title_link = tables[0].select("tbody tr")[0].select("a")
    assert id_link["title"] == title_link["title"] == "Auth tokens (Draft)"
    assert [table_rows(t)[0][0] for t in tables] == [
        "SPEC-0001",
        "SPEC-0002",
        "SPEC-0003",
        "SPEC-0004",
        "SPEC-0005",
        "SPEC-0010",
    ]


def test_group_by_tag_repeats_specs_and_names_untagged(app):
    report = reports(app, "tables.html")[3]
    groups = [r.get_text() for r in report.select("p.rubric")]
    assert groups == [
        "compliance (2)",
        "performance (1)",
        "security (2)",
        "storage (2)",
        "(no tag) (1)",
    ]


def test_filter_and_every_column(app):
    table = reports(app, "tables.html")[4].select_one("table.specs-table")
    assert headers(table) == [
        "ID",
        "Status",
        "Authors",
        "Issues",
        "Goals",
        "Depends on",
        "Supersedes",
        "Created",
        "Template",
    ]
    assert table_rows(table) == [
        ["SPEC-0001", "Draft", "@ann", "", "G1, G2", "", "", "2026-01-05", "proposal"],
        ["SPEC-0002", "Under Review", "@bob, Carol Diaz", "", "", "", "", "2025-12-01", "proposal"],
    ]


def test_empty_result_row(app):
    report = reports(app, "tables.html")[5]
    rows = report.select("tbody tr")
    assert len(rows) == 1 and "specs-empty" in rows[0]["class"]
    assert rows[0].get_text(strip=True) == "No specs match"
    assert rows[0].select_one("td")["colspan"] == "5"
    # no interactive controls on an empty table
    assert report.select_one(".specs-table-controls") is None


def test_empty_result_row_when_grouped(app):
    """An index page written before any spec is Approved: one table with the empty row, as
    without :group-by:, not nothing at all."""
    report = reports(app, "tables.html")[6]
    assert report.select("p.rubric") == []
    (row,) = report.select("tbody tr")
    assert "specs-empty" in row["class"] and row.get_text(strip=True) == "No specs match"


def test_controls_are_hidden_without_javascript(app):
    controls = reports(app, "tables.html")[0].select_one(".specs-table-controls")
    assert controls.has_attr("hidden")
    boxes = controls.select("input[type=checkbox]")
    assert [(b["value"], b.parent.get_text(strip=True)) for b in boxes] == [
        ("specs-status-draft", "Draft"),
        ("specs-status-under-review", "Under Review"),
        ("specs-status-accepted", "Accepted"),
        ("specs-status-implemented", "Implemented"),
        ("specs-status-deferred", "Deferred"),
        ("specs-status-review", "Review"),
    ]
    assert controls.select_one("input[type=search]").parent.name == "label"
    assert 'src="_static/specs.js' in (Path(app.outdir) / "tables.html").read_text()


# -- spec-matrix -----------------------------------------------------------------------------------


def test_matrix_rows_coverage_and_cross_spec_covers(app):
    report = reports(app, "matrix.html")[0]
    table = report.select_one("table.specs-matrix-table")
    assert headers(table) == ["Item", "Covered by", "Issues", "State"]
    rows = table_rows(table)
    assert [(r[0].split()[0], r[3]) for r in rows] == [
        ("SPEC-0001.G1", "done"),
        ("SPEC-0001.G2", "covered"),
        ("SPEC-0002.R1", "done"),
        ("SPEC-0002.R2", "done"),  # covered from another spec: SPEC-0003.D2
        ("SPEC-0003.G1", "done"),
        ("SPEC-0010.R1", "not covered"),
    ]
    assert rows[3][1] == "SPEC-0003.D2 Backup log kept a year"
    assert rows[1][2] == "acme/id#7"
    uncovered = table.select("tr.specs-not-covered")
    assert len(uncovered) == 1
    # each link's text is written beside it: no tooltip to repeat it
    assert table.select("a.specs-ref") and not table.select("a.specs-ref[title]")
    boxes = table.select("tbody tr")[1].select("input.specs-checkbox")
    assert len(boxes) == 1 and not boxes[0].has_attr("checked")
    summary = report.select_one("p.specs-coverage").get_text()
    assert summary == "Coverage: 5 of 6 covered (83%), 4 of 6 done (67%)."


def test_matrix_selection(app):
    report = reports(app, "matrix.html")[1]
    rows = table_rows(report.select_one("table"))
    assert [r[0].split()[0] for r in rows] == [
        "SPEC-0001.G1",
        "SPEC-0001.G2",
        "SPEC-0002.R1",
        "SPEC-0002.R2",
    ]
    assert "4 of 4 covered (100%), 3 of 4 done (75%)" in report.get_text()


# -- spec-stats ------------------------------------------------------------------------------------


def test_stats_tables_and_chart(app):
    by_status, by_team, by_tag = reports(app, "stats.html")
    assert table_rows(by_status.select_one("table")) == [
        ["Draft", "1", "17%"],
        ["Under Review", "1", "17%"],
        ["Accepted", "1", "17%"],
        ["Implemented", "1", "17%"],
        ["Deferred", "1", "17%"],
        ["Review", "1", "17%"],
    ]
    assert table_rows(by_team.select_one("table")) == [
        ["Storage", "3", "50%"],
        ["Identity", "2", "33%"],
        ["Core", "1", "17%"],
    ]
    assert headers(by_tag.select_one("table"))[0] == "Tag"
    svg = by_team.select_one("svg.specs-chart")
    assert svg["role"] == "img" and svg["aria-label"] == "Storage: 3; Identity: 2; Core: 1"
    assert [t.get_text() for t in svg.select("text")] == [
        "Storage",
        "3",
        "Identity",
        "2",
        "Core",
        "1",
    ]
    bars = by_status.select("svg rect.specs-bar")
    assert "specs-status-draft" in bars[0]["class"]


# -- spec-graph ------------------------------------------------------------------------------------


def test_graph_dot_source(app):
    require_tool("dot")
    html = (Path(app.outdir) / "graph.html").read_text()
    graphs = reports(app, "graph.html")
    assert len(graphs) == 2
    images = list((Path(app.outdir) / "_images").glob("graphviz-*.png"))
    assert len(images) == 2
    maps = page(app, "graph.html").select("map area")
    hrefs = {a["href"] for a in maps}
    assert "backups.html#spec-0003" in hrefs and "dumps.html#spec-0005" in hrefs
    assert "Graph of SPEC-0001" in html


def test_graph_source_escapes_and_links():
    from sphinxcontrib_specs.core.model import SpecRecord
    from sphinxcontrib_specs.render.reports.graph import dot_source

    specs = [
        SpecRecord(
            id="S-1",
            docname="a",
            lineno=1,
            anchor="s-1",
            title='Say "hi" \\ bye',
            status="Draft",
            supersedes=["S-2"],
            related=["S-2"],
        ),
        SpecRecord(
            id="S-2",
            docname="b",
            lineno=1,
            anchor="s-2",
            title="Two\nlines",
            status="Accepted",
            related=["S-1"],
            depends_on=["S-9"],
        ),
    ]
    dot = dot_source(specs, ["supersedes", "depends-on", "related"], lambda s: f"{s.docname}.html")
    assert 'label="S-1\\nSay \\"hi\\" \\\\ bye"' in dot
    assert 'label="S-2\\nTwo\\nlines"' in dot
    assert '"S-1" -> "S-2" [label="supersedes", style=bold];' in dot
    assert dot.count('label="related"') == 1  # related is drawn once per pair
    assert "S-9" not in dot  # edges leave out specs outside the selection
    assert 'URL="a.html"' in dot and 'fillcolor="#5b6470"' in dot


def test_missing_dot_is_a_warning_not_a_crash(tmp_path):
    app = build(copy_root("reports", tmp_path), graphviz_dot="/nonexistent/dot")
    assert app.statuscode == 0
    messages = [w.message for w in warnings_of(app)]
    assert any("dot" in m and "cannot be run" in m for m in messages), messages


# -- warnings --------------------------------------------------------------------------------------


def test_report_option_problems_are_filter_warnings(tmp_path):
    src = copy_root("reports", tmp_path)
    (src / "bad.md").write_text(
        "---\norphan: true\n---\n# Bad reports\n\n"
        ":::{spec-table}\n:filter: owner == 'x'\n:::\n\n"
        ":::{spec-table}\n:filter: status ==\n:columns: id, colour\n:::\n\n"
        ":::{spec-matrix}\n:to: tests\n:::\n\n"
        ":::{spec-stats}\n:by: mood\n:status: Shipped\n:::\n\n"
        ":::{spec-table}\n:group-by: planet\n:sort: size\n:::\n",
        encoding="utf-8",
    )
    app = build(src)
    found = sorted((w.where, w.message) for w in warnings_of(app))
    expected = [
        (6, "spec-table: bad :filter: \"owner == 'x'\": unknown field 'owner' at column 1; known"),
        (10, "spec-table: bad :filter: 'status ==': expected a field, a value, '[' or '('"),
        (10, "spec-table: unknown columns value 'colour'; known: id, title"),
        (15, "spec-matrix: unknown to value 'tests'; known: goal, non-goal"),
        (19, "spec-stats: no template has the status 'Shipped'"),
        (19, "spec-stats: unknown by value 'mood'; known: status, team"),
        (24, "spec-table: unknown :group-by: 'planet'"),
        (24, "spec-table: unknown sort value 'size'"),
    ]
    assert len(found) == len(expected)
    for (where, message), (line, fragment) in zip(found, expected, strict=True):
        assert where == ("bad.md", line, "filter"), (where, message)
        assert fragment in message, (message, fragment)
    html = (Path(app.outdir) / "bad.html").read_text()
    assert "No specs match (the filter has an error; see the build log)" in html


# -- other builders --------------------------------------------------------------------------------


def test_text_output(tmp_path):
    app = build(copy_root("reports", tmp_path), "text")
    tables = (Path(app.outdir) / "tables.txt").read_text()
    assert "| SPEC-0003 | Backups" in tables and "No specs match" in tables
    matrix = (Path(app.outdir) / "matrix.txt").read_text()
    assert "[x] SPEC-0003.D2 Backup log kept" in matrix
    assert "**Coverage:** 5 of 6 covered (83%), 4 of 6 done (67%)." in matrix
    stats = (Path(app.outdir) / "stats.txt").read_text()
    assert "| Storage" in stats and "<svg" not in stats
    assert "Search" not in tables


def test_long_table_in_pdf_keeps_every_row(tmp_path):
    require_tool("latexmk", "pdftotext")
    src = generate(tmp_path / "long", 70)
    (src / "index.md").write_text(
        (src / "index.md").read_text()
        + "\n## All specs\n\n:::{spec-table}\n:columns: id, title, status, progress\n:::\n\n"
        "## Traceability\n\n:::{spec-matrix}\n:::\n\n## Statistics\n\n:::{spec-stats}\n:::\n",
        encoding="utf-8",
    )
    app = build(src, "latex")
    tex = Path(app.outdir) / "generatedspecs.tex"
    assert r"\begin{longtable}" in tex.read_text()
    compile_pdf(Path(app.outdir), tex.name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(app.outdir) / "generatedspecs.pdf", ARTIFACTS / "long-reports.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(Path(app.outdir) / "generatedspecs.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # the table's chapter: from its heading to the next chapter's
    table_part = text.split("ALL SPECS")[-1].split("TRACEABILITY")[0]
    rows = re.findall(r"^ *(SPEC-\d{4}) +Spec number (\d+) ", table_part, re.MULTILINE)
    assert [spec for spec, _ in rows] == [f"SPEC-{n:04d}" for n in range(1, 71)]
    assert "continues on next page" in table_part  # it did split across pages
    assert "continued from previous page" in table_part
    assert "Coverage: 140 of 140 covered" in text


def test_html_rows_are_made_as_they_are_written(app):
    """An HTML report table keeps its rows as a recipe (``tables.Rows``), made and resolved while
    the page is written: a resolved doctree still prints, pickles and deep-copies as the rows it
    stands for, and reading it twice gives the same rows."""
    import copy
    import pickle

    from docutils import nodes

    from sphinxcontrib_specs.read.nodes import spec_html_table
    from sphinxcontrib_specs.render.cells import Ref
    from sphinxcontrib_specs.render.tables import Rows

    doctree = app.env.get_and_resolve_doctree("matrix", app.builder)
    tables = list(doctree.findall(spec_html_table))
    assert tables and all(isinstance(t["rows"], Rows) for t in tables)
    matrix = next(t for t in tables if "specs-matrix-table" in t["classes"])
    rows = list(matrix["rows"])
    assert rows and len(matrix["rows"]) == len(rows) == len(list(matrix["rows"]))
    assert not any(isinstance(s, Ref) for cells, _ in rows for cell in cells for s in cell)
    assert str(matrix["rows"]) == " ".join(nodes.serial_escape(f"{row}") for row in rows)
    assert pickle.loads(pickle.dumps(matrix))["rows"] == rows
    assert list(copy.deepcopy(doctree).next_node(spec_html_table)["rows"]) == list(
        tables[0]["rows"]
    )
    # the page's first matrix has the rows the recipe makes
    written = page(app, "matrix.html").select_one("table.specs-matrix-table")
    assert len(written.select("tbody tr")) == len(rows)
