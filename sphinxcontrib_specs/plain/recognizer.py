"""The plain-Markdown spec recognizer, over the doctree MyST made (``specs_plain_markdown`` and
``sphinx-specs adopt`` both call :func:`recognize`).

No second read of the file and no second Markdown parser: the page is what MyST parsed (in a build
the document being read; in ``adopt`` a document MyST's docutils renderer made from the same
markdown-it tokens that ``adopt`` rewrites). docutils nodes only, no Sphinx application.

A page is a plain spec when a metadata *source* (:mod:`.sources`) gives it entries ``(label, raw
value, line)``: one shape at the page's top (an RFC 2822 header block read before parsing, front
matter, ``Field: value`` bullets, field lists, two-column tables, label lines under the H1), and
beside it a sibling metadata file and metadata sections; or, with the template's
``default_status``, a number in its name and a title. The page's top comes first, then the file,
then the sections (the first source that gives a field a value wins). Labels become option
names (``Status`` -> ``status``, ``Related Issues`` -> ``issues``) by the templates' labels and
``aliases``, ``specs_fields`` and a few common aliases; the rest is shared by every source:

- the spec ID, from an ``ID`` field, an ``id`` front-matter key, the template's ``id_field`` (an
  ID as written when it has the ID's form, else its number through ``specs_plain_id``), the file
  or folder name's number (``0042-x.md``, ``pep-0008.rst``), or the H1's (``# 2. Title``, when
  it is the file's);
- the title: the first heading, or (no H1, metadata above the first heading, a first heading that
  is a section of a template) the template's ``title_field`` or the file name;
- values read by the reader their option takes (:mod:`.values`): the status without markup and
  with its note (``Implemented (v2.2)``), people, dates, references; none written: the
  template's ``default_status``; ``N/A``, ``none``, ``-``, ``TBD`` mean empty;
- the tracked lists, where the template's sections say (``Section.items``; no template: the
  built-in ones): in a section of goals and non-goals the list after a ``**Goals:**`` label
  (goals) and after a ``**Non-Goals:**`` label (non-goals), or with no labels the section's first
  list; in a section of one kind (Definition of Done, Open Questions, ...) its first list; a list
  in a section the template gives no items is prose;
- problems (subtype, message, line) for what a reader should fix.

Raw values are the Markdown of the inline nodes (``_TBD_`` stays ``_TBD_``, a link ``[t](url)``),
except links in the options that name specs (``related``, ``supersedes``, ...): the caller's
``spec_link`` turns a link to another spec file into what names that spec, and its
``spec_path`` a path written in a value.

One concern: from a page's sources to its spec, in the order the rules above give; split, each
part would need the others' state (the page, the vocabulary, the spec so far).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.frozen import frozen
from ..core.model import split_list
from ..core.templates.builtin import BUILTIN_TEMPLATES
from ..core.templates.titles import normalize_title
from ..read.nodes import VERBATIM
from .labels import empty_value, label_key, title_from_filename
from .lists import tracked_lists
from .readers import markdown_text, people_note
from .sources import SHAPES
from .sources.base import Entry, Metadata, Page, Problem, inline_source
from .sources.labellines import byline, label_lines
from .sources.names import file_number, name_lacks, numbered_name, plain_id, split_heading
from .sources.raw import header_block
from .sources.sections import metadata_sections
from .values import read_status, read_value, references, rst_links
from .vocabulary import _SPECIAL, Vocabulary

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..core.templates.model import Template
    from .sources.header import HeaderBlock


@frozen
class Field:
    """One metadata entry with the option its label names (None: not a field this project knows)
    and its value as read (a list where the reader gives one: people, spec references)."""

    label: str
    option: str | None
    value: str | list[Any]
    line: int | None
    #: Which source gave it (0: the page's top; see :attr:`PlainSpec.options`).
    origin: int = 0
    #: Whether its field holds several values (people, references, issues, links, lists):
    #: two labels of such a field in one source add up.
    many: bool = False
    #: The file it was written in when that is not the page (a sibling metadata file, relative
    #: to the project's folder).
    source: str | None = None


@dataclass
class PlainSpec:
    """What the recognizer found in a plain spec."""

    spec_id: str | None
    title: str
    metadata: nodes.Element
    line: int | None
    fields: list[Field]
    #: Metadata nodes the spec's options do not hold (unknown fields, lines that are no field).
    leftover: list[nodes.Element]
    #: More nodes of the metadata, taken out with it (the rest of a list whose bullet changes).
    also: list[nodes.Element] = field(default_factory=list)
    template: str | None = None
    lists: list[tuple[nodes.bullet_list, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def options(self) -> dict[str, str | list[str]]:
        """Option name -> value, as a ``spec`` directive would get them: the first source that
        gives a field a value wins (the page's top, a metadata file, a metadata section); within
        one source, later lines win, and lists add up (``RFC PR:`` and ``Rust Issue:`` both
        give issues)."""
        return self._gathered()[0]

    @property
    def option_lines(self) -> dict[str, tuple[str | None, int | None]]:
        """Option name -> where the value :attr:`options` took was written, ``(file, line)``
        (file None: the page), for the warnings about it; a list that adds up several fields
        is at its first."""
        return self._gathered()[1]

    def _gathered(
        self,
    ) -> tuple[dict[str, str | list[str]], dict[str, tuple[str | None, int | None]]]:
        result: dict[str, str | list[str]] = {}
        lines: dict[str, tuple[str | None, int | None]] = {}
        source: dict[str, int] = {}
        for f in self.fields:
            if not f.option or f.option in ("id", _SPECIAL):
                continue
            if f.option == "superseded-by" and isinstance(f.value, list):
                # named by the status and by a label of their own: every successor counts
                before = result.get(f.option)
                known = before if isinstance(before, list) else []
                result[f.option] = list(dict.fromkeys([*known, *f.value]))
                source.setdefault(f.option, f.origin)
                lines.setdefault(f.option, (f.source, f.line))
                continue
            if f.option in result and source[f.option] != f.origin and result[f.option]:
                continue
            before = result.get(f.option)
            if f.many and before and f.value:
                both = list(dict.fromkeys([*_listed(before), *_listed(f.value)]))
                # comma-separated text when both were, as the directive's option reads it
                lists = isinstance(before, list) or isinstance(f.value, list)
                result[f.option] = both if lists else ", ".join(both)
                continue
            if f.value or f.option not in result:
                result[f.option] = f.value
                source[f.option] = f.origin
                lines[f.option] = (f.source, f.line)
        if self.template:
            result.setdefault("template", self.template)
        return result, {k: v for k, v in lines.items() if v[1] is not None}


# -- the recognizer --------------------------------------------------------------------------------


#: Options whose value never wraps onto a second label line (see :attr:`.sources.base.Page.wraps`).
_NO_WRAP = frozenset({"status", "id", _SPECIAL, "title", "template"})


def _first_section(document: nodes.document) -> nodes.section | None:
    return next((c for c in document.children if isinstance(c, nodes.section)), None)


def recognize(
    document: nodes.document,
    filename: str,
    vocabulary: Vocabulary,
    *,
    front_matter: Mapping[str, Any] | None = None,
    header: HeaderBlock | None = None,
    extra: Sequence[Entry] = (),
) -> PlainSpec | None:
    """The plain spec of ``document`` (MyST's or docutils' doctree of ``filename``); None: not a
    spec. ``header`` is the file's RFC 2822 header block (read from its text before parsing),
    ``extra`` the entries of a sibling metadata file."""
    section = _first_section(document)
    labels = vocabulary.labels

    def value_of(label: str, value_nodes: list[nodes.Node]) -> str:
        # a status may name a spec too: "superseded by [ADR-0123](0123-x.md)"
        names_specs = labels.get(label_key(label)) in {*vocabulary.spec_options, "status"}
        return inline_source(value_nodes, vocabulary.spec_link if names_specs else None)

    def wraps(label: str) -> bool:
        option = labels.get(label_key(label))
        return (
            option is not None and option not in _NO_WRAP and vocabulary.kind_of(option) != "date"
        )

    page = Page(
        document,
        section,
        front_matter or {},
        value_of,
        header,
        lambda label: label_key(label) in labels,
        wraps,
    )
    metadata = _metadata(page, labels)
    more = [(1, e) for e in extra if not (e.optional and label_key(e.label) not in labels)]
    more += [(2, e) for e in metadata_sections(document, vocabulary.metadata_sections, value_of)]
    title = section.next_node(nodes.title) if section is not None else None
    if metadata is None:
        if not more and not _named_only(filename, title, vocabulary):
            return None
        metadata = Metadata(nodes.container("", classes=["specs-front-matter"]), None)
        metadata.line = title.line if title is not None else 1
        if (people := byline(page, alone=True)) is not None:  # Go's: authors under the title
            metadata.entries.append(people)
    if metadata.node.parent is None:  # front matter: the card goes under the first heading
        parent: nodes.Element = section if section is not None else document
        title_node = parent.next_node(nodes.title) if section is not None else None
        at = parent.index(title_node) + 1 if title_node is not None else 0
        if section is None:
            while at < len(parent) and isinstance(parent[at], nodes.docinfo):
                at += 1
        parent.insert(at, metadata.node)

    spec = PlainSpec(
        spec_id=None,
        title=title.astext() if title is not None else "",
        metadata=metadata.node,
        line=metadata.line,
        fields=[],
        leftover=[],
        also=metadata.also,
    )
    for node, problem in metadata.unreadable:
        spec.leftover.append(node)
        spec.problems.extend([problem] if problem else [])
    for origin, entry in [(0, e) for e in metadata.entries] + more:
        option = labels.get(label_key(entry.label))
        read = _read(entry, option, origin, filename, vocabulary)
        if entry.source:  # a metadata file's: warnings about its fields go there
            read = [replace(f, source=entry.source) for f in read]
        spec.fields.extend(read)
        if option is None and origin == 0:
            spec.leftover.append(entry.node)
            spec.problems.append(
                Problem(
                    "meta",
                    f"unknown metadata field **{entry.label}:**; it is shown as written and not "
                    f"recorded (accepted labels: {vocabulary.known_labels}; declare it with "
                    "specs_fields or a template's aliases)",
                    entry.line,
                )
            )
    order = {id(n): i for i, n in enumerate(c for b in (metadata.node, *metadata.also) for c in b)}
    spec.leftover.sort(key=lambda node: order.get(id(node), 0))
    headings = vocabulary.headings
    own_title = (
        title is None
        or normalize_title(title.astext()) in headings
        or (metadata.above_heading and not _title_over_sections(section, headings))
    )
    if own_title:
        spec.title = ""
    from_header = header is not None and "specs-front-matter" in metadata.node["classes"]
    if (
        title is None
        or normalize_title(title.astext()) in headings
        or (from_header and metadata.above_heading)
    ):
        document["specs_untitled"] = True  # the collector takes no heading for the title
    sections = [s for s in document.findall(nodes.section) if own_title or s is not section]
    spec.template = _guess_template(spec, vocabulary, sections)
    template = vocabulary.templates.get(spec.template or "")
    kinds = vocabulary.items_by_template[spec.template if template is not None else None]
    _apply_template(spec, template, filename, vocabulary, own_title=own_title, page=document)
    spec.lists = tracked_lists(sections, kinds)
    return spec


def _title_over_sections(section: nodes.section | None, headings: frozenset[str]) -> bool:
    """Whether the first heading under metadata written above it is the page's title, not its
    first section: it holds no text of its own and the heading after it, at its level, is one of
    the templates' sections (an RFC's ``# Checking conditional compilation`` over ``# Summary``)."""
    if section is None or not isinstance(section.parent, nodes.Element):
        return False
    if any(not isinstance(child, (nodes.title, nodes.section)) for child in section.children):
        return False
    after = section.parent.index(section) + 1
    following = section.parent[after] if after < len(section.parent) else None
    if not isinstance(following, nodes.section) or not following.children:
        return False
    return normalize_title(following[0].astext()) in headings


def why_not_named(document: nodes.document, filename: str, vocabulary: Vocabulary) -> str:
    """What a page with no metadata lacks to be a spec by its name alone (:func:`_named_only`)."""
    section = _first_section(document)
    title = section.next_node(nodes.title) if section is not None else None
    return ", ".join(_lacks(filename, title, vocabulary))


def _named_only(filename: str, title: nodes.title | None, vocabulary: Vocabulary) -> bool:
    """A page with no metadata is a spec when its name gives an ID, it has a title and the
    default template gives a status to a spec that writes none (numbered decision records)."""
    return not _lacks(filename, title, vocabulary)


def _lacks(filename: str, title: nodes.title | None, vocabulary: Vocabulary) -> list[str]:
    template = vocabulary.templates.get(vocabulary.default_template)
    default_status = template is not None and bool(template.default_status)
    return name_lacks(filename, vocabulary.id_format, title is not None, default_status)


def _read(
    entry: Entry, option: str | None, origin: int, filename: str, vocabulary: Vocabulary
) -> list[Field]:
    """The fields of one entry, its value read by the reader its option takes (:mod:`.values`)."""
    raw = entry.value
    where = entry.source or filename
    if isinstance(raw, str) and where.endswith(".rst") and "`" in raw:
        raw = rst_links(raw)  # a PEP's `30-Aug-2002 <https://...>`__

    def refs(value: str | Sequence[str]) -> list[str]:
        return references(
            value, where, vocabulary.id_format, vocabulary.id_pattern, vocabulary.spec_path
        )

    if option is None or option in ("id", _SPECIAL, "template", "title"):
        text = raw if isinstance(raw, str) else ", ".join(raw)
        if option is not None:
            text = empty_value(markdown_text(text))
        return [Field(entry.label, option, text, entry.line, origin)]
    if option == "status":
        text = raw if isinstance(raw, str) else ", ".join(raw)
        status, note, successors = read_status(text, vocabulary.statuses, refs)
        result = [Field(entry.label, "status", status, entry.line, origin)]
        if note:
            result.append(Field(entry.label, "status-note", note, entry.line, origin))
        if successors:
            result.append(Field(entry.label, "superseded-by", successors, entry.line, origin))
        return result
    kind = vocabulary.kind_of(option)
    note = ""
    if option == "authors" and isinstance(raw, str):  # "Ann Lee based on ...": a note
        raw, note = people_note(raw)
    value = read_value(option, raw, kind=kind, formats=vocabulary.date_formats, refs=refs)
    many = kind in ("list", "issue", "link", "people", "spec")
    result = [Field(entry.label, option, value, entry.line, origin, many)]
    if note:
        result.append(Field(entry.label, "authors-note", markdown_text(note), entry.line, origin))
    return result


def _listed(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else split_list(value)


def _special(spec: PlainSpec, label: str) -> str:
    """The value of the field labelled ``label`` ("" when none)."""
    if not label:
        return ""
    key = label_key(label)
    return next((str(f.value) for f in spec.fields if label_key(f.label) == key and f.value), "")


def _id_of(value: str, vocabulary: Vocabulary) -> str:
    """An ID field's value: an ID as written when it has the ID's form (``ST-0001``: a folder
    with its own prefix keeps it), else its number through the ID format."""
    value = value.strip()
    if re.match(vocabulary.id_pattern, value):
        return value
    number = re.fullmatch(r"\D{0,12}?(\d+)", value)
    try:
        return vocabulary.id_format.format(number=int(number.group(1))) if number else value
    except (KeyError, IndexError, ValueError):
        return value


def _apply_template(
    spec: PlainSpec,
    template: Template | None,
    filename: str,
    vocabulary: Vocabulary,
    *,
    own_title: bool,
    page: nodes.document,
) -> None:
    """The ID, title and default status, from the fields, the template's ``id_field``,
    ``title_field`` and ``default_status``, the H1 and the file's name (see the module
    docstring)."""
    id_format = vocabulary.id_format
    explicit = next((str(f.value) for f in spec.fields if f.option == "id" and f.value), None)
    from_field = _special(spec, template.id_field) if template is not None else ""
    if from_field and not explicit:
        explicit = _id_of(from_field, vocabulary)
    path = PurePath(filename)
    name = numbered_name(path)
    named = plain_id(name, id_format)
    number = file_number(name)
    heading_id, heading_title = split_heading(spec.title, id_format, vocabulary.id_pattern, number)
    if heading_title and not any(f.option == "title" and f.value for f in spec.fields):
        spec.fields.append(Field("Title", "title", heading_title, None))
    spec.spec_id = explicit or named or heading_id
    if spec.spec_id is None:
        spec.problems.append(
            Problem(
                "id",
                f"plain spec {path.name!r} has no ID: start the file name with its "
                "number (001-name.md) or add an **ID:** field",
                spec.line,
            )
        )
    if own_title and not any(f.option == "title" and f.value for f in spec.fields):
        title = _special(spec, template.title_field) if template is not None else ""
        if not title:
            from_name = title_from_filename(filename, _prose(page))
            split = split_heading(from_name, vocabulary.id_format, vocabulary.id_pattern)[1]
            title = split or from_name
        spec.fields.append(Field("Title", "title", title, None))
    status = next((f for f in spec.fields if f.option == "status"), None)
    if template is not None and template.default_status and (status is None or not status.value):
        spec.fields.append(Field("Status", "status", template.default_status, None))


def _prose(document: nodes.document) -> str:
    """The page's text outside code, where a word is spelt as the page spells it."""
    return " ".join(
        t.astext() for t in document.findall(nodes.Text) if not isinstance(t.parent, VERBATIM)
    )


def _metadata(page: Page, labels: Mapping[str, str]) -> Metadata | None:
    """The first shape's metadata whose entries a reader can take (see :mod:`.sources`)."""
    for shape in (header_block, *SHAPES, label_lines):
        found = shape(page)
        if found is None:
            continue
        found.entries = [
            e for e in found.entries if not (e.optional and label_key(e.label) not in labels)
        ]
        if found.needs_known and not any(label_key(e.label) in labels for e in found.entries):
            continue
        if found.entries:
            return found
    return None


def _guess_template(
    spec: PlainSpec, vocabulary: Vocabulary, sections: list[nodes.section]
) -> str | None:
    """The template a plain spec follows: a **Template:** field, else its labels and headings."""
    written = next((f.value for f in spec.fields if f.option == "template" and f.value), None)
    if written:
        return str(written)
    if vocabulary.default_template not in BUILTIN_TEMPLATES:
        return vocabulary.default_template  # the project's own template (what init writes)
    best, best_score = None, 0
    titles = set()
    for sub in sections:
        title = sub.next_node(nodes.title)
        if title is not None:
            titles.add(normalize_title(title.astext()))
    labels = {label_key(f.label) for f in spec.fields}
    for name, (section_titles, own) in vocabulary.clues.items():
        score = sum(title in titles for title in section_titles) + len(own & labels)
        if score > best_score:
            best, best_score = name, score
    return best
