"""Section titles and placeholder text: how a heading matches a template's section, which
required sections a page lacks, and which placeholders are left in a text.

The spec check, the ``new`` command and the plain-Markdown recognizer share these rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lazyre import lazy_compile
from .titles import normalize_title, squash, title_variants

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from ..model import Heading
    from .model import Section, Template


def missing_sections(
    template: Template, headings: list[Heading], skip: Set[str] = frozenset()
) -> list[str]:
    """Titles of the template's required sections that ``headings`` lack (but those in ``skip``:
    not yet required at the spec's status, or reported by a status gate).

    A top-level template section may stand at any depth; a child must stand below the heading that
    matched its parent. When a required parent is missing, only the parent is reported.
    """
    normalized = [normalize_title(h.title) for h in headings]

    def below(index: int | None) -> Iterable[int]:
        if index is None:
            return range(len(headings))
        result = []
        for i in range(index + 1, len(headings)):
            if headings[i].depth <= headings[index].depth:
                break
            result.append(i)
        return result

    missing: list[str] = []

    def check(sections: tuple[Section, ...], scope: int | None) -> None:
        for section in sections:
            variants = title_variants(section.title)
            found = next((i for i in below(scope) if normalized[i] in variants), None)
            if found is None:
                if section.required and section.title not in skip:
                    missing.append(section.title)
                continue
            check(section.children, found)

    check(template.sections, None)
    return missing


def section_problems(
    spec_id: str, template: Template, headings: list[Heading], skip: Set[str] = frozenset()
) -> list[tuple[str, Heading | None]]:
    """The ``specs.section`` messages of a spec whose headings are ``headings``, each with the
    heading it is about (None: the spec's own line); the sections in ``skip`` are not required
    (:func:`.gates.not_required`). Shared by the page collector and the cross-page check of spec
    folders."""
    result: list[tuple[str, Heading | None]] = []
    for missing in missing_sections(template, headings, skip):
        elsewhere = heading_anywhere(missing, headings)
        if elsewhere is not None:
            result.append(
                (
                    f"spec {spec_id} has the section {missing!r} at the wrong level, line "
                    f"{elsewhere.line} (the {template.name} template puts it under its parent "
                    "section)",
                    elsewhere,
                )
            )
        else:
            result.append(
                (
                    f"spec {spec_id} lacks the section {missing!r} that the {template.name} "
                    "template requires",
                    None,
                )
            )
    return result


def heading_anywhere(template_title: str, headings: list[Heading]) -> Heading | None:
    """The first heading titled like ``template_title`` at any level (a required section that
    :func:`missing_sections` reports may stand at the wrong level)."""
    variants = title_variants(template_title)
    return next((h for h in headings if normalize_title(h.title) in variants), None)


# ---------------------------------------------------------------------------------------------
# Placeholders
# ---------------------------------------------------------------------------------------------

#: A bracketed run of words (letters, digits, ``-``, ``'``), which may wrap across lines: a
#: candidate for the generic rule. What it says (:func:`_fill_in`) and where it stands
#: (:func:`_in_link`) decide whether it is a template's fill-in marker.
_BRACKETED = lazy_compile(
    r"\[([^\W_][\w'\u2019-]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)[^\W_][\w'\u2019-]*)*)\]"
)

#: Nouns that name a value to fill in: alone (``[Name]``, ``[TBD]``) or as the last word of a
#: phrase (``[Spec Title]``, ``[Owner Team]``, ``[Release date]``), a bracketed text is a marker.
FILL_IN_WORDS = frozenset(
    {
        "name", "title", "team", "owner", "author", "reviewer", "approver", "date", "deadline",
        "link", "url", "email", "id", "number", "target", "value", "version", "description",
        "summary", "placeholder", "tbd", "tba", "todo",
    }
)  # fmt: skip

#: First words of an instruction to the author (``[Describe the problem]``, ``[Link to the
#: design doc]``, ``[Your Name]``): a bracketed phrase that starts with one is a marker.
FILL_IN_STARTERS = frozenset(
    {
        "add", "describe", "enter", "explain", "fill", "insert", "link", "list", "name",
        "replace", "summarize", "write", "your",
    }
)  # fmt: skip

#: A Markdown link reference definition (``[rfc]: https://...``) at the start of a line; its
#: label, written anywhere as ``[rfc]``, is a link too.
_DEFINITION = lazy_compile(
    r"^[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+)?\[([^\]\n]+)\]:[ \t]*"
    r"(?:<|[A-Za-z][\w+.-]*://|mailto:|[#/]|\.\.?/|www\.|[^\s\[]*/"
    r"|\S+\.(?:md|html?|rst|txt|pdf)\b)",
    re.MULTILINE,
)

#: What joins the two markers of a pair: ``[Metric 3]: [Target]``.
_PAIR = lazy_compile(r":[ \t]*")


def _kind(word: str) -> str:
    """What a bracketed word is: ``number`` (``3``), ``letter`` (the ``A`` of ``[Option A]``),
    ``acronym`` (``RFC``, ``API``), ``capitalized`` (``Spec``, ``Non-goal``), ``lower``
    (``the``, ``non-goal``) or ``other`` (``NodeConformance``, ``iPhone``: a name)."""
    if word.isdigit():
        return "number"
    if word.isupper():
        return "letter" if len(word) == 1 else "acronym"
    rest = "".join(part[1:] for part in word.split("-"))
    if any(c.isupper() for c in rest):
        return "other"
    return "capitalized" if word[0].isupper() else "lower"


def _noun(word: str) -> bool:
    folded = word.casefold()
    return folded in FILL_IN_WORDS or (folded.endswith("s") and folded[:-1] in FILL_IN_WORDS)


def _fill_in(words: list[str]) -> bool:
    """Whether bracketed ``words`` read as a template's fill-in marker: a capitalized phrase
    (or an acronym's: ``[API Name]``) of plain words that

    - ends in a fill-in noun (:data:`FILL_IN_WORDS`: ``[Spec Title]``, ``[Owner Team]``,
      ``[Release date]``), or is one (``[Name]``, ``[Link]``, ``[Target]``, ``[TBD]``);
    - ends in a number or a letter (``[Goal 1]``, ``[Non-goal 2]``, ``[Metric 3]``,
      ``[Option A]``);
    - starts with an instruction (:data:`FILL_IN_STARTERS`: ``[Describe the problem]``,
      ``[Your Name]``).

    Not: another word alone (a tag: ``[Disruptive]``, ``[Serial]``, ``[NodeConformance]``),
    names and other Title Case (``[Ann Lee]``, ``[Breaking Change]``), acronyms and numbers
    (``[RFC 2119]``, ``[1]``), lower-case prose (``[citation needed]``, ``[x]``).
    """
    kinds = [_kind(word) for word in words]
    if "other" in kinds or kinds[0] not in ("capitalized", "acronym", "letter"):
        return False
    if _noun(words[-1]):
        return True
    if len(words) == 1 or kinds[0] != "capitalized":
        return False
    return kinds[-1] in ("number", "letter") or words[0].casefold() in FILL_IN_STARTERS


def _in_link(text: str, start: int, end: int, labels: Set[str]) -> bool:
    """Whether the bracketed text at ``text[start:end]`` is part of a link or a reference:
    ``[text](url)``, ``[text][ref]`` and its label, ``![alt]``, ``[[Wiki Page]]``, a
    reStructuredText ``[CIT2002]_``, or a label that a ``[label]: url`` line defines."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return (
        (after != "" and after in "([]_")
        or (before != "" and before in "![]")
        or (bool(labels) and squash(text[start + 1 : end - 1]) in labels)
    )


def locate_placeholders(
    template: Template, text: str, *, generic: bool = True
) -> list[tuple[str, int]]:
    """The placeholders that ``text`` contains, each with the offset of its first occurrence:
    the template's placeholder strings and hints in template order, then what its
    ``placeholder_patterns`` match, then (``generic``) the bracketed fill-in markers
    (:func:`_fill_in`), in text order.

    Link text and references are never placeholders, not even the template's own bracketed
    markers (``[Link](https://...)`` is filled in); the rest of a template's markers always count.
    """
    found: dict[str, int] = {}
    squashed = squash(text)
    # a substring test per marker first: most text holds none, and the pattern (one alternative
    # per marker, longest first, so a hint is reported whole) costs twice as much to rule out
    if any(marker in squashed for marker in template.marker_names):
        hits: dict[str, int] = {}
        for match in template.marker_pattern.finditer(squashed):
            marker = match.group(0)
            if marker[0] == "[" and marker[-1] == "]" and _in_link(squashed, *match.span(), set()):
                continue
            hits.setdefault(template.marker_names[marker], match.start())
        for marker in (*template.placeholders, *template.hints()):
            if marker in hits and marker not in found:
                found[marker] = _offset(text, hits[marker])
    for pattern in template.placeholder_patterns:
        try:
            for match in re.finditer(pattern, text):
                if match.group(0):
                    found.setdefault(match.group(0), match.start())
        except re.error:  # checked when the template is read; never a traceback here
            continue
    if generic and "[" in text:
        for marker, offset in _generic_markers(text):
            if not any(marker in f for f in found):
                found[marker] = offset
    return list(found.items())


def _generic_markers(text: str) -> Iterator[tuple[str, int]]:
    """The bracketed fill-in markers of ``text`` outside links, with their offsets; a marker,
    a colon and a marker are one (``[Metric 3]: [Target]``, as the templates write a KPI)."""
    labels = {squash(m.group(1)) for m in _DEFINITION.finditer(text)} if "]:" in text else set()
    markers = [
        (f"[{' '.join(words)}]", match.start(), match.end())
        for match in _BRACKETED.finditer(text)
        if _fill_in(words := match.group(1).split())
        and not _in_link(text, match.start(), match.end(), labels)
    ]
    index = 0
    while index < len(markers):
        marker, start, end = markers[index]
        index += 1
        if index < len(markers) and _PAIR.fullmatch(text, end, markers[index][1]):
            marker = f"{marker}: {markers[index][0]}"
            index += 1
        yield marker, start


def _offset(text: str, position: int) -> int:
    """The offset in ``text`` of the character at ``position`` in ``squash(text)``."""
    count = 0
    for word in re.finditer(r"\S+", text):
        folded = len(word.group(0).casefold())
        if count + folded > position:
            for index, char in enumerate(word.group(0)):
                count += len(char.casefold())
                if count > position:
                    return word.start() + index
        count += folded + 1
    return len(text)


def find_placeholders(template: Template, text: str, *, generic: bool = True) -> list[str]:
    """The placeholders that ``text`` contains (:func:`locate_placeholders`, without offsets)."""
    return [marker for marker, _ in locate_placeholders(template, text, generic=generic)]
