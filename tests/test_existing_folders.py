"""``sphinx-specs init`` alone, then the build, on folders written the way real public spec
folders are (``tests/roots/test-folder-*``: PEP-style header blocks in rST and Markdown,
KEP-style ``kep.yaml`` files, adr-tools records, numbered records with no metadata beside the
folder's own ``index.md`` or ``conf.py``, EIP-style front matter, Swift-style bullets with
Markdown in their values and two numbering schemes). Each folder's ``expected.json`` was written
by reading its files, not by this code: every spec with its ID, title, status, authors, dates
and links right, the planted findings warned at their lines and nothing else, the files
unchanged, and the number ``init`` prints the number the build reads."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from test_init import init

from conftest import REPO, build, load_json, specs_warnings, warnings_of, wrong_specs
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH, load

ROOTS = REPO / "tests" / "roots"
FOLDERS = [
    "header",
    "sidecar",
    "adr",
    "numbered",
    "numbered-conf",
    "frontmatter",
    "bullets",
    "designs",
]
FIELDS = ("title", "status", "status_note", "authors", "created", "updated")
LINKS = ("supersedes", "superseded_by", "depends_on", "related")


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_with_conf_dir(src: Path, conf_dir: Path, out: Path) -> SimpleNamespace:
    """``sphinx-build -c CONF_DIR SRC OUT``: the conf.py ``init --out`` wrote, as written."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warning = StringIO()
    with patch_docutils(conf_dir), docutils_namespace():
        app = Sphinx(src, conf_dir, out / "html", out / "doctrees", "html", StringIO(), warning)
        app.build()
    return SimpleNamespace(outdir=Path(app.outdir), warning=warning)


def initialized(tmp_path: Path, name: str) -> tuple[Path, Path | None, dict, str]:
    src = tmp_path / name
    shutil.copytree(ROOTS / f"test-folder-{name}", src)
    expected = json.loads((src / "expected.json").read_text(encoding="utf-8"))
    (src / "expected.json").unlink()
    before = hashes(src)
    conf_dir = tmp_path / "conf" if (src / "conf.py").exists() else None
    result = init(str(src), *(["--out", str(conf_dir)] if conf_dir else []))
    assert result.returncode == 0, result.stdout + result.stderr
    after = hashes(src)
    # the team's files are unchanged; init only adds its own
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) <= {"conf.py", "index.md", "specs-index.md"}
    return src, conf_dir, expected, result.stdout


@pytest.mark.parametrize("name", FOLDERS)
def test_init_alone_then_the_build_reads_every_spec_right(tmp_path, name):
    src, conf_dir, expected, out = initialized(tmp_path, name)
    app = build(src) if conf_dir is None else build_with_conf_dir(src, conf_dir, tmp_path / "out")
    specs = load_json(app)["specs"]
    wrong = wrong_specs(specs, expected, FIELDS, LINKS)
    assert wrong == []
    assert sorted(specs) == sorted(expected["specs"])
    # what init counted is what the build read
    counted = re.search(r": (\d+) specs \(", out)
    assert counted is not None and int(counted.group(1)) == len(specs), out
    # the planted findings, at their lines, and no other specs warning
    found = sorted(
        (w.file.replace(str(src) + "/", ""), w.line, w.subtype) for w in specs_warnings(app)
    )
    planted = sorted((f["file"], f["line"], f["subtype"]) for f in expected["findings"])
    assert found == planted
    # nor any other (links to headings as GitHub writes them resolve, pseudo-code is no
    # warning), but MyST's for a link to a folder (GitHub lists it; a site has no such page)
    others = [
        w
        for w in warnings_of(app)
        if w.type != "specs" and not (w.subtype == "xref_missing" and "/'" in w.message)
    ]
    assert others == []


def test_init_summary_names_what_it_found(tmp_path):
    _, _, _, out = initialized(tmp_path, "header")
    lines = out.splitlines()
    summary = r".*: 13 specs \(13 header block\), IDs PEP-\{number:04d\}, 7 statuses, dates"
    assert re.match(summary + r" DD-Mon-YYYY$", lines[0])
    assert "PEP -> the ID" in out and "Superseded-By -> superseded-by" in out
    assert "pep-0000.rst: not selected: no metadata" in out
    assert max(len(line) for line in lines) < 400
    conf = (tmp_path / "header" / "conf.py").read_text(encoding="utf-8")
    assert "'!pep-0000.rst'" in conf and "'pep-*.rst'" in conf and "'pep-*.md'" in conf


def test_init_summary_names_each_prefix_the_ids_have(tmp_path):
    """A subfolder whose files name their own prefix (XT): the summary says so, beside the
    pattern that numbers the others; one prefix is the pattern alone."""
    _, _, _, out = initialized(tmp_path, "bullets")
    assert ", IDs XP-{number:04d} (as read: 10 XP, 4 XT), 5 statuses" in out.splitlines()[0]
    _, _, _, out = initialized(tmp_path, "header")
    assert "IDs PEP-{number:04d}, " in out and "as read" not in out


def test_init_summary_lists_the_templates_sections(tmp_path):
    """The summary's sections are those of the template it writes: an ADR's Status section
    holds metadata and is none of them."""
    src, _, _, out = initialized(tmp_path, "adr")
    assert "metadata sections: Status" in out
    (sections,) = [line for line in out.splitlines() if line.startswith("sections: ")]
    assert "Status" not in sections.split(": ", 1)[1].split(", ")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    for title in sections.split(": ", 1)[1].split(", "):
        assert f"'{title.removesuffix(' (optional)')}'" in conf


def test_an_existing_index_page_is_kept_and_conf_py_left_alone(tmp_path):
    src, _, _, out = initialized(tmp_path, "numbered")
    assert "index.md is the folder's own page: kept" in out
    # no label maps to a field: the summary says where the ID and title come from
    no_fields = "each ID from its file's or folder's number, each title from its first heading"
    assert f"fields: none ({no_fields})" in out
    assert "root_doc = 'specs-index'" in (src / "conf.py").read_text(encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(ROOTS / "test-folder-numbered-conf", other)
    (other / "expected.json").unlink()
    before = hashes(other)
    result = init(str(other))
    assert result.returncode == 0 and "conf.py exists: not changed" in result.stdout
    assert "specs_plain_markdown = ['decisions/[0-9]*.md']" in result.stdout
    assert hashes(other) == before


def test_a_changed_metadata_file_reads_its_page_again(tmp_path):
    """A kep.yaml is a dependency of its page: the incremental build equals a clean one."""
    src, _, _, _ = initialized(tmp_path, "sidecar")
    first = build(src)
    assert load_json(first)["specs"]["KEP-1495"]["status"] == "Implementable"
    kep = src / "keps" / "sig-storage" / "1495-volume-populators" / "kep.yaml"
    kep.write_text(kep.read_text(encoding="utf-8").replace("implementable", "implemented"))
    again = build(src)
    clean = build(src, builddir=tmp_path / "clean")
    assert load_json(again)["specs"]["KEP-1495"]["status"] == "Implemented"
    assert load_json(again) == load_json(clean)


def test_a_metadata_file_added_later_reads_its_page_again(tmp_path):
    """A page whose ``kep.yaml`` appears after it was read is read again (no dependency can
    name a file that does not exist yet)."""
    src, _, _, _ = initialized(tmp_path, "sidecar")
    folder = src / "keps" / "sig-storage" / "1495-volume-populators"
    kep = (folder / "kep.yaml").read_text(encoding="utf-8")
    (folder / "kep.yaml").unlink()
    first = build(src)
    assert load_json(first)["specs"].get("KEP-1495", {}).get("status") != "Implementable"
    (folder / "kep.yaml").write_text(kep, encoding="utf-8")
    again = build(src)
    clean = build(src, builddir=tmp_path / "clean")
    assert load_json(again)["specs"]["KEP-1495"]["status"] == "Implementable"
    assert load_json(again) == load_json(clean)


@pytest.mark.parametrize("name", ["header", "sidecar"])
def test_parallel_build_reads_the_same(tmp_path, name):
    """Header blocks (read at source-read) and metadata files in -j 2 workers: the same
    specs.json as -j 1."""
    src, _, _, _ = initialized(tmp_path, name)
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    assert load_json(parallel) == load_json(serial)
    assert [w.message for w in specs_warnings(parallel)] == [
        w.message for w in specs_warnings(serial)
    ]


def test_init_says_the_same_whatever_the_hash_seed(tmp_path):
    """Labels seen in as many files as each other keep the files' order, not a set's."""
    outputs = set()
    for seed in ("1", "2", "3"):
        src = tmp_path / seed / "folder"
        shutil.copytree(ROOTS / "test-folder-sidecar", src)
        result = subprocess.run(
            [sys.executable, "-m", "sphinxcontrib_specs", "init", "--dry-run", str(src)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=src,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout.replace(str(src), "SRC"))
    assert len(outputs) == 1


def test_front_matter_keys_most_specs_have_are_fields_of_their_own(tmp_path):
    """An EIP's ``type`` (in every file) names no field we know: init makes it a field shown
    as written, and the build shows it on the card and in specs.json."""
    src, _, _, out = initialized(tmp_path, "frontmatter")
    assert "type (shown as written)" in out
    app = build(src)
    specs = load_json(app)["specs"]
    assert specs["EIP-1"]["fields"].get("type") == "Meta"
    assert [w for w in warnings_of(app) if w.type == "specs" and "type" in w.message] == []


def test_links_to_the_repositorys_other_files_open_those_files(tmp_path):
    """``init`` run in the spec folder of a clone (``EIPS/``): every EIP's ``[CC0](../LICENSE.md)``
    and a link to the repository's README (outside the project, where GitHub finds them) open
    those files on the site, as MyST's links to other files do, instead of warning that no page
    is there. A link to a file that is not there still warns."""
    repo = tmp_path / "EIPs"
    shutil.copytree(ROOTS / "test-folder-frontmatter", repo)
    (repo / "expected.json").unlink()
    eip1 = repo / "EIPS" / "eip-1.md"
    text = eip1.read_text(encoding="utf-8")
    text = text.replace(
        "## Copyright", "See the [status terms](../README.md#status-terms).\n\n## Copyright"
    )
    eip1.write_text(text + "\nThe [old process](../PROCESS.md) is gone.\n", encoding="utf-8")
    # a page of the folder that is no spec links the repository's files too (Go's TEMPLATE.md)
    template = "# EIP template\n\nFill it in as [the README](../README.md) says.\n"
    (repo / "EIPS" / "TEMPLATE.md").write_text(template, encoding="utf-8")
    result = init(str(repo / "EIPS"))
    assert result.returncode == 0, result.stdout + result.stderr
    app = build(repo / "EIPS")
    missing = [
        (w.file.rsplit("/", 1)[-1], w.subtype) for w in warnings_of(app) if w.type != "specs"
    ]
    assert missing == [("eip-1.md", "xref_missing")]
    page = (app.outdir / "eip-1559.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="reference download internal" download="" href="([^"]+)">', page)
    assert link is not None and link.group(1).endswith("/LICENSE.md")
    assert (app.outdir / link.group(1)).read_text(encoding="utf-8").startswith("Creative Commons")
    readme = re.search(
        r'href="(_downloads/[^"]+/README\.md)"', (app.outdir / "eip-1.html").read_text("utf-8")
    )
    assert readme is not None and (app.outdir / readme.group(1)).is_file()
    template_page = (app.outdir / "TEMPLATE.html").read_text(encoding="utf-8")
    assert re.search(
        r'class="reference download internal" download="" href="[^"]+/README\.md"', template_page
    )


def test_a_page_added_after_init_that_is_no_spec_is_warned_with_what_it_lacks(tmp_path):
    """A "moved" stub added after ``init`` (one line, no front matter, no heading): the warning
    says what the page lacks, not that its name has no number (``eip-5267.md`` has one)."""
    src, _, _, _ = initialized(tmp_path, "frontmatter")
    stub = src / "EIPS" / "eip-5267.md"
    stub.write_text("This file was moved to https://example.org/ercs/erc-5267.md\n", "utf-8")
    app = build(src)
    (warning,) = [w for w in specs_warnings(app) if w.file.endswith("eip-5267.md")]
    assert (warning.line, warning.subtype) == (1, "meta")
    assert "no number in its name" not in warning.message
    assert "to be read by its name alone it has no heading to take a title from" in warning.message


def test_a_page_titled_by_its_metadata_is_titled_so_on_the_site(tmp_path):
    """A PEP has no H1: its title is the header block's. The page's title in the browser, the
    next and previous links and the search index is the spec's, not its first section's
    ("Introduction"); a page whose H1 is its title keeps it."""
    src, _, _, _ = initialized(tmp_path, "header")
    app = build(src)
    page = (app.outdir / "pep-0008.html").read_text(encoding="utf-8")
    assert "<title>PEP-0008: Style Guide for Library Code &#8212;" in page
    assert app.env.titles["pep-0008"].astext() == "PEP-0008: Style Guide for Library Code"
    # the page before it links to it by that title
    previous = (app.outdir / "pep-0001.html").read_text(encoding="utf-8")
    assert "PEP-0008: Style Guide for Library Code</a>" in previous
    sidecar, _, _, _ = initialized(tmp_path, "sidecar")
    kep = build(sidecar).env.titles["keps/sig-storage/1234-volume-snapshots/README"].astext()
    assert kep == "KEP-1234: Volume Snapshots"
    # an EIP's title is its front matter's; its first heading, "Simple Summary", is a section
    eips, _, _, _ = initialized(tmp_path, "frontmatter")
    eip = build(eips).env.titles["EIPS/eip-2930"].astext()
    assert eip == "EIP-2930: Optional access lists"


def test_links_from_the_repositorys_root_reach_their_page(tmp_path):
    """``init`` run in the clone's ``keps/`` folder: a link written from the repository's root,
    ``/keps/sig-storage/1495-.../README.md``, as GitHub reads it, goes to that KEP's page."""
    repo = tmp_path / "enhancements"
    shutil.copytree(ROOTS / "test-folder-sidecar", repo)
    (repo / "expected.json").unlink()
    result = init(str(repo / "keps"))
    assert result.returncode == 0, result.stdout + result.stderr
    app = build(repo / "keps")
    assert [
        w for w in warnings_of(app) if w.subtype == "xref_missing" and "1495" in w.message
    ] == []
    page = (app.outdir / "sig-storage" / "1234-volume-snapshots" / "README.html").read_text("utf-8")
    assert 'href="../1495-volume-populators/README.html"' in page


def test_a_file_left_out_of_the_site_is_not_published_by_a_link(tmp_path):
    """A spec links a draft inside the project that ``exclude_patterns`` leaves out, and has a
    link with no text to the repository's licence: the draft stays unpublished (the link warns,
    as MyST's does), the licence link shows its path."""
    repo = tmp_path / "EIPs"
    shutil.copytree(ROOTS / "test-folder-frontmatter", repo)
    (repo / "expected.json").unlink()
    folder = repo / "EIPS"
    (folder / "drafts").mkdir()
    (folder / "drafts" / "secret.md").write_text("# Secret\n", encoding="utf-8")
    eip = folder / "eip-20.md"
    eip.write_text(
        eip.read_text(encoding="utf-8")
        + "\nSee [the draft](drafts/secret.md) and [](../LICENSE.md).\n",
        encoding="utf-8",
    )
    assert init(str(folder)).returncode == 0
    conf = folder / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "exclude_patterns.append('drafts')\n")
    app = build(folder)
    missing = [w for w in warnings_of(app) if w.subtype == "xref_missing"]
    assert [w.file.rsplit("/", 1)[-1] for w in missing] == ["eip-20.md"]
    assert not list((app.outdir / "_downloads").rglob("secret.md"))
    page = (app.outdir / "eip-20.html").read_text(encoding="utf-8")
    licence = r'href="_downloads/[^"]+/LICENSE\.md"><code[^>]*><span class="pre">\.\./LICENSE\.md<'
    assert re.search(licence, page)


def test_a_byline_of_names_is_the_card_and_one_with_a_date_stays(tmp_path):
    """Go's designs name their authors in a byline under the title: its names are the card's
    authors and the byline stays on the page as written (the label lines after it are the
    card); a month, ``January 2011``, is the date ``2011-01``."""
    src, _, _, _ = initialized(tmp_path, "designs")
    app = build(src)
    notary = (app.outdir / "25530-notary.html").read_text(encoding="utf-8")
    body = notary[notary.index('<div class="body"') :]
    byline_then_card = r"<p>Russ Cox<br />\s*Filippo Valsorda</p>\s*<div class=\"specs-card"
    assert re.search(byline_then_card, body) and "Last updated" not in body
    toolchain = (app.outdir / "57001-gotoolchain.html").read_text(encoding="utf-8")
    assert re.search(r"<p>Russ Cox <br />\s*December 2022</p>", toolchain)
    assert 'class="specs-author">Russ Cox</span>' in toolchain
    generics = load_json(app)["specs"]["SPEC-15292"]
    # written as the months' first days, which date_precision says; read back, months
    assert (generics["created"], generics["updated"]) == ("2011-01-01", "2016-04-01")
    assert generics["date_precision"] == {"created": "month", "updated": "month"}
    assert load(load_json(app)).specs["SPEC-15292"].created == "2011-01"
    assert "<p>2011-01</p>" in (app.outdir / "15292-generics.html").read_text(encoding="utf-8")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(load_json(app), schema)


def test_labels_whose_values_are_web_links_are_link_fields(tmp_path):
    """A frequent label whose values mostly link web pages (``Implementation:``, ``Review:``,
    ``Decision Notes:``) is a ``link`` field: the card and specs.json keep each address, however
    the folder writes the links (several in brackets, one with a note after it, prose around
    one, text without one), and none of them is warned about."""
    src, _, _, _ = initialized(tmp_path, "bullets")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    assert "{'name': 'implementation', 'label': 'Implementation', 'type': 'link'}" in conf
    assert "{'name': 'review', 'label': 'Review', 'type': 'link'}" in conf
    app = build(src)
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    forum = "https://forums.xylo-lang.example/t/"
    assert specs["XP-0003"]["fields"]["review"] == [
        {"text": "pitch", "url": forum + "labeled-trailing-closures/880"},
        {"text": "review", "url": forum + "xp-0003-review/902"},
        {"text": "returned", "url": forum + "xp-0003-returned/951"},
    ]
    pull = "https://github.com/xylo-lang/xylo/pull/"
    assert specs["XP-0006"]["fields"]["implementation"] == [
        {"text": "xylo-lang/xylo#3187", "url": pull + "3187"},
        {"text": "xylo-lang/xylo#3342 (amendment)", "url": pull + "3342"},
    ]
    assert specs["XP-0007"]["fields"]["implementation"] == [
        {
            "text": "Available on main behind -enable-experimental-feature ResultBuilders",
            "url": None,
        }
    ]
    page = (app.outdir / "proposals" / "0002-remove-implicit-tuple-splat.html").read_text("utf-8")
    assert f'href="{forum}rejected-xp-0002/412">Rationale</a>' in page


def test_approvers_no_spec_dates_are_a_list_not_requests(tmp_path):
    """A KEP's ``approvers:`` names who approves; no spec of the folder gives an approval date.
    Init makes it a field shown as written: the card lists the names, never each "(requested)"
    (the built-in approvers' meaning of a name without a date)."""
    src, _, _, out = initialized(tmp_path, "sidecar")
    assert "approvers (shown as written)" in out
    app = build(src)
    entry = load_json(app)["specs"]["KEP-1591"]
    assert (entry["approvers"], entry["fields"]["approvers-field"]) == ([], "@tchen")
    page = (app.outdir / "keps/sig-apps/1591-daemonset-max-surge/README.html").read_text("utf-8")
    assert "(requested)" not in page and "specs-row-field-approvers-field" in page


def test_a_wrapped_label_line_and_prose_after_the_authors(tmp_path):
    """A label line's value wrapped onto the next line is read whole; prose after the people
    (``Jay Conrod based on discussion with ...``) is the authors' note, beside them on the
    card and in specs.json. A ``Note:`` paragraph further down stays prose."""
    src, _, _, _ = initialized(tmp_path, "designs")
    app = build(src)
    entry = load_json(app)["specs"]["SPEC-46136"]
    note = (
        "based on discussion with Daniel Martí, Paul Jolly, Roger Peppe, Bryan Mills, and others."
    )
    assert (entry["authors"], entry["authors_note"]) == (["Jay Conrod"], note)
    assert entry["updated"] == "2021-05-12"
    assert load(load_json(app)).specs["SPEC-46136"].authors_note == note
    assert "authors_note" not in load_json(app)["specs"]["SPEC-15292"]
    page = (app.outdir / "46136-vet-std-references.html").read_text(encoding="utf-8")
    assert f'Jay Conrod</span><span class="specs-authors-note"> ({note})</span>' in page
    body = page[page.index('<div class="body"') :]
    assert "Author(s)" not in body and "<p>Note: the check runs only for modules" in body
