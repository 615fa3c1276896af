"""``sphinx-specs init DIR``: a spec site over an existing folder of Markdown specs, or a new one.

It reads each Markdown file the way plain mode does (the same shapes of :mod:`..plain.sources`, on
the doctree MyST's docutils renderer makes), works out the folder's vocabulary (the field labels
and the options they name, the statuses and a default where files write none, the sections most
files share, the ID scheme), and writes ``conf.py`` with a ``specs_templates`` entry for it and
``index.md`` with the reports. It never changes a spec file and overwrites nothing without
``--force``; ``--dry-run`` prints what it found and would write. An empty folder gets a new site:
``conf.py``, ``index.md`` and a first spec from the built-in ``proposal`` template.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import CliError
from .globs import spec_globs

if TYPE_CHECKING:
    import argparse
    from typing import TextIO

#: Words in a label -> the option it most likely names (first match wins).
_GUESSES: tuple[tuple[str, str], ...] = (
    ("superseded by", "superseded-by"),
    ("replaced by", "superseded-by"),
    ("status", "status"),
    ("state", "status"),
    ("title", "title"),
    ("author", "authors"),
    ("decider", "authors"),
    ("decision maker", "authors"),
    ("owner", "authors"),
    ("champion", "authors"),
    ("updated", "updated"),
    ("date", "created"),
    ("created", "created"),
    ("issue", "issues"),
    ("pr", "issues"),
    ("pull request", "issues"),
    ("tag", "tags"),
    ("team", "team"),
    ("supersede", "supersedes"),
    ("depends", "depends-on"),
    ("related", "related"),
)
_NUMBER = re.compile(r"^(\d+)")
_OTHER_TOOLS = {"nav_order", "parent", "layout", "permalink", "html_meta", "tocdepth", "orphan"}


@dataclass
class Found:
    """What ``init`` worked out of a folder."""

    files: list[Path] = field(default_factory=list)
    shapes: Counter[str] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)  # label -> option
    unmapped: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    without_status: int = 0
    sections: Counter[str] = field(default_factory=Counter)
    numbers: list[str] = field(default_factory=list)
    checklists: bool = False
    unread: list[Path] = field(default_factory=list)
    #: Sub-pages of spec folders (no metadata of their own): their sections count for the spec.
    parts: list[Path] = field(default_factory=list)
    #: The section titles of each spec file (its sub-pages' included).
    titles: dict[Path, set[str]] = field(default_factory=dict)


def guess_option(label: str) -> str | None:
    from ..plain.labels import ALIASES, label_key

    key = label_key(label)
    if key in {label_key(k) for k in ALIASES}:
        return next(v for k, v in ALIASES.items() if label_key(k) == key)
    words = f" {key} "
    option = next((option for word, option in _GUESSES if f" {word}" in words), None)
    # "Amendment status", "Implementation status": a field of its own that only qualifies the
    # option its last word names; it never overrides that option
    if option == "status" and not key.startswith(("status", "state")):
        return None
    return option


def _front_matter(text: str) -> dict[str, Any]:
    import yaml  # type: ignore[import-untyped]

    match = re.match(r"\A---\r?\n(.*?)\r?\n---\r?\n", text, re.DOTALL)
    if match is None:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def read_file(path: Path, found: Found) -> None:
    """Add what ``path`` shows to ``found`` (or note it as unread)."""
    from docutils import nodes

    from ..plain.sources import SHAPES
    from ..plain.sources.base import Page, inline_source
    from .adopt import decode, parse

    try:
        text = decode(path.read_bytes())[0]
    except (OSError, UnicodeDecodeError):
        found.unread.append(path)
        return
    document = parse(text, str(path), frozenset({"fieldlist"}))[0]
    section = next((c for c in document.children if isinstance(c, nodes.section)), None)
    matter = {k: v for k, v in _front_matter(text).items() if k not in _OTHER_TOOLS}
    page = Page(document, section, matter, lambda _label, value: inline_source(value))
    for shape in SHAPES:
        metadata = shape(page)
        if metadata is None:
            continue
        options = {e.label: guess_option(e.label) for e in metadata.entries}
        if not any(options.values()):
            continue
        found.files.append(path)
        found.shapes[shape.__name__] += 1
        status = None
        for entry in metadata.entries:
            option = options[entry.label]
            if option is None:
                if not entry.optional:
                    found.unmapped[entry.label] += 1
                continue
            found.labels.setdefault(entry.label, option)
            value = entry.value if isinstance(entry.value, str) else ", ".join(entry.value)
            if option == "status" and value.strip():
                status = re.split(r"[(\[,;:]| by ", value)[0].strip().title()
        if status:
            found.statuses[status] += 1
        else:
            found.without_status += 1
        # the first section is the title's unless the page starts at H2 (no sub-sections)
        titled = section is not None and any(isinstance(c, nodes.section) for c in section)
        titles = found.titles.setdefault(path, set())
        for sub in document.findall(nodes.section):
            if not (titled and sub is section) and sub.children:
                titles.add(sub.children[0].astext().strip())
        found.checklists |= "[ ]" in text or "[x]" in text
        number = _NUMBER.match(path.name) or _NUMBER.match(path.parent.name)
        if number:
            found.numbers.append(number.group(1))
        return
    found.unread.append(path)
    # a spec folder's sub-page: every heading is a section of the spec (see ``survey``)
    found.titles[path] = {
        sub.children[0].astext().strip() for sub in document.findall(nodes.section) if sub.children
    }


def survey(folder: Path) -> tuple[Found, list[Path]]:
    """What the Markdown files of ``folder`` show, and those files."""
    skipped = {"index.md", "readme.md", "contributing.md", "changelog.md", "license.md"}
    files = sorted(
        p
        for p in folder.rglob("*.md")
        if "_build" not in p.parts
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and not (p.parent == folder and p.name.casefold() in skipped)
    )
    from ..plain.labels import folder_main

    found = Found()
    for path in files:
        read_file(path, found)
    specs = set(found.files)
    for path in list(found.unread):
        main = folder_main(path)
        if main is not None and main in specs:
            found.unread.remove(path)
            found.parts.append(path)
            found.titles[main] |= found.titles.get(path, set())
    for path in found.files:
        found.sections.update(found.titles.get(path, ()))
    return found, files


def _template(found: Found, name: str) -> tuple[dict[str, Any], list[str]]:
    """The ``specs_templates`` entry for the folder, and what it could not map, said plainly."""
    from ..plain.labels import ALIASES, label_key

    known = {label_key(k) for k in ALIASES}
    aliases: dict[str, list[str]] = {}
    for label, option in found.labels.items():
        if label_key(label) not in known and option != "title":
            aliases.setdefault(option, []).append(label)
    statuses = [s for s, _ in found.statuses.most_common()] or ["Accepted"]
    entry: dict[str, Any] = {"statuses": statuses}
    if aliases:
        entry["aliases"] = aliases
    if found.without_status:
        entry["default_status"] = statuses[0]
    total = len(found.files)
    shared = [t for t, n in found.sections.items() if n * 2 >= total]
    entry["sections"] = [
        t if found.sections[t] == total else {"title": t, "required": False} for t in shared
    ]
    notes = [
        f"label {label!r} (in {n} file{'s' * (n != 1)}): names no field; add it to "
        "specs_fields or to aliases"
        for label, n in found.unmapped.most_common()
    ]
    return entry, notes


def _plain_id(found: Found, folder: Path) -> str:
    width = Counter(len(n) for n in found.numbers).most_common(1)
    digits = width[0][0] if width else 3
    name = re.sub(r"[^A-Za-z]", "", folder.resolve().name).upper()
    prefix = name if 2 <= len(name) <= 5 and name not in ("DOCS", "SPECS") else "SPEC"
    return f"{prefix}-{{number:0{digits}d}}"


def specs_lines(found: Found, folder: Path) -> tuple[list[str], list[str]]:
    """The ``specs_*`` lines of ``conf.py`` for the folder, and what could not be mapped."""
    name = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.casefold()).strip("-") or "specs"
    entry, notes = _template(found, name)
    lines = [
        f"specs_plain_markdown = {spec_globs(found.files, found.parts, found.unread, folder)!r}",
        f"specs_plain_id = {_plain_id(found, folder)!r}",
        f"specs_default_template = {name!r}",
        f"specs_templates = {{{name!r}: {entry!r}}}",
    ]
    return lines, notes


def render_conf(found: Found, folder: Path, root_doc: str = "index") -> tuple[str, list[str]]:
    specs, notes = specs_lines(found, folder)
    lines = [
        '"""Written by `sphinx-specs init`: plain Markdown specs, read as they are."""',
        "",
        f"project = {folder.resolve().name!r}",
        'extensions = ["myst_parser", "sphinxcontrib_specs"]',
        'myst_enable_extensions = ["colon_fence", "fieldlist", "tasklist"]',
        'exclude_patterns = ["_build", "README.md", "CONTRIBUTING.md", "CHANGELOG.md"]',
        'suppress_warnings = ["myst.header"]  # specs whose first heading is an H2',
        *([f"root_doc = {root_doc!r}"] if root_doc != "index" else []),
        "# each page's sidebar without the whole table of contents: the spec-table on the index",
        "# page is the way through the folder, and a page's build time stays independent of it",
        'html_sidebars = {"**": ["searchbox.html", "relations.html"]}',
        *specs,
    ]
    return "\n".join(lines) + "\n", notes


def render_index(title: str, matrix: bool) -> str:
    lines = [f"# {title}", "", "```{toctree}", ":hidden:", ":glob:", "", "**", "```", ""]
    lines += [":::{spec-table}", ":::", "", ":::{spec-stats}", ":::", ""]
    if matrix:
        lines += [":::{spec-matrix}", ":::", ""]
    return "\n".join(lines)


def _write(files: dict[Path, str], *, force: bool, dry_run: bool, out: TextIO) -> int:
    existing = [p for p in files if p.exists()]
    if existing and not force and not dry_run:
        names = ", ".join(str(p) for p in existing)
        print(f"sphinx-specs init: {names} exists; nothing written (--force overwrites)", file=out)
        return 1
    for path, text in files.items():
        if dry_run:
            print(f"--- {path} (not written: --dry-run)\n{text}", file=out)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}", file=out)
    return 0


def scaffold(folder: Path, *, force: bool, dry_run: bool, out: TextIO) -> int:
    """A new spec site: conf.py, index.md and a first spec from the ``proposal`` template."""
    import datetime as dt

    from .new import render_new
    from .project import load_settings

    settings = load_settings(None)[0]  # the defaults
    template = settings.templates["proposal"]
    spec = render_new(
        "First spec", "SPEC-001", template, settings, "[Author Name]", dt.date.today().isoformat()
    )
    conf = (
        f"project = {folder.resolve().name!r}\n"
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'exclude_patterns = ["_build"]\n'
    )
    files = {
        folder / "conf.py": conf,
        folder / "index.md": render_index("Specs", matrix=True),
        folder / "specs" / "spec-001-first-spec.md": spec,
    }
    print(f"{folder}: no Markdown specs; a new spec site", file=out)
    return _write(files, force=force, dry_run=dry_run, out=out)


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    folder = Path(args.dir or ".")
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder")
    folder = folder.resolve()
    found, files = survey(folder)
    if not files:
        return scaffold(folder, force=args.force, dry_run=args.dry_run, out=out)
    if not found.files:
        print(
            f"sphinx-specs init: none of the {len(files)} Markdown files of {folder} has metadata "
            "at its top that init can read (YAML front matter, a bullet list of Field: value "
            "lines, a field list or a two-column table naming a status, authors, dates, ...); "
            "nothing written",
            file=out,
        )
        return 1
    existing = next((p for p in ("index.md", "index.rst") if (folder / p).is_file()), None)
    root_doc = "specs-index" if existing and not args.force else "index"
    conf, notes = render_conf(found, folder, root_doc)
    shapes = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in found.shapes.most_common())
    fields = ", ".join(f"{label} -> {option}" for label, option in found.labels.items())
    statuses = ", ".join(f"{s} ({n})" for s, n in found.statuses.most_common())
    print(f"{folder}: {len(found.files)} specs ({shapes})", file=out)
    if found.parts:
        print(f"pages of spec folders (part of their spec): {len(found.parts)}", file=out)
    print(f"fields mapped: {fields}", file=out)
    print(f"statuses: {statuses or 'none written'}", file=out)
    if found.without_status:
        print(
            f"{found.without_status} file(s) write no status: default_status "
            f"{found.statuses.most_common(1)[0][0] if found.statuses else 'Accepted'}",
            file=out,
        )
    shared = [t for t, _ in found.sections.most_common(12)]
    more = len(found.sections) - len(shared)
    print(f"sections: {', '.join(shared)}{f' (and {more} more)' if more > 0 else ''}", file=out)
    for path in found.unread:
        print(f"not a spec (no metadata at its top): {path.relative_to(folder)}", file=out)
    for note in notes:
        print(f"not mapped: {note}", file=out)
    index = render_index(f"{folder.name} specs", found.checklists)
    if (folder / "conf.py").is_file() and not args.force:
        return _into_project(found, folder, args, out)
    if existing and root_doc != "index":
        print(
            f"{existing} is the folder's own page: kept; the specs index is {root_doc}.md", file=out
        )
    conf_dir = Path(args.out).resolve() if args.out else folder
    files_out = {conf_dir / "conf.py": conf, folder / f"{root_doc}.md": index}
    return _write(files_out, force=args.force, dry_run=args.dry_run, out=out)


def _into_project(found: Found, folder: Path, args: argparse.Namespace, out: TextIO) -> int:
    """A folder that is a Sphinx project already: its ``conf.py`` is not changed. Without
    ``--out``, the lines to add to it are printed; with ``--out DIR``, ``DIR/conf.py`` runs the
    project's ``conf.py`` and adds them (``sphinx-build -c DIR``)."""
    specs, _ = specs_lines(found, folder)
    add = [
        'extensions = [*extensions, "sphinxcontrib_specs"]',
        'myst_enable_extensions = [*globals().get("myst_enable_extensions", []), "tasklist"]',
        *specs,
    ]
    if not args.out:
        print(f"{folder / 'conf.py'} exists: not changed. Add these lines to it:", file=out)
        print("\n".join(f"    {line}" for line in add), file=out)
        print("and a {spec-table} directive where the specs should be listed.", file=out)
        return 0
    conf = "\n".join(
        [
            '"""Written by `sphinx-specs init --out`: the project\'s conf.py, then the specs."""',
            "",
            "import runpy",
            "",
            f"_project = runpy.run_path({str(folder / 'conf.py')!r})",
            'globals().update({k: v for k, v in _project.items() if not k.startswith("__")})',
            'if "myst_parser" not in extensions:',
            '    extensions = ["myst_parser", *extensions]',
            *add,
        ]
    )
    target = Path(args.out).resolve() / "conf.py"
    return _write({target: conf + "\n"}, force=args.force, dry_run=args.dry_run, out=out)
