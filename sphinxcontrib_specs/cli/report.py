"""``sphinx-specs report``: the traceability report from ``specs.json``, the status gates the
selected specs do not meet (as the build recorded them in ``specs.json``) and, when the build read
tests and code, their evidence (:mod:`.reportevidence`)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse

    from ..core.index import SpecIndex
    from ..core.model import SpecRecord
    from ..core.traceability import Coverage, TraceRow


from .common import CliError
from .project import project_settings
from .reportevidence import (
    add_evidence,
    evidence_cell,
    fail_on_rules,
    findings,
    format_findings,
)


def load_index(path: Path) -> SpecIndex:
    """The index of a ``specs.json``, read by :func:`~sphinxcontrib_specs.core.specsjson.load_file`
    (no Sphinx involved); a file that is missing or of another shape is a :class:`CliError`."""
    from ..core.specsjson import load_file

    try:
        return load_file(path)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise CliError(f"{path} is not JSON: {exc}") from exc
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        # load_file names a missing 'specs' object; a record of the wrong type fails inside load
        detail = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
        raise CliError(f"{path} is not a specs.json of version 1 ({detail})") from exc


def load_suspects(path: Path) -> dict[str, list[dict[str, Any]]] | None:
    """Covering item full ID -> its ``suspect`` links; None when the build had no git history."""
    from ..core.specsjson import suspects_in

    try:
        return suspects_in(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError):
        return None


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def report_rows(
    rows: list[TraceRow], suspects: dict[str, list[dict[str, Any]]] | None = None
) -> list[dict[str, Any]]:
    """The rows as data; with ``suspects`` (a build with git history) each covering item gets
    ``suspect`` (``{"date", "commit"}`` or None) and each row the list of its suspect items."""
    result = []
    for row in rows:
        entry: dict[str, Any] = {
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
        if suspects is not None:
            for cover in entry["covered_by"]:
                links = suspects.get(cover["item"], [])
                found = next((x for x in links if x.get("target") == row.full_id), None)
                cover["suspect"] = (
                    {"date": found.get("date"), "commit": found.get("commit")} if found else None
                )
            entry["suspect"] = [c["item"] for c in entry["covered_by"] if c["suspect"]]
        result.append(entry)
    return result


def _suspect_text(row: dict[str, Any]) -> str:
    return ", ".join(
        f"{c['item']} (since {c['suspect']['date']})" for c in row["covered_by"] if c["suspect"]
    )


def _box(checked: bool | None) -> str:
    return "" if checked is None else "[x] " if checked else "[ ] "


def format_table(rows: list[dict[str, Any]], figures: Coverage, width: int) -> str:
    suspect = bool(rows) and "suspect" in rows[0]
    evidence = bool(rows) and "evidence" in rows[0]
    headers = ["Item", "Text", "Covered by", "Issues", "State", *(["Suspect"] if suspect else [])]
    headers += ["Evidence"] if evidence else []
    body = [
        [
            r["item"],
            r["text"],
            ", ".join(_box(c["checked"]) + c["item"] for c in r["covered_by"]) or "-",
            ", ".join(r["issues"]) or "-",
            r["state"],
            *([_suspect_text(r) or "-"] if suspect else []),
            *([evidence_cell(r)] if evidence else []),
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

    suspect = bool(rows) and "suspect" in rows[0]
    evidence = bool(rows) and "evidence" in rows[0]
    lines = ["| Item | Text | Covered by | Issues | State |", "|---|---|---|---|---|"]
    if suspect:
        lines = [lines[0] + " Suspect |", lines[1] + "---|"]
    if evidence:
        lines = [lines[0] + " Evidence |", lines[1] + "---|"]
    for r in rows:
        covered = ", ".join(_box(c["checked"]) + c["item"] for c in r["covered_by"])
        lines.append(
            f"| {cell(r['item'])} | {cell(r['text'])} | {cell(covered)} | "
            f"{cell(', '.join(r['issues']))} | {r['state']} |"
            + (f" {cell(_suspect_text(r))} |" if suspect else "")
            + (f" {cell(evidence_cell(r))} |" if evidence else "")
        )
    lines += ["", f"**{coverage_line(figures)}**"]
    return "\n".join(lines) + "\n"


def gate_rows(specs: list[SpecRecord]) -> list[dict[str, str]]:
    """The unmet gate rules of ``specs`` (in ID order), as ``specs.json`` holds them."""
    return [
        {"spec": spec.id, "status": g.status, "rule": g.rule, "message": g.message}
        for spec in specs
        for g in spec.gates
    ]


def format_gates(gates: list[dict[str, str]], *, markdown: bool, width: int = 0) -> str:
    """The unmet rules, one a line, ahead of the trace table (nothing when all are met)."""
    if not gates:
        return ""
    count = f"{len(gates)} unmet rule{'s' * (len(gates) != 1)}"
    if markdown:
        lines = [f"**Status gates: {count}**", ""]
        lines += [
            f"- {g['spec']} ({g['status']} gate, `{g['rule']}`): {g['message']}" for g in gates
        ]
    else:
        lines = [f"Status gates: {count}"]
        for g in gates:
            line = f"  {g['spec']}  {g['status']}  {g['rule']}: {g['message']}"
            lines += textwrap.wrap(line, max(width, 40), subsequent_indent="    ") or [line]
    return "\n".join(lines) + "\n\n"


#: The CSV columns; ``suspect`` follows them when the build had git history, then ``evidence``
#: when it read tests or code.
CSV_HEADER = (
    "spec",
    "item",
    "kind",
    "text",
    "covered_by",
    "checked",
    "issues",
    "state",
    "gate",
    "rule",
)


def format_csv(rows: list[dict[str, Any]], gates: list[dict[str, str]]) -> str:
    """One table: a row per unmet gate rule (``kind`` ``gate``, ``state`` ``unmet``, the gate's
    status and rule in ``gate`` and ``rule``, the message in ``text``), then a row per trace item.

    A CSV stream holds one table, so the gates cannot be a second one as in the other formats;
    rows of their own (rather than a cell repeated on each item of the spec) keep every rule,
    also of a spec without items, and keep the item rows' count the coverage count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    suspect = bool(rows) and "suspect" in rows[0]
    evidence = bool(rows) and "evidence" in rows[0]
    extra_header = [*(["suspect"] if suspect else []), *(["evidence"] if evidence else [])]
    writer.writerow([*CSV_HEADER, *extra_header])
    for g in gates:
        cells = {
            "spec": g["spec"],
            "kind": "gate",
            "text": g["message"],
            "state": "unmet",
            "gate": g["status"],
            "rule": g["rule"],
        }
        writer.writerow([cells.get(name, "") for name in CSV_HEADER] + [""] * len(extra_header))
    for r in rows:
        extra = [
            " ".join(f"{c['item']}:{c['suspect']['date']}" for c in r["covered_by"] if c["suspect"])
            if suspect
            else ""
        ]
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
                "",
                "",
                *(extra if suspect else []),
                *([evidence_cell(r)] if evidence else []),
            ]
        )
    return buffer.getvalue()


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from ..core.itemkinds import BUILTIN_ITEM_KINDS
    from ..core.query import FilterError
    from ..core.templates.builtin import BUILTIN_TEMPLATES
    from ..core.traceability import DEFAULT_SOURCES, DEFAULT_TARGETS, coverage, trace_rows

    if args.fail_under is not None and not 0 <= args.fail_under <= 100:  # nan is neither
        raise CliError(f"--fail-under {args.fail_under:g} is no share: give 0 to 100")
    index = load_index(Path(args.specs_json))
    fail_on = fail_on_rules(args.fail_on, index, args.specs_json)
    extra = {name for spec in index.specs.values() for name in spec.fields}
    # the kinds and statuses that are no typo: the specs', the built-in ones, the project's
    kinds = {item.kind for spec in index.specs.values() for item in spec.items.values()}
    kinds.update(k.kind for k in BUILTIN_ITEM_KINDS)
    templates = list(BUILTIN_TEMPLATES.values())
    if args.conf_dir is not None:  # the project's specs_fields, as the report directives see them
        settings = project_settings(args.conf_dir, Path(args.conf_dir), "report")
        extra.update(settings.fields)
        kinds.update(k.kind for k in settings.item_kinds.values())
        templates += settings.templates.values()
    statuses = {status.casefold() for t in templates for status in t.statuses}
    options = {
        "status": args.status,
        "tags": args.tags,
        "authors": args.authors,
        "team": args.team,
        "template": args.template,
        "filter": args.filter,
    }
    try:
        specs = index.select(options, sorted(extra), strict=True)
    except FilterError as exc:
        raise CliError(f"bad --filter {args.filter!r}: {exc}") from exc
    sources = _kinds(args.from_kinds) or list(DEFAULT_SOURCES)
    targets = _kinds(args.to_kinds) or list(DEFAULT_TARGETS)
    for option, given in (("--from", sources), ("--to", targets)):
        for kind in given:
            if kind not in kinds:  # a misspelt kind would measure nothing, and pass
                raise CliError(
                    f"{option}: unknown kind {kind!r}; known: {', '.join(sorted(kinds))}"
                )
    _say_what_matches_nothing(args, index, statuses, empty=not specs)
    trace = trace_rows(index, specs, sources, targets)
    figures = coverage(trace)
    rows = report_rows(trace, load_suspects(Path(args.specs_json)))
    add_evidence(rows, index)
    gates = gate_rows(specs)
    found = findings(index, specs)
    if args.format == "json":
        document = {
            "rows": rows,
            "gates": gates,
            "coverage": {
                "total": figures.total,
                "covered": figures.covered,
                "done": figures.done,
                "covered_percent": figures.covered_percent,
                "done_percent": figures.done_percent,
            },
            **({"evidence": found.as_json()} if index.evidence.active else {}),
        }
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        out.write(format_csv(rows, gates))
    elif args.format == "markdown":
        out.write(format_gates(gates, markdown=True))
        out.write(format_findings(found, markdown=True))
        out.write(format_markdown(rows, figures))
    else:
        width = args.width or _terminal_width()
        out.write(format_gates(gates, markdown=False, width=width))
        out.write(format_findings(found, markdown=False, width=width))
        out.write(format_table(rows, figures, width))
    status = 0
    for broken in found.broken(fail_on):
        print(f"sphinx-specs report: --fail-on {broken}", file=sys.stderr)
        status = 1
    if args.fail_under is not None:
        measured = figures.done_percent if args.metric == "done" else figures.covered_percent
        value = measured if measured is not None else 100.0
        if value < args.fail_under:
            print(
                f"sphinx-specs report: {args.metric} coverage {value:g}% is under "
                f"--fail-under {args.fail_under:g}%",
                file=sys.stderr,
            )
            status = 1
    return status


def _say_what_matches_nothing(
    args: argparse.Namespace, index: SpecIndex, statuses: set[str], *, empty: bool
) -> None:
    """For a gate (``--fail-under``, ``--fail-on``): a ``--status``, ``--team`` or
    ``--template`` value that no spec has and that is no status of the built-in templates or
    (with ``--conf-dir``) the project's, on stderr: a misspelt one selects nothing, and an empty
    selection passes."""
    if args.fail_under is None and not args.fail_on:
        return
    for field in ("status", "team", "template"):
        known = {str(getattr(spec, field) or "").casefold() for spec in index.specs.values()}
        known |= statuses if field == "status" else set()
        for value in _kinds(getattr(args, field)):
            if value.casefold() not in known:
                then = ": the selection is empty" if empty else ""
                print(
                    f"sphinx-specs report: --{field} {value!r} matches no spec{then}",
                    file=sys.stderr,
                )


def _kinds(option: str | None) -> list[str]:
    return [k.strip() for k in (option or "").split(",") if k.strip()]


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120
