"""The plain-spec sources read from raw text, before any parser: an RFC 2822 header block at the
top of a page (Python's PEPs) and a sidecar metadata file beside it (Kubernetes' ``kep.yaml``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.plain.sources.header import (
    HeaderBlock,
    RawEntry,
    blank_header,
    read_header,
)
from sphinxcontrib_specs.plain.sources.sidecar import (
    SidecarProblem,
    read_sidecar,
    sidecar_paths,
)

PEP_8 = """\
PEP: 8
Title: Style Guide for Python Code
Author: Guido van Rossum <guido@python.org>,
        Barry Warsaw <barry@python.org>,
        Alyssa Coghlan <ncoghlan@gmail.com>
Status: Active
Type: Process
Created: 05-Jul-2001
Post-History: 05-Jul-2001, 01-Aug-2013
Replaces: 291


Introduction
============

This document gives coding conventions for the Python code.
"""


def fields(block: HeaderBlock | None) -> dict[str, str | tuple[str, ...]]:
    assert block is not None
    return {entry.label: entry.value for entry in block.entries}


# -- header blocks ---------------------------------------------------------------------------------


def test_a_pep_in_rst_gives_every_field_with_its_line():
    block = read_header(PEP_8, ".rst")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 10, "")
    assert block.entries[0] == RawEntry("PEP", "8", 1)
    assert block.entries[2] == RawEntry(
        "Author",
        "Guido van Rossum <guido@python.org>, Barry Warsaw <barry@python.org>, "
        "Alyssa Coghlan <ncoghlan@gmail.com>",
        3,
    )
    assert [(e.label, e.line) for e in block.entries[3:]] == [
        ("Status", 6),
        ("Type", 7),
        ("Created", 8),
        ("Post-History", 9),
        ("Replaces", 10),
    ]


def test_blanking_the_block_keeps_every_other_line_where_it_was():
    block = read_header(PEP_8, ".rst")
    assert block is not None
    blanked = blank_header(PEP_8, block)
    before, after = PEP_8.splitlines(keepends=True), blanked.splitlines(keepends=True)
    assert len(after) == len(before)
    assert after[:10] == ["\n"] * 10
    assert after[10:] == before[10:]
    assert read_header(blanked, ".rst") is None


def test_a_pep_like_markdown_file_with_a_field_whose_value_comes_on_the_next_lines():
    text = (
        "\n\nPEP: 9999\nTitle: Add a Markdown flavour\nAuthor:\n  Ann Lee <ann@example.org>\n"
        "Status: Draft\nCreated: 2024-03-01\n\n# Abstract\n\nWhy.\n"
    )
    block = read_header(text, ".md")
    assert block is not None
    assert (block.start, block.end) == (3, 8)
    assert fields(block)["Author"] == "Ann Lee <ann@example.org>"
    assert block.entries[-1] == RawEntry("Created", "2024-03-01", 8)


def test_a_header_hidden_in_an_html_comment():
    text = "<!--\nTitle: Sidecar metadata\nStatus: Accepted\n-->\n\n# Sidecar metadata\n"
    block = read_header(text, ".md")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 4, "comment")
    assert block.entries == (
        RawEntry("Title", "Sidecar metadata", 2),
        RawEntry("Status", "Accepted", 3),
    )
    assert blank_header(text, block) == "\n\n\n\n\n# Sidecar metadata\n"


def test_an_html_comment_may_open_on_the_first_field_and_close_after_the_last():
    block = read_header("<!-- Title: Cache\nStatus: Draft -->\n# Cache\n", ".md")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 2, "comment")
    assert fields(block) == {"Title": "Cache", "Status": "Draft"}


@pytest.mark.parametrize(
    "text",
    [
        "<!-- markdownlint-disable MD013 -->\n# Title\n",
        "<!--\nCopyright 2024 The Authors.\n\nLicensed under Apache 2.0.\n-->\n",
        "<!--\nTitle: Never closed\nStatus: Draft\n",
        "<!--\nTitle: A\nStatus: B\n--> and prose after it\n",
    ],
)
def test_html_comments_that_are_no_header(text):
    assert read_header(text, ".md") is None


@pytest.mark.parametrize(
    "opening, closing", [("```", "```"), ("```text", "```"), ("~~~~ yaml", "~~~~"), ("~~~", "~~~~")]
)
def test_a_header_in_a_fenced_code_block(opening, closing):
    text = f"{opening}\nTitle: Fenced\nStatus: Draft\nAuthors: Ann,\n  Bo\n{closing}\n\n# Fenced\n"
    block = read_header(text, ".md")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 6, "literal")
    assert fields(block) == {"Title": "Fenced", "Status": "Draft", "Authors": "Ann, Bo"}


def test_a_fence_of_code_or_never_closed_is_no_header():
    assert read_header("```python\ndef f():\n    return 1\n```\n", ".md") is None
    assert read_header("```\nTitle: A\nStatus: B\n", ".md") is None
    assert read_header("````\nTitle: A\nStatus: B\n```\n", ".md") is None  # too short to close


def test_a_header_in_an_indented_code_block_under_a_preamble_heading():
    text = (
        "## Preamble\n\n    EIP: 140\n    Title: REVERT\n    Author: Ann,\n"
        "      Bob\n    Status: Final\n\n## Simple Summary\n\nText.\n"
    )
    block = read_header(text, ".md")
    assert block is not None
    assert [(e.label, e.value, e.line) for e in block.entries] == [
        ("EIP", "140", 3),
        ("Title", "REVERT", 4),
        ("Author", "Ann, Bob", 5),
        ("Status", "Final", 7),
    ]
    assert (block.start, block.end, block.wrapper) == (1, 7, "code")
    assert blank_header(text, block).splitlines()[:9] == [""] * 7 + ["", "## Simple Summary"]
    assert read_header("    Title: A\n    Status: B\n\n# A\n", ".md").wrapper == "code"


@pytest.mark.parametrize(
    "text",
    [
        "## Summary\n\n    Title: A\n    Status: B\n",  # a section's code sample
        "## Header\n\n    Date: Mon, 1 Jan 2024\n    Content-Type: text/plain\n",  # HTTP's
        "## Preamble\n\nTitle: A\nStatus: B\n",  # not indented: a paragraph
        "## Preamble\n\n    x = 1\n    y = 2\n",
        "    def f():\n        return 1\n",
    ],
)
def test_indented_code_that_is_no_header(text):
    assert read_header(text, ".md") is None


def test_a_header_in_an_rst_comment_is_dedented():
    text = (
        "..\n   PEP: 3333\n   Title: Python Web Server Gateway Interface v1.0.1\n"
        "   Author: Phillip J. Eby <pje@telecommunity.com>,\n\tand others\n   Status: Final\n\n"
        "Abstract\n========\n"
    )
    block = read_header(text, ".rst")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 6, "comment")
    # a tab is 8 columns in rST: more than the block's 3, a continuation
    assert fields(block)["Author"] == "Phillip J. Eby <pje@telecommunity.com>, and others"
    assert block.entries[-1] == RawEntry("Status", "Final", 6)
    assert blank_header(text, block).splitlines()[6:] == ["", "Abstract", "========"]


def test_an_empty_rst_comment_followed_by_a_block_quote_is_no_header():
    assert read_header("..\n\n   Title: A\n   Status: B\n", ".rst") is None


@pytest.mark.parametrize("opening", ["::", "Metadata::"])
def test_a_header_in_an_rst_literal_block(opening):
    text = f"{opening}\n\n    Title: Literal\n    Status: Draft\n      for now\n\nBody.\n"
    block = read_header(text, ".rst")
    assert block is not None
    assert (block.start, block.end, block.wrapper) == (1, 5, "literal")
    assert block.entries == (
        RawEntry("Title", "Literal", 3),
        RawEntry("Status", "Draft for now", 4),
    )


def test_an_rst_literal_block_needs_its_blank_line():
    assert read_header("::\n    Title: A\n    Status: B\n", ".rst") is None


def test_wrappers_belong_to_their_syntax():
    assert read_header("<!--\nTitle: A\nStatus: B\n-->\n", ".rst") is None
    assert read_header("..\n   Title: A\n   Status: B\n", ".md") is None


@pytest.mark.parametrize(
    "text, suffix",
    [
        ("Note: this is prose.\n\nMore prose.\n", ".md"),
        ("Note: this is prose.\nIt goes on for a line.\n", ".md"),
        ("---\ntitle: Front matter\nstatus: Draft\n---\nTitle: A\nStatus: B\n", ".md"),
        ("- Status: Draft\n- Title: Bullets\n", ".md"),
        (":Status: Draft\n:Title: A field list\n", ".rst"),
        ("# Heading\n\nTitle: A\nStatus: B\n", ".md"),
        ("Heading\n=======\n\nTitle: A\nStatus: B\n", ".rst"),
        ("https://example.org: x\nTitle: A\n", ".md"),
        ("Note:this\nTitle: A\n", ".md"),
        ("Title: A\nOne two three four five: B\n", ".md"),
        ("    Title: A\nStatus: B\n", ".md"),
        ("", ".md"),
        ("\n \n", ".rst"),
    ],
)
def test_texts_with_no_header_block(text, suffix):
    assert read_header(text, suffix) is None


def test_labels_of_four_words_and_values_with_colons():
    block = read_header("Date Of Last Review: 10:30\nSee also: https://example.org\n", ".md")
    assert fields(block) == {"Date Of Last Review": "10:30", "See also": "https://example.org"}


def test_crlf_endings_and_a_bom():
    text = "\ufeff\r\nTitle: Windows\r\nStatus: Draft\r\n\r\n# Windows\r\n"
    block = read_header(text, ".md")
    assert block is not None
    assert (block.start, block.end) == (2, 3)
    assert block.entries[0] == RawEntry("Title", "Windows", 2)
    assert blank_header(text, block) == "\ufeff\r\n\r\n\r\n\r\n# Windows\r\n"


LINES = st.sampled_from(
    [
        "PEP: 8",
        "Title: A",
        "Status:",
        "  more",
        "\tmore",
        "",
        " ",
        "<!--",
        "<!-- A: b",
        "-->",
        "x -->",
        "```",
        "```py",
        "~~~",
        "..",
        "::",
        "Literal::",
        "---",
        "# H",
        "- A: b",
        ":A: b",
        "\ufeff",
        "\ufeffA: b",
    ]
)


@settings(database=None, max_examples=300)
@given(
    st.lists(st.one_of(LINES, st.text(max_size=12)), max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from([".md", ".rst", ".txt", "", ".MD"]),
)
def test_reading_any_text_never_raises_and_blanking_keeps_the_lines(lines, newline, suffix):
    text = newline.join(lines)
    block = read_header(text, suffix)
    if block is None:
        return
    assert 1 <= block.start <= block.end
    assert len(block.entries) >= 2
    assert all(block.start <= entry.line <= block.end for entry in block.entries)
    blanked = blank_header(text, block).split(newline)
    original = text.split(newline)
    assert len(blanked) == len(original)
    assert [i for i, (a, b) in enumerate(zip(original, blanked, strict=True)) if a != b] == [
        i for i in range(block.start - 1, block.end) if original[i] not in ("", "\ufeff")
    ]


# -- sidecar files ---------------------------------------------------------------------------------

KEP_YAML = """\
title: Server-side Apply
kep-number: 555
authors:
  - "@lavalamp"
  - "@jennybuckley"
owning-sig: sig-api-machinery
participating-sigs: []
status: implemented
creation-date: 2018-03-28
reviewers:
  - "@deads2k"
latest-milestone: "v1.22"
version: 1.20
milestone:
  alpha: "v1.14"
  beta: "v1.16"
feature-gates:
  - name: ServerSideApply
    components:
      - kube-apiserver
disable-supported: true
metrics: ~
"""


def test_a_kep_yaml_gives_scalars_and_lists_with_their_lines(tmp_path):
    path = tmp_path / "kep.yaml"
    path.write_text(KEP_YAML, encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert problems == []
    assert entries == [
        RawEntry("title", "Server-side Apply", 1),
        RawEntry("kep-number", "555", 2),
        RawEntry("authors", ("@lavalamp", "@jennybuckley"), 3),
        RawEntry("owning-sig", "sig-api-machinery", 6),
        RawEntry("participating-sigs", (), 7),
        RawEntry("status", "implemented", 8),
        RawEntry("creation-date", "2018-03-28", 9),
        RawEntry("reviewers", ("@deads2k",), 10),
        RawEntry("latest-milestone", "v1.22", 12),
        RawEntry("version", "1.20", 13),
        RawEntry("disable-supported", "true", 21),
        RawEntry("metrics", "", 22),
    ]


@pytest.mark.parametrize(
    "text, line",
    [
        ("title: A\nstatus: [draft\nowner: b\n", 3),
        ("title: A\n  status: b\n", 2),
        ("title: A\n---\nother: doc\n", 2),
    ],
)
def test_bad_yaml_is_one_problem_on_the_line_where_it_stopped(tmp_path, text, line):
    path = tmp_path / "meta.yaml"
    path.write_text(text, encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert entries == []
    assert len(problems) == 1
    assert problems[0].message.startswith("meta.yaml is not valid YAML: ")
    assert problems[0].line == line


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "", "[1, 2]"])
def test_a_sidecar_that_is_no_mapping(tmp_path, text):
    path = tmp_path / "meta.yml"
    path.write_text(text, encoding="utf-8")
    message = "meta.yml is not a mapping of fields"
    assert read_sidecar(path) == ([], [SidecarProblem(message, 1 if text else None)])


def test_unsafe_tags_and_bad_tagged_scalars(tmp_path):
    path = tmp_path / "meta.yaml"
    path.write_text(
        "title: A\nrun: !!python/object/apply:os.system ['true']\nready: !!bool maybe\n"
        "when: 2019-02-30\ndefaults: &d {owner: ann}\n",
        encoding="utf-8",
    )
    entries, problems = read_sidecar(path)
    assert entries == [
        RawEntry("title", "A", 1),
        RawEntry("ready", "maybe", 3),
        RawEntry("when", "2019-02-30", 4),
    ]
    assert [(p.line, "python/object" in p.message) for p in problems] == [(2, True)]


def test_a_key_given_twice_keeps_the_last_value(tmp_path):
    path = tmp_path / "meta.yaml"
    path.write_text("status: draft\ntitle: A\nstatus: final\n", encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert entries == [RawEntry("title", "A", 2), RawEntry("status", "final", 3)]
    assert [p.line for p in problems] == [3]


def test_a_json_sidecar(tmp_path):
    path = tmp_path / "meta.json"
    data = {
        "extra": {"title": "nested, not this one"},
        "title": "JSON sidecar",
        "tags": ["api", "cache"],
        "version": 1.20,
        "draft": False,
        "owner": None,
        "rollout": [{"stage": "alpha"}],
    }
    path.write_text(json.dumps(data, indent=2).replace("1.2,", "1.20,"), encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert problems == []
    assert entries == [
        RawEntry("title", "JSON sidecar", 5),
        RawEntry("tags", ("api", "cache"), 6),
        RawEntry("version", "1.20", 10),
        RawEntry("draft", "false", 11),
        RawEntry("owner", "", 12),
    ]


def test_bad_json_is_one_problem_with_its_line(tmp_path):
    path = tmp_path / "meta.json"
    path.write_text('{\n  "title": "A",\n  "status": draft\n}\n', encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert entries == []
    assert [(p.line, p.message.startswith("meta.json is not valid JSON")) for p in problems] == [
        (3, True)
    ]


def test_an_unreadable_sidecar_is_a_problem(tmp_path):
    missing = read_sidecar(tmp_path / "gone.yaml")
    assert missing[0] == []
    assert [p.message.startswith("cannot read gone.yaml") for p in missing[1]] == [True]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"title: A\nowner: Jos\xe9\n")
    assert read_sidecar(latin)[1] == [
        SidecarProblem("cannot read latin.yaml: it is not UTF-8 text", 2)
    ]


def test_sidecar_paths_in_pattern_order_each_once(tmp_path):
    folder = tmp_path / "keps" / "555-server-side-apply"
    folder.mkdir(parents=True)
    source = folder / "README.md"
    for name in ("kep.yaml", "README.meta.yml", "metadata.yaml"):
        (folder / name).write_text("title: A\n", encoding="utf-8")
    patterns = [
        "{stem}.meta.yml",
        "{folder}/kep.yaml",
        "kep.yaml",
        "./kep.yaml",
        "{unknown}.yaml",
        "{}.yaml",
        "missing.yaml",
        "metadata.yaml",
        "README.md",
    ]
    assert sidecar_paths(source, patterns) == [
        folder / "README.meta.yml",
        folder / "kep.yaml",
        folder / "metadata.yaml",
    ]


def test_sidecar_paths_of_a_source_relative_to_srcdir(tmp_path):
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001.meta.yml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text("owner: B\n", encoding="utf-8")
    patterns = ["{stem}.meta.yml", "{srcdir}/defaults.yaml", "bad\0name.yaml"]
    assert sidecar_paths(tmp_path.joinpath("adr", "0001.md").relative_to(tmp_path), patterns) == []
    assert sidecar_paths(
        tmp_path.joinpath("adr", "0001.md").relative_to(tmp_path), patterns, tmp_path
    ) == [tmp_path / "adr" / "0001.meta.yml", tmp_path / "defaults.yaml"]


SIDECAR_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            ["a: 1", "- x", "  b: [", "c: &x {d: *x}", "e: !!int z", "<<: *x", "{", '"f":', "]"]
        ),
        max_size=6,
    ).map("\n".join),
)


@settings(database=None, max_examples=200)
@given(SIDECAR_TEXT, st.sampled_from(["meta.yaml", "meta.json"]))
def test_reading_any_sidecar_never_raises(tmp_path_factory, text, name):
    path = tmp_path_factory.mktemp("sidecar") / name
    path.write_text(text, encoding="utf-8")
    entries, problems = read_sidecar(path)
    assert all(isinstance(entry, RawEntry) for entry in entries)
    assert all(isinstance(p, SidecarProblem) for p in problems)
