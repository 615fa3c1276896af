"""The templates' section titles and sections (``core.templates.titles``, ``.sections``): a written
heading matches the template's title in its many spellings, and a missing section is reported
once, under its parent."""

from __future__ import annotations

import pytest

from sphinxcontrib_specs.core.model import Heading
from sphinxcontrib_specs.core.templates.builtin import PROPOSAL, TECHNICAL
from sphinxcontrib_specs.core.templates.sections import missing_sections
from sphinxcontrib_specs.core.templates.titles import normalize_title, title_variants


@pytest.mark.parametrize(
    ("written", "template"),
    [
        ("## 3. Goals & Non-Goals", "Goals & Non-Goals"),
        ("Goals and non-goals", "Goals & Non-Goals"),
        ("4.2 Data Model", "Data Model"),
        ("Proposed Solution", "Proposed Solution / Design"),
        ("Design", "Proposed Solution / Design"),
        ("Proposed Solution / Design", "Proposed Solution / Design"),
        ("Current Solution", "Current Solution (if applicable)"),
        ("Phases", "Phases/Milestones"),
        ("IV. Architecture", "Architecture"),
        ("A) Summary", "Summary"),
    ],
)
def test_title_matching(written, template):
    assert normalize_title(written.lstrip("# ")) in title_variants(template)


@pytest.mark.parametrize(
    ("written", "template"),
    [("Motivation & Background", "Motivation"), ("Goals", "Goals & Non-Goals"), ("", "Summary")],
)
def test_title_not_matching(written, template):
    assert normalize_title(written) not in title_variants(template)


def test_a_title_that_is_only_a_word_keeps_it():
    assert normalize_title("A") == "a"
    assert normalize_title("2026") == "2026"


def test_missing_sections_follow_nesting():
    headings = [
        Heading("Introduction", 0, None),
        Heading("Problem Overview", 1, 0),
        Heading("Proposed Solution", 0, None),
        Heading("Overview", 1, 2),
        Heading("Goals and Requirements", 0, None),  # at the wrong level: not under Introduction
    ]
    missing = missing_sections(TECHNICAL, headings)
    assert "Goals and Requirements" in missing
    assert "Problem Overview" not in missing and "Overview" not in missing
    # a missing parent is reported once, not with each of its children
    assert "Architecture" in missing and "System Components" not in missing


def test_all_proposal_sections_present():
    titles = ["Summary", "Motivation", "Goals & Non-Goals", "Design", "Definition of Done"]
    assert missing_sections(PROPOSAL, [Heading(t, 0, None) for t in titles]) == []
