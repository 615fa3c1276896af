"""What one file of a folder shows to ``sphinx-specs init``, from every source the build reads
(:mod:`.pages`): its entries, its number and H1, its sections' first paragraphs, its checklists
and the metadata files beside it; and the label -> option guess (:func:`guess_option`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from docutils import nodes

    from .pages import FolderPage

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
    ("creation", "created"),
    ("issue", "issues"),
    ("pr", "issues"),
    ("pull request", "issues"),
    ("tag", "tags"),
    ("team", "team"),
    ("supersede", "supersedes"),
    ("replaces", "supersedes"),
    ("depends", "depends-on"),
    ("requires", "depends-on"),
    ("see also", "related"),
    ("related", "related"),
)
#: An ID as folders write it (``KEP-1234``, ``SE 0001``).
ID = re.compile(r"^([A-Za-z][A-Za-z0-9]*)[- ](\d+)$")


@functools.cache
def _builtin_labels() -> Mapping[str, str]:
    from ..core.templates.builtin import BUILTIN_TEMPLATES
    from ..plain.vocabulary import Vocabulary

    return Vocabulary(BUILTIN_TEMPLATES).labels


@functools.cache
def guess_option(label: str) -> str | None:
    """The option a label names: the labels the build knows without a project's templates
    (:attr:`.Vocabulary.labels` of the built-in ones: common spellings, card labels), else the
    first word of :data:`_GUESSES` in it. A qualified status ("Amendment status",
    "Implementation status") is a field of its own. Asked once a label, not once a page."""
    from ..plain.labels import label_key

    key = label_key(label)
    known = _builtin_labels().get(key)
    if known is not None:
        return known
    option: str | None = next(
        (
            o
            for word, o in _GUESSES
            if re.search(rf"(?:^| ){re.escape(word)}(?:s|es|ed)?(?: |$)", key)
        ),
        None,
    )
    if option == "status" and not key.startswith(("status", "state")):
        return None
    return option


def _wraps(label: str) -> bool:
    """The study's :attr:`.Page.wraps`, the build's rule: any label but a status, a date or the
    title (a label it knows of no field may become one of ``specs_fields``, which wrap)."""
    return guess_option(label) not in ("status", "created", "updated", "title")


@dataclass
class Candidate:
    """What one file shows, from every source."""

    page: FolderPage
    number: int | None = None
    digits: str = ""  # the number as the name writes it (``0008``)
    name_prefix: str = ""
    h1: str = ""
    #: (label, raw value, source name) from every source
    entries: list[tuple[str, str | tuple[str, ...], str]] = field(default_factory=list)
    shape: str = ""
    sections: dict[str, str] = field(default_factory=dict)  # title -> first paragraph's text
    checklists: set[str] = field(default_factory=set)  # titles of sections with checkboxes
    sidecars: list[str] = field(default_factory=list)  # patterns of sibling files beside it
    headings: list[str] = field(default_factory=list)  # every section's title
    #: the ID its ``spec`` directive gives ("" none), None without one: read as written
    directive: str | None = None
    #: why its metadata cannot be read (front matter or a metadata file that is not valid
    #: YAML, ...): the build warns of it, so the file stays selected
    broken: str = ""

    @property
    def has_metadata(self) -> bool:
        return any(guess_option(label) for label, _, _ in self.entries) or any(
            own_id(self, value) for _, value, _ in self.entries
        )


# -- reading -----------------------------------------------------------------------------------


def text_of(value: str | tuple[str, ...]) -> str:
    """A raw value as a reader sees it (markup off, a list joined)."""
    from ..plain.readers import markdown_text

    return markdown_text(value if isinstance(value, str) else ", ".join(value))


def own_id(candidate: Candidate, value: str | tuple[str, ...]) -> bool:
    """The value names the file's own number (``8``, ``PEP-0008``, ``[SE-0001](0001-x.md)``)."""
    if candidate.number is None or not isinstance(value, str):
        return False
    text = text_of(value).strip()
    match = ID.match(text)
    digits = match.group(2) if match else text
    return digits.isdigit() and int(digits) == candidate.number


def _titles(document: nodes.document) -> tuple[str, list[nodes.section]]:
    """The H1 (when the page has one of its own) and the sections below it."""
    from docutils import nodes

    top = [c for c in document.children if isinstance(c, nodes.section)]
    sections = list(document.findall(nodes.section))
    if len(top) == 1 and any(isinstance(c, nodes.section) for c in top[0].children):
        return top[0][0].astext().strip(), [s for s in sections if s is not top[0]]
    return "", sections


@functools.cache
def data_files(folder: Path) -> tuple[str, ...]:
    """The YAML and JSON files of ``folder`` (listed once a folder, not once a page)."""
    return tuple(
        sorted(
            p.name
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml", ".json") and p.is_file()
        )
    )


def read_candidate(page: FolderPage) -> Candidate:
    """Every source's entries of ``page`` and what its sections show."""
    from docutils import nodes

    from ..plain.labels import MAIN_NAMES
    from ..plain.lists import first_list
    from ..plain.sources import SHAPES
    from ..plain.sources.base import Page, inline_source
    from ..plain.sources.frontmatter import front_matter_problem
    from ..plain.sources.labellines import label_lines
    from ..plain.sources.names import NAME_NUMBER, numbered_name
    from ..plain.sources.raw import header_block
    from ..read.directives.items import has_checkbox
    from .pages import directive_spec

    candidate = Candidate(page, directive=directive_spec(page))
    if not page.front_matter and page.text.startswith(("---", "\ufeff---")):
        candidate.broken = front_matter_problem(page.text) or ""
    path = page.path
    number = NAME_NUMBER.match(numbered_name(path))
    if number:
        candidate.digits = number.group("number")
        candidate.number = int(candidate.digits)
        candidate.name_prefix = (number.group("prefix") or "").upper()
    document = page.doctree
    section = next((c for c in document.children if isinstance(c, nodes.section)), None)
    view = Page(
        document,
        section,
        page.front_matter,
        lambda _l, v: inline_source(v),
        page.header,
        wraps=_wraps,
    )
    # the shape the build would take: its entries filtered as the recognizer filters them (a
    # front-matter key of another tool is dropped; a list of plain labels names a field)
    for shape in (header_block, *SHAPES, label_lines):
        found = shape(view)
        if found is None:
            continue
        entries = [
            e
            for e in found.entries
            if not e.optional or guess_option(e.label) or own_id(candidate, e.value)
        ]
        if found.needs_known and not any(guess_option(e.label) for e in entries):
            continue
        if entries:
            candidate.shape = shape.__name__
            if found.needs_known and shape.__name__ == "front_matter":
                # every key: one most specs have becomes a field of its own (the study decides;
                # an EIP's type and category), one of another tool is left out already
                entries = list(found.entries)
            candidate.entries = [(e.label, e.value, shape.__name__) for e in entries]
            break
    h1, sections = _titles(document)
    title = section.next_node(nodes.title) if section is not None else None
    candidate.h1 = h1 or (title.astext().strip() if title is not None else "")
    candidate.headings = [h1] if h1 else []  # then every other section's, in the page's order
    for sub in sections:
        if not sub.children:
            continue
        heading = sub[0].astext().strip()
        candidate.headings.append(heading)
        first = next(
            (c for c in sub.children[1:] if isinstance(c, nodes.paragraph | nodes.bullet_list)),
            None,
        )
        if first is not None:
            candidate.sections[heading] = " ".join(first.astext().split())
        else:
            candidate.sections.setdefault(heading, "")
        # a checklist section when the list the build would track there has boxes and is
        # its own (a KEP's questionnaire, whose first list is questions with boxes under them
        # or the choices under one of its questions, is none; a question's choices are none)
        tracked = first_list(sub)
        own = tracked is not None and tracked.parent is sub and not heading.endswith("?")
        if (
            own
            and tracked is not None
            and any(
                isinstance(item, nodes.list_item)
                and bool(item.children)
                and isinstance(item[0], nodes.paragraph)
                and has_checkbox(item[0])
                for item in tracked.children
            )
        ):
            candidate.checklists.add(heading)
    # a data file is a spec's own when it is named after the page (``0042-x.meta.yml``) or the
    # page owns its folder (``1234-x/README.md`` beside ``kep.yaml``); a folder-wide file
    # (``_config.yml`` beside every ADR) is nobody's metadata
    stem = path.stem
    for name in data_files(path.parent):
        if name.startswith(stem + "."):
            candidate.sidecars.append("{stem}" + name[len(stem) :])
        elif stem.casefold() in MAIN_NAMES and candidate.number is not None:
            candidate.sidecars.append(name)
    return candidate


def has_id_field(candidate: Candidate) -> bool:
    from ..plain.labels import label_key

    return any(label_key(label) in ("id", "spec id") for label, _, _ in candidate.entries)


def sidecar_entries(candidate: Candidate, patterns: list[str]) -> None:
    from ..plain.sources.sidecar import sidecar_paths
    from .pages import sidecar_read

    for path in sidecar_paths(candidate.page.path, patterns):
        entries, problems = sidecar_read(path)
        candidate.entries.extend((e.label, e.value, "metadata file") for e in entries)
        if problems and not entries:  # the file gives nothing: the build warns of why
            line = f" (line {problems[0].line})" if problems[0].line else ""
            candidate.broken = problems[0].message + line


def value_links(value: str | tuple[str, ...]) -> tuple[bool, bool]:
    """What a label's value links, its links parsed once: ``(specs, web)``.

    ``specs``: the value is links to other specs' files, nothing else: a numbered page of the
    folder (``[SE-0003](0003-x.md)``); web addresses, text and other pages
    (``/visions/approachable-concurrency.md``) are none. ``web``: the value links a web page
    (``[apple/swift#3809](https://...)``, ``<https://...>``, a bare address): a custom field of
    such values is a ``link`` field, its addresses kept."""
    from ..plain.readers import markdown_links
    from ..plain.references import URL
    from ..plain.sources.names import NAME_NUMBER, numbered_name

    texts = [value] if isinstance(value, str) else list(value)
    found = [link for text in texts for link in markdown_links(text)]
    specs = bool(found) and all(
        not URL.match(href)
        and (path := re.match(r"[^#?]*\.(?:md|rst)(?=$|#)", href)) is not None
        and NAME_NUMBER.match(numbered_name(PurePath(path.group(0)))) is not None
        for _, href in found
    )
    web = any(URL.match(href) for _, href in found) or any(URL.match(t.strip()) for t in texts)
    return specs, web
