"""A file of a spec folder read the way the build reads it, for ``sphinx-specs init``: the RFC 2822
header block found in the text and blanked from what the parser sees (as the build's
``source-read`` handler does), the YAML front matter, the doctree (MyST's docutils renderer for
Markdown, docutils for reStructuredText, Sphinx's settings) and the entries of the sibling
metadata files a template names. :func:`recognize_page` then runs the build's own recognizer, so
what ``init`` counts is what the build reads.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import functools
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from docutils import nodes

    from ..plain.recognizer import PlainSpec
    from ..plain.sources.header import HeaderBlock, RawEntry
    from ..plain.sources.sidecar import SidecarProblem
    from ..plain.vocabulary import Vocabulary


@dataclass
class FolderPage:
    """One file as the build would see it."""

    path: Path
    relative: str
    text: str
    #: None in a process that did not parse it (:mod:`.reading`'s workers send pages without it)
    document: nodes.document | None
    header: HeaderBlock | None = None
    front_matter: dict[str, Any] = field(default_factory=dict)

    @property
    def doctree(self) -> nodes.document:
        """The parsed page, in the process that parsed it."""
        if self.document is None:
            raise LookupError(f"{self.relative} was parsed in another process")
        return self.document


#: The opening of a ``spec`` directive: MyST's ```` ```{spec} ID ```` or ``:::{spec} ID``, rST's
#: ``.. spec:: ID``.
_SPEC_DIRECTIVE = re.compile(
    r"^[ \t]*(?:`{3,}|:{3,})[ \t]*\{spec\}[ \t]*(\S*)|^[ \t]*\.\.[ \t]+spec::[ \t]*(\S*)",
    re.MULTILINE,
)


def directive_spec(page: FolderPage) -> str | None:
    """The ID the ``spec`` directive of ``page`` gives ("" when it gives none), or None when the
    page writes none. The build reads such a page as it is written, never the plain way
    (:mod:`..plain.transform`). A directive shown in a code block (a page that explains the
    syntax) is none: its opening line is in a literal block of the parsed page (in the process
    that parsed it; the parse here, which has no ``spec`` directive, keeps a real one's text
    only in its error message)."""
    openings = [
        (m.group(0).strip(), m.group(1) or m.group(2) or "")
        for m in _SPEC_DIRECTIVE.finditer(page.text)
    ]
    if not openings:
        return None
    from docutils import nodes

    shown = [
        block.astext()
        for block in page.doctree.findall(nodes.literal_block)
        if not isinstance(block.parent, nodes.system_message)
    ]
    for line, spec_id in openings:
        if not any(line in text for text in shown):
            return spec_id
    return None


@functools.cache
def _rst_settings() -> Any:
    """docutils' settings for reading rST as Sphinx does, made once (making them is most of
    what a small page costs)."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.readers.standalone import Reader

    settings = get_default_settings(Parser, Reader)
    for key, value in {
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": io.StringIO(),
        "doctitle_xform": False,  # as Sphinx sets it
        "sectsubtitle_xform": False,
        "file_insertion_enabled": False,
        "raw_enabled": False,
    }.items():
        setattr(settings, key, value)
    return settings


@functools.cache
def _myst() -> tuple[Any, Any]:
    """MyST's markdown-it parser with its docutils renderer, and the documents' settings, made
    once (``adopt``'s parse makes both a file, which is most of what a small page costs)."""
    from docutils.frontend import get_default_settings
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.docutils_ import Parser
    from myst_parser.parsers.mdit import create_md_parser

    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.myst_suppress_warnings = ["myst.header"]
    config = MdParserConfig(enable_extensions={"colon_fence", "tasklist", "fieldlist"})
    return create_md_parser(config, DocutilsRenderer), settings


def _md_document(text: str, source: str) -> nodes.document:
    from docutils.utils import new_document

    md, settings = _myst()
    document = new_document(source, copy.copy(settings))
    md.options["document"] = document
    with _spare_documents_made_cheaply():
        md.render(text)
    return document


@contextlib.contextmanager
def _spare_documents_made_cheaply() -> Iterator[None]:
    """MyST's renderer makes a spare document on every render, even when it is given one (its
    ``options.get("document", make_document())`` evaluates the default; myst-parser 4 and 5),
    and making docutils' default settings for it was a tenth of what ``init`` spent on a
    Markdown page. While a page is rendered here, ``make_document`` makes a new document as
    MyST's does, from default settings made once. Only this command's process sees it."""
    from myst_parser.mdit_to_docutils import base

    made = getattr(base, "make_document", None)
    if made is None:  # another MyST: nothing to spare
        yield
        return
    base.make_document = _make_document
    try:
        yield
    finally:
        base.make_document = made


def _make_document(source_path: str = "notset", parser_cls: Any = None) -> nodes.document:
    from docutils.utils import new_document

    return new_document(source_path, settings=copy.copy(_default_settings(parser_cls)))


@functools.cache
def _default_settings(parser_cls: Any) -> Any:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    return get_default_settings(parser_cls or Parser)


def _rst_document(text: str, source: str) -> nodes.document:
    from docutils.core import publish_doctree

    settings = copy.copy(_rst_settings())
    return publish_doctree(text, source_path=source, settings=settings)


def read_page(
    path: Path, folder: Path, is_metadata: Callable[[HeaderBlock], bool]
) -> FolderPage | None:
    """``path`` read as the build reads it; None when it cannot be read as text, or when the
    parser stops at it (:func:`unreadable` says why). Its header block is taken out of what the
    parser sees when ``is_metadata`` says it is metadata."""
    try:
        text = path.read_bytes().decode("utf-8-sig")  # as Sphinx reads a page
        return page_of(text, path, folder, is_metadata)
    except Exception:  # no text (OSError, UnicodeDecodeError), or a parser's own error (MyST 4
        return None  # at a front-matter date no calendar has)


def unreadable(path: Path) -> str:
    """Why :func:`read_page` could not read ``path`` as text, and what to do."""
    try:
        data = path.read_bytes()
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "saved as UTF-16: Sphinx reads every page as UTF-8; save it as UTF-8"
        data.decode("utf-8-sig")
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    except UnicodeDecodeError as exc:
        line = bytes(exc.object[: exc.start]).count(b"\n") + 1
        return (
            f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} on line {line}): "
            "Sphinx reads every page as UTF-8; save it as UTF-8"
        )
    try:
        page_of(data.decode("utf-8-sig"), path, path.parent, lambda _block: False)
    except Exception as exc:  # what stops the parser stops the build too
        return f"the parser stops at it ({type(exc).__name__}: {exc})"
    return "cannot be read as text"


def page_of(
    text: str, path: Path, folder: Path, is_metadata: Callable[[HeaderBlock], bool]
) -> FolderPage:
    """The page of ``text`` (see :func:`read_page`)."""
    from ..plain.sources.frontmatter import docinfo_fields, raw_front_matter
    from ..plain.sources.header import blank_header, read_header

    header = read_header(text, path.suffix)
    if header is not None and not is_metadata(header):
        header = None
    parsed = blank_header(text, header) if header is not None else text
    with contextlib.redirect_stderr(io.StringIO()):  # the parsers' own messages are no concern
        if path.suffix == ".rst":
            document = _rst_document(parsed, str(path))
        else:
            document = _md_document(parsed, str(path))
    relative = path.relative_to(folder).as_posix()
    # an rST page's field list at its top is docinfo, as in the build (plain.transform)
    front = docinfo_fields(document, {}) if path.suffix == ".rst" else raw_front_matter(text)
    return FolderPage(path, relative, text, document, header, front)


def path_resolver(folder: Path) -> Any:
    """The build's ``spec_path`` over the files of ``folder`` (no Sphinx environment)."""
    from ..plain.labels import pages_named

    def resolve(written: str, where: str) -> str | None:
        for page in pages_named(written, where, folder):
            return f"{{doc}}`{page.relative_to(folder).with_suffix('').as_posix()}`"
        return None

    return resolve


@functools.cache
def sidecar_read(path: Path) -> tuple[list[RawEntry], list[SidecarProblem]]:
    """A sibling metadata file's entries and problems, read once a run (the study and the count
    both read it; :func:`.init.cmd_init` empties the cache when it starts)."""
    from ..plain.sources.sidecar import read_sidecar

    return read_sidecar(path)


def sidecar(path: Path) -> list[RawEntry]:
    """A sibling metadata file's entries (see :func:`sidecar_read`)."""
    return sidecar_read(path)[0]


def recognize_page(page: FolderPage, vocabulary: Vocabulary, folder: Path) -> PlainSpec | None:
    """The build's recognizer on ``page`` with the sibling metadata files ``vocabulary`` names."""
    from ..plain.recognizer import recognize
    from ..plain.sources.raw import file_entries
    from ..plain.sources.sidecar import sidecar_paths

    extra = []
    for path in sidecar_paths(page.path, vocabulary.metadata_files, folder):
        extra.extend(file_entries(sidecar(path), path.relative_to(folder).as_posix()))
    return recognize(
        page.doctree,
        page.relative,
        vocabulary,
        front_matter=page.front_matter,
        header=page.header,
        extra=extra,
    )
