"""Regular expressions compiled on their first use, not when their module is imported.

Every build imports the whole package, and most of its module-level patterns serve what a
given project does not have (plain specs' header shapes, git history, the query language):
compiling them all at import was about 1 % of an incremental build at 100 specs.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiles it at the first attribute asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Reached only for what the instance does not hold yet: the attribute is then kept on the
        # instance, so a pattern's second ``.match`` costs what it costs on a compiled pattern.
        if name.startswith("__"):  # copy, pickle and friends: no pattern's own dunders
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        value = getattr(self._compiled, name)
        self.__dict__[name] = value
        return value


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
