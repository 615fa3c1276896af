"""Value readers of plain specs (``sphinxcontrib_specs.plain.readers``), on values as public spec
folders write them: Python PEPs, Kubernetes KEPs, Swift Evolution, EIPs, adr-tools ADRs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.plain import readers
from sphinxcontrib_specs.plain.dates import (
    BUILTIN_DATE_FORMATS,
    date_format,
    read_date,
    read_month,
)
from sphinxcontrib_specs.plain.readers import (
    markdown_links,
    markdown_text,
    people_note,
    read_people,
    split_status,
)
from sphinxcontrib_specs.plain.references import Reference, read_references

D = dt.date


# -- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "pattern"),
    [
        ("2001-07-05", D(2001, 7, 5), "%Y-%m-%d"),  # ADR "Date:", EIP "created:"
        ("  2016-02-12\n", D(2016, 2, 12), "%Y-%m-%d"),
        ("2001-07-05T10:00:00Z", D(2001, 7, 5), "%Y-%m-%d"),
        ("2001-07-05 10:00", D(2001, 7, 5), "%Y-%m-%d"),
        ("2019-01-22T10:00:00.123+02:00", D(2019, 1, 22), "%Y-%m-%d"),
        ("2001-7-5", D(2001, 7, 5), "%Y-%m-%d"),
        ("05-Jul-2001", D(2001, 7, 5), "%d-%b-%Y"),  # PEP "Created:"
        ("05-JUL-2001", D(2001, 7, 5), "%d-%b-%Y"),
        ("5-jul-2001", D(2001, 7, 5), "%d-%b-%Y"),
        ("13-Sept-2021", D(2021, 9, 13), "%d-%b-%Y"),
        ("05-July-2001", D(2001, 7, 5), "%d-%B-%Y"),
        ("5 Jul 2001", D(2001, 7, 5), "%d %b %Y"),
        ("5 July 2001", D(2001, 7, 5), "%d %B %Y"),
        ("July 5, 2001", D(2001, 7, 5), "%B %d, %Y"),
        ("july 5th, 2001", D(2001, 7, 5), "%B %d, %Y"),
        ("Jul 5, 2001", D(2001, 7, 5), "%b %d, %Y"),
        ("Jul. 5, 2001", D(2001, 7, 5), "%b %d, %Y"),
        ("Sept 13, 2021", D(2021, 9, 13), "%b %d, %Y"),
        ("July 5 2001", D(2001, 7, 5), "%B %d %Y"),
        ("2001/07/05", D(2001, 7, 5), "%Y/%m/%d"),
        ("2001.07.05", D(2001, 7, 5), "%Y.%m.%d"),
        ("Thu, 05 Jul 2001", D(2001, 7, 5), "%a, %d %b %Y"),
        ("**2020-01-02**", D(2020, 1, 2), "%Y-%m-%d"),
        ("`2020-01-02`", D(2020, 1, 2), "%Y-%m-%d"),
        ("_05-Jul-2001_", D(2001, 7, 5), "%d-%b-%Y"),
    ],
)
def test_dates_real_folders_write(value, expected, pattern):
    assert read_date(value) == expected
    assert date_format(value) == pattern


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "TBD",
        "05/07/2001",  # day/month or month/day: only through a template's formats
        "07/05/2001",
        "2001-02-30",
        "2001-13-01",
        "30-Feb-2001",
        "2001",
        "July 2001",
        "2020-01-02 (updated)",
        "5 Juli 2001",
        "Julyish 5, 2001",
        "2001-07-05T",
        "2021-07-05T25:00",
        "2021-07-05 10:61",
        "2021-07-05 10:00 and more",
        "1234567890-01-01",
        "0000-01-01",
    ],
)
def test_dates_that_are_not(value):
    assert read_date(value) is None
    assert date_format(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("January 2011", "2011-01"),  # Go's designs
        ("Sept 2019", "2019-09"),
        ("april 2016.", "2016-04"),
        ("**July 2013**", "2013-07"),
        ("December, 2022", "2022-12"),
        ("2016/04", "2016-04"),
        ("March 4, 2019", None),  # a day: read_date's
        ("2011", None),
        ("Smarch 2011", None),
        ("2016/13", None),
    ],
)
def test_months(value, expected):
    assert read_month(value) == expected


def test_a_full_stop_after_a_date_is_the_sentence_s():
    assert read_date("March 4, 2019.") == D(2019, 3, 4)
    assert read_date("2019-03-04.") == D(2019, 3, 4)
    assert read_date("March 4, 2019..") is None


def test_ambiguous_dates_read_only_with_an_explicit_format():
    assert read_date("05/07/2001", ["%d/%m/%Y"]) == D(2001, 7, 5)
    assert date_format("05/07/2001", ["%d/%m/%Y"]) == "%d/%m/%Y"
    assert read_date("05/07/2001", ["%m/%d/%Y"]) == D(2001, 5, 7)
    assert read_date("05.07.01", ["%d.%m.%y"]) == D(2001, 7, 5)
    assert read_date("05.07.99", ["%d.%m.%y"]) == D(1999, 7, 5)


def test_explicit_formats_come_before_the_builtin_ones_and_iso_before_all():
    # "%d %b %Y" is built in; a template naming "%d %B %Y" first gets its own pattern back.
    assert date_format("5 May 2001") == "%d %b %Y"
    assert date_format("5 May 2001", ["%d %B %Y"]) == "%d %B %Y"
    assert date_format("2001-05-05", ["%Y-%d-%m"]) == "%Y-%m-%d"
    assert read_date("2001-05-06", ["%Y-%d-%m"]) == D(2001, 5, 6)  # ISO is read first
    assert read_date("2001-05-13", ["%Y-%d-%m"]) == D(2001, 5, 13)
    assert read_date("2001-13-05", ["%Y-%d-%m"]) == D(2001, 5, 13)


def test_explicit_formats_in_order_and_unsupported_ones_skipped():
    formats = ["%j %Y", "%m/%d/%Y", "%d/%m/%Y"]
    assert date_format("05/07/2001", formats) == "%m/%d/%Y"
    assert read_date("05/07/2001", formats) == D(2001, 5, 7)
    assert read_date("13/07/2001", formats) == D(2001, 7, 13)
    assert read_date("2001", ["%Y%"]) is None
    assert read_date("2001-07-05 10:30", ["%Y-%m-%d %H:%M"]) == D(2001, 7, 5)
    assert read_date("July 2001", ["%B %Y"]) == D(2001, 7, 1)
    assert read_date("5 July", ["%d %B"]) is None  # no year: not a date
    assert read_date("100% 2001-07-05", ["100%% %Y-%m-%d"]) == D(2001, 7, 5)


def test_builtin_formats_are_unambiguous():
    assert "%d-%b-%Y" in BUILTIN_DATE_FORMATS
    for pattern in BUILTIN_DATE_FORMATS:
        # numeric day and month together only after the year ("%Y/%m/%d"), never "05/07/2001"
        assert "%m" not in pattern or pattern.startswith("%Y")


# -- Markdown in values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text", "plain text"),
        ("  folded \n  whitespace\t here ", "folded whitespace here"),
        ("**Accepted**", "Accepted"),
        ("__Accepted__", "Accepted"),
        ("_Draft_ and *Final*", "Draft and Final"),
        ("`snake_case` value", "snake_case value"),
        ("[Ann Lee](https://github.com/ann)", "Ann Lee"),
        ("[**SE-0042**](0042-x.md) is *fine*", "SE-0042 is fine"),
        ("<https://peps.python.org/pep-0008/>", "https://peps.python.org/pep-0008/"),
        (r"a\_b \*c\* \[d\]", "a_b *c* [d]"),
        ("Final<br/>since 2020", "Finalsince 2020"),
        ("<span class='x'>Final</span>", "Final"),
        ("<!-- hidden -->Draft", "Draft"),
        ("Barnes &amp; Noble", "Barnes & Noble"),
        ("snake_case_name", "snake_case_name"),
        ("![badge](https://x/b.svg) Stable", "badge Stable"),
        ("Ann <ann at python.org>", "Ann <ann at python.org>"),
        ("Guido <guido@python.org>", "Guido guido@python.org"),
        ("a < b", "a < b"),
        ("[unclosed](link", "[unclosed](link"),
    ],
)
def test_markdown_text(value, expected):
    assert markdown_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[Ann Lee](https://github.com/ann)", "[Ann Lee](https://github.com/ann)"),
        ("see [**XP-1**](0001-x.md)", "see [XP-1](0001-x.md)"),
        ("<https://x.org/a>", "https://x.org/a"),
        ("[a](<my file.md>)", "[a](<my file.md>)"),
        ("**plain**", "plain"),
    ],
)
def test_markdown_text_keeping_links(value, expected):
    assert markdown_text(value, keep_links=True) == expected


def test_markdown_links_in_order_with_targets_as_written():
    value = "[SE-0001](0001-a.md), <https://x.org/b>, text, [Café](café/README.md#top)"
    assert markdown_links(value) == [
        ("SE-0001", "0001-a.md"),
        ("https://x.org/b", "https://x.org/b"),
        ("Café", "café/README.md#top"),
    ]
    assert markdown_links("[*Ann*](u) and <ann@x.org>") == [
        ("Ann", "u"),
        ("ann@x.org", "mailto:ann@x.org"),
    ]
    assert markdown_links("no links [here]") == []
    assert markdown_links("") == []


# -- Statuses ------------------------------------------------------------------------------------

PEP = ["Draft", "Active", "Accepted", "Provisional", "Deferred", "Rejected", "Withdrawn", "Final"]
SWIFT = ["Awaiting review", "Active review", "Accepted", "Accepted with revisions", "Implemented"]
EIP = ["Draft", "Review", "Last Call", "Final", "Stagnant", "Withdrawn", "Living"]


@pytest.mark.parametrize(
    ("value", "statuses", "expected"),
    [
        ("Implemented (v2.2)", SWIFT, ("Implemented", "v2.2")),
        # a status in parentheses, as some TensorFlow RFCs write it
        ("(Implemented)", SWIFT, ("Implemented", "")),
        # a template's choices left unfilled are no status
        ("(Implemented / Accepted)", SWIFT, ("(Implemented / Accepted)", "")),
        ("Implemented (Swift 5.5)", SWIFT, ("Implemented", "Swift 5.5")),
        ("Accepted with modifications", PEP, ("Accepted", "with modifications")),
        ("Accepted - 2020-01-01", PEP, ("Accepted", "2020-01-01")),
        ("Accepted \u2014 2020-01-01", PEP, ("Accepted", "2020-01-01")),
        ("Accepted: see thread", PEP, ("Accepted", "see thread")),
        ("Active", PEP, ("Active", "")),
        ("accepted", PEP, ("Accepted", "")),
        ("FINAL.", EIP, ("Final", "")),
        ("Accepted with revisions", SWIFT, ("Accepted with revisions", "")),
        ("accepted with revisions (2021-03-01)", SWIFT, ("Accepted with revisions", "2021-03-01")),
        ("Last call (ends 2023-01-01)", EIP, ("Last Call", "ends 2023-01-01")),
        ("Last-Call", EIP, ("Last Call", "")),
        ("Active review (March 1...8)", SWIFT, ("Active review", "March 1...8")),
        (
            "Implemented (Swift 5) (with caveats)",
            SWIFT,
            ("Implemented", "(Swift 5) (with caveats)"),
        ),
        ("Acceptedish", PEP, ("Acceptedish", "")),
        ("Superseded by PEP 8", PEP, ("Superseded by PEP 8", "")),
        ("  Unknown thing  ", PEP, ("Unknown thing", "")),
        ("", PEP, ("", "")),
        ("Draft", [], ("Draft", "")),
        ("Draft", ["", "  "], ("Draft", "")),
    ],
)
def test_split_status(value, statuses, expected):
    assert split_status(value, statuses) == expected


def test_split_status_superseded_is_plain_text_when_known():
    statuses = ["Superseded", "Accepted"]
    assert split_status("Superseded by ADR-0004", statuses) == ("Superseded", "by ADR-0004")


def test_split_status_status_ending_in_punctuation():
    assert split_status("Done (partly) really", ["Done (partly)"]) == ("Done (partly)", "really")


# -- People --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # PEP 8 and friends
        (
            "Guido van Rossum <guido@python.org>, Barry Warsaw <barry@python.org>",
            ["Guido van Rossum <guido@python.org>", "Barry Warsaw <barry@python.org>"],
        ),
        (  # PEP continuation lines, joined by the caller
            "Guido van Rossum <guido@python.org>,           Barry Warsaw <barry@python.org>,"
            "           Alyssa Coghlan <ncoghlan@gmail.com>",
            [
                "Guido van Rossum <guido@python.org>",
                "Barry Warsaw <barry@python.org>",
                "Alyssa Coghlan <ncoghlan@gmail.com>",
            ],
        ),
        ("barry@python.org (Barry Warsaw)", ["barry@python.org (Barry Warsaw)"]),
        # Swift Evolution
        (
            "[Doug Gregor](https://github.com/DougGregor), [John McCall](https://github.com/rjmccall)",
            ["Doug Gregor", "John McCall"],
        ),
        ("[Lee, Ann](https://github.com/ann)", ["Lee, Ann"]),
        # EIPs
        (
            "Vitalik Buterin (@vbuterin), Dankrad Feist (@dankrad), Diederik Loerakker"
            " (@protolambda)",
            [
                "Vitalik Buterin (@vbuterin)",
                "Dankrad Feist (@dankrad)",
                "Diederik Loerakker (@protolambda)",
            ],
        ),
        (
            "William Entriken (@fulldecent), Dieter Shirley <dete@axiomzen.co>",
            ["William Entriken (@fulldecent)", "Dieter Shirley <dete@axiomzen.co>"],
        ),
        (
            "Martin Becze <mb@ethereum.org>, Hudson Jameson <hudson@ethereum.org>, et al.",
            ["Martin Becze <mb@ethereum.org>", "Hudson Jameson <hudson@ethereum.org>"],
        ),
        # Plain names
        ("Ann Lee, Bob Smith", ["Ann Lee", "Bob Smith"]),
        ("Ann Lee and Bob Smith", ["Ann Lee", "Bob Smith"]),
        ("Ann Lee & Bob Smith; Carol", ["Ann Lee & Bob Smith", "Carol"]),
        ("Eve & Co <eve@example.org>, Dan", ["Eve & Co <eve@example.org>", "Dan"]),
        # TensorFlow RFCs join two authors with "&"
        ("Ann Lee (@ann) & Bob Stone (@bob)", ["Ann Lee (@ann)", "Bob Stone (@bob)"]),
        ("Ann Lee, Bob Smith and Carol Chu", ["Ann Lee", "Bob Smith", "Carol Chu"]),
        ("Alexander Anderson", ["Alexander Anderson"]),
        ("Ann Lee (Google, Inc.)", ["Ann Lee (Google, Inc.)"]),
        ("**Ann**", ["Ann"]),
        ("*Ann Lee*, __Bob__", ["Ann Lee", "Bob"]),
        # "Name, Company" and "Last, First" when people are structured
        (
            "Lee, Ann <ann@x.org>, Doe, John <john@x.org>",
            ["Lee, Ann <ann@x.org>", "Doe, John <john@x.org>"],
        ),
        ("Ann Lee <ann@x.org>, Acme Inc", ["Ann Lee <ann@x.org>, Acme Inc"]),
        ("Ann Lee <ann@x.org>, Bob", ["Ann Lee <ann@x.org>", "Bob"]),
        ("Ann Lee, Google, @ann", ["Ann Lee, Google, @ann"]),
        ("Ann Lee (@ann) and Bob Smith", ["Ann Lee (@ann)", "Bob Smith"]),
        ("Ann Lee (@ann); Bob, Carol", ["Ann Lee (@ann)", "Bob", "Carol"]),
        # EIP 140: a name before a full name with its e-mail is a person of its own
        (
            "Alex Beregszaszi, Nikolai Mushegian (nikolai@nexusdev.us)",
            ["Alex Beregszaszi", "Nikolai Mushegian (nikolai@nexusdev.us)"],
        ),
        # ... but a family name before the rest is one person
        ("Lee, Ann Marie <ann@x.org>", ["Lee, Ann Marie <ann@x.org>"]),
        ("Ann Lee, Bo Stone, Cy Young <c@x.org>", ["Ann Lee", "Bo Stone", "Cy Young <c@x.org>"]),
        ("van der Berg, Jan Willem <jan@x.org>", ["van der Berg, Jan Willem <jan@x.org>"]),
        # handles (KEPs)
        ("@alice", ["@alice"]),
        ("@alice @bob", ["@alice", "@bob"]),
        ("@alice, @bob-smith", ["@alice", "@bob-smith"]),
        ("@alice @kubernetes/sig-node", ["@alice", "@kubernetes/sig-node"]),
        ("Ann Lee @ann", ["Ann Lee @ann"]),
        # markup-free but kept as written
        ("[Ann Lee](https://x) <ann@x.org>", ["Ann Lee <ann@x.org>"]),
        ("Ann Lee <ann at python.org>", ["Ann Lee <ann at python.org>"]),
        ("Ann <ann_lee@x.org>, Bob <b*b@x.org>", ["Ann <ann_lee@x.org>", "Bob <b*b@x.org>"]),
        ("Ann <https://github.com/ann>", ["Ann https://github.com/ann"]),
        ("Ann <span>Lee</span> (@ann)", ["Ann Lee (@ann)"]),
        (r"Ann\_Lee", ["Ann_Lee"]),
        # nobody
        ("", []),
        ("   ", []),
        ("TBD", []),
        ("N/A", []),
        ("none", []),
        ("-", []),
        ("Ann Lee, TBD", ["Ann Lee"]),
        ("Ann Lee,, Bob,", ["Ann Lee", "Bob"]),
    ],
)
def test_read_people(value, expected):
    assert read_people(value) == expected


@pytest.mark.parametrize(
    ("value", "people", "note"),
    [
        (  # Go's 46136: the prose runs on across commas
            "Jay Conrod based on discussion with Daniel Martí, Paul Jolly, and others.",
            "Jay Conrod",
            "based on discussion with Daniel Martí, Paul Jolly, and others.",
        ),
        ("Ann Lee et al.", "Ann Lee", "et al."),
        ("[Ann Lee](https://x.org) et al.", "[Ann Lee](https://x.org)", "et al."),
        ("@ann et al.", "@ann", "et al."),
        ("Ann Lee (@ann) et al.", "Ann Lee (@ann)", "et al."),
        # prose in a bracket after a link or a handle is no note: Bob Stone stays an author
        (
            "[Ann](https://x.org) (Acme, with Huawei), Bob Stone",
            "[Ann](https://x.org) (Acme, with Huawei), Bob Stone",
            "",
        ),
        (
            "Ann Lee (@ann, with help from Carol), Bob Stone",
            "Ann Lee (@ann, with help from Carol), Bob Stone",
            "",
        ),
        ("Ann Lee \u2014 with input from Bob", "Ann Lee", "with input from Bob"),
        # where a person works is no prose: Bob Stone is the second author
        ("Ann Lee for Acme, Bob Stone", "Ann Lee for Acme, Bob Stone", ""),
        ("Ann Lee <ann@x.org>, with help from Bob", "Ann Lee <ann@x.org>", "with help from Bob"),
        (
            "Ann Lee, Bob Stone with input from the team",
            "Ann Lee, Bob Stone",
            "with input from the team",
        ),
        # no prose: names, particles, a company in brackets, lower-case names, one stray word
        ("Guido van Rossum, Barry Warsaw", "Guido van Rossum, Barry Warsaw", ""),
        (
            "Ann Musman (Technology Lab, with Huawei)",
            "Ann Musman (Technology Lab, with Huawei)",
            "",
        ),
        ("ann lee, bob stone", "ann lee, bob stone", ""),
        ("Ann Lee, with", "Ann Lee, with", ""),
        ("with Ann Lee", "with Ann Lee", ""),  # nobody before it: a name, however odd
        ("@ann with @bob", "@ann with @bob", ""),
    ],
)
def test_people_note(value, people, note):
    assert people_note(value) == (people, note)


def test_read_people_from_a_list_is_one_person_per_element():
    assert read_people(["@alice", "@bob"]) == ["@alice", "@bob"]
    assert read_people(["Lee, Ann", "Ann and Bob"]) == ["Lee, Ann", "Ann and Bob"]
    assert read_people(["[Ann](https://x)", "  **Bob**  ", "", "TBD"]) == ["Ann", "Bob"]
    assert read_people(("Guido <guido@python.org>",)) == ["Guido <guido@python.org>"]
    assert read_people([]) == []


# -- References ----------------------------------------------------------------------------------


def refs(value, id_format="PEP-{number:04d}", **kwargs):
    return [(r.text, r.path) for r in read_references(value, id_format, **kwargs)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("291", [("PEP-0291", None)]),
        ("#291", [("PEP-0291", None)]),
        ("291, 292", [("PEP-0291", None), ("PEP-0292", None)]),
        ("291 , 292;293", [("PEP-0291", None), ("PEP-0292", None), ("PEP-0293", None)]),
        ("291 292", [("PEP-0291", None), ("PEP-0292", None)]),
        ("PEP 8", [("PEP-0008", None)]),
        ("pep-8", [("PEP-0008", None)]),
        ("PEP-0008", [("PEP-0008", None)]),
        ("RFC 2822", []),
        ("RFC 2822, 3000", [("PEP-3000", None)]),
        ("see the thread", []),
        ("N/A", []),
        ("none", []),
        ("TBD", []),
        ("", []),
    ],
)
def test_references_pep_style(value, expected):
    assert refs(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("XP-0001", [("XP-0001", None)]),
        ("xp-0001", [("XP-0001", None)]),  # through id_format: the prefix is the folder's
        ("SE-0042, XP-0001", [("SE-0042", None), ("XP-0001", None)]),
        ("SE-0042 (Private fields)", [("SE-0042", None)]),
        ("SE-0042: Private fields", [("SE-0042", None)]),
        ("**XP-0001**", [("XP-0001", None)]),
        ("[XP-0001](0001-x.md)", [("XP-0001", "0001-x.md")]),
        ("[1](0001-x.md)", [("XP-0001", "0001-x.md")]),
        # a web page's link text names a spec when it is an ID, not a number (a pull request)
        ("[#1](https://github.com/o/r/issues/1)", []),
        (
            "[XP-0001](https://github.com/o/r/issues/1)",
            [("XP-0001", "https://github.com/o/r/issues/1")],
        ),
        ("https://www.rfc-editor.org/rfc/rfc9110", []),
        (
            "https://example.org/keps/sig-a/2004-topology/README.md",
            [("XP-2004", "https://example.org/keps/sig-a/2004-topology/README.md")],
        ),
        ("https://example.org/api/v2", []),
        ("https://example.org/peps/pep-0008.rst", []),
        ("https://example.org/xps/xp-0008.md", [("XP-0008", "https://example.org/xps/xp-0008.md")]),
        ("[Private fields](0042-private-fields.md)", [("XP-0042", "0042-private-fields.md")]),
        ("[Some page](docs/intro.md)", [("", "docs/intro.md")]),
        (
            "[A, B](0001-a.md), [C](0002-c.md)",
            [("XP-0001", "0001-a.md"), ("XP-0002", "0002-c.md")],
        ),
        ("[A](0001-a.md) and [B](0002-b.md)", [("XP-0001", "0001-a.md"), ("XP-0002", "0002-b.md")]),
        ("/keps/sig-node/1234-foo", [("XP-1234", "/keps/sig-node/1234-foo")]),
        ("/keps/sig-node/1234-foo/", [("XP-1234", "/keps/sig-node/1234-foo/")]),
        ("../0042-backups/README.md", [("XP-0042", "../0042-backups/README.md")]),
        ("keps/sig-node/1234-foo/kep.yaml", [("XP-1234", "keps/sig-node/1234-foo/kep.yaml")]),
        ("0001-x.md", [("XP-0001", "0001-x.md")]),
        ("0001-x.md#context", [("XP-0001", "0001-x.md#context")]),
        ("eip-20.md", [("XP-0020", "eip-20.md")]),
        ("docs/notes.md", [("", "docs/notes.md")]),
        # a file named by its day (KEPs before they had numbers) names no number
        (
            "/keps/sig-network/20181024-service-topology.md",
            [("", "/keps/sig-network/20181024-service-topology.md")],
        ),
        ("/keps/sig-node/20181399-x.md", [("XP-20181399", "/keps/sig-node/20181399-x.md")]),
        ("- XP-0001", [("XP-0001", None)]),
        ("[mail](mailto:a@b.org)", []),
        # a web page names a spec by its text or a spec's name, never by a bare number at its end
        ("https://github.com/o/community/pull/768", []),
        ("[design](https://docs.example.org/document/d/1sLJ/edit#)", []),
        (
            "https://example.org/keps/sig-a/2004-topology",
            [("XP-2004", "https://example.org/keps/sig-a/2004-topology")],
        ),
    ],
)
def test_references_ids_links_and_paths(value, expected):
    assert refs(value, "XP-{number:04d}") == expected


def test_references_from_a_list():
    value = ["/keps/sig-node/1234-foo", "KEP-2", "#3"]
    assert refs(value, "KEP-{number}") == [
        ("KEP-1234", "/keps/sig-node/1234-foo"),
        ("KEP-2", None),
        ("KEP-3", None),
    ]
    assert refs([], "KEP-{number}") == []
    assert refs(["N/A"], "KEP-{number}") == []


def test_references_with_a_format_that_fails():
    assert refs("291", "{number:04d}-{missing}") == [("291", None)]
    assert refs("#291", "{0}") == [("291", None)]
    assert refs("0042-x.md", "{number:zz}") == [("0042", "0042-x.md")]
    assert refs("9" * 5000, "PEP-{number}") == [("9" * 5000, None)]


def test_references_with_another_id_pattern():
    assert refs("ADR-7", "ADR-{number:04d}", id_pattern=r"^ADR-\d+$") == [("ADR-7", None)]
    assert refs("XP-7", "ADR-{number:04d}", id_pattern=r"^ADR-\d+$") == []
    assert refs("adr 7", "ADR-{number:04d}", id_pattern=r"^ADR-\d+$") == [("ADR-0007", None)]
    assert refs("XP-7", "XP-{number}", id_pattern="(unclosed") == [("XP-7", None)]


def test_reference_is_a_frozen_record():
    """Equal by value and hashable (frozen for mypy: test_quality refuses an assignment)."""
    ref = Reference("XP-1", "0001-x.md")
    assert ref == Reference(text="XP-1", path="0001-x.md")
    assert {ref: 1}[Reference("XP-1", "0001-x.md")] == 1
    assert ref != Reference("XP-1", "0002-y.md")


def test_plain_values_are_read_without_parsing_markdown(monkeypatch):
    def no_parser():
        raise AssertionError("parsed")

    monkeypatch.setattr(readers, "_parser", no_parser)
    assert markdown_text(" Accepted  with changes ") == "Accepted with changes"
    assert read_date("05-Jul-2001") == D(2001, 7, 5)
    assert read_people("Guido van Rossum <guido@python.org>, Ann Lee (@ann)") == [
        "Guido van Rossum <guido@python.org>",
        "Ann Lee (@ann)",
    ]
    assert refs("291, PEP 8, ../0042-x/README.md") == [
        ("PEP-0291", None),
        ("PEP-0008", None),
        ("PEP-0042", "../0042-x/README.md"),
    ]
    with pytest.raises(AssertionError, match="parsed"):
        markdown_text("**Accepted**")


def test_the_parser_is_built_once():
    assert readers._parser() is readers._parser()


# -- Never raises --------------------------------------------------------------------------------

_texty = st.lists(
    st.sampled_from([*"aA1 -_,;:/.#@<>()[]*`\\&!\n%éT", " and ", "@b", "<a@b.c>"])
).map("".join)


@settings(database=None, max_examples=300, deadline=None)
@given(value=st.one_of(st.text(), _texty), formats=st.lists(st.one_of(st.text(), _texty)))
def test_readers_never_raise(value, formats):
    assert read_date(value, formats) is None or isinstance(read_date(value, formats), dt.date)
    assert (date_format(value, formats) is None) == (read_date(value, formats) is None)
    assert isinstance(markdown_text(value), str)
    assert isinstance(markdown_text(value, keep_links=True), str)
    assert all(isinstance(href, str) for _, href in markdown_links(value))
    status, note = split_status(value, formats)
    assert isinstance(status, str) and isinstance(note, str)
    assert all(person.strip() == person and person for person in read_people(value))
    assert all(isinstance(person, str) for person in read_people(formats))
    for id_format in ("PEP-{number:04d}", value):
        for ref in read_references(value, id_format, value):
            assert isinstance(ref.text, str)
        read_references(formats, id_format)


@pytest.mark.parametrize(
    ("filename", "text", "title"),
    [
        ("text/0002-rfc-process.md", "The RFC process. An RFC is merged.", "RFC process"),
        # lower case as often: as the name writes it; capitalised at a sentence's start: no sign
        ("0003-api-changes.md", "The API; the api. Changes are listed.", "Api changes"),
        ("0004-io-safety.md", "Safety first. IoSlice is a type; io is a module.", "Io safety"),
        ("0005-github-actions/README.md", "Run on GitHub. GitHub Actions.", "GitHub actions"),
        ("0006-private-fields.md", "", "Private fields"),
        # the first word keeps the capitals the text gives it
        ("0007-grpc-transport.md", "We use gRPC. gRPC streams.", "gRPC transport"),
        ("0008-macos-builds.md", "Builds on macOS 14. MacOS.", "macOS builds"),
        # RFC 2119's keywords in capitals are emphasis
        ("0009-do-not-track.md", "Clients MUST NOT track. Do not.", "Do not track"),
        ("0010-clients-must-retry.md", "Clients MUST retry.", "Clients must retry"),
    ],
)
def test_a_title_from_the_file_name_keeps_the_capitals_the_text_gives(filename, text, title):
    from sphinxcontrib_specs.plain.labels import title_from_filename

    assert title_from_filename(filename, text) == title


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        (
            "[#5](https://x.org/5), [#6](https://x.org/6)",
            [("#5", "https://x.org/5"), ("#6", "https://x.org/6")],
        ),
        (
            "([a](https://x.org/a)) | ([b](https://x.org/b))",
            [("a", "https://x.org/a"), ("b", "https://x.org/b")],
        ),
        ("https://x.org/7 (first try)", [("https://x.org/7 (first try)", "https://x.org/7")]),
        ("https://x.org/8.", [("https://x.org/8", "https://x.org/8")]),  # a sentence's full stop
        ("<https://x.org/8>", [("https://x.org/8", "https://x.org/8")]),
        ("rdar://152999195", [("rdar://152999195", None)]),  # no web page: text
        ("[notes](notes/b.md) (draft)", [("notes (draft)", None)]),  # a page of the project
        ("[Ann](mailto:ann@x.org)", [("Ann", "mailto:ann@x.org")]),
        ("javascript:alert(1)", ["javascript:alert(1)"]),  # text: the record warns of it
        ("[run](javascript:alert(1))", [("[run](javascript:alert(1))", None)]),  # no link
        ("TBD", []),
        (["[a](https://x.org/a)", "b"], [("a", "https://x.org/a"), ("b", None)]),  # a YAML list
    ],
)
def test_read_links(raw, items):
    from sphinxcontrib_specs.plain.values import read_links

    got = [i if isinstance(i, str) else (i["text"], i["url"]) for i in read_links(raw)]
    assert got == items
