"""What a plain spec's page reads besides its doctree: the RFC 2822 header block, read from the
text before the parser sees it (``source-read``), the sibling metadata files a template names
(each a dependency of the page), and paths written in values, resolved to the pages they name."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import get_domain
from ..warnings_ import SpecsWarning, warn
from .sources.header import blank_header, read_header
from .sources.raw import file_entries
from .sources.sidecar import read_sidecar, sidecar_paths

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..config import Settings
    from .sources.base import Entry
    from .vocabulary import Vocabulary


def is_plain_candidate(settings: Settings, relative_source: str) -> bool:
    """A Markdown file any ``specs_plain_markdown`` glob matches, or a reStructuredText file that
    a glob ending in ``.rst`` matches (``True`` selects Markdown only); a glob that starts with
    ``!`` takes the files it matches out again (``"!pep-0000.rst"``: the folder's own index)."""
    patterns = [p for p in settings.plain_markdown if not p.startswith("!")]
    if relative_source.endswith(".rst"):
        patterns = [p for p in patterns if p.endswith(".rst")]
    elif not relative_source.endswith(".md"):
        return False
    if not any(fnmatch(relative_source, pattern) for pattern in patterns):
        return False
    return not any(
        fnmatch(relative_source, p[1:]) for p in settings.plain_markdown if p.startswith("!")
    )


def settings_of(env: BuildEnvironment) -> Settings:
    return get_domain(env).settings


def spec_path(env: BuildEnvironment, written: str, where: str) -> str | None:
    """A path written in a value (``0003-use-x.md``, ``../0042-backups/``, a KEP's
    ``/keps/sig-node/2345-other``) -> ``{doc}`DOCNAME``` of the page it names, or None.
    Relative paths are relative to the file that wrote them (``where``, relative to the source
    folder); a path from ``/`` is tried from the source folder, then without its leading
    folders (a folder's paths often start at the repository's root)."""
    target = written.partition("#")[0].strip()
    if not target or "://" in target or target.startswith("mailto:"):
        return None
    srcdir = Path(env.srcdir)
    if target.startswith("/"):
        parts = Path(target.lstrip("/")).parts
        candidates = [srcdir.joinpath(*parts[n:]) for n in range(len(parts))]
    else:
        candidates = [Path(os.path.normpath(srcdir / where)).parent / target]
    for candidate in candidates:
        for page in (
            candidate,
            *(candidate.with_name(candidate.name + s) for s in (".md", ".rst")),
            *(candidate / name for name in ("README.md", "index.md", "README.rst", "index.rst")),
        ):
            if not page.is_file():
                continue
            docname = env.path2doc(os.path.normpath(page))
            if docname is not None and docname in env.found_docs:
                return f"{{doc}}`{docname}`"
    return None


#: The RFC 2822 header block of the page being read, found before it was parsed.
HEADER = "specs_header"


def read_header_block(app: Sphinx, docname: str, source: list[str]) -> None:
    """A plain spec's header block (:mod:`.sources.header`) is read from the text and blanked
    from what the parser sees (its lines kept, so every line number stays right); the page's
    transform makes the card from it. The file itself is not changed."""
    env = app.env
    settings = settings_of(env)
    if not settings.plain_markdown or not source:
        return
    path = Path(env.doc2path(docname))
    if not is_plain_candidate(settings, path.relative_to(env.srcdir).as_posix()):
        return
    block = read_header(source[0], path.suffix)
    if block is not None:
        env.temp_data[HEADER] = block
        source[0] = blank_header(source[0], block)


def sidecar_entries(env: BuildEnvironment, source: Path, vocabulary: Vocabulary) -> list[Entry]:
    """The entries of the page's sibling metadata files (a template's ``metadata_file``); each
    file is a dependency of the page, so a change to it reads the page again."""
    if not vocabulary.metadata_files:
        return []
    result: list[Entry] = []
    for path in sidecar_paths(source, vocabulary.metadata_files, Path(env.srcdir)):
        env.note_dependency(str(path))
        entries, problems = read_sidecar(path)
        for problem in problems:
            warn(
                SpecsWarning.META,
                f"{problem.message}; the page {env.docname} is read without it",
                location=f"{path}:{problem.line}" if problem.line else str(path),
            )
        relative = os.path.relpath(path, env.srcdir).replace(os.sep, "/")
        result.extend(file_entries(entries, relative))
    return result
