"""The rules that turn what an author writes into the IDs and anchors everything else uses.

- :func:`full_target`: a relative item ID (``G1``) names an item of the spec it is written in
  (``SPEC-1.G1``); a target with a dot, or one that is a spec ID, stays as written. The numbering
  transform applies it when a page is read (a spec ID is then anything the ID pattern matches:
  the other pages are not read yet), the index when it joins a spec folder's sub-pages (a spec ID
  is a spec it knows).
- :func:`anchor`: the HTML id of a spec or an item, as docutils' ``make_id`` makes it for ASCII
  IDs (``SPEC-1.G2`` -> ``spec-1-g2``; ``make_id`` also transliterates a few letters such as
  ``ø`` and ``ß``, which this drops), so that the pages, ``specs.json`` and a ``specs.json`` read
  back by the command line agree.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Callable

_NON_ID = lazy_compile(r"[^a-z0-9]+")
_NON_ID_AT_ENDS = lazy_compile(r"^[-0-9]+|-+$")


def full_target(target: str, owner: str | None, is_spec: Callable[[str], object]) -> str:
    """``target`` with its spec: ``G1`` written in spec ``owner`` is ``owner.G1``."""
    if owner is None or "." in target or is_spec(target):
        return target
    return f"{owner}.{target}"


def anchor(text: str) -> str:
    """The HTML id of ``text``: lower case, ASCII letters and digits, ``-`` between runs, no
    leading digit or ``-`` (docutils' ``make_id`` for the IDs specs use); ``spec`` when nothing
    is left (an ID of digits only)."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _NON_ID_AT_ENDS.sub("", _NON_ID.sub("-", ascii_text)) or "spec"
