"""A spec's status history, from the texts of its file at each commit. Sphinx-free.

The git reader (``git/reader.py``) gives, per spec file, its :class:`Revision` s oldest first;
:func:`compute` turns them into a :class:`History`: the status changes, the first and last
commit dates and the date since when the spec is in its current status.

The status at an old commit comes from a light reader of the file's text (:func:`status_in_text`),
never from Sphinx: the first ``:status:`` option line, ``**Status:**`` line or front-matter
``status:`` line. A status written any other way at an old commit is not seen there; the current
status always comes from the build's own record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .frozen import frozen
from .lazyre import lazy_compile

_FRONT_MATTER = lazy_compile(r"\A(?:\ufeff)?---\r?\n(.*?)\r?\n---\s*$", re.DOTALL | re.MULTILINE)
_FRONT_STATUS = lazy_compile(r"^status:\s*[\"']?(.+?)[\"']?\s*$", re.MULTILINE)
_OPTION = lazy_compile(r"^\s*:status:\s*(.+?)\s*$", re.MULTILINE)
_PLAIN = lazy_compile(r"^\s*(?:[-*]\s+)?\*\*Status:?\*\*:?\s*(.+?)\s*$", re.MULTILINE)

#: The commit of a revision that is the working tree (uncommitted edits).
UNCOMMITTED = ""


def status_in_text(text: str) -> str | None:
    """The status a spec file's text gives, read lightly (see the module docstring)."""
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_STATUS.search(front.group(1))
        if found:
            return found.group(1).strip() or None
    for pattern in (_OPTION, _PLAIN):
        found = pattern.search(text)
        if found:
            return found.group(1).strip() or None
    return None


@frozen(slots=True)
class Revision:
    """One version of a spec file: at a commit, or the working tree (``commit == ""``)."""

    commit: str
    date: str
    author: str
    status: str | None


@frozen(slots=True)
class Change:
    """One status change; the first entry of a history has ``before is None``."""

    date: str
    commit: str
    author: str
    before: str | None
    after: str | None

    def as_json(self) -> dict[str, str | None]:
        return {
            "date": self.date,
            "commit": self.commit or None,
            "author": self.author or None,
            "from": self.before,
            "to": self.after,
        }


@dataclass(slots=True)
class History:
    """What git says of one spec."""

    changes: list[Change] = field(default_factory=list)
    created: str | None = None
    updated: str | None = None
    #: False when the repository is a shallow clone: the oldest entries may be missing.
    complete: bool = True

    @property
    def status_since(self) -> str | None:
        return self.changes[-1].date if self.changes else None


def compute(revisions: list[Revision], current: str | None, *, complete: bool = True) -> History:
    """The history of one spec from its revisions (oldest first) and its current status.

    A revision whose text gives no status (metadata broken for a while, or a page that was not
    a spec yet) changes nothing, so the history starts at the first status; the newest revision
    takes ``current``, the status of the build's record, so the card and the history never
    disagree.
    """
    history = History(complete=complete)
    if not revisions:
        return history
    history.created = revisions[0].date
    history.updated = revisions[-1].date
    status: str | None = None
    last = len(revisions) - 1
    for number, revision in enumerate(revisions):
        seen = current if number == last else revision.status
        if seen is None or (history.changes and seen == status):
            continue
        history.changes.append(
            Change(revision.date, revision.commit, revision.author, status, seen)
        )
        status = seen
    return history


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The build's date: ``SOURCE_DATE_EPOCH`` when it is set (UTC), else today (UTC)."""
    import os

    value = (environ if environ is not None else os.environ).get("SOURCE_DATE_EPOCH", "")
    if value.strip().isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def days_since(date: str, today: dt.date) -> int | None:
    """Whole days from ``date`` (YYYY-MM-DD) to ``today``; None for a date that does not parse."""
    try:
        return (today - dt.date.fromisoformat(date[:10])).days
    except ValueError:
        return None


_DAYS = lazy_compile(r"^\s*(\d+)\s*d\s*$", re.IGNORECASE)


def parse_since(value: str, today: dt.date) -> dt.date | None:
    """``:since: 2026-01-01`` or ``:since: 30d`` (days before ``today``); None if neither."""
    found = _DAYS.match(value)
    if found:
        return today - dt.timedelta(days=int(found.group(1)))
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def stale_days(limit: int | None, history: History | None, today: dt.date) -> int:
    """Days past ``limit`` (the template's ``stale_after`` for the spec's status) since the spec
    took its status; 0 when not stale or not known."""
    if not limit or history is None or history.status_since is None:
        return 0
    days = days_since(history.status_since, today) or 0
    return days if days > limit else 0
