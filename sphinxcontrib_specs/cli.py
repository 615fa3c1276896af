"""The ``sphinx-specs`` command line.

This release ships the entry point; the commands ``new``, ``lint``, ``report`` and ``adopt`` are
specified in the product contract and come in the next release. Each says so and exits 2.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__

COMMANDS = {
    "new": "write a new MyST spec from a template (coming next release)",
    "lint": "check a project's specs without writing output (coming next release)",
    "report": "the traceability report from specs.json (coming next release)",
    "adopt": "turn plain-Markdown specs into the directive form (coming next release)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-specs", description="Design specs as docs-as-code for Sphinx."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, text in COMMANDS.items():
        sub.add_parser(name, help=text, description=text).add_argument(
            "args", nargs=argparse.REMAINDER
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    if options.command is None:
        parser.print_help()
        return 0
    print(
        f"sphinx-specs {options.command}: not available in {__version__} yet; "
        "it comes with the next release.",
        file=sys.stderr,
    )
    return 2
