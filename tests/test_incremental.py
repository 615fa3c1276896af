"""Incremental and parallel builds give the same output as clean serial builds.

An incremental build rewrites the edited page and exactly the pages that show data from it
(back-links, link tooltips, banners); a ``-j 2`` build equals a ``-j 1`` build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import build, copy_root, outputs, warnings_of
from generate import generate


def mtimes(outdir: Path) -> dict[str, int]:
    """Each page's time by docname (``specs/0042/design``), pages in folders too."""
    pages = (p for p in outdir.rglob("*.html") if p.relative_to(outdir).parts[0][0] != "_")
    return {p.relative_to(outdir).with_suffix("").as_posix(): p.stat().st_mtime_ns for p in pages}


#: Pages Sphinx itself writes on every build that reads anything: the search page, the general
#: index, and the toctree parent of any re-read page (index, in these projects).
SPHINX_REWRITES = {"search", "genindex", "index"}


def written(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """The pages written by the last build, less the ones Sphinx writes anyway."""
    return {name for name, t in after.items() if before.get(name) != t} - SPHINX_REWRITES


def clean_build(src: Path, tmp: Path, **overrides) -> dict[str, str]:
    clean_src = tmp / f"clean-{len(list(tmp.iterdir()))}"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    app = build(clean_src, **overrides)
    return outputs(Path(app.outdir))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Project:
    """A test project that is built incrementally, step after step."""

    def __init__(self, src: Path, tmp: Path, *, quiet: bool = True):
        self.src = src
        self.tmp = tmp
        self.tmp.mkdir(exist_ok=True)
        self.outdir = src / "_build" / "html"
        self.app = build(src)
        if quiet:
            assert warnings_of(self.app) == []

    def rebuild(self) -> set[str]:
        import time

        before = mtimes(self.outdir)
        time.sleep(0.01)
        self.app = build(self.src)
        return written(before, mtimes(self.outdir))

    def assert_same_as_clean(self) -> None:
        incremental = outputs(self.outdir)
        clean = clean_build(self.src, self.tmp)
        # Sphinx leaves the old HTML of a deleted source in place; nothing else may differ.
        stale = set(incremental) - set(clean)
        assert all(not (self.src / name.replace(".html", ".md")).exists() for name in stale)
        assert set(clean) <= set(incremental)
        for name in clean:
            assert incremental[name] == clean[name], f"{name} differs from a clean build"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "clean").mkdir()
    return Project(copy_root("basic", tmp_path), tmp_path / "clean")


def test_status_edit_rewrites_the_pages_that_show_it(project):
    edit(project.src / "restore.md", ":status: approved", ":status: Draft")
    pages = project.rebuild()
    # restore: edited; backups: its card links SPEC-0040 with the status in the tooltip
    assert pages == {"restore", "backups"}
    project.assert_same_as_clean()
    assert 'title="Restore service (Draft)"' in (project.outdir / "backups.html").read_text()


def test_nothing_changed_writes_nothing(project):
    assert project.rebuild() == set()


def test_adding_a_spec_updates_back_links_and_banners(project):
    (project.src / "successor.md").write_text(
        "---\norphan: true\n---\n# Retention v2\n\n:::{spec} SPEC-0050\n:status: Draft\n"
        ":supersedes: SPEC-0011\n:template: bare\n:::\n",
        encoding="utf-8",
    )
    (project.src / "conf.py").write_text(
        (project.src / "conf.py").read_text()
        + 'specs_templates = {"bare": {"statuses": ["Draft"], "sections": []}}\n'
    )
    project.rebuild()
    project.assert_same_as_clean()
    retention = (project.outdir / "retention.html").read_text()
    assert "specs-banner-superseded" in retention and "SPEC-0050" in retention


def test_adding_a_page_without_config_change_rewrites_only_what_it_touches(project):
    (project.src / "note.md").write_text(
        "---\norphan: true\n---\n# A note\n\nSee {spec}`SPEC-0011`.\n", encoding="utf-8"
    )
    pages = project.rebuild()
    # note: new; retention: its card now lists no new back-link ("referenced by" counts specs
    # only), so it is not rewritten
    assert pages == {"note"}
    project.assert_same_as_clean()

    (project.src / "successor.md").write_text(
        "---\norphan: true\n---\n# Retention v2\n\n:::{spec} SPEC-0050\n:status: Draft\n"
        ":supersedes: SPEC-0011\n:::\n\n## Summary\n\nS.\n\n## Motivation\n\nM.\n\n"
        "## Goals & Non-Goals\n\nG.\n\n## Design\n\nD.\n\n## Definition of Done\n\nNone yet.\n",
        encoding="utf-8",
    )
    pages = project.rebuild()
    assert pages == {"successor", "retention"}
    project.assert_same_as_clean()


def test_deleting_a_spec_updates_the_pages_that_linked_it(project):
    (project.src / "legacy.md").unlink()
    edit(project.src / "index.md", "legacy\n", "")
    pages = project.rebuild()
    assert pages == {"backups"}
    project.assert_same_as_clean()
    assert "SPEC-0007" not in (project.outdir / "specs.json").read_text().split('"specs"')[1][:20]
    refs = [w for w in warnings_of(project.app) if w.subtype == "ref"]
    assert [(Path(w.file).name, w.line) for w in refs] == [("backups.md", 3)]


def test_checking_a_dod_item_updates_progress(project):
    edit(project.src / "backups.md", "- [ ] User guide written", "- [x] User guide written")
    pages = project.rebuild()
    assert pages == {"backups"}
    project.assert_same_as_clean()
    assert "3 of 3 done" in (project.outdir / "backups.html").read_text()


def test_renaming_an_item_updates_its_referrers(project):
    edit(project.src / "restore.md", "- Stream a snapshot", "- {#R-stream} Stream a snapshot")
    pages = project.rebuild()
    # SPEC-0042.D3 covers SPEC-0040.R1, which no longer exists
    assert pages == {"restore", "backups"}
    project.assert_same_as_clean()
    assert [w.subtype for w in warnings_of(project.app)] == ["ref"]


def test_parallel_build_equals_serial_build(tmp_path):
    src = generate(tmp_path / "gen", 60, reports=True)
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    assert parallel.parallel == 2 and parallel.builder.parallel_ok
    assert warnings_of(serial) == warnings_of(parallel) == []
    a, b = outputs(Path(serial.outdir)), outputs(Path(parallel.outdir))
    assert len(a) == 64  # 60 specs, index, genindex, search and specs.json
    assert sum(name.startswith("spec0") for name in a) == 60
    assert a == b


def test_parallel_incremental_build_equals_clean_serial_build(tmp_path):
    src = generate(tmp_path / "gen", 60, reports=True)
    build(src, parallel=2)
    edit(src / "spec0010.md", ":status: Draft", ":status: Accepted")
    edit(src / "spec0020.md", "- [ ] Second step", "- [x] Second step")
    app = build(src, parallel=2)
    (tmp_path / "clean").mkdir()
    assert outputs(Path(app.outdir)) == clean_build(src, tmp_path / "clean")


# -- reports on several pages ------------------------------------------------------------------


@pytest.fixture
def reports_project(tmp_path):
    (tmp_path / "clean").mkdir()
    return Project(copy_root("reports", tmp_path), tmp_path / "clean")


def test_status_edit_updates_reports_on_every_other_page(reports_project):
    project = reports_project
    edit(project.src / "auth.md", ":status: Draft", ":status: Accepted")
    pages = project.rebuild()
    # auth: edited; tables, matrix, stats, graph: their reports show SPEC-0001.
    # plain (no reports) and the other specs' pages are not written again.
    assert pages == {"auth", "tables", "matrix", "stats", "graph"}
    project.assert_same_as_clean()
    stats = (project.outdir / "stats.html").read_text()
    assert (
        'aria-label="Under Review: 1; Accepted: 2; Implemented: 1; Deferred: 1; Review: 1"' in stats
    )


def test_report_rows_are_written_again_only_where_they_changed(reports_project):
    """A page of reports written again takes each row whose cells and links are unchanged from
    the last build (specs-report-rows.pickle); the edited spec's rows are made again, and a file
    that is not ours is ignored."""
    import pickle

    project = reports_project
    kept = Path(project.app.doctreedir) / "specs-report-rows.pickle"
    data = pickle.loads(kept.read_bytes())
    assert data["format"].startswith("sphinx-specs report rows 1; sphinx-specs ")
    rows = data["builders"]["html"]["tables"]
    # mark every row kept for tables.html: the rows of unchanged specs show the mark next time
    marked = {key: html.replace("<tr", "<tr data-kept", 1) for key, html in rows.items()}
    kept.write_bytes(pickle.dumps({**data, "builders": {"html": {"tables": marked}}}))
    edit(project.src / "auth.md", ":status: Draft", ":status: Accepted")
    assert "tables" in project.rebuild()
    tables = (project.outdir / "tables.html").read_text()
    assert "<tr data-kept" in tables  # unchanged rows were taken as they were
    auth_rows = [row for row in tables.split("<tr")[1:] if "SPEC-0001" in row.split("</tr>")[0]]
    assert auth_rows and not any(row.startswith(" data-kept") for row in auth_rows)
    for foreign in (b"\x80\x04}\x94.", b"not a pickle", pickle.dumps({"format": "other"})):
        kept.write_bytes(foreign)
        edit(project.src / "auth.md", ":status: Accepted", ":status: Draft")
        project.rebuild()
        project.assert_same_as_clean()
        edit(project.src / "auth.md", ":status: Draft", ":status: Accepted")


def test_table_and_matrix_rows_kept_are_not_made_again(reports_project, monkeypatch):
    """A spec-table's or spec-matrix's row is keyed by its spec's digest (and the table's own
    inputs): after an edit of one spec, only that spec's rows are made; the page still equals a
    clean build's."""
    from sphinxcontrib_specs.render.reports.matrix import MatrixRenderer
    from sphinxcontrib_specs.render.reports.table import TableRenderer

    made: list[str] = []
    table_row, matrix_row = TableRenderer.row, MatrixRenderer.row

    def table(self, spec, *args):
        made.append(spec.id)
        return table_row(self, spec, *args)

    def matrix(self, row, *args):
        made.append(row.spec.id)
        return matrix_row(self, row, *args)

    monkeypatch.setattr(TableRenderer, "row", table)
    monkeypatch.setattr(MatrixRenderer, "row", matrix)
    project = reports_project
    edit(project.src / "auth.md", ":status: Draft", ":status: Accepted")
    assert {"tables", "matrix"} <= project.rebuild()
    assert made and set(made) == {"SPEC-0001"}, made
    monkeypatch.undo()
    project.assert_same_as_clean()


def test_filter_membership_change_updates_the_report(reports_project):
    project = reports_project
    # SPEC-0004 gains the security tag: it enters the filtered table on tables.md
    edit(project.src / "retention.md", ":tags: storage, compliance", ":tags: storage, security")
    pages = project.rebuild()
    assert {"retention", "tables", "stats"} <= pages
    assert "plain" not in pages and "auth" not in pages
    project.assert_same_as_clean()


def test_covering_item_edit_updates_the_matrix(reports_project):
    project = reports_project
    edit(project.src / "backups.md", "- [x] Backup log kept a year", "- [ ] Backup log kept a year")
    pages = project.rebuild()
    assert {"backups", "matrix"} <= pages and "plain" not in pages
    project.assert_same_as_clean()
    matrix = (project.outdir / "matrix.html").read_text()
    assert "5 of 6 covered (83%), 2 of 6 done (33%)" in matrix


#: Two pages whose reports select some specs and show data of others: the table links the
#: Storage specs' dependencies (SPEC-0002 is Identity's: its title and status are the tooltip),
#: the matrix lists Identity's items and the Storage items that cover them.
NARROW_PAGES = {
    "narrow-table": "# Storage links\n\n:::{spec-table}\n:team: Storage\n"
    ":columns: id, depends-on, supersedes\n:::\n",
    "narrow-matrix": "# Identity coverage\n\n:::{spec-matrix}\n:team: Identity\n:::\n",
}


@pytest.fixture
def narrow_project(tmp_path):
    (tmp_path / "clean").mkdir()
    src = copy_root("reports", tmp_path)
    for name, text in NARROW_PAGES.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    edit(src / "index.md", "graph\n", "graph\nnarrow-table\nnarrow-matrix\n")
    return Project(src, tmp_path / "clean")


def test_linked_spec_edit_updates_a_report_that_does_not_select_it(narrow_project):
    project = narrow_project
    edit(project.src / "audit.md", ":status: Under Review", ":status: Accepted")
    pages = project.rebuild()
    # narrow-table selects Storage's specs, not SPEC-0002: SPEC-0003's depends-on link shows
    # SPEC-0002's new status in its tooltip
    assert {"audit", "backups", "narrow-table"} <= pages and "plain" not in pages
    project.assert_same_as_clean()
    table = (project.outdir / "narrow-table.html").read_text()
    assert 'href="audit.html#spec-0002" title="Audit log (Accepted)"' in table


def test_covering_item_edit_updates_a_matrix_that_does_not_select_it(narrow_project):
    project = narrow_project
    edit(project.src / "backups.md", "- [x] Backup log kept a year", "- [ ] Backup log kept a year")
    pages = project.rebuild()
    # narrow-matrix selects Identity's specs; SPEC-0003.D2 (Storage) covers SPEC-0002.R2
    assert {"backups", "narrow-matrix"} <= pages and "plain" not in pages
    project.assert_same_as_clean()
    matrix = (project.outdir / "narrow-matrix.html").read_text()
    unchecked = 'class="specs-checkbox specs-open" disabled="disabled" type="checkbox" /> '
    link = '<a class="reference internal xref specs-ref" href="backups.html#spec-0003-d2">'
    assert unchecked + link in matrix


def test_reports_parallel_equals_serial(tmp_path):
    src = copy_root("reports", tmp_path)
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    assert outputs(Path(serial.outdir)) == outputs(Path(parallel.outdir))


def test_specs_json_entries_are_kept_reused_and_a_foreign_file_ignored(project):
    """The entry texts of the last build are kept in the doctree folder and used as found; a
    file that is not ours is ignored and the build still writes a clean build's specs.json."""
    import json
    import pickle

    kept = Path(project.app.doctreedir) / "specs-json-entries.pickle"
    data = pickle.loads(kept.read_bytes())
    assert data["format"].startswith("sphinx-specs entries 3")
    specs = json.loads((project.outdir / "specs.json").read_text())["specs"]
    assert len(data["entries"]) == len(data["keys"]) == len(specs)
    assert set(data["entries"].values()) == set(data["keys"].values())
    # an entry whose inputs are unchanged is not made again: a marked text shows in the next
    # specs.json; without its key, an entry made again finds its text by its compact JSON
    for table, other in (("keys", "entries"), ("entries", "keys")):
        marked = {**data, table: dict(data[table]), other: {}}
        marked[table][next(iter(marked[table]))] = '"MARK"'
        kept.write_bytes(pickle.dumps(marked))
        project.rebuild()
        assert '"MARK"' in (project.outdir / "specs.json").read_text()
    other_format = pickle.dumps({"format": "another", "entries": data["entries"]})
    for foreign in (b"\x80\x04}\x94(]K\x01u.", b"cnosuchmod\nx\n.", b"\x80\x04", other_format):
        kept.write_bytes(foreign)
        edit(project.src / "restore.md", ":status: approved", ":status: Draft")
        project.rebuild()
        project.assert_same_as_clean()
        edit(project.src / "restore.md", ":status: Draft", ":status: approved")
    assert not list(kept.parent.glob("*.tmp"))


def ledger_matches_a_fresh_fingerprint(app) -> None:
    """Every page's fingerprint in the ledger, kept or made again, is the one a fresh
    fingerprint of that page gives now."""
    from sphinxcontrib_specs.output.ledger import LEDGER, fingerprint
    from sphinxcontrib_specs.read.domain import get_domain

    data = json.loads((Path(app.outdir) / LEDGER).read_text(encoding="utf-8"))
    kept = {docname: entry[0] for docname, entry in data["builders"][app.builder.name].items()}
    domain = get_domain(app.env)
    docs = domain.index.docs
    assert kept == {docname: fingerprint(docname, doc, domain) for docname, doc in docs.items()}


def test_the_ledger_fingerprints_again_only_what_an_edit_can_reach(project):
    """A spec renamed away from the ID another links to, that ID given to a new page, a link
    dropped, a title edited: the pages kept keep the fingerprint they would get."""
    edit(project.src / "restore.md", "{spec} SPEC-0040", "{spec} SPEC-0041")
    assert project.rebuild() == {"restore", "backups"}
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()

    (project.src / "other.md").write_text(
        "---\norphan: true\n---\n# Restore, again\n\n:::{spec} SPEC-0040\n:status: Draft\n:::\n",
        encoding="utf-8",
    )
    pages = project.rebuild()
    assert {"other", "backups"} <= pages and "retention" not in pages
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()

    edit(project.src / "backups.md", ":related: SPEC-0011\n", "")
    assert project.rebuild() == {"backups", "retention"}
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()

    edit(project.src / "legacy.md", "# ", "# Old ")
    assert project.rebuild() == {"legacy", "backups"}
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()


SMALL_CONF = (
    'project = "t"\nextensions = ["myst_parser", "sphinxcontrib_specs"]\n'
    'myst_enable_extensions = ["colon_fence"]\nexclude_patterns = ["_build"]\n'
    'specs_templates = {"bare": {"statuses": ["Draft"], "sections": []}}\n'
)


def small_spec(title: str, spec_id: str, extra: str = "") -> str:
    return (
        f"---\norphan: true\n---\n# {title}\n\n:::{{spec}} {spec_id}\n:status: Draft\n"
        f":template: bare\n{extra}:::\n"
    )


def test_a_page_that_comes_to_own_a_twice_defined_id_updates_what_it_links(tmp_path):
    """Two branches took SPEC-0005: a.md owns it (first by name), b.md is ignored. Renumbering
    a.md hands the ID to b.md, which was not read again: the spec b depends on now shows it."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(SMALL_CONF, encoding="utf-8")
    (src / "index.md").write_text("# Index\n", encoding="utf-8")
    (src / "a.md").write_text(small_spec("Alpha", "SPEC-0005"), encoding="utf-8")
    (src / "b.md").write_text(
        small_spec("Beta", "SPEC-0005", ":depends-on: SPEC-0001\n"), encoding="utf-8"
    )
    (src / "x.md").write_text(small_spec("Base", "SPEC-0001"), encoding="utf-8")
    project = Project(src, tmp_path / "clean", quiet=False)  # SPEC-0005 twice: specs.id
    assert "SPEC-0005" not in (project.outdir / "x.html").read_text(encoding="utf-8")
    (src / "a.md").write_text(small_spec("Alpha", "SPEC-0006"), encoding="utf-8")
    assert {"a", "x"} <= project.rebuild()
    assert "SPEC-0005" in (project.outdir / "x.html").read_text(encoding="utf-8")
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()


def test_a_folder_whose_twin_page_goes_joins_its_sub_pages_and_their_links_resolve(tmp_path):
    """A page that takes a spec folder's ID keeps the folder from joining its sub-pages; once it
    is deleted, a sub-page's relative link ``{spec}`G1``` names the folder's item."""
    src = copy_root("spec-folders", tmp_path)
    (src / "specs" / "0042-aaa.md").write_text(
        "---\nstatus: Draft\nauthors: Zed\n---\n# A copy\n\n## Summary\n\nCopy.\n", encoding="utf-8"
    )
    design = src / "specs" / "0042-backups" / "design.md"
    design.write_text(design.read_text(encoding="utf-8") + "\nSee {spec}`G1`.\n", encoding="utf-8")
    project = Project(src, tmp_path / "clean", quiet=False)  # SPEC-0042 twice: specs.id
    (src / "specs" / "0042-aaa.md").unlink()
    assert "specs/0042-backups/design" in project.rebuild()
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()


def test_an_import_that_empties_updates_the_pages_that_linked_its_specs(tmp_path):
    """An imported spec is no page's: when its source no longer has it, the page that depends
    on it is fingerprinted again (no page was read again)."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(SMALL_CONF, encoding="utf-8")
    (other / "index.md").write_text("# Other\n", encoding="utf-8")
    (other / "e.md").write_text(small_spec("Remote thing", "EXT-0001"), encoding="utf-8")
    data = json.loads((Path(build(other).outdir) / "specs.json").read_text(encoding="utf-8"))
    src = tmp_path / "src"
    src.mkdir()
    conf = (
        SMALL_CONF
        + 'specs_import = {"o": {"source": "imp.json", "base_url": "https://o.example/"}}\n'
    )
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text("# Index\n", encoding="utf-8")
    (src / "x.md").write_text(
        small_spec("Local", "SPEC-0001", ":depends-on: EXT-0001\n"), encoding="utf-8"
    )
    (src / "imp.json").write_text(json.dumps(data), encoding="utf-8")
    project = Project(src, tmp_path / "clean")
    assert "Remote thing" in (project.outdir / "x.html").read_text(encoding="utf-8")
    data["specs"] = {}
    (src / "imp.json").write_text(json.dumps(data), encoding="utf-8")
    assert "x" in project.rebuild()
    assert "Remote thing" not in (project.outdir / "x.html").read_text(encoding="utf-8")
    ledger_matches_a_fresh_fingerprint(project.app)


def test_a_build_of_named_pages_leaves_the_others_out_of_date(project):
    """``sphinx-build SRC OUT restore.md`` writes only restore: backups, whose link tooltip
    shows restore's status, is still written by the next build."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    edit(project.src / "restore.md", ":status: approved", ":status: Draft")
    app = SphinxTestApp("html", srcdir=project.src, status=StringIO(), warning=StringIO())
    try:
        app.build(filenames=[str(project.src / "restore.md")])
    finally:
        app.cleanup()
    assert 'title="Restore service (Draft)"' not in (project.outdir / "backups.html").read_text()
    assert "backups" in project.rebuild()
    assert 'title="Restore service (Draft)"' in (project.outdir / "backups.html").read_text()
    ledger_matches_a_fresh_fingerprint(project.app)
    project.assert_same_as_clean()
