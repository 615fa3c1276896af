"""What every command shares: the usage error, errors said in one line, and an output a
reader may leave early."""

from __future__ import annotations

import io
import os
import sys
import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TextIO


class CliError(Exception):
    """A usage or input problem: printed to stderr, exit status 2."""


def no_conf(folder: Path) -> str:
    """The message for a folder that is no Sphinx project yet, with the way to make it one."""
    return f"{folder} has no conf.py: `sphinx-specs init {folder}` writes one for its specs"


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


class ReaderMayLeave(io.TextIOBase):
    """``out`` for a command whose output is not its point: ``sphinx-specs init DIR | head``
    still writes its files when the reader leaves after ten lines (the rest of the output is
    dropped, and the process's standard output goes to the null device, as Python's docs advise
    for a pipe closed early, so that its flush at exit does not fail)."""

    def __init__(self, out: TextIO) -> None:
        self._out: TextIO | None = out

    def write(self, text: str) -> int:
        if self._out is not None:
            try:
                self._out.write(text)
            except BrokenPipeError:
                self._leave()
        return len(text)

    def flush(self) -> None:
        if self._out is not None:
            try:
                self._out.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        out, self._out = self._out, None
        if out is not None and out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
            os.close(devnull)
