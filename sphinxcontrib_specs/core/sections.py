"""Section titles and placeholder text: how a heading matches a template's section, which
required sections a page lacks, and which placeholders are left in a text.

The spec check, the ``new`` command and the plain-Markdown recognizer share these rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from .templates import Section, Template

#: Bracketed Title Case words (``[Spec Title]``, ``[Target]``, ``[Metric 1]``) read as placeholders;
#: a bracketed number (``[3]``, a reference link's label) is not one.
PLACEHOLDER_PATTERN = re.compile(r"\[[A-Z][a-z0-9]+(?: (?:[A-Z][a-z0-9]*|[0-9]+))*\]")


def squash(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------------------------
# Section titles
# ---------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:(?:\d+|[ivxlc]+|[a-z])[.)]?(?:\d+[.)]?)*)\s+", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]+")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


@lru_cache(maxsize=4096)  # the same few section titles on every page of a build
def normalize_title(title: str) -> str:
    """Case-insensitive, punctuation-blind form of a heading, without its leading numbering."""
    text = unicodedata.normalize("NFKC", title).replace("&", " and ")
    match = _NUMBERING.match(text)
    # "A. Design" and "1.2 Scope" lose their numbering; a title that is only a word keeps it.
    if match and match.end() < len(text) and re.search(r"\d|[.)]", match.group(0)):
        text = text[match.end() :]
    text = _PUNCT.sub(" ", text.casefold())
    return " ".join(text.split())


@lru_cache(maxsize=1024)
def title_variants(template_title: str) -> frozenset[str]:
    """The normalized titles that satisfy a template title.

    ``A / B`` is satisfied by ``A``, ``B`` or ``A / B``; ``Current Solution (if applicable)``
    also by ``Current Solution``.
    """
    variants = {template_title, _PARENS.sub(" ", template_title)}
    for text in list(variants):
        if "/" in text:
            variants.update(part for part in text.split("/"))
    return frozenset(v for v in (normalize_title(t) for t in variants) if v)


@dataclass(frozen=True)
class Heading:
    """A heading of a document: its title, its depth and the index of its parent heading."""

    title: str
    depth: int
    parent: int | None
    line: int | None = None


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


def find_placeholders(template: Template, text: str, *, generic: bool = True) -> list[str]:
    """The placeholder strings of ``template`` that ``text`` contains, in template order, then
    what its ``placeholder_patterns`` match, then (``generic``) the bracketed ``[Title Case]``
    markers, in text order."""
    found: list[str] = []
    squashed = squash(text)
    # a substring test per marker first: most text holds none, and the pattern (one alternative
    # per marker, longest first, so a hint is reported whole) costs twice as much to rule out
    hits = (
        {template.marker_names[m.group(0)] for m in template.marker_pattern.finditer(squashed)}
        if any(marker in squashed for marker in template.marker_names)
        else set()
    )
    if hits:
        order = [m for m in (*template.placeholders, *template.hints()) if m in hits]
        found.extend(dict.fromkeys(order))
    for pattern in template.placeholder_patterns:
        try:
            found.extend(m.group(0) for m in re.finditer(pattern, text) if m.group(0))
        except re.error:  # checked when the template is read; never a traceback here
            continue
    if not generic or "[" not in text:
        return found
    for match in PLACEHOLDER_PATTERN.finditer(text):
        marker = match.group(0)
        if not any(marker in f for f in found):
            found.append(marker)
    return found
