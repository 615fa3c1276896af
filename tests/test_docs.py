"""The docs/ site builds with no warnings (-nW --keep-going) and its worked examples render."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from conftest import build_docs

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    # the site's own default theme, whatever SPECS_DOCS_THEME the shell has
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SPECS_DOCS_THEME", raising=False)
        return build_docs(tmp_path_factory.mktemp("docs") / "html")


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_home_page_opens_with_a_card_and_a_report_in_furo(site):
    """The default theme is furo; the home page's first blocks after its title and one line are
    a built card (its own spec) and a built spec-table, then the three steps; the toctrees are
    hidden on the page and shown, with their captions, in the sidebar."""
    html = page(site, "index.html")
    assert html.select_one("link[href*='styles/furo.css']")
    top = html.select_one("article section")
    blocks = [c for c in top.find_all(recursive=False) if c.name in ("div", "p", "section")]
    assert "specs-card" in blocks[1]["class"] and "specs-report" in blocks[2]["class"]
    card, report = blocks[1], blocks[2]
    assert card.select_one(".specs-card-id").get_text() == "SPEC-0060"
    assert card.select_one(".specs-badge").get_text() == "Draft"
    assert "SPEC-0042" in card.get_text()  # its depends-on link
    rows = [tr.select_one("td.specs-col-title").get_text() for tr in report.select("tbody tr")]
    assert len(rows) == 5 and "Point-in-time recovery" in rows
    assert report.select("td.specs-col-progress .specs-progress-bar")
    steps = html.select_one("section#three-steps")
    commands = [pre.get_text() for pre in steps.select("pre")]
    assert commands[0].startswith("pip install sphinx-specs")
    assert commands[1].startswith("sphinx-specs init docs")
    assert commands[2].startswith("sphinx-specs new") and "sphinx-build" in commands[3]
    assert [w.get_text(strip=True) for w in top.select("div.toctree-wrapper")] == ["", "", ""]
    # ... and stand outside the page's own sections: a toctree inside a section makes the
    # guide's pages sections of it in the PDF and singlehtml, instead of chapters
    assert top.select(":scope section") and not top.select(":scope section div.toctree-wrapper")
    captions = [c.get_text() for c in html.select(".sidebar-tree p.caption")]
    assert captions == ["Guide", "Worked examples", "Reference"]
    sidebar = {a["href"] for a in html.select(".sidebar-tree a")}
    assert {"guide/authoring.html", "guide/gallery.html", "examples/index.html"} <= sidebar
    # the source shown under "This page's spec" is the spec's own lines
    source = html.select_one("section#this-page-s-spec pre").get_text()
    assert source.startswith(":::{spec} SPEC-0060") and source.rstrip().endswith(":::")


def test_proposal_example_renders_card_items_and_progress(site):
    html = page(site, "examples/proposal-backups.html")
    card = html.select_one("div.specs-card")
    assert card.select_one(".specs-badge").get_text() == "Under Review"
    rows = {td.get_text() for td in card.select("td.specs-label")}
    assert {"Status", "Authors", "Related Issues", "Supersedes", "Depends on", "Reviewers"} <= rows
    assert "3 of 5 done" in card.get_text()
    kinds = [div["class"][1] for div in html.select("div.specs-items")]
    assert kinds == [
        "specs-kind-goal",
        "specs-kind-non-goal",
        "specs-kind-dod",
        "specs-kind-question",
    ]
    assert len(html.select("div.specs-kind-dod input[type=checkbox]")) == 5


def test_technical_example_renders_every_item_kind(site):
    html = page(site, "examples/technical-restore.html")
    card = html.select_one("div.specs-card")
    assert card.select_one(".specs-badge").get_text() == "Approved"
    labels = [td.get_text() for td in card.select("td.specs-label")]
    assert labels[:3] == ["Status", "Author(s)", "Team"]
    assert "Needed by" in labels
    kinds = {div["class"][1] for div in html.select("div.specs-items")}
    assert kinds == {
        "specs-kind-requirement",
        "specs-kind-assumption",
        "specs-kind-risk",
        "specs-kind-kpi",
        "specs-kind-milestone",
    }


def test_deferred_example_has_its_banner(site):
    banner = page(site, "examples/deferred-dumps.html").select_one("div.specs-banner")
    assert "superseded by" in banner.get_text()


def test_docs_specs_json(site):
    data = json.loads((site / "specs.json").read_text())
    imported = sorted(k for k, v in data["specs"].items() if v.get("external"))
    assert imported == ["PLAT-0001", "PLAT-0002"]  # docs/guide/org-index.md
    assert (
        data["specs"]["PLAT-0001"]["url"]
        == "https://platform.example.com/specs/job-runner.html#plat-0001"
    )
    # the home page's own spec (index.md) depends on it too
    assert data["specs"]["SPEC-0042"]["links"]["needed_by"] == ["PLAT-0002", "SPEC-0060"]
    snippet_tags = {"snippets", "reviewing"}
    examples = sorted(
        k
        for k, v in data["specs"].items()
        if not snippet_tags & set(v["tags"]) and k not in imported
    )
    shapes = [f"SPEC-{n:04d}" for n in range(101, 117)]  # guide/existing-specs.md
    worked = ["SPEC-0007", "SPEC-0040", "SPEC-0042", "SPEC-0043", "SPEC-0050"]
    assert examples == [*worked, "SPEC-0060", *shapes]  # SPEC-0060: the home page's card
    assert data["specs"]["SPEC-0060"]["url"] == "index.html#spec-0060"
    # guide/evidence.md: the example's tests and code, read from docs/examples/evidence/
    drill = data["specs"]["SPEC-0050"]
    assert drill["evidence"] == {"tested": 3, "verified": 2, "failing": 1, "implemented": 2}
    assert [t["result"] for t in drill["items"]["D2"]["tests"]] == ["failed"]
    assert drill["items"]["R2"]["code"][0]["path"] == "docs/examples/evidence/src/drill.py"
    # the docs' snippets (docs/snippets/) are built where the guide includes them
    assert sorted(set(data["specs"]) - set(examples) - set(imported)) == [
        "SPEC-9001",
        "SPEC-9002",
        "SPEC-9003",
        "SPEC-9010",
    ]
    assert data["specs"]["SPEC-9001"]["url"] == "getting-started.html#spec-9001"
    plain = data["specs"]["SPEC-0043"]
    assert plain["links"]["related"] == ["SPEC-0042"] and plain["progress"] == {
        "done": 1,
        "total": 3,
    }
    assert data["specs"]["SPEC-0042"]["progress"] == {"done": 3, "total": 5}
    # the spec folder example counts its sub-page's item; the superseded one names its successor
    folder = data["specs"]["SPEC-0107"]
    assert folder["progress"] == {"done": 2, "total": 3}
    assert folder["items"]["decision-D1"]["url"] == (
        "examples/plain/0107-backup-retention/decision.html#decision-d1"
    )
    assert data["specs"]["SPEC-0110"]["links"]["superseded_by"] == ["SPEC-0043"]
    # the sources of guide/existing-specs.md: a header block, a status section and a date
    # line, a metadata file, Markdown in values
    header, section = data["specs"]["SPEC-0111"], data["specs"]["SPEC-0112"]
    assert header["created"] == "2024-07-05" and header["links"]["supersedes"] == ["SPEC-0102"]
    assert header["authors"] == ["Ann Lee <ann@example.org>", "Bob Stone <bob@example.org>"]
    assert (section["title"], section["status"], section["created"]) == (
        "Rotate backup encryption keys",
        "Accepted",
        "2024-07-09",
    )
    sidecar = data["specs"]["SPEC-0113"]
    assert sidecar["authors"] == ["@ann", "Bob Stone, Acme Inc"]
    assert sidecar["links"]["related"] == ["SPEC-0108"]
    assert sidecar["web_links"] == {
        "related": ["https://github.com/sphinx-specs/sphinx-specs/pull/12"]
    }
    values = data["specs"]["SPEC-0114"]
    assert (values["status"], values["status_note"], values["authors"]) == (
        "Accepted",
        "v2.2",
        ["Ann Lee", "Bob Stone"],
    )
    assert values["authors_note"] == "with review by the storage team"
    assert data["specs"]["SPEC-0109"]["authors"] == ["Ann Lee", "Cy Young"]
    # a heading between the metadata and the first section titles the spec
    assert data["specs"]["SPEC-0115"]["title"] == "Restores checked by a second person"
    # a byline of names, a month
    byline = data["specs"]["SPEC-0116"]
    assert (byline["authors"], byline["created"]) == (["Ann Lee", "Bob Stone"], "2024-03-01")
    assert byline["date_precision"] == {"created": "month"}
    assert byline["tags"] == ["backups", "disaster recovery", "regions"]  # a wrapped value
    # plain bullets whose bullet changes halfway: the issue after the change is read
    bullets = data["specs"]["SPEC-0102"]
    assert (bullets["status"], bullets["created"]) == ("Proposed", "2024-03-11")
    assert [i["url"] for i in bullets["issues"]] == [
        "https://github.com/sphinx-specs/sphinx-specs/issues/5"
    ]
    # its link to the repository's README, outside the docs, opens that file
    page = (site / "examples" / "plain" / "0114-markdown-values.html").read_text("utf-8")
    readme = re.search(r'class="reference download internal" download="" href="([^"]+)"', page)
    assert readme is not None and readme.group(1).endswith("/README.md")
    assert (site / "examples" / "plain" / readme.group(1)).is_file()


def test_reviewing_guide_example_meets_its_gates(site):
    data = json.loads((site / "specs.json").read_text())["specs"]["SPEC-9010"]
    assert data["url"] == "reviewing.html#spec-9010" or data["url"].endswith(
        "guide/reviewing.html#spec-9010"
    )
    assert data["gates"] == [] and [a["date"] for a in data["approvers"]] == [
        "2026-03-01",
        "2026-03-03",
        None,
    ]
    guide = page(site, "guide/reviewing.html")
    assert len(guide.select("tr.specs-row-approvers .specs-approval-mark")) == 2
    assert [td.get_text() for td in guide.select("td.specs-col-approvals")] == ["2 of 3"]
    templates = page(site, "reference/templates.html").get_text()
    assert (
        "Accepted: sections \u2018Proposed Solution / Design\u2019, questions_resolved" in templates
    )


def test_reference_tables_come_from_the_code(site):
    text = page(site, "reference/config.html").get_text()
    for name in ("specs_id_pattern", "specs_templates", "specs_fields", "specs_item_kinds"):
        assert name in text
    warnings = page(site, "reference/warnings.html").get_text()
    for subtype in ("id", "meta", "section", "placeholder", "ref", "dod", "cycle", "filter"):
        assert f"specs.{subtype}" in warnings
    templates = page(site, "reference/templates.html").get_text()
    assert "Under Review" in templates and "Monitoring and Observability" in templates


def test_sphinx_needs_page(site):
    html = page(site, "guide/sphinx-needs.html")
    tables = html.find_all("table")
    needtable = next(t for t in tables if "SPEC_0040" in t.get_text())
    ids = [tr.find("td").get_text(strip=True) for tr in needtable.select("tbody tr")]
    # the Accepted or Approved specs of the examples (the shapes of guide/existing-specs.md too)
    # and the status gates snippet (guide/reviewing)
    accepted = ["SPEC_0101", "SPEC_0105", "SPEC_0108", "SPEC_0109", "SPEC_0111", "SPEC_0112"]
    # SPEC_0050: guide/evidence.md
    accepted += ["SPEC_0114", "SPEC_0115", "SPEC_0116"]
    assert ids == ["SPEC_0040", "SPEC_0050", *accepted, "SPEC_9010"]
    assert html.select("a[href$='proposal-backups.html#SPEC_0042']")
    needs = json.loads((site / "needs.json").read_text())
    current = needs["versions"][needs["current_version"]]["needs"]
    assert current["SPEC_0042"]["type"] == "spec"
    assert current["SPEC_0042_D1"]["status"] == "done"
