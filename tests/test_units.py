"""The pure parts: title matching, placeholders, issues, authors, dates, cycles, URLs, the HTML
escaping of the reports, the text of specs.json."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_specs.cli import main
from sphinxcontrib_specs.core.model import (
    IssueError,
    is_safe_url,
    parse_authors,
    parse_date,
    parse_issue,
    split_issues,
)
from sphinxcontrib_specs.core.templates.load import PROPOSAL, TECHNICAL
from sphinxcontrib_specs.core.templates.sections import (
    Heading,
    find_placeholders,
    missing_sections,
    normalize_title,
    title_variants,
)
from sphinxcontrib_specs.read.checks import find_cycles


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


@pytest.mark.parametrize(
    ("text", "shown", "url"),
    [
        ("acme/db#12", "acme/db#12", "https://github.com/acme/db/issues/12"),
        ("[acme/db#12]", "acme/db#12", "https://github.com/acme/db/issues/12"),
        ("GH-7", "GH-7", "https://github.com/def/repo/issues/7"),
        ("#7", "#7", "https://github.com/def/repo/issues/7"),
        ("[the bug](https://bugs.example.org/1)", "the bug", "https://bugs.example.org/1"),
        ("https://github.com/a/b/issues/3", "a/b#3", "https://github.com/a/b/issues/3"),
        ("https://jira.example.org/X-1", "https://jira.example.org/X-1", None),
    ],
)
def test_issue_forms(text, shown, url):
    issue = parse_issue(
        text, default_repo="def/repo", url_template="https://github.com/{repo}/issues/{number}"
    )
    assert issue.text == shown
    assert issue.url == (url or text)


@pytest.mark.parametrize(
    "text", ["javascript:alert(1)", "[x](javascript:alert(1))", "acme#1", "GH-x", "12"]
)
def test_bad_issue_forms(text):
    with pytest.raises(IssueError):
        parse_issue(text, default_repo="d/r", url_template="https://x/{repo}/{number}")


def test_short_issue_needs_a_default_repo():
    with pytest.raises(IssueError, match="specs_default_repo"):
        parse_issue("GH-1", default_repo="", url_template="https://x/{repo}/{number}")


@pytest.mark.parametrize("value", ["", "TBD", "_TBD_", "  tbd ", None])
def test_no_issues(value):
    assert split_issues(value) == []


@pytest.mark.parametrize(
    ("value", "authors"),
    [
        ("@alice, Bob Smith", ["@alice", "Bob Smith"]),
        ("@alice @bob", ["@alice", "@bob"]),
        ("Bob Smith", ["Bob Smith"]),
        ("@alice Bob", ["@alice Bob"]),
        ("", []),
    ],
)
def test_authors(value, authors):
    assert parse_authors(value) == authors


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2026-01-15", True), ("2026-02-30", False), ("2026-1-5", False), ("x", False)],
)
def test_dates(value, ok):
    assert (parse_date(value) is not None) == ok


def test_cycles_are_found_once_each():
    edges = {"A": ["B"], "B": ["C"], "C": ["A"], "D": ["E"], "E": ["D"], "F": ["A"]}
    assert find_cycles(edges) == [["A", "B", "C"], ["D", "E"]]


def test_long_chains_do_not_recurse():
    chain = {f"S{i}": [f"S{i + 1}"] for i in range(5000)}
    chain["S5000"] = ["S0"]
    cycles = find_cycles(chain)
    assert len(cycles) == 1 and len(cycles[0]) == 5001


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org", True),
        ("http://x.org", True),
        ("mailto:a@b.c", True),
        ("page.html#x", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
    ],
)
def test_safe_urls(url, safe):
    assert is_safe_url(url) == safe


def test_cli_without_a_command_prints_help(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("new", "lint", "report", "adopt"))


@pytest.mark.parametrize(
    ("name", "attributes", "empty"),
    [
        ("a", {"href": "spec0001.html#a", "title": 'SPEC-1: "Tabs" & <more>'}, False),
        ("td", {"CLASS": "specs-col-status"}, False),
        ("tr", {"CLASS": "specs-inactive  specs-row specs-inactive"}, False),
        ("span", {"CLASS": "", "data-sort": "0.5000"}, False),
        ("SPAN", {"role": "progressbar", "aria-valuenow": "3", "style": "width: 60%"}, False),
        ("a", {"href": "mailto:ann@example.org", "title": "line\nbreak\tand tab"}, False),
        ("input", {"type": "checkbox", "checked": "checked", "CLASS": "specs-checkbox"}, True),
        ("code", {"CLASS": "language-python literal"}, False),
    ],
)
@pytest.mark.parametrize("mailto", [False, True])
def test_start_tag_writes_what_starttag_writes(name, attributes, empty, mailto):
    """The report visitors' own tag builder gives docutils' text for a tag of no node."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import start_tag

    settings = get_default_settings(Writer)
    settings.cloak_email_addresses = True
    translator = HTMLTranslator(new_document("<test>", settings))  # Sphinx's translator's base
    translator.in_mailto = mailto
    expected = translator.starttag(nodes.inline(), name, "", empty, **attributes)
    assert start_tag(translator, name, attributes, empty=empty) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Keep backups in object storage",
        'Tabs\tand "quotes" & <tags> @ once',
        "line\nbreak\r\x0bvertical\x0cfeed",
        "non\u00a0breaking, caf\u00e9, \u65e5\u672c\u8a9e, \u2026",
        "&amp; already an entity",
        "",
    ],
)
def test_encode_and_attval_write_what_the_translator_writes(text):
    """The report visitors' escaping gives the translator's own text."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import attval, encode

    translator = HTMLTranslator(new_document("<test>", get_default_settings(Writer)))
    assert encode(translator, text) == translator.encode(text)
    assert attval(translator, text) == translator.attval(text)


def test_a_translator_with_its_own_escaping_or_tags_keeps_them():
    """A theme's translator that escapes or writes tags its own way is used as it is."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import attval, encode, start_tag

    class OwnEscaping(HTMLTranslator):
        def encode(self, text):
            return super().encode(text).upper()

    class OwnTags(HTMLTranslator):
        def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
            return super().starttag(node, tagname, suffix, empty, **attributes, role="x")

    document = new_document("<test>", get_default_settings(Writer))
    escaping = OwnEscaping(document)
    assert encode(escaping, "a & b") == "A &AMP; B"
    assert attval(escaping, "a & b") == "A &AMP; B"
    assert start_tag(escaping, "td", {"title": "t"}) == '<td title="T">'
    tags = OwnTags(document)
    assert start_tag(tags, "td", {"CLASS": "c"}) == '<td class="c" role="x">'
    assert encode(tags, "a & b") == "a &amp; b"


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


def test_doc_records_pickle_per_page_and_reuse_the_bytes_they_were_loaded_from():
    import copy
    import pickle

    from sphinxcontrib_specs.core.model import DocRecord, ItemRecord, RefRecord, SpecRecord
    from sphinxcontrib_specs.core.store import DocRecords
    from sphinxcontrib_specs.read.domain import SpecsDomain

    spec = SpecRecord(id="SPEC-1", docname="a", lineno=1, anchor="spec-1", tags=["x", "y"])
    spec.items["G1"] = ItemRecord("G1", "goals", "Text", None, 3, "spec-1-g1", covers=["SPEC-1.G2"])
    records = DocRecords(
        a=DocRecord(spec=spec, refs=[RefRecord("SPEC-2", 4, "spec")]), b=DocRecord(part_of="SPEC-1")
    )
    data = pickle.dumps({"docs": records}, pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)["docs"]
    assert type(loaded) is DocRecords and loaded == records
    # each page's record is its own bytes, so the environment's pickler remembers one object a page
    _load, (blobs,) = records.__reduce__()
    assert sorted(blobs) == ["a", "b"] and all(type(b) is bytes for b in blobs.values())
    assert pickle.loads(blobs["a"]) == records["a"]
    # saved again: an unchanged page's record is the bytes it was loaded from; a page read
    # again (a new record, as the collector makes one) is pickled anew
    _load, (first,) = loaded.__reduce__()
    loaded["b"] = DocRecord(part_of="SPEC-9")
    _load, (again,) = loaded.__reduce__()
    assert again["a"] is first["a"]
    assert again["b"] is not first["b"] and pickle.loads(again["b"]).part_of == "SPEC-9"
    assert pickle.loads(pickle.dumps(loaded))["b"].part_of == "SPEC-9"
    # a page read again lets go of its bytes; a parallel worker's record comes with its own
    loaded.forget("a")
    _load, (after,) = loaded.__reduce__()
    assert after["a"] is not first["a"] and pickle.loads(after["a"]) == loaded["a"]
    worker = pickle.loads(pickle.dumps(records))
    merged = DocRecords()
    merged.take("a", worker)
    assert merged["a"] is worker["a"]
    assert merged.__reduce__()[1][0]["a"] is worker.__reduce__()[1][0]["a"]
    assert type(copy.deepcopy(SpecsDomain.initial_data)["docs"]) is DocRecords
