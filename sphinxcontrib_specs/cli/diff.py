"""``sphinx-specs diff OLD NEW``: what a change does to the specs, from two ``specs.json``
(and to the evidence of their items, when both have it)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .common import CliError
from .report import load_index

if TYPE_CHECKING:
    import argparse

    from ..core.diff import EvidenceChange, ItemChange, SpecChange, SpecsDiff
    from ..core.traceability import Coverage

NO_CHANGE = "No change to the specs."


def _urls(path: Path, base_url: str | None) -> dict[str, str | None]:
    """Spec ID -> its page's URL under ``base_url`` (the build's relative URL joined to it)."""
    if not base_url:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    base = base_url.rstrip("/") + "/"
    return {
        spec_id: base + str(spec["url"]) if spec.get("url") else None
        for spec_id, spec in data["specs"].items()
    }


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}%"


def _figures(figures: tuple[Coverage, Coverage]) -> list[tuple[str, str, str]]:
    before, after = figures
    return [
        ("covered", _percent(before.covered_percent), _percent(after.covered_percent)),
        ("done", _percent(before.done_percent), _percent(after.done_percent)),
    ]


def _headline(change: SpecChange) -> str:
    if change.change == "renamed":
        return f"{change.old_id} renamed to {change.id}"
    return {"added": "added", "removed": "removed", "changed": ""}[change.change]


def _item_line(item: ItemChange) -> str:
    kind = f"{item.kind}, was {item.old_id}" if item.old_id else item.kind
    if item.change == "reworded":
        return f"{item.id} ({kind}) reworded: {item.before!r} -> {item.after!r}"
    text = item.after if item.after is not None else item.before
    return f"{item.id} ({kind}) {item.change}: {text}"


def _item_lines(items: list[ItemChange]) -> list[str]:
    """One line per item change; the items only renumbered (an item inserted or removed before
    them) share one line, after the others."""
    moved = [f"{i.old_id} -> {i.id}" for i in items if i.change == "renumbered"]
    lines = [_item_line(item) for item in items if item.change != "renumbered"]
    return lines + ([f"renumbered, text unchanged: {', '.join(moved)}"] if moved else [])


def _evidence_line(change: EvidenceChange) -> str:
    what = {
        "result": f"test {change.before} -> {change.after}",
        "test-added": f"test added ({change.after})",
        "test-removed": f"test removed (was {change.before})",
        "code-added": "code added",
        "code-removed": "code removed",
    }[change.change]
    who = f"{change.id} ({change.kind})" if change.id else "the spec"  # a whole-spec test
    return f"{who} {what}: {change.name}"


def _details(change: SpecChange) -> list[str]:
    lines = []
    if change.status:
        back = " (back)" if change.regression else ""
        lines.append(f"status: {change.status[0] or '-'} -> {change.status[1] or '-'}{back}")
    lines += [f"{name}: {before} -> {after}" for name, before, after in change.metadata]
    if change.progress:
        lines.append(f"definition of done: {change.progress[0]} -> {change.progress[1]}")
    return lines + _item_lines(change.items) + [_evidence_line(e) for e in change.evidence]


def format_text(result: SpecsDiff) -> str:
    if result.empty:
        return NO_CHANGE + "\n"
    out = []
    for change in result.specs:
        head = _headline(change)
        out.append(f"{change.id} {change.title}" + (f" [{head}]" if head else ""))
        out += [f"  {line}" for line in _details(change)]
    out += [f"{name}: {before} -> {after}" for name, before, after in _figures(result.coverage)]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(result: SpecsDiff) -> str:
    if result.empty:
        return NO_CHANGE + "\n"
    out = ["## Spec changes", ""]
    moves = [c for c in result.specs if c.status]
    if moves:
        out += ["| Spec | Status before | Status after |", "| --- | --- | --- |"]
        for c in moves:
            before, after = c.status or (None, None)
            back = " (back)" if c.regression else ""
            out.append(f"| {c.id} | {before or '-'} | {after or '-'}{back} |")
        out.append("")
    results = [(c, e) for c in result.specs for e in c.evidence if e.change == "result"]
    if results:
        out += ["| Item | Test | Result before | Result after |", "| --- | --- | --- | --- |"]
        out += [f"| {c.id}.{e.id} | {_md(e.name)} | {e.before} | {e.after} |" for c, e in results]
        out.append("")
    figures = _figures(result.coverage)
    out += ["| Coverage | Before | After |", "| --- | --- | --- |"]
    out += [f"| {name} | {before} | {after} |" for name, before, after in figures]
    out.append("")
    for change in result.specs:
        name = f"[{change.id}]({change.url})" if change.url else change.id
        head = _headline(change)
        out += [f"### {name} {_md(change.title)}" + (f" ({head})" if head else ""), ""]
        details = _details(change)
        out += [f"- {_md(line)}" for line in details]
        if details:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _spec_json(change: SpecChange) -> dict[str, Any]:
    data = asdict(change)
    for item in data["items"]:  # ``old_id`` only where the ID changed
        if item["old_id"] is None:
            del item["old_id"]
    if not data["evidence"]:  # only where it changed (as before evidence, without it)
        del data["evidence"]
    return data


def format_json(result: SpecsDiff) -> str:
    before, after = result.coverage
    data = {
        "changed": not result.empty,
        "specs": [_spec_json(change) for change in result.specs],
        "coverage": {"before": asdict(before), "after": asdict(after)},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from ..core.diff import FAIL_ON, diff

    rules = [rule.strip() for rule in (args.fail_on or "").split(",") if rule.strip()]
    unknown = [rule for rule in rules if rule not in FAIL_ON]
    if unknown:
        raise CliError(f"--fail-on {','.join(unknown)}: known rules are {', '.join(FAIL_ON)}")
    if args.git:
        from .gitdiff import build_revisions

        old_path, new_path, cleanup = build_revisions(args.git, args.sourcedir)
    elif args.old and args.new:
        old_path, new_path, cleanup = Path(args.old), Path(args.new), None
    else:
        raise CliError("give OLD and NEW specs.json files, or --git BASE[..HEAD]")
    try:
        old, new = load_index(old_path), load_index(new_path)
        urls = {**_urls(old_path, args.base_url), **_urls(new_path, args.base_url)}
    finally:
        if cleanup is not None:
            cleanup()
    if args.conf_dir is not None:
        from .project import project_settings

        templates = dict(project_settings(args.conf_dir, Path(args.conf_dir), "diff").templates)
    else:
        from ..core.templates.builtin import BUILTIN_TEMPLATES

        templates = dict(BUILTIN_TEMPLATES)
    result = diff(old, new, templates, urls)
    formatter = {"markdown": format_markdown, "text": format_text, "json": format_json}
    out.write(formatter[args.format](result))
    failures = result.failures(rules)
    for failure in failures:
        print(f"sphinx-specs diff: --fail-on {failure}", file=sys.stderr)
    return 1 if failures else 0
