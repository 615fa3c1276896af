"""``sphinx-specs adopt``: plain Markdown specs into the directive form."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse


def cmd_adopt(args: argparse.Namespace, out: TextIO) -> int:
    from ..core.templates import BUILTIN_TEMPLATES
    from ..plain import adopt, recognize

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"sphinx-specs adopt: cannot read {path}: {exc.strerror}", file=sys.stderr)
            status = 2
            continue
        if re.search(r"^\s*(```+|:::+)\s*\{spec\}", text, re.MULTILINE):
            print(f"{path}: already in the directive form; left as it is", file=sys.stderr)
            continue
        found = recognize(text, path.name, templates=BUILTIN_TEMPLATES, id_format=args.plain_id)
        if found is None:
            print(
                f"{path}: not a plain spec (an H1 followed by **Field:** value bullets); "
                "left as it is",
                file=sys.stderr,
            )
            status = max(status, 1)
            continue
        for line, subtype, message in found.problems:
            print(f"{path}:{line}: specs.{subtype}: {message}", file=sys.stderr)
        if found.spec_id is None:
            status = max(status, 1)
            continue
        result = adopt(text, found, default_template="proposal")
        if args.stdout:
            out.write(result)
        else:
            path.write_text(result, encoding="utf-8")
            kinds = Counter(block.kind for block in found.lists)
            detail = ", ".join(f"{n} {k} list{'s' * (n != 1)}" for k, n in sorted(kinds.items()))
            print(
                f"{path}: adopted as {found.spec_id}" + (f" ({detail})" if detail else ""), file=out
            )
    return status
