"""An RFC 2822 header block at the top of a page, as Python's PEPs write their metadata::

    PEP: 8
    Title: Style Guide for Python Code
    Author: Guido van Rossum <guido@python.org>,
            Barry Warsaw <barry@python.org>
    Status: Active

The block stands at the very top of the text (a BOM and blank lines before it allowed; never after
front matter or a heading), bare (it ends at the first blank line) or wrapped so that the page
does not show it: in Markdown an HTML comment (``<!--`` ... ``-->``) or a fenced code block; in
rST a comment (a line ``..`` and an indented block right under it) or a literal block (a line
ending ``::``, a blank line, an indented block). In Markdown the block may also be an indented
code block, at the top or under a ``## Preamble`` heading, as EIPs of 2017 write it (the heading
is then part of the block), when it names its spec (an ID or title label). Continuation
lines start with whitespace and join the previous value with one space. Any other line in the
block means it is no header block: a ``Note: ...`` paragraph, ``- Status: x`` bullets or an rST
``:Status: x`` field list are for the other sources.

Sphinx-free and docutils-free: it reads the page's text before a parser does, and
:func:`blank_header` gives the parser the text without the block, on the same line numbers.
"""

from __future__ import annotations

import re

from ...core.frozen import frozen
from ...core.lazyre import lazy_compile

_BOM = "\ufeff"
_NEWLINE = lazy_compile(r"(\r\n|\r|\n)")
#: ``Label:`` then a space or the end of the line (``https://x`` and ``Note:this`` are no labels)
_LABEL = lazy_compile(r"([^\W\d_][\w\- ]*):(?:[ \t]|$)")
_MAX_WORDS = 4
_MAX_CHARS = 40
_FENCE = lazy_compile(r"( {0,3})(`{3,}|~{3,})(.*)$")
#: a Markdown heading that names the header block under it (EIPs of 2017: ``## Preamble``)
_PREAMBLE = lazy_compile(r" {0,3}#{1,6}[ \t]+preamble[ \t#]*$", re.IGNORECASE)
_MARKDOWN = frozenset({"md", "markdown", "mdown", "mkd", "mkdn", "mdwn"})
_RST = frozenset({"rst", "rest", "txt"})


@frozen
class RawEntry:
    """One ``label: value`` read from a page's text or a sidecar file, before any label is
    matched to a field; ``line`` is the 1-based line of the label."""

    label: str
    value: str | tuple[str, ...]
    line: int


@frozen
class HeaderBlock:
    """A header block found by :func:`read_header`: its entries and the 1-based lines it
    takes, wrapper included; ``wrapper`` is ``""`` (bare), ``"comment"``, ``"literal"`` or
    ``"code"`` (a Markdown indented code block, which must name its spec, see
    :meth:`.Vocabulary.header_is_metadata`)."""

    entries: tuple[RawEntry, ...]
    start: int
    end: int
    wrapper: str


def _lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` and their endings (``""`` for the last), which join back to it."""
    parts = _NEWLINE.split(text)
    return parts[0::2], [*parts[1::2], ""]


def _field(line: str) -> tuple[str, str] | None:
    """``Label: value`` -> ``(label, value)``, or None."""
    match = _LABEL.match(line)
    if match is None:
        return None
    label = match.group(1).strip()
    if len(label) > _MAX_CHARS or len(label.split()) > _MAX_WORDS:
        return None
    return label, line[match.end() :].strip()


def _entries(lines: list[tuple[int, str]]) -> tuple[RawEntry, ...] | None:
    """The fields of a block's ``(line number, text)`` lines, blank lines skipped; None when a
    line is neither a field nor a continuation, or when fewer than two fields are found."""
    found: list[tuple[str, list[str], int]] = []
    follows = False  # a continuation must follow a field or a continuation, not a blank line
    for number, text in lines:
        if not text.strip():
            follows = False
        elif text[0] in " \t":
            if not follows:
                return None
            found[-1][1].append(text.strip())
        else:
            field = _field(text)
            if field is None:
                return None
            found.append((field[0], [field[1]] if field[1] else [], number))
            follows = True
    if len(found) < 2:
        return None
    return tuple(RawEntry(label, " ".join(parts), number) for label, parts, number in found)


def _block(lines: list[tuple[int, str]], start: int, end: int, wrapper: str) -> HeaderBlock | None:
    entries = _entries(lines)
    return None if entries is None else HeaderBlock(entries, start, end, wrapper)


def _bare(lines: list[str], first: int) -> HeaderBlock | None:
    """Field lines from ``first`` (0-based) to the first blank line."""
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    return _block([(i + 1, lines[i]) for i in range(first, end)], first + 1, end, "")


def _html_comment(lines: list[str], first: int) -> HeaderBlock | None:
    """``<!--`` (alone, or with the first field after it) ... ``-->`` (after the last field or
    alone); nothing may follow ``-->`` on its line."""
    body: list[tuple[int, str]] = []
    for index in range(first, len(lines)):
        text = lines[index].lstrip(" ")[4:].lstrip() if index == first else lines[index]
        close = text.find("-->")
        if close >= 0:
            if text[close + 3 :].strip():
                return None
            body.append((index + 1, text[:close]))
            return _block(body, first + 1, index + 1, "comment")
        body.append((index + 1, text))
    return None  # never closed: the whole page is a comment, not a header


def _fenced(lines: list[str], first: int, fence: re.Match[str]) -> HeaderBlock | None:
    """A fenced code block (with or without an info string) holding the fields."""
    indent, marks, info = fence.groups()
    if marks[0] == "`" and "`" in info:
        return None  # CommonMark: no backtick in a backtick fence's info string
    closing = re.compile(rf" {{0,3}}{re.escape(marks[0])}{{{len(marks)},}}[ \t]*$")
    body: list[tuple[int, str]] = []
    for index in range(first + 1, len(lines)):
        text = lines[index]
        if closing.match(text):
            return _block(body, first + 1, index + 1, "literal")
        stripped = len(text) - len(text.lstrip(" "))
        body.append((index + 1, text[min(stripped, len(indent)) :]))
    return None  # never closed: the whole page is code, not a header


def _indented(lines: list[str], start: int, opener: int, wrapper: str) -> HeaderBlock | None:
    """The indented rST block from ``start`` (0-based), dedented, under the wrapper's line
    ``opener``; it ends before the first line at the left margin."""
    body: list[tuple[int, str]] = []
    last = start
    for index in range(start, len(lines)):
        text = lines[index].expandtabs(8)
        if text.strip():
            if text[0] != " ":
                break
            last = index
        body.append((index + 1, text))
    body = body[: last - start + 1]
    margin = min(len(t) - len(t.lstrip(" ")) for _, t in body if t.strip())
    return _block([(n, t[margin:]) for n, t in body], opener + 1, last + 1, wrapper)


def _rst_comment(lines: list[str], first: int) -> HeaderBlock | None:
    """A line ``..`` with the indented fields right under it (no blank line between: ``..``
    and a blank line is an empty comment, and what follows a block quote)."""
    start = first + 1
    if start >= len(lines) or not lines[start].strip() or lines[start][0] not in " \t":
        return None
    return _indented(lines, start, first, "comment")


def _rst_literal(lines: list[str], first: int) -> HeaderBlock | None:
    """A line ending ``::``, a blank line, then the indented fields."""
    start = first + 1
    if start >= len(lines) or lines[start].strip():
        return None
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start][0] not in " \t":
        return None
    return _indented(lines, start, first, "literal")


def _code_block(lines: list[str], first: int) -> HeaderBlock | None:
    """A Markdown indented code block of fields: at the top (``first`` is its first line), or
    under a heading that names it (``first`` is the heading's line, blank lines may follow)."""
    start = first if lines[first][:1] in (" ", "\t") else first + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not lines[start].expandtabs(4).startswith("    "):
        return None
    return _indented(lines, start, first, "code")


def read_header(text: str, suffix: str) -> HeaderBlock | None:
    """The header block at the top of ``text``, or None; ``suffix`` (``".md"``, ``".rst"``)
    says which wrappers may hide it (a bare block is read in any file). Never raises."""
    lines, _ = _lines(text)
    if lines[0].startswith(_BOM):
        lines[0] = lines[0][1:]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    head = lines[first]
    kind = suffix.lower().lstrip(".")
    if kind in _MARKDOWN:
        if head.lstrip(" ").startswith("<!--") and len(head) - len(head.lstrip(" ")) <= 3:
            return _html_comment(lines, first)
        fence = _FENCE.match(head)
        if fence is not None:
            return _fenced(lines, first, fence)
        if _PREAMBLE.match(head) or head.expandtabs(4).startswith("    "):
            return _code_block(lines, first)
    elif kind in _RST:
        if head.rstrip() == "..":
            return _rst_comment(lines, first)
        if head.rstrip().endswith("::") and head[0] not in " \t" and not head.startswith(".."):
            return _rst_literal(lines, first)
    return _bare(lines, first)


def blank_header(text: str, block: HeaderBlock) -> str:
    """``text`` with every line of ``block`` emptied, endings kept: the rest of the page keeps
    its line numbers and its parser never sees the block (a leading BOM stays)."""
    lines, endings = _lines(text)
    for index in range(max(block.start, 1) - 1, min(block.end, len(lines))):
        lines[index] = _BOM if index == 0 and lines[0].startswith(_BOM) else ""
    return "".join(line + ending for line, ending in zip(lines, endings, strict=True))
