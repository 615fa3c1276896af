"""A plain spec's entry, read: the option its label names (:mod:`.labels`) parses its raw value
with the value reader that fits (:mod:`.readers`), whatever source the entry came from.

- ``status``: markup read as text; ``superseded by X`` kept for the record (its successors named
  as references); a status with more words gives the template's status and a note
  (``Implemented (v2.2)`` -> ``Implemented``, note ``v2.2``);
- ``authors``: people (a YAML list as it is; ``Name, Company`` stays one person);
- dates (``created``, ``updated``, ``date`` fields): the formats real folders use, to ISO; a
  month (``January 2011``) to ``2011-01``; a value no format reads is kept and the record's
  check names the accepted formats;
- spec references (``supersedes``, ``superseded-by``, ``depends-on``, ``related``, ``spec``
  fields): bare numbers through the ID format, IDs as written, a path or link to another spec's
  file or folder as that page (a :class:`~..core.model.DocLink`, which the index resolves); a
  web page that names no spec (a pull request, a design document) as its address, which the
  record keeps as a web link;
- ``issues`` keep their links; a ``link`` field's value is its links as the folder writes
  them, each ``{"text", "url"}`` (:func:`read_links`): ``[apple/swift#22289](...) (revert PR)``
  one link with its note in the text, ``([pitch](...)) ([review](...))`` two, prose with one
  link in it that link with the prose as its text, text without a link as text (no warning:
  the folder wrote it so); only web pages and mail are linked (a link to a page of the
  project, or ``rdar://1``, is its text); everything else is read as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.lazyre import lazy_compile
from ..core.model import SUPERSEDED_BY, WEB_ADDRESS, DocLink
from .dates import read_date, read_month
from .labels import empty_value
from .readers import markdown_links, markdown_text, read_people, split_items, split_status
from .references import URL, read_references

if TYPE_CHECKING:
    from collections.abc import Sequence

#: (path as written, the file that wrote it) -> a link to the page it names, or None.
SpecPath = Callable[[str, str], "DocLink | None"]

#: How a link the parser resolved to a page stands in a value's text while the readers read it
#: (:func:`.sources.base.inline_source`), until :func:`references` makes it a ``DocLink``.
_DOC = "{doc}`"


def doc_mark(docname: str) -> str:
    return f"{_DOC}{docname}`"


_RST_LINK = lazy_compile(r"`([^`<>]*?)\s*<([^<>`\s]+)>`__?")


def rst_links(text: str) -> str:
    r"""reStructuredText's hyperlinks in a raw value (``\`30-Aug-2002 <https://...>\`__``, as a
    PEP's header block writes them) as Markdown links, which the readers read."""
    return _RST_LINK.sub(lambda m: f"[{m.group(1) or m.group(2)}]({m.group(2)})", text)


def _empty(raw: str | Sequence[str]) -> bool:
    if isinstance(raw, str):
        return not empty_value(raw).strip()
    return not any(empty_value(v).strip() for v in raw)


def references(
    raw: str | Sequence[str],
    filename: str,
    id_format: str,
    id_pattern: str,
    spec_path: SpecPath | None,
) -> list[str]:
    """Spec references as the record takes them (see the module docstring): IDs, and
    :class:`DocLink` for a spec named by its file."""
    values = [raw] if isinstance(raw, str) else list(raw)
    result: list[str] = []
    for value in values:
        for part in value.split(","):
            piece = part.strip()
            if not piece or not empty_value(piece):
                continue
            if piece.startswith(_DOC) and piece.endswith("`"):  # a link the parser resolved
                result.append(DocLink(piece[len(_DOC) : -1]))
                continue
            found = read_references(piece, id_format, id_pattern)
            if not found and web_page(piece):  # no spec: the record keeps it as a web link
                hrefs = [href for _, href in markdown_links(piece)]
                address = WEB_ADDRESS.match(piece)  # "https://.../pull/5 (first attempt)"
                result.extend(hrefs or ([address[0]] if address else []))
            elif not found:  # no spec named: kept, the check reports it
                result.append(piece)
            for ref in found:
                named = spec_path(ref.path, filename) if ref.path and spec_path else None
                result.append(named or ref.text or piece)
    return list(dict.fromkeys(result))


def web_page(value: str) -> bool:
    """Whether ``value`` is the address of a web page or a Markdown link to one (a design
    document, a pull request: no spec, and nothing to warn of when it names none)."""
    links = markdown_links(value)
    return all(URL.match(href) for _, href in links) if links else bool(URL.match(value))


def read_status(
    raw: str, statuses: Sequence[str], refs: Callable[[str], list[str]]
) -> tuple[str, str, list[str]]:
    """(status, note, successors) of a status value (see the module docstring): ``superseded
    by X`` is the status ``superseded by`` (the record's superseded status) and X its successors,
    read as references."""
    successor = SUPERSEDED_BY.match(raw) or SUPERSEDED_BY.match(markdown_text(raw))
    if successor is not None:
        named = refs(successor.group("successors").replace(" and ", ","))
        return "superseded by", "", named
    text = empty_value(markdown_text(raw))
    if not text:
        return "", "", []
    return (*split_status(text, statuses), [])


_LINK_SEPARATOR = lazy_compile(r"[,;]")
#: What may stand between links that are items of their own: brackets, spaces, "and", "|".
_BETWEEN_LINKS = lazy_compile(r"[\s()\[\]|/&+-]*(?:and)?[\s()\[\]|/&+-]*", re.IGNORECASE)


#: The addresses a link field links: web pages and mail.
_WEB = lazy_compile(r"(?:https?://|mailto:)", re.IGNORECASE)
#: A link no page ever follows (``javascript:alert(1)``): kept as text for the record to warn of.
_SCRIPT = lazy_compile(r"\s*(?:javascript|vbscript|data):", re.IGNORECASE)


def read_links(raw: str | Sequence[str]) -> list[dict[str, str | None] | str]:
    """A ``link`` field's items, each ``{"text", "url"}`` (see the module docstring); a script's
    address as text, which the record warns of."""
    items: list[dict[str, str | None] | str] = []
    values = [raw] if isinstance(raw, str) else list(raw)
    for value in values:
        for _, piece in split_items(value, _LINK_SEPARATOR):
            if not empty_value(piece).strip():
                continue
            # a web page's link (a link to a page of the project, which the parser made a
            # document name, is its text: the card has no way to it from every builder)
            links = [(t, href) for t, href in markdown_links(piece) if _WEB.match(href)]
            text = markdown_text(piece)
            if not links and _SCRIPT.match(text):  # never linked: the record's check warns
                items.append(text)
                continue
            if not links:
                address = WEB_ADDRESS.match(text)  # "https://x.org/7 (first try)" too
                # a sentence's full stop is no part of the address, as on GitHub
                url = address[0].rstrip(".,;:!?") if address and _WEB.match(address[0]) else None
                if url is not None and text.rstrip(".,;:!?") == url:
                    text = url
                items.append({"text": text, "url": url})  # "rdar://1", "TBD": text
                continue
            outside = text
            for link_text, _ in links:
                outside = outside.replace(link_text, " ", 1)
            if _BETWEEN_LINKS.fullmatch(outside):  # "([pitch](..)) ([review](..))": each
                items.extend({"text": t, "url": href} for t, href in links)
            else:  # "[x](..) (revert PR)", "Partially available in [snapshots](..) ...": one
                items.append({"text": text, "url": links[0][1]})
    return items


def read_value(
    option: str,
    raw: str | Sequence[str],
    *,
    kind: str,
    formats: Sequence[str],
    refs: Callable[[str | Sequence[str]], list[str]],
) -> str | list[str] | list[dict[str, str | None] | str]:
    """The value of ``option`` (whose field type is ``kind``: text, date, list, spec, issue,
    link, people) read from ``raw``."""
    if _empty(raw):
        return ""
    if kind == "people":
        return read_people(raw)
    if kind == "spec":
        return refs(raw)
    if kind == "link":
        return read_links(raw)
    keep = kind == "issue"
    if not isinstance(raw, str):
        texts = [markdown_text(v, keep_links=keep) for v in raw]
        return (
            [t for t in texts if empty_value(t)] if kind in ("list", "issue") else ", ".join(texts)
        )
    text = empty_value(markdown_text(raw, keep_links=keep))
    if kind == "date" and text:
        date = read_date(text, formats)
        return date.isoformat() if date is not None else (read_month(text) or text)
    return text
