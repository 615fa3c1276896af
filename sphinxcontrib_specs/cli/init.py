"""``sphinx-specs init DIR``: a spec site over an existing folder of specs, or a new one.

It reads every candidate file with the build's own sources (:mod:`.pages`), decides the
folder's vocabulary by majority (:mod:`.study`: the shapes, the labels and the fields they name,
the statuses, dates, the ID scheme, the sections most specs share), writes ``conf.py`` with a
``specs_templates`` entry for it and an index page with the reports, and then counts what the
build will read with the build's own recognizer on that configuration: the number it prints is
the number the build reads. It never changes a spec file; an existing ``index.md`` stays (the
specs index is written beside it and made the root document), an existing ``conf.py`` is not
changed (the lines to add are printed, or written with ``--out DIR`` for ``sphinx-build -c``).
``--dry-run`` prints what it found and would write. An empty folder gets a new site: ``conf.py``,
``index.md`` and a first spec from the built-in ``proposal`` template. A page that writes the
``spec`` directive is read as written, as the build reads it: counted, never studied.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .common import CliError, ReaderMayLeave
from .globs import spec_globs
from .summary import summary, unread_lines

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable
    from typing import TextIO

    from .candidates import Candidate
    from .reading import FolderReader
    from .study import Study

_SKIPPED_DIRS = {
    "_build",
    "node_modules",
    "venv",
    ".venv",
    "site-packages",
    "_static",
    "_templates",
}


def candidate_files(folder: Path) -> list[Path]:
    """The Markdown and reStructuredText files of ``folder`` a spec could be."""
    return sorted(
        p
        for p in (*folder.rglob("*.md"), *folder.rglob("*.rst"))
        if not any(
            part.startswith(".") or part in _SKIPPED_DIRS for part in p.relative_to(folder).parts
        )
    )


def _left_out(skipped: dict[Path, str]) -> dict[Path, str]:
    """The files no build can read, each with why: ``exclude_patterns`` lists them."""
    return {path: f"{why} (exclude_patterns leaves it out)" for path, why in skipped.items()}


def conf_values(
    result: Study, folder: Path, root_doc: str = "index", skipped: Iterable[Path] = ()
) -> dict[str, Any]:
    """The configuration ``init`` writes, as values (:func:`render_conf` writes them out)."""
    from .template import template_entry

    name = "".join(c if c.isalnum() else "-" for c in folder.name.casefold()).strip("-") or "specs"
    files = [c.page.path for c in result.specs]
    spec_set = set(files)
    parts = [p for p in result.parts if p not in spec_set]
    # a file whose metadata cannot be read stays selected: the build says why, at its line
    unread = [
        c.page.path for c in result.candidates if c.page.path not in spec_set and not c.broken
    ]
    unread = [p for p in unread if p not in parts]
    values = site_values(folder, root_doc, skipped)
    values["specs_plain_markdown"] = spec_globs(files, parts, unread, folder)
    values["specs_plain_id"] = result.id_format
    values["specs_default_template"] = name
    values["specs_templates"] = {name: template_entry(result)}
    if result.extra_fields:
        values["specs_fields"] = result.extra_fields
    return values


#: What init does not read, the build does not either (hidden folders, dependencies).
_EXCLUDED = (
    "_build",
    "**/.*",
    ".*",
    "**/node_modules",
    "venv",
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
)


def site_values(folder: Path, root_doc: str, skipped: Iterable[Path] = ()) -> dict[str, Any]:
    """What every site ``init`` writes sets: MyST and ours, what the build leaves out (with
    the ``skipped`` files, which no build can read), a navigation that does not grow with the
    number of specs."""
    # each a pattern of that file: Sphinx's globs read "[", "*" and "?" in a name, so each is
    # one "?" (its "[[]" would be a nested set to Python's re)
    unreadable = sorted(re.sub(r"[\[*?]", "?", p.relative_to(folder).as_posix()) for p in skipped)
    return {
        "project": folder.name,
        "extensions": ["myst_parser", "sphinxcontrib_specs"],
        "myst_enable_extensions": ["colon_fence", "fieldlist", "tasklist"],
        "exclude_patterns": [*_EXCLUDED, *unreadable],
        "suppress_warnings": ["myst.header", "misc.highlighting_failure"],
        "myst_heading_anchors": 6,
        "smartquotes": False,
        "root_doc": root_doc,
        "html_sidebars": {"**": ["searchbox.html", "relations.html"]},
    }


_COMMENTS = {
    "suppress_warnings": "specs whose first heading is an H2; pseudo-code in a language's fence",
    "myst_heading_anchors": "links to headings as GitHub writes them: #upgrade--downgrade-strategy",
    "smartquotes": "quotes and dashes as the files write them, as GitHub shows them",
    "html_sidebars": "no whole table of contents on each page: the index's spec-table leads",
}


#: How the conf.py init writes starts: a second run knows it from a Sphinx project's own.
_WRITTEN = b'"""Written by `sphinx-specs init`:'


def _previous_root(conf_dir: Path) -> str | None:
    """The root document of the ``conf.py`` an earlier run of init wrote in ``conf_dir`` (the
    folder, or ``--out``); None when there is none, or when it is a Sphinx project's own (or the
    one ``--out`` writes to run a project's)."""
    conf = conf_dir / "conf.py"
    try:
        text = conf.read_bytes()
    except OSError:
        return None
    if not text.startswith(_WRITTEN):
        return None
    return "specs-index" if b"root_doc = 'specs-index'" in text else "index"


def render_conf(values: dict[str, Any]) -> str:
    lines = ['"""Written by `sphinx-specs init`: the folder\'s specs, read as they are."""', ""]
    for key, value in values.items():
        if key == "root_doc" and value == "index":
            continue
        comment = f"  # {_COMMENTS[key]}" if key in _COMMENTS else ""
        lines.append(f"{key} = {value!r}{comment}")
    return "\n".join(lines) + "\n"


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
    from .candidates import data_files
    from .pages import sidecar_read, unreadable
    from .reading import FolderReader, jobs_for

    out = cast("TextIO", ReaderMayLeave(out))

    folder = Path(args.dir or ".")
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder")
    folder = folder.resolve()
    files = candidate_files(folder)
    previous = _previous_root(Path(args.out).resolve() if args.out else folder)
    if previous is not None:  # init ran here before: its index page is no candidate
        files = [p for p in files if p != folder / f"{previous}.md"]
    data_files.cache_clear()
    sidecar_read.cache_clear()

    def say(line: str) -> None:
        print(f"sphinx-specs init: {line}", file=sys.stderr)

    with FolderReader(folder, jobs_for(args.jobs, len(files)), say) as reader:
        candidates = reader.read(files)
        read = {c.page.path for c in candidates}
        # a file that is no text (not UTF-8, say) stops Sphinx's build: it is left out of it
        skipped = {p: unreadable(p) for p in files if p not in read}
        return _init(folder, reader, candidates, skipped, previous, args, out)


def _init(
    folder: Path,
    reader: FolderReader,
    candidates: list[Candidate],
    skipped: dict[Path, str],
    previous: str | None,
    args: argparse.Namespace,
    out: TextIO,
) -> int:
    """``init`` once the files are read; ``previous`` is the root document of the site an
    earlier run wrote (see :func:`_previous_root`)."""
    from .study import study

    if not candidates:
        return scaffold(folder, force=args.force, dry_run=args.dry_run, out=out)
    # pages that write the spec directive are read as written: they tell nothing of the shape
    # of the folder's other specs
    directives = sum(c.directive is not None for c in candidates)
    result = study(folder, [c for c in candidates if c.directive is None])
    existing = next((p for p in ("index.md", "index.rst") if (folder / p).is_file()), None)
    root_doc = "specs-index" if existing and not args.force else "index"
    if previous is not None:  # the index page of the last run: the same name again
        root_doc = previous
        existing = existing if previous != "index" else None
    values = site_values(folder, root_doc, skipped)
    counted = reader.count(values) if not result.specs and directives else None
    if counted is not None:
        counted.unread.update(_left_out(skipped))
    if counted is not None and counted.specs:
        print(
            f"{folder}: {len(counted.specs)} specs "
            f"({', '.join(f'{n} {s}' for s, n in counted.shapes.most_common())}), read as they "
            "are written, with the built-in templates",
            file=out,
        )
        for line in unread_lines(folder, counted):
            print(line, file=out)
        index = render_index(f"{folder.name} specs", True)
        return _site(folder, values, index, existing, args, out)
    if not result.specs:
        print(
            f"sphinx-specs init: none of the {len(candidates)} Markdown and reStructuredText "
            f"files of {folder} reads as a spec (metadata naming a status, authors, dates, "
            "... at its top, in a header block, a metadata file or a Status section, or "
            "numbered files with a title; or a spec directive with its ID); nothing written",
            file=out,
        )
        for line in unread_lines(folder, counted) if counted is not None else []:
            print(line, file=out)
        return 1
    values = conf_values(result, folder, root_doc, skipped)
    counted = reader.count(values)
    counted.unread.update(_left_out(skipped))
    for line in summary(folder, result, counted, values):
        print(line, file=out)
    index = render_index(f"{folder.name} specs", result.checklists)
    return _site(folder, values, index, existing, args, out)


def _site(
    folder: Path,
    values: dict[str, Any],
    index: str,
    existing: str | None,
    args: argparse.Namespace,
    out: TextIO,
) -> int:
    """Write ``conf.py`` and the index page, or say what to add to the folder's own conf.py."""
    if (folder / "conf.py").is_file() and not args.force and not _previous_root(folder):
        return _into_project(values, folder, args, out)  # a Sphinx project's own conf.py
    root_doc = values["root_doc"]
    if existing and root_doc != "index":
        print(
            f"{existing} is the folder's own page: kept; the specs index is {root_doc}.md", file=out
        )
    conf_dir = Path(args.out).resolve() if args.out else folder
    files_out = {conf_dir / "conf.py": render_conf(values), folder / f"{root_doc}.md": index}
    return _write(files_out, force=args.force, dry_run=args.dry_run, out=out)


def _into_project(
    values: dict[str, Any], folder: Path, args: argparse.Namespace, out: TextIO
) -> int:
    """A folder that is a Sphinx project already: its ``conf.py`` is not changed. Without
    ``--out``, the lines to add to it are printed; with ``--out DIR``, ``DIR/conf.py`` runs the
    project's ``conf.py`` and adds them (``sphinx-build -c DIR``)."""
    specs = [f"{k} = {v!r}" for k, v in values.items() if k.startswith("specs_")]
    # what the count above read the folder with: MyST and its extensions, then ours
    add = [
        'extensions = [*(["myst_parser"] if "myst_parser" not in extensions else []),',
        '              *extensions, "sphinxcontrib_specs"]',
        "myst_enable_extensions = sorted({*globals().get('myst_enable_extensions', []),",
        '                                 "colon_fence", "fieldlist", "tasklist"})',
        *specs,
    ]
    unreadable = [p for p in values["exclude_patterns"] if p not in _EXCLUDED]
    if unreadable:  # Sphinx's build stops at a file that is no UTF-8 text
        add.append(f"exclude_patterns = [*globals().get('exclude_patterns', []), *{unreadable!r}]")
    if not args.out:
        print(f"{folder / 'conf.py'} exists: not changed. Add these lines to it:", file=out)
        print("\n".join(f"    {line}" for line in add), file=out)
        print("and a {spec-table} directive where the specs should be listed.", file=out)
        return 0
    conf = "\n".join(
        [
            '"""Written by `sphinx-specs init --out`: the project\'s conf.py, then the specs."""',
            "",
            "import os",
            "import runpy",
            "",
            f"_here = {str(folder)!r}",
            "# run as Sphinx runs a conf.py: in its own folder (open('VERSION'), sys.path)",
            "_cwd = os.getcwd()",
            "os.chdir(_here)",
            "try:",
            '    _project = runpy.run_path(os.path.join(_here, "conf.py"))',
            "finally:",
            "    os.chdir(_cwd)",
            'globals().update({k: v for k, v in _project.items() if not k.startswith("__")})',
            "# the project's relative paths are relative to its own folder, not to this one",
            "for _name in ('html_static_path', 'templates_path', 'html_extra_path',",
            "              'locale_dirs'):",
            "    if _name in globals():",
            "        globals()[_name] = [os.path.join(_here, p) for p in globals()[_name]]",
            *add,
        ]
    )
    target = Path(args.out).resolve() / "conf.py"
    return _write({target: conf + "\n"}, force=args.force, dry_run=args.dry_run, out=out)
