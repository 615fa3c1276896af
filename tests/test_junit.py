"""Reading JUnit XML (core.junit): one fixture per runner under tests/evidence/, in the shape that
runner writes (each file cites its tool, version and source at its top; tests/evidence/README.md
lists them), every field of every test case asserted; bad files give one problem and no
exception, whatever the bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.core import junit
from sphinxcontrib_specs.core.evidence import CodeMarker, TestCase, code_url
from sphinxcontrib_specs.core.junit import MESSAGE_LIMIT, match_id, read_junit

EVIDENCE = Path(__file__).parent / "evidence"


def read(name: str, **options):
    cases, problems = read_junit((EVIDENCE / name).read_bytes(), f"reports/{name}", **options)
    assert problems == []
    assert {case.source for case in cases} == {f"reports/{name}"}
    return [
        (c.name, c.classname, c.file, c.result, c.message, c.time, c.verifies, c.line)
        for c in cases
    ]


PYTEST_ERROR = 'failed on setup with "RuntimeError: no database"'


@pytest.mark.parametrize(
    ("name", "file"),
    [("pytest-xunit2.xml", ""), ("pytest-xunit1.xml", "tests/test_backup.py")],
)
def test_pytest_both_families(name, file):
    """pytest 9.2's own output (record_property and our plugin's marker alike write a
    <property> in the <testcase>); xunit1 adds the test's file. pytest writes one line, so only
    the failure texts' line breaks move the later test cases down."""
    assert read(name) == [
        (
            "test_restores_under_five_minutes",
            "tests.test_backup",
            file,
            "passed",
            "",
            0.001 if file else 0.0,
            ("SPEC-0042.D1", "SPEC-0042.G2"),
            1,
        ),
        (
            "test_keeps_seven_days",
            "tests.test_backup",
            file,
            "failed",
            "assert 6 == 7",
            0.0,
            ("SPEC-0042.D2",),
            1,
        ),
        (
            "test_encrypts",
            "tests.test_backup",
            file,
            "error",
            PYTEST_ERROR,
            0.0,
            ("SPEC-0042.D3",),
            6,
        ),
        (
            "test_compresses",
            "tests.test_backup",
            file,
            "skipped",
            "zstd not installed",
            0.0,
            ("SPEC-0042",),
            11,
        ),
        (
            "test_prunes",
            "tests.test_backup.TestRetention",
            file,
            "passed",
            "",
            0.0,
            ("SPEC-0007.D1", "SPEC-0007.D2"),
            11,
        ),
    ]


def test_surefire_suite_properties_are_not_a_tests_and_flaky_passes():
    """Maven Surefire 3.x: the suite's <properties> (the JVM's, and here a 'verifies' too) go to
    no test; <flakyFailure> alone is a pass on retry; <rerunFailure> beside a <failure> changes
    nothing; a failure without a message gives its text's first line."""
    cls = "com.example.backup.BackupTest"
    assert read("TEST-com.example.backup.BackupTest.xml") == [
        ("restoresUnderFiveMinutes", cls, "", "passed", "", 0.041, ("SPEC-0042.D1",), 12),
        ("keepsSevenDays", cls, "", "failed", "expected: <7> but was: <6>", 0.004, (), 17),
        ("encrypts", cls, "", "error", "Cipher not available: AES/GCM/NoPadding", 0.002, (), 30),
        ("compresses", cls, "", "skipped", "zstd is not on the class path", 0.0, (), 35),
        ("uploadsToS3", cls, "", "passed", "", 0.067, (), 38),
        ("rejectsEmptyArchive", cls, "", "failed", "java.lang.AssertionError", 0.001, (), 45),
    ]


def test_gtest_properties_disabled_and_skipped():
    """googletest >= 1.13: RecordProperty as <properties> (IDs separated by a space), a disabled
    test (status="notrun" result="suppressed", no child) skipped, GTEST_SKIP's <skipped>."""
    failure = "backup_test.cc:22\nExpected equality of these values:\n  kept\n    Which is: 6\n  7"
    assert read("gtest.xml") == [
        (
            "RestoresUnderFiveMinutes",
            "Backup",
            "backup_test.cc",
            "passed",
            "",
            0.009,
            ("SPEC-0042.D1", "SPEC-0042.G2"),
            8,
        ),
        (
            "KeepsSevenDays",
            "Backup",
            "backup_test.cc",
            "failed",
            failure,
            0.001,
            ("SPEC-0042.D2",),
            13,
        ),
        ("DISABLED_Compresses", "Backup", "backup_test.cc", "skipped", "", 0.0, (), 24),
        (
            "Encrypts",
            "Backup",
            "backup_test.cc",
            "skipped",
            "backup_test.cc:35\nno AES-NI on this machine",
            0.0,
            (),
            25,
        ),
        ("Prunes", "Backup", "backup_test.cc", "passed", "", 0.002, (), 29),
    ]


def test_gtest_before_1_13_records_properties_as_attributes():
    assert read("gtest-1.10.xml") == [
        ("FromSnapshot", "Restore", "", "passed", "", 0.002, ("SPEC-0042.D1", "SPEC-0042.D4"), 6),
        ("Checksums", "Restore", "", "passed", "", 0.001, (), 7),
    ]


def test_ctest_status_and_labels_as_the_configured_property():
    """ctest: status="fail" with <failure>, "notrun" with <skipped>, "disabled" with neither;
    its labels are a CMake list (';'), read when cmake_labels is a configured property."""
    expected = [
        ("backup_restore", "backup_restore", "", "passed", "", 1.20301, (), 6),
        ("backup_retention", "backup_retention", "", "failed", "Failed", 0.501, (), 13),
        ("backup_s3", "backup_s3", "", "skipped", "Not Run", 0.0, (), 19),
        ("backup_legacy", "backup_legacy", "", "skipped", "", 0.0, (), 24),
    ]
    assert read("ctest.xml") == expected
    labelled = read("ctest.xml", properties=("verifies", "cmake_labels"))
    assert labelled[0][6] == ("SPEC-0042.D1", "SPEC-0042.D2")
    assert labelled[1:] == expected[1:]


def test_gotestsum_ids_from_test_names():
    """gotestsum: Go tests cannot write properties; the name pattern finds the IDs, and an
    ``id_of`` builds them from the numbers the way a project's ID format does."""
    skip = (
        "=== RUN   TestUpload\n    backup_test.go:40: no S3 credentials\n"
        "--- SKIP: TestUpload (0.00s)"
    )
    pkg = "example.com/backup"
    assert read("gotestsum.xml") == [
        ("TestRestore_SPEC_0042_D1", pkg, "", "passed", "", 0.01, (), 12),
        ("TestRetention_SPEC_0042_D2/seven_days", pkg, "", "failed", "Failed", 0.0, (), 13),
        ("TestRetention_SPEC_0042_D2", pkg, "", "failed", "Failed", 0.0, (), 16),
        ("TestUpload", pkg, "", "skipped", skip, 0.0, (), 19),
    ]
    pattern = re.compile(r"Test\w*?_SPEC_(\d+)_D(\d+)")
    named = read("gotestsum.xml", name_pattern=pattern, id_of=lambda m: f"SPEC-{m[1]}.D{m[2]}")
    assert [case[6] for case in named] == [
        ("SPEC-0042.D1",),
        ("SPEC-0042.D2",),
        ("SPEC-0042.D2",),
        (),
    ]


def test_jest_junit_file_attribute_and_suite_errors():
    """jest-junit: the file attribute, a failure with text only (its first line is the
    message), <skipped/>, and a suite that failed to run as an erroring test case."""
    js = "src/backup.test.js"
    assert read("jest-junit.xml") == [
        (
            "backup restores under five minutes",
            "backup restores under five minutes",
            js,
            "passed",
            "",
            0.012,
            ("SPEC-0042.D1",),
            8,
        ),
        (
            "backup keeps seven days",
            "backup keeps seven days",
            js,
            "failed",
            "Error: expect(received).toBe(expected) // Object.is equality",
            0.004,
            ("SPEC-0042.D2",),
            13,
        ),
        ("backup uploads to S3", "backup uploads to S3", js, "skipped", "", 0.0, (), 23),
        (
            "src/crypto.test.js",
            "Test suite failed to run",
            "src/crypto.test.js",
            "error",
            "● Test suite failed to run",
            0.0,
            (),
            28,
        ),
    ]


def test_nextest_flaky_is_passed_and_rerun_output_is_ignored():
    panic = "thread 'retention::tests::keeps_seven_days' panicked at src/retention.rs:42:9:"
    name = "restore::tests::restores_under_five_minutes_spec_0042_d1"
    assert read("nextest.xml") == [
        (name, "backup", "", "passed", "", 0.021, (), 9),
        ("retention::tests::keeps_seven_days", "backup", "", "failed", panic, 0.005, (), 11),
        ("upload::tests::retries_on_reset", "backup", "", "passed", "", 0.412, (), 34),
    ]
    # a named group 'id' is the default rule's whole ID
    pattern = re.compile(r"_(?P<id>spec_\d+_d\d+)$")
    assert read("nextest.xml", name_pattern=pattern)[0][6] == ("spec_0042_d1",)


def test_phpunit_nested_suites_in_document_order():
    """PHPUnit nests <testsuite> three deep; cases come in document order, and one without a
    file takes its suite's."""
    php = "/home/runner/work/backup/tests/RestoreTest.php"
    cls = "App.Tests.RestoreTest"
    assert read("phpunit.xml") == [
        ("testRestoresUnderFiveMinutes", cls, php, "passed", "", 0.002, (), 8),
        ('testFormats with data set "tar"', cls, php, "passed", "", 0.002, (), 10),
        ('testFormats with data set "zip"', cls, php, "skipped", "", 0.0, (), 11),
    ]


def test_document_order_across_nesting_and_suite_fallbacks():
    data = b"""<testsuites name="all">
<testsuite name="outer" file="outer.js">
  <testcase name="a"/>
  <testsuite name="inner">
    <testcase name="b" time="nan"/>
  </testsuite>
  <testcase
      name="c" time="-1" classname="">
    <error message="  ">first line
second line</error>
  </testcase>
</testsuite>
<testcase name="d" classname="top" time="oops"><skipped message="later"/></testcase>
</testsuites>"""
    cases, problems = read_junit(data, "r.xml")
    assert problems == []
    assert [(c.name, c.classname, c.file, c.result, c.message, c.time, c.line) for c in cases] == [
        ("a", "outer", "outer.js", "passed", "", None, 3),
        ("b", "inner", "outer.js", "passed", "", None, 5),
        ("c", "outer", "outer.js", "error", "first line", None, 7),
        ("d", "top", "", "skipped", "later", None, 13),
    ]


def test_ids_from_properties_and_the_name_pattern_together():
    data = b"""<testsuite name="s">
<testcase classname="pkg.TestBackup" name="test_x_SPEC_7_D2">
  <properties>
    <property name="verifies" value=" SPEC-7.D1 ,SPEC-7.D2,, SPEC-7.G1  SPEC-7.D1"/>
    <property name="tested_by">SPEC-9.R1</property>
    <property name="other" value="SPEC-8"/>
  </properties>
</testcase>
</testsuite>"""
    (case,), _ = read_junit(data, "r.xml", properties=("verifies", "tested_by"))
    assert case.verifies == ("SPEC-7.D1", "SPEC-7.D2", "SPEC-7.G1", "SPEC-9.R1")
    by_name = re.compile(r"(?P<spec>SPEC_\d+)_(?P<item>D\d+)")
    (case,), _ = read_junit(data, "r.xml", name_pattern=by_name)
    assert case.verifies == ("SPEC-7.D1", "SPEC-7.D2", "SPEC-7.G1", "SPEC_7.D2")
    (case,), _ = read_junit(data, "r.xml", properties=(), name_pattern=re.compile(r"TestBackup"))
    assert case.verifies == ("TestBackup",)  # no group: the whole match


def test_match_id_rules():
    assert match_id(re.match(r"t_(?P<id>[\w-]+)", "t_SPEC-1")) == "SPEC-1"
    assert match_id(re.match(r"(?P<spec>S-\d+)(?:_(?P<item>D\d+))?", "S-4_D2")) == "S-4.D2"
    assert match_id(re.match(r"(?P<spec>S-\d+)(?:_(?P<item>D\d+))?", "S-4")) == "S-4"
    assert match_id(re.match(r"x(\d+)?", "x")) is None
    assert match_id(re.match(r"x(\d+)", "x12")) == "12"
    assert match_id(re.match(r"x\d+", "x12")) == "x12"


def test_long_messages_are_cut():
    long = "x" * (MESSAGE_LIMIT * 3)
    data = f'<testsuite><testcase name="t"><failure message="{long}"/></testcase></testsuite>'
    (case,), _ = read_junit(data.encode(), "r.xml")
    assert len(case.message) == MESSAGE_LIMIT
    assert case.message.endswith("…")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n\t ", "the file is empty"),
        (b"PASSED 3 tests\n", "the file is not XML: syntax error: line 1, column 0"),
        (
            b"<!DOCTYPE html>\n<html><body><p>502 Bad Gateway</p></body></html>",
            "the file is not JUnit XML: its root element is <html>, "
            "not <testsuites> or <testsuite>",
        ),
        (
            b"<!DOCTYPE html><html><body>&nbsp;</body></html>",
            "the file is not XML: undefined entity: line 1, column 27",
        ),
        (b"<testsuites>\n  <testsuite", "the file is not XML: unclosed token: line 2, column 2"),
        (b'<?xml version="1.0"?>\n<testsuites/>', "the file has no test cases"),
        (
            b'<testsuites tests="0"><testsuite name="empty"><properties/></testsuite></testsuites>',
            "the file has no test cases",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b"<testsuites><testcase name='&lol2;'/></testsuites>",
            "the file declares XML entities, which no test runner writes: not read",
        ),
        (
            b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><testsuite><testcase name="a"/></testsuite>',
            None,  # an external DTD is never loaded: the file reads as if it had none
        ),
    ],
)
def test_bad_files_give_one_problem(data, problem):
    cases, problems = read_junit(data, "r.xml")
    if problem is None:
        assert problems == []
        assert [case.name for case in cases] == ["a"]
    else:
        assert (cases, problems) == ([], [problem])


_XMLISH = st.lists(
    st.sampled_from(
        [
            "<testsuites>",
            "</testsuites>",
            "<testsuite name='s'>",
            "</testsuite>",
            "<testcase name='t' time='x'>",
            "<testcase classname='c' name='n' time='1e308'/>",
            "</testcase>",
            "<failure message='m'>",
            "</failure>",
            "<skipped/>",
            "<error>",
            "</error>",
            "<properties><property name='verifies' value='A-1, B-2'/></properties>",
            "<property name='verifies'>",
            "</property>",
            "<![CDATA[<testcase>]]>",
            "&amp;",
            "&bogus;",
            "text\n",
            "<?xml version='1.0' encoding='latin-1'?>",
        ]
    ),
    max_size=30,
).map(lambda parts: "".join(parts).encode())


def _lines(found):
    root, lines = found
    return [(e.get("name"), lines.get(e)) for e in root.iter("testcase")]


@pytest.mark.parametrize("name", sorted(p.name for p in EVIDENCE.glob("*.xml")))
def test_the_fast_reader_finds_the_lines_expat_does(name):
    """Every runner's fixture is read by ElementTree's C parser with the lines from a scan of
    the bytes, and each test case's line is the one expat reports."""
    data = (EVIDENCE / name).read_bytes()
    # the fixtures' comments citing their sources name <testcase>, which sends a file to expat
    # (the next test); with each comment's lines kept empty, the scan reads them
    data = re.sub(rb"<!--.*?-->", lambda m: b"\n" * m[0].count(b"\n"), data, flags=re.DOTALL)
    fast = junit._parse_fast(data)
    assert fast is not None
    assert _lines(fast) == _lines(junit._parse_lines(data))
    assert all(line for _, line in _lines(fast))


CASE = b'<testcase name="b"/>'


def test_a_namespace_on_an_outcome_loses_no_failure():
    """A default namespace on the failure (declared by a DTD, or with spaces around ``=``):
    ElementTree would name it ``{urn:x}failure`` and read the test as passed."""
    for data in (
        b"<!DOCTYPE testsuite [<!ATTLIST failure xmlns CDATA #FIXED 'urn:x'>]>\n<testsuite>"
        b"<testcase name='t'><failure message='boom'/></testcase></testsuite>",
        b"<testsuite><testcase name='t'><failure xmlns = 'urn:x' message='boom'/></testcase>"
        b"</testsuite>",
    ):
        cases, problems = read_junit(data, "r.xml")
        assert problems == []
        assert [(c.name, c.result, c.message) for c in cases] == [("t", "failed", "boom")]


@pytest.mark.parametrize(
    ("data", "line_of_b"),
    [
        # a <testcase in a comment or CDATA section is no element: expat's lines
        (
            b"<testsuite>\n<!-- <testcase name='x'/> -->\n<testcase name='a'/>\n"
            + CASE
            + b"</testsuite>",
            4,
        ),
        (
            b"<testsuite>\n<testcase name='a'><failure><![CDATA[<testcase>\n]]></failure>"
            b"</testcase>\n" + CASE + b"</testsuite>",
            4,
        ),
        # lone carriage returns end lines for expat
        (b"<testsuite>\r<testcase name='a'/>\r" + CASE + b"</testsuite>", 3),
        # a default namespace: the tags as written, as the build has always read them
        (b"<testsuite xmlns='urn:x'>\n\n" + CASE + b"</testsuite>", 3),
        # a default namespace written with spaces, or declared by a DTD's ATTLIST default
        (b"<testsuite xmlns = 'urn:x'>\n\n" + CASE + b"</testsuite>", 3),
        (
            b"<!DOCTYPE testsuite [<!ATTLIST testsuite xmlns CDATA #FIXED 'urn:x'>]>\n"
            b"<testsuite>\n" + CASE + b"</testsuite>",
            3,
        ),
        # UTF-16: no ASCII bytes to scan
        ("<testsuite>\n<testcase name='b'/></testsuite>".encode("utf-16"), 2),
    ],
)
def test_documents_the_scan_may_misread_are_read_by_expat(data, line_of_b):
    """Where the scan of the bytes could give a wrong line, the fast reader declines and the
    test cases get expat's lines."""
    assert junit._parse_fast(data) is None
    cases, problems = read_junit(data, "r.xml")
    assert problems == []
    assert [c.line for c in cases if c.name == "b"] == [line_of_b]


@settings(database=None, deadline=None)
@given(st.binary(max_size=300) | _XMLISH)
def test_read_junit_never_raises(data):
    cases, problems = read_junit(data, "r.xml", name_pattern=re.compile(r"(\w)?"))
    assert all(isinstance(case, TestCase) for case in cases)
    assert (len(problems) == 1 and not cases) or (problems == [] and cases)


def test_records_as_json():
    case = TestCase("t", "c", "f.py", "failed", "boom", 0.5, ("S-1",), "r.xml", 3)
    assert case.as_json() == {
        "name": "t",
        "classname": "c",
        "file": "f.py",
        "result": "failed",
        "message": "boom",
        "time": 0.5,
    }
    marker = CodeMarker("src/a.py", 12, "implements", "S-1.R1")
    assert marker.as_json() == {"path": "src/a.py", "line": 12, "url": None}
    url = "https://github.com/o/r/blob/{commit}/{path}#L{line}"
    assert code_url(url, path="src/a.py", line=12, commit="abc123") == (
        "https://github.com/o/r/blob/abc123/src/a.py#L12"
    )
    assert code_url(url, path="src/a.py", line=12, commit=None) is None
    assert code_url("https://x/{path}?l={line}&q={other}", path="a", line=1, commit=None) == (
        "https://x/a?l=1&q={other}"
    )
