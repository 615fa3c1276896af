"""The build reads plain specs where their metadata lives: metadata sections and label lines
(adr-tools), an RFC 2822 header block at an rST file's top (PEPs, also hidden in a comment or a
literal block), a sibling metadata file (a KEP's ``kep.yaml``). Each folder is built with a
hand-written ``conf.py`` (``tests/roots/test-folder-conf/``) and its specs.json compared with the
folder's ``expected.json``, written by a reader of the files, not by this code."""

from __future__ import annotations

import json
import shutil

from conftest import REPO, build, load_json, specs_warnings, wrong_specs

ROOTS = REPO / "tests" / "roots"
FIELDS = ("title", "status", "authors", "created")


def built(tmp_path, folder: str, conf: str, sub: str = ""):
    src = tmp_path / folder
    shutil.copytree(ROOTS / f"test-folder-{folder}", src)
    expected = json.loads((src / "expected.json").read_text(encoding="utf-8"))
    (src / "expected.json").unlink()
    site = src / sub if sub else src
    shutil.copy(ROOTS / "test-folder-conf" / f"{conf}.py", site / "conf.py")
    if not (site / "index.md").exists() and not (site / "index.rst").exists():
        (site / "index.md").write_text("# Specs\n\n```{spec-table}\n```\n", encoding="utf-8")
    return build(site), expected


def compare(app, expected, *, links: tuple[str, ...] = ()) -> list[str]:
    return wrong_specs(load_json(app)["specs"], expected, FIELDS, links)


def test_status_sections_and_date_lines(tmp_path):
    app, expected = built(tmp_path, "adr", "adr", "doc/adr")
    assert compare(app, expected, links=("superseded_by",)) == []
    problems = {(w.file.rsplit("/", 1)[-1], w.line, w.subtype) for w in specs_warnings(app)}
    # the impossible date is the finding; "Rejected" is no status of this hand-written template
    assert ("0010-structured-json-logging.md", 3, "meta") in problems


def test_header_blocks_bare_in_a_comment_and_in_a_literal_block(tmp_path):
    app, expected = built(tmp_path, "header", "header")
    assert compare(app, expected) == []
    html = (app.outdir / "pep-0008.html").read_text(encoding="utf-8")
    # the header block is the card, never a run-together paragraph
    assert "specs-card" in html and "PEP: 8 Title:" not in html


def test_sibling_metadata_files(tmp_path):
    app, expected = built(tmp_path, "sidecar", "sidecar")
    # specs.json's related holds the reverse links too: the record's own lists are compared
    assert compare(app, expected, links=("supersedes", "depends_on")) == []
    subtypes = [(w.file.split("keps/")[-1], w.subtype) for w in specs_warnings(app)]
    # the status is in kep.yaml: its open-box warning is at that line of it
    assert ("sig-storage/1698-generic-ephemeral-volumes/kep.yaml", "dod") in subtypes


def test_superseded_by_and_status_note_options_of_the_directive(tmp_path):
    """``superseded-by`` (the built-in field ``superseded_by``) gives the successor its
    ``supersedes``; ``status-note`` stands beside the badge and in specs.json."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'specs_templates = {"proposal": {"sections": []}}\n'
    )
    (tmp_path / "index.md").write_text("# Specs\n\n```{toctree}\nold\nnew\n```\n")
    (tmp_path / "old.md").write_text(
        "# Old\n\n```{spec} SPEC-1\n:status: Deferred\n:superseded_by: SPEC-2\n"
        ":status-note: until the new one lands\n```\n"
    )
    (tmp_path / "new.md").write_text("# New\n\n```{spec} SPEC-2\n:status: Draft\n```\n")
    app = build(tmp_path)
    assert [w.message for w in specs_warnings(app)] == []
    specs = load_json(app)["specs"]
    assert specs["SPEC-2"]["links"]["supersedes"] == ["SPEC-1"]
    assert specs["SPEC-1"]["links"]["superseded_by"] == ["SPEC-2"]
    assert specs["SPEC-1"]["status_note"] == "until the new one lands"
    assert "status_note" not in specs["SPEC-2"]
    html = (app.outdir / "old.html").read_text(encoding="utf-8")
    assert '<span class="specs-status-note"> (until the new one lands)</span>' in html


def test_rst_links_in_a_header_block_read_as_their_text():
    """A PEP's ``Post-History: `30-Aug-2002 <https://...>`__`` is dates, not link syntax."""
    from sphinxcontrib_specs.plain.readers import markdown_text
    from sphinxcontrib_specs.plain.values import rst_links

    value = "`30-Aug-2002 <https://mail.example.org/a>`__, `01-Sep-2002 <https://b>`_"
    assert rst_links(value) == (
        "[30-Aug-2002](https://mail.example.org/a), [01-Sep-2002](https://b)"
    )
    assert markdown_text(rst_links(value)) == "30-Aug-2002, 01-Sep-2002"
    assert rst_links("`literal` stays") == "`literal` stays"


def test_directive_dates_are_iso_or_the_templates_formats(tmp_path):
    """A ``spec`` directive's dates are ISO or one of the template's ``date_formats``; the
    forms plain specs read besides (``July 5, 2001``) are a ``specs.meta`` warning there."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'specs_templates = {"proposal": {"sections": [], "date_formats": ["%d/%m/%Y"]}}\n'
    )
    (tmp_path / "index.md").write_text(
        "# Specs\n\n```{spec} SPEC-1\n:status: Draft\n:created: 25/12/2019\n"
        ":updated: July 5, 2021\n```\n"
    )
    app = build(tmp_path)
    assert load_json(app)["specs"]["SPEC-1"]["created"] == "2019-12-25"
    assert load_json(app)["specs"]["SPEC-1"]["updated"] is None
    messages = [w.message for w in specs_warnings(app)]
    assert messages == [
        "bad date :updated: 'July 5, 2021'; write a date as YYYY-MM-DD, %d/%m/%Y, or YYYY-MM "
        "for a month (plain specs also read 05-Jul-2001, July 5, 2001, 2001/07/05 and July "
        "2001; a template's date_formats adds formats)"
    ]


def test_a_date_known_to_the_month_is_that_month(tmp_path):
    """``:created: 2011-01`` (ISO 8601's reduced precision) is the month, in specs.json and on the
    card; an update in that month is not before a creation on its 15th; a filter compares it as
    its first day."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build"]\n'
        'suppress_warnings = ["specs.section"]\n'
    )
    (tmp_path / "index.md").write_text(
        "# Specs\n\n```{spec} SPEC-1\n:status: Draft\n:created: 2011-01-15\n"
        ":updated: 2011-01\n```\n\n```{spec-table}\n:filter: updated < 2011-01-02\n"
        ":columns: id, updated\n```\n"
    )
    app = build(tmp_path)
    assert specs_warnings(app) == []
    assert load_json(app)["specs"]["SPEC-1"]["updated"] == "2011-01-01"  # and its precision:
    assert load_json(app)["specs"]["SPEC-1"]["date_precision"] == {"updated": "month"}
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count(">2011-01<") == 2  # the card, the table's row
