"""The one full-target rule and the one anchor function (:mod:`sphinxcontrib_specs.core.ids`)."""

from __future__ import annotations

import re
import string

import pytest
from docutils.nodes import make_id
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.core.ids import anchor, full_target

SPECS = {"SPEC-0001", "SPEC-0002"}


@pytest.mark.parametrize(
    ("target", "owner", "expected"),
    [
        ("G1", "SPEC-0001", "SPEC-0001.G1"),  # relative: the item of the spec it is written in
        ("restore-fast", "SPEC-0001", "SPEC-0001.restore-fast"),
        ("SPEC-0002.G1", "SPEC-0001", "SPEC-0002.G1"),  # a dot: already full
        ("SPEC-0002", "SPEC-0001", "SPEC-0002"),  # a spec: stays
        ("G1", None, "G1"),  # no owner (a page without a spec): stays relative
    ],
)
def test_full_target(target, owner, expected):
    assert full_target(target, owner, SPECS.__contains__) == expected


def test_full_target_asks_the_caller_what_a_spec_id_is():
    # at read time the other pages are unknown: the ID pattern decides
    pattern = re.compile(r"^[A-Z]+-\d+$")
    assert full_target("ADR-7", "SPEC-0001", pattern.match) == "ADR-7"
    assert full_target("ADR-7", "SPEC-0001", SPECS.__contains__) == "SPEC-0001.ADR-7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SPEC-0001", "spec-0001"),
        ("SPEC-1.G2", "spec-1-g2"),
        ("ADR_12.restore-fast", "adr-12-restore-fast"),
        ("PEP 8", "pep-8"),
        ("1234", "spec"),  # docutils drops leading digits; nothing left
        ("Ärger-1", "arger-1"),
    ],
)
def test_anchor(text, expected):
    assert anchor(text) == expected


@settings(database=None, max_examples=300)
@given(st.text(alphabet=string.ascii_letters + string.digits + "-_. :/#", max_size=24))
def test_anchor_is_what_docutils_makes_of_an_ascii_id(text):
    assert anchor(text) == (make_id(text) or "spec")
