"""The ``sphinx-specs`` command line: ``new``, ``init``, ``lint``, ``report``, ``adopt``,
``diff``, ``preview``.

It never parses specs itself: ``lint`` runs Sphinx (the dummy builder, nothing written), ``report``
reads ``specs.json`` and shares its selection and coverage code with the report directives, and
``adopt`` uses the plain-Markdown recognizer of plain mode, and ``preview`` runs sphinx-autobuild.
Exit codes: 0 success, 1 a finding (lint warnings, coverage under ``--fail-under``, a ``--fail-on``
condition, a file ``new`` would overwrite), 2 a usage or input error. Errors go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Sequence

from .. import __version__
from .adopt import cmd_adopt
from .common import CliError
from .diff import cmd_diff
from .init import cmd_init
from .lint import cmd_lint
from .new import cmd_new
from .preview import cmd_preview
from .report import cmd_report


def _add_selection(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("selection (as in spec-table; comma lists match any)")
    for name in ("status", "tags", "authors", "team", "template"):
        group.add_argument(f"--{name}", default="", metavar="LIST")
    group.add_argument("--filter", default="", metavar="EXPR", help="a filter expression")


def _jobs(value: str) -> str:
    """``-j``'s value: ``auto`` or a number of processes."""
    if value == "auto" or (value.isdigit() and int(value) >= 1):
        return value
    raise argparse.ArgumentTypeError(f"{value!r}: a number of processes (1 or more) or auto")


def _add_conf_dir(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "-c",
        "--conf-dir",
        metavar="DIR",
        help=f"the folder of the project's conf.py, as sphinx-build -c (default: {default})",
    )


def build_parser() -> argparse.ArgumentParser:
    from ..core.traceability import DEFAULT_SOURCES, DEFAULT_TARGETS

    parser = argparse.ArgumentParser(
        prog="sphinx-specs",
        description="Design specs as docs-as-code for Sphinx: write, check and report on specs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser(
        "new",
        help="write a new MyST spec from a template",
        description="Write a new MyST spec from one of the project's templates, with the next "
        "free ID, today's date, the git user as author and every section's hint text.",
    )
    new.add_argument("title", help="the spec's title")
    new.add_argument(
        "--template",
        metavar="NAME",
        help="a template of the project: built-in or from specs_templates "
        "(default: specs_default_template)",
    )
    new.add_argument("--dir", default=".", help="the folder of specs (default: .)")
    new.add_argument("--id", help="the ID to use instead of the next free one")
    new.add_argument("--author", help="the author (default: git config user.name)")
    new.add_argument("--date", help=argparse.SUPPRESS)
    _add_conf_dir(new, "the folder of conf.py found upward from --dir; none: the defaults")

    lint = sub.add_parser(
        "lint",
        help="check a project's specs without writing output",
        description="Read the project with Sphinx (nothing is written) and print the specs "
        "warnings grouped by file. Exit status 1 when there is any.",
    )
    lint.add_argument("sourcedir", nargs="?", default=".", help="the source folder (default: .)")
    _add_conf_dir(lint, "the source folder")
    lint.add_argument("-j", "--jobs", type=int, default=1, help="read in parallel")
    lint.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: workflow annotations",
    )

    report = sub.add_parser(
        "report",
        help="the traceability report from specs.json",
        description="The goals and requirements of the selected specs, the items that cover "
        "them, and the coverage; with evidence in specs.json, each item's tests and code. Exit "
        "status 1 when coverage is under --fail-under or a --fail-on condition holds.",
    )
    report.add_argument("specs_json", metavar="specs.json")
    report.add_argument("--format", choices=["table", "csv", "markdown", "json"], default="table")
    _add_selection(report)
    report.add_argument(
        "--from",
        dest="from_kinds",
        metavar="KINDS",
        help=f"the kinds to cover (default: {','.join(DEFAULT_SOURCES)})",
    )
    report.add_argument(
        "--to",
        dest="to_kinds",
        metavar="KINDS",
        help=f"the kinds that cover them (default: {','.join(DEFAULT_TARGETS)})",
    )
    report.add_argument("--fail-under", type=float, metavar="PCT")
    report.add_argument(
        "--metric",
        choices=["covered", "done"],
        default="covered",
        help="what --fail-under measures (default: covered)",
    )
    report.add_argument(
        "--fail-on",
        metavar="CONDITIONS",
        help="exit 1 on any of: failing-evidence (an item's test fails), unverified-done (a "
        "ticked Definition-of-Done item without a passing test, or with a failing one); comma "
        "list, needs a specs.json with evidence",
    )
    report.add_argument("--width", type=int, help=argparse.SUPPRESS)
    _add_conf_dir(report, "none: specs.json alone, no Sphinx needed")

    adopt = sub.add_parser(
        "adopt",
        help="turn plain Markdown specs into the directive form",
        description="Rewrite Markdown specs written the plain way (**Field:** bullets, "
        "- [ ] lists under Definition of Done) into the directive form, in place.",
    )
    adopt.add_argument("files", nargs="+", metavar="FILE")
    adopt.add_argument("--stdout", action="store_true", help="print instead of rewriting")
    adopt.add_argument(
        "--conf-dir",
        metavar="DIR",
        help="the folder of the project's conf.py (default: the nearest one above each file)",
    )
    adopt.add_argument(
        "--plain-id",
        help="the ID format (default: specs_plain_id of conf.py, else SPEC-{number:03d})",
    )
    init = sub.add_parser(
        "init",
        help="a spec site over an existing folder of Markdown specs (or a new one)",
        description="Work out the shape of a folder of Markdown specs and write conf.py and "
        "index.md for it; in an empty folder, a new site with a first spec. Spec files are "
        "never changed.",
    )
    init.add_argument("dir", nargs="?", default=".", help="the folder (default: .)")
    init.add_argument("--dry-run", action="store_true", help="print, write nothing")
    init.add_argument("--force", action="store_true", help="overwrite conf.py and index.md")
    init.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        default="auto",
        type=_jobs,
        help="read the files in N processes (default auto: one per CPU, for 100 files or more)",
    )
    init.add_argument(
        "--out",
        metavar="DIR",
        help="write conf.py into DIR (for sphinx-build -c DIR) instead of the folder",
    )
    _add_diff(sub)
    _add_preview(sub)
    return parser


def _add_preview(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    preview = sub.add_parser(
        "preview",
        help="serve the site on 127.0.0.1, rebuilt and reloaded on every save",
        description="Build the project to HTML in SOURCEDIR/_build/preview, serve it on "
        "127.0.0.1 and rebuild (incrementally) and reload the page on every change, with "
        'sphinx-autobuild (pip install "sphinx-specs[preview]"). Ctrl-C stops.',
    )
    preview.add_argument("sourcedir", nargs="?", default=".", help="the source folder (default: .)")
    _add_conf_dir(preview, "the source folder")
    preview.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="the port (default: 8000; 0: any free one)",
    )
    preview.add_argument(
        "--open", action="store_true", help="open the site in the browser after the first build"
    )


def _add_diff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = sub.add_parser(
        "diff",
        help="what changed in the specs between two builds",
        description="Compare two specs.json files (or two git revisions, built with the dummy "
        "builder): specs added, removed, renamed; status, metadata and item changes; coverage "
        "before and after. Exit status 1 when a --fail-on rule is broken.",
    )
    diff.add_argument("old", nargs="?", metavar="OLD", help="the specs.json before")
    diff.add_argument("new", nargs="?", metavar="NEW", help="the specs.json after")
    diff.add_argument(
        "--git",
        metavar="BASE[..HEAD]",
        help="build the project at BASE and at HEAD (default: the work tree) and compare",
    )
    diff.add_argument(
        "--source-dir",
        dest="sourcedir",
        default=".",
        help="with --git: the folder of conf.py and the sources (default: .)",
    )
    diff.add_argument("--format", choices=["markdown", "text", "json"], default="text")
    diff.add_argument("--base-url", metavar="URL", help="link each spec to its page under URL")
    diff.add_argument(
        "--fail-on",
        metavar="RULES",
        help="exit 1 on any of: removed, status-regression, coverage-drop (comma list)",
    )
    _add_conf_dir(diff, "none: the built-in templates give the status order")


COMMANDS = {
    "new": cmd_new,
    "lint": cmd_lint,
    "report": cmd_report,
    "adopt": cmd_adopt,
    "diff": cmd_diff,
    "init": cmd_init,
    "preview": cmd_preview,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(out or sys.stdout)
        return 0
    try:
        return COMMANDS[args.command](args, out or sys.stdout)
    except CliError as exc:
        print(f"sphinx-specs {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `sphinx-specs report ... | head`: the reader left; so do we
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C: the shell's convention, without a traceback
        print(f"sphinx-specs {args.command}: interrupted", file=sys.stderr)
        return 128 + 2  # SIGINT
