"""The :filter: language: tokens, precedence, dates, lists, errors; the selection options."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinxcontrib_specs.core.query import (
    BoolOp,
    Compare,
    Field,
    FilterError,
    Literal,
    Not,
    Selection,
    evaluate,
    parse_filter,
)
from sphinxcontrib_specs.core.values import sort_key

SPEC = {
    "id": "SPEC-0042",
    "title": "Scheduled backups",
    "status": "Under Review",
    "authors": ["@alice", "Bob Smith"],
    "team": "Storage",
    "created": dt.date(2026, 1, 15),
    "updated": None,
    "issues": ["acme/db#1"],
    "tags": ["backup", "storage"],
    "template": "proposal",
    "progress": 40.0,
    "goals": ["G1", "G2"],
    "supersedes": [],
    "depends-on": ["SPEC-0040"],
    "related": [],
    "superseded-by": [],
    "needed-by": [],
    "docname": "backups",
    "abstract": "",
}


def matches(text: str, values=SPEC) -> bool:
    return evaluate(parse_filter(text), values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('status == "Under Review"', True),
        ("status == 'under review'", True),  # strings compare case-insensitively
        ('status != "Draft"', True),
        ('team == "Storage" and status == "Draft"', False),
        ('team == "Storage" or status == "Draft"', True),
        ('not status == "Draft"', True),
        ('"backup" in tags', True),
        ('"BACKUP" in tags', True),
        ('"security" in tags', False),
        ('"security" not in tags', True),
        ('status in ["Draft", "Under Review"]', True),
        ('status not in ["Draft", "Accepted"]', True),
        ('"backups" in title', True),  # substring of a text field
        ('tags == "storage"', True),  # a list field equals one value: contains it
        ('tags != "security"', True),
        ("created >= 2026-01-01", True),
        ("created < 2026-01-15", False),
        ("created <= 2026-01-15", True),
        ('created > "2025-12-31"', True),  # a date-shaped string compares as a date
        ("updated > 2020-01-01", False),  # a missing date is never compared true
        ("updated < 2100-01-01", False),
        ("not updated", True),  # a field alone: has a value
        ("depends-on", True),
        ("supersedes", False),
        ("progress >= 40", True),
        ("progress > 40.5", False),
        ('"SPEC-0040" in depends-on', True),
        ("depends_on", True),  # _ and - both work in names
        ("true", True),
        ("false or true", True),
    ],
)
def test_evaluation(text, expected):
    assert matches(text) is expected


def test_precedence_not_binds_tighter_than_and_tighter_than_or():
    assert parse_filter("a == 1 or b == 2 and not c == 3", ["a", "b", "c"]) == BoolOp(
        "or",
        (
            Compare("==", Field("a"), Literal(1.0)),
            BoolOp(
                "and",
                (
                    Compare("==", Field("b"), Literal(2.0)),
                    Not(Compare("==", Field("c"), Literal(3.0))),
                ),
            ),
        ),
    )
    # parentheses override it
    assert matches('(team == "Storage" or status == "Draft") and "x" in tags') is False
    assert matches('team == "Storage" or status == "Draft" and "x" in tags') is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the filter is empty"),
        ("owner == 'x'", "unknown field 'owner' at column 1; known fields: id, title, status"),
        ("status = 'x'", "unexpected '=' at column 8 (write == to compare)"),
        ("status == ", "expected a field, a value, '[' or '(' at column 11, found the end"),
        ("(status == 'x'", "expected ')' at column 15, found the end"),
        ("status == 'x' team", "expected 'and', 'or' or the end at column 15, found 'team'"),
        ('status == "unterminated', "unexpected '\"' at column 11 (strings need quotes)"),
        ("created > 2026-02-30", "'2026-02-30' at column 11 is not a valid date"),
        ("status in [Draft]", "a list holds quoted strings, numbers or dates at column 12"),
        ("status in ['a' 'b']", "expected ',' or ']' at column 16"),
        ("status == 'x' and", "expected a field, a value, '[' or '(' at column 18"),
        ("__import__('os')", "unknown field '__import__'"),
    ],
)
def test_errors(text, message):
    with pytest.raises(FilterError) as info:
        parse_filter(text)
    assert message in str(info.value)


def test_extra_fields_are_known_when_declared():
    assert evaluate(parse_filter('priority == "high"', ["priority"]), {"priority": "HIGH"})
    with pytest.raises(FilterError, match="unknown field 'priority'"):
        parse_filter('priority == "high"')


def test_selection_options_are_any_of_and_combine():
    selection = Selection.from_options({"status": "Draft, Under Review", "tags": "backup"})
    assert selection.matches(SPEC)
    assert not Selection.from_options({"status": "Draft"}).matches(SPEC)
    assert Selection.from_options({"authors": "bob smith"}).matches(SPEC)
    assert not Selection.from_options({"team": "Identity", "filter": "true"}).matches(SPEC)
    assert Selection.from_options({"template": "proposal", "filter": "progress < 50"}).matches(SPEC)
    with pytest.raises(FilterError):
        Selection.from_options({"filter": "status =="})


def test_sort_keys():
    ids = ["SPEC-10", "SPEC-9", "SPEC-100"]
    assert sorted(ids, key=sort_key) == ["SPEC-9", "SPEC-10", "SPEC-100"]
    assert sorted([None, 3, 1], key=sort_key) == [1, 3, None]
    days = [dt.date(2026, 1, 2), None, dt.date(2025, 1, 1)]
    assert sorted(days, key=sort_key) == [dt.date(2025, 1, 1), dt.date(2026, 1, 2), None]
