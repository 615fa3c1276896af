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
            for kind in ("time", "rss")
            for v in ("specs", "bullets", "frontmatter")
        ),
        "time needs/plain",
        "time specs/needs",
        *(f"incremental {v} - plain" for v in ("specs", "bullets", "frontmatter")),
    }
    assert set(figures["incremental"]) == set(VARIANTS)
    for variant in ("specs", "bullets", "frontmatter"):
        written = figures["incremental"][variant]["written"]
        assert "spec0001.html" in written and len(written) < 20, (variant, written)
    assert figures["parallel"]["j2_median_s"] > 0
