"""The dates a spec's record holds: ISO 8601's ``YYYY-MM-DD``, or ``YYYY-MM`` for a date a spec
gives to the month only (``Created: January 2011``)."""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A spec's date known to the month only (``Created: January 2011``): ISO 8601's ``YYYY-MM``.
ISO_MONTH = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")


def parse_date(value: str) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` date, or None when ``value`` is not one."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_spec_date(value: str) -> dt.date | None:
    """A spec's ``created`` or ``updated``: an ISO date, or a month (``2011-01``), which
    compares and sorts as its first day; None when ``value`` is neither."""
    value = value.strip()
    if ISO_MONTH.match(value):
        return dt.date(int(value[:4]), int(value[5:]), 1)
    return parse_date(value)
