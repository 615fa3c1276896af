"""The ``sphinx-specs`` command line: ``new``, ``lint``, ``report``, ``adopt``.

It never parses specs itself: ``lint`` runs Sphinx (the dummy builder, nothing written), ``report``
reads ``specs.json`` and shares its selection and coverage code with the report directives, and
``adopt`` uses the plain-Markdown recognizer of plain mode. Exit codes: 0 success, 1 a finding
(lint warnings, coverage under ``--fail-under``, a file ``new`` would overwrite), 2 a usage or
input error. Errors go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .templates import Template
    from .traceability import Coverage, TraceRow


class CliError(Exception):
    """A usage or input problem: printed to stderr, exit status 2."""


# ---------------------------------------------------------------------------------------------
# new
# ---------------------------------------------------------------------------------------------

#: Sections whose body gets an item directive, with a placeholder item.
ITEM_SECTIONS: dict[str, list[tuple[str, str]]] = {
    "goals and non goals": [("goals", "- [Goal 1]"), ("non-goals", "- [Non-goal 1]")],
    "goals and requirements": [("requirements", "- [Requirement 1]")],
    "non goals": [("non-goals", "- [Non-goal 1]")],
    "definition of done": [("definition-of-done", "- [ ] [Condition 1]")],
    "open questions": [("open-questions", "- [ ] [Question 1]")],
    "open questions and discussion": [("open-questions", "- [ ] [Question 1]")],
    "key performance indicators": [("kpis", "- [Metric 1]: [Target]")],
    "risks and mitigation": [("risks", "- [Risk 1]")],
    "phases milestones": [("milestones", "- [ ] [Milestone 1]")],
}
_ID_IN_TEXT = re.compile(
    r"(?:\{spec\}|\.\.\s+spec::)\s+([A-Z][A-Z0-9]*)-(\d+)\b|^\*\*ID:\*\*\s*([A-Z][A-Z0-9]*)-(\d+)",
    re.MULTILINE,
)


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug[:60].rstrip("-") or "spec"


def existing_ids(folder: Path, plain_format: str) -> dict[str, set[int]]:
    """Spec IDs used under ``folder``: directive specs, and plain specs by file-name number."""
    from .plain import plain_id

    used: dict[str, set[int]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".md", ".rst") or any(
            part.startswith(".") or part == "_build" for part in path.relative_to(folder).parts
        ):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for match in _ID_IN_TEXT.finditer(text):
            prefix = match.group(1) or match.group(3)
            number = match.group(2) or match.group(4)
            used.setdefault(prefix, set()).add(int(number))
        found = plain_id(path.name, plain_format) if path.suffix == ".md" else None
        if found and re.match(r"^[A-Z][A-Z0-9]*-\d+$", found) and text.lstrip().startswith("#"):
            prefix, number = found.rsplit("-", 1)
            used.setdefault(prefix, set()).add(int(number))
    return used


def next_id(used: dict[str, set[int]], prefix: str = "SPEC", width: int = 4) -> str:
    numbers = used.get(prefix, set())
    return f"{prefix}-{(max(numbers) + 1 if numbers else 1):0{width}d}"


def git_user() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    name = result.stdout.strip()
    return name or None


def render_new(title: str, spec_id: str, template: Template, author: str, today: str) -> str:
    from .templates import normalize_title

    values = {
        "status": template.statuses[0],
        "authors": author,
        "created": today,
        "updated": today,
        "issues": "TBD",
        "team": "[Team Name]",
    }
    fields = list(template.fields) or ["status", "authors", "created", "updated"]
    lines = [f"# {title}", "", f"```{{spec}} {spec_id}"]
    lines += [f":{name}: {values[name]}" for name in fields if name in values]
    if template.name != "proposal":
        lines.append(f":template: {template.name}")
    lines += ["", "[One-paragraph abstract]", "```", ""]
    for depth, section in template.walk_sections():
        lines += [f"{'#' * (depth + 2)} {section.title}", ""]
        if section.hint:
            lines += [section.hint, ""]
        for directive, item in ITEM_SECTIONS.get(normalize_title(section.title), []):
            lines += [f"```{{{directive}}}", item, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from .templates import BUILTIN_TEMPLATES

    template = BUILTIN_TEMPLATES[args.template]
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder")
    used = existing_ids(folder, args.plain_id)
    if args.id:
        match = re.match(r"^([A-Z][A-Z0-9]*)-(\d+)$", args.id)
        if not match:
            raise CliError(f"--id {args.id!r} is not an ID like SPEC-0042")
        if int(match.group(2)) in used.get(match.group(1), set()):
            raise CliError(f"{args.id} is already used in {folder}")
        spec_id = args.id
    else:
        spec_id = next_id(used)
    path = folder / f"{spec_id.lower()}-{slugify(args.title)}.md"
    if path.exists():
        print(f"sphinx-specs new: {path} exists; not overwriting it", file=sys.stderr)
        return 1
    author = args.author or git_user() or "[Author Name]"
    today = args.date or dt.date.today().isoformat()
    path.write_text(render_new(args.title, spec_id, template, author, today), encoding="utf-8")
    print(f"{path}  ({spec_id}, {template.name} template)", file=out)
    return 0


# ---------------------------------------------------------------------------------------------
# lint
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------


def load_specs_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise CliError(f"{path} is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1 or "specs" not in data:
        raise CliError(f"{path} is not a specs.json of version 1")
    return data


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def report_rows(rows: list[TraceRow]) -> list[dict[str, Any]]:
    return [
        {
            "spec": row.spec.id,
            "item": row.full_id,
            "kind": row.item.kind,
            "text": row.item.text,
            "covered_by": [
                {"item": f"{s.id}.{i.id}", "checked": i.checked, "text": i.text}
                for s, i in row.covering
            ],
            "issues": [text for text, _ in row.issues()],
            "state": row.state,
        }
        for row in rows
    ]


def _box(checked: bool | None) -> str:
    return "" if checked is None else "[x] " if checked else "[ ] "


def format_table(rows: list[dict[str, Any]], figures: Coverage, width: int) -> str:
    headers = ["Item", "Text", "Covered by", "Issues", "State"]
    body = [
        [
            r["item"],
            r["text"],
            ", ".join(_box(c["checked"]) + c["item"] for c in r["covered_by"]) or "-",
            ", ".join(r["issues"]) or "-",
            r["state"],
        ]
        for r in rows
    ]
    widths = [
        max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(headers)
    ]
    # give the text column what is left of the terminal, at least 20 characters
    fixed = sum(w for i, w in enumerate(widths) if i != 1) + 2 * (len(headers) - 1)
    widths[1] = max(20, min(widths[1], width - fixed))

    def cut(value: str, size: int) -> str:
        return value if len(value) <= size else value[: size - 1] + "…"

    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        lines.append(
            "  ".join(cut(v, widths[i]).ljust(widths[i]) for i, v in enumerate(b)).rstrip()
        )
    if not body:
        lines.append("(no items match)")
    lines.append("")
    lines.append(coverage_line(figures))
    return "\n".join(lines) + "\n"


def coverage_line(figures: Coverage) -> str:
    return (
        f"Coverage: {figures.covered} of {figures.total} covered "
        f"({_percent(figures.covered_percent)}), {figures.done} of {figures.total} done "
        f"({_percent(figures.done_percent)})"
    )


def format_markdown(rows: list[dict[str, Any]], figures: Coverage) -> str:
    def cell(value: str) -> str:
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| Item | Text | Covered by | Issues | State |", "|---|---|---|---|---|"]
    for r in rows:
        covered = ", ".join(_box(c["checked"]) + c["item"] for c in r["covered_by"])
        lines.append(
            f"| {cell(r['item'])} | {cell(r['text'])} | {cell(covered)} | "
            f"{cell(', '.join(r['issues']))} | {r['state']} |"
        )
    lines += ["", f"**{coverage_line(figures)}**"]
    return "\n".join(lines) + "\n"


def format_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["spec", "item", "kind", "text", "covered_by", "checked", "issues", "state"])
    for r in rows:
        writer.writerow(
            [
                r["spec"],
                r["item"],
                r["kind"],
                r["text"],
                " ".join(c["item"] for c in r["covered_by"]),
                " ".join(
                    "n/a" if c["checked"] is None else str(c["checked"]).lower()
                    for c in r["covered_by"]
                ),
                " ".join(r["issues"]),
                r["state"],
            ]
        )
    return buffer.getvalue()


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from .export import index_from_json
    from .query import FIELDS, FilterError, Selection
    from .traceability import coverage, trace_rows

    data = load_specs_json(Path(args.specs_json))
    index = index_from_json(data)
    extra = {name for record in data["specs"].values() for name in record.get("fields", {})}
    options = {
        "status": args.status,
        "tags": args.tags,
        "authors": args.authors,
        "team": args.team,
        "template": args.template,
        "filter": args.filter,
    }
    try:
        selection = Selection.from_options(options, (*FIELDS, *sorted(extra)))
    except FilterError as exc:
        raise CliError(f"bad --filter {args.filter!r}: {exc}") from exc
    specs = [index.specs[i] for i in sorted(index.specs) if selection.matches(index.values(i))]
    sources = [k.strip() for k in args.from_kinds.split(",") if k.strip()]
    targets = [k.strip() for k in args.to_kinds.split(",") if k.strip()]
    trace = trace_rows(index, specs, sources, targets)
    figures = coverage(trace)
    rows = report_rows(trace)
    if args.format == "json":
        document = {
            "rows": rows,
            "coverage": {
                "total": figures.total,
                "covered": figures.covered,
                "done": figures.done,
                "covered_percent": figures.covered_percent,
                "done_percent": figures.done_percent,
            },
        }
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        out.write(format_csv(rows))
    elif args.format == "markdown":
        out.write(format_markdown(rows, figures))
    else:
        width = args.width or _terminal_width()
        out.write(format_table(rows, figures, width))
    if args.fail_under is not None:
        measured = figures.done_percent if args.metric == "done" else figures.covered_percent
        value = measured if measured is not None else 100.0
        if value < args.fail_under:
            print(
                f"sphinx-specs report: {args.metric} coverage {value:g}% is under "
                f"--fail-under {args.fail_under:g}%",
                file=sys.stderr,
            )
            return 1
    return 0


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


# ---------------------------------------------------------------------------------------------
# adopt
# ---------------------------------------------------------------------------------------------


def cmd_adopt(args: argparse.Namespace, out: TextIO) -> int:
    from .plain import adopt, recognize
    from .templates import BUILTIN_TEMPLATES

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


# ---------------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------------


def _add_selection(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("selection (as in spec-table; comma lists match any)")
    for name in ("status", "tags", "authors", "team", "template"):
        group.add_argument(f"--{name}", default="", metavar="LIST")
    group.add_argument("--filter", default="", metavar="EXPR", help="a filter expression")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-specs",
        description="Design specs as docs-as-code for Sphinx: write, check and report on specs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser(
        "new",
        help="write a new MyST spec from a template",
        description="Write a new MyST spec from a template, with the next free ID, today's "
        "date, the git user as author and every section's hint text.",
    )
    new.add_argument("title", help="the spec's title")
    new.add_argument("--template", choices=["proposal", "technical"], default="proposal")
    new.add_argument("--dir", default=".", help="the folder of specs (default: .)")
    new.add_argument("--id", help="the ID to use instead of the next free one")
    new.add_argument("--author", help="the author (default: git config user.name)")
    new.add_argument("--date", help=argparse.SUPPRESS)
    new.add_argument("--plain-id", default="SPEC-{number:03d}", help=argparse.SUPPRESS)

    lint = sub.add_parser(
        "lint",
        help="check a project's specs without writing output",
        description="Read the project with Sphinx (nothing is written) and print the specs "
        "warnings grouped by file. Exit status 1 when there is any.",
    )
    lint.add_argument("sourcedir", nargs="?", default=".", help="the folder with conf.py")
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
        "them, and the coverage. Exit status 1 when coverage is under --fail-under.",
    )
    report.add_argument("specs_json", metavar="specs.json")
    report.add_argument("--format", choices=["table", "csv", "markdown", "json"], default="table")
    _add_selection(report)
    report.add_argument("--from", dest="from_kinds", default="goal,requirement", metavar="KINDS")
    report.add_argument("--to", dest="to_kinds", default="dod", metavar="KINDS")
    report.add_argument("--fail-under", type=float, metavar="PCT")
    report.add_argument(
        "--metric",
        choices=["covered", "done"],
        default="covered",
        help="what --fail-under measures (default: covered)",
    )
    report.add_argument("--width", type=int, help=argparse.SUPPRESS)

    adopt = sub.add_parser(
        "adopt",
        help="turn plain Markdown specs into the directive form",
        description="Rewrite Markdown specs written the plain way (**Field:** bullets, "
        "- [ ] lists under Definition of Done) into the directive form, in place.",
    )
    adopt.add_argument("files", nargs="+", metavar="FILE")
    adopt.add_argument("--stdout", action="store_true", help="print instead of rewriting")
    adopt.add_argument(
        "--plain-id",
        default="SPEC-{number:03d}",
        help="the ID format, as specs_plain_id (default: SPEC-{number:03d})",
    )
    return parser


COMMANDS = {"new": cmd_new, "lint": cmd_lint, "report": cmd_report, "adopt": cmd_adopt}


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
