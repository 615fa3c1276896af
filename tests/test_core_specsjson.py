"""The text of specs.json (``core.specsjson``): entries reused from an earlier build's text give
``json.dumps``' text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@given(
    specs=st.dictionaries(st.text(min_size=1), st.dictionaries(st.text(), _JSON), max_size=5),
    project=st.text(),
    earlier=st.dictionaries(st.text(min_size=1), st.dictionaries(st.text(), _JSON), max_size=3),
)
def test_specs_json_text_is_the_same_with_entries_reused(specs, project, earlier):
    """specs.json's entries taken from an earlier build's text give json.dumps' text."""
    from sphinxcontrib_specs.core.specsjson import dumps, dumps_reusing

    data = {"version": 1, "project": project, "specs": specs}
    _, made = dumps_reusing({"version": 1, "project": "", "specs": {**earlier, **specs}}, {})
    assert dumps_reusing(data, {})[0] == dumps(data)
    assert dumps_reusing(data, made)[0] == dumps(data)
    assert dumps_reusing(data, {key: 0 for key in made})[0] == dumps(data)  # not our file


def test_specs_json_entries_found_are_not_made_again():
    from sphinxcontrib_specs.core.specsjson import dumps, dumps_reusing

    data = {"version": 1, "project": "P", "specs": {"SPEC-1": {"a": [1]}, "SPEC-2": {"b": 2}}}
    text, made = dumps_reusing(data, {})
    assert text == dumps(data)
    assert sorted(made) == ['{"a":[1]}', '{"b":2}']
    marked = {'{"a":[1]}': "MARK"}
    again, now = dumps_reusing(data, marked)
    assert '"SPEC-1": MARK,\n    "SPEC-2": {\n      "b": 2\n    }\n  },' in again
    assert now == {'{"a":[1]}': "MARK", '{"b":2}': made['{"b":2}']}


@pytest.mark.parametrize("project", ["\x00specs\x00", 'X"\x00specs\x00', "specs"])
def test_specs_json_text_with_a_project_named_like_its_slot(project):
    from sphinxcontrib_specs.core.specsjson import dumps, dumps_reusing

    data = {"version": 1, "project": project, "specs": {"SPEC-1": {"a": 1}}}
    assert dumps_reusing(data, {})[0] == dumps(data)
