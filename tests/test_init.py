"""``sphinx-specs init`` (issue 13): a generated folder in every shape through ``init`` then
``sphinx-build`` gives every spec with every field and leaves the files byte-identical; a folder
it cannot understand writes nothing; an empty folder gets a new site; nothing is overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_plain_shapes import SHAPES

from conftest import build, load_json, run_cli, specs_warnings


def init(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("init", *args)


def shapes_folder(root: Path, *, crlf: bool = False) -> dict[Path, bytes]:
    root.mkdir(parents=True)
    written = {}
    for name, text in SHAPES.items():
        data = ("\ufeff" + text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
        (root / name).write_bytes(data)
        written[root / name] = data
    return written


def test_init_then_build_reads_every_shape(tmp_path):
    folder = tmp_path / "adr"
    written = shapes_folder(folder, crlf=True)
    result = init(str(folder))
    assert result.returncode == 0, result.stderr
    assert f"{folder}: 9 specs (" in result.stdout
    assert "decision-makers -> authors" in result.stdout and "RFC PR -> issues" in result.stdout
    assert "statuses: Proposed (4), Accepted (2), Rejected (1), Superseded (1)" in result.stdout
    assert "1 spec(s) write no status: default_status Proposed" in result.stdout
    app = build(folder)
    assert [(w.where, w.message) for w in specs_warnings(app)] == []
    specs = load_json(app)["specs"]
    got = {
        k: (v["title"], v["status"], v["authors"], v["created"], [i["text"] for i in v["issues"]])
        for k, v in specs.items()
    }
    assert got == {
        "ADR-0001": (
            "Use YAML front matter for metadata",
            "Accepted",
            ["Ann Lee", "Bob Stone"],
            "2024-03-01",
            [],
        ),
        "ADR-0002": ("Plain bullets", "Proposed", [], "2014-03-11", ["acme/app#5"]),
        "ADR-0003": ("Bold, colon inside", "Rejected", ["Ann Lee"], None, []),
        "ADR-0004": ("Bold, colon outside", "Accepted", [], None, ["#12", "#13"]),
        "ADR-0005": ("A field list", "Proposed", ["Cy Young"], None, []),
        "ADR-0006": ("A table", "Superseded", ["Ann Lee"], "2023-05-06", []),
        "ADR-0007": ("RFC process", "Proposed", ["Bob Stone"], None, []),
        "ADR-0008": ("Empty values", "Proposed", [], None, []),
        "ADR-0009": ("No status written", "Proposed", ["Dee Dee"], None, []),
    }
    assert {path: path.read_bytes() for path in written} == written
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "specs-table" in index and "ADR-0009" in index


def test_init_on_a_folder_it_cannot_understand_writes_nothing(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\nJust prose.\n")
    (tmp_path / "todo.md").write_text("# Todo\n\n- milk\n- bread\n")
    result = init(str(tmp_path))
    assert result.returncode == 1
    assert "none of the 2 Markdown and reStructuredText files" in result.stdout
    assert "nothing written" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "todo.md"]


def test_dry_run_writes_nothing_and_existing_files_are_kept(tmp_path):
    folder = tmp_path / "adr"
    shapes_folder(folder)
    before = sorted(p.name for p in folder.iterdir())
    result = init("--dry-run", str(folder))
    assert result.returncode == 0 and "not written: --dry-run" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == before
    # the folder's own index page is kept; the specs index is another page, the root document
    (folder / "index.md").write_text("# Mine\n")
    result = init(str(folder))
    assert result.returncode == 0 and "index.md is the folder's own page: kept" in result.stdout
    assert (folder / "index.md").read_text() == "# Mine\n"
    assert "root_doc = 'specs-index'" in (folder / "conf.py").read_text()
    assert "spec-table" in (folder / "specs-index.md").read_text()
    # a second run knows its own conf.py from a Sphinx project's, and its own index page from
    # a spec: it writes nothing without --force, and with it the same two files again
    again = init(str(folder))
    assert again.returncode == 1 and "Add these lines" not in again.stdout
    assert again.stdout.splitlines()[-1] == (
        f"sphinx-specs init: {folder / 'conf.py'}, {folder / 'specs-index.md'} exists; "
        "nothing written (--force overwrites)"
    )
    assert "specs-index.md: not selected" not in again.stdout
    forced = init("--force", str(folder))
    assert forced.returncode == 0
    assert forced.stdout.splitlines()[-2:] == [
        f"wrote {folder / 'conf.py'}",
        f"wrote {folder / 'specs-index.md'}",
    ]
    assert (folder / "index.md").read_text() == "# Mine\n"  # the team's page, still
    assert "root_doc = 'specs-index'" in (folder / "conf.py").read_text()


def test_init_in_an_empty_folder_scaffolds_a_site_that_builds(tmp_path):
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    app = build(tmp_path)
    assert list(load_json(app)["specs"]) == ["SPEC-001"]


def new(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("new", *args)


GUIDE = """# How we write specs

A spec page opens with the spec directive:

````markdown
```{spec} SPEC-0099
:status: Draft
```
````
"""


def test_new_then_init_reads_the_directive_specs_as_written(tmp_path):
    """A first spec written with `new` before there is a site: `init` reads it as written (the
    spec directive, the built-in template it names), never as a plain spec of a template made
    from it; a directive shown in a code block is no spec. What init counts, the build reads."""
    first = new("Backup retention", "--dir", str(tmp_path), "--author", "Ann Lee")
    assert first.returncode == 0, first.stderr
    page = next(tmp_path.glob("spec-*.md"))
    assert ":template: proposal\n" in page.read_text()  # no conf.py: the template is named
    (tmp_path / "guide.md").write_text(GUIDE)
    # a README the site leaves out (init's exclude_patterns), a directive the build cannot read
    (tmp_path / "README.md").write_text("# Specs\n\n```{spec} SPEC-0100\n:status: Draft\n```\n")
    (tmp_path / "draft.md").write_text("# Draft\n\n:::{spec}\n:status: Draft\n:::\n")
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"{tmp_path}: 1 specs (1 spec directive), read as they are written, with the built-in "
        "templates\n"
    )
    assert "1 file(s) not read as specs:\n  draft.md: a spec directive without an ID\n" in (
        result.stdout
    )
    conf = (tmp_path / "conf.py").read_text()
    assert "specs_plain_markdown" not in conf and "specs_templates" not in conf
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert list(specs) == ["SPEC-0001"] and specs["SPEC-0001"]["template"] == "proposal"
    # what is left to do on the page is all the build says of it: the template's placeholders
    assert {(Path(w.file).name, w.subtype) for w in specs_warnings(app)} == {
        (page.name, "placeholder"),
        ("draft.md", "id"),
    }


def test_directive_pages_the_build_would_not_read_make_no_site(tmp_path):
    """A README left out of the site and a directive without an ID: nothing the build reads."""
    (tmp_path / "README.md").write_text("# Specs\n\n```{spec} SPEC-0001\n:status: Draft\n```\n")
    (tmp_path / "x.md").write_text("# X\n\n:::{spec}\n:status: Draft\n:::\n")
    result = init(str(tmp_path))
    assert result.returncode == 1
    assert "nothing written\n1 file(s) not read as specs:\n" in result.stdout
    assert "  x.md: a spec directive without an ID\n" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "x.md"]


def test_a_directive_spec_in_a_folder_of_plain_specs_keeps_its_template(tmp_path):
    folder = tmp_path / "adr"
    shapes_folder(folder)
    written = new("Use a directive", "--dir", str(folder), "--id", "ADR-0042")
    assert written.returncode == 0, written.stderr
    result = init(str(folder))
    assert result.returncode == 0, result.stderr
    assert f"{folder}: 10 specs (" in result.stdout and "1 spec directive" in result.stdout
    app = build(folder)
    specs = load_json(app)["specs"]
    assert len(specs) == 10 and specs["ADR-0042"]["template"] == "proposal"
    # the folder's template (its statuses, its sections) is not the directive spec's
    page = folder / "adr-0042-use-a-directive.md"
    assert {w.subtype for w in specs_warnings(app) if Path(w.file) == page} == {"placeholder"}


def test_init_on_spec_folders_then_build_joins_their_pages(tmp_path):
    """Both layouts of spec folders: init counts their sub-pages' sections for the template and
    selects the sub-pages, and the build joins their items to the spec."""
    folder = tmp_path / "rfcs"
    body = "\n## Context\n\nWhy.\n\n## Definition of Done\n\n- [x] Merged\n"
    files = {
        "0001-cache.md": "# Cache\n\n- **Status:** Accepted\n- **Authors:** Ann Lee\n" + body,
        "0002-queues.md": "# Queues\n\n- **Status:** Proposed\n" + "\n## Context\n\nWhy.\n",
        "0002-queues/design.md": "# Decision\n\nRabbit.\n\n## Definition of Done\n\n- [ ] Ops\n",
        # a companion page named with its folder's number, metadata of its own (TensorFlow's
        # 20191203-x/20191203-cujs.md): a page of that spec, not the same ID twice
        "0002-queues/0002-load.md": "# Load figures\n\n- **Authors:** Bob Stone\n\n"
        "## Definition of Done\n\n- [x] Measured\n",
        "0003-backups/README.md": "# Backups\n\n- **Status:** Proposed\n\n## Context\n\nWhy.\n",
        "0003-backups/decision.md": "# Decision\n\nSnapshots.\n",
        "0004-tls.md": "# TLS\n\n- **Status:** Accepted\n\n## Context\n\nWhy.\n\n## Decision\n",
    }
    written = {}
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written[path] = path.read_bytes()
    result = init(str(folder))
    assert result.returncode == 0, result.stderr
    assert f"{folder}: 4 specs (" in result.stdout
    assert "pages of spec folders (part of their spec): 3" in result.stdout
    assert "not a spec" not in result.stdout and "not read as specs" not in result.stdout
    conf = (folder / "conf.py").read_text(encoding="utf-8")
    # Decision is in 3 of the 4 specs only when their sub-pages count (1 of 4 without)
    assert "{'title': 'Decision', 'required': False}" in conf
    assert "specs_plain_markdown = ['[0-9]*.md']" in conf
    app = build(folder)
    assert [(w.where, w.message) for w in specs_warnings(app)] == []
    specs = load_json(app)["specs"]
    assert {k: (v["title"], v["status"], v["progress"]) for k, v in specs.items()} == {
        "RFC-0001": ("Cache", "Accepted", {"done": 1, "total": 1}),
        "RFC-0002": ("Queues", "Proposed", {"done": 1, "total": 2}),
        "RFC-0003": ("Backups", "Proposed", {"done": 0, "total": 0}),
        "RFC-0004": ("TLS", "Accepted", {"done": 0, "total": 0}),
    }
    assert {path: path.read_bytes() for path in written} == written


def test_approvers_with_approval_dates_are_the_approvers_field(tmp_path):
    """A folder whose specs write approval dates (``@carol (2026-03-01)``) keeps ``Approvers``
    as the built-in approvers: approved with a date, requested without."""
    for n, approvers in ((1, "@carol (2026-03-01), @dan"), (2, "@erin")):
        (tmp_path / f"000{n}-x.md").write_text(
            f"# Spec {n}\n\n* Status: Accepted\n* Approvers: {approvers}\n\nText.\n", "utf-8"
        )
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Approvers -> approvers" in result.stdout
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert specs["SPEC-0001"]["approvers"] == [
        {"name": "@carol", "date": "2026-03-01"},
        {"name": "@dan", "date": None},
    ]


def test_init_and_the_build_read_a_wrapped_value_of_a_field_init_declares(tmp_path):
    """``Discussion at:`` becomes a field of init's own; one page wraps its value onto a second
    line. Init's study reads that page as the build does: a spec, its status counted, no
    ``!`` pattern for it, and the build warns of nothing."""
    pages = {
        "0001-alpha.md": "Status: Accepted\nAuthor: Ann Lee\nDiscussion at: https://x.org/1\n",
        "0002-beta.md": "Status: Implemented\nAuthor: Carol King\n"
        "Discussion at: https://x.org/2,\nhttps://x.org/4\n",
        "0003-gamma.md": "Status: Accepted\nAuthor: Bob Stone\nDiscussion at: https://x.org/3\n",
    }
    for name, lines in pages.items():
        title = name[5:-3].title()
        (tmp_path / name).write_text(f"# {title}\n\n{lines}\n## Summary\n\nText.\n", "utf-8")
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path}: 3 specs (" in result.stdout and "Implemented (1)" in result.stdout
    assert "!0002-beta.md" not in (tmp_path / "conf.py").read_text(encoding="utf-8")
    app = build(tmp_path)
    assert specs_warnings(app) == []
    beta = load_json(app)["specs"]["SPEC-0002"]
    assert beta["status"] == "Implemented" and beta["authors"] == ["Carol King"]


def test_init_with_no_folder_reads_the_current_one(tmp_path):
    """``sphinx-specs init`` alone is ``init .`` (it used to end in a traceback)."""
    shapes_folder(tmp_path / "adr")
    result = run_cli("init", "--dry-run", cwd=tmp_path / "adr")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'adr'}: 9 specs (")


def test_init_piped_to_a_reader_that_leaves_still_writes_its_files(tmp_path):
    """``sphinx-specs init DIR | head``: the reader may leave before init has written; init's
    files are its point, so they are written all the same, and nothing but its output is lost
    (no traceback, exit status 0). Here the reader is gone before init prints a line."""
    folder = tmp_path / "adr"
    shapes_folder(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinxcontrib_specs", "init", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader leaves at once
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0
    assert err == ""
    assert (folder / "conf.py").is_file() and (folder / "index.md").is_file()


def test_init_out_run_again_knows_its_own_index_page(tmp_path):
    """``init DIR --out CONF`` then again: the index page it wrote beside the specs is its own,
    not the team's (it took it for the team's and moved on to specs-index.md)."""
    folder, conf = tmp_path / "adr", tmp_path / "conf"
    shapes_folder(folder)
    assert init(str(folder), "--out", str(conf)).returncode == 0
    again = init(str(folder), "--out", str(conf))
    assert again.returncode == 1
    assert again.stdout.splitlines()[-1] == (
        f"sphinx-specs init: {conf / 'conf.py'}, {folder / 'index.md'} exists; nothing written "
        "(--force overwrites)"
    )
    assert not (folder / "specs-index.md").exists()


def test_the_summary_names_a_label_once_whatever_its_case(tmp_path):
    """Old files write ``Title:``, newer ones ``title:``: the build reads both, and the summary
    lists the label once, as the files first spell it."""
    for n, key in enumerate(["title", "title", "Title"], start=1):
        (tmp_path / f"eip-{n}.md").write_text(
            f"---\neip: {n}\n{key}: Spec {n}\nstatus: Final\ncreated: 2024-01-0{n}\n---\n\nBody.\n",
            encoding="utf-8",
        )
    result = init("--dry-run", str(tmp_path))
    assert result.returncode == 0, result.stderr
    (fields,) = [line for line in result.stdout.splitlines() if line.startswith("fields: ")]
    assert fields.count("-> title") == 1 and "title -> title" in fields


def test_a_questionnaires_choices_are_no_definition_of_done(tmp_path):
    """KEPs of the newer template answer the readiness questionnaire by ticking one choice under
    a question heading: init takes the signoff checklist for the Definition of Done, not the
    questionnaire, its sub-sections or the question (an unchosen "Other" is no open item)."""
    for n, status in ((1001, "implemented"), (1002, "implementable"), (1003, "implemented")):
        (tmp_path / f"{n}-feature.md").write_text(
            f"---\nkep-number: {n}\ntitle: Feature {n}\nstatus: {status}\n"
            "creation-date: 2024-01-02\n---\n\n"
            f"# KEP-{n}: Feature {n}\n\n## Release Signoff Checklist\n\n"
            "- [x] Enhancement issue in release milestone\n"
            "- [x] Design details are appropriately documented\n\n"
            "## Production Readiness Review Questionnaire\n\n"
            "### Feature Enablement and Rollback\n\n"
            "###### How can this feature be enabled / disabled in a live cluster?\n\n"
            "- [x] Feature gate (also fill in values in `kep.yaml`)\n- [ ] Other\n\n"
            "###### Does enabling the feature change any default behavior?\n\nNo.\n",
            encoding="utf-8",
        )
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert "'dod_sections': ['Release Signoff Checklist']" in conf
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert specs["KEP-1001"]["progress"] == {"done": 2, "total": 2}
    assert [w for w in specs_warnings(app) if w.subtype == "dod"] == []


def test_one_zero_padded_name_does_not_pad_every_id(tmp_path):
    """KEPs 19 to 1591, one of them in a folder named 0752-...: the IDs are KEP-19, KEP-752,
    as the files write them, not KEP-0019; a folder whose names are padded keeps its width."""
    for name in ("19-kubeadm", "24-apparmor", "266-cronjobs", "0752-endpointslices", "1591-surge"):
        number = int(name.split("-")[0])
        (tmp_path / f"{name}.md").write_text(
            f"# KEP-{number}: {name.split('-', 1)[1].title()}\n\n- Status: implemented\n",
            encoding="utf-8",
        )
    result = init("--dry-run", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert ", IDs KEP-{number}, " in result.stdout.splitlines()[0]
    padded = tmp_path / "padded"
    padded.mkdir()
    for number in (1, 2, 120, 450, 999, 1100):
        (padded / f"{number:03d}-x{number}.md").write_text(
            f"# X {number}\n\n- Status: Accepted\n", encoding="utf-8"
        )
    result = init("--dry-run", str(padded))
    assert "{number:03d}" in result.stdout.splitlines()[0], result.stdout


def test_the_id_prefix_from_the_parent_folder_when_the_folder_has_a_plain_name(tmp_path):
    """rust-lang/rfcs keeps its RFCs in ``rfcs/text/``: init run on ``text/`` names them RFC,
    as the clone's folder does, not TEXT."""
    text = tmp_path / "rfcs" / "text"
    text.mkdir(parents=True)
    for number in (2, 199, 1210):
        (text / f"{number:04d}-feature-{number}.md").write_text(
            f"- Feature Name: feature_{number}\n- Start Date: 2014-03-11\n\n# Summary\n\nText.\n",
            encoding="utf-8",
        )
    result = init("--dry-run", str(text))
    assert result.returncode == 0, result.stderr
    assert ", IDs RFC-{number:04d}, " in result.stdout.splitlines()[0], result.stdout


def test_a_template_with_metadata_and_no_number_is_left_out_for_that(tmp_path):
    """PEP 12's template ``pep-0012/pep-NNNN.rst`` has a whole header block of placeholders and
    no number: init leaves it out and says it has no number, not that it has no metadata."""
    for n in (1, 2, 3, 4):
        (tmp_path / f"pep-{n:04d}.rst").write_text(
            f"PEP: {n}\nTitle: Proposal {n}\nAuthor: Ann Lee\nStatus: Active\n"
            "Created: 05-Jul-2001\n\n\nAbstract\n========\n\nText.\n",
            encoding="utf-8",
        )
    (tmp_path / "pep-0012").mkdir()
    (tmp_path / "pep-0012" / "pep-NNNN.rst").write_text(
        "PEP: <REQUIRED: pep number>\nTitle: <REQUIRED: pep title>\n"
        "Status: <REQUIRED: Draft | Active>\n\n\nAbstract\n========\n\n[A description.]\n",
        encoding="utf-8",
    )
    result = init("--dry-run", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "  pep-0012/pep-NNNN.rst: not selected: no number in its name" in result.stdout


def test_numbered_pages_with_no_metadata_are_specs_when_specs_write_no_status(tmp_path):
    """Go's design docs: most write ``Author(s): ...`` under the H1, some only a bare name. No
    design writes a status, so the template gets a default one, and the build reads a numbered
    page with a title as a spec by it: init counts them too, instead of leaving them out."""
    for number, byline in (
        (11502, "Author(s): Ann Lee"),
        (12166, "Author(s): Bob Stone, Cy Young"),
        (14313, "Author(s): Dee Park"),
        (16339, "Author(s): Eve Moss"),
        (19113, "Robert Griesemer"),
        (25530, "Russ Cox\\\nFilippo Valsorda"),
    ):
        (tmp_path / f"{number}-design-{number}.md").write_text(
            f"# Proposal: Design {number}\n\n{byline}\n\nLast updated: 2019-01-01\n\n"
            f"Discussion at https://golang.org/issue/{number}.\n\n## Abstract\n\nText.\n",
            encoding="utf-8",
        )
    # an old draft in a folder of its own, named by its year: no design of the folder
    (tmp_path / "15292").mkdir()
    (tmp_path / "15292" / "2011-03-gen.md").write_text("# Generalized Types\n\nText.\n")
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    # a bare byline before the label lines is theirs (its names are the authors)
    assert ": 6 specs (6 label lines)" in result.stdout.splitlines()[0]
    conf = (tmp_path / "conf.py").read_text("utf-8")
    assert "specs_plain_markdown = ['[0-9]*.md', '!15292/2011-03-gen.md']" in conf
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert sorted(specs) == [f"SPEC-{n}" for n in (11502, 12166, 14313, 16339, 19113, 25530)]
    assert specs["SPEC-19113"]["title"] == "Proposal: Design 19113"
    assert specs["SPEC-25530"]["authors"] == ["Russ Cox", "Filippo Valsorda"]
    assert specs_warnings(app) == []


def test_a_status_in_parentheses_is_that_status(tmp_path):
    """TensorFlow RFCs write ``| Status | (Proposed) |`` beside ``| Status | Accepted |``: init's
    vocabulary has Proposed (not an empty status), and the build reads it without a warning; a
    template's choices left unfilled are no status."""
    statuses = (1, "Accepted"), (2, "Accepted"), (3, "(Proposed)"), (4, "(Proposed / Accepted)")
    for n, status in statuses:
        (tmp_path / f"2020010{n}-rfc-{n}.md").write_text(
            f"# RFC {n}\n\n| Status        | {status} |\n:-------------- |:---- |\n"
            f"| **Author(s)** | Ann Lee (ann@example.org) |\n| **Updated**   | 2020-01-0{n} |\n\n"
            "## Objective\n\nText.\n",
            encoding="utf-8",
        )
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "statuses: Accepted (2), Proposed (1)\n" in result.stdout
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert [specs[f"SPEC-2020010{n}"]["status"] for n in (1, 2, 3)] == [
        "Accepted",
        "Accepted",
        "Proposed",
    ]
    # the template's choices, left unfilled, are no status: a real finding
    (unfilled,) = specs_warnings(app)
    assert unfilled.file.endswith("20200104-rfc-4.md") and unfilled.subtype == "meta"
    assert "unknown status '(Proposed / Accepted)'" in unfilled.message


def test_links_to_pages_that_are_no_specs_and_plural_labels_are_fields_of_their_own(tmp_path):
    """Swift's ``Vision: [...](/visions/x.md)`` links a page that is no spec: a field shown as
    written, not ``related``; ``Bugs:`` in one file beside ``Bug:`` in others is a label of its
    own, not a typo to warn of."""
    pages = {
        "0001-one.md": "* Status: **Accepted**\n* Bug: [#1](https://x.org/1)\n",
        "0002-two.md": "* Status: **Accepted**\n* Previous Proposal: [XP-0001](0001-one.md)\n"
        "* Vision: [Concurrency](/visions/approachable-concurrency.md)\n"
        "* Bug: [#2](https://x.org/2)\n",
        "0003-three.md": "* Status: **Accepted**\n* Previous Proposal: [XP-0002](0002-two.md)\n"
        "* Vision: [Concurrency](/visions/approachable-concurrency.md)\n"
        "* Bugs: [#3](https://x.org/3), [#4](https://x.org/4)\n",
    }
    for name, bullets in pages.items():
        (tmp_path / name).write_text(f"# {name[5:-3].title()}\n\n{bullets}\nText.\n", "utf-8")
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    (fields,) = [line for line in result.stdout.splitlines() if line.startswith("fields: ")]
    assert "Previous Proposal -> related" in fields
    # a site-relative page is no web page: Vision is text; Bugs links web pages
    assert "Vision (shown as written)" in fields and "Bugs (links)" in fields
    app = build(tmp_path)
    assert load_json(app)["specs"]["SPEC-0003"]["links"]["related"] == ["SPEC-0002"]
    assert specs_warnings(app) == []


def test_the_site_init_writes_keeps_quotes_as_the_files_write_them(tmp_path):
    """GitHub shows ``Array's "best" -- friend`` as written; so do the site and specs.json that
    init's configuration gives (``smartquotes = False``), the page and its record alike."""
    for n, title in ((1, 'Array\'s "best" -- friend'), (2, "Don't **panic**")):
        (tmp_path / f"000{n}-x.md").write_text(f"# {title}\n\n- Status: Draft\n", "utf-8")
    assert init(str(tmp_path)).returncode == 0
    assert "smartquotes = False" in (tmp_path / "conf.py").read_text(encoding="utf-8")
    app = build(tmp_path)
    titles = sorted(s["title"] for s in load_json(app)["specs"].values())
    assert titles == ['Array\'s "best" -- friend', "Don't panic"]
    page = (app.outdir / "0001-x.html").read_text(encoding="utf-8")
    assert "<h1>Array's &quot;best&quot; -- friend<a" in page


def test_a_section_cased_two_ways_is_one_section(tmp_path):
    """KEPs write ``## Non-Goals`` and ``## Non-goals``: one section of the template, in the
    spelling most specs use, not two."""
    for n, non_goals in ((1, "Non-Goals"), (2, "Non-Goals"), (3, "Non-goals"), (4, "Non-Goals")):
        (tmp_path / f"000{n}-kep-{n}.md").write_text(
            f"# KEP {n}\n\n- Status: Implemented\n\n## Goals\n\n- Fast\n\n## {non_goals}\n\n"
            "- Slow\n\n## Design\n\nText.\n",
            encoding="utf-8",
        )
    result = init(str(tmp_path))
    assert result.returncode == 0, result.stderr
    conf = (tmp_path / "conf.py").read_text("utf-8")
    assert "'Non-Goals'" in conf and "Non-goals" not in conf
    app = build(tmp_path)
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    assert [i["kind"] for i in specs["SPEC-0003"]["items"].values()] == ["goal", "non-goal"]
