"""The model's value parsers (``core.model``): issues in every form, authors, dates, safe URLs."""

from __future__ import annotations

import pytest

from sphinxcontrib_specs.core.dates import parse_date
from sphinxcontrib_specs.core.model import (
    IssueError,
    is_safe_url,
    parse_authors,
    parse_issue,
    split_issues,
)


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


def test_frozen_records_pickle_as_their_values_and_load_equal():
    """The records are frozen; they pickle as the tuple of their values (no field names), and
    load through their slots, equal to what was pickled."""
    import pickle

    from sphinxcontrib_specs.core.model import DocRecord, ItemRecord, SpecRecord

    item = ItemRecord("D1", "dod", "Restore drill", True, 7, "spec-1-d1", covers=["SPEC-2.G1"])
    spec = SpecRecord("SPEC-1", "specs/one", 3, "spec-1", title="One", items={"D1": item})
    doc = DocRecord(spec=spec)
    loaded = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == doc and loaded.spec.items["D1"].covers == ["SPEC-2.G1"]
    assert b"covers" not in pickle.dumps(item)  # values only
    # frozen for type checkers, not at run time (core/frozen.py): test_quality's mypy refuses
    # an assignment
