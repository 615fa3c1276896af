"""The specs_* configuration values, and what a bad value does (a warning and the default)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, copy_root, load_json, specs_warnings, warnings_of


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("config", tmp_path_factory.mktemp("config")))


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def test_warnings_follow_the_configuration(app):
    assert {w.where for w in warnings_of(app)} == {
        ("rfc1.md", 30, "placeholder"),  # the rfc template's own placeholder
        ("rfc3.md", 3, "id"),  # specs_id_pattern
        ("rfc3.md", 3, "meta"),  # a required specs_fields field
        ("rfc3.md", 3, "section"),  # a required child section of the rfc template
    }
    messages = " ".join(w.message for w in warnings_of(app))
    assert "'TODO(author)'" in messages
    assert "the field :priority: is required" in messages
    assert "lacks the section 'Syntax' that the rfc template requires" in messages


def test_custom_template_labels_and_status(app):
    card = page(app, "rfc1.html").select_one("div.specs-card")
    labels = [td.get_text() for td in card.select("td.specs-label")]
    # the rfc template renames Status and Authors; extra fields follow, in specs_fields order
    assert labels == [
        "Stage",
        "Editors",
        "Related Issues",
        "Priority",
        "Review date",
        "Owners",
        "Blocks",
    ]
    assert card.select_one(".specs-badge").get_text() == "Final"
    author = card.select_one("a.specs-author")
    assert author["href"] == "https://gitlab.example.com/ann"
    issue = card.select_one("a.specs-issue")
    assert issue["href"] == "https://gitlab.example.com/team/app/-/issues/5"


def test_extra_fields_render_and_export(app):
    rows = {
        tr.select_one(".specs-label").get_text(): tr.select_one(".specs-value").get_text()
        for tr in page(app, "rfc1.html").select("div.specs-card tbody tr")
    }
    assert rows["Priority"] == "high"
    assert rows["Review date"] == "2026-05-01"
    assert rows["Owners"] == "Ann, Ben"
    assert rows["Blocks"] == "RFC-002"
    link = page(app, "rfc1.html").select_one("tr.specs-row-field-blocks a")
    assert link["href"] == "rfc2.html#rfc-002"
    data = load_json(app)["specs"]["RFC-001"]
    assert data["fields"] == {
        "priority": "high",
        "review-date": "2026-05-01",
        "owners": ["Ann", "Ben"],
        "blocks": ["RFC-002"],
    }


def test_custom_item_kinds(app):
    items = load_json(app)["specs"]["RFC-001"]["items"]
    assert items["A1"]["kind"] == "assumption" and items["A1"]["checked"] is None
    assert items["T1"]["kind"] == "task" and items["T1"]["checked"] is True
    html = page(app, "rfc1.html")
    assert len(html.select("div.specs-kind-task input.specs-checkbox")) == 2
    assert html.select("div.specs-kind-assumption input") == []


def test_changed_builtin_template(app):
    data = load_json(app)["specs"]["RFC-002"]
    assert data["template"] == "proposal" and data["status"] == "Rejected"
    banner = page(app, "rfc2.html").select_one("div.specs-banner")
    assert "specs-banner-inactive" in banner["class"]
    assert banner.select_one(".admonition-title").get_text() == "Rejected"


def test_specs_json_can_be_turned_off(tmp_path):
    app = build(copy_root("basic", tmp_path), specs_json=False)
    assert not (Path(app.outdir) / "specs.json").exists()


BAD_VALUES = [
    ("specs_id_pattern", "([unclosed", "is not a regular expression"),
    ("specs_templates", {"x": {"sections": []}}, "the new template 'x' needs 'statuses'"),
    ("specs_templates", {"proposal": {"done": ["Nope"]}}, "'Nope' is not one of its statuses"),
    ("specs_templates", {"proposal": {"colour": "red"}}, "unknown keys ['colour']"),
    (
        "specs_templates",
        {"proposal": {"stale_after": {"Draft": -1}}},
        "template 'proposal': stale_after['Draft'] is -1, not a whole number of days > 0; "
        "write e.g. {'Draft': 60}",
    ),
    ("specs_default_template", "nope", "specs_default_template 'nope' is not a template"),
    ("specs_fields", [{"type": "text"}], "needs a 'name'"),
    ("specs_fields", [{"name": "x", "type": "number"}], "type 'number' is not one of"),
    ("specs_item_kinds", [{"directive": "x"}], "needs 'directive', 'kind' and 'prefix'"),
    ("specs_item_kinds", [{"directive": "x", "kind": "x", "prefix": "x1"}], "must be capital"),
    ("specs_author_url", "https://x/{user}", "cannot be formatted"),
    ("specs_default_repo", 42, "specs_default_repo must be str"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES)
def test_bad_config_value_warns_and_uses_the_default(tmp_path, name, value, message):
    app = build(copy_root("basic", tmp_path), **{name: value})
    config = [w for w in specs_warnings(app) if w.subtype == "config"]
    assert len(config) == 1, warnings_of(app)
    assert message in config[0].message and "using the default" in config[0].message
    # the project still builds, with the default in place of the bad value
    assert app.statuscode == 0
    assert "SPEC-0042" in load_json(app)["specs"]


def test_the_settings_are_parsed_once_a_build(tmp_path, monkeypatch):
    """Every reader (directives, domain, checks, git, the needs bridge) shares one parse."""
    import sphinxcontrib_specs.config as config_module

    calls = []
    parse = config_module.parse_settings

    def counted(config):
        calls.append(config)
        return parse(config)

    monkeypatch.setattr(config_module, "parse_settings", counted)
    app = build(copy_root("config", tmp_path), specs_git="no", specs_suspect_warnings="1")
    assert len(calls) == 1
    settings = config_module.settings_of(app.config)
    # strings as -D gives them are read as booleans
    assert (settings.git, settings.suspect_warnings, settings.needs_bridge) == ("off", True, True)
