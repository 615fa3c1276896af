"""Plain specs in every metadata shape real folders have (issue 13): front matter, ``Field: value``
bullets bold or not, field lists, two-column tables, metadata above the first heading; values
that mean empty, statuses with more words, a template's aliases, default status, title and ID
fields. Each folder is generated here, built with Sphinx, and left byte-identical."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import build, load_json, specs_warnings, warnings_of

CONF = """\
project = "Shapes"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["fieldlist"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
specs_plain_markdown = "adr/*.md"
specs_default_repo = "acme/app"
specs_templates = {
    "adr": {
        "statuses": ["Proposed", "Accepted", "Rejected", "Superseded"],
        "superseded": ["Superseded"],
        "default_status": "Accepted",
        "aliases": {
            "created": ["Start Date"],
            "authors": ["Decision-makers", "Deciders"],
            "issues": ["RFC PR", "Tracking Issue"],
        },
        "sections": ["Context", "Decision"],
    },
}
"""

INDEX = "# Decisions\n\n```{toctree}\n:glob:\nadr/**\n```\n"

BODY = "\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n"

SHAPES = {
    "0001-front-matter.md": (
        "---\nstatus: accepted\ndate: 2024-03-01\ndecision-makers: [Ann Lee, Bob Stone]\n"
        "nav_order: 3\nparent: Decisions\n---\n# Use YAML front matter for metadata\n" + BODY
    ),
    "0002-plain-bullets.md": (
        "# Plain bullets\n\n- Status: Proposed\n- Start Date: 2014-03-11\n"
        "- Tracking issue #: https://github.com/acme/app/issues/5\n" + BODY
    ),
    "0003-bold-inside.md": (
        "# Bold, colon inside\n\n* **Status:** Rejected\n* **Deciders:** Ann Lee\n" + BODY
    ),
    "0004-bold-outside.md": (
        "# Bold, colon outside\n\n- **Status**: Accepted (2024-01-02)\n"
        "- **RFC PR**: [#12](https://github.com/acme/app/pull/12)\n"
        # a second label of the same list field adds to it (rust-lang/rfcs: RFC PR, Rust Issue)
        "- **Tracking Issue**: [#13](https://github.com/acme/app/issues/13)\n" + BODY
    ),
    "0005-field-list.md": "# A field list\n\n:Status: Proposed\n:Authors: Cy Young\n" + BODY,
    "0006-table.md": (
        "# A table\n\n| Status | Superseded |\n|---|---|\n| Authors | Ann Lee |\n"
        "| Created | 2023-05-06 |\n" + BODY
    ),
    # no H1: the title is the file's name, with the capitals the text gives its words
    "0007-rfc-process.md": (
        "- Status: Proposed\n- Authors: Bob Stone\n\n## Context\n\nThe RFC process: an RFC "
        "is merged once the process ends (see rfc-0001).\n\n## Decision\n\nWhat.\n"
    ),
    "0008-empty-values.md": (
        "# Empty values\n\n- **Status:** Proposed\n- **Authors:** N/A\n- **Created:** TBD\n"
        "- **Tracking Issue:** none\n- **Deciders:** -\n" + BODY
    ),
    "0009-no-status.md": "---\ndeciders: Dee Dee\n---\n# No status written\n" + BODY,
}

EXPECTED = {
    # id: (file, title, status, authors, created, issues)
    "SPEC-001": (
        "0001-front-matter",
        "Use YAML front matter for metadata",
        "Accepted",
        ["Ann Lee", "Bob Stone"],
        "2024-03-01",
        [],
    ),
    "SPEC-002": (
        "0002-plain-bullets",
        "Plain bullets",
        "Proposed",
        [],
        "2014-03-11",
        ["acme/app#5"],
    ),
    "SPEC-003": ("0003-bold-inside", "Bold, colon inside", "Rejected", ["Ann Lee"], None, []),
    "SPEC-004": ("0004-bold-outside", "Bold, colon outside", "Accepted", [], None, ["#12", "#13"]),
    "SPEC-005": ("0005-field-list", "A field list", "Proposed", ["Cy Young"], None, []),
    "SPEC-006": ("0006-table", "A table", "Superseded", ["Ann Lee"], "2023-05-06", []),
    "SPEC-007": ("0007-rfc-process", "RFC process", "Proposed", ["Bob Stone"], None, []),
    "SPEC-008": ("0008-empty-values", "Empty values", "Proposed", [], None, []),
    "SPEC-009": ("0009-no-status", "No status written", "Accepted", ["Dee Dee"], None, []),
}


def write_folder(root: Path, *, bom: bool = False, crlf: bool = False) -> dict[Path, bytes]:
    """The generated folder; returns each spec file's bytes, to compare after the build."""
    (root / "adr").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    written = {}
    for name, text in SHAPES.items():
        data = text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8")
        data = (codecs.BOM_UTF8 if bom else b"") + data
        (root / "adr" / name).write_bytes(data)
        written[root / "adr" / name] = data
    return written


@pytest.fixture(scope="module", params=["lf", "bom+crlf"])
def shapes(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"shapes-{request.param}")
    written = write_folder(root, bom=request.param != "lf", crlf=request.param != "lf")
    return build(root), written


def test_every_shape_is_recognized_with_every_field(shapes):
    app, _ = shapes
    specs = load_json(app)["specs"]
    got = {
        spec_id: (
            spec["docname"].removeprefix("adr/"),
            spec["title"],
            spec["status"],
            spec["authors"],
            spec["created"],
            [i["text"] if isinstance(i, dict) else i for i in spec["issues"]],
        )
        for spec_id, spec in specs.items()
    }
    assert got == EXPECTED


def test_no_warning_but_real_findings(shapes):
    app, _ = shapes
    assert [(w.where, w.message) for w in specs_warnings(app)] == []


def test_spec_files_are_byte_identical_after_the_build(shapes):
    _, written = shapes
    assert {path: path.read_bytes() for path in written} == written


def test_front_matter_keys_of_other_tools_are_not_shown(shapes):
    app, _ = shapes
    html = (Path(app.outdir) / "adr" / "0001-front-matter.html").read_text(encoding="utf-8")
    assert '<div class="specs-card specs-status-accepted' in html
    assert "nav_order" not in html and "specs-extra-fields" not in html


def test_metadata_lines_are_replaced_by_the_card(shapes):
    app, _ = shapes
    for name, status in (
        ("0002-plain-bullets", "Proposed"),
        ("0005-field-list", "Proposed"),
        ("0006-table", "Superseded"),
    ):
        html = (Path(app.outdir) / "adr" / f"{name}.html").read_text(encoding="utf-8")
        assert "specs-card" in html, name
        # the card is the page's one table; no metadata line is left as written
        assert html.count("<table") == 1 and "Start Date" not in html, name
        assert html.count(f">{status}<") == 1 and "Status:" not in html, name


def test_a_selected_page_that_is_not_read_is_reported_once(tmp_path):
    write_folder(tmp_path)
    (tmp_path / "adr" / "0010-notes.md").write_text("# Notes\n\n- Note: prose, not fields\n")
    (tmp_path / "adr" / "0011-other.md").write_text("---\nnav_order: 2\n---\n# Other\n\nText.\n")
    app = build(tmp_path)
    assert [(w.where, w.message[:60]) for w in specs_warnings(app)] == [
        (
            ("0010-notes.md", 1, "meta"),
            "adr/0010-notes.md is selected by specs_plain_markdown but is",
        ),
        (
            ("0011-other.md", 1, "meta"),
            "adr/0011-other.md is selected by specs_plain_markdown but is",
        ),
    ]
    assert set(load_json(app)["specs"]) == set(EXPECTED)


def test_unknown_field_warning_lists_the_accepted_labels(tmp_path):
    write_folder(tmp_path)
    (tmp_path / "adr" / "0012-odd.md").write_text(
        "# Odd\n\n- **Status:** Proposed\n- **Mood:** fine\n" + BODY
    )
    app = build(tmp_path)
    (warning,) = specs_warnings(app)
    assert warning.where == ("0012-odd.md", 4, "meta")
    assert "accepted labels:" in warning.message
    assert "decision makers" in warning.message and "start date" in warning.message


def test_an_unknown_field_of_a_field_list_or_table_is_shown_as_written(tmp_path):
    """A field or a table row whose label names no field becomes a bullet under the card, its
    value's Markdown kept (the bullet is made only for such an entry)."""
    write_folder(tmp_path)
    (tmp_path / "adr" / "0012-odd-fields.md").write_text(
        "# Odd fields\n\n:Status: Proposed\n:Mood: *fine*, [see](https://example.org)\n" + BODY
    )
    (tmp_path / "adr" / "0013-odd-table.md").write_text(
        "# Odd table\n\n| Status | Proposed |\n|---|---|\n| Weather | **sunny** |\n" + BODY
    )
    app = build(tmp_path)
    assert [w.where for w in specs_warnings(app)] == [
        ("0012-odd-fields.md", 4, "meta"),
        ("0013-odd-table.md", 3, "meta"),  # MyST gives a table's rows no line: the table's
    ]
    out = Path(app.outdir) / "adr"
    fields = (out / "0012-odd-fields.html").read_text(encoding="utf-8")
    assert (
        '<ul class="specs-extra-fields simple">\n<li><p><strong>Mood:</strong> <em>fine</em>, '
        '<a class="reference external" href="https://example.org">see</a></p></li>\n</ul>'
    ) in fields
    table = (out / "0013-odd-table.html").read_text(encoding="utf-8")
    assert (
        '<ul class="specs-extra-fields simple">\n<li><p><strong>Weather:</strong> '
        "<strong>sunny</strong></p></li>\n</ul>"
    ) in table
    assert "Status:" not in fields + table and fields.count("specs-extra-fields") == 1


# -- a template's title and ID fields, a spec's folder number ---------------------------------

PEP_CONF = """\
extensions = ["myst_parser", "sphinxcontrib_specs"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
specs_plain_markdown = "peps/**.md"
specs_templates = {
    "pep": {
        "statuses": ["Draft", "Final"],
        "id_field": "PEP",
        "title_field": "Title",
        "aliases": {"authors": ["Author"]},
        "sections": ["Abstract"],
    },
}
"""


def test_title_and_id_from_the_template_fields_and_the_folder(tmp_path):
    (tmp_path / "conf.py").write_text(PEP_CONF)
    (tmp_path / "index.md").write_text("# PEPs\n\n```{toctree}\n:glob:\npeps/**\n```\n")
    peps = tmp_path / "peps"
    (peps / "0042-backups").mkdir(parents=True)
    (peps / "pep-style.md").write_text(
        "- PEP: 8\n- Title: Style Guide for Python Code\n- Status: Final\n- Author: Guido\n"
        "\n## Abstract\n\nStyle.\n"
    )
    (peps / "0042-backups" / "README.md").write_text(
        "---\nstatus: Draft\n---\n# Backups\n\n## Abstract\n\nCopies.\n"
    )
    app = build(tmp_path)
    assert [w.where for w in specs_warnings(app)] == []
    specs = load_json(app)["specs"]
    assert {k: (v["title"], v["status"], v["authors"]) for k, v in specs.items()} == {
        "SPEC-008": ("Style Guide for Python Code", "Final", ["Guido"]),
        "SPEC-042": ("Backups", "Draft", []),
    }


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"statuses": ["A"], "default_status": "B"}, "'B' is not one of its statuses"),
        ({"statuses": ["A"], "superseded": ["C"]}, "'C' is not one of its statuses"),
        ({"statuses": ["A"], "aliases": ["x"]}, "aliases must be a dict"),
        ({"statuses": ["A"], "title_field": 3}, "title_field must be a string"),
    ],
)
def test_bad_plain_template_keys_are_config_warnings(tmp_path, entry, message):
    write_folder(tmp_path)
    app = build(tmp_path, specs_templates={"adr": entry})
    config = [w for w in specs_warnings(app) if w.subtype == "config"]
    assert len(config) == 1 and message in config[0].message, config


def test_lists_are_items_only_where_the_template_says(tmp_path):
    """The adr template's sections hold no items: its Goals and Definition of Done lists are
    prose (a matrix of 0% would fail a --fail-under gate for nothing); the proposal's are items."""
    write_folder(tmp_path)
    lists = "\n## Goals & Non-Goals\n\n- Fast\n\n## Definition of Done\n\n- [ ] Shipped\n"
    (tmp_path / "adr" / "0013-goals.md").write_text(
        "# Goals in an ADR\n\n- **Status:** Proposed\n" + BODY + lists
    )
    (tmp_path / "adr" / "0014-proposal.md").write_text(
        "# A proposal\n\n- **Status:** Draft\n- **Template:** proposal\n" + lists
    )
    app = build(tmp_path)
    specs = load_json(app)["specs"]
    assert specs["SPEC-013"]["progress"] == {"done": 0, "total": 0}
    assert specs["SPEC-014"]["progress"] == {"done": 0, "total": 1}
    html = (Path(app.outdir) / "adr" / "0013-goals.html").read_text(encoding="utf-8")
    assert "specs-items" not in html and "specs-checkbox" not in html


def test_a_required_section_at_the_wrong_level_says_so(tmp_path):
    write_folder(tmp_path)
    conf = tmp_path / "conf.py"
    conf.write_text(
        conf.read_text().replace(
            '"sections": ["Context", "Decision"]',
            '"sections": ["Context", {"title": "Decision", "children": ["Consequences"]}]',
        )
    )
    for path in (tmp_path / "adr").iterdir():
        path.write_text(path.read_text() + "\n### Consequences\n\nSome.\n")
    (tmp_path / "adr" / "0015-level.md").write_text(
        "# Level\n\n- **Status:** Proposed\n\n## Context\n\nWhy.\n\n## Consequences\n\nSome.\n"
        "\n## Decision\n\nWhat.\n"
    )
    app = build(tmp_path)
    assert [(w.where, w.message) for w in specs_warnings(app)] == [
        (
            ("0015-level.md", 9, "section"),
            "spec SPEC-015 has the section 'Consequences' at the wrong level, line 9 (the adr "
            "template puts it under its parent section)",
        )
    ]


def test_placeholders_are_never_link_text_references_code_or_cells(tmp_path):
    write_folder(tmp_path)
    conf = tmp_path / "conf.py"
    conf.write_text(
        conf.read_text().replace(
            '"sections": ["Context", "Decision"],',
            '"sections": ["Context", "Decision"],\n'
            '        "placeholder_patterns": [r"\\{[a-z][^{}]*\\}"],',
        )
    )
    (tmp_path / "adr" / "0016-real.md").write_text(
        "# Real content\n\n- **Status:** Proposed\n\n## Context\n\n"
        "See [450](https://github.com/acme/app/issues/450) and [the notes][3], "
        "press `&[Copy]`.\n\n| Option | [Yes] |\n|---|---|\n| [Fast] | [No] |\n\n"
        "## Decision\n\n{describe the decision}\n\nStill [Spec Title] here.\n"
    )
    app = build(tmp_path)
    assert [(w.where, w.message) for w in specs_warnings(app)] == [
        (
            ("0016-real.md", 15, "placeholder"),
            "template placeholder '{describe the decision}' left in",
        ),
        (("0016-real.md", 17, "placeholder"), "template placeholder '[Spec Title]' left in"),
    ]


def test_pages_of_a_spec_folder_are_not_reported_as_unread(tmp_path):
    write_folder(tmp_path)
    adr = tmp_path / "adr"
    (adr / "0042-backups").mkdir()
    (adr / "0042-backups" / "README.md").write_text("# Backups\n\n- Status: Proposed\n" + BODY)
    (adr / "0042-backups" / "alternatives.md").write_text("# Alternatives\n\nTape.\n")
    (adr / "0001-front-matter").mkdir()
    (adr / "0001-front-matter" / "de.md").write_text("# Auf Deutsch\n\nText.\n")
    app = build(tmp_path)
    assert [w.where for w in specs_warnings(app)] == []
    assert load_json(app)["specs"]["SPEC-042"]["title"] == "Backups"


def test_adopt_leaves_a_table_spec_as_it_is_and_says_why(tmp_path):
    import subprocess
    import sys

    written = write_folder(tmp_path)
    table = tmp_path / "adr" / "0006-table.md"
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_specs", "adopt", str(table)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "metadata is a table; adopt rewrites bullet-list metadata only" in result.stderr
    assert table.read_bytes() == written[table]


def test_an_author_with_a_mail_address_is_kept_as_written_in_specs_json(tmp_path):
    write_folder(tmp_path)
    (tmp_path / "adr" / "0017-mail.md").write_text(
        "# Mail\n\n- Status: Proposed\n- Authors: Ann Lee <ann@example.org>, Bob\n" + BODY
    )
    app = build(tmp_path)
    assert load_json(app)["specs"]["SPEC-017"]["authors"] == ["Ann Lee <ann@example.org>", "Bob"]


@pytest.mark.parametrize("ours", [True, False])
def test_front_matter_field_names_get_a_source_before_sphinx_patches_them(
    tmp_path, monkeypatch, ours
):
    """MyST leaves a front matter's field names without a source, and Sphinx's
    ApplySourceWorkaround then writes each out as XML for a debug message, made even when debug
    messages are off; a plain spec's get their list's source first (FrontMatterSources)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from sphinxcontrib_specs.plain.transform import FrontMatterSources

    if not ours:  # the test sees what it guards against
        monkeypatch.setattr(FrontMatterSources, "apply", lambda self, **kwargs: None)
    write_folder(tmp_path)
    status = StringIO()
    app = SphinxTestApp(
        "html", srcdir=tmp_path, status=status, warning=StringIO(), verbosity=2, freshenv=True
    )
    try:
        app.build()
    finally:
        app.cleanup()
    patched = [
        line for line in status.getvalue().splitlines() if "'docutils.nodes.field_name'" in line
    ]
    # 0001 and 0009 have front matter: five fields and one
    assert len(patched) == (0 if ours else 6)
    assert load_json(app)["specs"]["SPEC-001"]["status"] == "Accepted"


def one_template(template: str, *, digits: int = 4) -> str:
    """``conf.py`` lines for IDs ``SPEC-{number:0<digits>d}`` and one default template ``t``:
    ``template``, the template as a Python literal."""
    return (
        f'specs_plain_id = "SPEC-{{number:0{digits}d}}"\nspecs_default_template = "t"\n'
        f'specs_templates = {{"t": {template}}}\n'
    )


def plain_project(root: Path, pages: dict[str, str], conf: str = "", glob: str = "[0-9]*") -> Path:
    """A project of plain specs: ``pages`` (name -> text) selected by ``glob`` + ``.md``, an
    index page listing them, and ``conf`` (lines) after the common ``conf.py``."""
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
        f"specs_plain_markdown = [{glob + '.md'!r}]\n{conf}"
    )
    (root / "index.md").write_text(f"# Specs\n\n```{{toctree}}\n:glob:\n{glob}\n```\n")
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_a_list_under_nested_checklist_sections_is_tracked_once(tmp_path):
    """A template that names a section and its sub-section as checklist sections (as ``init``
    did for a KEP's questionnaire): their one list is one list of items, each box once, a
    ticked box done."""
    page = (
        "# Feature\n\n- Status: Implemented\n\n## Questionnaire\n\n### Enablement\n\n"
        "###### How is it enabled?\n\n- [x] Feature gate\n- [x] Flag\n"
    )
    conf = (
        'specs_default_template = "kep"\n'
        'specs_templates = {"kep": {"statuses": ["Implemented"], "done": ["Implemented"],\n'
        '    "dod_sections": ["Questionnaire", "Enablement", "How is it enabled?"]}}\n'
        'suppress_warnings = ["myst.header"]\n'
    )
    app = build(plain_project(tmp_path, {"0001-feature.md": page}, conf))
    (spec,) = load_json(app)["specs"].values()
    assert spec["progress"] == {"done": 2, "total": 2}
    assert [(i, item["checked"]) for i, item in spec["items"].items()] == [
        ("D1", True),
        ("D2", True),
    ]
    html = (Path(app.outdir) / "0001-feature.html").read_text(encoding="utf-8")
    assert html.count('class="specs-checkbox') == 2
    assert specs_warnings(app) == []


def test_only_adr_tools_relation_lines_under_status_are_related_links(tmp_path):
    """Under an ADR's ``## Status``, ``Amended by [2. ...](0002-x.md)`` is a related link;
    ``Reviewed by [Ann](../team/ann.md)`` is no relation between records (no link, no warning)."""
    pages = {
        "team/ann.md": "# Ann\n",
        "0001-a.md": "# 1. Record decisions\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n"
        "Amended by [2. Help scripts](0002-b.md)\n\nReviewed by [Ann](team/ann.md)\n",
        "0002-b.md": "# 2. Help scripts\n\nDate: 2016-02-13\n\n## Status\n\nAccepted\n\n"
        "Amends [1. Record decisions](0001-a.md)\n",
    }
    conf = (
        'specs_plain_id = "ADR-{number:04d}"\nspecs_default_template = "adr"\n'
        'specs_templates = {"adr": {"statuses": ["Accepted"], "metadata_sections": '
        '{"Status": "status"}}}\nsuppress_warnings = ["specs.section"]\n'
    )
    app = build(plain_project(tmp_path, pages, conf))
    specs = load_json(app)["specs"]
    assert specs["ADR-0001"]["links"]["related"] == ["ADR-0002"]
    assert specs_warnings(app) == []


def test_lists_whose_bullet_changes_stay_apart_when_they_are_no_metadata(tmp_path):
    """Two lists, ``-`` then ``*``, of labels no field knows, on a page that is no spec: read
    to decide, then left as the author wrote them (two lists), not joined."""
    page = "# Meeting\n\n- Note: first\n- Place: room 4\n* Note: second\n* Place: room 5\n"
    conf = 'suppress_warnings = ["specs.meta"]\n'
    app = build(plain_project(tmp_path, {"notes/meeting.md": page}, conf, glob="notes/*"))
    assert load_json(app)["specs"] == {}
    page = (Path(app.outdir) / "notes" / "meeting.html").read_text(encoding="utf-8")
    body = page.split("<h1>Meeting", 1)[1].split("</section>", 1)[0]
    assert body.count("<ul") == 2


def test_a_list_is_tracked_by_its_innermost_section(tmp_path):
    """Open Questions written inside the Definition of Done: its list is questions, not
    Definition-of-Done items (the outer section has no list of its own)."""
    page = (
        "# A\n\n- Status: Draft\n\n## Definition of Done\n\n### Open Questions\n\n- Which region?\n"
    )
    conf = 'suppress_warnings = ["specs.section"]\n'
    app = build(plain_project(tmp_path, {"0001-a.md": page}, conf))
    (spec,) = load_json(app)["specs"].values()
    assert [(i, item["kind"]) for i, item in spec["items"].items()] == [("Q1", "question")]


def test_a_title_heading_between_metadata_and_the_first_section_titles_the_spec(tmp_path):
    """Rust's RFC 3013 writes its bullets, then ``# Checking ...`` with no text of its own, then
    ``# Summary``: the heading is the title and the card goes under it. An RFC whose first
    heading is ``# Summary`` is still titled by its file name."""
    bullets = "- Feature Name: N/A\n- Start Date: 2020-11-04\n\n"
    pages = {
        "3013-conditional-compilation-checking.md": bullets
        + "# Checking conditional compilation at compile time\n\n# Summary\n\nText.\n",
        "0002-rfc-process.md": bullets + "# Summary\n\nText.\n\n# Motivation\n\nWhy.\n",
        "0003-abstract-first.md": bullets + "# Abstract\n\nText.\n\n# Summary\n\nMore.\n",
    }
    conf = (
        'specs_plain_id = "RFC-{number:04d}"\nspecs_default_template = "rfc"\n'
        'specs_templates = {"rfc": {"statuses": ["Accepted"], "default_status": "Accepted",\n'
        '    "aliases": {"created": ["Start Date"]}, "sections": ["Summary"]}}\n'
        'specs_fields = [{"name": "feature-name", "label": "Feature Name"}]\n'
    )
    app = build(plain_project(tmp_path, pages, conf))
    specs = load_json(app)["specs"]
    assert {key: spec["title"] for key, spec in specs.items()} == {
        "RFC-0002": "Rfc process",
        "RFC-0003": "Abstract first",
        "RFC-3013": "Checking conditional compilation at compile time",
    }
    assert warnings_of(app) == []
    html = (app.outdir / "3013-conditional-compilation-checking.html").read_text()
    body = html[html.index('<div class="body"') :]
    assert (
        body.index("<h1>Checking conditional")
        < body.index('class="specs-card')
        < body.index("<h1>Summary")
    )


def test_a_plain_spec_s_field_warnings_are_at_the_field_s_own_line(tmp_path):
    """A bad date, an unknown status, a link to no spec: each warned at the line of its field,
    in bullets, front matter and an rST field list alike (they were all warned at the
    metadata's first line; docutils keeps no line for ``:Status:``, a bibliographic field: it
    is counted from the field beside it)."""
    pages = {
        "0003-store.rst": ".. a comment\n\n:Created: 2024-02-30\n:Status: Drafty\n"
        ":Depends on: 0097\n\nStore\n=====\n\nSummary\n-------\n\nText.\n",
        "0001-cache.md": "# Cache\n\n- Status: Drafty\n- Authors: Ann Lee\n"
        "- Created: 2024-02-30\n- Depends on: 0099\n\n## Summary\n\nText.\n",
        "0002-queue.md": '---\nstatus: Accepted\nauthors: [Bob]\ncreated: "2024-13-01"\n'
        "requires: 98\n---\n\n# Queue\n\n## Summary\n\nText.\n",
    }
    conf = one_template('{"statuses": ["Draft", "Accepted"], "sections": ["Summary"]}')
    conf += 'specs_plain_markdown.append("[0-9]*.rst")\n'
    app = build(plain_project(tmp_path, pages, conf))
    found = sorted(
        (w.file.rsplit("/", 1)[-1], w.line, w.subtype, w.message[:24]) for w in specs_warnings(app)
    )
    assert found == [
        ("0001-cache.md", 3, "meta", "unknown status 'Drafty' "),
        ("0001-cache.md", 5, "meta", "bad date :created: '2024"),
        ("0001-cache.md", 6, "ref", "unknown spec in :depends"),
        ("0002-queue.md", 4, "meta", "bad date :created: '2024"),
        ("0002-queue.md", 5, "ref", "unknown spec in :depends"),
        ("0003-store.rst", 3, "meta", "bad date :created: '2024"),
        ("0003-store.rst", 4, "meta", "unknown status 'Drafty' "),
        ("0003-store.rst", 5, "ref", "unknown spec in :depends"),
    ]


def test_an_indented_code_sample_at_the_top_is_no_header_unless_it_names_its_spec(tmp_path):
    """Four spaces at a page's top are a header block only when they name the spec (an ID or a
    ``Title:``), as an EIP's ``## Preamble`` does: a sample of ``Date:`` and ``Status:`` lines
    stays on the page (a ``## Header`` over one is no preamble: test_plain_sources_raw)."""
    pages = {
        "0002-polling.md": "    Date: 2024-01-01\n    Status: Draft\n\n# Polling\n\n"
        "- Status: Draft\n\nText.\n",
        "0003-revert.md": "## Preamble\n\n    Title: Revert\n    Status: Final\n\n"
        "## Summary\n\nT.\n",
    }
    conf = (
        one_template('{"statuses": ["Draft", "Final"], "sections": []}')
        + 'suppress_warnings = ["myst.header"]\n'
    )
    app = build(plain_project(tmp_path, pages, conf))
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    assert {k: (v["title"], v["status"], v["created"]) for k, v in specs.items()} == {
        "SPEC-0002": ("Polling", "Draft", None),
        "SPEC-0003": ("Revert", "Final", None),
    }
    assert "Date: 2024-01-01" in (app.outdir / "0002-polling.html").read_text(encoding="utf-8")
    assert "Preamble" not in (app.outdir / "0003-revert.html").read_text(encoding="utf-8")


def test_a_tagline_is_no_byline_and_a_note_after_label_lines_is_prose(tmp_path):
    """A byline is names: "Work In Progress" over label lines and a one-line tagline under the
    title of a spec by its name are no authors, and stay on the page; a ``Note:`` paragraph
    after the label lines is prose, not an unknown field; so is a sentence under the title that
    starts with a status or date label and wraps (a status or a date never wraps)."""
    pages = {
        "0001-wip.md": "# Cache\n\nWork In Progress\n\nStatus: Draft\nCreated: 2024-01-15\n\n"
        "## Summary\n\nText.\n",
        "0002-tagline.md": "# Queue\n\nPostgres Everywhere\n\n## Summary\n\nText.\n",
        "0003-note.md": "# Search\n\nStatus: Draft\nCreated: 2024-01-15\n\n"
        "Note: this decision is reviewed every year.\n\n## Summary\n\nText.\n",
        "0004-wip.md": "# Index\n\nStatus: this document is a work in progress and will\n"
        "change significantly.\n\n## Summary\n\nText.\n",
        "0005-date.md": "# Shards\n\nDate: 2020-01-02\nThis record describes the shards.\n\n"
        "## Summary\n\nText.\n",
        # a sentence with a web address under a label line is no wrapped value
        "0006-discussion.md": "# Routes\n\nAuthor: Ann Lee\n"
        "Discussion at https://golang.org/issue/30001.\n\n## Summary\n\nText.\n",
    }
    conf = one_template(
        '{"statuses": ["Draft"], "default_status": "Draft", "sections": ["Summary"]}'
    )
    app = build(plain_project(tmp_path, pages, conf))
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    assert {k: v["authors"] for k, v in specs.items()} == {
        "SPEC-0001": [],
        "SPEC-0002": [],
        "SPEC-0003": [],
        "SPEC-0004": [],
        "SPEC-0005": [],
        "SPEC-0006": [],
    }
    assert (specs["SPEC-0004"]["status"], specs["SPEC-0005"]["created"]) == ("Draft", None)
    for name, text in (("0001-wip", "Work In Progress"), ("0002-tagline", "Postgres Everywhere")):
        assert f"<p>{text}</p>" in (app.outdir / f"{name}.html").read_text(encoding="utf-8")
    note = (app.outdir / "0003-note.html").read_text(encoding="utf-8")
    assert "<p>Note: this decision is reviewed every year.</p>" in note


def test_a_page_named_with_its_folder_s_number_is_a_spec_when_the_folder_s_page_is_none(tmp_path):
    """``0007-cache/0007-cache.md`` beside an "About this folder" ``README.md`` the globs do not
    select: the page is the spec (it is a page of the folder's spec only when the folder's page
    is one the globs select)."""
    pages = {
        "specs/0007-cache/README.md": "# About this folder\n\nNotes.\n",
        "specs/0007-cache/0007-cache.md": "# Cache query results\n\n- Status: Accepted\n"
        "- Created: 2024-02-01\n",
    }
    conf = one_template('{"statuses": ["Accepted"], "sections": []}', digits=3)
    root = plain_project(tmp_path, pages, conf, glob="specs/*/[0-9]*")
    (root / "index.md").write_text(
        "# Specs\n\n```{toctree}\nspecs/0007-cache/README\nspecs/0007-cache/0007-cache\n```\n"
    )
    app = build(root)
    assert specs_warnings(app) == []
    (spec,) = load_json(app)["specs"].values()
    assert (spec["title"], spec["created"]) == ("Cache query results", "2024-02-01")


def test_a_web_address_with_a_note_after_it_is_that_address(tmp_path):
    """``Related: https://.../pull/5 (first attempt)``: the address is a web link, the note is
    not read as a spec's name (it warned ``no spec 'https://github'``)."""
    page = (
        "# Cache\n\n- Status: Draft\n- Related: https://github.com/org/repo/pull/5 (first "
        "attempt)\n"
    )
    conf = one_template('{"statuses": ["Draft"], "sections": []}')
    app = build(plain_project(tmp_path, {"0001-cache.md": page}, conf))
    assert specs_warnings(app) == []
    (spec,) = load_json(app)["specs"].values()
    assert spec["links"]["related"] == []
    assert spec["web_links"] == {"related": ["https://github.com/org/repo/pull/5"]}
