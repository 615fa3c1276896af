"""Code markers in: the comments in source files that name the spec items the code implements or
verifies, such as ``# implements: SPEC-0042.R1`` or ``// verifies: SPEC-0042.D1, SPEC-0042.D2``.

A plain scan, no language parser, so that one reader serves every language: a marker is one of
the marker words (any case) followed by a colon and a list of IDs, standing either first on its
line (in a docstring or a block comment's body) or right after a comment opener: ``#``, ``//``
(``///``, ``//!``), ``/*``, ``*`` (a block comment's continuation), ``--`` (SQL, Lua, Haskell),
``;``, ``%``, ``!`` or ``<!--``. That covers Python, shell, Go, C and C++, JavaScript and
TypeScript, Rust, Java, SQL and YAML. What it does not do, being a plain scan:

- tell comments from strings: ``"# implements: SPEC-1"`` in a string literal is a marker too;
- read a marker inside prose: ``# this implements: SPEC-1`` is not one (the word must open the
  comment), and neither is ``implements SPEC-1`` (no colon).

The IDs follow the colon, separated by commas and/or spaces, and end at the first word that is
not ID-shaped (a letter, then letters, digits and ``_``, with ``-`` or ``.`` between runs:
``SPEC-0042.R1``); only words with a digit are kept, so prose after the list such as
``implements: SPEC-1 and SPEC-2`` gives SPEC-1 and SPEC-2. Whether an ID exists is for the index
to say. Fast by construction: one compiled pattern per marker set (cached), each text scanned
once, the line of a match counted from the previous one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from .evidence import CodeMarker
from .lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Sequence

_ID: Final = r"[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*"
#: What may stand before a marker on its line (after stripping white space): nothing, or one of
#: these comment openers (``///`` and ``//!`` end in ``/`` and ``!``).
_OPENERS: Final = ("#", "/", "/*", "*", "--", ";", "%", "!", "<!--")
_ID_WORD = lazy_compile(_ID)
_HAS_DIGIT = lazy_compile(r"\d")


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    # no look-behind for the word's start: checked in Python on the few matches, it keeps the
    # pattern a plain literal search, several times faster over text with no marker
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    ids = rf"{_ID}(?:(?:[ \t]*,[ \t]*|[ \t]+){_ID})*"
    return re.compile(
        rf"(?P<marker>{alternatives})[ \t]*:[ \t]*(?P<ids>{ids})",
        re.IGNORECASE if ignore_case else 0,
    )


def scan_code(
    text: str, path: str, markers: Sequence[str] = ("implements", "verifies")
) -> list[CodeMarker]:
    """Every marker of ``text`` (the contents of the file at ``path``), one
    :class:`~.evidence.CodeMarker` per ID, in the order they stand; ``line`` is 1-based."""
    spelled = {marker.lower(): marker for marker in markers if marker}
    if not spelled:
        return []
    # A case-sensitive search of the lowered text is the fast one; it needs the offsets to
    # agree, which they do unless lowering changed the length (a few non-ASCII letters).
    lowered = text.lower()
    if len(lowered) == len(text):
        haystack, pattern = lowered, _pattern(tuple(spelled), False)
    else:
        haystack, pattern = text, _pattern(tuple(spelled), True)
    found: list[CodeMarker] = []
    line = 1
    counted = 0  # the offset up to which newlines are counted into ``line``
    for match in pattern.finditer(haystack):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue  # inside a longer word: "reimplements:"
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start].rstrip()
        if before and not before.endswith(_OPENERS):
            continue
        line += text.count("\n", counted, start)
        counted = start
        marker = spelled[match.group("marker").lower()]
        for word in _ID_WORD.findall(text, match.start("ids"), match.end("ids")):
            if _HAS_DIGIT.search(word):
                found.append(CodeMarker(path=path, line=line, marker=marker, target=word))
    return found
