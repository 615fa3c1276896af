"""Evidence records: the test cases read from JUnit XML files and the code markers read from
source files, as :mod:`.junit` and :mod:`.markers` make them and ``specs.json`` writes them.

Both are frozen and picklable, so that the Sphinx side can keep them in the domain's data and a
parallel build can merge them. Neither knows the specs: a record names the IDs it claims to
verify or implement as written, and the index decides which of them exist.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from .frozen import frozen

#: What a test case's run came to, as :attr:`TestCase.result` says it.
Result = Literal["passed", "failed", "error", "skipped"]

#: The results, worst first: the order reports list tests in.
RESULTS: Final[tuple[Result, ...]] = ("failed", "error", "skipped", "passed")


@frozen(slots=True)
class TestCase:
    """One ``<testcase>`` of a JUnit XML file.

    ``file`` is the test's own source file when the runner writes it (pytest's ``xunit1``
    family, gtest, jest-junit with ``addFileAttribute``), else ``""``; ``source`` is the result
    file it was read from and ``line`` the line of its ``<testcase>`` tag there (for warnings).
    ``message`` is the failure's, error's or skip's message, shortened; ``""`` for a pass.
    ``time`` is in seconds, None when the runner gives none. ``verifies`` holds the IDs the test
    names, as written, in the order first named.
    """

    # pytest would collect a class named Test* from a test module importing it
    __test__ = False

    name: str
    classname: str
    file: str
    result: Result
    message: str
    time: float | None
    verifies: tuple[str, ...]
    source: str
    line: int | None

    def as_json(self) -> dict[str, Any]:
        """The entry of an item's ``tests`` list in ``specs.json``."""
        return {
            "name": self.name,
            "classname": self.classname,
            "file": self.file,
            "result": self.result,
            "message": self.message,
            "time": self.time,
        }

    @property
    def full_name(self) -> str:
        """``classname.name``, or the name alone when there is no class name."""
        return f"{self.classname}.{self.name}" if self.classname else self.name


@frozen(slots=True)
class CodeMarker:
    """One ID named by a comment marker in a source file: ``# implements: SPEC-1.R2`` at line
    ``line`` (1-based) of ``path`` gives ``CodeMarker(path, line, "implements", "SPEC-1.R2")``.
    ``marker`` is spelled as configured, whatever case the comment wrote it in."""

    path: str
    line: int
    marker: str
    target: str

    def as_json(self, url: str | None = None) -> dict[str, Any]:
        """The entry of an item's ``code`` list in ``specs.json``; ``url`` as :func:`code_url`
        gives it, None when the project configures none."""
        return {"path": self.path, "line": self.line, "url": url}


def code_url(template: str, *, path: str, line: int, commit: str | None) -> str | None:
    """``specs_code["url"]`` filled in: ``{path}``, ``{line}`` and ``{commit}`` replaced (other
    braces are left alone). None when the template needs a commit and none is known: a link to
    a guessed revision would point at the wrong lines."""
    if "{commit}" in template:
        if not commit:
            return None
        template = template.replace("{commit}", commit)
    return template.replace("{path}", path).replace("{line}", str(line))
