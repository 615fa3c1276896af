"""Spec folders (issue 13): a spec may be a folder (``0042-backups/README.md`` with sub-pages
beside it) or a file with a folder of the same name (``0043-restore.md`` and ``0043-restore/``).
The sub-pages' items and sections belong to the spec; they carry no card. Also the values of
plain specs: ``superseded by X``, ``issue`` / ``link`` fields, authors with a mail address, and
reStructuredText bibliographic fields."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from conftest import body_html, build, copy_root, load_json, specs_warnings
from sphinxcontrib_specs.read.domain import get_domain


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    src = copy_root("spec-folders", tmp_path_factory.mktemp("folders"))
    written = {p: p.read_bytes() for p in src.rglob("*.md")}
    return build(src), written


def pages(app) -> dict[str, str]:
    """Every page's main content and specs.json, by path (sub-folders too)."""
    out = Path(app.outdir)
    result = {p.relative_to(out).as_posix(): body_html(p) for p in sorted(out.rglob("*.html"))}
    result["specs.json"] = (out / "specs.json").read_text(encoding="utf-8")
    return result


def page(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def test_both_layouts_join_their_sub_pages(folders):
    app, _ = folders
    specs = load_json(app)["specs"]
    assert set(specs) == {"SPEC-0042", "SPEC-0043"}
    backups, restore = specs["SPEC-0042"], specs["SPEC-0043"]
    # README.md with sub-pages beside it: the design page's DoD item counts
    assert backups["progress"] == {"done": 2, "total": 3}
    assert backups["items"]["design-D1"]["url"] == "specs/0042-backups/design.html#design-d1"
    assert backups["items"]["design-D1"]["covers"] == ["SPEC-0042.G1"]
    assert {"Alternatives Considered", "Proposed Solution"} <= set(backups["sections"])
    # a link to a sub-page's file names the folder's spec (resolved by the index)
    assert backups["links"]["related"] == ["SPEC-0043"]
    assert restore["links"]["related"] == ["SPEC-0042"]
    # a file with a folder of the same name: its sub-pages' items count too
    assert restore["progress"] == {"done": 1, "total": 3}
    assert set(restore["items"]) == {"G1", "D1", "design-D1", "design-D2"}
    assert restore["items"]["design-D2"]["covers"] == ["SPEC-0042.G1"]


def test_a_required_section_in_a_sub_page_satisfies_the_check(folders):
    """ "Proposed Solution / Design" lives in design.md of both specs: no specs.section warning,
    and the translation's metadata-like line (fr.md) makes no spec of its own."""
    app, _ = folders
    assert [(w.where, w.message) for w in specs_warnings(app)] == []


def test_sub_pages_have_no_card_and_the_spec_card_counts_them(folders):
    app, _ = folders
    for docname in ("specs/0042-backups/design", "specs/0043-restore/fr"):
        assert "specs-card" not in page(app, docname), docname
    readme = page(app, "specs/0042-backups/README")
    assert 'aria-valuenow="2"' in readme and 'aria-valuemax="3"' in readme
    # the relative {covers} on the sub-page links to the spec's goal on the README page
    design = page(app, "specs/0042-backups/design")
    assert 'href="README.html#spec-0042-g1"' in design
    assert '<span class="specs-item-id no-search">design-D1</span>' in design


def test_sub_page_items_are_in_the_matrix(folders):
    app, _ = folders
    index = page(app, "index")
    assert "design-D1" in index and "design-D2" in index
    assert 'href="specs/0043-restore/design.html#design-d2"' in index


def test_spec_files_are_left_byte_identical(folders):
    _, written = folders
    assert {p: p.read_bytes() for p in written} == written


def test_a_required_section_missing_from_every_page_is_reported(tmp_path):
    src = copy_root("spec-folders", tmp_path)
    (src / "specs" / "0042-backups" / "design.md").unlink()
    app = build(src)
    assert [(w.where, w.message) for w in specs_warnings(app)] == [
        (
            ("README.md", 3, "section"),
            "spec SPEC-0042 lacks the section 'Proposed Solution / Design' that the proposal "
            "template requires",
        )
    ]


def test_an_item_id_given_on_two_pages_is_reported(tmp_path):
    src = copy_root("spec-folders", tmp_path)
    design = src / "specs" / "0042-backups" / "design.md"
    design.write_text(design.read_text().replace("Snapshot job merged", "{#D1} Snapshot job"))
    app = build(src)
    (warning,) = specs_warnings(app)
    assert warning.where == ("design.md", 7, "id")
    assert "SPEC-0042.D1 is also given on specs/0042-backups/README" in warning.message


def test_editing_a_sub_page_equals_a_clean_build(tmp_path):
    src = copy_root("spec-folders", tmp_path)
    first = build(src)
    assert 'aria-valuenow="2"' in page(first, "specs/0042-backups/README")
    design = src / "specs" / "0042-backups" / "design.md"
    design.write_text(design.read_text() + "- [x] Off-site copy\n")
    incremental = build(src)
    readme = page(incremental, "specs/0042-backups/README")
    assert 'aria-valuenow="3"' in readme and 'aria-valuemax="4"' in readme
    # a new sub-page counts too, and a deleted one no longer does
    (src / "specs" / "0043-restore" / "ops.md").write_text("# Definition of Done\n\n- [ ] Pager\n")
    (src / "specs" / "0042-backups" / "alternatives.md").unlink()
    incremental = build(src)
    assert load_json(incremental)["specs"]["SPEC-0043"]["progress"] == {"done": 1, "total": 4}
    assert "Alternatives Considered" not in load_json(incremental)["specs"]["SPEC-0042"]["sections"]
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean, after = pages(build(clean_src)), pages(incremental)
    # Sphinx leaves the output of a deleted page in place; every other page is the same
    assert set(after) - set(clean) == {"specs/0042-backups/alternatives.html"}
    assert {k: v for k, v in after.items() if k in clean} == clean


def same_as_clean(src: Path, incremental, deleted: set[str] = frozenset()) -> None:
    """The incremental build's pages and specs.json equal a clean build of the same sources
    (Sphinx leaves the output of a deleted page in place)."""
    clean_src = src.parent / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean, after = pages(build(clean_src)), pages(incremental)
    assert set(after) - set(clean) == deleted
    for name in clean:
        assert after[name] == clean[name], f"{name} differs from a clean build"


def read_pages(src: Path, step) -> set[str]:
    """The pages the build after ``step()`` read again (their doctree was written)."""
    import time

    doctrees = src / "_build" / "doctrees"
    before = {p: p.stat().st_mtime_ns for p in doctrees.rglob("*.doctree")}
    time.sleep(0.01)
    step()
    after = {p: p.stat().st_mtime_ns for p in doctrees.rglob("*.doctree")}
    return {
        p.relative_to(doctrees).with_suffix("").as_posix()
        for p in after
        if after[p] != before.get(p)
    }


@pytest.mark.parametrize(
    "main", ["specs/0043-restore.md", "specs/0042-backups/README.md"], ids=["file", "readme"]
)
def test_adding_a_folders_main_page_equals_a_clean_build(tmp_path, main):
    """Whether a page is a sub-page depends on its folder's main page: adding that page makes
    Sphinx read the folder's other pages again (issue: a stale SPEC-0043 without design-D1)."""
    src = copy_root("spec-folders", tmp_path / "src")
    text = (src / main).read_bytes()
    (src / main).unlink()
    build(src)
    (src / main).write_bytes(text)
    apps = []
    read = read_pages(src, lambda: apps.append(build(src)))
    folder = main.removesuffix(".md").removesuffix("/README")
    assert {f"{folder}/design", main.removesuffix(".md")} <= read
    specs = load_json(apps[0])["specs"]
    if main == "specs/0043-restore.md":
        assert set(specs["SPEC-0043"]["items"]) == {"G1", "D1", "design-D1", "design-D2"}
        assert specs["SPEC-0042"]["links"]["related"] == ["SPEC-0043"]
    else:
        assert set(specs["SPEC-0042"]["items"]) >= {"G1", "design-D1"}
    assert [(w.where, w.message) for w in specs_warnings(apps[0])] == []
    same_as_clean(src, apps[0])
    # an unchanged rebuild reads nothing
    assert read_pages(src, lambda: build(src)) == set()


def test_removing_a_folders_main_page_equals_a_clean_build(tmp_path):
    src = copy_root("spec-folders", tmp_path / "src")
    build(src)
    (src / "specs" / "0043-restore.md").unlink()
    apps = []
    read = read_pages(src, lambda: apps.append(build(src)))
    assert {"specs/0043-restore/design", "specs/0043-restore/fr"} <= read
    assert "SPEC-0043" not in load_json(apps[0])["specs"]
    same_as_clean(src, apps[0], deleted={"specs/0043-restore.html"})
    assert read_pages(src, lambda: build(src)) == set()


def test_parallel_build_equals_serial_build(tmp_path):
    serial = build(copy_root("spec-folders", tmp_path / "a"))
    parallel = build(copy_root("spec-folders", tmp_path / "b"), parallel=2)
    assert pages(serial) == pages(parallel)


# -- values ----------------------------------------------------------------------------------------


def test_an_author_with_a_mail_address_is_a_mailto_link(folders):
    app, _ = folders
    readme = page(app, "specs/0042-backups/README")
    match = re.search(
        r'<a class="specs-author specs-author-email[^"]*" href="([^"]+)">([^<]+)</a>', readme
    )
    assert match is not None
    href = html.unescape(match.group(1))
    assert href.replace("%40", "@") == "mailto:ann@example.org" and match.group(2) == "Ann Lee"


VALUES_CONF = """\
extensions = ["myst_parser", "sphinxcontrib_specs"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
specs_plain_markdown = ["adr/*.md", "adr/*.rst"]
specs_default_repo = "acme/app"
specs_fields = [
    {"name": "tracking", "type": "issue", "label": "Tracking"},
    {"name": "discussion", "type": "link", "label": "Discussion"},
]
specs_templates = {
    "adr": {
        "statuses": ["Proposed", "Accepted", "Superseded"],
        "superseded": ["Superseded"],
        "sections": ["Context"],
    },
}
"""


@pytest.fixture(scope="module")
def values(tmp_path_factory):
    root = tmp_path_factory.mktemp("values")
    (root / "conf.py").write_text(VALUES_CONF)
    (root / "index.md").write_text("# ADRs\n\n```{toctree}\n:glob:\nadr/*\n```\n")
    adr = root / "adr"
    adr.mkdir()
    (adr / "0001-old.md").write_text(
        "# Old\n\n- **Status:** superseded by [the new one](0003-new.md)\n"
        "- **Tracking:** GH-7, acme/other#8\n"
        "- **Discussion:** [forum](https://forum.example.org/t/1), javascript:alert(1)\n"
        "\n## Context\n\nWhy.\n"
    )
    (adr / "0002-older.md").write_text(
        "# Older\n\n- Status: Superseded by SPEC-003\n"
        '- Authors: Eve & "Co" <eve@example.org>, <b>Mal</b> <mal@example.org>\n'
        "\n## Context\n\nWhy.\n"
    )
    (adr / "0003-new.md").write_text("# New\n\n- Status: Accepted\n\n## Context\n\nWhy.\n")
    (adr / "0004-docinfo.rst").write_text(
        ":Status: Proposed\n:Authors: Ann Lee; Bob Stone\n:Date: 2024-02-03\n:Team: Storage\n\n"
        "Docinfo fields\n==============\n\nContext\n-------\n\nWhy.\n"
    )
    (adr / "directive.md").write_text(
        "# A directive spec\n\n```{spec} DIR-1\n:status: Accepted\n:template: adr\n"
        ":authors: Dee Dee <dee@example.org>, @carol\n```\n\n## Context\n\nWhy.\n"
    )
    (adr / "0005-fields.rst").write_text(
        "Field list under the title\n==========================\n\n:Status: Accepted\n"
        ":Authors: Cy Young\n\nContext\n-------\n\nWhy.\n"
    )
    return build(root)


def test_superseded_by_sets_the_status_and_the_link_both_ways(values):
    specs = load_json(values)["specs"]
    assert specs["SPEC-001"]["status"] == "Superseded"
    assert specs["SPEC-002"]["status"] == "Superseded"
    assert specs["SPEC-003"]["links"]["supersedes"] == ["SPEC-001", "SPEC-002"]
    assert specs["SPEC-001"]["links"]["superseded_by"] == ["SPEC-003"]
    old = page(values, "adr/0001-old")
    assert "specs-banner-superseded" in old and 'href="0003-new.html#spec-003"' in old
    new = page(values, "adr/0003-new")
    assert 'href="0001-old.html#spec-001"' in new and 'href="0002-older.html#spec-002"' in new


def test_issue_and_link_fields_are_links_never_raw_markdown(values):
    import json

    import jsonschema

    from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH, load

    data = load_json(values)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    # the command line reads the fields back and filters on their text
    assert load(data).values("SPEC-001")["tracking"] == ["GH-7", "acme/other#8"]
    specs = data["specs"]
    fields = specs["SPEC-001"]["fields"]
    assert fields["tracking"] == [
        {"text": "GH-7", "url": "https://github.com/acme/app/issues/7"},
        {"text": "acme/other#8", "url": "https://github.com/acme/other/issues/8"},
    ]
    assert fields["discussion"] == [
        {"text": "forum", "url": "https://forum.example.org/t/1"},
        {"text": "javascript:alert(1)", "url": None},
    ]
    old = page(values, "adr/0001-old")
    assert 'href="https://github.com/acme/other/issues/8">acme/other#8</a>' in old
    assert 'href="https://forum.example.org/t/1">forum</a>' in old
    assert "[forum]" not in old and 'href="javascript' not in old
    warnings = [(w.where, w.message) for w in specs_warnings(values)]
    assert warnings == [
        (
            ("0001-old.md", 5, "meta"),  # the Discussion: bullet
            "the field :discussion: has 'javascript:alert(1)', which is no link; write "
            "[text](https://...) or an http(s) URL",
        )
    ]


def test_a_mail_author_name_is_escaped(values):
    older = page(values, "adr/0002-older")
    assert re.search(r'href="mailto:eve[^"]+">Eve &amp; \S*Co\S*</a>', older)
    # a name with markup in it is no mail link, and its markup is text
    assert "<b>Mal</b>" not in older and "&lt;b&gt;Mal&lt;/b&gt;" in older


def test_a_directive_spec_author_with_a_mail_address_is_a_mailto_link(values):
    directive = page(values, "adr/directive")
    match = re.search(
        r'class="specs-author specs-author-email[^"]*" href="([^"]+)">Dee Dee</a>', directive
    )
    assert match is not None
    assert html.unescape(match.group(1)).replace("%40", "@") == "mailto:dee@example.org"
    assert load_json(values)["specs"]["DIR-1"]["authors"] == ["Dee Dee <dee@example.org>", "@carol"]


def test_rst_bibliographic_fields_are_read_like_a_field_list(values):
    specs = load_json(values)["specs"]
    docinfo = specs["SPEC-004"]
    assert (docinfo["title"], docinfo["status"], docinfo["authors"], docinfo["created"]) == (
        "Docinfo fields",
        "Proposed",
        ["Ann Lee", "Bob Stone"],
        "2024-02-03",
    )
    assert docinfo["team"] == "Storage"
    fields = specs["SPEC-005"]
    assert (fields["title"], fields["status"], fields["authors"]) == (
        "Field list under the title",
        "Accepted",
        ["Cy Young"],
    )
    assert "specs-card" in page(values, "adr/0004-docinfo")


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "j2"])
def test_adding_a_folder_beside_a_spec_file_equals_a_clean_build(tmp_path, parallel):
    """A spec file's ``specs_folder`` mark depends on its folder existing: adding the folder's
    first sub-page reads the spec file again (its required sections are checked with them); a
    page whose spec link named a page that did not exist is read again when it is added. With
    ``-j 2`` every page is read in a worker process: the missing link the README's worker noted
    reaches the main process's domain (``merge_domaindata``), or the README is not read again."""
    src = copy_root("spec-folders", tmp_path / "src")
    folder = src / "specs" / "0043-restore"
    aside = tmp_path / "aside"
    shutil.move(folder, aside)
    first = build(src, parallel=parallel)
    assert first.parallel == parallel and first.is_parallel_allowed("read") is True
    assert get_domain(first.env).missing_links == {
        "specs/0042-backups/README": {"specs/0043-restore/design"}
    }
    shutil.move(aside, folder)
    apps = []
    read = read_pages(src, lambda: apps.append(build(src, parallel=parallel)))
    # and the README whose link named the missing design page: it names SPEC-0043 now
    assert {"specs/0043-restore", "specs/0042-backups/README"} <= read
    assert [(w.where, w.message) for w in specs_warnings(apps[0])] == []
    assert load_json(apps[0])["specs"]["SPEC-0042"]["links"]["related"] == ["SPEC-0043"]
    same_as_clean(src, apps[0])
    assert get_domain(apps[0].env).missing_links == {}
    assert read_pages(src, lambda: build(src, parallel=parallel)) == set()
