"""The status-history benchmark: ``python benchmarks/history.py`` (1,000 spec files, 5,000 commits).

Writes a git repository with :mod:`specgen`'s directive-form specs in one ``git fast-import``
stream (far faster than one ``git commit`` per commit): a first commit adds every spec file, each
later commit changes one file's status (files taken in turn, so every file has several revisions),
all with fixed dates. Then builds the same checkout with ``specs_git = True`` and with
``specs_git = False``, in turn, each build clean and in its own process, and prints the medians and
their ratio: what reading the history from git costs, as a share of a clean build (the budget is
10%).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from run import sphinx_build  # noqa: E402
from specgen import STATUSES, Spec, generate, specs_page  # noqa: E402

#: 2023-11-14, then one commit an hour: fixed, so the history (and the output) is the same each run
EPOCH = 1_700_000_000


def _blob(text: str) -> bytes:
    data = text.encode("utf-8")
    return b"data %d\n" % len(data) + data + b"\n"


def fast_import_stream(files: int, commits: int) -> bytes:
    """The ``git fast-import`` input: ``commits`` commits over ``files`` spec files."""
    texts = {n: specs_page(Spec(n, files)) + "\n" for n in range(1, files + 1)}
    status = {n: Spec(n, files).status for n in texts}
    out: list[bytes] = []
    for k in range(commits):
        when = EPOCH + 3600 * k
        if k == 0:
            changed = list(texts)
            message = f"Add {files} specs"
        else:
            n = (k - 1) % files + 1
            old = status[n]
            status[n] = STATUSES[(STATUSES.index(old) + 1) % len(STATUSES)]
            texts[n] = texts[n].replace(f":status: {old}\n", f":status: {status[n]}\n", 1)
            changed = [n]
            message = f"SPEC-{n:04d}: {status[n]}"
        out.append(b"commit refs/heads/main\n")
        out.append(b"committer Bench Author <bench@example.org> %d +0000\n" % when)
        out.append(_blob(message))
        for n in changed:
            out.append(b"M 100644 inline spec%04d.md\n" % n)
            out.append(_blob(texts[n]))
    return b"".join(out)


def generate_repo(root: Path, files: int, commits: int) -> Path:
    """A git work tree at ``root``: conf.py and index.md (untracked, like a project's build
    set-up), the spec files checked out from ``commits`` commits. Returns ``root``."""
    generate(root, "specs", files)  # conf.py, index.md and the specs' final text
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('import os\nspecs_git = os.environ.get("SPECS_BENCH_GIT", "1") == "1"\n')
    git = ["git", "-c", "init.defaultBranch=main", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run(
        [*git, "fast-import", "--quiet"], input=fast_import_stream(files, commits), check=True
    )
    subprocess.run([*git, "checkout", "-q", "-f", "main"], check=True)
    subprocess.run([*git, "add", "conf.py", "index.md"], check=True)
    subprocess.run(
        [
            *git,
            *("-c", "user.name=Bench", "-c", "user.email=bench@example.org"),
            *("commit", "-q", "-m", "Build set-up", "--date", f"{EPOCH + 3600 * commits} +0000"),
        ],
        check=True,
        env={**os.environ, "GIT_COMMITTER_DATE": f"{EPOCH + 3600 * commits} +0000"},
    )
    return root


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def git_step(root: Path) -> dict[str, float]:
    """The git reading alone, as a build does it (one ``git log``, one ``git cat-file --batch``,
    the status read from each revision): seconds, CPU seconds, revisions read."""
    from sphinxcontrib_specs.core.history import status_in_text
    from sphinxcontrib_specs.git.reader import read_blobs, read_log

    files = sorted(p.name for p in root.glob("spec*.md"))
    cpu, start = _cpu(), time.perf_counter()
    logs = read_log(root, {f: f for f in files}, "")
    texts = read_blobs(root, {r[3] for revs in logs.values() for r in revs})
    statuses = [status_in_text(texts.get(r[3], "")) for revs in logs.values() for r in revs]
    return {
        "seconds": time.perf_counter() - start,
        "cpu_s": _cpu() - cpu,
        "revisions": len(statuses),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    args = parser.parse_args(argv)

    label = f"history-f{args.files}-c{args.commits}"
    root = args.workdir / label / "repo"
    if root.exists():
        import shutil

        shutil.rmtree(root)
    start = time.perf_counter()
    generate_repo(root, args.files, args.commits)
    made = time.perf_counter() - start
    print(f"repository: {args.files} spec files, {args.commits} commits, written in {made:.1f} s")

    times: dict[str, list[float]] = {"git": [], "nogit": []}
    cpus: dict[str, list[float]] = {"git": [], "nogit": []}
    rss: dict[str, list[int]] = {"git": [], "nogit": []}
    for round_number in range(args.rounds):
        for variant in ("git", "nogit"):
            os.environ["SPECS_BENCH_GIT"] = "1" if variant == "git" else "0"
            seconds, peak, cpu = sphinx_build(root, args.workdir / label / f"build-{variant}")
            times[variant].append(seconds)
            cpus[variant].append(cpu)
            rss[variant].append(peak)
            print(
                f"  round {round_number + 1} {variant:<6} {seconds:7.2f} s {cpu:7.2f} s CPU "
                f"{peak:6d} MiB",
                flush=True,
            )
    git, nogit = statistics.median(times["git"]), statistics.median(times["nogit"])
    git_cpu, nogit_cpu = statistics.median(cpus["git"]), statistics.median(cpus["nogit"])
    ratio, cpu_ratio = git / nogit, git_cpu / nogit_cpu
    print()
    print(f"specs_git = True   {git:7.2f} s {git_cpu:7.2f} s CPU (medians of {args.rounds})")
    print(f"specs_git = False  {nogit:7.2f} s {nogit_cpu:7.2f} s CPU")
    print(f"time git/nogit     {ratio:7.3f}  (history: {100 * (ratio - 1):+.1f}% of a clean build)")
    print(f"cpu git/nogit      {cpu_ratio:7.3f}  (history: {100 * (cpu_ratio - 1):+.1f}%)")
    step = git_step(root)
    print(
        f"git reading alone {step['seconds']:7.2f} s {step['cpu_s']:7.2f} s CPU "
        f"({int(step['revisions'])} revisions; {100 * step['cpu_s'] / nogit_cpu:.1f}% of a clean "
        "build's CPU)"
    )
    summary = {
        "git_step": step,
        "files": args.files,
        "commits": args.commits,
        "rounds": args.rounds,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "repo_seconds": made,
        "git": {
            "median_s": git,
            "times_s": times["git"],
            "median_cpu_s": git_cpu,
            "cpu_s": cpus["git"],
            "peak_rss_mib": max(rss["git"]),
        },
        "nogit": {
            "median_s": nogit,
            "times_s": times["nogit"],
            "median_cpu_s": nogit_cpu,
            "cpu_s": cpus["nogit"],
            "peak_rss_mib": max(rss["nogit"]),
        },
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
    }
    target = args.json or (args.workdir / f"results-{label}.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
