"""The dates a spec's record holds: ISO 8601's ``YYYY-MM-DD``, or ``YYYY-MM`` for a date a spec
gives to the month only (``Created: January 2011``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .lazyre import lazy_compile

_ISO_DATE = lazy_compile(r"^\d{4}-\d{2}-\d{2}$")
#: A spec's date known to the month only (``Created: January 2011``): ISO 8601's ``YYYY-MM``.
ISO_MONTH = lazy_compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")


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


# How specs.json writes them ------------------------------------------------------------------


def as_day(date: str | None) -> str | None:
    """A record's date as ``specs.json`` writes it: always a day (a month's first), so that
    every reader of ``YYYY-MM-DD`` reads it; ``date_precision`` says which are months."""
    return f"{date}-01" if date is not None and ISO_MONTH.match(date) else date


def precision(created: str | None, updated: str | None) -> dict[str, Any]:
    """``{"date_precision": {"created": "month"}}`` for the dates known to the month only."""
    months = {
        name: "month"
        for name, date in (("created", created), ("updated", updated))
        if date is not None and ISO_MONTH.match(date)
    }
    return {"date_precision": months} if months else {}


def as_month(date: str | None, months: dict[str, Any], name: str) -> str | None:
    """A date ``specs.json`` wrote as its month's first day back to the month, ``2011-01``."""
    return date[:7] if date and months.get(name) == "month" else date
