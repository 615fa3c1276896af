"""``init`` then the build on the untidy things real folders hold beside their specs: a version
in an H1, a header-like paragraph or YAML block that is no metadata, a header block above an H1,
a licence comment, another tool's front matter, a folder-wide config file. Each spec comes out
right and nothing on a page is lost."""

from __future__ import annotations

from conftest import build, load_json, run_cli, specs_warnings, warnings_of

FILES = {
    "decisions/_config.yml": "title: Architecture Decision Log\ntheme: minima\n",
    "decisions/0001-use-postgres.md": (
        "<!--\nSPDX-License-Identifier: CC-BY-4.0\nSPDX-FileCopyrightText: 2024 Acme\n-->\n\n"
        "# Use PostgreSQL for orders\n\n* Status: Accepted\n* Author: Ann Lee\n\n"
        "## Context\n\nWhy.\n\n## Decision\n\nPostgres.\n"
    ),
    "decisions/0002-oauth.md": (
        "---\nsidebar_position: 2\n---\n\n# OAuth 2.0 support\n\n* Status: Proposed\n"
        "* Author: Bob Stone\n\n## Context\n\nWhy.\n\n## Decision\n\nYes.\n"
    ),
    "decisions/0003-release.md": (
        "# 3.5 release plan\n\n* Status: Accepted\n* Author: Cy Young\n\n"
        "## Context\n\nWhy.\n\n## Decision\n\nShip.\n"
    ),
    "decisions/0004-header.md": (
        "Status: Proposed\nAuthor: Dee Dee <dee@example.org>\nCreated: 05-Jul-2024\n\n"
        "# 4. Cache sessions at the edge\n\n## Context\n\nWhy.\n\n## Decision\n\nEdge.\n"
    ),
    "decisions/0005-notes.md": (
        "Note: read this first.\nAudience: everyone\n\n# Keep backups for a year\n\n"
        "* Status: Accepted\n* Author: Eve Ng\n\n## Context\n\nWhy.\n\n## Decision\n\nA year.\n"
    ),
    "decisions/0006-config.md": (
        "```yaml\nname: example\nversion: 2\n```\n\n# Ship the example config\n\n"
        "* Status: Proposed\n* Author: Fay Wu\n\n## Context\n\nWhy.\n\n## Decision\n\nShip.\n"
    ),
}


def test_untidy_folder(tmp_path):
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": 6 specs (" in result.stdout
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert (
        "metadata_file" not in conf
        and "SPDX" not in conf
        and "sidebar" not in conf.split("specs_")[1]
    )
    app = build(tmp_path)
    assert [(w.file, w.line, w.message) for w in specs_warnings(app)] == []
    specs = load_json(app)["specs"]
    got = {k: (v["title"], v["status"], v["authors"], v["created"]) for k, v in specs.items()}
    assert got == {
        "ADR-0001": ("Use PostgreSQL for orders", "Accepted", ["Ann Lee"], None),
        "ADR-0002": ("OAuth 2.0 support", "Proposed", ["Bob Stone"], None),
        "ADR-0003": ("3.5 release plan", "Accepted", ["Cy Young"], None),
        "ADR-0004": (
            "Cache sessions at the edge",
            "Proposed",
            ["Dee Dee <dee@example.org>"],
            "2024-07-05",
        ),
        "ADR-0005": ("Keep backups for a year", "Accepted", ["Eve Ng"], None),
        "ADR-0006": ("Ship the example config", "Proposed", ["Fay Wu"], None),
    }
    # what is no metadata stays on its page as written
    notes = (app.outdir / "decisions" / "0005-notes.html").read_text(encoding="utf-8")
    assert "Note: read this first." in notes and "Audience: everyone" in notes
    config = (app.outdir / "decisions" / "0006-config.html").read_text(encoding="utf-8")
    assert "example" in config and "version" in config


def test_numeric_dates_the_folder_writes_become_the_templates_date_format(tmp_path):
    """``25/12/2019``: no built-in form (it could be either way round); ``init`` finds the one
    every date of the folder fits and writes it as the template's ``date_formats``."""
    dates = {"0001-a.md": "25/12/2019", "0002-b.md": "03/04/2020", "0003-c.md": "14/07/2021"}
    for name, date in dates.items():
        (tmp_path / name).write_text(
            f"# {name[5].upper()}\n\nDate: {date}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n",
            encoding="utf-8",
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", dates DD/MM/YYYY" in result.stdout.splitlines()[0]
    assert "'date_formats': ['%d/%m/%Y']" in (tmp_path / "conf.py").read_text(encoding="utf-8")
    app = build(tmp_path)
    assert specs_warnings(app) == []
    created = {k: v["created"] for k, v in load_json(app)["specs"].items()}
    assert created == {
        "SPEC-0001": "2019-12-25",
        "SPEC-0002": "2020-04-03",
        "SPEC-0003": "2021-07-14",
    }


def test_rst_field_lists_at_the_top_are_read_by_init_as_by_the_build(tmp_path):
    """``:Status: Draft`` above an rST page's title is docinfo: the build reads it as front
    matter, and so does ``init``'s study (it made a one-status ``Accepted`` template before, and
    the build then warned on every spec)."""
    statuses = {1: "Draft", 2: "Accepted", 3: "Draft"}
    for n, status in statuses.items():
        (tmp_path / f"000{n}-verify.rst").write_text(
            f":Status: {status}\n:Authors: Ann Lee; Cy Young\n:Date: 2024-06-0{n}\n\n"
            f"Verify backups {n}\n=================\n\nContext\n-------\n\nWhy.\n",
            encoding="utf-8",
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # docutils names the bibliographic fields in lower case, for the build as for init
    assert lines[1] == "fields: status -> status, authors -> authors, date -> created"
    assert lines[2] == "statuses: Draft (2), Accepted (1)"
    app = build(tmp_path)
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    got = {k: (v["title"], v["status"], v["authors"], v["created"]) for k, v in specs.items()}
    assert got == {
        f"SPEC-000{n}": (f"Verify backups {n}", s, ["Ann Lee", "Cy Young"], f"2024-06-0{n}")
        for n, s in statuses.items()
    }


def test_status_sections_stay_metadata_beside_one_record_with_a_status_bullet(tmp_path):
    """adr-tools' ``## Status`` sections, and one newer MADR record that writes ``* Status:``:
    init keeps the section as the status's place (it dropped it for the whole folder before, so
    every ADR was silently its default ``Accepted``)."""
    statuses = {
        1: "Accepted",
        2: "Superseded by [4. Prometheus](0004-prometheus.md)",
        3: "Proposed",
        4: "Accepted",
        5: "Rejected",
    }
    for n, status in statuses.items():
        (tmp_path / f"000{n}-adr{n}.md").write_text(
            f"# {n}. Record {n}\n\nDate: 2016-0{n}-01\n\n## Status\n\n{status}\n\n"
            "## Context\n\nC.\n\n## Decision\n\nD.\n",
            encoding="utf-8",
        )
    (tmp_path / "0004-adr4.md").rename(tmp_path / "0004-prometheus.md")
    (tmp_path / "0006-logging.md").write_text(
        "# 6. Structured logging\n\n* Status: Accepted\n* Deciders: Ann Lee\n"
        "* Date: 2016-06-01\n\n## Context\n\nC.\n",
        encoding="utf-8",
    )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "metadata sections: Status" in result.stdout.splitlines()
    app = build(tmp_path)
    assert specs_warnings(app) == []
    specs = load_json(app)["specs"]
    got = {k: (v["status"], v["links"]["superseded_by"]) for k, v in specs.items()}
    assert got == {
        "SPEC-0001": ("Accepted", []),
        "SPEC-0002": ("Superseded", ["SPEC-0004"]),
        "SPEC-0003": ("Proposed", []),
        "SPEC-0004": ("Accepted", []),
        "SPEC-0005": ("Rejected", []),
        "SPEC-0006": ("Accepted", []),
    }
    assert specs["SPEC-0006"]["authors"] == ["Ann Lee"]


def test_labels_that_make_no_option_name_become_fields_the_build_takes(tmp_path):
    """``Progress`` is a built-in name (the card's Definition-of-Done row) and ``2nd Reviewer``
    starts with a digit: init names them so that the build takes them, with no warning."""
    for n in (1, 2, 3):
        (tmp_path / f"000{n}-s.md").write_text(
            f"# Spec {n}\n\n* Status: Accepted\n* **Progress:** 50%\n* **2nd Reviewer:** @bob\n\n"
            "## Context\n\nX.\n",
            encoding="utf-8",
        )
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (tmp_path / "conf.py").read_text(encoding="utf-8")
    assert (
        "specs_fields = [{'name': 'progress-field', 'label': 'Progress'}, "
        "{'name': 'field-2nd-reviewer', 'label': '2nd Reviewer'}]"
    ) in conf
    app = build(tmp_path)
    assert [w.message for w in warnings_of(app)] == []
    fields = load_json(app)["specs"]["SPEC-0001"]["fields"]
    assert fields == {"progress-field": "50%", "field-2nd-reviewer": "@bob"}
