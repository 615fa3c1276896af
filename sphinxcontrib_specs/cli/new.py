"""``sphinx-specs new``: a new MyST spec from one of the project's templates.

Everything comes from the project's ``conf.py`` (see :mod:`.project`): the templates and their
sections, hints and fields (``specs_templates``), the item directives (``specs_item_kinds``), the
ID form (``specs_id_pattern``, and ``specs_plain_id`` for the IDs of plain specs), the extra fields
(``specs_fields``) and the default template.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse

    from ..config import Settings
    from ..core.templates.model import Template


from .common import CliError
from .project import conf_dir_of, project_settings

_ID_IN_TEXT = re.compile(
    r"(?:\{spec\}|\.\.[ \t]+spec::)[ \t]+(\S+)|^\*\*ID:\*\*[ \t]*(\S+)", re.MULTILINE
)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


#: Latin letters that no accent makes: what they are written as in ASCII.
_LATIN = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
    | {"\u0131": "i"}  # the dotless i
)


def slugify(title: str) -> str:
    """The file name's words: Latin letters without their accents (``für Caché``: ``fur-cache``;
    ``Straße``: ``strasse``), a title with letters of another script in its own words
    (``Версия 2 протокола``), any other character a hyphen."""
    folded = title.casefold().translate(_LATIN)
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    others = any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in folded)
    if others:  # letters of another script: the title's own words
        slug = re.sub(r"[\W_]+", "-", folded).strip("-")
    else:
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:60].rstrip("-") or "spec"


@dataclass
class UsedIds:
    """The spec IDs found under a folder, and their numbers by prefix (``SPEC-`` -> 41, 70)."""

    ids: set[str]
    numbers: dict[str, dict[int, int]]  # prefix -> number -> digits written

    def add(self, spec_id: str) -> None:
        self.ids.add(spec_id)
        match = _NUMBERED.match(spec_id)
        if match:
            digits = match.group(2)
            self.numbers.setdefault(match.group(1), {})[int(digits)] = len(digits)

    def taken(self, spec_id: str) -> bool:
        match = _NUMBERED.match(spec_id)
        if match is None:
            return spec_id in self.ids
        return int(match.group(2)) in self.numbers.get(match.group(1), {})


def existing_ids(folder: Path, plain_format: str) -> UsedIds:
    """Spec IDs used under ``folder``: directive specs, and plain specs by file-name number."""
    from ..plain.sources.names import plain_id

    used = UsedIds(set(), {})
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".md", ".rst") or any(
            part.startswith(".") or part == "_build" for part in path.relative_to(folder).parts
        ):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        directives = [m.group(1) or m.group(2) for m in _ID_IN_TEXT.finditer(text)]
        for spec_id in directives:
            used.add(spec_id)
        # a plain spec's ID is its file name's number (a page `new` wrote names its own ID: its
        # name's number read through specs_plain_id would give another width, SPEC-001)
        found = plain_id(path.name, plain_format) if path.suffix == ".md" else None
        if found and not directives and text.lstrip().startswith("#"):
            used.add(found)
    return used


def next_id(used: UsedIds, settings: Settings) -> str:
    """The next free ID: the most used prefix among the IDs that match ``specs_id_pattern``,
    one past its highest number, as wide as its widest; with none, ``SPEC-0001`` or the
    ``specs_plain_id`` form of 1, whichever matches the pattern."""
    counts = {
        prefix: len(numbers)
        for prefix, numbers in used.numbers.items()
        if any(settings.id_pattern.match(f"{prefix}{n:0{w}d}") for n, w in numbers.items())
    }
    if counts:
        prefix = max(sorted(counts), key=lambda p: counts[p])
        numbers = used.numbers[prefix]
        candidate = f"{prefix}{max(numbers) + 1:0{max(numbers.values())}d}"
        if settings.id_pattern.match(candidate):
            return candidate
    for candidate in ("SPEC-0001", settings.plain_id.format(number=1)):
        if settings.id_pattern.match(candidate) and not used.taken(candidate):
            return candidate
    raise CliError(
        f"cannot guess an ID that matches specs_id_pattern {settings.id_pattern.pattern!r}; "
        "give one with --id"
    )


def git_user() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    name = result.stdout.strip()
    return name or None


def _field_lines(template: Template, settings: Settings, author: str, today: str) -> list[str]:
    values = {
        "status": template.statuses[0],
        "authors": author,
        "created": today,
        "updated": today,
        "issues": "TBD",
        "team": "[Team Name]",
    }
    names = list(template.fields) or ["status", "authors", "created", "updated"]
    names += [n for n, f in settings.fields.items() if f.required and n not in names]
    lines = []
    for name in names:
        extra = settings.fields.get(name)
        if name in values:
            lines.append(f":{name}: {values[name]}")
        elif extra is not None:  # a specs_fields field: a placeholder the build points at
            value = "YYYY-MM-DD" if extra.type == "date" else f"[{extra.display.title()}]"
            lines.append(f":{name}: {value}")
    return lines


def render_new(
    title: str,
    spec_id: str,
    template: Template,
    settings: Settings,
    author: str,
    today: str,
    *,
    name_template: bool = False,
) -> str:
    """The page of a new spec; ``:template:`` when it is not the project's default, or always
    with ``name_template`` (a folder with no ``conf.py`` yet: a default set later, by ``init``
    or by hand, must not change the page's template)."""
    from ..core.templates.builtin import item_placeholder

    lines = [f"# {title}", "", f"```{{spec}} {spec_id}"]
    lines += _field_lines(template, settings, author, today)
    if name_template or template.name != settings.default_template:
        lines.append(f":template: {template.name}")
    lines += ["", "[One-paragraph abstract]", "```", ""]
    for depth, section in template.walk_sections():
        lines += [f"{'#' * (depth + 2)} {section.title}", ""]
        if section.hint:
            lines += [section.hint, ""]
        for kind_name in section.items:
            kind = settings.kind(kind_name)
            if kind is None:
                continue
            item = ("[ ] " if kind.checkable else "") + item_placeholder(kind_name)
            lines += [f"```{{{kind.directive}}}", f"- {item}", "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    folder = Path(args.dir)
    args.title = " ".join(args.title.split())  # a heading is one line (a pasted title may not be)
    if not args.title:
        raise CliError('the title is empty: sphinx-specs new "Scheduled backups"')
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder")
    settings = project_settings(args.conf_dir, folder, "new")
    no_project = conf_dir_of(args.conf_dir, folder) is None
    name = args.template or settings.default_template
    template = settings.templates.get(name)
    if template is None:
        raise CliError(
            f"--template {name!r} is not a template of this project; "
            f"choose from {', '.join(sorted(settings.templates))}"
        )
    used = existing_ids(folder, settings.plain_id)
    if args.id:
        if not settings.id_pattern.match(args.id):
            raise CliError(
                f"--id {args.id!r} does not match specs_id_pattern {settings.id_pattern.pattern!r}"
            )
        if used.taken(args.id):
            raise CliError(f"{args.id} is already used in {folder}")
        spec_id = args.id
    else:
        spec_id = next_id(used, settings)
    path = folder / f"{spec_id.lower()}-{slugify(args.title)}.md"
    if path.exists():
        print(f"sphinx-specs new: {path} exists; not overwriting it", file=sys.stderr)
        return 1
    author = args.author or git_user() or "[Author Name]"
    today = args.date or dt.date.today().isoformat()
    text = render_new(
        args.title, spec_id, template, settings, author, today, name_template=no_project
    )
    path.write_text(text, encoding="utf-8")
    print(f"{path}  ({spec_id}, {template.name} template)", file=out)
    return 0
