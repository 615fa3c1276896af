"""Dates as public spec folders write them (``2001-07-05``, ``05-Jul-2001``, ``July 5, 2001``,
``2001/07/05``, ...), and a template's own ``date_formats``. English month names in any case
whatever the machine's locale (no ``strptime``: its names follow the locale Sphinx sets)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from ..core.lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Sequence

#: ``strptime``-style patterns tried after ISO 8601, unambiguous ones only (never ``05/07/2001``,
#: which a template must name explicitly). Month and weekday names are English, any case; ``%b``
#: also takes "Sept" and a trailing dot, ``%d`` an ordinal suffix ("5th").
BUILTIN_DATE_FORMATS: tuple[str, ...] = (
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d %b, %Y",
    "%d %B, %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d/%b/%Y",
    "%a, %d %b %Y",
    "%A, %B %d, %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y-%b-%d",
)

_ISO = lazy_compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
    r"\s*(?:Z|UTC|[+-]\d\d(?::?\d\d)?)?)?",
    re.IGNORECASE,
)
_MONTHS = "january february march april may june july august september october november december"
_MONTH_NUMBERS = {name: n for n, name in enumerate(_MONTHS.split(), 1)}
_MONTH_NUMBERS |= {name[:3]: n for name, n in _MONTH_NUMBERS.items()} | {"sept": 9}
#: One capturing group each; the letter decides what the group means.
_DIRECTIVES = {
    **dict.fromkeys("mHM", r"(\d{1,2})"),
    "S": r"(\d{1,2}(?:\.\d+)?)",
    "d": r"(\d{1,2})(?:st|nd|rd|th)?",
    "Y": r"(\d{4})",
    "y": r"(\d{2})",
    "b": r"(sept|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\.?",
    "B": "(" + _MONTHS.replace(" ", "|") + ")",
    "a": r"(mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?",
    "A": "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
}


# Dates ------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=256)
def _compile_date(pattern: str) -> tuple[re.Pattern[str], str] | None:
    """A strftime pattern -> a regex and the directive letter of each group (None: unsupported)."""
    parts: list[str] = []
    letters = ""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "%":
            letter = pattern[i + 1 : i + 2]
            i += 2
            if letter == "%":
                parts.append("%")
            elif letter in _DIRECTIVES:
                parts.append(_DIRECTIVES[letter])
                letters += letter
            else:
                return None
        elif char.isspace():
            while i < len(pattern) and pattern[i].isspace():
                i += 1
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
            i += 1
    return re.compile("".join(parts), re.IGNORECASE), letters


def _match_date(value: str, pattern: str) -> dt.date | None:
    compiled = _compile_date(pattern)
    match = compiled[0].fullmatch(value) if compiled else None
    if not compiled or not match:
        return None
    year = None
    month = day = 1
    for letter, group in zip(compiled[1], match.groups(), strict=True):
        if letter == "Y":
            year = int(group)
        elif letter == "y":
            year = int(group) + (1900 if int(group) >= 69 else 2000)  # strptime's pivot
        elif letter == "m":
            month = int(group)
        elif letter in "bB":
            month = _MONTH_NUMBERS[group.lower()]
        elif letter == "d":
            day = int(group)
    try:
        return dt.date(year, month, day) if year is not None else None
    except ValueError:
        return None


def _read_date(
    value: str, formats: Sequence[str], builtin: bool = True
) -> tuple[dt.date, str] | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    value = value.strip().strip("*_`").strip()  # **2020-01-02**, `2020-01-02`
    if value.endswith(".") and value[-2:-1].isdigit():  # a sentence's end: "March 4, 2019."
        value = value[:-1]
    if match := _ISO.fullmatch(value):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), "%Y-%m-%d"
        except ValueError:
            pass  # "2001-13-05": maybe a template's "%Y-%d-%m"
    explicit = (formats,) if isinstance(formats, str) else tuple(formats or ())
    for pattern in (*explicit, *(BUILTIN_DATE_FORMATS if builtin else ())):
        if isinstance(pattern, str) and (date := _match_date(value, pattern)):
            return date, pattern
    return None


#: A date known to the month only (``Created: January 2011``, as Go's designs write it).
MONTH_FORMATS: tuple[str, ...] = ("%B %Y", "%b %Y", "%B, %Y", "%b, %Y", "%Y/%m")


def read_month(value: str) -> str | None:
    """The month ``value`` writes as ISO 8601's ``YYYY-MM`` (``January 2011`` -> ``2011-01``),
    or None; Markdown around it and a full stop after it are ignored, as :func:`read_date`."""
    value = value.strip().strip("*_`").strip().removesuffix(".") if isinstance(value, str) else ""
    for pattern in MONTH_FORMATS:
        if len(value) <= 40 and (date := _match_date(value, pattern)):
            return f"{date.year:04d}-{date.month:02d}"
    return None


def read_date(value: str, formats: Sequence[str] = (), *, builtin: bool = True) -> dt.date | None:
    """The date ``value`` writes, or None.

    ISO 8601 first (a datetime gives its date), then the template's ``formats`` in order, then
    (``builtin``) :data:`BUILTIN_DATE_FORMATS`. Markdown around the value, surrounding
    whitespace and a full stop after it (``March 4, 2019.``) are ignored.
    """
    found = _read_date(value, formats, builtin)
    return found[0] if found else None


#: Numeric forms no folder's dates can be told apart by without a template saying which one
#: (``05/07/2001``): ``sphinx-specs init`` picks the one a folder's dates all fit.
NUMERIC_DATE_FORMATS: tuple[str, ...] = ("%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y")


def date_format(value: str, formats: Sequence[str] = (), *, builtin: bool = True) -> str | None:
    """The pattern :func:`read_date` reads ``value`` with (``"%Y-%m-%d"`` for ISO), or None."""
    found = _read_date(value, formats, builtin)
    return found[1] if found else None
