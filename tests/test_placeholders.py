"""``specs.placeholder`` without false alarms: a placeholder is a template's marker, not bracketed
prose, a test tag, a link or filled-in text, and its warning points at its own line (the rule of
:func:`.core.templates.sections.find_placeholders`, the collector's lines in MyST and
reStructuredText)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import build, copy_root, specs_warnings
from sphinxcontrib_specs.core.templates.builtin import PROPOSAL
from sphinxcontrib_specs.core.templates.sections import find_placeholders, locate_placeholders


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the template's own markers and hints
        ("Title: [Spec Title], on YYYY-MM-DD", ["[Spec Title]", "YYYY-MM-DD"]),
        ("- [Author Name]", ["[Author Name]"]),
        ("[Metric 1]: [Target]", ["[Metric 1]: [Target]"]),
        (
            "Explain why this change\n   is needed and what problem it solves.",
            ["Explain why this change is needed and what problem it solves."],
        ),
        # a fill-in noun ends the phrase, or stands alone
        ("See [Owner Team] for details", ["[Owner Team]"]),
        (
            "[API Name], [Release date], [Reviewers]",
            ["[API Name]", "[Release date]", "[Reviewers]"],
        ),
        ("Due [Date], see [TBD]", ["[Date]", "[TBD]"]),
        # a number or a letter ends it: the item placeholders of `sphinx-specs new`
        (
            "[Goal 1], [Non-goal 2], [Success metric 1]",
            ["[Goal 1]", "[Non-goal 2]", "[Success metric 1]"],
        ),
        ("[Option A]", ["[Option A]"]),
        # an instruction to the author starts it
        ("[Describe the problem] and [Your Name]", ["[Describe the problem]", "[Your Name]"]),
        # a marker, a colon and a marker are one, as the templates write a KPI
        ("- [Metric 3]: [Target]", ["[Metric 3]: [Target]"]),
        # a marker wrapped across lines is one, with its words joined
        ("leaves [Spec\n   Title] in", ["[Spec Title]"]),
        # a bare bracketed marker beside a link is still one
        ("[Owner Team] (see [the notes](https://x))", ["[Owner Team]"]),
    ],
)
def test_template_markers_are_found(text, found):
    assert find_placeholders(PROPOSAL, text) == found


@pytest.mark.parametrize(
    "text",
    [
        # link text and references (authors' names gave 753 warnings on one folder)
        "[Ann Lee](https://example.com/ann), [Bo Chen](https://example.com/bo)",
        "MUST follow [RFC 2119][rfc] here.\n\n[rfc]: https://www.rfc-editor.org/rfc/rfc2119",
        "[Design Doc]\n\n[design doc]: ./design.md",
        "[see the notes][Design Doc]",
        "![Architecture Diagram](arch.png), [[Wiki Page Name]], [CIT2002]_",
        # the template's own bracketed markers as link text are filled in
        "[Link](https://example.com/issue/1), [Author Name](mailto:a@example.com)",
        # test tags
        "[Disruptive] [Serial] [Slow] [Flaky] [NodeConformance] [LinuxOnly] [Conformance]",
        "[Feature:Snapshots] [NodeFeature:DevicePlugin] [Driver: local] [sig-storage]",
        # bracketed prose, names, citations, checkboxes
        "[x] done, [ ] open, [1], [12], a[i], [sic], [citation needed], [Editor's note: none]",
        "[Ann Lee] [Breaking Change] [Design Details] [RFC 7231] [ISO 8601] [HTTP API]",
        "[Alpha] [Beta] [Deprecated] [Optional]",
        # filled in
        "Metric 3: p99 latency under 200 ms",
    ],
)
def test_no_false_alarms(text):
    assert find_placeholders(PROPOSAL, text) == []


def test_a_template_marker_as_link_text_is_filled_in_but_bare_it_is_not():
    assert find_placeholders(PROPOSAL, "[Link](https://x) and [Link]") == ["[Link]"]


def test_the_template_own_markers_always_count():
    """A marker that the generic rule does not take (one word, no fill-in noun) is still found
    when the template lists it."""
    template = replace(PROPOSAL, placeholders=(*PROPOSAL.placeholders, "[Component]"))
    assert find_placeholders(template, "[Component] and [Disruptive]") == ["[Component]"]
    assert find_placeholders(PROPOSAL, "[Component]") == []


def test_in_a_table_cell_only_the_template_markers_count():
    assert find_placeholders(PROPOSAL, "[Owner Team] [Spec Title]", generic=False) == [
        "[Spec Title]"
    ]


def test_offsets_are_in_the_text_as_written():
    text = "Straße\n  and\n [Author   Name] left,\nthen [Owner Team] and YYYY-MM-DD"
    located = locate_placeholders(PROPOSAL, text)
    assert [(marker, text[offset:].split("\n")[0]) for marker, offset in located] == [
        ("[Author Name]", "[Author   Name] left,"),
        ("YYYY-MM-DD", "YYYY-MM-DD"),
        ("[Owner Team]", "[Owner Team] and YYYY-MM-DD"),
    ]
    assert [text.count("\n", 0, offset) for _, offset in located] == [2, 3, 3]


def test_placeholders():
    assert find_placeholders(PROPOSAL, "Title: [Spec Title], on YYYY-MM-DD") == [
        "[Spec Title]",
        "YYYY-MM-DD",
    ]
    assert find_placeholders(PROPOSAL, "[Metric 1]: [Target]") == ["[Metric 1]: [Target]"]
    hint = "Explain why this change\n is needed and what problem it solves."
    assert find_placeholders(PROPOSAL, hint) == [
        "Explain why this change is needed and what problem it solves."
    ]
    assert find_placeholders(PROPOSAL, "See [Owner Team] for details") == ["[Owner Team]"]
    assert find_placeholders(PROPOSAL, "- [x] done, [ ] open, [RFC 7231], a[i]") == []


# -- a real build: the exact warnings, MyST and reStructuredText ----------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("placeholders", tmp_path_factory.mktemp("placeholders")))


#: (file, line, message): every warning of tests/roots/test-placeholders. Each page mixes true
#: placeholders with links, test tags, names and bracketed prose that must stay silent.
EXPECTED = [
    ("myst.md", 3, "template placeholder '[Team Name]' left in :team:"),
    # in the spec's abstract: the second line of its paragraph, not the spec's line
    ("myst.md", 9, "template placeholder '[Owner Team]' left in"),
    # the fifth line of a paragraph, the second line of a list item
    ("myst.md", 18, "template placeholder '[Spec Title]' left in"),
    ("myst.md", 22, "template placeholder '[Metric 3]: [Target]' left in"),
    ("myst.md", 23, "template placeholder '[Goal 1]' left in"),
    # a table row: only the template's own marker, at the row's line
    ("myst.md", 28, "template placeholder '[Author Name]' left in"),
    # the section's hint, from the line it starts on
    ("myst.md", 31, "template placeholder 'Say how the change is tested.' left in"),
    ("rest.rst", 4, "template placeholder '[Team Name]' left in :team:"),
    ("rest.rst", 10, "template placeholder '[Owner Team]' left in"),
    ("rest.rst", 19, "template placeholder '[Spec Title]' left in"),
    ("rest.rst", 23, "template placeholder '[Metric 3]: [Target]' left in"),
    ("rest.rst", 24, "template placeholder '[Goal 1]' left in"),
    ("rest.rst", 30, "template placeholder '[Author Name]' left in"),
    ("rest.rst", 34, "template placeholder 'Say how the change is tested.' left in"),
]


def test_build_warns_each_placeholder_at_its_own_line_and_nothing_else(app):
    warnings = specs_warnings(app)
    assert {(w.type, w.subtype) for w in warnings} == {("specs", "placeholder")}
    found = sorted((w.where[0], w.line, w.message) for w in warnings)
    assert found == sorted(EXPECTED)
