"""``sphinx-specs new``: a new MyST spec from a template."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse

    from ..core.templates import Template


from .common import CliError

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
    from ..plain import plain_id

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
    from ..core.templates import normalize_title

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
    from ..core.templates import BUILTIN_TEMPLATES

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
