"""The plain-Markdown spec recognizer: one for ``specs_plain_markdown`` and ``sphinx-specs adopt``.

A plain spec is a Markdown page whose H1 is followed by a bullet list of ``**Field:** value`` lines.
The recognizer reads the page's lines (no Sphinx, no docutils) and says where everything is:

- the metadata list and each field's option (``Status`` -> ``status``, ``Related Issues`` ->
  ``issues``, by the templates' labels and a few common aliases), with unknown fields kept aside;
- the spec ID, from the file name's leading number through ``specs_plain_id``;
- the tracked lists: in the Goals section the list after a ``**Goals:**`` label (goals) and after a
  ``**Non-Goals:**`` label (non-goals), or with no labels the section's first list (goals); the
  first list under "Non-Goals", "Definition of Done" and "Open Questions".

Plain mode uses the line ranges to mark the parsed lists; ``adopt`` uses them to rewrite the file
into the directive form, keeping every other line as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from .core.templates import DEFAULT_LABELS, normalize_title

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

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

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,}|:{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)([-*+])\s+(.*)$")
_ORDERED = re.compile(r"^(\s*)\d{1,9}[.)]\s+(.*)$")
_FIELD = re.compile(r"^\*\*\s*(.+?)\s*(?::\s*\*\*|\*\*\s*:)\s*(.*?)\s*$")
_LABEL = re.compile(r"^\s{0,3}\*\*\s*(.+?)\s*:?\s*\*\*\s*:?\s*$")
_NUMBER = re.compile(r"^(\d+)")


def label_key(label: str) -> str:
    return " ".join(label.strip().rstrip(":").casefold().split())


@dataclass(frozen=True)
class MetaField:
    """One ``**Label:** value`` line of the metadata list."""

    label: str
    option: str | None  # None: not a field this project knows
    value: str
    line: int  # 1-based


@dataclass(frozen=True)
class ListBlock:
    """A list that becomes tracked items: its kind and its lines (1-based, inclusive)."""

    kind: str
    start: int
    end: int


@dataclass
class PlainSpec:
    """What the recognizer found in a plain spec."""

    spec_id: str | None
    title: str
    title_line: int
    meta_start: int
    meta_end: int
    fields: list[MetaField]
    template: str | None
    lists: list[ListBlock] = field(default_factory=list)
    #: (line, subtype, message) for what a reader should fix.
    problems: list[tuple[int, str, str]] = field(default_factory=list)

    def options(self) -> dict[str, str]:
        """The spec options the known fields give (later lines win, as in a directive)."""
        result = {f.option: f.value for f in self.fields if f.option and f.option != "id"}
        if self.template:
            result.setdefault("template", self.template)
        return result


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    text: str
    in_code: bool


def _lines(text: str) -> list[_Line]:
    result = []
    fence: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(raw)
        in_code = fence is not None
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
                in_code = True
            elif (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not raw.strip()[len(marker) :].strip()
            ):
                fence = None
                in_code = True
        result.append(_Line(number, raw, in_code))
    return result


def _front_matter_end(lines: list[_Line]) -> int:
    """Index of the first line after a YAML front matter block (0 when there is none)."""
    if lines and lines[0].text.strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].text.strip() in ("---", "..."):
                return i + 1
    return 0


def _list_end(lines: list[_Line], start: int) -> int:
    """Index of the last line of the list that starts at ``start``."""
    indent = _indent(lines[start].text)
    last = start
    i = start + 1
    while i < len(lines):
        text = lines[i].text
        if not text.strip():
            # a blank line: the list goes on if the next line is indented or another bullet
            j = i + 1
            while j < len(lines) and not lines[j].text.strip():
                j += 1
            if j < len(lines):
                nxt = lines[j].text
                bullet = _BULLET.match(nxt)
                nxt_indent = len(nxt) - len(nxt.lstrip())
                if (bullet and len(bullet.group(1)) == indent) or nxt_indent > indent:
                    i = j
                    continue
            break
        text_indent = len(text) - len(text.lstrip())
        bullet = _BULLET.match(text)
        if bullet and len(bullet.group(1)) < indent:
            break
        if (
            not bullet
            and text_indent <= indent
            and (_ATX.match(text) or _LABEL.match(text) or _ORDERED.match(text))
        ):
            break
        last = i
        i += 1
    return last


@dataclass(frozen=True)
class _Heading:
    index: int
    level: int
    title: str


def _headings(lines: list[_Line], start: int) -> list[_Heading]:
    result = []
    for i in range(start, len(lines)):
        line = lines[i]
        if line.in_code:
            continue
        match = _ATX.match(line.text)
        if match:
            result.append(_Heading(i, len(match.group(1)), match.group(2).strip()))
        elif (
            i > start
            and re.match(r"^\s{0,3}(=+|-+)\s*$", line.text)
            and lines[i - 1].text.strip()
            and not lines[i - 1].in_code
            and not _BULLET.match(lines[i - 1].text)
        ):
            level = 1 if line.text.strip()[0] == "=" else 2
            result.append(_Heading(i - 1, level, lines[i - 1].text.strip()))
    return result


def _label_map(templates: Iterable[Template], extra: Mapping[str, str]) -> dict[str, str]:
    labels = {label_key(k): v for k, v in ALIASES.items()}
    for option, label in DEFAULT_LABELS.items():
        if option in ("superseded_by", "needed_by", "referenced_by", "progress"):
            continue
        labels.setdefault(label_key(label), option)
    for template in templates:
        for option, label in template.labels.items():
            labels[label_key(label)] = option
    for key, option in extra.items():
        labels[label_key(key)] = option
    return labels


def plain_id(filename: str, id_format: str) -> str | None:
    match = _NUMBER.match(PurePath(filename).name)
    if match is None:
        return None
    number = int(match.group(1))
    try:
        return id_format.format(number=number)
    except (KeyError, IndexError, ValueError):
        return None


_GOALS_TITLES = {"goals and non goals", "goals", "goals and requirements", "goals non goals"}
_SECTION_KINDS = {
    "non goals": "non-goal",
    "definition of done": "dod",
    "open questions": "question",
    "open questions and discussion": "question",
}


def _first_list(lines: list[_Line], start: int, stop: int) -> int | None:
    for i in range(start, stop):
        if not lines[i].in_code and _BULLET.match(lines[i].text) and _indent(lines[i].text) < 4:
            return i
    return None


def _owner(lines: list[_Line], index: int, indent: int) -> int:
    """The line number of the bullet (at ``indent``) that line ``index`` belongs to."""
    while index > 0:
        index -= 1
        bullet = _BULLET.match(lines[index].text)
        if bullet and len(bullet.group(1)) == indent:
            return lines[index].number
    return 0


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def recognize(
    text: str,
    filename: str,
    *,
    templates: Mapping[str, Template],
    id_format: str = "SPEC-{number:03d}",
    extra_fields: Mapping[str, str] | None = None,
) -> PlainSpec | None:
    """The plain spec in ``text``, or None when the page is not one (no H1 + field list)."""
    lines = _lines(text)
    begin = _front_matter_end(lines)
    headings = _headings(lines, begin)
    h1 = next((h for h in headings if h.level == 1), None)
    if h1 is None:
        return None
    after_title = h1.index + 1
    if after_title < len(lines) and re.match(r"^\s{0,3}=+\s*$", lines[after_title].text):
        after_title += 1  # setext underline
    i = after_title
    while i < len(lines) and not lines[i].text.strip():
        i += 1
    if i >= len(lines) or not _BULLET.match(lines[i].text):
        return None
    first = _BULLET.match(lines[i].text)
    assert first is not None
    if not _FIELD.match(first.group(3)):
        return None
    meta_start = i
    meta_end = _list_end(lines, i)

    labels = _label_map(templates.values(), extra_fields or {})
    spec = PlainSpec(
        spec_id=None,
        title=h1.title,
        title_line=lines[h1.index].number,
        meta_start=lines[meta_start].number,
        meta_end=lines[meta_end].number,
        fields=[],
        template=None,
    )
    base_indent = _indent(lines[meta_start].text)
    for j in range(meta_start, meta_end + 1):
        bullet = _BULLET.match(lines[j].text)
        if bullet is None or len(bullet.group(1)) != base_indent:
            text_line = lines[j].text.strip()
            if (
                text_line
                and bullet is None
                and spec.fields
                and spec.fields[-1].line == _owner(lines, j, base_indent)
            ):
                last = spec.fields[-1]
                spec.fields[-1] = MetaField(
                    last.label, last.option, f"{last.value} {text_line}".strip(), last.line
                )
            continue
        match = _FIELD.match(bullet.group(3))
        if match is None:
            spec.problems.append(
                (
                    lines[j].number,
                    "meta",
                    f"metadata line {bullet.group(3)!r} is not **Field:** value",
                )
            )
            continue
        label, value = match.group(1).strip(), match.group(2).strip()
        option = labels.get(label_key(label))
        spec.fields.append(MetaField(label, option, value, lines[j].number))
        if option is None:
            spec.problems.append(
                (
                    lines[j].number,
                    "meta",
                    f"unknown metadata field **{label}:**; it is shown as written and not "
                    f"recorded (known: {', '.join(sorted(set(labels.values())))})",
                )
            )

    explicit = next((f.value for f in spec.fields if f.option == "id" and f.value), None)
    spec.spec_id = explicit or plain_id(filename, id_format)
    if spec.spec_id is None:
        spec.problems.append(
            (
                spec.meta_start,
                "id",
                f"plain spec {PurePath(filename).name!r} has no ID: start the file name with its "
                "number (001-name.md) or add an **ID:** field",
            )
        )
    spec.template = _guess_template(spec, templates, headings)

    # tracked lists, section by section
    for n, heading in enumerate(headings):
        if heading.index <= h1.index:
            continue
        stop = next((h.index for h in headings[n + 1 :] if h.level <= heading.level), len(lines))
        title = normalize_title(heading.title)
        if title in _GOALS_TITLES:
            spec.lists.extend(_goal_lists(lines, heading.index + 1, stop))
        elif title in _SECTION_KINDS:
            start = _first_list(lines, heading.index + 1, stop)
            if start is not None:
                end = _list_end(lines, start)
                spec.lists.append(
                    ListBlock(_SECTION_KINDS[title], lines[start].number, lines[end].number)
                )
    return spec


def _goal_lists(lines: list[_Line], start: int, stop: int) -> list[ListBlock]:
    """The goal and non-goal lists of a Goals section (see the module docstring)."""
    labelled: list[tuple[int, str]] = []
    for i in range(start, stop):
        if lines[i].in_code:
            continue
        match = _LABEL.match(lines[i].text)
        if match:
            key = normalize_title(match.group(1))
            if key in ("goals", "goal"):
                labelled.append((i, "goal"))
            elif key in ("non goals", "non goal", "nongoals"):
                labelled.append((i, "non-goal"))
    blocks = []
    if not labelled:
        first = _first_list(lines, start, stop)
        if first is not None:
            end = _list_end(lines, first)
            blocks.append(ListBlock("goal", lines[first].number, lines[end].number))
        return blocks
    for n, (label_index, kind) in enumerate(labelled):
        until = labelled[n + 1][0] if n + 1 < len(labelled) else stop
        first = _first_list(lines, label_index + 1, until)
        if first is not None:
            end = _list_end(lines, first)
            blocks.append(ListBlock(kind, lines[first].number, lines[end].number))
    return blocks


def _guess_template(
    spec: PlainSpec, templates: Mapping[str, Template], headings: list[_Heading]
) -> str | None:
    """The template a plain spec follows: a **Template:** field, else its labels and headings."""
    written = next((f.value for f in spec.fields if f.option == "template" and f.value), None)
    if written:
        return written
    best, best_score = None, 0
    titles = {normalize_title(h.title) for h in headings}
    labels = {label_key(f.label) for f in spec.fields}
    for name, template in templates.items():
        score = sum(label_key(t.title) in titles for _, t in template.walk_sections())
        score += sum(label_key(label) in labels for label in template.labels.values())
        if score > best_score:
            best, best_score = name, score
    return best


# ---------------------------------------------------------------------------------------------
# adopt: rewrite a plain spec into the directive form
# ---------------------------------------------------------------------------------------------


def _option_value(value: str) -> str:
    """An option value MyST reads back as written (quoted when YAML or a comment would bite)."""
    needs_quotes = (
        (value[:1] in "\"'[{#&*!|>%@`" and not value.startswith("@"))
        or " #" in value
        or value.endswith(":")
    )
    if not needs_quotes:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fence(block: list[str]) -> str:
    longest = max((len(m) for line in block for m in re.findall(r"`{3,}", line)), default=2)
    return "`" * max(3, longest + 1)


def _continues(lines: list[str], number: int, field_lines: set[int]) -> bool:
    """Whether line ``number`` continues (is indented under) a known field's bullet."""
    line = lines[number - 1]
    if _BULLET.match(line) and _indent(line) == 0:
        return False
    previous = number - 1
    while previous > 0 and not _BULLET.match(lines[previous - 1]):
        previous -= 1
    return previous in field_lines and _indent(line) > 0


def adopt(text: str, spec: PlainSpec, *, default_template: str) -> str:
    """``text`` with the metadata list turned into a ``spec`` directive and each tracked list
    wrapped in its item directive; every other line is kept as it is."""
    lines = text.splitlines()
    trailing_newline = text.endswith("\n")
    insert_before: dict[int, list[str]] = {}
    insert_after: dict[int, list[str]] = {}
    replace: dict[int, list[str]] = {}

    directive_kind = {
        "goal": "goals",
        "non-goal": "non-goals",
        "dod": "definition-of-done",
        "question": "open-questions",
    }
    for block in spec.lists:
        body = lines[block.start - 1 : block.end]
        fence = _fence(body)
        insert_before.setdefault(block.start, []).append(f"{fence}{{{directive_kind[block.kind]}}}")
        insert_after.setdefault(block.end, []).append(fence)

    meta = lines[spec.meta_start - 1 : spec.meta_end]
    options = []
    for f in spec.fields:
        if f.option and f.option != "id" and f.value:
            options.append(f":{f.option}: {_option_value(f.value)}")
    written = any(f.option == "template" for f in spec.fields)
    if spec.template and spec.template != default_template and not written:
        options.append(f":template: {spec.template}")
    fence = _fence(meta)
    directive = [f"{fence}{{spec}} {spec.spec_id or ''}".rstrip(), *options, fence]
    # what the directive cannot hold stays below it as written: unknown fields, stray lines
    known_lines = {f.line for f in spec.fields if f.option is not None}
    kept = [
        lines[number - 1]
        for number in range(spec.meta_start, spec.meta_end + 1)
        if number not in known_lines
        and lines[number - 1].strip()
        and not _continues(lines, number, known_lines)
    ]
    replace[spec.meta_start] = directive + (["", *kept] if kept else [])
    for number in range(spec.meta_start + 1, spec.meta_end + 1):
        replace[number] = []

    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        out.extend(insert_before.get(number, []))
        if number in replace:
            out.extend(replace[number])
        else:
            out.append(line)
        out.extend(insert_after.get(number, []))
    return "\n".join(out) + ("\n" if trailing_newline else "")
