"""Generate a project of N interlinked MyST specs (for the parallel and incremental tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

STATUSES = ["Draft", "Under Review", "Accepted", "Implemented", "Deferred"]

CONF = """\
project = "Generated specs"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
specs_default_repo = "acme/platform"
exclude_patterns = ["_build"]
"""


def spec_id(n: int) -> str:
    return f"SPEC-{n:04d}"


def spec_page(n: int, count: int) -> str:
    status = STATUSES[n % len(STATUSES)]
    links = []
    if n > 1:
        links.append(f":depends-on: {spec_id(n - 1)}")
    if n > 3 and n % 7 == 0:
        links.append(f":supersedes: {spec_id(n - 3)}")
    if n + 5 <= count and n % 4 == 0:
        links.append(f":related: {spec_id(n + 5)}")
    other = spec_id((n % count) + 1)
    done = "x" if status == "Implemented" else " "
    return f"""\
# Spec number {n}

:::{{spec}} {spec_id(n)}
:status: {status}
:authors: @dev{n % 5}, Writer {n % 3}
:team: Team {n % 4}
:created: 2025-{(n % 12) + 1:02d}-01
:issues: acme/platform#{n}
:tags: area-{n % 6}, generated
{chr(10).join(links)}

Abstract of spec {n}, which builds on {{spec}}`{other}`.
:::

## Summary

Spec {n} summarises a change to component {n % 9}.

## Motivation

Component {n % 9} needs it.

## Goals & Non-Goals

:::{{goals}}
- Goal one of spec {n}.
- Goal two of spec {n}.
:::

## Proposed Solution

Use the approach of {{spec}}`{other}` and {{spec}}`its first goal <{other}.G1>`.

## Definition of Done

:::{{definition-of-done}}
- [x] First step {{covers}}`G1` {{issue}}`#{n}`
- [{done}] Second step {{covers}}`G2, {other}.G1`
:::
"""


REPORTS = """
## All specs

:::{spec-table}
:columns: id, title, status, progress, updated
:::

## In review, by team

:::{spec-table}
:status: Under Review
:group-by: team
:::

## Traceability

:::{spec-matrix}
:filter: tags == "area-1" or tags == "area-2"
:::

## Statistics

:::{spec-stats}
:by: team
:::
"""


def generate(root: Path, count: int, *, reports: bool = False) -> Path:
    """Write conf.py, index.md and ``count`` spec pages into ``root``; return ``root``.
    With ``reports``, the index also holds two tables, a matrix and statistics."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    pages = "\n".join(f"spec{n:04d}" for n in range(1, count + 1))
    (root / "index.md").write_text(
        f"# Generated specs\n\n```{{toctree}}\n{pages}\n```\n\nStart at {{spec}}`{spec_id(1)}`.\n"
        + (REPORTS if reports else ""),
        encoding="utf-8",
    )
    for n in range(1, count + 1):
        (root / f"spec{n:04d}.md").write_text(spec_page(n, count), encoding="utf-8")
    return root
