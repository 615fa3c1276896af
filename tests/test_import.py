"""``specs_import``: other projects' specs.json beside the local specs.

The project under tests/roots/test-import imports ``platform/specs.json`` by path; the URL tests
serve the same file from ``http.server`` on 127.0.0.1 in a thread, stopped after each test.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from conftest import build, copy_root, load_json, outputs, specs_warnings, warnings_of
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH

BASE = "https://docs.example.com/platform/"
JOBS = f"{BASE}specs/jobs.html#plat-0007"
QUOTAS = f"{BASE}specs/quotas.html#plat-0008"


def html(app, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


def row(page: str, key: str) -> str:
    """The card row ``specs-row-<key>`` of a page's HTML."""
    match = re.search(rf'<tr class="specs-row-{key} .*?</tr>', page, re.S)
    assert match, f"no {key} row"
    return match.group(0)


@pytest.fixture
def project(tmp_path):
    return copy_root("import", tmp_path)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; ``/slow/...`` answers only after 3 seconds (for the timeout)."""

    def do_GET(self) -> None:
        if self.path.startswith("/slow/"):
            time.sleep(3)
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path):
    """An HTTP server on 127.0.0.1 serving ``tmp_path/served``; yields (folder, base URL)."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(Handler, directory=str(served))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def import_warnings(app) -> list:
    return [w for w in specs_warnings(app) if w.subtype == "import"]


# -- a path import -------------------------------------------------------------------------------


def test_path_import_shows_external_specs_everywhere(project):
    app = build(project)
    assert warnings_of(app) == []
    reports = html(app, "reports")
    # spec-table: a row per imported spec, marked and linked to its own site
    table = reports[reports.find("specs-table") : reports.find("specs-stats")]
    jobs_row = re.search(r'<tr class="specs-row [^"]*specs-external">.*?</tr>', table, re.S)
    assert jobs_row and f'href="{JOBS}"' in jobs_row.group(0)
    assert '<span class="specs-external-mark"> (platform)</span>' in jobs_row.group(0)
    assert table.count("specs-external-mark") == 2
    assert 'href="backups.html#spec-0001"' in table
    # beside the title and status columns, the tooltip is left out only where an ID names the
    # import: without the ID column, an imported spec's title link keeps it
    first, titles_only = re.findall(r"<table.*?</table>", table, re.S)
    id_and_title = re.findall(r'<td class="specs-col-(?:id|title)">.*?</td>', first, re.S)
    assert len(id_and_title) == 8 and not any('title="' in cell for cell in id_and_title)
    imported = re.escape(f'href="{JOBS}" title="Job runner (Accepted), from platform"')
    assert re.search(r"<a [^>]*" + imported, titles_only)
    # spec-stats counts them beside the local ones
    assert 'aria-label="Draft: 3; Accepted: 1"' in reports
    # spec-graph: nodes linked to their pages
    assert f'href="{QUOTAS}"' in reports[reports.find("specs-graph") :]
    # spec-matrix: the imported goal, covered by an imported item and by a local one
    matrix = reports[reports.find("specs-matrix-table") :]
    assert f'href="{BASE}specs/jobs.html#plat-0007-g1"' in matrix
    assert f'href="{BASE}specs/jobs.html#plat-0007-d1"' in matrix
    # the item's text is beside its link, imported or not: no tooltip repeats it
    assert 'plat-0007-d1">' in matrix and 'title="PLAT-0007.D1' not in matrix
    assert "2 of 2 covered" in matrix


def test_roles_and_reverse_links_cross_the_import(project):
    app = build(project)
    backups = html(app, "backups")
    # a local spec that depends on an imported one says so ...
    assert f'href="{JOBS}" title="Job runner (Accepted), from platform"' in row(
        backups, "depends-on"
    )
    # ... and the import's own link to the local spec shows as "needed by"
    needed = row(backups, "needed-by")
    assert f'href="{QUOTAS}"' in needed and "PLAT-0008" in needed
    # {spec} and {covers} resolve to the imported spec and item
    goal = f'href="{BASE}specs/jobs.html#plat-0007-g1"'
    assert backups.count(goal) == 2
    assert 'class="specs-external reference external"' in backups
    assert f'href="{JOBS}"' in html(app, "notes")  # the role in reStructuredText
    restore = html(app, "restore")
    assert "specs-row-needed-by" not in restore


def test_specs_json_marks_imports_and_objects_inv_leaves_them_out(project):
    app = build(project)
    data = load_json(app)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    jobs = data["specs"]["PLAT-0007"]
    assert jobs["external"] == "platform"
    assert jobs["url"] == JOBS
    assert jobs["links"]["needed_by"] == ["PLAT-0008", "SPEC-0001"]
    assert "external" not in data["specs"]["SPEC-0001"]
    assert data["specs"]["SPEC-0001"]["links"]["needed_by"] == ["PLAT-0008"]
    from sphinx.util.inventory import InventoryFile

    with open(Path(app.outdir) / "objects.inv", "rb") as f:
        inventory = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    entries = getattr(inventory, "data", inventory)  # a dict up to Sphinx 8, an object in 9
    names = {name for kind in entries.values() for name in kind}
    assert "SPEC-0001" in names and "SPEC-0001.G1" in names
    assert not any(name.startswith("PLAT") for name in names)


def test_prefix_renames_the_imported_ids_and_their_own_links(project):
    app = build(
        project,
        specs_import={
            "platform": {"source": "platform/specs.json", "base_url": BASE, "prefix": "P-"}
        },
    )
    data = load_json(app)
    assert sorted(data["specs"]) == ["P-PLAT-0007", "P-PLAT-0008", "SPEC-0001", "SPEC-0002"]
    # links inside the import follow the rename; links to other projects stay
    assert data["specs"]["P-PLAT-0008"]["links"]["depends_on"] == ["P-PLAT-0007", "SPEC-0001"]
    assert data["specs"]["P-PLAT-0007"]["items"]["D1"]["covers"] == ["P-PLAT-0007.G1"]
    # the local spec still names PLAT-0007, which no longer exists under that ID
    refs = [w for w in specs_warnings(app) if w.subtype == "ref"]
    assert refs and all("PLAT-0007" in w.message for w in refs)


def test_id_clash_warns_and_the_local_spec_wins(project, tmp_path):
    other = json.loads((project / "platform" / "specs.json").read_text())
    other["specs"] = {"SPEC-0002": other["specs"]["PLAT-0008"]}
    (project / "other.json").write_text(json.dumps(other))
    app = build(
        project,
        specs_import={
            "platform": {"source": "platform/specs.json", "base_url": BASE},
            "other": {"source": "other.json", "base_url": "https://other.example.com/"},
        },
    )
    clashes = import_warnings(app)
    assert [w.where for w in clashes] == [("restore.md", 3, "import")]
    assert (
        "SPEC-0002 of the import 'other' is also defined in restore.md, line 3"
        in clashes[0].message
    )
    assert "left out" in clashes[0].message
    data = load_json(app)
    assert "external" not in data["specs"]["SPEC-0002"]
    assert data["specs"]["SPEC-0002"]["docname"] == "restore"


def test_bad_config_entry_is_a_config_warning(project):
    app = build(project, specs_import={"platform": {"base_url": BASE}, "x": "y"})
    problems = [w for w in specs_warnings(app) if w.subtype == "config"]
    assert len(problems) == 2
    assert "needs a 'source'" in problems[0].message


# -- a URL import --------------------------------------------------------------------------------


def test_url_import_links_to_the_served_site(project, server):
    served, url = server
    shutil.copytree(project / "platform", served / "platform")
    source = f"{url}platform/specs.json"
    app = build(project, specs_import={"platform": {"source": source, "timeout": 5}})
    assert warnings_of(app) == []
    # without base_url, the URL's own folder is the base
    assert load_json(app)["specs"]["PLAT-0007"]["url"] == f"{url}platform/specs/jobs.html#plat-0007"
    assert f'href="{url}platform/specs/quotas.html#plat-0008"' in html(app, "backups")


def _refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/specs.json"


@pytest.mark.parametrize(
    "problem", ["404", "refused", "timeout", "bad-json", "wrong-shape", "missing"]
)
def test_a_source_that_cannot_be_read_is_one_warning(project, server, problem):
    served, url = server
    (served / "bad.json").write_text("{not json")
    (project / "shape.json").write_text('{"version": 1, "specs": ["PLAT-1"]}')
    source = {
        "404": f"{url}nothing/specs.json",
        "refused": _refused_url(),
        "timeout": f"{url}slow/specs.json",
        "bad-json": f"{url}bad.json",
        "wrong-shape": "shape.json",
        "missing": "nowhere/specs.json",
    }[problem]
    timeout = 0.5 if problem == "timeout" else 5
    app = build(project, specs_import={"platform": {"source": source, "timeout": timeout}})
    found = import_warnings(app)
    assert len(found) == 1
    assert source in found[0].message and "'platform'" in found[0].message
    assert "left out (no copy from an earlier build)" in found[0].message
    # the build went on: pages written, the local links to the import are unknown refs
    assert (Path(app.outdir) / "reports.html").exists()
    assert "PLAT-0007" not in load_json(app)["specs"]
    assert {w.subtype for w in specs_warnings(app)} == {"import", "ref"}


def test_a_failing_source_falls_back_to_the_cached_copy(project, server):
    served, url = server
    shutil.copytree(project / "platform", served / "platform")
    source = f"{url}platform/specs.json"
    first = build(project, specs_import={"platform": {"source": source, "timeout": 5}})
    assert warnings_of(first) == []
    before = outputs(Path(first.outdir))
    (served / "platform" / "specs.json").unlink()
    second = build(project, specs_import={"platform": {"source": source, "timeout": 5}})
    found = import_warnings(second)
    assert len(found) == 1 and source in found[0].message
    assert "using the copy from the last build (2 specs)" in found[0].message
    assert [w.subtype for w in specs_warnings(second)] == ["import"]
    assert outputs(Path(second.outdir)) == before


# -- incremental and parallel builds -------------------------------------------------------------


def mtimes(outdir: Path) -> dict[str, int]:
    return {p.stem: p.stat().st_mtime_ns for p in outdir.glob("*.html")}


def rebuild(src: Path, **overrides):
    outdir = src / "_build" / "html"
    before = mtimes(outdir)
    time.sleep(0.01)
    app = build(src, **overrides)
    written = {n for n, t in mtimes(outdir).items() if before.get(n) != t}
    # Sphinx itself writes the search page, the general index and the toctree parent anyway.
    return app, written - {"search", "genindex", "index"}


def clean(src: Path, tmp: Path) -> dict[str, str]:
    copy = tmp / "clean"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("_build"))
    return outputs(Path(build(copy).outdir))


def test_unchanged_import_reads_and_writes_nothing(project):
    build(project)
    app, written = rebuild(project)
    assert written == set()
    assert "0 added, 0 changed, 0 removed" in app._status.getvalue()


def test_changed_import_rewrites_the_pages_that_show_it(project, tmp_path):
    build(project)
    path = project / "platform" / "specs.json"
    path.write_text(path.read_text().replace('"title": "Job runner"', '"title": "Job service"'))
    app, written = rebuild(project)
    assert "0 added, 0 changed, 0 removed" in app._status.getvalue()
    # backups links PLAT-0007 (title in the tooltip); reports lists it; restore shows nothing
    assert written == {"backups", "reports", "notes"}
    assert 'title="Job service (Accepted), from platform"' in html(app, "backups")
    assert outputs(Path(app.outdir)) == clean(project, tmp_path)


def test_import_dropping_a_link_updates_the_local_card(project, tmp_path):
    build(project)
    path = project / "platform" / "specs.json"
    path.write_text(path.read_text().replace('"PLAT-0007", "SPEC-0001"', '"PLAT-0007"'))
    app, written = rebuild(project)
    assert "backups" in written and "restore" not in written
    assert "specs-row-needed-by" not in html(app, "backups")
    assert outputs(Path(app.outdir)) == clean(project, tmp_path)


def test_parallel_build_equals_serial_build(project, tmp_path):
    serial = build(project, builddir=tmp_path / "serial")
    parallel = build(project, builddir=tmp_path / "parallel", parallel=2)
    assert warnings_of(serial) == warnings_of(parallel) == []
    assert outputs(Path(serial.outdir)) == outputs(Path(parallel.outdir))


def test_sphinx_needs_gets_no_links_to_imported_specs(project):
    pytest.importorskip("sphinx_needs")
    app = build(project, extensions=["myst_parser", "sphinxcontrib_specs", "sphinx_needs"])
    # SPEC-0001 depends on PLAT-0007 and covers PLAT-0007.G1: no "unknown outgoing link"
    assert [w for w in warnings_of(app) if w.type == "needs"] == []
    assert f'href="{JOBS}"' in html(app, "backups")


def test_an_org_index_is_a_conf_with_imports_and_an_index_page(project, tmp_path):
    org = tmp_path / "org"
    org.mkdir()
    shutil.copy(project / "platform" / "specs.json", org / "platform.json")
    storage = build(project)  # a project of its own, whose specs.json the index imports too
    imports = {
        "platform": {"source": "platform.json", "base_url": BASE},
        "storage": {
            "source": str(Path(storage.outdir) / "specs.json"),
            "base_url": "https://docs.example.com/storage/",
        },
    }
    (org / "conf.py").write_text(
        'project = "Org"\nextensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        f'exclude_patterns = ["_build"]\nspecs_import = {imports!r}\n'
    )
    (org / "index.md").write_text("# All specs\n\n```{spec-table}\n```\n\n```{spec-stats}\n```\n")
    app = build(org)
    # the storage project's own specs.json carries PLAT-0007/8 as imports too: they clash
    assert {w.subtype for w in specs_warnings(app)} == {"import"}
    data = load_json(app)
    assert {k: v["external"] for k, v in data["specs"].items()} == {
        "PLAT-0007": "platform",
        "PLAT-0008": "platform",
        "SPEC-0001": "storage",
        "SPEC-0002": "storage",
    }
    # URLs relative to the storage site become absolute; the links between projects hold
    assert (
        data["specs"]["SPEC-0001"]["url"]
        == "https://docs.example.com/storage/backups.html#spec-0001"
    )
    assert data["specs"]["SPEC-0001"]["links"]["needed_by"] == ["PLAT-0008"]
    page = html(app, "index")
    assert page.count("specs-external-mark") == 4
    assert 'href="https://docs.example.com/storage/restore.html#spec-0002"' in page


def test_parallel_incremental_build_after_an_import_change_equals_clean(project, tmp_path):
    build(project, parallel=2)
    path = project / "platform" / "specs.json"
    path.write_text(path.read_text().replace('"status": "Draft"', '"status": "Accepted"'))
    app = build(project, parallel=2)
    assert warnings_of(app) == []
    assert outputs(Path(app.outdir)) == clean(project, tmp_path)


def test_graph_draws_imported_specs_dashed_and_named():
    from sphinxcontrib_specs.core.model import SpecRecord
    from sphinxcontrib_specs.render.reports.graph import dot_source

    local = SpecRecord("SPEC-1", "a", 1, "spec-1", title="Local", depends_on=["PLAT-1"])
    imported = SpecRecord(
        "PLAT-1",
        "",
        None,
        "plat-1",
        title="Runner",
        external="platform",
        url=f"{BASE}runner.html#plat-1",
    )
    dot = dot_source([local, imported], ["depends-on"], lambda s: s.url or None)
    node = next(line for line in dot.splitlines() if line.startswith('  "PLAT-1" ['))
    assert 'label="PLAT-1\\nRunner\\n(platform)"' in node
    assert 'style="rounded,filled,dashed"' in node and f'URL="{BASE}runner.html#plat-1"' in node
    local_node = next(line for line in dot.splitlines() if line.startswith('  "SPEC-1" ['))
    assert "dashed" not in local_node
    assert '"SPEC-1" -> "PLAT-1"' in dot


# -- what an import may not bring in -------------------------------------------------------------


def _one_spec_import(project: Path, spec: dict, name: str = "EXT-1") -> dict:
    """``ok.json`` with one spec ``name``; returns the ``specs_import`` value that reads it."""
    entry = {"title": "External", "status": "Draft", "url": "ext.html#ext-1", "items": {}, **spec}
    (project / "ok.json").write_text(json.dumps({"version": 1, "specs": {name: entry}}))
    return {
        "platform": {"source": "platform/specs.json", "base_url": BASE},
        "ok": {"source": "ok.json", "base_url": "https://x.example/"},
    }


def test_an_unsafe_imported_url_is_a_warning_and_no_link(project):
    imports = _one_spec_import(
        project,
        {
            "url": "javascript:alert(1)",
            "items": {
                "G1": {"kind": "goal", "text": "Goal", "url": "JavaScript:alert(2)"},
                "G2": {"kind": "goal", "text": "Tabbed", "url": "java\tscript:alert(3)"},
                "G3": {"kind": "goal", "text": "Data", "url": "data:text/html,<b>x</b>"},
            },
        },
    )
    (project / "restore.md").write_text(
        "# Restore\n\n:::{spec} SPEC-0002\n:status: Draft\n:template: bare\n"
        ":depends-on: EXT-1\n:::\n\nSee {spec}`EXT-1`, {spec}`EXT-1.G1` and {spec}`EXT-1.G2`.\n"
    )
    (project / "reports.md").write_text("# Reports\n\n```{spec-table}\n```\n")
    app = build(project, specs_import=imports)
    found = import_warnings(app)
    assert len(found) == 1, found
    assert "'ok'" in found[0].message and "spec EXT-1" in found[0].message
    assert "javascript:alert(1)" in found[0].message and "shown unlinked" in found[0].message
    for page in Path(app.outdir).glob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        assert "javascript:" not in text and "data:text" not in text, page.name
    # the spec is still there, shown unlinked (as text) on the card, in the table and the role
    assert "EXT-1" in row(html(app, "restore"), "depends-on")
    assert "EXT-1" in html(app, "reports")
    assert load_json(app)["specs"]["EXT-1"]["url"] is None
    assert [w.subtype for w in specs_warnings(app)] == ["import"]


def test_a_scheme_relative_imported_url_is_an_https_link(project):
    # "//host/page" is the base's scheme on another host: an ordinary link, as an absolute
    # https URL would be; only the scheme decides what is unsafe.
    imports = _one_spec_import(project, {"url": "//other.example/ext.html"})
    app = build(project, specs_import=imports)
    assert import_warnings(app) == []
    assert load_json(app)["specs"]["EXT-1"]["url"] == "https://other.example/ext.html"


def test_the_domain_links_no_unsafe_url_of_an_external_spec(project):
    from docutils import nodes

    from sphinxcontrib_specs.core.model import SpecRecord
    from sphinxcontrib_specs.read.domain import get_domain

    app = build(project)
    domain = get_domain(app.env)
    spec = SpecRecord("EXT-9", "", None, "ext-9", external="x", url="javascript:alert(1)")
    domain.set_imports({"x": {"source": "x.json", "specs": [spec]}})
    assert domain.link("EXT-9", "backups", app.builder, nodes.Text("EXT-9")) is None
    spec = replace(spec, url="https://x.example/ext-9.html")
    domain.set_imports({"x": {"source": "x.json", "specs": [spec]}})
    ref = domain.link("EXT-9", "backups", app.builder, nodes.Text("EXT-9"))
    assert ref is not None and ref["refuri"] == spec.url


@pytest.mark.parametrize(
    ("spec", "name", "key"),
    [
        ({"title": 5}, "EXT-1", "title"),
        ({"status": 5}, "EXT-1", "status"),
        ({"created": 5}, "EXT-1", "created"),
        ({"created": "last week"}, "EXT-1", "created"),
        ({"authors": [1]}, "EXT-1", "authors"),
        ({"authors": "alice"}, "EXT-1", "authors"),
        ({"tags": [None]}, "EXT-1", "tags"),
        ({"links": {"depends_on": "SPEC-0001"}}, "EXT-1", "depends_on"),
        ({"items": {"G1": {"kind": "goal", "covers": "G1"}}}, "EXT-1", "items.G1.covers"),
        ({"items": {"G1": {"kind": "goal", "checked": "yes"}}}, "EXT-1", "items.G1.checked"),
        ({"items": {"G1": "a goal"}}, "EXT-1", "items.G1"),
        ({"items": {"G.1": {"kind": "goal"}}}, "EXT-1", "item ID 'G.1'"),
        ({"fields": []}, "EXT-1", "fields"),
        ({"issues": [{"text": 3}]}, "EXT-1", "issues.text"),
        ({"approvers": [{"name": "@a", "date": "soon"}]}, "EXT-1", "approvers"),
        ({}, "EXT.1", "spec ID 'EXT.1'"),
        ({}, "EXT 1", "spec ID 'EXT 1'"),
    ],
)
def test_a_value_of_the_wrong_type_is_one_warning(project, spec, name, key):
    imports = _one_spec_import(project, spec, name)
    app = build(project, specs_import=imports)  # no traceback
    found = import_warnings(app)
    assert len(found) == 1, found
    assert "'ok'" in found[0].message and key in found[0].message
    assert "left out (no copy from an earlier build)" in found[0].message
    assert (Path(app.outdir) / "reports.html").exists()
    assert "EXT-1" not in load_json(app)["specs"] and "PLAT-0007" in load_json(app)["specs"]


def test_a_malformed_source_keeps_the_cached_copy(project):
    imports = _one_spec_import(project, {})
    assert import_warnings(build(project, specs_import=imports)) == []
    _one_spec_import(project, {"title": 5})
    app = build(project, specs_import=imports)
    found = import_warnings(app)
    assert len(found) == 1 and "using the copy from the last build (1 specs)" in found[0].message
    assert load_json(app)["specs"]["EXT-1"]["title"] == "External"


def _needs_links(app, need: str, key: str) -> list[str]:
    data = json.loads((Path(app.outdir) / "needs.json").read_text(encoding="utf-8"))
    version = next(iter(data["versions"].values()))
    return version["needs"][need][key]


def test_sphinx_needs_keeps_links_to_a_local_spec_an_import_shadows(project):
    pytest.importorskip("sphinx_needs")
    imports = _one_spec_import(project, {})  # EXT-1, imported only
    other = json.loads((project / "ok.json").read_text())
    other["specs"]["SPEC-0002"] = dict(other["specs"]["EXT-1"], url="restore.html")
    (project / "ok.json").write_text(json.dumps(other))
    backups = project / "backups.md"
    backups.write_text(
        backups.read_text().replace(
            ":depends-on: PLAT-0007", ":depends-on: PLAT-0007, EXT-1\n:related: SPEC-0002"
        )
    )
    restore = project / "restore.md"
    aside = restore.read_text()
    restore.unlink()
    overrides = {
        "extensions": ["myst_parser", "sphinxcontrib_specs", "sphinx_needs"],
        "needs_build_json": True,
        "specs_import": imports,
    }
    # SPEC-0002 imported only: the links to imported specs are left out, none is dead
    first = build(project, **overrides)
    assert [w for w in warnings_of(first) if w.type == "needs"] == []
    assert _needs_links(first, "SPEC_0001", "related") == []
    assert _needs_links(first, "SPEC_0001", "depends_on") == []
    # a local SPEC-0002 shadows the import: backups.md is not read again, its link comes back
    restore.write_text(aside)
    second = build(project, **overrides)
    assert [w for w in warnings_of(second) if w.type == "needs"] == []
    assert _needs_links(second, "SPEC_0001", "related") == ["SPEC_0002"]
    assert _needs_links(second, "SPEC_0001", "depends_on") == []
    assert _needs_links(second, "SPEC_0001_D1", "covers") == ["SPEC_0001_G1"]
    # the same as a clean build
    clean = build(project, builddir=project / "_clean", **overrides)
    assert [w for w in warnings_of(clean) if w.type == "needs"] == []
    assert _needs_links(clean, "SPEC_0001", "related") == ["SPEC_0002"]
