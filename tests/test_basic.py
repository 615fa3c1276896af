"""A clean project: the card, banner, items, roles, specs.json and objects.inv."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

from conftest import build, copy_root, load_json, warnings_of
from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH
from sphinxcontrib_specs.render.lightcard import SKIPS_NO_SEARCH


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def card_rows(page: BeautifulSoup, spec_id: str) -> dict[str, str]:
    card = page.select_one(f"div.specs-card[id='{spec_id.lower()}']")
    assert card is not None, f"no card for {spec_id}"
    return {
        row.select_one("td.specs-label").get_text(): " ".join(
            row.select_one("td.specs-value").get_text().split()
        )
        for row in card.select("tbody tr")
    }


@pytest.fixture(scope="module")
def built(clean_build):
    return clean_build("basic", "html")  # test_allbuilders' build


def test_clean_project_builds_without_warnings(built):
    assert warnings_of(built) == []
    assert "Traceback" not in built.warning.getvalue()


def test_card_shows_every_field(built):
    page = soup(built, "backups.html")
    rows = card_rows(page, "SPEC-0042")
    assert rows == {
        "Status": "Under Review",
        "Authors": "@alice, Bob Smith",
        "Team": "Storage",
        "Created": "2026-01-15",
        "Last Updated": "2026-02-01",
        "Related Issues": "acme/db#123, GH-456",
        "Tags": "backup, storage",
        "Supersedes": "SPEC-0007",
        "Depends on": "SPEC-0040",
        "Related": "SPEC-0011",
        "Definition of Done": "2 of 3 done",
    }
    card = page.select_one("div.specs-card")
    assert "specs-status-under-review" in card["class"]
    heading = card.select_one("th.specs-card-heading").get_text(" ", strip=True)
    assert heading == "SPEC-0042 Scheduled backups for database clusters"
    badge = card.select_one(".specs-badge")
    assert badge.get_text() == "Under Review"
    assert "specs-status-under-review" in badge["class"]
    authors = {a.get_text(): a["href"] for a in card.select("a.specs-author")}
    assert authors == {"@alice": "https://github.com/alice"}
    issues = {a.get_text(): a["href"] for a in card.select("a.specs-issue")}
    assert issues == {
        "acme/db#123": "https://github.com/acme/db/issues/123",
        "GH-456": "https://github.com/acme/db/issues/456",
    }
    depends = card.select_one("tr.specs-row-depends-on a")
    assert depends["href"] == "restore.html#spec-0040"
    assert depends["title"] == "Restore service (Approved)"
    bar = card.select_one(".specs-progress-bar")
    assert bar["aria-valuenow"] == "2" and bar["aria-valuemax"] == "3"
    assert card.select_one(".specs-abstract").get_text(strip=True).startswith("Nightly, encrypted")


def test_reverse_links_on_other_cards(built):
    restore = card_rows(soup(built, "restore.html"), "SPEC-0040")
    assert restore["Needed by"] == "SPEC-0042"
    assert restore["Referenced by"] == "SPEC-0042"
    assert restore["Author(s)"] == "@carol, @dave"  # technical template's label
    assert restore["Status"] == "Approved"  # template spelling of "approved"
    retention = card_rows(soup(built, "retention.html"), "SPEC-0011")
    assert retention["Related"] == "SPEC-0042"
    legacy = card_rows(soup(built, "legacy.html"), "SPEC-0007")
    assert legacy["Superseded by"] == "SPEC-0042"


def test_banner_on_superseded_spec(built):
    page = soup(built, "legacy.html")
    banner = page.select_one("div.specs-banner")
    assert banner is not None
    assert "specs-banner-superseded" in banner["class"]
    assert banner.select_one(".admonition-title").get_text() == "Superseded"
    link = banner.select_one("a.reference")
    assert link.get_text() == "SPEC-0042" and link["href"] == "backups.html#spec-0042"
    assert "Its status is Deferred" in banner.get_text()
    # the banner stands right under the page title, before the card
    section = page.select_one("section")
    assert [c.name for c in section.find_all(recursive=False)][:3] == ["h1", "div", "div"]
    assert "specs-banner" in section.find_all(recursive=False)[1]["class"]
    # no banner on an active spec that nothing supersedes
    assert soup(built, "backups.html").select_one("div.specs-banner") is None


def test_items_get_ids_checkboxes_and_anchors(built):
    page = soup(built, "backups.html")
    items = [
        (li.select_one(".specs-item-id").get_text(), li.select_one("span.target")["id"])
        for li in page.select("li.specs-item")
    ]
    assert items == [
        ("G1", "spec-0042-g1"),
        ("encrypt", "spec-0042-encrypt"),
        ("NG1", "spec-0042-ng1"),
        ("D1", "spec-0042-d1"),
        ("D2", "spec-0042-d2"),
        ("D3", "spec-0042-d3"),
        ("Q1", "spec-0042-q1"),
        ("Q2", "spec-0042-q2"),
    ]
    boxes = [
        (box.get("checked") is not None, box["aria-label"])
        for box in page.select("div.specs-kind-dod input.specs-checkbox")
    ]
    assert boxes == [(True, "done"), (False, "not done"), (True, "done")]
    assert all(box.has_attr("disabled") for box in page.select("input.specs-checkbox"))
    # goals have no checkbox
    assert page.select("div.specs-kind-goal input") == []
    # the raw tasklist checkbox of MyST is replaced, not duplicated
    assert len(page.select("input[type=checkbox]")) == 5


@pytest.mark.skipif(not SKIPS_NO_SEARCH, reason="Sphinx before 8.2 indexes every class")
def test_item_id_labels_are_not_in_the_search_index(built):
    """Every spec has a G1: the labels are left out of the search index, the items' words not."""
    text = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    assert "ng1" not in terms and "q2" not in terms and "d3" not in terms
    assert "snapshot" in terms  # "Snapshots encrypted with the cluster key", the item D3
    # a {covers} link's text stays searchable: G1 is a target named on the page
    assert "g1" in terms


def test_roles_link_with_tooltips(built):
    page = soup(built, "index.html")
    links = {a.get_text(): (a["href"], a.get("title")) for a in page.select("a.reference.internal")}
    assert links["SPEC-0042"] == (
        "backups.html#spec-0042",
        "Scheduled backups for database clusters (Under Review)",
    )
    assert links["the restore goal"][0] == "backups.html#spec-0042-g1"
    assert links["the restore goal"][1].startswith("SPEC-0042.G1: Restore any cluster")
    covers = soup(built, "backups.html").select("div.specs-kind-dod .specs-covers a")
    assert [(a.get_text(), a["href"]) for a in covers] == [
        ("G1", "#spec-0042-g1"),
        ("G1", "#spec-0042-g1"),
        ("encrypt", "#spec-0042-encrypt"),
        ("encrypt", "#spec-0042-encrypt"),
        ("SPEC-0040.R1", "restore.html#spec-0040-r1"),
    ]
    issue = soup(built, "backups.html").select_one("div.specs-kind-dod a.specs-issue")
    assert (issue.get_text(), issue["href"]) == ("#789", "https://github.com/acme/db/issues/789")


def test_specs_json(built):
    data = load_json(built)
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.validate(data, schema)
    assert data["version"] == 1 and data["project"] == "Basic specs"
    assert sorted(data["specs"]) == ["SPEC-0007", "SPEC-0011", "SPEC-0040", "SPEC-0042"]
    spec = data["specs"]["SPEC-0042"]
    assert spec["status"] == "Under Review"
    assert spec["authors"] == ["@alice", "Bob Smith"]
    assert spec["url"] == "backups.html#spec-0042"
    assert spec["links"] == {
        "supersedes": ["SPEC-0007"],
        "depends_on": ["SPEC-0040"],
        "related": ["SPEC-0011"],
        "superseded_by": [],
        "needed_by": [],
        "referenced_by": [],
    }
    assert spec["sections"] == [
        "Summary",
        "Motivation",
        "Goals & Non-Goals",
        "Proposed Solution",
        "Definition of Done",
        "Open Questions",
    ]
    assert spec["progress"] == {"done": 2, "total": 3}
    assert spec["items"]["D1"] == {
        "kind": "dod",
        "text": "Restore path covered by integration tests #789",
        "checked": True,
        "covers": ["SPEC-0042.G1"],
        "issues": [{"text": "#789", "url": "https://github.com/acme/db/issues/789"}],
        "url": "backups.html#spec-0042-d1",
    }
    assert spec["items"]["D3"]["covers"] == ["SPEC-0042.encrypt", "SPEC-0040.R1"]
    assert spec["items"]["G1"]["checked"] is None
    assert spec["items"]["encrypt"]["text"] == "Keep backups encrypted at rest."
    assert spec["items"]["Q1"] == {
        "kind": "question",
        "text": "Which object stores do we support first?",
        "checked": True,
        "covers": [],
        "issues": [],
        "url": "backups.html#spec-0042-q1",
    }
    restore = data["specs"]["SPEC-0040"]
    assert restore["authors"] == ["@carol", "@dave"]
    assert restore["template"] == "technical"
    assert restore["links"]["needed_by"] == ["SPEC-0042"]
    assert restore["links"]["referenced_by"] == ["SPEC-0042"]
    # keys are sorted in the file; kinds and IDs as written
    assert {key: item["kind"] for key, item in restore["items"].items()} == {
        "R1": "requirement",
        "R-auth": "requirement",
        "K1": "kpi",
        "M1": "milestone",
        "M2": "milestone",
        "RK1": "risk",
    }
    assert restore["items"]["M1"]["checked"] is True
    assert restore["items"]["M2"]["checked"] is False
    assert restore["items"]["K1"]["text"] == "Restore time (p95): under 5 minutes"


def test_specs_json_is_deterministic(built, tmp_path):
    first = (Path(built.outdir) / "specs.json").read_bytes()
    again = build(copy_root("basic", tmp_path))
    assert (Path(again.outdir) / "specs.json").read_bytes() == first


def test_objects_inv_lists_specs_and_items(built):
    with (Path(built.outdir) / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "https://example.org", lambda base, uri: f"{base}/{uri}")
    data = inventory.data if hasattr(inventory, "data") else inventory
    specs = data["specs:spec"]
    items = data["specs:item"]
    assert sorted(specs) == ["SPEC-0007", "SPEC-0011", "SPEC-0040", "SPEC-0042"]
    assert "SPEC-0042.G1" in items and "SPEC-0040.R-auth" in items
    entry = specs["SPEC-0042"]
    uri = entry.uri if hasattr(entry, "uri") else entry[2]
    assert uri == "https://example.org/backups.html#spec-0042"


def test_the_search_page_lists_specs_as_objects_and_items_by_their_text(built):
    """Every spec has a G1: items are not objects of the search page (priority -1), as their
    labels are not terms; a spec is, and its items' words are terms."""
    text = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    names = {name for entries in index["objects"].values() for *_, name in entries}
    assert {"SPEC-0007", "SPEC-0011", "SPEC-0040", "SPEC-0042"} <= names
    assert "G1" not in names and "R-auth" not in names
    assert "snapshot" in index["terms"]
