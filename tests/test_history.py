"""Status history from git: real temporary repositories with fixed author and committer dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import parse_warnings
from sphinxcontrib_specs.core.history import Revision, compute, status_in_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PYTHON = Path(sys.executable)
EPOCH = "1775001600"  # 2026-04-01 00:00 UTC

CONF = """\
project = "History"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""


def spec(status: str, title: str = "Backups", extra: str = "") -> str:
    return f"# {title}\n\n:::{{spec}} SPEC-0001\n:status: {status}\n{extra}\nAbstract.\n:::\n"


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        (path / "conf.py").write_text(CONF, encoding="utf-8")
        (path / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\n\n*\n```\n")

    def git(self, *args: str, date: str = "2026-01-05T10:00:00Z") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Ann Author",
            "GIT_AUTHOR_EMAIL": "ann@example.com",
            "GIT_COMMITTER_NAME": "Ann Author",
            "GIT_COMMITTER_EMAIL": "ann@example.com",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def commit(self, files: dict[str, str], date: str, message: str = "change") -> None:
        for name, text in files.items():
            (self.path / name).write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)


def build(
    src: Path, out: Path, *args: str, epoch: str = EPOCH, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    if quiet:
        args = ("-q", *args)
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run(
        [str(PYTHON), "-m", "sphinx", *args, str(src), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def card(out: Path, page: str = "backups") -> str:
    html = (out / f"{page}.html").read_text(encoding="utf-8")
    return html[html.index('class="specs-card') : html.index("specs-abstract")]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.commit({"backups.md": spec("Draft")}, "2026-01-05T10:00:00Z", "first")
    repo.commit({"backups.md": spec("Draft", "Backups, again")}, "2026-02-01T10:00:00Z")
    repo.commit({"backups.md": spec("Under Review")}, "2026-03-02T10:00:00Z", "review")
    return repo


def test_light_reader_reads_the_three_spellings() -> None:
    assert status_in_text(":::{spec} X-1\n:status: Draft\n:::\n") == "Draft"
    assert status_in_text("---\nstatus: 'Accepted'\n---\n# T\n") == "Accepted"
    assert status_in_text("# T\n\n- **Status:** Under Review\n") == "Under Review"
    assert status_in_text("# T\n\nno status here\n") is None


def test_compute_skips_broken_metadata_and_takes_the_current_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    revisions = [
        Revision("a" * 40, "2026-01-01", "Ann", "Draft"),
        Revision("b" * 40, "2026-01-10", "Bob", None),  # metadata broken for a while
        Revision("c" * 40, "2026-01-20", "Ann", "Draft"),
        Revision("d" * 40, "2026-02-01", "Cy", "Accepted"),
    ]
    history = compute(revisions, "Accepted")
    moves = [(c.date, c.before, c.after) for c in history.changes]
    assert moves == [("2026-01-01", None, "Draft"), ("2026-02-01", "Draft", "Accepted")]
    assert (history.created, history.updated, history.status_since) == (
        "2026-01-01",
        "2026-02-01",
        "2026-02-01",
    )
    from sphinxcontrib_specs.render.card import since_text

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769990400")  # 2026-02-02: the card counts to it
    assert since_text("Accepted", "2026-02-01") == "Accepted since 2026-02-01 (1 day)"


def test_compute_starts_at_the_first_status_of_a_page_that_was_not_a_spec_yet() -> None:
    """A page written before it became a spec: its first commits give no status, and its
    history is one change (not a "created" entry without a status before it)."""
    revisions = [
        Revision("a" * 40, "2025-11-03", "Ann", None),  # notes, not a spec yet
        Revision("b" * 40, "2025-12-01", "Ann", None),
        Revision("c" * 40, "2026-01-05", "Bob", "Draft"),
    ]
    history = compute(revisions, "Draft")
    assert [(c.date, c.before, c.after) for c in history.changes] == [("2026-01-05", None, "Draft")]
    assert (history.created, history.status_since) == ("2025-11-03", "2026-01-05")


def test_card_since_history_created_updated(repo: Repo, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(repo.path, out)
    assert result.returncode == 0, result.stderr
    text = card(out)
    # 2026-03-02 -> 2026-04-01 (SOURCE_DATE_EPOCH) is 30 days.
    assert "Under Review since 2026-03-02 (30 days)" in text
    assert "2026-01-05" in text and "2026-03-02" in text  # created, updated from git
    assert "<details" in text and "<summary>2 status changes</summary>" in text
    assert "2026-03-02 Draft -&gt; Under Review (" in text and "Ann Author)" in text
    assert "2026-01-05 created as Draft" in text
    assert text.index("Under Review (") < text.index("created as Draft")  # newest first
    assert [w for w in parse_warnings(result.stderr) if w.subtype != "section"] == []


def test_given_dates_win_and_text_builder_lists(repo: Repo, tmp_path: Path) -> None:
    extra = ":created: 2025-12-24\n"
    repo.commit({"backups.md": spec("Under Review", extra=extra)}, "2026-03-10T10:00:00Z")
    out = tmp_path / "out"
    assert build(repo.path, out, "-b", "text").returncode == 0
    text = (out / "backups.txt").read_text(encoding="utf-8")
    assert "2025-12-24" in text and "2026-01-05" not in text.split("History")[0]
    assert "2026-03-10" in text  # updated from the last commit
    assert "Under Review since 2026-03-02 (30 days)" in text
    assert "* 2026-03-02 Draft -> Under Review" in text


def test_renames_followed_and_uncommitted_edits_count_as_now(repo: Repo, tmp_path: Path) -> None:
    repo.git("mv", "backups.md", "backup-plan.md")
    repo.git("commit", "-q", "-m", "rename", date="2026-03-05T10:00:00Z")
    (repo.path / "backup-plan.md").write_text(spec("Accepted"), encoding="utf-8")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    text = card(out, "backup-plan")
    assert "Accepted since 2026-04-01 (0 days)" in text
    assert "2026-04-01 Under Review -&gt; Accepted (uncommitted)" in text
    assert "2026-01-05 created as Draft" in text  # from before the rename
    assert "<summary>3 status changes</summary>" in text


def test_untracked_file_no_repo_and_git_off(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.path / "backups.md").write_text(spec("Draft"), encoding="utf-8")
    out = tmp_path / "out"
    result = build(repo.path, out)  # no commit at all: HEAD does not exist
    assert result.returncode == 0, result.stderr
    assert "Draft since 2026-04-01 (0 days)" in card(out)
    shutil.rmtree(repo.path / ".git")
    out2 = tmp_path / "out2"
    result = build(repo.path, out2, "-D", "specs_git=1")
    assert result.returncode == 0 and "since" not in card(out2)
    assert [w.subtype for w in parse_warnings(result.stderr) if w.subtype != "section"] == ["git"]
    assert "since" not in card(out2) and "<details" not in card(out2)


def test_a_file_git_ignores_has_no_history(repo: Repo, tmp_path: Path) -> None:
    covering = (
        spec("Under Review", extra="") + "\n:::{goals}\n- Restore. {covers}`SPEC-0002.G1`\n:::\n"
    )
    repo.commit({".gitignore": "generated/\n", "backups.md": covering}, "2026-03-03T10:00:00Z")
    (repo.path / "generated").mkdir()
    generated = spec("Accepted", "Generated").replace("SPEC-0001", "SPEC-0002")
    generated += "\n:::{goals}\n- Generated goal.\n:::\n"
    (repo.path / "generated" / "made.md").write_text(generated, encoding="utf-8")
    (repo.path / "fresh.md").write_text(spec("Draft", "Fresh").replace("0001", "0003"), "utf-8")
    out = tmp_path / "out"
    result = build(repo.path, out, "-D", "specs_suspect_warnings=1")
    assert result.returncode == 0, result.stderr
    # an item in a file git ignores never changed "after" the item covering it
    assert [w for w in parse_warnings(result.stderr) if w.subtype == "suspect"] == []
    ignored = card(out, "generated/made")
    assert "SPEC-0002" in ignored and "since" not in ignored and "<details" not in ignored
    assert "Draft since 2026-04-01 (0 days)" in card(out, "fresh")  # untracked, not ignored
    assert "Under Review since 2026-03-02" in card(out)
    data = json.loads((out / "specs.json").read_text(encoding="utf-8"))
    assert "history" not in data["specs"]["SPEC-0002"]
    assert data["specs"]["SPEC-0001"]["items"]["G1"]["suspect"] == []
    assert data["specs"]["SPEC-0003"]["history"][-1]["commit"] is None


def test_detached_head_merge_and_json_determinism(repo: Repo, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.commit({"backups.md": spec("Accepted")}, "2026-03-20T10:00:00Z", "accept")
    repo.git("checkout", "-q", "main")
    repo.commit({"other.md": "# Other\n"}, "2026-03-21T10:00:00Z")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-03-22T10:00:00Z")
    repo.git("checkout", "-q", "--detach", "HEAD")
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(repo.path, first).returncode == 0
    assert build(repo.path, second, "-E", "-j", "2").returncode == 0
    assert "Accepted since 2026-03-20 (12 days)" in card(first)
    assert card(first) == card(second)
    data = json.loads((first / "specs.json").read_text(encoding="utf-8"))
    entry = data["specs"]["SPEC-0001"]
    assert entry["status_since"] == "2026-03-20"
    assert [(h["from"], h["to"]) for h in entry["history"]] == [
        (None, "Draft"),
        ("Draft", "Under Review"),
        ("Under Review", "Accepted"),
    ]
    assert (first / "specs.json").read_bytes() == (second / "specs.json").read_bytes()
    import jsonschema

    from sphinxcontrib_specs.core.specsjson import SCHEMA_PATH

    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_shallow_clone_says_so_once(repo: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True
    )
    result = build(clone, tmp_path / "out", "-E", quiet=False)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "[specs.git]" in line]
    assert len(lines) == 1 and "fetch-depth: 0" in lines[0]
    text = card(tmp_path / "out")
    assert "(partial: shallow clone)" in text
    assert "Under Review since 2026-03-02 (30 days)" in text  # nothing invented before it


def test_incremental_build_follows_a_new_commit(repo: Repo, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    assert build(repo.path, out).returncode == 0  # nothing changed: nothing to rewrite
    (repo.path / "other.md").write_text("# Other\n", encoding="utf-8")
    repo.commit({"backups.md": spec("Accepted")}, "2026-03-25T10:00:00Z")
    assert build(repo.path, out).returncode == 0
    clean = tmp_path / "clean"
    assert build(repo.path, clean).returncode == 0
    assert "Accepted since 2026-03-25 (7 days)" in card(out)
    assert card(out) == card(clean)


STALE_CONF = CONF + 'specs_templates = {"proposal": {"stale_after": {"Under Review": 20}}}\n'


def test_stale_warning_at_the_spec_line_and_table_mark(repo: Repo, tmp_path: Path) -> None:
    (repo.path / "conf.py").write_text(STALE_CONF, encoding="utf-8")
    (repo.path / "list.md").write_text("# List\n\n```{spec-table}\n```\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(repo.path, out)
    assert result.returncode == 0, result.stderr
    stale = [w for w in parse_warnings(result.stderr) if w.subtype == "stale"]
    assert [w.where for w in stale] == [("backups.md", 3, "stale")]
    assert stale[0].message == (
        "spec SPEC-0001 has been Under Review since 2026-03-02 (30 days); "
        "its template allows 20 days"
    )
    assert "(stale: 30 days)" in (out / "list.html").read_text(encoding="utf-8")
    # An earlier SOURCE_DATE_EPOCH, inside the limit: no warning, no mark.
    result = build(repo.path, tmp_path / "early", epoch="1773360000")  # 2026-03-13
    assert [w for w in parse_warnings(result.stderr) if w.subtype == "stale"] == []
    assert "stale:" not in (tmp_path / "early" / "list.html").read_text(encoding="utf-8")


def test_table_rows_follow_stale_after_the_day_and_git_in_an_incremental_build(
    repo: Repo, tmp_path: Path
) -> None:
    """A spec-table row kept between builds is keyed by what it shows from outside the pages:
    its stale mark follows a changed stale_after, a later day and specs_git = False, as a clean
    build's does (conf.py stays edited in the work tree: git's own state does not move)."""
    (repo.path / "conf.py").write_text(STALE_CONF, encoding="utf-8")
    (repo.path / "list.md").write_text("# List\n\n```{spec-table}\n```\n", encoding="utf-8")
    out = tmp_path / "out"

    def table(epoch: str = EPOCH) -> str:
        assert build(repo.path, out, epoch=epoch).returncode == 0
        html = (out / "list.html").read_text(encoding="utf-8")
        clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        assert build(repo.path, clean, "-E", epoch=epoch).returncode == 0
        assert html == (clean / "list.html").read_text(encoding="utf-8")
        return html

    assert "(stale: 30 days)" in table()
    assert "(stale: 31 days)" in table(epoch="1775088000")  # a day later
    (repo.path / "conf.py").write_text(STALE_CONF.replace(": 20}", ": 40}"), encoding="utf-8")
    assert "stale:" not in table()
    (repo.path / "conf.py").write_text(STALE_CONF.replace(": 20}", ": 25}"), encoding="utf-8")
    assert "(stale: 30 days)" in table()
    (repo.path / "conf.py").write_text(STALE_CONF + "specs_git = False\n", encoding="utf-8")
    assert "stale:" not in table()


STALE_BAD_CONF = (
    CONF
    + """\
specs_templates = {
    "review": {
        "statuses": ["Draft", "Under Review", "Parked"],
        "inactive": ["Parked"],
        "stale_after": {"Nope": 3, "Draft": 0, "Parked": "60", "Under Review": 20},
    },
}
specs_default_template = "review"
"""
)


def test_bad_stale_after_entries_are_config_warnings_and_the_rest_is_kept(
    repo: Repo, tmp_path: Path
) -> None:
    (repo.path / "conf.py").write_text(STALE_BAD_CONF, encoding="utf-8")
    out = tmp_path / "out"
    result = build(repo.path, out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = parse_warnings(result.stderr)
    config = [w for w in warnings if w.subtype == "config"]
    assert {(w.type, w.file, w.line) for w in config} == {("specs", "", None)}
    assert [w.message for w in config] == [
        "template 'review': stale_after: 'Nope' is not one of the template's statuses "
        "(Draft, Under Review, Parked); write one of those; using the default",
        "template 'review': stale_after['Draft'] is 0, not a whole number of days > 0; "
        "write e.g. {'Draft': 60}; using the default",
        "template 'review': stale_after['Parked'] is '60', not a whole number of days > 0; "
        "write e.g. {'Parked': 60}; using the default",
    ]
    # The template is kept (it is the spec's template, no specs.meta for its statuses) and so is
    # its good entry: Under Review since 2026-03-02 is 30 days, over its 20.
    assert [w.subtype for w in warnings if w.subtype != "config"] == ["stale"]
    assert [w.message for w in warnings if w.subtype == "stale"] == [
        "spec SPEC-0001 has been Under Review since 2026-03-02 (30 days); "
        "its template allows 20 days"
    ]
    data = json.loads((out / "specs.json").read_text(encoding="utf-8"))
    assert data["specs"]["SPEC-0001"]["template"] == "review"


def test_stale_after_that_is_not_a_dict_names_the_template(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    conf = CONF + 'specs_templates = {"proposal": {"stale_after": [["Draft", 3]]}}\n'
    repo.commit({"conf.py": conf, "backups.md": spec("Draft")}, "2026-01-05T10:00:00Z")
    result = build(repo.path, tmp_path / "out")
    config = [w for w in parse_warnings(result.stderr) if w.subtype == "config"]
    assert [(w.type, w.message) for w in config] == [
        (
            "specs",
            "template 'proposal': stale_after must be a dict of status -> days, not list; "
            "write e.g. {'Draft': 90}; using the default",
        )
    ]


def rows_of(html: str, table: str) -> list[list[str]]:
    import html as html_lib
    import re

    part = html[html.index(table) :]
    part = part[: part.index("</table>")]
    body = part[part.index("<tbody") :]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    cells = [re.findall(r"<td.*?</td>", row, re.S) for row in rows]
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells]


def test_spec_history_on_the_page_and_recent_changes_elsewhere(repo: Repo, tmp_path: Path) -> None:
    page = spec("Under Review") + "\n## History\n\n```{spec-history}\n```\n"
    other = spec("Accepted", "Restore").replace("SPEC-0001", "SPEC-0002")
    repo.commit({"backups.md": page, "restore.md": other}, "2026-03-20T10:00:00Z")
    moved = "# Moved\n\n```{spec-history}\n:since: 2026-03-01\n```\n"
    (repo.path / "moved.md").write_text(moved, encoding="utf-8")
    (repo.path / "recent.md").write_text("# R\n\n```{spec-history}\n:since: 5d\n```\n")
    (repo.path / "bad.md").write_text("# Bad\n\n```{spec-history}\n:since: soon\n```\n")
    out = tmp_path / "out"
    result = build(repo.path, out)
    assert result.returncode == 0, result.stderr
    own = rows_of((out / "backups.html").read_text(encoding="utf-8"), "specs-history-table")
    assert [(r[0], r[1], r[3]) for r in own] == [
        ("2026-03-02", "Draft -> Under Review", "Ann Author"),
        ("2026-01-05", "created as Draft", "Ann Author"),
    ]
    moved_rows = rows_of((out / "moved.html").read_text(encoding="utf-8"), "specs-history-table")
    assert [(r[0], r[1], r[2]) for r in moved_rows] == [
        ("2026-03-20", "SPEC-0002", "created as Accepted"),
        ("2026-03-02", "SPEC-0001", "Draft -> Under Review"),
    ]
    recent = (out / "recent.html").read_text(encoding="utf-8")
    assert "No status changes" in recent  # 2026-03-27 onwards: nothing moved
    bad = [w for w in parse_warnings(result.stderr) if w.subtype == "filter"]
    assert [w.where for w in bad] == [("bad.md", 3, "filter")]
    assert "bad :since: 'soon'" in bad[0].message


def test_timeline_counts_per_status_at_each_date(repo: Repo, tmp_path: Path) -> None:
    other = spec("Draft", "Restore").replace("SPEC-0001", "SPEC-0002")
    repo.commit({"restore.md": other}, "2026-03-10T10:00:00Z")
    (repo.path / "time.md").write_text("# T\n\n```{spec-timeline}\n```\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    html = (out / "time.html").read_text(encoding="utf-8")
    assert rows_of(html, "specs-timeline-table") == [
        ["2026-01-05", "1", "0"],
        ["2026-03-02", "0", "1"],
        ["2026-03-10", "1", "1"],
        ["2026-04-01", "1", "1"],
    ]
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-label="2026-01-05: Draft 1; 2026-03-02: Under Review 1;' in svg
    assert svg.count("<rect") == 6 and "specs-status-under-review" in svg
    assert build(repo.path, tmp_path / "text", "-b", "text").returncode == 0
    text = (tmp_path / "text" / "time.txt").read_text(encoding="utf-8")
    assert "2026-03-10" in text and "Under Review" in text and "<svg" not in text


def test_unchanged_head_and_tree_rebuild_nothing(repo: Repo) -> None:
    out = repo.path / "_build" / "html"  # the output folder inside the work tree, not ignored
    assert build(repo.path, out).returncode == 0
    again = build(repo.path, out, quiet=False)
    assert again.returncode == 0
    assert "0 added, 0 changed, 0 removed" in again.stdout
    # The build date moves: the days on the card change, so spec pages are written again.
    later = build(repo.path, out, quiet=False, epoch="1775088000")  # 2026-04-02
    assert "0 added, 1 changed, 0 removed" in later.stdout
    assert "Under Review since 2026-03-02 (31 days)" in card(out)


def test_a_commit_that_broke_the_metadata_changes_nothing(repo: Repo, tmp_path: Path) -> None:
    broken = spec("Under Review").replace(":status: Under Review\n", "")
    repo.commit({"backups.md": broken}, "2026-03-05T10:00:00Z", "oops")
    repo.commit({"backups.md": spec("Under Review")}, "2026-03-06T10:00:00Z", "fix")
    out = tmp_path / "out"
    assert build(repo.path, out).returncode == 0
    text = card(out)
    assert "Under Review since 2026-03-02 (30 days)" in text
    assert "<summary>2 status changes</summary>" in text
    assert "2026-03-06" in text  # updated: the last commit
