"""Value readers for plain specs: Markdown in values, statuses and people, read the way public
spec folders (PEPs, KEPs, Swift Evolution, EIPs, ADRs) write them (dates: :mod:`.dates`,
references to other specs: :mod:`.references`).

Sphinx-free and docutils-free. Every reader takes any text and never raises: a value it cannot read
comes back empty (``None``, ``[]``) or as written.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from ..core.lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from markdown_it.token import Token

_MARKUP_CHARS = frozenset("*_`[<\\")
_ENTITY = lazy_compile(r"&#?\w+;")
#: Tags dropped from values; other ``<...>`` (``<ann at example.org>``) is text someone wrote.
_HTML_TAG = lazy_compile(
    r"<!--|<[?!]|</?(?:a|abbr|b|bdi|bdo|big|br|cite|code|data|del|dfn|div|em|font|i|img|ins|kbd"
    r"|mark|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?![\w-])",
    re.IGNORECASE,
)
#: Values that mean "nobody" / "nothing" in people and reference fields.
NOTHING = frozenset({"", "tbd", "tbc", "n/a", "na", "none", "-", "--", "?", "et al", "et al."})


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
            out.append(markdown_link("".join(link), href) if keep_links else "".join(link))
            link = None
    if link is not None:
        out.extend(link)
    return " ".join("".join(out).split())


def markdown_link(text: str, href: str) -> str:
    """``[text](href)``, the address in ``<>`` when it holds a space or a bracket."""
    return f"[{text}](<{href}>)" if re.search(r"[\s()]", href) else f"[{text}]({href})"


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
    """A status written in parentheses, ``(Proposed)``, without them (a template's choices,
    ``(Proposed / Accepted)``, stay: they are no status)."""
    inner = re.fullmatch(r"\s*\(([^()/|,]+)\)\s*", status)
    return inner[1].strip() if inner else status.strip()


def _note(rest: str) -> str:
    rest = re.sub(r"^[\s,;:.\u2013\u2014-]+", "", rest).strip()
    if inner := re.fullmatch(r"\(([^()]*)\)|\[([^\[\]]*)\]", rest):
        rest = (inner[1] or inner[2] or "").strip()
    return rest if any(char.isalnum() for char in rest) else ""


# Splitting --------------------------------------------------------------------------------------
def value_elements(value: str | Sequence[str]) -> list[str]:
    """A string or the elements of a list (a YAML value), whitespace folded."""
    if isinstance(value, str):
        return [" ".join(value.split())]
    try:
        return [" ".join(str(element).split()) for element in value or ()]
    except TypeError:  # not a sequence after all
        return []


def split_items(text: str, separator: re.Pattern[str]) -> Iterator[tuple[str, str]]:
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

_PEOPLE_SEPARATOR = lazy_compile(r"[,;]|\s(?:and)\s", re.IGNORECASE)
_HANDLE = r"(?<![\w@.])@[A-Za-z0-9][\w-]*(?:/[\w.-]+)?"
_STRUCTURE = lazy_compile(
    rf"<[^<>\s@]+@[^<>\s@]+>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_HANDLE}|\[[^\]]*\]\([^)]*\)"
    r"|<[a-z][a-z0-9+.-]*://[^<>\s]*>",
    re.IGNORECASE,
)
_EMAIL = lazy_compile(r"<[^<>\s@\\]+@[^<>\s@\\]+>")
_HANDLES = lazy_compile(rf"{_HANDLE}(?:\s+{_HANDLE})+")


def people_note(text: str) -> tuple[str, str]:
    """``text`` cut where its names give way to prose: ``Jay Conrod based on discussion with
    Daniel Martí, Paul Jolly`` is the people ``Jay Conrod`` and the note ``based on discussion
    with Daniel Martí, Paul Jolly``; ``Ann Lee et al.`` is Ann Lee and ``et al.``; ``Ann Lee
    <ann@x.org>, with help from Bob`` is Ann Lee and ``with help from Bob``. The prose is two
    words or more from one that starts prose (``based``, ``with``, ``et``...), after a name in
    the same piece or after another piece, outside brackets; in a piece with an e-mail, a
    handle or a link, only after it (``[Ann Lee](url) et al.``, ``@ann et al.``). A word that
    may say where a person works (``Ann Lee for Acme, Bob Stone``) starts no prose.
    ``(text, "")`` when there is no such prose."""
    at = 0
    for _, piece in split_items(text, _PEOPLE_SEPARATOR):
        start = text.find(piece, at)
        at = start + len(piece)
        structure = list(_STRUCTURE.finditer(piece))
        # the words after the piece's last e-mail, handle or link, else before any bracket:
        # "(Technology Lab, with Huawei)" is no prose
        after = structure[-1].end() if structure else 0
        if piece[:after].count("(") > piece[:after].count(")"):
            # "Ann Lee (@ann, with help from Carol)": the words after the bracket's end
            end = piece.find(")", after)
            if end < 0:
                continue
            after = end + 1
        head = piece[after:].split("(", 1)[0]
        words = [(after + w.start(), w[0]) for w in _WORD.finditer(head)]
        prose = next((n for n, (_, w) in enumerate(words) if w in _PROSE), None)
        if prose is None or len(words) - prose < 2:
            continue
        if prose == 0 and not structure and not text[:start].strip():
            continue  # nobody before it: "with Ann Lee" is a name, however odd
        cut = start + words[prose][0]
        return text[:cut].rstrip(" ,;-\u2013\u2014"), text[cut:].strip()
    return text, ""


_WORD = lazy_compile(r"\S+")
#: Words that start prose after the people: never a name's.
_PROSE = frozenset({"based", "with", "et", "via", "assisted", "thanks", "inspired", "building"})
_PROSE |= {"originally", "plus", "see"}


def read_people(value: str | Sequence[str]) -> list[str]:
    """The authors ``value`` names, each as written but markup-free ("<e-mail>" kept).

    A sequence gives one person per element. A string is split on commas, ";" and " and ";
    but when a piece is structured (an e-mail, an @handle, a link), an unstructured piece joins the
    structured piece after it across a comma ("Lee, Ann <ann@x.org>"); after the last one, a
    company ("Ann <ann@x.org>, Acme Inc") joins it and a name is a person of its own. "Eve & Co"
    is one name, "Ann (@ann) & Bob (@bob)" two. Space-separated @handles are several people.
    """
    elements = value_elements(value)
    people = _split_people(elements[0]) if isinstance(value, str) else elements
    people = [_person_text(person) for person in people]
    return [person for person in people if person.casefold() not in NOTHING]


_TRAILING_MAIL = lazy_compile(r"\s*(<[^<>\s@]+@[^<>\s@]+>)\s*$")


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
    if text.casefold() in NOTHING:
        return []
    joined = text.split(" & ")  # "Ann (@ann) & Bob (@bob)" are two; "Eve & Co" is one name
    if len(joined) > 1 and all(_STRUCTURE.search(part) for part in joined):
        text = "; ".join(joined)
    runs: list[list[str]] = []  # comma-separated runs: only commas join a name to its structure
    for separator, piece in split_items(text, _PEOPLE_SEPARATOR):
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
                if all(_full_name(w) for w in waiting):
                    # "Ann Lee, Bob Stone (bob@x.org)": Ann Lee is a person ("Lee, Ann Marie
                    # <mail>" is one: Lee is no full name)
                    people.extend(waiting[:-1])
                    waiting = waiting[-1:]
                people.append(", ".join(waiting))
                waiting = []
        for piece in waiting:  # "Name <mail>, Acme Corp" is one person; "..., Bob" another
            if _COMPANY.search(piece):
                people[-1] = f"{people[-1]}, {piece}"
            else:
                people.append(piece)
    return people


def _full_name(piece: str) -> bool:
    """Whether the name in a piece (its structure left out) has two capitalized words or more
    ("Bob Stone <bob@x.org>", not "Lee" or "van der Berg"): a first name and a family name."""
    name = re.sub(r"\([^()]*\)", " ", _STRUCTURE.sub(" ", piece))
    return sum(word[:1].isupper() for word in name.split()) > 1


#: A piece after a person that names where they work, not another person.
_COMPANY = lazy_compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|AG|S\.?A|Labs?|Foundation|University|Company|Co)\b\.?$"
)
