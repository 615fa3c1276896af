"""Instructions, not seconds: ``python benchmarks/ir.py --n 100`` (or ``make bench-ir N=100``).

Builds the variants of :mod:`specgen` (plain, specs, bullets, frontmatter by default) with the
same ``sphinx-build -q -b html`` as ``run.py``, each in its own process, under
``valgrind --tool=cachegrind --cache-sim=no``, and reads the number of instructions the build
executed (cachegrind's ``I refs``, the ``summary:`` line of its out file): (a) for a clean build
and (b) for an incremental build after one edit of spec 1 (its status by default, as in
``run.py``; ``--edit checkbox`` ticks one open Definition-of-Done box, ``--edit goal`` rewords
one goal; ``--edit touch`` saves the page unchanged: the floor of every edit). Only the incremental
build runs under valgrind: the clean build before it runs normally. Prints each variant's
counts and their ratios to plain and writes them to a JSON file.
The builds run a copy of sphinx-specs taken at the start (``--no-snapshot``: the work tree's),
so that edits made in the work tree during the run do not reach them.

On a shared machine CPU time moves by 10-20 % between runs of the same build; the instruction
count of a build moves by a few parts in 100,000 (``PYTHONHASHSEED=0``, the bytecode written
before measuring, the same paths), so a change of 0.5 % in a ratio is a change in the code.
It is not time: a cache miss or a page fault costs many instructions' worth of time, and memory
use changes neither count. Under cachegrind a build runs about 30 to 50 times slower.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import StatusEdit, compile_packages, html_mtimes  # noqa: E402
from specgen import VARIANTS, checkbox_edit, generate, goal_edit  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_VARIANTS = ("plain", "specs", "bullets", "frontmatter")
EDITS = ("status", "checkbox", "goal", "touch")
VALGRIND = "/usr/bin/valgrind"


class PageEdit:
    """One edit of spec 1's page in one variant's sources (``StatusEdit``'s interface)."""

    def __init__(self, src: Path, variant: str, edit: Callable[[str, str], str]):
        self.page = src / "spec0001.md"
        self.original = self.page.read_text(encoding="utf-8")
        self.edited = edit(self.original, variant)

    def apply(self, round_number: int) -> None:  # the same edit every time
        self.page.write_text(self.edited, encoding="utf-8")

    def restore(self) -> None:
        self.page.write_text(self.original, encoding="utf-8")


def make_edit(kind: str, src: Path, variant: str) -> StatusEdit | PageEdit:
    if kind == "touch":  # saved as it was: read and written again, the floor of every edit
        return PageEdit(src, variant, lambda page, _variant: page)
    if kind == "status":  # run.py's own edit: Under Review -> Accepted
        return StatusEdit(src, variant)
    return PageEdit(src, variant, {"checkbox": checkbox_edit, "goal": goal_edit}[kind])


def find_valgrind(given: str | None) -> str:
    candidates = [given] if given else [VALGRIND, shutil.which("valgrind")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    looked = given or f"{VALGRIND} and on PATH"
    raise SystemExit(
        f"valgrind not found (looked for {looked}). The instruction counts need valgrind's "
        "cachegrind tool: install valgrind (Debian/Ubuntu: apt-get install valgrind) or give "
        "its path with --valgrind PATH. Without it, use `make bench` (CPU times)."
    )


def package_dir() -> Path:
    import sphinxcontrib_specs

    return Path(sphinxcontrib_specs.__file__).parent


def build_env(code: Path | None) -> dict[str, str]:
    """run.py's environment, with a fixed hash seed (a random one changes the order of sets
    and dicts of strings, hence the work, from one run to the next) and, with a snapshot, the
    folder of its copy of sphinx-specs first on the path."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONHASHSEED": "0"}
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    return env


def snapshot(code: Path, attempts: int = 3) -> Path:
    """Copy sphinx-specs' package into ``code`` (a folder of its own), compile it, and check
    that every module of the copy imports; return ``code``.

    The builds then run that copy, not the work tree: a run takes many minutes, and in a
    shared work tree a module edited meanwhile would give the variants different code (or, half
    edited, fail a build late in the run). A copy taken mid-edit fails the import check; it is
    taken again, ``attempts`` times, 20 s apart."""
    check = (
        "import importlib, pkgutil, sphinxcontrib_specs as p\n"
        "assert p.__file__.startswith(%r), p.__file__\n"
        "for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
    )
    for attempt in range(attempts):
        if code.exists():
            shutil.rmtree(code)
        shutil.copytree(
            package_dir(),
            code / "sphinxcontrib_specs",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        compileall.compile_dir(code, quiet=1)
        result = subprocess.run(
            [sys.executable, "-c", check % str(code)],
            cwd=code,  # not the work tree: -c and -m put the current folder first on the path
            env=build_env(code),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return code
        if attempt + 1 < attempts:
            print("  the copy of sphinx-specs does not import; again in 20 s", flush=True)
            time.sleep(20)
    raise SystemExit(
        f"sphinx-specs does not import from its copy in {code} (is someone editing it?):\n"
        f"{result.stderr[-2000:]}"
    )


def sphinx_build(
    src: Path,
    out: Path,
    *,
    clean: bool,
    code: Path | None,
    valgrind: str | None = None,
    cg_out: Path | None = None,
) -> tuple[int | None, float]:
    """One ``sphinx-build`` (run.py's command line) in a fresh process, under cachegrind if
    ``valgrind`` is given; (instructions or None, wall seconds)."""
    if clean and out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / ".doctrees")]
    command += [str(src), str(out / "html")]
    if valgrind:
        assert cg_out is not None
        cg_out.parent.mkdir(parents=True, exist_ok=True)
        cg_out.unlink(missing_ok=True)
        command = [
            valgrind,
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={cg_out}",
            *command,
        ]
        if code is None:  # the work tree's: again before each build, it may have changed
            compile_packages()
    start = time.perf_counter()
    process = subprocess.run(
        command,
        cwd=code,  # -m puts the current folder first on the path: the copy's, not the work tree
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=build_env(code),
        check=False,
    )
    seconds = time.perf_counter() - start
    stderr = process.stderr.decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{' '.join(command)}\n{stderr[-3000:]}")
    if not valgrind:
        return None, seconds
    assert cg_out is not None
    return instructions(cg_out, stderr), seconds


def instructions(cg_out: Path, stderr: str) -> int:
    """The build's instruction count: the ``summary:`` line of cachegrind's out file (only
    ``Ir`` is counted with ``--cache-sim=no``), checked against the ``I refs`` it printed."""
    summary = None
    if cg_out.exists():
        for line in cg_out.read_text(encoding="utf-8", errors="replace").splitlines()[::-1]:
            if line.startswith("summary:"):
                summary = int(line.split()[1])
                break
    match = re.search(r"I\s+refs:\s+([\d,]+)", stderr)
    refs = int(match.group(1).replace(",", "")) if match else None
    if summary is None and refs is None:
        raise SystemExit(f"no instruction count in {cg_out} nor in valgrind's output:\n{stderr}")
    if summary is not None and refs is not None and summary != refs:
        raise SystemExit(f"{cg_out}: summary {summary} but valgrind printed I refs {refs}")
    return summary if summary is not None else refs  # type: ignore[return-value]


def code_digest(package: Path) -> str:
    """A digest of sphinx-specs' sources, to tell if they changed during the run."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def git_state() -> dict[str, object]:
    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        return result.stdout

    return {
        "commit": git("rev-parse", "HEAD").strip(),
        "dirty": sorted(
            line[3:] for line in git("status", "--porcelain").splitlines() if line.strip()
        ),
    }


def spread(counts: list[int]) -> float:
    """(largest - smallest) / median of the counts of the same build."""
    return (max(counts) - min(counts)) / statistics.median(counts) if len(counts) > 1 else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of specs")
    parser.add_argument(
        "--variants",
        default=",".join(DEFAULT_VARIANTS),
        help=f"comma-separated, of {', '.join(VARIANTS)} (plain is the ratios' base)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--clean", action="store_true", help="only the clean builds")
    which.add_argument("--incremental", action="store_true", help="only the incremental builds")
    parser.add_argument(
        "--edit",
        choices=EDITS,
        default="status",
        help="the incremental build's edit of spec 1: its status (default, as run.py), "
        "tick one open DoD box, reword one goal, or touch (save it unchanged)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure each build this many times (the spread)"
    )
    parser.add_argument(
        "--default-sidebar", action="store_true", help="keep the theme's default sidebars"
    )
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="build with the work tree's sphinx-specs, not a copy taken at the start",
    )
    parser.add_argument("--valgrind", help=f"valgrind's path (default {VALGRIND}, then PATH)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the figures (default benchmarks/results/ir-<date>-n<N>[-<edit>].json)",
    )
    args = parser.parse_args(argv)

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
    kinds = ["clean"] if args.clean else ["incremental"] if args.incremental else []
    kinds = kinds or ["clean", "incremental"]
    valgrind = find_valgrind(args.valgrind)
    valgrind_version = subprocess.run(
        [valgrind, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()

    started = time.perf_counter()
    label = f"ir-n{args.n}" + ("-default-sidebar" if args.default_sidebar else "")
    base = (args.workdir / label).resolve()  # the builds run in another folder
    git = git_state()
    if args.no_snapshot:
        code = None
        compile_packages()
        measured = package_dir()
    else:
        code = snapshot(base / "code")
        measured = code / "sphinxcontrib_specs"
    digest = code_digest(measured)
    print(
        f"N = {args.n}, {', '.join(kinds)} builds under {valgrind_version} cachegrind"
        + (f", edit: {args.edit}" if "incremental" in kinds else "")
        + (f", {args.repeat} times each" if args.repeat > 1 else ""),
        flush=True,
    )

    counts: dict[str, dict[str, list[int]]] = {v: {k: [] for k in kinds} for v in variants}
    walls: dict[str, dict[str, list[float]]] = {v: {k: [] for k in kinds} for v in variants}
    written: dict[str, list[str]] = {}
    for variant in variants:
        src = base / variant / "src"
        if src.exists():
            shutil.rmtree(src)
        generate(src, variant, args.n, default_sidebar=args.default_sidebar)
        out = base / variant / "build"
        for kind in kinds:
            for number in range(args.repeat):
                cg_out = base / variant / f"cachegrind.{kind}.{number + 1}.out"
                if kind == "clean":
                    count, seconds = sphinx_build(
                        src, out, clean=True, code=code, valgrind=valgrind, cg_out=cg_out
                    )
                else:
                    sphinx_build(src, out, clean=True, code=code)  # the base, outside valgrind
                    edit = make_edit(args.edit, src, variant)
                    before = html_mtimes(out)
                    time.sleep(0.02)
                    try:
                        edit.apply(0)
                        count, seconds = sphinx_build(
                            src, out, clean=False, code=code, valgrind=valgrind, cg_out=cg_out
                        )
                    finally:
                        edit.restore()
                    after = html_mtimes(out)
                    written[variant] = sorted(n for n, t in after.items() if before.get(n) != t)
                    if args.edit != "touch" and "spec0001.html" not in written[variant]:
                        raise SystemExit(f"{variant}: the incremental build did not see the edit")
                assert count is not None
                counts[variant][kind].append(count)
                walls[variant][kind].append(seconds)
                print(
                    f"  {variant:<17} {kind:<12} {count:>16,d} instructions  {seconds:7.1f} s"
                    + (f"  ({len(written[variant])} pages written)" if kind != "clean" else ""),
                    flush=True,
                )

    figures = {v: {k: statistics.median(counts[v][k]) for k in kinds} for v in variants}

    def ratio(variant: str, kind: str) -> float | None:
        if kind not in kinds or "plain" not in figures:
            return None
        return figures[variant][kind] / figures["plain"][kind]

    def cell(value: float | None, width: int, form: str) -> str:
        return f"{'-':>{width}}" if value is None else f"{value:>{width}{form}}"

    print()
    print(
        f"N = {args.n}, instructions (cachegrind Ir)"
        + (f"; incremental: after spec 1's {args.edit} edit" if "incremental" in kinds else "")
        + (f"; median of {args.repeat}" if args.repeat > 1 else "")
    )
    print(f"{'variant':<17}{'clean':>18}{'/plain':>8}{'incremental':>18}{'/plain':>8}")
    for variant in variants:
        clean = figures[variant].get("clean")
        incr = figures[variant].get("incremental")
        print(
            f"{variant:<17}{cell(clean, 18, ',.0f')}{cell(ratio(variant, 'clean'), 8, '.3f')}"
            f"{cell(incr, 18, ',.0f')}{cell(ratio(variant, 'incremental'), 8, '.3f')}"
        )
    if args.repeat > 1:
        print()
        for variant in variants:
            for kind in kinds:
                c = counts[variant][kind]
                print(
                    f"{variant:<17} {kind:<12} spread {spread(c):.2e} "
                    f"({max(c) - min(c):,d} instructions over {len(c)} runs)"
                )

    total = time.perf_counter() - started
    changed = code_digest(package_dir()) != digest
    if changed and code is None:
        print("\nwarning: sphinx-specs' sources changed during the run; the figures mix versions")
    elif changed:
        print(
            "\nnote: the work tree's sphinx-specs changed during the run; "
            f"the builds ran the copy taken at its start ({code})"
        )
    summary: dict[str, object] = {
        "n": args.n,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "edit": args.edit if "incremental" in kinds else None,
        "repeat": args.repeat,
        "default_sidebar": args.default_sidebar,
        "command": f"sphinx-build -q -b html under {valgrind} --tool=cachegrind --cache-sim=no",
        "valgrind": valgrind_version,
        "python": platform.python_version(),
        "git": git,
        "measured_code": str(measured),
        "sources_digest": digest,
        "work_tree_changed_during_run": changed,
        "total_wall_s": total,
        "variants": {
            variant: {
                kind: {
                    "instructions": figures[variant][kind],
                    "runs": counts[variant][kind],
                    "spread": spread(counts[variant][kind]),
                    "ratio_to_plain": ratio(variant, kind),
                    "wall_s": walls[variant][kind],
                    **({"written": written[variant]} if kind == "incremental" else {}),
                }
                for kind in kinds
            }
            for variant in variants
        },
    }
    suffix = "" if args.edit == "status" or "incremental" not in kinds else f"-{args.edit}"
    suffix += "-default-sidebar" if args.default_sidebar else ""
    default = HERE / "results" / f"ir-{time.strftime('%Y-%m-%d')}-n{args.n}{suffix}.json"
    target = args.json or default
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {target}; total wall time {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
