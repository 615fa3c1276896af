"""``sphinx-specs lint``: the specs warnings of a project, read by Sphinx."""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse


from .common import CliError

_WARNING = re.compile(
    r"^(?:(?P<file>.*?):(?P<line>\d+)?:? ?)?WARNING: (?P<message>.*?) "
    r"\[specs\.(?P<subtype>[\w-]+)\]$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_dummy_build(source: Path, jobs: int) -> str:
    """Read the project with Sphinx's dummy builder; return what it warned."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if not (source / "conf.py").exists():
        raise CliError(f"{source} has no conf.py")
    warnings = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp, patch_docutils(source), docutils_namespace():
        try:
            app = Sphinx(
                str(source),
                str(source),
                str(Path(tmp) / "out"),
                str(Path(tmp) / "doctrees"),
                "dummy",
                status=None,
                warning=warnings,
                freshenv=True,
                parallel=jobs,
            )
            app.build()
        except SphinxError as exc:
            raise CliError(f"Sphinx could not read {source}: {exc}") from exc
    return _ANSI.sub("", warnings.getvalue())


def cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.sourcedir).resolve()
    text = run_dummy_build(source, args.jobs)
    findings: dict[str, list[tuple[int | None, str, str]]] = {}
    for raw in text.splitlines():
        match = _WARNING.match(raw.strip())
        if match is None:
            continue
        file = match.group("file") or "(project)"
        with contextlib.suppress(ValueError):  # another drive on Windows
            file = os.path.relpath(file)
        line = int(match.group("line")) if match.group("line") else None
        findings.setdefault(file, []).append((line, match.group("subtype"), match.group("message")))
    count = sum(len(v) for v in findings.values())
    subtypes: Counter[str] = Counter(s for v in findings.values() for _, s, _ in v)
    for file in sorted(findings):
        entries = sorted(findings[file], key=lambda e: (e[0] or 0, e[1], e[2]))
        if args.format == "github":
            for line, subtype, message in entries:
                where = f"file={file}" + (f",line={line}" if line else "")
                print(f"::warning {where},title=specs.{subtype}::{message}", file=out)
            continue
        print(file, file=out)
        for line, subtype, message in entries:
            print(f"  {line or '-':>5}  specs.{subtype:<12} {message}", file=out)
    if count:
        detail = ", ".join(f"{name}: {n}" for name, n in sorted(subtypes.items()))
        print(
            f"{count} specs warning{'s' * (count != 1)} in {len(findings)} file"
            f"{'s' * (len(findings) != 1)} ({detail})",
            file=out,
        )
        return 1
    print("no specs warnings", file=out)
    return 0
