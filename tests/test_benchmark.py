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
    specs = build(tmp_path / "specs")
    assert warnings_of(specs) == []
    data = json.loads((specs.outdir / "specs.json").read_text())
    spec = data["specs"]["SPEC-0003"]
    assert len(spec["sections"]) == 8
    assert [i["kind"] for i in spec["items"].values()].count("goal") == 3
    assert [i["kind"] for i in spec["items"].values()].count("dod") == 5
    assert len(spec["links"]["depends_on"]) in (2, 3)


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
    figures = json.loads(out.read_text())
    assert figures["n"] == 20 and set(figures["variants"]) == set(VARIANTS)
    assert set(figures["ratios"]) == {"time specs/plain", "rss specs/plain", "time specs/needs"}
    assert set(figures["incremental"]) == set(VARIANTS)
    written = figures["incremental"]["specs"]["written"]
    assert "spec0001.html" in written and len(written) < 20
    assert figures["parallel"]["j2_median_s"] > 0
