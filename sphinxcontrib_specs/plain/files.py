"""What a plain spec's page reads besides its doctree, and the vocabulary it reads with: the
RFC 2822 header block, read from the text before the parser sees it (``source-read``), the
sibling metadata files a template names (each a dependency of the page), links and paths written
in values, resolved to the pages they name, and the build's :class:`.Vocabulary`."""

from __future__ import annotations

import os
import weakref
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import DocLink
from ..read.domain import get_domain
from ..warnings_ import SpecsWarning, warn
from .labels import folder_main, pages_named
from .sources.frontmatter import read_front_matter
from .sources.header import blank_header, read_header
from .sources.names import numbered_name, plain_id
from .sources.raw import file_entries
from .sources.sidecar import read_sidecar, sidecar_paths
from .values import doc_mark
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..config import Settings
    from .sources.base import Entry


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


def part_of_folder_spec(
    source: Path, spec_id: str | None, settings: Settings, root: Path, id_format: str
) -> bool:
    """Whether a page of a spec folder with an ID of its own is a page of the folder's spec
    (the build's and ``init``'s rule): named with the folder's number (``SPEC-0042`` for
    TensorFlow's ``20191203-x/20191203-cujs.md`` beside ``20191203-x.md``) when the folder's own
    page is one the globs select (an "About this folder" README is none: the page stays a spec
    of its own). ``root`` is the folder the globs are relative to."""
    main = folder_main(source)
    if main is None or spec_id != plain_id(numbered_name(main), id_format):
        return False
    return is_plain_candidate(settings, main.relative_to(root).as_posix())


def settings_of(env: BuildEnvironment) -> Settings:
    return get_domain(env).settings


def spec_path(env: BuildEnvironment, written: str, where: str) -> DocLink | None:
    """A path written in a value -> a link to the page it names, or None (see
    :func:`.labels.pages_named`)."""
    for page in pages_named(written, where, Path(env.srcdir)):
        docname = env.path2doc(os.path.normpath(page))
        if docname is not None and docname in env.found_docs:
            return DocLink(docname)
    return None


#: The page's front matter as written (MyST's metadata renders each value: an address in
#: ``Ann Lee <ann@example.org>`` loses its brackets), read from the text the parser gets.
FRONT_MATTER = "specs_front_matter"
#: Why the page's metadata could not be read (its front matter), or SAID (warned already).
BROKEN = "specs_broken_metadata"
SAID = "said"
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
    if source[0].startswith(("---", "\ufeff---")):
        env.temp_data[FRONT_MATTER], problem = read_front_matter(source[0])
        if problem:
            env.temp_data[BROKEN] = problem
        return
    block = read_header(source[0], path.suffix)
    if block is not None and vocabulary_of(env).header_is_metadata(block):
        env.temp_data[HEADER] = block
        source[0] = blank_header(source[0], block)


def new_metadata_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages whose sibling metadata file appeared since they were read: a dependency
    records only a file that exists, so a ``kep.yaml`` added later is found here (a few
    ``stat`` calls a page)."""
    settings = settings_of(env)
    if not settings.plain_markdown:
        return []
    patterns = vocabulary_of(env).metadata_files
    unread = env.found_docs - added - changed
    if not patterns or not unread:
        return []
    srcdir = Path(env.srcdir)
    result = []
    for docname in sorted(unread):
        source = Path(env.doc2path(docname))
        if not is_plain_candidate(settings, source.relative_to(srcdir).as_posix()):
            continue
        known = {os.path.normpath(srcdir / dep) for dep in env.dependencies.get(docname, ())}
        if any(os.path.normpath(p) not in known for p in sidecar_paths(source, patterns, srcdir)):
            result.append(docname)
    return result


def sidecar_entries(env: BuildEnvironment, source: Path, vocabulary: Vocabulary) -> list[Entry]:
    """The entries of the page's sibling metadata files (a template's ``metadata_file``); each
    file is a dependency of the page, so a change to it reads the page again."""
    if not vocabulary.metadata_files:
        return []
    result: list[Entry] = []
    for path in sidecar_paths(source, vocabulary.metadata_files, Path(env.srcdir)):
        env.note_dependency(str(path))
        entries, problems = read_sidecar(path)
        if problems and not entries:
            env.temp_data[BROKEN] = SAID  # the warning below says why the page has no metadata
        for problem in problems:
            warn(
                SpecsWarning.META,
                f"{problem.message}; the page {env.docname} is read without it",
                location=f"{path}:{problem.line}" if problem.line else str(path),
            )
        relative = os.path.relpath(path, env.srcdir).replace(os.sep, "/")
        result.extend(file_entries(entries, relative))
    return result


#: The recognizer's vocabulary of each build's environment: one for every page read, so what
#: the templates say (labels, headings, item sections) is worked out once a build.
_VOCABULARIES: weakref.WeakKeyDictionary[BuildEnvironment, Vocabulary] = weakref.WeakKeyDictionary()


def vocabulary_of(env: BuildEnvironment) -> Vocabulary:
    vocabulary = _VOCABULARIES.get(env)
    if vocabulary is None:
        held = weakref.ref(env)  # the value holds no strong reference to its key

        def link(node: nodes.Element) -> str | None:
            current = held()
            return spec_link(current, node) if current is not None else None

        def path(written: str, where: str) -> DocLink | None:
            current = held()
            return spec_path(current, written, where) if current is not None else None

        vocabulary = _VOCABULARIES[env] = Vocabulary.of(settings_of(env), link, path)
    return vocabulary


def spec_link(env: BuildEnvironment, node: nodes.Element) -> str | None:
    """A link MyST resolved to a page of the project names that page's spec (see above)."""
    if node.tagname != "pending_xref":
        return None
    if node.get("refdomain") != "doc":
        note_missing(env, str(node.get("reftarget", "")))
        return None
    docname = str(node.get("reftarget", ""))
    if docname not in env.found_docs:
        return None
    # No dependency on the linked page: the index resolves the link to that page's spec in
    # every build (core/index.py), and the ledger rewrites this page when what the link shows
    # changes, so an edit of the linked spec does not read this page again; its removal does.
    get_domain(env).linked_pages.setdefault(env.docname, set()).add(docname)
    return doc_mark(docname)


def note_missing(env: BuildEnvironment, target: str) -> None:
    """A link to a file of the project that does not exist (yet), which MyST leaves
    unresolved: the page is read again when that file is added (see outdated_folders)."""
    path = target.partition("#")[0]
    if not path or "://" in path or path.startswith("mailto:"):
        return
    source = Path(env.doc2path(env.docname))
    docname = env.path2doc(os.path.normpath(source.parent / path))
    if docname is not None and docname not in env.found_docs:
        missing = get_domain(env).missing_links
        missing.setdefault(env.docname, set()).add(docname)
