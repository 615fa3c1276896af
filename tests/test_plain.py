"""Plain Markdown specs read from MyST's doctree, and ``sphinx-specs adopt`` through markdown-it
tokens: encodings and line endings, links to spec files, the project's conf.py."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, build, copy_root, load_json, specs_warnings, warnings_of
from conftest import run_cli as run


def resave(path: Path, *, bom: bool = False, crlf: bool = False) -> None:
    """Save ``path`` again with a UTF-8 byte-order mark and/or CRLF line endings."""
    text = path.read_text(encoding="utf-8")
    data = text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8")
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build(copy_root("plain", tmp_path_factory.mktemp("plain")))


@pytest.fixture(scope="module")
def links(tmp_path_factory):
    return build(copy_root("plain-links", tmp_path_factory.mktemp("links")))


# -- a byte order mark (and CRLF line ends) ----------------------------------------------------


def test_bom_and_crlf_specs_are_recorded_like_the_others(tmp_path, plain):
    src = copy_root("plain", tmp_path)
    resave(src / "specs" / "001-plugins.md", crlf=True)
    resave(src / "specs" / "002-search.md", bom=True)
    resave(src / "specs" / "003-untidy.md", bom=True, crlf=True)
    app = build(src)
    assert load_json(app)["specs"] == load_json(plain)["specs"]
    assert sorted(w.where for w in warnings_of(app)) == sorted(w.where for w in warnings_of(plain))
    html = (Path(app.outdir) / "specs" / "002-search.html").read_text()
    assert '<div class="specs-card specs-status-draft' in html and "**Status:**" not in html


# -- links to spec files -------------------------------------------------------------------------


def test_links_to_spec_files_are_links_to_their_specs(links):
    specs = load_json(links)["specs"]
    two = specs["SPEC-002"]["links"]
    # [001 — Modular core](001-plugins-architecture.md), [Backups](0042-backups/README.md)
    assert two["related"] == ["SPEC-001", "SPEC-042"]
    assert two["depends_on"] == ["SPEC-001"]  # ./001-plugins-architecture.md#summary
    assert specs["SPEC-042"]["links"]["supersedes"] == ["SPEC-001"]  # ../001-....md
    assert specs["SPEC-001"]["links"]["superseded_by"] == ["SPEC-042"]
    html = (Path(links.outdir) / "specs" / "002-search.html").read_text()
    assert 'href="001-plugins-architecture.html#spec-001"' in html
    assert 'href="0042-backups/README.html#spec-042"' in html


def test_a_link_to_a_page_without_spec_is_reported(links):
    refs = [w for w in warnings_of(links) if w.subtype == "ref"]
    assert [(w.where, w.message) for w in refs] == [
        (
            ("README.md", 7, "ref"),  # the Related specs: bullet
            "unknown spec in :related: of SPEC-042: no spec 'notes'",
        )
    ]


def test_a_changed_id_reaches_the_linking_spec(tmp_path):
    src = copy_root("plain-links", tmp_path)
    build(src)
    readme = src / "specs" / "0042-backups" / "README.md"
    readme.write_text(readme.read_text().replace("SPEC-042", "SPEC-043"))
    app = build(src)
    assert load_json(app)["specs"]["SPEC-002"]["links"]["related"] == ["SPEC-001", "SPEC-043"]
    assert [w.message for w in warnings_of(app) if w.subtype == "ref"] == [
        "unknown spec in :related: of SPEC-043: no spec 'notes'"
    ]


def test_a_linked_spec_edited_or_removed_reads_the_linking_spec_only_when_removed(tmp_path):
    """A plain spec's link to another spec's file is resolved by the index every build: an
    edit of the linked spec rewrites the linking page without reading it again; its removal
    reads it again, and both give what a clean build gives."""
    from test_spec_folders import read_pages, same_as_clean

    src = copy_root("plain-links", tmp_path / "src")
    build(src)
    core = src / "specs" / "001-plugins-architecture.md"
    core.write_text(core.read_text().replace("# ", "# Renamed: ", 1))
    apps: list = []
    assert "specs/002-search" not in read_pages(src, lambda: apps.append(build(src)))
    assert "Renamed:" in (Path(apps[-1].outdir) / "specs" / "002-search.html").read_text()
    same_as_clean(src, apps[-1])
    shutil.rmtree(src.parent / "clean")
    core.unlink()
    assert "specs/002-search" in read_pages(src, lambda: apps.append(build(src)))
    same_as_clean(src, apps[-1], deleted={"specs/001-plugins-architecture.html"})


# -- adopt -----------------------------------------------------------------------------------------


def test_adopt_reads_the_fields_of_conf_py(tmp_path, links):
    """A field declared in ``specs_fields`` becomes an option, as plain mode records it."""
    src = copy_root("plain-links", tmp_path)
    spec = src / "specs" / "001-plugins-architecture.md"
    out = run("adopt", "--stdout", str(spec))
    assert out.returncode == 0, out.stderr
    assert ":reviewers: @carol, @dan\n```\n" in out.stdout
    assert "Reviewers" not in out.stdout and "unknown metadata field" not in out.stderr
    # --conf-dir names another project: there Reviewers is no field
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text("project = 'other'\n")
    elsewhere = run("adopt", "--stdout", "--conf-dir", str(other), str(spec))
    assert "* **Reviewers:** @carol, @dan" in elsewhere.stdout
    assert "unknown metadata field **Reviewers:**" in elsewhere.stderr


def test_adopt_writes_link_fields_as_links_and_no_id_label(tmp_path):
    """A link field's links (as init types Swift's ``Implementation:``) are written back as
    Markdown links (it raised a TypeError), and the ID label (``Proposal:``, the ``id_field``)
    is the directive's argument, not an option ``:-special:``. The adopted page reads as the
    plain one did."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
        'specs_plain_markdown = ["[0-9]*.md"]\nspecs_plain_id = "SE-{number:04d}"\n'
        'specs_default_template = "swift"\nspecs_templates = {"swift": {"statuses": '
        '["Accepted", "Implemented"], "id_field": "Proposal", "sections": ["Introduction"]}}\n'
        'specs_fields = [{"name": "implementation", "label": "Implementation", "type": "link"},'
        ' {"name": "review", "label": "Review", "type": "link"}]\n'
    )
    (tmp_path / "index.md").write_text("# Specs\n\n```{toctree}\n:glob:\n0*\n```\n")
    spec = tmp_path / "0001-a.md"
    spec.write_text(
        "# Feature A\n\n* Proposal: [SE-0001](0001-a.md)\n* Status: Implemented\n"
        "* Implementation: [apple/swift#3809](https://github.com/apple/swift/pull/3809) (revert)\n"
        "* Review: ([pitch](https://forums.swift.org/t/1)) ([review](https://forums.swift.org/t/2))"
        ", [swift#1, #2](https://github.com/apple/swift/pull/1) (merged, then reverted), "
        "[wiki](https://en.wikipedia.org/wiki/Swift_(programming_language))"
        "\n\n## Introduction\n\nText.\n"
    )
    plain = load_json(build(tmp_path))["specs"]["SE-0001"]
    result = run("adopt", str(spec))
    assert result.returncode == 0, result.stderr
    text = spec.read_text()
    assert "```{spec} SE-0001\n:status: Implemented\n" in text and "special" not in text
    assert ':review: "[pitch](https://forums.swift.org/t/1), [review](' in text
    assert "[wiki](<https://en.wikipedia.org/wiki/Swift_(programming_language)>)" in text
    shutil.rmtree(tmp_path / "_build", ignore_errors=True)
    (tmp_path / "conf.py").write_text(
        (tmp_path / "conf.py").read_text().replace('specs_plain_markdown = ["[0-9]*.md"]', "")
    )
    app = build(tmp_path)
    assert specs_warnings(app) == []
    adopted = load_json(app)["specs"]["SE-0001"]
    assert adopted["fields"] == plain["fields"]
    assert adopted["fields"]["implementation"] == [
        {"text": "apple/swift#3809 (revert)", "url": "https://github.com/apple/swift/pull/3809"}
    ]


def test_adopt_writes_ids_for_links_to_spec_files(tmp_path, links):
    src = copy_root("plain-links", tmp_path)
    result = run("adopt", *(str(p) for p in sorted((src / "specs").rglob("*.md"))))
    assert result.returncode == 0, result.stderr
    text = (src / "specs" / "002-search.md").read_text()
    assert ":related: SPEC-001, SPEC-042\n:depends-on: SPEC-001\n" in text
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('specs_plain_markdown = "specs/*.md"', ""))
    adopted, plain_mode = load_json(build(src))["specs"], load_json(links)["specs"]
    # a link to a page that holds no spec is kept as written (the build reports it either way)
    assert adopted["SPEC-042"]["links"]["related"] == ["SPEC-002", "[notes](../../notes.md)"]
    assert plain_mode["SPEC-042"]["links"]["related"] == ["SPEC-002", "notes"]
    for specs in (adopted, plain_mode):
        del specs["SPEC-042"]["links"]["related"]
    assert adopted == plain_mode


def test_adopt_keeps_the_bom_and_crlf(tmp_path, plain):
    src = copy_root("plain", tmp_path)
    for path in (src / "specs").glob("*.md"):
        resave(path, bom=True, crlf=True)
    before = (src / "specs" / "001-plugins.md").read_bytes()
    result = run("adopt", *(str(p) for p in sorted((src / "specs").glob("*.md"))))
    assert result.returncode == 0, result.stderr
    after = (src / "specs" / "001-plugins.md").read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and after.count(codecs.BOM_UTF8) == 1
    assert after.count(b"\n") == after.count(b"\r\n") > before.count(b"\r\n")
    assert b"\r\n```{spec} SPEC-001\r\n:status: Under Review\r\n" in after
    # the prose lines are the same bytes
    assert b"\r\nThird parties extend the platform with plugins.\r\n" in after
    assert b"\r\n- [x] Loader merged\r\n" in after
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('specs_plain_markdown = "specs/*.md"', ""))
    assert load_json(build(src))["specs"] == load_json(plain)["specs"]


def test_adopt_of_a_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "001-bad.md"
    bad.write_bytes(b"# Bad\n\n* **Status:** Dr\xe4ft\n")
    result = run("adopt", str(bad))
    assert result.returncode == 2 and "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


NOT_APPLICABLE = """\
# Table export

* **Status:** Under Review

## 5. Definition of Done

- [x] Tests written
- [n/a] Docs (no user-facing change)
- [ ] Release notes
- `[N/A]` shown for empty cells
- [-] Migration guide
"""


def test_a_box_marked_not_applying_is_no_item_and_keeps_its_number(tmp_path):
    """KEPs write ``- [n/a]``: no item to do (an Implemented spec is not warned of it), and the
    items after it keep their IDs, so links to them hold when a box goes between [ ] and
    [n/a]. ``[N/A]`` in code is the item's own text."""
    shutil.copy(ROOTS / "test-plain" / "conf.py", tmp_path / "conf.py")
    (tmp_path / "index.md").write_text("# Specs\n\n```{toctree}\n:glob:\nspecs/*\n```\n")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "007-export.md").write_text(NOT_APPLICABLE, encoding="utf-8")
    app = build(tmp_path)
    items = load_json(app)["specs"]["SPEC-007"]["items"]
    assert {k: (v["text"], v["checked"]) for k, v in items.items()} == {
        "D1": ("Tests written", True),
        "D3": ("Release notes", False),
        "D4": ("[N/A] shown for empty cells", False),
    }
    html = (Path(app.outdir) / "specs" / "007-export.html").read_text(encoding="utf-8")
    assert "[n/a] Docs (no user-facing change)" in html and "[-] Migration guide" in html
