"""The file and folder name and the H1 as a source: the number a spec is named with
(``0042-backups.md``, ``pep-0008.rst``, ``0042-backups/README.md``), and a number or ID before
the H1's title (``# 2. Use X``, ``# KEP-1234: Volume Snapshots``), which is the ID, not part of
the title. Shared by the recognizer, ``init`` and ``new``."""

from __future__ import annotations

import re
from pathlib import PurePath

from ...core.lazyre import lazy_compile
from ..labels import MAIN_NAMES

#: A file or folder name's number: leading (``0042-backups.md``) or after a word and a dash
#: (``eip-1559.md``, ``pep-0008.rst``).
NAME_NUMBER = lazy_compile(
    r"^(?:(?P<prefix>[A-Za-z]{1,12})(?P<separator>[-_]))?(?P<number>\d+)(?![A-Za-z])"
)


#: Folder names whose specs have a well-known prefix.
FOLDER_PREFIXES = {
    "adr": "ADR",
    "adrs": "ADR",
    "decisions": "ADR",
    "decision-records": "ADR",
    "architecture-decisions": "ADR",
    "rfcs": "RFC",
    "rfc": "RFC",
    "peps": "PEP",
    "keps": "KEP",
    "eips": "EIP",
}


def file_number(filename: str) -> int | None:
    """The number a file or folder is named with (``0042-x.md``, ``pep-0008.rst``), or None."""
    match = NAME_NUMBER.match(PurePath(filename).name)
    return int(match.group("number")) if match else None


def plain_id(filename: str, id_format: str) -> str | None:
    number = file_number(filename)
    return None if number is None else _formatted(number, id_format)


def numbered_name(path: PurePath) -> str:
    """The name a spec's number is in: its file's (``0042-x.md``), or its folder's for a spec
    folder's own page (``0042-x/README.md``)."""
    return path.parent.name if path.stem.casefold() in MAIN_NAMES else path.name


def name_lacks(filename: str, id_format: str, titled: bool, default_status: bool) -> list[str]:
    """What a page with no metadata lacks to be a spec by its name alone: a number in its name
    (or its folder's, for a ``README.md``), a heading for the title, and a template that gives
    a status to a spec that writes none (numbered decision records have all three)."""
    numbered = plain_id(numbered_name(PurePath(filename)), id_format)
    lacks = {
        "no number in its name": not numbered,
        "no heading to take a title from": not titled,
        "no default_status in its template": not default_status,
    }
    return [lack for lack, missing in lacks.items() if missing]


#: A number or ID before an H1's title: ``2. Title``, ``0004 - Title``, ``KEP-1234: Title``. The
#: title must start with a letter, so a version (``OAuth 2.0 support``, ``3.5 release plan``)
#: never reads as one; a prefix is joined to its number by a hyphen (``Q3 2024: roadmap`` is no ID).
HEADING_ID = lazy_compile(
    r"^\s*(?:(?P<prefix>[A-Za-z]{1,12})-)?(?P<number>\d+)\s*(?:[.:)\u2014\u2013]|\s-)\s+"
    r"(?P<title>[^\W\d_].*)$"
)


def split_heading(
    heading: str, id_format: str, id_pattern: str, number: int | None = None
) -> tuple[str | None, str]:
    """A leading ``2.`` or ``ABC-1234:`` before an H1's title is the spec's ID, not part of the
    title: (ID or None, the title without it; "" when the heading has none). With the file's own
    ``number`` known, only that number counts (``# 3. Title`` in ``0007-x.md`` is a title)."""
    match = HEADING_ID.match(heading)
    if match is None:
        return None, ""
    written, title = int(match.group("number")), match.group("title").strip()
    if number is not None and written != number:
        return None, ""
    prefix = match.group("prefix")
    formatted = _formatted(written, id_format)
    if prefix is None or (formatted and formatted.upper().startswith(prefix.upper() + "-")):
        return formatted, title
    as_written = f"{prefix}-{match.group('number')}"
    return (as_written if re.match(id_pattern, as_written) else None), title


def _formatted(number: int, id_format: str) -> str | None:
    try:
        return id_format.format(number=number)
    except (KeyError, IndexError, ValueError):
        return None
