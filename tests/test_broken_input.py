"""``init``, ``lint`` and the build on files broken the ways real folders break them: a page
saved in Latin-1, a date no calendar has, metadata that is not valid YAML. No traceback: each
gets a line that names the file and says what to do, and ``init`` and the build agree."""

from __future__ import annotations

import json
import subprocess
import sys

import myst_parser
import sphinx

from conftest import build, load_json, run_cli, specs_warnings

ADR = "# {n}. {title}\n\nDate: 2018-01-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


def test_a_page_that_is_not_utf8_is_named_and_left_out_of_the_build(tmp_path):
    (tmp_path / "0001-use-x.md").write_text(ADR.format(n=1, title="Use X"), encoding="utf-8")
    (tmp_path / "0002-cafe.md").write_bytes(
        ADR.format(n=2, title="Caf\u00e9 d\u00e9cision").encode("latin-1")
    )
    (tmp_path / "0003-wide.md").write_bytes(ADR.format(n=3, title="Wide").encode("utf-16"))
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": 1 specs (" in result.stdout
    assert (
        "  0002-cafe.md: not UTF-8 (byte 0xe9 on line 1): Sphinx reads every page as UTF-8; "
        "save it as UTF-8 (exclude_patterns leaves it out)"
    ) in result.stdout.splitlines()
    assert (
        "  0003-wide.md: saved as UTF-16: Sphinx reads every page as UTF-8; save it as UTF-8 "
        "(exclude_patterns leaves it out)"
    ) in result.stdout.splitlines()
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert "'CHANGELOG.md', '0002-cafe.md', '0003-wide.md']" in conf
    (tmp_path / "0003-wide.md").unlink()
    app = build(tmp_path)  # Sphinx's build would stop at the file ("Encoding error!")
    assert specs_warnings(app) == []
    assert list(load_json(app)["specs"]) == ["SPEC-0001"]

    # without the exclusion, lint names the file instead of a traceback (Sphinx 9 stops at
    # it; Sphinx 8 reads "?" for each such byte and warns itself, no specs warning)
    (tmp_path / "conf.py").write_text(
        conf.replace(", '0002-cafe.md', '0003-wide.md'", ""), encoding="utf-8"
    )
    lint = run_cli("lint", str(tmp_path))
    if sphinx.version_info < (9,):
        assert (lint.returncode, lint.stdout) == (0, "no specs warnings\n")
        return
    assert lint.returncode == 2
    assert lint.stderr.strip() == (
        f"sphinx-specs lint: {tmp_path / '0002-cafe.md'}: not UTF-8 (byte 0xe9): save it as "
        "UTF-8, or add it to exclude_patterns"
    )
    assert "Traceback" not in lint.stdout + lint.stderr
    parallel = run_cli("lint", "-j", "2", str(tmp_path))  # Sphinx wraps the error: found again
    assert parallel.returncode == 2
    assert parallel.stderr.strip() == (
        f"sphinx-specs lint: {tmp_path / '0002-cafe.md'}: not UTF-8: save it as UTF-8, or add "
        "it to exclude_patterns"
    )


def test_a_front_matter_date_no_calendar_has_gets_the_date_warning(tmp_path):
    """PyYAML makes ``2024-02-30`` a ``ValueError`` for the whole front matter; the value
    readers read it as written and warn at its line, as they do a date in a metadata file."""
    for n, date in ((1, "2024-02-01"), (2, "2024-02-30")):
        (tmp_path / f"000{n}-x{n}.md").write_text(
            f"---\nstatus: Accepted\ncreated: {date}\n---\n\n# Spec {n}\n\nText.\n",
            encoding="utf-8",
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    if int(myst_parser.__version__.split(".")[0]) < 5:  # MyST 4 stops at the date itself
        assert (
            "  0002-x2.md: the parser stops at it (ValueError: day is out of range for month) "
            "(exclude_patterns leaves it out)"
        ) in result.stdout.splitlines()
        app = build(tmp_path)
        assert specs_warnings(app) == [] and list(load_json(app)["specs"]) == ["SPEC-0001"]
        return
    assert ": 2 specs (2 front matter)" in result.stdout
    app = build(tmp_path)
    found = [(w.file, w.line, w.subtype) for w in specs_warnings(app)]
    assert found == [(str(tmp_path / "0002-x2.md"), 3, "meta")]  # the front matter's created:
    assert "bad date :created: '2024-02-30'" in specs_warnings(app)[0].message
    specs = load_json(app)["specs"]
    assert {k: (v["status"], v["created"]) for k, v in specs.items()} == {
        "SPEC-0001": ("Accepted", "2024-02-01"),
        "SPEC-0002": ("Accepted", None),
    }
    lint = run_cli("lint", str(tmp_path))
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "specs.meta         bad date :created: '2024-02-30'" in lint.stdout


def test_two_files_with_one_number_count_once_as_the_build_reads_them(tmp_path):
    """``0002-cache.md`` and ``0002-search.md``: the build keeps the first page's spec and warns
    of the other; init's count (documented as what the build reads) says so too."""
    for name in ("0001-auth", "0002-search", "0002-cache"):
        (tmp_path / f"{name}.md").write_text(
            f"# {name[5:].title()}\n\n* Status: Accepted\n* Author: Ann Lee\n\n## Context\n\nX.\n",
            encoding="utf-8",
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path}: 2 specs (2 field bullets), ")
    assert "  0002-search.md: its ID SPEC-0002 is 0002-cache.md's too: IDs must be unique" in lines
    app = build(tmp_path)
    assert sorted(load_json(app)["specs"]) == ["SPEC-0001", "SPEC-0002"]
    assert load_json(app)["specs"]["SPEC-0002"]["title"] == "Cache"
    found = [(w.file, w.line, w.subtype) for w in specs_warnings(app)]
    assert found == [(str(tmp_path / "0002-search.md"), 3, "id")]


def test_people_written_as_mappings_are_read_as_people(tmp_path):
    """``authors:`` as a list of ``name`` / ``email`` mappings (CITATION.cff's shape), in front
    matter, a metadata.yaml and a metadata.json: each one person, none dropped without a word."""
    (tmp_path / "0001-fm.md").write_text(
        "---\nstatus: Accepted\nauthors:\n  - name: Ann Lee\n    email: ann@x.org\n"
        "  - Bob Stone\n  - given-names: Ludwig\n    name-particle: van\n"
        "    family-names: Beethoven\n    role: editor\n---\n\n# Front matter\n\nText.\n",
        encoding="utf-8",
    )
    for n, name, data in (
        (2, "metadata.yaml", "status: Accepted\nauthors:\n  - name: Cy Young\n    github: cy\n"),
        (
            3,
            "metadata.json",
            '{"status": "Accepted", "authors": [{"given-names": "Di",'
            ' "family-names": "Ng", "url": "https://di.example"}, "Ed Ho"]}',
        ),
    ):
        folder = tmp_path / f"000{n}-side"
        folder.mkdir()
        (folder / "README.md").write_text(f"# Sidecar {n}\n\nText.\n", encoding="utf-8")
        (folder / name).write_text(data, encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'specs_plain_markdown = ["0001-fm.md", "*/README.md"]\n'
        'specs_templates = {"s": {"statuses": ["Accepted"], '
        '"metadata_file": ["metadata.yaml", "metadata.json"]}}\n'
        'specs_default_template = "s"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text(
        "# Specs\n\n```{toctree}\n:glob:\n\n0*\n*/README\n```\n", encoding="utf-8"
    )
    app = build(tmp_path)
    assert [w.message for w in specs_warnings(app)] == []
    authors = {k: v["authors"] for k, v in load_json(app)["specs"].items()}
    assert authors == {
        "SPEC-001": ["Ann Lee <ann@x.org>", "Bob Stone", "Ludwig van Beethoven"],
        "SPEC-002": ["Cy Young (@cy)"],
        "SPEC-003": ["Di Ng", "Ed Ho"],
    }


def test_metadata_that_is_not_valid_yaml_is_named_and_left_to_the_build_to_warn(tmp_path):
    """A KEP whose metadata.yaml has a typo, a page whose front matter has one: init named them
    "no metadata" and wrote a '!' pattern for each, so the specs were gone without a word."""
    keps = tmp_path / "keps"
    for n in (1, 2, 3):
        folder = keps / f"000{n}-k{n}"
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(f"# KEP-{n}: Thing {n}\n\n## Summary\n\nS.\n")
        authors = "[@ann" if n == 3 else '["@ann"]'
        (folder / "metadata.yaml").write_text(
            f"title: Thing {n}\nkep-number: {n}\nauthors: {authors}\nstatus: implementable\n"
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "  keps/0003-k3/README.md: metadata.yaml is not valid YAML: found character that cannot "
        "start any token (line 3) (the build warns of it)"
    ) in result.stdout.splitlines()
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert "specs_plain_markdown = ['keps/[0-9]*/README.md']\n" in conf  # no '!' for it
    app = build(tmp_path)
    found = [(w.file.replace(f"{tmp_path}/", ""), w.line, w.subtype) for w in specs_warnings(app)]
    assert found == [("keps/0003-k3/metadata.yaml", 3, "meta")]  # that one says why

    (front := tmp_path / "front").mkdir()
    for n in (1, 2, 3, 4):
        authors = "[Ann" if n == 4 else "[Ann]"
        (front / f"000{n}-s{n}.md").write_text(
            f"---\nstatus: Accepted\nauthors: {authors}\n---\n\n# Spec {n}\n\nText.\n"
        )
    result = run_cli("init", str(front))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "  0004-s4.md: its front matter is not valid YAML (line 4: did not find expected ',' or "
        "']') (the build warns of it)"
    ) in result.stdout.splitlines()
    assert "specs_plain_markdown = ['[0-9]*.md']\n" in (front / "conf.py").read_text()
    app = build(front)
    assert [(w.file.rsplit("/", 1)[-1], w.line, w.message) for w in specs_warnings(app)] == [
        (
            "0004-s4.md",
            1,
            "0004-s4.md is selected by specs_plain_markdown but is not read as a spec: its "
            "front matter is not valid YAML (line 4: did not find expected ',' or ']'); once it "
            "reads, so does the page",
        )
    ]


def test_init_out_leaves_a_page_that_is_not_utf8_out_of_a_projects_build(tmp_path):
    """A Sphinx project whose conf.py sets no exclude_patterns, with a Latin-1 page: the
    conf.py ``init --out`` writes loads and leaves the page out; run again, it knows its own."""
    src, out = tmp_path / "docs", tmp_path / "conf"
    src.mkdir()
    (src / "conf.py").write_text('project = "Docs"\nextensions = ["myst_parser"]\n')
    (src / "index.md").write_text("# Docs\n\n```{toctree}\n:glob:\n\n0*\n```\n")
    (src / "0001-use-x.md").write_text(ADR.format(n=1, title="Use X"), encoding="utf-8")
    (src / "0002-cafe.md").write_bytes(ADR.format(n=2, title="Caf\u00e9").encode("latin-1"))
    assert run_cli("init", str(src), "--out", str(out)).returncode == 0
    conf = (out / "conf.py").read_text()
    assert "exclude_patterns = [*globals().get('exclude_patterns', []), *['0002-cafe.md']]" in conf
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-c",
            str(out),
            str(src),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert json.loads((tmp_path / "html" / "specs.json").read_text())["specs"].keys() == {
        "SPEC-0001"
    }
