"""Section titles compared as readers see them: case, punctuation and a leading number aside
(``2. Design & Scope`` is ``design and scope``), and the titles that satisfy a template's."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lazyre import lazy_compile


def squash(text: str) -> str:
    return " ".join(text.split()).casefold()


_NUMBERING = lazy_compile(r"^\s*(?:(?:\d+|[ivxlc]+|[a-z])[.)]?(?:\d+[.)]?)*)\s+", re.IGNORECASE)
_PUNCT = lazy_compile(r"[^\w\s]+")
_PARENS = lazy_compile(r"\s*\([^)]*\)\s*")


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
