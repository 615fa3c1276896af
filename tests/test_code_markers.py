"""Code markers (core.markers): a plain scan of source files in several languages for
``implements:`` / ``verifies:`` comments, one record per ID with its line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.core.evidence import CodeMarker
from sphinxcontrib_specs.core.markers import scan_code

PYTHON = '''"""Backups.

Implements: SPEC-0042.R1
"""

import os

# implements: SPEC-0042.R2, SPEC-0042.R3
def restore(path):  # verifies: SPEC-0042.D1
    # This implements the restore path described in SPEC-0042 (prose: no colon after the word).
    # The function implements: nothing here, the word does not open the comment.
    message = "# implements: SPEC-0099.R9"  # a plain scan sees comments in strings too
    return os.path.exists(path)
'''

GO = """package backup

// Implements: SPEC-0042.R4
//
// Retention keeps seven days.
func Retain(days int) int { // verifies: SPEC-0042.D2 SPEC-0042.D3
\treturn days
}

/* implements: SPEC-7 */
func Prune() {}
"""

C = """#include <stdio.h>

/**
 * Restore a snapshot.
 * implements: SPEC-0042.R5,SPEC-0042.R6
 */
int restore(void) { /* verifies: SPEC-0042.D4 */
    return 0;  // reimplements: SPEC-0099.R1 is another word
}
"""


def found(markers):
    return [(m.line, m.marker, m.target) for m in markers]


def test_python():
    markers = scan_code(PYTHON, "src/backup.py")
    assert found(markers) == [
        (3, "implements", "SPEC-0042.R1"),
        (8, "implements", "SPEC-0042.R2"),
        (8, "implements", "SPEC-0042.R3"),
        (9, "verifies", "SPEC-0042.D1"),
        (12, "implements", "SPEC-0099.R9"),
    ]
    assert {m.path for m in markers} == {"src/backup.py"}


def test_go():
    assert found(scan_code(GO, "cmd/backup.go")) == [
        (3, "implements", "SPEC-0042.R4"),
        (6, "verifies", "SPEC-0042.D2"),
        (6, "verifies", "SPEC-0042.D3"),
        (10, "implements", "SPEC-7"),
    ]


def test_c():
    assert found(scan_code(C, "src/restore.c")) == [
        (5, "implements", "SPEC-0042.R5"),
        (5, "implements", "SPEC-0042.R6"),
        (7, "verifies", "SPEC-0042.D4"),
    ]


def test_javascript_rust_shell_and_sql():
    js = "/** @file */\nexport function up() {} // IMPLEMENTS: SPEC-3.R1\n"
    assert found(scan_code(js, "a.js")) == [(2, "implements", "SPEC-3.R1")]
    rust = "//! implements: SPEC-3.R2\n/// Verifies: SPEC-3.D1, SPEC-3.D2\nfn f() {}\n"
    assert found(scan_code(rust, "lib.rs")) == [
        (1, "implements", "SPEC-3.R2"),
        (2, "verifies", "SPEC-3.D1"),
        (2, "verifies", "SPEC-3.D2"),
    ]
    shell = "#!/bin/sh\nset -e  # implements: SPEC-3.R3\n"
    assert found(scan_code(shell, "run.sh")) == [(2, "implements", "SPEC-3.R3")]
    sql = "CREATE TABLE snapshots (id int); -- implements: SPEC-3.R4 and SPEC-3.R5\n"
    assert found(scan_code(sql, "schema.sql")) == [
        (1, "implements", "SPEC-3.R4"),
        (1, "implements", "SPEC-3.R5"),
    ]
    html = "<p>\n<!-- verifies: SPEC-3.D3-->\n</p>\n"
    assert found(scan_code(html, "page.html")) == [(2, "verifies", "SPEC-3.D3")]


def test_prose_and_lookalikes_are_not_markers():
    text = (
        "# This implements SPEC-1.R1\n"  # no colon
        "# the code implements: SPEC-1.R2\n"  # the word does not open the comment
        "x = reimplements: SPEC-1.R3\n"  # part of another word
        "class Store implements Backup {}\n"  # Java's keyword
        "# implements:\n"  # nothing after the colon
        "implements: int = 3\n"  # an annotated variable: no ID-shaped word with a digit
        "# implements: the restore path\n"  # prose after the colon, no ID
    )
    assert scan_code(text, "x.py") == []


def test_ids_end_at_the_first_word_that_is_not_one():
    text = "# implements: SPEC-1.R1 (see the design), SPEC-1.R2\n# verifies: SPEC-2.D1.\n"
    assert found(scan_code(text, "x.py")) == [
        (1, "implements", "SPEC-1.R1"),
        (2, "verifies", "SPEC-2.D1"),
    ]


def test_configured_markers_spelled_as_configured():
    text = "// Tested-By: SPEC-5.D1\n// implements: SPEC-5.R1\n// satisfies : SPEC-5.R2\n"
    markers = scan_code(text, "a.c", markers=("satisfies", "Tested-By"))
    assert markers == [
        CodeMarker("a.c", 1, "Tested-By", "SPEC-5.D1"),
        CodeMarker("a.c", 3, "satisfies", "SPEC-5.R2"),
    ]
    assert scan_code(text, "a.c", markers=()) == []


def test_lines_stay_right_with_windows_line_ends_and_non_ascii_text():
    text = "# ünïcödé\r\n# implements: SPEC-1.R1\r\n\r\n# İstanbul\r\n# verifies: SPEC-1.D1\r\n"
    assert found(scan_code(text, "x.py")) == [
        (2, "implements", "SPEC-1.R1"),
        (5, "verifies", "SPEC-1.D1"),
    ]


@settings(database=None, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["# implements: SPEC-1.R1\n", "code()\n", "\n", "// verifies: A-2, A-3\n", "İ", "é"]
        ),
        max_size=40,
    )
)
def test_every_marker_line_is_the_line_it_stands_on(parts):
    text = "".join(parts)
    lines = text.split("\n")
    for marker in scan_code(text, "x"):
        assert marker.target in lines[marker.line - 1]
