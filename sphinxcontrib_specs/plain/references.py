"""References to other specs in plain specs' values: numbers, IDs, links and paths to their
files or folders, and web addresses, read the way public spec folders write them.

Sphinx-free and docutils-free; never raises (what names no spec is left out).
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import TYPE_CHECKING

from ..core.frozen import frozen
from ..core.lazyre import lazy_compile
from ..core.model import URL_SCHEME
from .readers import NOTHING, markdown_links, markdown_text, split_items, value_elements

if TYPE_CHECKING:
    from collections.abc import Sequence


_DEFAULT_ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]+$"
_REFERENCE_SEPARATOR = lazy_compile(r"[,;]")
_NUMBER = lazy_compile(r"#?(\d+)")
_PREFIXED_NUMBER = lazy_compile(r"([A-Za-z]+)[\s-]?(\d+)")
_PATH_NUMBER = lazy_compile(r"(?:[A-Za-z]+[-_]?)?(\d+)(?=$|[-_. ])")
_PATH_LIKE = lazy_compile(
    r".*[/\\].*|.+\.(?:md|markdown|mdx|rst|txt|adoc|html?|ya?ml)", re.IGNORECASE
)
_INDEX_NAMES = frozenset({"readme", "index", "_index", "kep"})
URL = URL_SCHEME


@frozen
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
    for element in value_elements(value):
        for _, item in split_items(element, _REFERENCE_SEPARATOR):
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
    if item.casefold() in NOTHING:
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
    if text.casefold() in NOTHING:
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
    """A link to a web page names a spec by its text when that is an ID (``[KEP-2004](...)``,
    not ``[#768](...)``, a pull request), or by a spec's name at the end of its address: a
    number and a slug (``.../keps/sig-network/2004-topology-aware-subsetting``) or the folder's
    own prefix (``.../EIPS/eip-1559`` for EIPs); never a bare number (``.../pull/768``) or
    another project's name (``.../rfc/rfc9110``, ``.../api/v2``). None: it names no spec."""
    named = text.strip() if text and ids.fullmatch(text.strip()) else ""
    address = re.split(r"[?#]", URL.sub("", url), maxsplit=1)[0].rstrip("/")
    stems = [re.sub(r"\.[A-Za-z0-9]{1,8}$", "", part) for part in address.split("/")]
    last = next((s for s in reversed(stems) if s.casefold() not in _INDEX_NAMES), "")
    own = re.match(r"([A-Za-z]+)[-_ ]?\{number", id_format)
    slugged = re.match(r"\d+[-_.][A-Za-z]", last) is not None
    prefixed = own is not None and re.fullmatch(rf"{own[1]}[-_]?\d+", last, re.IGNORECASE)
    in_name = _id_in_path(address, id_format) if "/" in address and (slugged or prefixed) else ""
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
