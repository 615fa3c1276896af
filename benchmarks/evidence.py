"""What the evidence costs a clean build, in instructions: ``python benchmarks/evidence.py``.

Generates the ``specs`` variant of :mod:`specgen` (``--n`` specs, 1,000 by default) twice: once
as it is, once with ``--files`` JUnit XML result files (200 by default) holding ``--tests`` test
cases in all (20,000 by default), each verifying one Definition-of-Done item or goal of a spec
(one in twenty fails, one in fifty is skipped, one in a hundred names an ID no spec has), plus
one code file per ten specs with ``implements:`` markers. Both are built clean with ``ir.py``'s
``sphinx-build`` under cachegrind (the work tree's code, taken at the start) and the ratio of
their instruction counts printed and written to ``benchmarks/results/``. The issue's aim: at most
1.05. Slow: a clean build of 1,000 specs runs about 40 times slower under cachegrind.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from ir import find_valgrind, package_dir, snapshot, sphinx_build  # noqa: E402
from specgen import Spec, generate, sid  # noqa: E402


def write_results(root: Path, count: int, files: int, tests: int) -> None:
    rng = random.Random(42)
    results = root / "results"
    results.mkdir()
    per_file = tests // files
    case = 0
    for f in range(files):
        lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<testsuites><testsuite name="s{f}">']
        for _ in range(per_file):
            case += 1
            n = rng.randint(1, count)
            spec = Spec(n, count)
            target = f"{sid(n)}.D{rng.randint(1, len(spec.dod))}" if rng.random() < 0.7 else (
                f"{sid(n)}.G{rng.randint(1, len(spec.goals))}"
            )
            if case % 100 == 0:
                target = f"{sid(count + 1)}.D1"  # no such spec
            outcome = ""
            if case % 20 == 0:
                outcome = f'<failure message="assert {case} == 0">trace {case}</failure>'
            elif case % 50 == 0:
                outcome = '<skipped message="needs S3" />'
            lines.append(
                f'<testcase classname="tests.test_m{f}" name="test_{case}" time="0.01">'
                f'<properties><property name="verifies" value="{target}" /></properties>'
                f"{outcome}</testcase>"
            )
        lines.append("</testsuite></testsuites>")
        (results / f"junit-{f:03d}.xml").write_text("\n".join(lines), encoding="utf-8")
    code = root / "src"
    code.mkdir()
    for chunk in range(0, count, 10):
        body = [
            f"def f{n}():  # implements: {sid(n)}.G1\n    return {n}\n"
            for n in range(chunk + 1, min(chunk + 10, count) + 1)
        ]
        (code / f"m{chunk:04d}.py").write_text("\n".join(body), encoding="utf-8")
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('specs_test_results = ["results/*.xml"]\n')
        conf.write('specs_code = {"paths": ["src/*.py"]}\n')
        conf.write('exclude_patterns += ["results", "src"]\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--tests", type=int, default=20000)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    valgrind = find_valgrind(None)
    work = args.workdir / f"evidence-n{args.n}"
    code = snapshot(work / "code")
    counts = {}
    for name in ("specs", "evidence"):
        src = generate(work / name / "src", "specs", args.n)
        if name == "evidence":
            write_results(src, args.n, args.files, args.tests)
        ir, seconds = sphinx_build(
            src, work / name / "build", clean=True, code=code, valgrind=valgrind,
            cg_out=work / name / "cachegrind.clean.out",
        )
        counts[name] = ir
        print(f"  {name:10} clean {ir:,} instructions  {seconds:.1f} s", flush=True)
    ratio = counts["evidence"] / counts["specs"]
    print(f"evidence / no evidence: {ratio:.3f} (aim: at most 1.05)")
    out = args.json or HERE / "results" / f"evidence-{time.strftime('%Y-%m-%d')}-n{args.n}.json"
    out.write_text(
        json.dumps(
            {"n": args.n, "files": args.files, "tests": args.tests, "instructions": counts,
             "ratio": round(ratio, 4), "package": str(package_dir())},
            indent=2,
        ) + "\n",
        encoding="utf-8",
    )
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
