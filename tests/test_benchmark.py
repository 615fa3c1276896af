"""The benchmark's generator and runner work (at N=20), so `make bench` cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, build, warnings_of

sys.path.insert(0, str(REPO / "benchmarks"))

from specgen import VARIANTS, generate


def test_variants_hold_the_same_specs(tmp_path):
    for variant in VARIANTS:
        generate(tmp_path / variant, variant, 5)
    # about 600 words of prose each, plus the markup of each variant
    words = {v: len((tmp_path / v / "spec0003.md").read_text().split()) for v in VARIANTS}
    assert all(600 <= n <= 850 for n in words.values()), words
    records = {}
    for variant in ("specs", "bullets", "frontmatter"):
        app = build(tmp_path / variant)
        assert warnings_of(app) == [], variant
        data = json.loads((app.outdir / "specs.json").read_text())
        spec = data["specs"]["SPEC-0003"]
        assert len(spec["sections"]) == 8
        assert [i["kind"] for i in spec["items"].values()].count("goal") == 3
        assert [i["kind"] for i in spec["items"].values()].count("dod") == 5
        assert len(spec["links"]["depends_on"]) in (2, 3)
        records[variant] = {
            k: spec[k] for k in ("status", "authors", "team", "created", "updated", "tags")
        } | {
            "depends_on": spec["links"]["depends_on"],
            "items": {k: (i["kind"], i["checked"]) for k, i in spec["items"].items()},
        }
    # the plain-Markdown forms are read as the same specs as the directive form (no {covers})
    assert records["bullets"] == records["specs"] == records["frontmatter"]


def test_runner_prints_and_writes_ratios(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--n",
            "20",
            "--rounds",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "time specs/plain" in result.stdout and "time specs/needs" in result.stdout
    assert "time bullets/plain" in result.stdout and "time frontmatter/plain" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["n"] == 20 and set(figures["variants"]) == set(VARIANTS)
    assert set(figures["ratios"]) == {
        *(
            f"{kind} {v}/plain"
            for kind in ("time", "cpu", "rss")
            for v in ("specs", "bullets", "frontmatter")
        ),
        "time needs/plain",
        "time specs/needs",
        *(f"incremental {v} - plain" for v in ("specs", "bullets", "frontmatter")),
        *(f"cpu {v}/{v}-bare" for v in ("bullets", "frontmatter")),
        *(f"cpu {v}-bare/plain" for v in ("bullets", "frontmatter")),
    }
    assert set(figures["incremental"]) == set(VARIANTS)
    for variant in ("specs", "bullets", "frontmatter"):
        written = figures["incremental"][variant]["written"]
        assert "spec0001.html" in written and len(written) < 20, (variant, written)
    assert figures["parallel"]["j2_median_s"] > 0


def test_history_benchmark_writes_a_repository_and_ratios(tmp_path):
    from history import fast_import_stream, generate_repo

    assert fast_import_stream(3, 7).count(b"commit refs/heads/main\n") == 7
    repo = generate_repo(tmp_path / "repo", 5, 12)
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--format=%ct %s", "--", "spec0002.md"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    # spec 2 was added Accepted, then changed in commits 2 and 7: one status step per commit
    assert [line.split(" ", 1)[1] for line in log] == [
        "SPEC-0002: Deferred",
        "SPEC-0002: Implemented",
        "Add 5 specs",
    ]
    assert [int(line.split()[0]) for line in log] == [1_700_000_000 + 3600 * k for k in (7, 2, 0)]
    assert ":status: Deferred\n" in (repo / "spec0002.md").read_text()
    status = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True
    )
    assert status.stdout == ""

    out = tmp_path / "history.json"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "history.py"),
            "--files",
            "5",
            "--commits",
            "12",
            "--rounds",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "time git/nogit" in result.stdout
    figures = json.loads(out.read_text())
    assert (figures["files"], figures["commits"]) == (5, 12)
    assert figures["ratio"] == figures["git"]["median_s"] / figures["nogit"]["median_s"]
    assert figures["cpu_ratio"] == figures["git"]["median_cpu_s"] / figures["nogit"]["median_cpu_s"]
    page = tmp_path / "work" / "history-f5-c12" / "build-git" / "html" / "spec0002.html"
    assert "specs-history" in page.read_text()
    nogit = tmp_path / "work" / "history-f5-c12" / "build-nogit" / "html" / "spec0002.html"
    assert "specs-history" not in nogit.read_text()
