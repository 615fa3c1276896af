"""Label lines under the title: a paragraph whose every line is ``Label: value``, as adr-tools
writes ``Date: 2016-02-12`` under an ADR's H1, and the paragraphs of label lines right after it
(Go's designs: ``Author: Ian Lance Taylor``, then ``Created: January 2011`` in a paragraph of its
own). Metadata only when one label names a field (a paragraph that starts ``Note: ...`` is prose).

A **byline** under the title, a paragraph of names only (``Russ Cox\\`` / ``Filippo Valsorda``, as
Go's designs write their authors; a date line may end it), gives the authors: before label lines
it is part of their metadata; alone, the recognizer reads it (:func:`byline`) for a page that is a
spec by its name, when it has several lines. It stays on the page as written, the card beside it.
"""

from __future__ import annotations

from functools import partial

from docutils import nodes

from ...core.lazyre import lazy_compile
from .base import Entry, Metadata, Page, shown_as_item

_LINE = lazy_compile(r"^\s*([A-Za-z][\w ()/-]{0,40}?)\s*:(?:\s+|$)(.*)$")


def _lines(paragraph: nodes.paragraph) -> list[list[nodes.Node]] | None:
    """The paragraph's inline nodes, line by line (a soft break is a ``\\n`` in a text node)."""
    lines: list[list[nodes.Node]] = [[]]
    for child in paragraph.children:
        if isinstance(child, nodes.Text):
            parts = str(child).split("\n")
            for n, part in enumerate(parts):
                if n:
                    lines.append([])
                if part:
                    lines[-1].append(nodes.Text(part))
        else:
            lines[-1].append(child)
    return [line for line in lines if line]


#: A line that is no wrapped value: words, then a web address, a sentence of its own
#: (``Discussion at https://golang.org/issue/30001.`` under ``Author: Ann Lee``); a line that
#: is an address (a list of them wrapped) is one.
_SENTENCE = lazy_compile(r"\s*[A-Za-z][\w'-]*\s.*\b[a-z][a-z0-9+.-]*://")


def _text(line: list[nodes.Node]) -> str:
    return "".join(n.astext() for n in line)


def _entries(paragraph: nodes.Element, page: Page) -> list[Entry] | None:
    """The entries of a paragraph whose every line is ``Label: value``, else None. A line that
    is no label line goes on the value above it when that value's field may wrap
    (:attr:`.Page.wraps`: people, text, links): a value wrapped onto the next line
    (``Author(s): Jay Conrod based on discussion with ..., Roger`` / ``Peppe, Bryan Mills``)."""
    if not isinstance(paragraph, nodes.paragraph) or not (lines := _lines(paragraph)):
        return None
    read: list[tuple[str, list[nodes.Node], int | None]] = []
    for n, line in enumerate(lines):
        head = line[0]
        match = _LINE.match(str(head)) if isinstance(head, nodes.Text) else None
        if match is None:
            if not read or not page.wraps(read[-1][0]) or _SENTENCE.match(_text(line)):
                return None
            read[-1][1].extend([nodes.Text(" "), *line])  # a wrapped value
            continue
        where = paragraph.line + n if paragraph.line is not None else None
        read.append((match.group(1).strip(), [nodes.Text(match.group(2)), *line[1:]], where))
    return [
        Entry(label, page.value_of(label, value), partial(shown_as_item, label, value), where)
        for label, value, where in read
    ]


def _next(node: nodes.Element) -> nodes.Node | None:
    parent = node.parent
    at = parent.index(node) + 1 if parent is not None else 0
    return parent[at] if parent is not None and at < len(parent) else None


def label_lines(page: Page) -> Metadata | None:
    """``Label: value`` lines in the first paragraph under the first heading (or above it),
    after a byline, and in the paragraphs of them that follow."""
    for block, above in page.blocks():
        if not isinstance(block, nodes.paragraph):
            continue
        people = None if above else byline(page)
        first = block if people is None else _next(block)
        entries = _entries(first, page) if isinstance(first, nodes.paragraph) else None
        if entries is None or not isinstance(first, nodes.paragraph):
            return None
        found = Metadata(first, first.line, entries, needs_known=True, above_heading=above)
        following = _next(first)
        # the next paragraphs of label lines, each label a field's ("Note: ..." is prose)
        while isinstance(following, nodes.paragraph) and (more := _entries(following, page)):
            if not all(page.known(entry.label) for entry in more):
                break
            found.entries.extend(more)
            found.also.append(following)
            following = _next(following)
        if people is not None:  # the byline's names: the card shows them (the byline stays)
            found.entries.insert(0, people)
        return found
    return None


#: A name in a byline: two to five words, each capitalized, or a particle (``van``, ``de``).
_NAME_WORD = lazy_compile(r"[^\W\d_][\w'.-]*")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del"})
_DATE_LINE = lazy_compile(
    r"(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2},\s+)?\d{4}|\d{4}-\d{2}(?:-\d{2})?",
)


#: Words of a phrase, never of a name ("Work In Progress", "Draft For Review").
_NO_NAME = frozenset(
    {"a", "an", "and", "are", "at", "be", "by", "draft", "for", "from", "in", "is", "not"}
    | {"of", "on", "or", "proposal", "status", "the", "to", "todo", "wip", "with", "work"}
)


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        _NAME_WORD.fullmatch(w)
        and (w[0].isupper() or w in _PARTICLES)
        and w.casefold() not in _NO_NAME
        for w in words
    )


def byline(page: Page, *, alone: bool = False) -> Entry | None:
    """The authors a byline under the title names (see the module docstring), as an
    ``Authors`` entry; the byline stays on the page. ``alone`` (no label lines after it to
    say it is one): only a byline of several lines, a name on each or a date."""
    block = next((b for b, above in page.blocks() if not above), None)
    if not isinstance(block, nodes.paragraph):
        return None
    lines: list[str] = [""]
    for child in block.children:
        if isinstance(child, nodes.Text):
            first, *rest = str(child).split("\n")
            lines[-1] += first
            lines.extend(rest)
        elif isinstance(child, nodes.raw):  # a hard line break (``\`` at a line's end)
            lines.append("")
        else:  # a link, emphasis: no bare byline
            return None
    lines = [line.strip().rstrip("\\").strip() for line in lines if line.strip()]
    names = [line for line in lines if _is_name(line)]
    dates = [line for line in lines if _DATE_LINE.fullmatch(line.rstrip("."))]
    if not names or len(names) + len(dates) != len(lines) or len(dates) > 1:
        return None
    if alone and len(lines) < 2:
        return None
    return Entry("Authors", "; ".join(names), partial(shown_as_item, "Authors", []), block.line)
