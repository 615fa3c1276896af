"""What every command shares: the usage error, and errors said in one line."""

from __future__ import annotations

import traceback


class CliError(Exception):
    """A usage or input problem: printed to stderr, exit status 2."""


def one_line(exc: BaseException) -> str:
    """``exc`` as one line. Sphinx's error for a failing ``conf.py`` holds a whole traceback:
    that becomes its first sentence, the place in ``conf.py`` and the exception raised there."""
    text = str(exc).strip()
    cause = exc.__cause__
    if "Traceback (most recent call last)" in text and cause is not None:
        first = text.splitlines()[0].rstrip(": ")
        where = [
            f"{frame.filename}, line {frame.lineno}"
            for frame in traceback.extract_tb(cause.__traceback__)
            if frame.filename.endswith("conf.py")
        ]
        place = f" ({where[-1]})" if where else ""
        return f"{first}{place}: {type(cause).__name__}: {cause}"
    return " ".join(text.split())
