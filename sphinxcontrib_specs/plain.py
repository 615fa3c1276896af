"""The plain-Markdown spec recognizer, over the doctree MyST made (``specs_plain_markdown`` and
``sphinx-specs adopt`` both call :func:`recognize`).

No second read of the file and no second Markdown parser: the page is what MyST parsed (in a build
the document being read; in ``adopt`` a document MyST's docutils renderer made from the same
markdown-it tokens that ``adopt`` rewrites). docutils nodes only, no Sphinx application.

A page is a plain spec when a *metadata shape* stands at the top of its first section. A shape is
one small function in :data:`SHAPES` that finds the metadata node and its ``(label, value)``
entries; today there is one, :func:`bold_bullets` (a bullet list of ``**Field:** value`` right
under the H1). Labels become option names (``Status`` -> ``status``, ``Related Issues`` ->
``issues``) by the templates' labels, ``specs_fields`` and a few common aliases; the rest is
shared by every shape:

- the spec ID, from an ``ID`` field or the file name's leading number through ``specs_plain_id``;
- the tracked lists: in the Goals section the list after a ``**Goals:**`` label (goals) and after
  a ``**Non-Goals:**`` label (non-goals), or with no labels the section's first list (goals); the
  first list under "Non-Goals", "Definition of Done" and "Open Questions";
- problems (subtype, message, line) for what a reader should fix.

Values are the Markdown of the inline nodes (``_TBD_`` stays ``_TBD_``, a link ``[t](url)``), except
links in the options that name specs (``related``, ``supersedes``, ...): the caller's ``spec_link``
turns a link to another spec file into what names that spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .core.sections import normalize_title
from .core.templates import DEFAULT_LABELS
from .plainshapes import SHAPES, Page, Problem, SpecLink, bold_label, inline_source

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .config import Settings
    from .core.templates import Template

#: Labels people write for the spec options, beyond the templates' own labels.
ALIASES: dict[str, str] = {
    "author": "authors",
    "author(s)": "authors",
    "authors": "authors",
    "owner": "authors",
    "owners": "authors",
    "status": "status",
    "state": "status",
    "team": "team",
    "created": "created",
    "date": "created",
    "created on": "created",
    "updated": "updated",
    "last updated": "updated",
    "issues": "issues",
    "related issues": "issues",
    "issue": "issues",
    "tags": "tags",
    "labels": "tags",
    "template": "template",
    "supersedes": "supersedes",
    "depends on": "depends-on",
    "dependencies": "depends-on",
    "related": "related",
    "related specs": "related",
    "related specifications": "related",
    "see also": "related",
    "id": "id",
    "spec id": "id",
}

#: The options whose values name specs (a link to a spec file there is a link to that spec).
SPEC_OPTIONS = frozenset({"supersedes", "depends-on", "related"})

_GOALS_TITLES = {"goals and non goals", "goals", "goals and requirements", "goals non goals"}
_SECTION_KINDS = {
    "non goals": "non-goal",
    "definition of done": "dod",
    "open questions": "question",
    "open questions and discussion": "question",
}
_NUMBER = re.compile(r"^(\d+)")


def label_key(label: str) -> str:
    return " ".join(label.strip().rstrip(":").casefold().split())


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

    def labels(self) -> dict[str, str]:
        labels = {label_key(k): v for k, v in ALIASES.items()}
        for option, label in DEFAULT_LABELS.items():
            if option not in ("superseded_by", "needed_by", "referenced_by", "progress"):
                labels.setdefault(label_key(label), option)
        for template in self.templates.values():
            for option, label in template.labels.items():
                labels[label_key(label)] = option
        for key, option in self.extra_fields.items():
            labels[label_key(key)] = option
        return labels


@dataclass(frozen=True)
class Field:
    """One metadata entry with the option its label names (None: not a field this project knows)."""

    label: str
    option: str | None
    value: str
    node: nodes.Element
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
        result = {f.option: f.value for f in self.fields if f.option and f.option != "id"}
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
    if section is None:
        return None
    labels = vocabulary.labels()

    def value_of(label: str, value_nodes: list[nodes.Node]) -> str:
        names_specs = labels.get(label_key(label)) in vocabulary.spec_options
        return inline_source(value_nodes, vocabulary.spec_link if names_specs else None)

    page = Page(document, section, front_matter or {}, value_of)
    metadata = next((m for m in (shape(page) for shape in SHAPES) if m is not None), None)
    if metadata is None:
        return None

    title = section.next_node(nodes.title)
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
    known = ", ".join(sorted(set(labels.values())))
    for entry in metadata.entries:
        option = labels.get(label_key(entry.label))
        spec.fields.append(Field(entry.label, option, entry.value, entry.node, entry.line))
        if option is None:
            spec.leftover.append(entry.node)
            spec.problems.append(
                Problem(
                    "meta",
                    f"unknown metadata field **{entry.label}:**; it is shown as written and not "
                    f"recorded (known: {known})",
                    entry.line,
                )
            )
    spec.leftover.sort(key=lambda node: metadata.node.index(node))

    explicit = next((f.value for f in spec.fields if f.option == "id" and f.value), None)
    spec.spec_id = explicit or plain_id(filename, vocabulary.id_format)
    if spec.spec_id is None:
        spec.problems.append(
            Problem(
                "id",
                f"plain spec {PurePath(filename).name!r} has no ID: start the file name with its "
                "number (001-name.md) or add an **ID:** field",
                spec.line,
            )
        )
    sections = [s for s in section.findall(nodes.section) if s is not section]
    spec.template = _guess_template(spec, vocabulary.templates, sections)
    for sub in sections:
        title_node = sub.next_node(nodes.title)
        key = normalize_title(title_node.astext()) if title_node is not None else ""
        if key in _GOALS_TITLES:
            spec.lists.extend(_goal_lists(sub))
        elif key in _SECTION_KINDS:
            first = next(_section_lists(sub), None)
            if first is not None:
                spec.lists.append((first, _SECTION_KINDS[key]))
    return spec


def _blocks(section: nodes.section) -> Iterator[nodes.Element]:
    """The blocks of ``section`` and its sub-sections, in document order (titles skipped)."""
    for child in section.children:
        if isinstance(child, nodes.section):
            yield from _blocks(child)
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.title):
            yield child


def _section_lists(section: nodes.section) -> Iterator[nodes.bullet_list]:
    return (b for b in _blocks(section) if isinstance(b, nodes.bullet_list))


def _goal_label(block: nodes.Element) -> str | None:
    """``goal`` / ``non-goal`` for a paragraph that is only a ``**Goals:**`` label."""
    if not isinstance(block, nodes.paragraph):
        return None
    parsed = bold_label(block)
    if parsed is None:
        children = [c for c in block.children if c.astext().strip()]
        if len(children) != 1 or not isinstance(children[0], nodes.strong):
            return None
        label = children[0].astext()
    else:
        label, rest = parsed
        if "".join(n.astext() for n in rest).strip():
            return None
    key = normalize_title(label)
    if key in ("goals", "goal"):
        return "goal"
    if key in ("non goals", "non goal", "nongoals"):
        return "non-goal"
    return None


def _goal_lists(section: nodes.section) -> list[tuple[nodes.bullet_list, str]]:
    """The goal and non-goal lists of a Goals section (see the module docstring)."""
    blocks = list(_blocks(section))
    labelled = [(i, kind) for i, b in enumerate(blocks) if (kind := _goal_label(b)) is not None]
    if not labelled:
        first = next(_section_lists(section), None)
        return [] if first is None else [(first, "goal")]
    result = []
    for n, (index, kind) in enumerate(labelled):
        until = labelled[n + 1][0] if n + 1 < len(labelled) else len(blocks)
        found = next(
            (b for b in blocks[index + 1 : until] if isinstance(b, nodes.bullet_list)), None
        )
        if found is not None:
            result.append((found, kind))
    return result


def _guess_template(
    spec: PlainSpec, templates: Mapping[str, Template], sections: list[nodes.section]
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
    for name, template in templates.items():
        score = sum(label_key(t.title) in titles for _, t in template.walk_sections())
        score += sum(label_key(label) in labels for label in template.labels.values())
        if score > best_score:
            best, best_score = name, score
    return best
