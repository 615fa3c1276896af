"""The text of ``specs.json``: keys sorted, a two-space indent, UTF-8 as it is, a final newline,
and each test and code marker of an item on one line of its own.

Python's JSON encoder indents in Python, several times slower than it writes compact JSON in C.
Two things keep the text cheap to make: an item's ``tests`` and ``code`` (tens of thousands of
small objects in a project with evidence) are rows, written by the C encoder and put in place of
a token; and :func:`dumps_reusing` takes each spec entry an earlier build made from its text
instead of indenting it again (an incremental build changes few entries). :func:`dumps` is the
same text without an earlier build (tested).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

#: The lists of an item whose objects are written one to a line.
ROW_KEYS = ("tests", "code")
#: A row's text (one encoder for all: :func:`json.dumps` makes one a call).
_ROW = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


class Made(str):
    """A spec entry given as the text an earlier build made of it (:func:`dumps_reusing` puts
    it in place as it is): the caller knows the entry has not changed."""

    __slots__ = ()


def dumps(data: dict[str, Any]) -> str:
    """The document as text (see the module)."""
    return dumps_reusing(data, {})[0]


def dumps_reusing(
    data: dict[str, Any], made: Mapping[str, str]
) -> tuple[str, dict[str, str], dict[str, str]]:
    """:func:`dumps`'s text, what it made of each spec entry (its compact JSON -> its text), and
    each spec's entry text by spec ID.

    An entry whose compact JSON is a key of ``made`` (an earlier build's) takes that text; an
    entry that is a :class:`Made` is that text."""
    specs = data.get("specs")
    if not specs:
        return _indented(data) + "\n", {}, {}
    # the document without its specs, a token where they go (as the rows' tokens are made)
    nuls = _tokens(_compact({**data, "specs": None}))
    slot = f"{nuls}specs{nuls}"
    shell = _indented({**data, "specs": slot})
    now: dict[str, str] = {}
    texts: dict[str, str] = {}
    entries = []
    for spec_id in sorted(specs):
        entry = specs[spec_id]
        if isinstance(entry, Made):
            text: object = entry
        else:
            compact = _compact(entry)
            text = made.get(compact) or now.get(compact)
            if not isinstance(text, str):  # not made yet (or a file that is not ours)
                # the entry's own text, moved in by the two levels it stands at
                text = _entry_text(entry, compact).replace("\n", "\n    ")
            now[compact] = str(text)
        texts[spec_id] = str(text)
        entries.append(f"    {json.dumps(spec_id, ensure_ascii=False)}: {text}")
    block = "{\n" + ",\n".join(entries) + "\n  }"
    return shell.replace(json.dumps(slot), block) + "\n", now, texts


def _indented(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def _compact(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _tokens(compact: str) -> str:
    """NULs to put around a token in a document whose compact text is ``compact``: a run longer
    than any in its strings (a string's NUL is written ``\\u0000``), so the token's JSON text
    is nowhere else in the document's text."""
    width = 1
    while "\\u0000" * width in compact:
        width += 1
    return chr(0) * width


def _entry_text(entry: Any, compact: str) -> str:
    """One spec entry indented, its own and its items' rows each on one line."""
    items = entry.get("items") if isinstance(entry, dict) else None
    if not isinstance(items, dict):
        return _indented(entry)
    if not _has_rows(entry) and not any(_has_rows(item) for item in items.values()):
        return _indented(entry)
    # each row's place is a token holding its number: "\u0000\u00007\u0000\u0000"
    nuls = _tokens(compact)
    rows: list[str] = []

    def rowed(owner: dict[str, Any]) -> dict[str, Any]:
        """``owner`` (the spec or an item) with each of its rows as a token of its number."""
        tokens = {}
        for key in ROW_KEYS:
            if isinstance(owner.get(key), list):
                tokens[key] = [f"{nuls}{len(rows) + n}{nuls}" for n in range(len(owner[key]))]
                rows.extend(_ROW.encode(row) for row in owner[key])
        return {**owner, **tokens}

    spec = {
        **rowed(entry),
        "items": {k: rowed(item) if isinstance(item, dict) else item for k, item in items.items()},
    }
    nul = re.escape(json.dumps(nuls)[1:-1])
    return re.sub(f'"{nul}(\\d+){nul}"', lambda match: rows[int(match[1])], _indented(spec))


def _has_rows(item: object) -> bool:
    return isinstance(item, dict) and any(isinstance(item.get(key), list) for key in ROW_KEYS)
