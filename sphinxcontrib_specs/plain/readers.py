"""Value readers for plain specs: dates, Markdown in values, statuses, people and references, read
the way public spec folders (PEPs, KEPs, Swift Evolution, EIPs, ADRs) write them.

Sphinx-free and docutils-free. Every reader takes any text and never raises: a value it cannot read
comes back empty (``None``, ``[]``) or as written.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from markdown_it.token import Token

_MARKUP_CHARS = frozenset("*_`[<\\")
_ENTITY = re.compile(r"&#?\w+;")
#: Tags dropped from values; other ``<...>`` (``<ann at example.org>``) is text someone wrote.
_HTML_TAG = re.compile(
    r"<!--|<[?!]|</?(?:a|abbr|b|bdi|bdo|big|br|cite|code|data|del|dfn|div|em|font|i|img|ins|kbd"
    r"|mark|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?![\w-])",
    re.IGNORECASE,
)
#: Values that mean "nobody" / "nothing" in people and reference fields.
_NOTHING = frozenset({"", "tbd", "tbc", "n/a", "na", "none", "-", "--", "?", "et al", "et al."})


class _Parser(MarkdownIt):
    """CommonMark that keeps link targets as written: they are paths to resolve, not HTML."""

    def normalizeLink(self, url: str) -> str:
        return url


@functools.cache
def _parser() -> MarkdownIt:
    return _Parser("commonmark")


def _has_markup(value: str) -> bool:
    return not _MARKUP_CHARS.isdisjoint(value) or ("&" in value and bool(_ENTITY.search(value)))


def _inline(value: str) -> list[Token]:
    tokens = _parser().parseInline(value)
    return list(tokens[0].children or ()) if tokens else []


def _render(tokens: Sequence[Token], keep_links: bool, keep_emails: bool) -> str:
    out: list[str] = []
    link: list[str] | None = None  # the text of the link being read
    href = closer = ""
    for tok in tokens:
        kind = tok.type
        sink = out if link is None else link
        if kind in ("text", "text_special", "code_inline"):
            sink.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            sink.append(" ")
        elif kind == "image":
            sink.append(_render(tok.children or (), False, False))
        elif kind == "html_inline":
            if not _HTML_TAG.match(tok.content):
                sink.append(tok.content)
        elif kind == "link_open":  # an autolink's text is its URL (or address), as written
            href = str(tok.attrGet("href") or "")
            if tok.markup != "autolink":
                link = []
            elif keep_emails and href.startswith("mailto:"):
                out.append("<")
                closer = ">"
        elif kind == "link_close" and link is None:
            out.append(closer)
            closer = ""
        elif kind == "link_close" and link is not None:
            target = f"<{href}>" if re.search(r"[\s()]", href) else href
            out.append(f"[{''.join(link)}]({target})" if keep_links else "".join(link))
            link = None
    if link is not None:
        out.extend(link)
    return " ".join("".join(out).split())


def markdown_text(value: str, *, keep_links: bool = False) -> str:
    """Inline Markdown -> the text a reader sees, whitespace folded.

    Emphasis and code marks go, a link becomes its text and an autolink its URL, backslash escapes
    and entities are resolved, inline HTML tags are dropped. With ``keep_links``, each link stays
    ``[text](href)`` (its text markup-free) for fields that take links.
    """
    if not isinstance(value, str):
        return ""
    if not _has_markup(value):
        return " ".join(value.split())
    return _render(_inline(value), keep_links, False)


def markdown_links(value: str) -> list[tuple[str, str]]:
    """The ``(text, href)`` of each link and autolink in ``value``, in order."""
    if not isinstance(value, str) or ("[" not in value and "<" not in value):
        return []
    links: list[tuple[str, str]] = []
    tokens = _inline(value)
    for i, tok in enumerate(tokens):
        if tok.type == "link_open":
            end = next((j for j in range(i, len(tokens)) if tokens[j].type == "link_close"), None)
            text = _render(tokens[i + 1 : end], False, False)
            links.append((text, str(tok.attrGet("href") or "")))
    return links


# Statuses ---------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _status_regex(status: str) -> re.Pattern[str]:
    # "In progress", "in-progress" and "In_Progress" are one status.
    words = [re.escape(word) for word in re.split(r"[\s_-]+", status.strip()) if word]
    end = r"(?!\w)" if re.search(r"\w$", status.strip()) else ""
    return re.compile(r"[\s_-]+".join(words) + end, re.IGNORECASE)


def split_status(value: str, statuses: Sequence[str]) -> tuple[str, str]:
    """``(status, note)``: the first known status at the start of ``value`` and the rest.

    The longest status wins, spelled as in ``statuses``; it must end at a word boundary. Separators
    and one pair of parentheses around the note go: "Implemented (Swift 5.5)" ->
    ``("Implemented", "Swift 5.5")``. An unknown status gives ``(value, "")``.
    """
    if not isinstance(value, str):
        return "", ""
    value = unwrapped(value)
    known = sorted({s for s in statuses if isinstance(s, str) and s.strip()}, key=len, reverse=True)
    for status in known:
        if match := _status_regex(status).match(value):
            return status.strip(), _note(value[match.end() :])
    return value, ""


def unwrapped(status: str) -> str:
    """A status written in parentheses, ``(Proposed)``, without them."""
    inner = re.fullmatch(r"\s*\(([^()]+)\)\s*", status)
    return inner[1].strip() if inner else status.strip()


def _note(rest: str) -> str:
    rest = re.sub(r"^[\s,;:.\u2013\u2014-]+", "", rest).strip()
    if inner := re.fullmatch(r"\(([^()]*)\)|\[([^\[\]]*)\]", rest):
        rest = (inner[1] or inner[2] or "").strip()
    return rest if any(char.isalnum() for char in rest) else ""


# Splitting --------------------------------------------------------------------------------------
def _elements(value: str | Sequence[str]) -> list[str]:
    """A string or the elements of a list (a YAML value), whitespace folded."""
    if isinstance(value, str):
        return [" ".join(value.split())]
    try:
        return [" ".join(str(element).split()) for element in value or ()]
    except TypeError:  # not a sequence after all
        return []


def _split(text: str, separator: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """``(separator before, piece)`` pairs, split outside brackets (everywhere if they are off)."""
    depth, depths = 0, []
    for char in text:
        depths.append(depth)
        depth = max(0, depth + (char in "([<") - (char in ")]>"))
    start, before = 0, ""
    for match in separator.finditer(text):
        if depth == 0 and depths[match.start()] > 0:
            continue
        yield before, text[start : match.start()].strip()
        start, before = match.end(), match[0].strip()
    yield before, text[start:].strip()


# People -----------------------------------------------------------------------------------------

_PEOPLE_SEPARATOR = re.compile(r"[,;]|\s(?:and)\s", re.IGNORECASE)
_HANDLE = r"(?<![\w@.])@[A-Za-z0-9][\w-]*(?:/[\w.-]+)?"
_STRUCTURE = re.compile(
    rf"<[^<>\s@]+@[^<>\s@]+>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_HANDLE}|\[[^\]]*\]\([^)]*\)"
    r"|<[a-z][a-z0-9+.-]*://[^<>\s]*>",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"<[^<>\s@\\]+@[^<>\s@\\]+>")
_HANDLES = re.compile(rf"{_HANDLE}(?:\s+{_HANDLE})+")


def read_people(value: str | Sequence[str]) -> list[str]:
    """The authors ``value`` names, each as written but markup-free ("<e-mail>" kept).

    A sequence gives one person per element. A string is split on commas, ";" and " and ";
    but when a piece is structured (an e-mail, an @handle, a link), an unstructured piece joins the
    structured piece after it across a comma ("Lee, Ann <ann@x.org>"); after the last one, a
    company ("Ann <ann@x.org>, Acme Inc") joins it and a name is a person of its own. "Eve & Co"
    is one name. Space-separated @handles are several people.
    """
    elements = _elements(value)
    people = _split_people(elements[0]) if isinstance(value, str) else elements
    people = [_person_text(person) for person in people]
    return [person for person in people if person.casefold() not in _NOTHING]


_TRAILING_MAIL = re.compile(r"\s*(<[^<>\s@]+@[^<>\s@]+>)\s*$")


def _person_text(person: str) -> str:
    mail = _TRAILING_MAIL.search(person)
    if mail is not None and person[: mail.start()].strip():  # "Name <mail>": the name read alone
        name = person[: mail.start()]
        if any(c in name for c in "*_[`"):  # markup around the name; "&" and quotes are text
            name = _render(_inline(name), False, True)
        return " ".join(f"{name} {mail.group(1)}".split())
    if _has_markup(_EMAIL.sub("", person)):
        return _render(_inline(person), False, True)
    return " ".join(person.split())  # most people: "Name <e-mail>", read the same without parsing


def _split_people(text: str) -> list[str]:
    if text.casefold() in _NOTHING:
        return []
    runs: list[list[str]] = []  # comma-separated runs: only commas join a name to its structure
    for separator, piece in _split(text, _PEOPLE_SEPARATOR):
        if separator != "," or not runs:
            runs.append([])
        runs[-1].extend(piece.split() if _HANDLES.fullmatch(piece) else [piece])
    people: list[str] = []
    for run in runs:
        pieces = [piece for piece in run if piece]
        if not any(_STRUCTURE.search(piece) for piece in pieces):
            people.extend(pieces)
            continue
        waiting: list[str] = []
        for piece in pieces:
            waiting.append(piece)
            if _STRUCTURE.search(piece):
                people.append(", ".join(waiting))
                waiting = []
        for piece in waiting:  # "Name <mail>, Acme Corp" is one person; "..., Bob" another
            if _COMPANY.search(piece):
                people[-1] = f"{people[-1]}, {piece}"
            else:
                people.append(piece)
    return people


#: A piece after a person that names where they work, not another person.
_COMPANY = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|AG|S\.?A|Labs?|Foundation|University|Company|Co)\b\.?$"
)


# References -------------------------------------------------------------------------------------

_DEFAULT_ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]+$"
_REFERENCE_SEPARATOR = re.compile(r"[,;]")
_NUMBER = re.compile(r"#?(\d+)")
_PREFIXED_NUMBER = re.compile(r"([A-Za-z]+)[\s-]?(\d+)")
_PATH_NUMBER = re.compile(r"(?:[A-Za-z]+[-_]?)?(\d+)(?=$|[-_. ])")
_PATH_LIKE = re.compile(
    r".*[/\\].*|.+\.(?:md|markdown|mdx|rst|txt|adoc|html?|ya?ml)", re.IGNORECASE
)
_INDEX_NAMES = frozenset({"readme", "index", "_index", "kep"})
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Reference:
    """A reference to a spec, as a folder wrote it."""

    #: The spec ID it names when one can be told ("" when none).
    text: str
    #: The file or folder path it was written as (link target or bare path), for the caller to
    #: resolve to a page; None when it was written as an ID or a number.
    path: str | None


def read_references(
    value: str | Sequence[str], id_format: str, id_pattern: str = _DEFAULT_ID_PATTERN
) -> list[Reference]:
    """The spec references in ``value``: items separated by commas or ";" (or list elements).

    An item is a number ("291", "#291": formatted with ``id_format``), an ID matching
    ``id_pattern`` (kept as is), a link (its text when that is an ID or a number, else the number
    its target's name starts with) or a path (the number its last meaningful part starts with).
    Anything else ("RFC 2822", "TBD") is skipped.
    """
    ids = _id_regex(id_pattern if isinstance(id_pattern, str) else _DEFAULT_ID_PATTERN)
    fmt = id_format if isinstance(id_format, str) else "{number}"
    references: list[Reference] = []
    for element in _elements(value):
        for _, item in _split(element, _REFERENCE_SEPARATOR):
            references.extend(_read_item(re.sub(r"^[-*+]\s+", "", item), fmt, ids))
    return references


@functools.lru_cache(maxsize=64)
def _id_regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return re.compile(_DEFAULT_ID_PATTERN)


def _format_id(digits: str, id_format: str) -> str:
    try:
        return id_format.format(number=int(digits)) or digits
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return digits


def _read_item(item: str, id_format: str, ids: re.Pattern[str]) -> list[Reference]:
    if item.casefold() in _NOTHING:
        return []
    links = markdown_links(item)
    if links:
        linked = [
            _url_reference(text, href, id_format, ids)
            if URL.match(href)
            else Reference(
                _id_in(text, id_format, ids) or _id_in_path(href, id_format), href or None
            )
            for text, href in links
            if not href.startswith("mailto:")
        ]
        return [ref for ref in linked if ref is not None]
    text = re.sub(r"\s*\([^()]*\)$", "", markdown_text(item))  # "SE-0042 (Private fields)"
    if text.casefold() in _NOTHING:
        return []
    if found := _id_in(text, id_format, ids):
        return [Reference(found, None)]
    if URL.match(text):
        ref = _url_reference("", text, id_format, ids)
        return [] if ref is None else [ref]
    if " " not in text:
        path_like = _PATH_LIKE.fullmatch(re.split(r"[?#]", text, maxsplit=1)[0])
        return [Reference(_id_in_path(text, id_format), text)] if path_like else []
    words = [_read_item(word, id_format, ids) for word in text.split()]
    if all(words):  # "#12 #13"
        return [reference for found_in_word in words for reference in found_in_word]
    return words[0] if words[0] and words[0][0].text else []  # "SE-0042: Title"


def _url_reference(text: str, url: str, id_format: str, ids: re.Pattern[str]) -> Reference | None:
    """A link to a web page names a spec by its text or by a spec's name in its address
    (``.../keps/sig-network/2004-topology-aware-subsetting``, ``.../EIPS/eip-1559``), never by a
    bare number at its end (``.../community/pull/768`` is a pull request, not KEP 768); a web
    page that names none is no reference to a spec (None)."""
    named = _id_in(text, id_format, ids) if text else ""
    address = re.split(r"[?#]", URL.sub("", url), maxsplit=1)[0].rstrip("/")
    last = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", address.rsplit("/", 1)[-1])
    in_name = "" if last.isdigit() or "/" not in address else _id_in_path(address, id_format)
    return Reference(named or in_name, url) if named or in_name else None


def _id_in(text: str, id_format: str, ids: re.Pattern[str]) -> str:
    """The spec ID ``text`` is ("" when none): an ID, a number, or "PEP 8" for PEP-style IDs."""
    text = text.strip().rstrip(".,:;")
    if ids.fullmatch(text):
        return text
    if match := _NUMBER.fullmatch(text):
        return _format_id(match[1], id_format)
    if match := _PREFIXED_NUMBER.fullmatch(text):
        own = re.match(r"[A-Za-z]+", _format_id("0", id_format))
        if own and own[0].casefold() == match[1].casefold():
            return _format_id(match[2], id_format)
    return ""


def _id_in_path(path: str, id_format: str) -> str:
    """The ID the last meaningful part of ``path`` numbers ("" when none)."""
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    for part in reversed(re.split(r"[/\\]", path)):
        stem = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", part)
        if stem in ("", ".", "..") or stem.casefold() in _INDEX_NAMES:
            continue
        match = _PATH_NUMBER.match(stem)
        if match is None or _is_date(match[1]):  # KEPs named 20181024-x.md before numbers
            return ""
        return _format_id(match[1], id_format)
    return ""


def _is_date(digits: str) -> bool:
    """Whether ``digits`` is a date written YYYYMMDD (a file named by its day, not a number)."""
    if len(digits) != 8 or not digits.startswith(("19", "20")):
        return False
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True
