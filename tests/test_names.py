"""Names that don't collide: our item directives never replace another extension's
directive silently; their ``spec-`` names always work."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_root, load_json, specs_warnings, warnings_of


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("names", tmp_path_factory.mktemp("names")))


def test_a_clash_is_a_config_warning_naming_the_other_directive_and_the_alias(app):
    config = [w for w in specs_warnings(app) if w.subtype == "config"]
    assert len(config) == 1, warnings_of(app)
    message = config[0].message
    assert "'goals'" in message and "goals_ext.OtherGoals" in message
    assert "'spec-goals'" in message
    assert [w for w in warnings_of(app) if w.subtype != "config"] == []


def test_the_other_extension_keeps_its_directive(app):
    html = (Path(app.outdir) / "backups.html").read_text(encoding="utf-8")
    assert "<p>OTHER: the other extension goals</p>" in html


def test_prefixed_and_free_short_names_make_items(app):
    items = load_json(app)["specs"]["SPEC-0042"]["items"]
    assert {key: (item["kind"], item["checked"]) for key, item in items.items()} == {
        "G1": ("goal", None),
        "D1": ("dod", True),
        "D2": ("dod", False),
        "D3": ("dod", False),
        "A1": ("assumption", None),
    }
    assert items["D3"]["covers"] == ["SPEC-0042.A1"]
    html = (Path(app.outdir) / "backups.html").read_text(encoding="utf-8")
    assert html.count('type="checkbox"') == 3
    assert "1 of 3 done" in html


def test_without_a_clash_both_names_work_and_nothing_is_said(tmp_path):
    src = copy_root("names", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('"goals_ext", ', ""))
    page = src / "backups.md"
    page.write_text(page.read_text().replace("the other extension goals", "- Keep it cheap."))
    app = build(src)
    assert warnings_of(app) == []
    items = load_json(app)["specs"]["SPEC-0042"]["items"]
    assert (items["G2"]["kind"], items["G2"]["text"]) == ("goal", "Keep it cheap.")


def test_spec_stays_ours_and_says_what_it_replaced(tmp_path):
    src = copy_root("names", tmp_path)
    (src / "spec_ext.py").write_text(
        "from docutils.parsers.rst import Directive\n\n"
        "class OtherSpec(Directive):\n"
        "    has_content = True\n\n"
        "    def run(self):\n"
        "        return []\n\n"
        "def setup(app):\n"
        '    app.add_directive("spec", OtherSpec)\n'
        '    return {"parallel_read_safe": True}\n'
    )
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('"goals_ext", ', '"spec_ext", '))
    page = src / "backups.md"
    page.write_text(page.read_text().replace("the other extension goals", "- Keep it cheap."))
    app = build(src)
    messages = [w.message for w in specs_warnings(app)]
    assert len(messages) == 1 and "'spec'" in messages[0] and "spec_ext.OtherSpec" in messages[0]
    assert "replaces it" in messages[0]
    assert load_json(app)["specs"]["SPEC-0042"]["title"] == "Scheduled backups"
