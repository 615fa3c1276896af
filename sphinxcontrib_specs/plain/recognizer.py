"""The plain-Markdown spec recognizer, over the doctree MyST made (``specs_plain_markdown`` and
``sphinx-specs adopt`` both call :func:`recognize`).

No second read of the file and no second Markdown parser: the page is what MyST parsed (in a build
the document being read; in ``adopt`` a document MyST's docutils renderer made from the same
markdown-it tokens that ``adopt`` rewrites). docutils nodes only, no Sphinx application.

A page is a plain spec when a *metadata shape* stands at the top of its first section. A shape is
one small function in :data:`SHAPES` that finds the metadata node and its ``(label, value)``
entries (front matter, ``Field: value`` bullets, field lists, two-column tables; see
:mod:`.sources`). Labels become option names (``Status`` -> ``status``, ``Related Issues`` ->
``issues``) by the templates' labels and ``aliases``, ``specs_fields`` and a few common aliases;
the rest is shared by every shape:

- the spec ID, from an ``ID`` field, an ``id`` front-matter key, the template's ``id_field``, the
  file name's leading number through ``specs_plain_id`` or the number of the spec's folder;
- the title: the first heading, or (no H1, metadata above the first heading, a first heading that
  is a section of a template) the template's ``title_field`` or the file name;
- the status: ``Accepted (2024-01-02)`` reads ``Accepted``; none written: the template's
  ``default_status``; ``N/A``, ``none``, ``-``, ``TBD`` mean empty;
- the tracked lists, where the template's sections say (``Section.items``; no template: the
  built-in ones): in a section of goals and non-goals the list after a ``**Goals:**`` label
  (goals) and after a ``**Non-Goals:**`` label (non-goals), or with no labels the section's first
  list; in a section of one kind (Definition of Done, Open Questions, ...) its first list; a list
  in a section the template gives no items is prose;
- problems (subtype, message, line) for what a reader should fix.

Values are the Markdown of the inline nodes (``_TBD_`` stays ``_TBD_``, a link ``[t](url)``), except
links in the options that name specs (``related``, ``supersedes``, ...): the caller's ``spec_link``
turns a link to another spec file into what names that spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.model import SUPERSEDED_BY
from ..core.sections import normalize_title
from ..core.templates import BUILTIN_TEMPLATES, DEFAULT_LABELS
from .labels import ALIASES, empty_value, known_status, label_key, title_from_filename
from .lists import item_sections, tracked_lists
from .sources import SHAPES
from .sources.base import Metadata, Page, Problem, SpecLink, inline_source

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..config import Settings
    from ..core.templates import Template

#: The option of a label that a template's ``title_field`` / ``id_field`` names (read, not kept).
_SPECIAL = "-special"

#: The options whose values name specs (a link to a spec file there is a link to that spec).
SPEC_OPTIONS = frozenset({"supersedes", "depends-on", "related"})

_NUMBER = re.compile(r"^(\d+)")


@dataclass(frozen=True)
class Vocabulary:
    """What the recognizer knows of the project: templates, labels, the ID format, links."""

    templates: Mapping[str, Template]
    id_format: str = "SPEC-{number:03d}"
    extra_fields: Mapping[str, str] = field(default_factory=dict)  # label -> option
    spec_options: frozenset[str] = SPEC_OPTIONS
    spec_link: SpecLink | None = None

    @classmethod
    def of(cls, settings: Settings, spec_link: SpecLink | None = None) -> Vocabulary:
        spec_fields = {n for n, f in settings.fields.items() if f.type == "spec"}
        return cls(
            templates=settings.templates,
            id_format=settings.plain_id,
            extra_fields={f.display: name for name, f in settings.fields.items()},
            spec_options=SPEC_OPTIONS | spec_fields,
            spec_link=spec_link,
        )

    # What the templates say, worked out once for the vocabulary (a build keeps one for every
    # page it reads, see .transform), not once a page.

    @cached_property
    def labels(self) -> Mapping[str, str]:
        """Label as matched (:func:`.label_key`) -> the option it names."""
        labels = {label_key(k): v for k, v in ALIASES.items()}
        for option, label in DEFAULT_LABELS.items():
            if option not in ("superseded_by", "needed_by", "referenced_by", "progress"):
                labels.setdefault(label_key(label), option)
        for template in self.templates.values():
            for option, label in template.labels.items():
                labels[label_key(label)] = option
            for option, aliases in template.aliases.items():
                for alias in aliases:
                    labels[label_key(alias)] = option
            for special in (template.title_field, template.id_field):
                if special:
                    labels.setdefault(label_key(special), _SPECIAL)
        for key, option in self.extra_fields.items():
            labels[label_key(key)] = option
        return labels

    @cached_property
    def known_labels(self) -> str:
        """The accepted labels, for the message about an unknown one."""
        return ", ".join(sorted(self.labels))

    @cached_property
    def headings(self) -> frozenset[str]:
        """Every template's section titles, normalized."""
        return frozenset(
            normalize_title(t.title)
            for template in self.templates.values()
            for _, t in template.walk_sections()
        )

    @cached_property
    def clues(self) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
        """Template name -> its section titles and its own labels (the labels every template
        shares, Status, Authors, ..., say nothing about which one a page follows), as matched."""
        common = {label_key(label) for label in DEFAULT_LABELS.values()}
        result = {}
        for name, template in self.templates.items():
            own = {label_key(x) for x in template.labels.values()} - common
            own |= {label_key(a) for aliases in template.aliases.values() for a in aliases}
            titles = tuple(label_key(t.title) for _, t in template.walk_sections())
            result[name] = (titles, frozenset(own))
        return result

    @cached_property
    def items_by_template(self) -> dict[str | None, dict[str, tuple[str, ...]]]:
        """Template name -> :func:`.item_sections` of it; None: of the built-in templates."""
        result: dict[str | None, dict[str, tuple[str, ...]]] = {
            name: item_sections([template]) for name, template in self.templates.items()
        }
        result[None] = item_sections(BUILTIN_TEMPLATES.values())
        return result


@dataclass(frozen=True)
class Field:
    """One metadata entry with the option its label names (None: not a field this project knows)."""

    label: str
    option: str | None
    value: str
    line: int | None


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
    template: str | None = None
    lists: list[tuple[nodes.bullet_list, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def options(self) -> dict[str, str]:
        """Option name -> raw text, as a ``spec`` directive would get them (later lines win)."""
        result = {
            f.option: f.value for f in self.fields if f.option and f.option not in ("id", _SPECIAL)
        }
        if self.template:
            result.setdefault("template", self.template)
        return result


# -- the recognizer --------------------------------------------------------------------------------


def plain_id(filename: str, id_format: str) -> str | None:
    match = _NUMBER.match(PurePath(filename).name)
    if match is None:
        return None
    try:
        return id_format.format(number=int(match.group(1)))
    except (KeyError, IndexError, ValueError):
        return None


def _first_section(document: nodes.document) -> nodes.section | None:
    return next((c for c in document.children if isinstance(c, nodes.section)), None)


def recognize(
    document: nodes.document,
    filename: str,
    vocabulary: Vocabulary,
    *,
    front_matter: Mapping[str, Any] | None = None,
) -> PlainSpec | None:
    """The plain spec of ``document`` (MyST's doctree of ``filename``); None: not a spec."""
    section = _first_section(document)
    labels = vocabulary.labels

    def value_of(label: str, value_nodes: list[nodes.Node]) -> str:
        # a status may name a spec too: "superseded by [ADR-0123](0123-x.md)"
        names_specs = labels.get(label_key(label)) in {*vocabulary.spec_options, "status"}
        return inline_source(value_nodes, vocabulary.spec_link if names_specs else None)

    page = Page(document, section, front_matter or {}, value_of)
    metadata = _metadata(page, labels)
    if metadata is None:
        return None
    if metadata.node.parent is None:  # front matter: the card goes under the first heading
        parent: nodes.Element = section if section is not None else document
        title_node = parent.next_node(nodes.title) if section is not None else None
        at = parent.index(title_node) + 1 if title_node is not None else 0
        if section is None:
            while at < len(parent) and isinstance(parent[at], nodes.docinfo):
                at += 1
        parent.insert(at, metadata.node)

    title = section.next_node(nodes.title) if section is not None else None
    spec = PlainSpec(
        spec_id=None,
        title=title.astext() if title is not None else "",
        metadata=metadata.node,
        line=metadata.line,
        fields=[],
        leftover=[],
    )
    for node, problem in metadata.unreadable:
        spec.leftover.append(node)
        spec.problems.append(problem)
    for entry in metadata.entries:
        option = labels.get(label_key(entry.label))
        value = empty_value(entry.value)
        if option == "status" and value and not SUPERSEDED_BY.match(value):
            value = known_status(value, vocabulary.templates)
        spec.fields.append(Field(entry.label, option, value, entry.line))
        if option is None:
            spec.leftover.append(entry.node)
            spec.problems.append(
                Problem(
                    "meta",
                    f"unknown metadata field **{entry.label}:**; it is shown as written and not "
                    f"recorded (accepted labels: {vocabulary.known_labels})",
                    entry.line,
                )
            )
    spec.leftover.sort(
        key=lambda node: metadata.node.index(node) if node.parent is metadata.node else 0
    )
    headings = vocabulary.headings
    own_title = (
        metadata.above_heading or title is None or normalize_title(title.astext()) in headings
    )
    if own_title:
        spec.title = ""
    if title is None or normalize_title(title.astext()) in headings:
        document["specs_untitled"] = True  # the collector takes no heading for the title
    sections = [s for s in document.findall(nodes.section) if own_title or s is not section]
    spec.template = _guess_template(spec, vocabulary, sections)
    template = vocabulary.templates.get(spec.template or "")
    kinds = vocabulary.items_by_template[spec.template if template is not None else None]
    _apply_template(spec, template, filename, vocabulary.id_format, own_title=own_title)
    spec.lists = tracked_lists(sections, kinds)
    return spec


def _special(spec: PlainSpec, label: str) -> str:
    """The value of the field labelled ``label`` ("" when none)."""
    if not label:
        return ""
    key = label_key(label)
    return next((f.value for f in spec.fields if label_key(f.label) == key and f.value), "")


def _apply_template(
    spec: PlainSpec, template: Template | None, filename: str, id_format: str, *, own_title: bool
) -> None:
    """The ID, title and default status, from the fields and the template's ``id_field``,
    ``title_field`` and ``default_status`` (see the module docstring)."""
    explicit = next((f.value for f in spec.fields if f.option == "id" and f.value), None)
    from_field = _special(spec, template.id_field) if template is not None else ""
    if from_field and not explicit:
        number = re.fullmatch(r"\D{0,12}?(\d+)", from_field.strip())
        try:
            explicit = id_format.format(number=int(number.group(1))) if number else from_field
        except (KeyError, IndexError, ValueError):
            explicit = from_field
    path = PurePath(filename)
    folder = path.parent.name if path.stem.casefold() in ("readme", "index") else ""
    spec.spec_id = explicit or plain_id(path.name, id_format) or plain_id(folder, id_format)
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
        spec.fields.append(Field("Title", "title", title or title_from_filename(filename), None))
    status = next((f for f in spec.fields if f.option == "status"), None)
    if template is not None and template.default_status and (status is None or not status.value):
        spec.fields.append(Field("Status", "status", template.default_status, None))


def _metadata(page: Page, labels: Mapping[str, str]) -> Metadata | None:
    """The first shape's metadata whose entries a reader can take (see :mod:`.sources`)."""
    for shape in SHAPES:
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
        return written
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
