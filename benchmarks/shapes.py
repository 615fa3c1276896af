"""Plain spec folders in the new shapes, in instructions: ``python benchmarks/shapes.py``.

Issue 33 asks, of a generated folder of 2,000 specs in each new shape: ``sphinx-specs init`` in
under 10 s; and at 200 specs the build within 5 % of plain Sphinx + MyST on the same files, in
instructions. The shapes, as in ``tests/roots/test-folder-*``: ``header`` (an RFC 2822 header
block atop a PEP-style ``pep-NNNN.rst``), ``sidecar`` (``NNNN-slug/README.md`` beside a
``metadata.yaml``), ``adr`` (adr-tools' ``# 2. Title``, ``Date:`` line and ``## Status``
section) and ``numbered`` (decision records whose only metadata is the file's number and the
H1, in a folder with its own ``index.md``). Each page has :mod:`specgen`'s content (title,
status, authors, date, references, 8 sections, 3 goals, 5 Definition-of-Done boxes, a code
block; ``numbered`` keeps only the title). For each shape it writes ``--n`` specs (200), then:

- ``ours``: a copy on which the real ``sphinx-specs init`` runs, then its clean build;
- ``bare``: a copy with plain Sphinx + MyST (init's ``myst_enable_extensions``, theme, sidebars,
  exclude patterns, root document) and a root page holding init's glob toctree, built clean;

both builds with ``ir.py``'s ``sphinx_build`` under cachegrind, running a copy of sphinx-specs
taken at the start (``init`` runs it too). It prints both counts and their ratio (aim: at most
1.05), ``init``'s wall and CPU seconds on a folder of ``--init-n`` specs (2,000; aim: under 10 s,
median of ``--init-rounds``), the specs the build read (``specs.json``: must be N) and our
build's warnings (from a normal build of the same folder), and writes the figures to
``benchmarks/results/shapes-<date>-n<N>.json``. ``--shapes header,adr`` picks shapes. Slow:
the builds run 30-50 times slower under cachegrind (``--n 10 --init-n 100`` for a quick look).
``--init-only`` times ``init`` alone; ``--init-jobs 1`` runs it in one process (its ``-j``;
default ``auto``). The CPU seconds are the process's and its workers'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import runpy
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from ir import build_env, find_valgrind, git_state, snapshot, sphinx_build  # noqa: E402
from specgen import SECTIONS, Spec  # noqa: E402

SHAPES = ("header", "sidecar", "adr", "numbered")
# each folder's name, as a real one's: init takes an ID prefix from it when the pages have none
FOLDERS = {"header": "peps", "sidecar": "keps", "adr": "adr", "numbered": "engineering"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# what the bare conf.py takes from init's (nothing of sphinx-specs)
BARE_KEYS = ("project", "myst_enable_extensions", "html_theme", "html_sidebars")
BARE_KEYS += ("exclude_patterns", "suppress_warnings", "root_doc")


def name_of(spec: Spec) -> str:
    return spec.title.split(": ", 1)[1]  # specgen's title less its "Spec N: "


def slug(spec: Spec) -> str:
    return f"{spec.n:04d}-" + "-".join(name_of(spec).lower().split())


def sections(spec: Spec, see: str, *, rst: bool) -> str:
    """specgen's 8 sections, in Markdown or reStructuredText."""
    if rst:
        code = ".. code-block:: yaml\n\n" + "".join(f"   {ln}\n" for ln in spec.code.splitlines())
    else:
        code = f"```yaml\n{spec.code}```"
    body = {
        "Summary": spec.extra,
        "Motivation": f"See {see}.",
        "Goals & Non-Goals": "\n".join(f"- {g}" for g in spec.goals),
        "Proposed Solution / Design": code,
        "Definition of Done": "\n".join(f"- [{'x' if d else ' '}] {t}" for t, d in spec.dod),
        "References": f"Related: {see}.",
    }
    parts = []
    for title in SECTIONS:
        heading = f"{title}\n{'=' * len(title)}" if rst else f"## {title}"
        parts.append(f"{heading}\n\n{spec.text[title]}\n\n{body.get(title, '')}".rstrip())
    return "\n\n".join(parts) + "\n"


def header_page(spec: Spec, specs: list[Spec]) -> str:
    year, month, day = spec.created.split("-")
    lines = [
        f"PEP: {spec.n}",
        f"Title: {name_of(spec)}",
        f"Author: {', '.join(spec.authors)}",
        f"Status: {spec.status}",
        f"Created: {day}-{MONTHS[int(month) - 1]}-{year}",
    ]
    if spec.refs:
        lines.append(f"Requires: {', '.join(str(r) for r in spec.refs)}")
    see = ", ".join(f":doc:`PEP {r} <pep-{r:04d}>`" for r in spec.refs) or "none"
    return "\n".join(lines) + "\n\n\n" + sections(spec, see, rst=True)


def sidecar_files(spec: Spec, specs: list[Spec]) -> tuple[str, str]:
    see = ", ".join(f"[KEP-{r}](../{slug(specs[r - 1])}/README.md)" for r in spec.refs)
    readme = f"# KEP-{spec.n}: {name_of(spec)}\n\n" + sections(spec, see or "none", rst=False)
    meta = [
        f"title: {name_of(spec)}",
        f"kep-number: {spec.n}",
        "authors:",
        f'  - "@dev{spec.n % 11}"',
        f'  - "@writer{spec.n % 5}"',
        f"status: {spec.status}",
        f'creation-date: "{spec.created}"',
    ]
    if spec.refs:
        meta += ["see-also:", *(f'  - "/{slug(specs[r - 1])}"' for r in spec.refs)]
    return readme, "\n".join(meta) + "\n"


def md_link(r: int, specs: list[Spec], prefix: str = "") -> str:
    return f"[{r}. {name_of(specs[r - 1])}]({prefix}{slug(specs[r - 1])}.md)"


def adr_page(spec: Spec, specs: list[Spec]) -> str:
    see = ", ".join(md_link(r, specs) for r in spec.refs) or "none"
    top = f"# {spec.n}. {name_of(spec)}\n\nDate: {spec.created}\n\n## Status\n\n{spec.status}\n\n"
    return top + sections(spec, see, rst=False)


def numbered_page(spec: Spec, specs: list[Spec]) -> str:
    see = ", ".join(md_link(r, specs) for r in spec.refs) or "none"
    return f"# {spec.n:04d}. {name_of(spec)}\n\n" + sections(spec, see, rst=False)


def generate(root: Path, shape: str, count: int) -> Path:
    """Write ``count`` specs of ``shape`` into ``root`` (a new folder); return ``root``."""
    shutil.rmtree(root, ignore_errors=True)
    specs = [Spec(n, count) for n in range(1, count + 1)]
    files: dict[str, str] = {}
    for spec in specs:
        if shape == "header":
            files[f"pep-{spec.n:04d}.rst"] = header_page(spec, specs)
        elif shape == "sidecar":
            readme, meta = sidecar_files(spec, specs)
            files[f"{slug(spec)}/README.md"], files[f"{slug(spec)}/metadata.yaml"] = readme, meta
        elif shape == "adr":
            files[f"{slug(spec)}.md"] = adr_page(spec, specs)
        else:
            files[f"decisions/{slug(spec)}.md"] = numbered_page(spec, specs)
    if shape == "numbered":  # the folder's own page: a welcome and a list of links
        links = "".join(f"- {md_link(s.n, specs, 'decisions/')}\n" for s in specs)
        files["index.md"] = f"# Engineering decisions\n\nWhy we chose what we chose.\n\n{links}"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def run_module(code: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m ARGS`` with the copy of sphinx-specs first on the path (``-m`` puts the
    current folder first: the copy's), as ``ir.py``'s builds."""
    command = [sys.executable, "-m", *args]
    return subprocess.run(
        command, cwd=code, env=build_env(code), capture_output=True, text=True, check=False
    )


def run_init(folder: Path, code: Path, jobs: str = "auto") -> tuple[int, str, float, float]:
    """``sphinx-specs init -j JOBS FOLDER`` with the copy of sphinx-specs: (exit code, its
    output, wall seconds, CPU seconds of the process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = run_module(code, "sphinxcontrib_specs", "init", "-j", jobs, str(folder))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return process.returncode, process.stdout + process.stderr, wall, cpu


def counted(output: str) -> int | None:
    """The number of specs init's summary says the build will read."""
    match = re.search(r": (\d+) specs \(", output)
    return int(match.group(1)) if match else None


def warnings_of(src: Path, out: Path, code: Path) -> list[str]:
    """The warnings of a normal (not measured) clean build of ``src``."""
    shutil.rmtree(out, ignore_errors=True)
    process = run_module(code, "sphinx", "-q", "-b", "html", str(src), str(out))
    if process.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{process.stderr[-3000:]}")
    return [ln for ln in process.stderr.splitlines() if "WARNING:" in ln or "ERROR:" in ln]


def make_bare(ours: Path, bare: Path) -> None:
    """Plain Sphinx + MyST on the same files: init's settings less sphinx-specs', and its root
    page less the reports (its glob toctree kept)."""
    values = runpy.run_path(str(ours / "conf.py"))
    conf = {"extensions": ["myst_parser"], **{k: values[k] for k in BARE_KEYS if k in values}}
    (bare / "conf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in conf.items()), "utf-8")
    root = f"{conf.get('root_doc', 'index')}.md"
    page = (ours / root).read_text("utf-8").split("\n:::{", 1)[0]
    if "{toctree}" not in page:
        raise SystemExit(f"no toctree in init's root page {ours / root}")
    (bare / root).write_text(page.rstrip() + "\n", "utf-8")


def time_init(folder: Path, code: Path, rounds: int, jobs: str) -> dict[str, Any]:
    """``init`` on ``folder`` ``rounds`` times, the files it wrote removed after each."""
    walls, cpus, read = [], [], []
    for _ in range(rounds):
        rc, output, wall, cpu = run_init(folder, code, jobs)
        if rc != 0:
            raise SystemExit(f"sphinx-specs init {folder} failed (exit {rc}):\n{output}")
        walls.append(wall)
        cpus.append(cpu)
        read.append(counted(output))
        for written in re.findall(r"^wrote (.+)$", output, flags=re.MULTILINE):
            Path(written).unlink()  # the next round starts from the same folder
    medians = {"median_wall_s": statistics.median(walls), "median_cpu_s": statistics.median(cpus)}
    return {"wall_s": walls, "cpu_s": cpus, "counted": read, **medians}


def measure(
    shape: str, args: argparse.Namespace, base: Path, code: Path, valgrind: str
) -> dict[str, Any]:
    work = base / shape
    figures = {} if args.init_only else builds(shape, args, work, code, valgrind)
    big = generate(work / f"init-{args.init_n}" / FOLDERS[shape], shape, args.init_n)
    figures["init_big"] = timed = {
        "n": args.init_n,
        "jobs": args.init_jobs,
        **time_init(big, code, args.init_rounds, args.init_jobs),
    }
    print(
        f"[{shape}] init -j {args.init_jobs} on {args.init_n} specs: "
        f"{timed['median_wall_s']:.2f} s wall, {timed['median_cpu_s']:.2f} s CPU "
        f"(median of {args.init_rounds}), counted {timed['counted']}",
        flush=True,
    )
    return figures


def builds(
    shape: str, args: argparse.Namespace, work: Path, code: Path, valgrind: str
) -> dict[str, Any]:
    """``init`` on ``--n`` specs, then our clean build and plain Sphinx's, in instructions."""
    gen = generate(work / "gen" / FOLDERS[shape], shape, args.n)
    ours, bare = work / "ours" / FOLDERS[shape], work / "bare" / FOLDERS[shape]
    for copy in (ours, bare):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(gen, copy)
    rc, output, wall, cpu = run_init(ours, code)
    print(f"[{shape}] sphinx-specs init ({wall:.1f} s, exit {rc}):", flush=True)
    print("".join(f"    {ln}\n" for ln in output.splitlines()), end="", flush=True)
    if rc != 0:
        raise SystemExit(f"sphinx-specs init {ours} failed (exit {rc})")
    make_bare(ours, bare)
    figures: dict[str, Any] = {
        "init": {"wall_s": wall, "cpu_s": cpu, "counted": counted(output), "output": output}
    }
    for name, src in (("ours", ours), ("bare", bare)):
        warned = warnings_of(src, work / f"{name}-warnings", code)
        build, cg_out = work / f"{name}-build", work / f"cachegrind.{name}.out"
        ir, seconds = sphinx_build(
            src, build, clean=True, code=code, valgrind=valgrind, cg_out=cg_out
        )
        figures[name] = {"instructions": ir, "wall_s": seconds, "warnings": len(warned)}
        figures[name]["first_warnings"] = warned[:10]
        print(f"[{shape}] {name:4} clean {ir:,} instructions  {seconds:.1f} s", flush=True)
        print(f"    {len(warned)} warnings" + "".join(f"\n    {w}" for w in warned[:5]))
        if name == "ours":
            specs = json.loads((build / "html" / "specs.json").read_text("utf-8"))["specs"]
            figures["specs_read"] = len(specs)
    figures["ratio"] = figures["ours"]["instructions"] / figures["bare"]["instructions"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="specs per shape in the builds")
    parser.add_argument("--init-n", type=int, default=2000, help="specs in init's timed folder")
    parser.add_argument("--init-rounds", type=int, default=3, help="times init is timed")
    parser.add_argument("--init-jobs", default="auto", help="init's -j (default auto)")
    parser.add_argument(
        "--init-only", action="store_true", help="only init on --init-n specs, no builds"
    )
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"of {', '.join(SHAPES)}")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, help="default results/shapes-<date>-n<N>.json")
    args = parser.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    if unknown := [s for s in shapes if s not in SHAPES]:
        parser.error(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    valgrind = find_valgrind(None)
    version = subprocess.run([valgrind, "--version"], capture_output=True, text=True).stdout
    started, git = time.perf_counter(), git_state()  # the commit the snapshot is taken at
    base = (args.workdir / f"shapes-n{args.n}").resolve()
    code = snapshot(base / "code")
    results = {shape: measure(shape, args, base, code, valgrind) for shape in shapes}

    print(f"\nN = {args.n}, clean builds in instructions (cachegrind Ir); init on {args.init_n}")
    print(f"{'shape':<10}{'ours':>16}{'bare':>16}{'ratio':>7}{'init s':>8}{'CPU s':>7}  specs read")
    failures = []
    for shape, f in results.items():
        init = f["init_big"]
        if args.init_only:
            print(f"{shape:<10}{'':>16}{'':>16}{'':>7}", end="")
        else:
            print(
                f"{shape:<10}{f['ours']['instructions']:>16,}{f['bare']['instructions']:>16,}"
                f"{f['ratio']:>7.3f}",
                end="",
            )
        read = "" if args.init_only else f"  {f['specs_read']} / {args.n}"
        print(f"{init['median_wall_s']:>8.2f}{init['median_cpu_s']:>7.2f}{read}")
        if not args.init_only and f["specs_read"] != args.n:
            failures.append(f"{shape}: the build read {f['specs_read']} specs, not {args.n}")
        if not args.init_only and f["init"]["counted"] != args.n:
            failures.append(f"{shape}: init counted {f['init']['counted']} of {args.n}")
        if init["counted"] != [args.init_n] * args.init_rounds:
            failures.append(f"{shape}: init counted {init['counted']} of {args.init_n}")
    print("aims: ratio at most 1.05, init under 10 s")
    summary = {
        "n": args.n,
        "init_n": args.init_n,
        "init_jobs": args.init_jobs,
        "cpus": len(os.sched_getaffinity(0)),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "command": f"sphinx-build -q -b html under {valgrind} --tool=cachegrind --cache-sim=no",
        "valgrind": version.strip(),
        "python": platform.python_version(),
        "git": git,
        "measured_code": str(code),
        "total_wall_s": time.perf_counter() - started,
        "failures": failures,
        "shapes": results,
    }
    target = args.json or HERE / "results" / f"shapes-{time.strftime('%Y-%m-%d')}-n{args.n}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {target}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
