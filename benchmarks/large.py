"""Large inputs, each at two sizes, to show that build time grows linearly:
``python benchmarks/large.py`` (``--scale 0.1`` for a quick look).

- one spec with N items (5,000 at full scale), all covering goals;
- a spec-table and a spec-matrix over N specs (5,000);
- one spec page of N bytes of text (1 MB);
- a depends-on chain of N specs (1,000) closed into one cycle: warned once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
specs_templates = {"proposal": {"sections": []}}
html_sidebars = {"**": []}
"""


def items(root: Path, n: int) -> None:
    goals = "\n".join(f"- Goal {i}" for i in range(10))
    dod = "\n".join(
        f"- [{'x' if i % 2 else ' '}] Step {i} {{covers}}`G{i % 10 + 1}`" for i in range(n)
    )
    (root / "index.md").write_text(
        f"# Items\n\n:::{{spec}} BIG-1\n:status: Draft\n:::\n\n:::{{goals}}\n{goals}\n:::\n\n"
        f":::{{dod}}\n{dod}\n:::\n\n:::{{spec-matrix}}\n:::\n"
    )


def table(root: Path, n: int) -> None:
    pages = "\n".join(f"s{i:05d}" for i in range(n))
    (root / "index.md").write_text(
        f"# Table\n\n```{{toctree}}\n{pages}\n```\n\n:::{{spec-table}}\n:columns: id, title, "
        "status, progress\n:::\n\n:::{spec-matrix}\n:::\n"
    )
    for i in range(n):
        (root / f"s{i:05d}.md").write_text(
            f"# Spec {i}\n\n:::{{spec}} T-{i}\n:status: Draft\n:::\n\n:::{{goals}}\n- Goal\n:::\n\n"
            f":::{{dod}}\n- [x] Done {{covers}}`G1`\n:::\n"
        )


def page(root: Path, n: int) -> None:
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. "
    body = "\n\n".join(
        f"## Part {i}\n\n" + paragraph * 10 for i in range(max(1, n // (len(paragraph) * 10)))
    )
    (root / "index.md").write_text(f"# Page\n\n:::{{spec}} PAGE-1\n:status: Draft\n:::\n\n{body}\n")


def chain(root: Path, n: int) -> None:
    pages = "\n".join(f"c{i:05d}" for i in range(n))
    (root / "index.md").write_text(f"# Chain\n\n```{{toctree}}\n{pages}\n```\n")
    for i in range(n):
        (root / f"c{i:05d}.md").write_text(
            f"# Chain {i}\n\n:::{{spec}} CH-{i}\n:status: Draft\n:depends-on: CH-{(i + 1) % n}\n:::\n"
        )


CASES = {
    "items": (items, 5000),
    "table": (table, 5000),
    "page": (page, 1_000_000),
    "chain": (chain, 1000),
}


def run(case: str, n: int) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "src"
        root.mkdir()
        (root / "conf.py").write_text(CONF)
        CASES[case][0](root, n)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(root), str(root / "_build")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{case} {n}: build failed\n{result.stderr[-2000:]}")
        shutil.rmtree(root / "_build", ignore_errors=True)
        return seconds, result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    print(f"{'case':<7}{'size':>10}{'seconds':>10}{'size':>10}{'seconds':>10}{'time ratio':>12}")
    for case in args.cases.split(","):
        full = max(10, int(CASES[case][1] * args.scale))
        half = full // 2
        t_half, _ = run(case, half)
        t_full, warnings = run(case, full)
        print(
            f"{case:<7}{half:>10}{t_half:>10.2f}{full:>10}{t_full:>10.2f}{t_full / t_half:>12.2f}"
        )
        if case == "chain":
            cycles = [w for w in warnings.splitlines() if "[specs.cycle]" in w]
            print(f"        cycle warnings: {len(cycles)}; {cycles[0][:160] if cycles else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
