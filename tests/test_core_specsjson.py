"""The text of specs.json (``core.jsontext``): sorted keys, a two-space indent, each test and code
marker of an item on one line; entries reused from an earlier build's text give the same text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

_TEXT = st.text(alphabet=st.sampled_from(["a", "\x00", "\\", "u", "0", '"', "\n", "é", "1"]))
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=12,
)
#: an item as specs.json has them: its tests and code are lists of objects (or, in a file that
#: is not ours, anything)
_ITEM = st.fixed_dictionaries(
    {"text": _TEXT},
    optional={"tests": st.lists(_JSON, max_size=3), "code": st.lists(_JSON, max_size=2)},
)
_ENTRY = st.fixed_dictionaries(
    {"title": _TEXT}, optional={"items": st.dictionaries(_TEXT, _ITEM, max_size=3), "x": _JSON}
) | st.dictionaries(_TEXT, _JSON, max_size=3)
_SPECS = st.dictionaries(_TEXT.filter(bool), _ENTRY, max_size=4)


@given(specs=_SPECS, project=_TEXT, earlier=_SPECS)
def test_specs_json_text_is_the_same_with_entries_reused(specs, project, earlier):
    """specs.json's text reads back as the document, and entries taken from an earlier build's
    text give the same text (NULs, backslashes and quotes in any string included)."""
    from sphinxcontrib_specs.core.jsontext import dumps, dumps_reusing

    data = {"version": 1, "project": project, "specs": specs}
    text = dumps(data)
    assert json.loads(text) == data
    assert text.endswith("}\n")
    _, made, _ = dumps_reusing({"version": 1, "project": "", "specs": {**earlier, **specs}}, {})
    assert dumps_reusing(data, made)[0] == text
    assert dumps_reusing(data, {key: 0 for key in made})[0] == text  # not our file


@given(specs=st.dictionaries(_TEXT.filter(bool), st.dictionaries(_TEXT, _JSON), max_size=4))
def test_specs_json_text_without_evidence_is_json_dumps_indented(specs):
    """Without tests or code rows the text is json.dumps' own, indented by two."""
    from sphinxcontrib_specs.core.jsontext import dumps

    data = {
        "version": 1,
        "project": "P",
        "specs": {k: {**v, "items": {}} for k, v in specs.items()},
    }
    assert dumps(data) == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_specs_json_tests_and_code_one_per_line():
    from sphinxcontrib_specs.core.jsontext import dumps

    test = {
        "name": "test_a",
        "classname": "t",
        "file": "",
        "result": "failed",
        "message": 'assert "x"\x00',
        "time": 0.5,
    }
    code = {"path": "src/a.py", "line": 3, "url": None}
    item = {"kind": "dod", "tests": [test, {**test, "name": "test_b"}], "code": [code]}
    data = {
        "version": 1,
        "project": "\x00\x00specs\x00\x00",
        "specs": {"S-1": {"items": {"D1": item}}},
    }
    text = dumps(data)
    assert json.loads(text) == data
    assert (
        '        "D1": {\n'
        '          "code": [\n'
        '            {"line": 3, "path": "src/a.py", "url": null}\n'
        "          ],\n"
        '          "kind": "dod",\n'
        '          "tests": [\n'
        '            {"classname": "t", "file": "", "message": "assert \\"x\\"\\u0000", '
        '"name": "test_a", "result": "failed", "time": 0.5},\n'
    ) in text


def test_specs_json_entries_found_are_not_made_again():
    from sphinxcontrib_specs.core.jsontext import dumps, dumps_reusing

    data = {"version": 1, "project": "P", "specs": {"SPEC-1": {"a": [1]}, "SPEC-2": {"b": 2}}}
    text, made, texts = dumps_reusing(data, {})
    assert text == dumps(data)
    assert sorted(made) == ['{"a":[1]}', '{"b":2}']
    marked = {'{"a":[1]}': "MARK"}
    again, now, _ = dumps_reusing(data, marked)
    assert '"SPEC-1": MARK,\n    "SPEC-2": {\n      "b": 2\n    }\n  },' in again
    assert now == {'{"a":[1]}': "MARK", '{"b":2}': made['{"b":2}']}
    assert texts == {"SPEC-1": made['{"a":[1]}'], "SPEC-2": made['{"b":2}']}


def test_specs_json_entries_given_as_their_text():
    """An entry the caller knows unchanged comes as the text an earlier build made of it."""
    from sphinxcontrib_specs.core.jsontext import Made, dumps, dumps_reusing

    data = {"version": 1, "project": "P", "specs": {"SPEC-1": {"a": [1]}, "SPEC-2": {"b": 2}}}
    text, _, texts = dumps_reusing(data, {})
    given = {**data, "specs": {"SPEC-1": Made(texts["SPEC-1"]), "SPEC-2": {"b": 2}}}
    again, now, again_texts = dumps_reusing(given, {})
    assert again == text == dumps(data)
    assert list(now) == ['{"b":2}']  # the given entry is not made again
    assert again_texts == texts


@pytest.mark.parametrize("project", ["\x00specs\x00", 'X"\x00specs\x00', "specs", "\x00\x00"])
def test_specs_json_text_with_a_project_named_like_its_slot(project):
    from sphinxcontrib_specs.core.jsontext import dumps

    data = {"version": 1, "project": project, "specs": {"SPEC-1": {"a": 1}}}
    assert dumps(data) == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
