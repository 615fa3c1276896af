"""Every warning subtype: the right type, subtype, file, line and message; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_root, load_json, specs_warnings, warnings_of

#: (file, line, subtype, a fragment of the message), for the MyST project.
EXPECTED_MYST = {
    ("bad_id.md", 3, "id", "spec ID 'spec-12' does not match specs_id_pattern"),
    ("no_id.md", 3, "id", "the spec directive needs an ID"),
    ("dup_b.md", 5, "id", "spec ID SPEC-0100 is also defined in dup_a.md, line 3"),
    ("items.md", 10, "id", "item ID SPEC-0801.same is used twice in this spec (first at line 9)"),
    ("items.md", 11, "id", "item ID '9bad' is not a valid ID"),
    ("orphan_items.md", 3, "id", "tracked items outside a spec get no ID"),
    ("meta_status.md", 3, "meta", "has no :status:; allowed (bare): Draft, Done, Old"),
    ("meta_unknown.md", 3, "meta", "unknown status 'Shipped' for template bare; allowed"),
    ("meta_unknown.md", 3, "meta", "unknown option :owner: of spec SPEC-0202; known options"),
    ("meta_dates.md", 3, "meta", "bad date :created: '2026-13-01'"),
    ("meta_dates.md", 3, "meta", "bad date :updated: 'last week'"),
    ("meta_dates.md", 9, "meta", "a second spec directive on this page (SPEC-0299)"),
    ("meta_order.md", 3, "meta", ":updated: 2026-01-01 is before :created: 2026-02-01"),
    ("meta_order.md", 3, "meta", "bad issue reference 'not-an-issue'"),
    ("meta_order.md", 3, "meta", "issue 'GH-12' names no repository; set specs_default_repo"),
    ("items.md", 8, "meta", "goal items have no checkbox"),
    ("items.md", 14, "meta", "the risks directive holds one bullet list (found 0)"),
    ("items.md", 18, "meta", "bad issue reference 'not an issue'"),
    ("placeholder.md", 3, "meta", "bad date :created: 'YYYY-MM-DD'"),
    ("section.md", 3, "section", "lacks the section 'Motivation' that the proposal template"),
    ("section.md", 3, "section", "lacks the section 'Definition of Done'"),
    ("placeholder.md", 1, "placeholder", "template placeholder '[Spec Title]' left in"),
    ("placeholder.md", 3, "placeholder", "template placeholder 'YYYY-MM-DD' left in :created:"),
    ("placeholder.md", 3, "placeholder", "'[Author Name]' left in :authors:"),
    ("section.md", 24, "placeholder", "'Explain why this change is needed and what problem"),
    ("refs.md", 3, "ref", "unknown spec in :supersedes: of SPEC-0501: no spec 'SPEC-0999'"),
    ("refs.md", 3, "ref", "spec SPEC-0501 names itself in :depends-on:"),
    (
        "refs.md",
        10,
        "ref",
        "{covers}`SPEC-0501.G7`: SPEC-0501 has no item 'G7' (its items: D1, D2)",
    ),
    ("refs.md", 11, "ref", "{covers}`SPEC-0001.G2`: SPEC-0001 has no item 'G2' (its items: G1)"),
    ("refs.md", 14, "ref", "{covers} only counts inside a tracked item"),
    ("index.md", 8, "ref", "unknown target in {spec}`SPEC-9999`: no spec 'SPEC-9999'"),
    ("index.md", 10, "ref", "{spec}`SPEC-0001.G9`: SPEC-0001 has no item 'G9'"),
    ("dod.md", 3, "dod", "spec SPEC-0601 is Done but its Definition-of-Done items D2, D3 are open"),
    ("cycle_a.md", 3, "cycle", ":depends-on: cycle among SPEC-0701, SPEC-0702, SPEC-0703"),
}


def _matches(warnings, expected):
    found = set()
    for file, line, subtype, fragment in expected:
        hits = [w for w in warnings if w.where == (file, line, subtype) and fragment in w.message]
        assert hits, f"no {subtype} warning at {file}:{line} with {fragment!r}"
        found.update(hits)
    return found


@pytest.fixture(scope="module")
def myst(tmp_path_factory):
    return build(copy_root("warnings", tmp_path_factory.mktemp("w")))


def test_every_expected_warning_and_nothing_else(myst):
    warnings = warnings_of(myst)
    assert "Traceback" not in myst.warning.getvalue()
    assert all(w.type == "specs" for w in warnings), [w for w in warnings if w.type != "specs"]
    matched = _matches(warnings, EXPECTED_MYST)
    assert set(warnings) == matched, sorted(set(warnings) - matched, key=str)
    assert len(warnings) == len(EXPECTED_MYST)


def test_each_cycle_is_reported_once(myst):
    assert len([w for w in specs_warnings(myst) if w.subtype == "cycle"]) == 1


def test_bad_input_still_renders(myst):
    data = load_json(myst)
    # the first definition of a duplicate ID wins; the other page keeps its text
    assert data["specs"]["SPEC-0100"]["docname"] == "dup_a"
    dup_b = (myst.outdir / "dup_b.html").read_text()
    assert "specs-card" not in dup_b and "Some text first." in dup_b
    # a spec with a bad status still has a card, showing what was written
    assert data["specs"]["SPEC-0202"]["status"] == "Shipped"
    assert "Shipped" in (myst.outdir / "meta_unknown.html").read_text()
    # an invalid or repeated explicit ID falls back to an automatic one
    assert list(data["specs"]["SPEC-0801"]["items"]) == ["G1", "G2", "G3", "same"]
    # bad issue references stay readable, unlinked
    assert data["specs"]["SPEC-0204"]["issues"][0] == {"text": "not-an-issue", "url": None}
    # unknown targets stay readable text
    index = (myst.outdir / "index.html").read_text()
    assert 'specs-unresolved">SPEC-9999<' in index


def test_the_page_of_a_duplicate_id_shows_no_banner_of_the_other_page(tmp_path):
    src = copy_root("warnings", tmp_path)
    page = src / "dup_a.md"
    page.write_text(page.read_text().replace(":status: Draft", ":status: Old"))
    app = build(src)
    # dup_a owns SPEC-0100, now Old (inactive): its banner; dup_b's spec is not that spec
    assert "specs-banner-inactive" in (app.outdir / "dup_a.html").read_text()
    assert "specs-banner" not in (app.outdir / "dup_b.html").read_text()


def test_rst_reports_the_same_problems_at_rst_lines(tmp_path):
    app = build(copy_root("warnings-rst", tmp_path))
    expected = {
        ("items.rst", 9, "meta", "goal items have no checkbox"),
        ("items.rst", 11, "id", "item ID SPEC-0801.same is used twice"),
        ("items.rst", 12, "id", "item ID '9bad' is not a valid ID"),
        ("items.rst", 14, "meta", "the risks directive holds one bullet list"),
        ("items.rst", 18, "meta", "bad issue reference 'not an issue'"),
        ("meta_order.rst", 4, "meta", ":updated: 2026-01-01 is before :created: 2026-02-01"),
        ("meta_order.rst", 4, "meta", "bad issue reference 'not-an-issue'"),
        ("meta_order.rst", 4, "meta", "issue 'GH-12' names no repository"),
        ("placeholder.rst", 1, "placeholder", "'[Spec Title]' left in"),
        ("placeholder.rst", 4, "placeholder", "'YYYY-MM-DD' left in :created:"),
        ("placeholder.rst", 4, "placeholder", "'[Author Name]' left in :authors:"),
        ("placeholder.rst", 4, "meta", "bad date :created: 'YYYY-MM-DD'"),
        ("refs.rst", 4, "ref", "unknown spec in :supersedes: of SPEC-0501"),
        ("refs.rst", 4, "ref", "names itself in :depends-on:"),
        ("refs.rst", 11, "ref", "{covers}`SPEC-0501.G7`"),
        ("refs.rst", 12, "ref", "{covers}`SPEC-0001.G2`"),
        ("refs.rst", 14, "ref", "{covers} only counts inside a tracked item"),
        ("index.rst", 9, "ref", "{spec}`SPEC-9999`"),
        ("index.rst", 11, "ref", "{spec}`SPEC-0001.G9`"),
        ("dod.rst", 4, "dod", "items D2, D3 are open"),
    }
    warnings = warnings_of(app)
    matched = _matches(warnings, expected)
    assert set(warnings) == matched


@pytest.mark.parametrize("subtype", ["id", "meta", "section", "placeholder", "ref", "dod", "cycle"])
def test_suppress_warnings_per_subtype(tmp_path, subtype):
    app = build(copy_root("warnings", tmp_path), suppress_warnings=[f"specs.{subtype}"])
    subtypes = {w.subtype for w in specs_warnings(app)}
    assert subtype not in subtypes
    assert subtypes == {s for *_, s, _ in EXPECTED_MYST} - {subtype}


def test_warnings_are_errors_with_W(tmp_path):
    """-W fails a build with warnings (a clean project passes it: test_allbuilders' builds write
    nothing to the warning stream)."""
    from sphinx.errors import SphinxError
    from sphinx.testing.util import SphinxTestApp

    src = copy_root("warnings", tmp_path)
    app = SphinxTestApp("html", srcdir=src, warningiserror=True)
    try:
        app.build()
    except SphinxError:  # Sphinx < 8.1 stops at the first warning
        pass
    else:
        assert app.statuscode == 1  # Sphinx >= 8.1 finishes, then fails
    finally:
        app.cleanup()


def test_a_reference_with_an_empty_item_id_is_reported(tmp_path):
    """``{spec}`SPEC-0042.``` names no item: a specs.ref warning at its line, not a silent link."""
    src = copy_root("basic", tmp_path)
    page = src / "notes.md"
    page.write_text("# Notes\n\nSee {spec}`SPEC-0042.` for backups.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\nnotes\n```\n")
    app = build(src)
    found = [w for w in specs_warnings(app) if Path(w.file).name == "notes.md"]
    assert [(w.line, w.subtype) for w in found] == [(3, "ref")]
    assert "names no item after the '.'" in found[0].message


def test_warnings_about_an_included_snippet_name_the_snippet(tmp_path):
    """A MyST ``{include}`` of a shared snippet: a placeholder, an unknown spec and a spec with
    an unknown status in it are warned at the snippet's own file and line, as Sphinx warns of
    its own findings there, not at the including page."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\nexclude_patterns = ["_build", '
        '"snippets"]\nmyst_enable_extensions = ["colon_fence"]\n'
        'suppress_warnings = ["specs.section"]\n'
    )
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "shared.md").write_text(
        "Shared text used by several specs.\n\nIt links {spec}`SPEC-9999` here.\n\n"
        "[Owner Team] is responsible.\n"
    )
    (tmp_path / "snippets" / "meta.md").write_text(":::{spec} SPEC-0002\n:status: Shipped\n:::\n")
    (tmp_path / "index.md").write_text(
        "# Backups\n\n:::{spec} SPEC-0001\n:status: Draft\n:::\n\nIntro.\n\n"
        "```{include} snippets/shared.md\n```\n"
    )
    (tmp_path / "other.md").write_text("# Other\n\n```{include} snippets/meta.md\n```\n")
    app = build(tmp_path)
    found = sorted(
        (w.file.replace(str(tmp_path) + "/", ""), w.line, w.subtype) for w in specs_warnings(app)
    )
    expected = [
        ("snippets/meta.md", 1, "meta"),
        ("snippets/shared.md", 3, "ref"),
        ("snippets/shared.md", 5, "placeholder"),
    ]
    # MyST 4 numbers an included file's lines from its second (MyST 5 from its first)
    shift = found[0][1] - 1 if found else 0
    assert shift in (0, 1)
    assert found == [(file, line + shift, subtype) for file, line, subtype in expected]
