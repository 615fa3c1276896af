"""The benchmark runner: ``python benchmarks/run.py --n 1000`` (or ``make bench N=1000``).

Builds the variants of :mod:`specgen` clean, in turn (plain, specs, needs, bullets,
frontmatter, bullets-bare, frontmatter-bare, plain, ...), for several rounds, each build in its
own ``sphinx-build`` process; prints the median wall and CPU times, the peak RSS of each, the
ratios to plain (specs, the two plain-Markdown forms, needs), each plain-Markdown form's CPU
against the same pages without the extension (``-bare``), and specs/needs measured in the same
run, the time of an incremental build after one spec's status changes (every variant, taking
turns in each round: plain is Sphinx's own floor) with the pages it wrote, and specs at ``-j 2``
against ``-j 1``. The figures also go to a JSON file.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from specgen import VARIANTS, generate, status_line  # noqa: E402

# the variants with sphinx-specs, each compared to plain Sphinx + MyST on the same content
SPECS_VARIANTS = ("specs", "bullets", "frontmatter")


def sphinx_build(
    src: Path, out: Path, *, jobs: int = 1, clean: bool = True
) -> tuple[float, int, float]:
    """Run one build in a fresh process; (seconds, peak RSS in MiB, CPU seconds).

    The CPU time (user + system, the build's own and its children's: git, ``-j`` workers) is
    what the build cost; on a shared machine the wall time also holds the time spent waiting
    for a core, so the ratios are given for both."""
    if clean and out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / ".doctrees")]
    if jobs > 1:
        command += ["-j", str(jobs)]
    command += [str(src), str(out / "html")]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"build of {src} failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def compile_packages() -> None:
    """Write the bytecode of sphinx-specs before timing.

    An editable install has none, and with ``PYTHONDONTWRITEBYTECODE`` set (as on CI machines)
    every build would compile this package's modules again (0.17 s of CPU), while Sphinx, MyST
    and sphinx-needs, installed from wheels, were compiled when pip installed them; a user's
    installed sphinx-specs is compiled too. ``compileall`` writes the files whatever that
    variable says."""
    import sphinxcontrib_specs

    compileall.compile_dir(Path(sphinxcontrib_specs.__file__).parent, quiet=1)


def html_mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "html").glob("*.html")}


class StatusEdit:
    """Spec 1's status line in one variant's sources, changed for each incremental round."""

    def __init__(self, src: Path, variant: str):
        self.page = src / "spec0001.md"
        self.original = self.page.read_text(encoding="utf-8")
        self.key = status_line(variant)
        self.line = next(ln for ln in self.original.splitlines() if ln.startswith(self.key))
        self.close = '"' if self.key.endswith('"') else ""  # a quoted front-matter value

    def apply(self, round_number: int) -> None:
        """Accepted, Draft, Accepted, ...: each round's status differs from the one the build
        before it saw (the generated spec 1 is Under Review)."""
        status = "Accepted" if round_number % 2 == 0 else "Draft"
        new = f"{self.key}{status}{self.close}"
        self.page.write_text(self.original.replace(self.line, new, 1), encoding="utf-8")

    def restore(self) -> None:
        self.page.write_text(self.original, encoding="utf-8")


def incremental(
    sources: dict[str, Path], builds: dict[str, Path], rounds: int
) -> dict[str, dict[str, object]]:
    """Time incremental builds after spec 1's status changes; count the pages written.

    The variants take turns in each round (plain, specs, ..., then plain again), as the clean
    builds do, so that a machine growing busier or quieter during the run moves every
    variant's figure, not only those measured last."""
    edits = {variant: StatusEdit(src, variant) for variant, src in sources.items()}
    times: dict[str, list[float]] = {v: [] for v in sources}
    cpus: dict[str, list[float]] = {v: [] for v in sources}
    written: dict[str, list[str]] = {}
    try:
        for round_number in range(rounds):
            for variant, edit in edits.items():
                out = builds[variant]
                edit.apply(round_number)
                before = html_mtimes(out)
                time.sleep(0.02)
                seconds, _, cpu = sphinx_build(sources[variant], out, clean=False)
                after = html_mtimes(out)
                times[variant].append(seconds)
                cpus[variant].append(cpu)
                written[variant] = sorted(n for n, t in after.items() if before.get(n) != t)
    finally:
        for edit in edits.values():
            edit.restore()
    return {
        variant: {
            "median_s": statistics.median(times[variant]),
            "times_s": times[variant],
            "median_cpu_s": statistics.median(cpus[variant]),
            "cpu_s": cpus[variant],
            "written": written[variant],
        }
        for variant in sources
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of specs (100, 500, 1000, 2000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--default-sidebar",
        action="store_true",
        help="keep the theme's default sidebars (a cost of Sphinx's, see README)",
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 comparison")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental builds")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    args = parser.parse_args(argv)

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    compile_packages()
    label = f"n{args.n}" + ("-default-sidebar" if args.default_sidebar else "")
    base = args.workdir / label
    sources = {}
    for variant in variants:
        src = base / variant / "src"
        if src.exists():
            shutil.rmtree(src)
        sources[variant] = generate(src, variant, args.n, default_sidebar=args.default_sidebar)

    results: dict[str, dict[str, list[float]]] = {
        v: {"time": [], "rss": [], "cpu": []} for v in variants
    }
    for round_number in range(args.rounds):
        for variant in variants:
            seconds, rss, cpu = sphinx_build(sources[variant], base / variant / "build")
            results[variant]["time"].append(seconds)
            results[variant]["rss"].append(rss)
            results[variant]["cpu"].append(cpu)
            print(
                f"  round {round_number + 1} {variant:<17} {seconds:7.2f} s "
                f"{cpu:7.2f} s CPU {rss:6d} MiB",
                flush=True,
            )

    summary: dict[str, object] = {
        "n": args.n,
        "rounds": args.rounds,
        "default_sidebar": args.default_sidebar,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "variants": {},
    }
    medians = {}
    for variant in variants:
        t = statistics.median(results[variant]["time"])
        rss = max(results[variant]["rss"])
        cpu = statistics.median(results[variant]["cpu"])
        medians[variant] = (t, rss, cpu)
        summary["variants"][variant] = {  # type: ignore[index]
            "median_s": t,
            "per_spec_ms": 1000 * t / args.n,
            "times_s": results[variant]["time"],
            "median_cpu_s": cpu,
            "cpu_per_spec_ms": 1000 * cpu / args.n,
            "cpu_s": results[variant]["cpu"],
            "peak_rss_mib": rss,
        }

    print()
    print(
        f"N = {args.n} specs, {args.rounds} rounds, median of clean builds"
        + (" (default sidebars)" if args.default_sidebar else "")
    )
    print(f"{'variant':<17}{'median s':>10}{'ms/spec':>10}{'CPU s':>10}{'peak MiB':>10}")
    for variant in variants:
        t, rss, cpu = medians[variant]
        print(f"{variant:<17}{t:>10.2f}{1000 * t / args.n:>10.1f}{cpu:>10.2f}{rss:>10d}")
    ratios: dict[str, float] = {}
    for variant in SPECS_VARIANTS:
        if variant in medians and "plain" in medians:
            ratios[f"time {variant}/plain"] = medians[variant][0] / medians["plain"][0]
            ratios[f"cpu {variant}/plain"] = medians[variant][2] / medians["plain"][2]
            ratios[f"rss {variant}/plain"] = medians[variant][1] / medians["plain"][1]
        bare = f"{variant}-bare"  # the same pages without the extension
        if variant in medians and bare in medians:
            ratios[f"cpu {variant}/{bare}"] = medians[variant][2] / medians[bare][2]
            ratios[f"cpu {bare}/plain"] = medians[bare][2] / medians["plain"][2]
    if "needs" in medians and "plain" in medians:
        ratios["time needs/plain"] = medians["needs"][0] / medians["plain"][0]
    if "specs" in medians and "needs" in medians:
        ratios["time specs/needs"] = medians["specs"][0] / medians["needs"][0]
    summary["ratios"] = ratios
    print()
    for name, value in ratios.items():
        print(f"{name:<36} {value:6.3f}")

    incremental_results: dict[str, dict[str, object]] = {}
    if not args.no_incremental:
        # plain is measured too: it is the floor, what Sphinx itself costs for one changed page;
        # each variant's build folder is the one its last clean round left
        builds = {v: base / v / "build" for v in variants}
        incremental_results = incremental(sources, builds, args.rounds)
    for variant, result in incremental_results.items():
        clean = medians[variant][0]
        print(
            f"incremental {variant:<17} {result['median_s']:6.2f} s "
            f"({result['median_s'] / clean:.3f} of a clean build; "
            f"CPU {result['median_cpu_s']:.2f} s, "  # type: ignore[str-format]
            f"{result['median_cpu_s'] / medians[variant][2]:.3f}), "  # type: ignore[operator]
            f"{len(result['written'])} pages written: {', '.join(result['written'])}"  # type: ignore[arg-type]
        )
    summary["incremental"] = incremental_results
    if "plain" in incremental_results:
        # the target: at most 1% of a clean build above plain Sphinx's own incremental build
        # (CPU time: on a shared machine the wall time also holds waiting for a core)
        plain_incremental: float = incremental_results["plain"]["median_cpu_s"]  # type: ignore[assignment]
        floor = plain_incremental / medians["plain"][2]
        for variant in [v for v in SPECS_VARIANTS if v in incremental_results]:
            spent: float = incremental_results[variant]["median_cpu_s"]  # type: ignore[assignment]
            share = spent / medians[variant][2]
            ratios[f"incremental {variant} - plain"] = share - floor
            print(
                f"incremental {variant}: {share:.3f} of its clean build (CPU), "
                f"plain {floor:.3f}: {share - floor:+.3f}"
            )

    if "specs" in variants and not args.no_parallel:
        times = [
            sphinx_build(sources["specs"], base / "specs" / "build-j2", jobs=2)[0]
            for _ in range(args.rounds)
        ]
        j2 = statistics.median(times)
        summary["parallel"] = {"j2_median_s": j2, "j2/j1": j2 / medians["specs"][0]}
        print(f"specs -j 2         {j2:6.2f} s ({j2 / medians['specs'][0]:.3f} of -j 1)")

    target = args.json or (args.workdir / f"results-{label}.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
