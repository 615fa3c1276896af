"""The warning subtypes of sphinx-specs, as one documented enum.

Every problem the extension reports is a Sphinx warning with ``type="specs"`` and one of these
subtypes, so ``suppress_warnings = ["specs.<subtype>"]`` silences exactly one kind of problem.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

LOGGER = logging.getLogger("sphinxcontrib_specs")


class SpecsWarning(Enum):
    """A warning subtype; the value is what follows ``specs.`` in ``suppress_warnings``."""

    description: str

    def __new__(cls, value: str, description: str) -> SpecsWarning:
        member = object.__new__(cls)
        member._value_ = value
        member.description = description
        return member

    ID = (
        "id",
        "A spec or item ID is missing, does not match specs_id_pattern, or is used twice "
        "(both places are named); tracked items on a page without a spec.",
    )
    META = (
        "meta",
        "Bad metadata: missing or unknown status (the allowed values are listed), unknown option, "
        "bad date, updated before created, a bad issue reference, a required specs_fields field "
        "left out, two spec directives on a page, an item directive without its bullet list.",
    )
    SECTION = ("section", "A section that the spec's template requires is missing.")
    PLACEHOLDER = (
        "placeholder",
        "Template placeholder text is left in: [Spec Title], YYYY-MM-DD, [Author Name], "
        "[Metric 1]: [Target], any [Title Case] marker, or a section's hint sentence.",
    )
    REF = (
        "ref",
        "An unknown spec or item in a {spec} role, {covers}, supersedes, superseded-by, "
        "depends-on, related or a spec-type field; a spec that names itself; {covers} outside a "
        "tracked item.",
    )
    DOD = (
        "dod",
        "The status is one of the template's done statuses (or a gate with dod_done holds for "
        "it) while Definition-of-Done items are open.",
    )
    GATE = (
        "gate",
        "A spec claims a status whose gate (the template's gates) it does not meet: a section "
        "missing, an open question, too few approvals, an empty field; named with the status, "
        "the rule and what is missing.",
    )
    EVIDENCE = (
        "evidence",
        "Test results and code markers: a ticked Definition-of-Done item whose tests fail; a "
        "test or code marker naming an unknown spec or item (at its result file's or code "
        "file's line); a result file that is missing or not JUnit XML.",
    )
    CYCLE = (
        "cycle",
        "A depends-on or supersedes cycle; printed once per cycle, naming every member.",
    )
    FILTER = ("filter", "A :filter: expression that does not parse or names an unknown field.")
    CONFIG = (
        "config",
        "A specs_* configuration value of the wrong shape (the default is used instead); an item "
        "directive name another extension has (write spec-goals, ...); a specs.css in "
        "html_static_path, a theme's static/ or html_extra_path, which would replace the "
        "extension's stylesheet; a :::{spec} or report MyST read as text because its "
        "colon_fence extension is off.",
    )
    GIT = (
        "git",
        "Status history: git missing with specs_git = True, or a shallow clone (an info line: "
        "the history is partial; fetch more with fetch-depth: 0).",
    )
    STALE = (
        "stale",
        "A spec has stayed in its status longer than its template's stale_after allows (git "
        "history); named with the status, the date since when and the limit.",
    )
    SUSPECT = (
        "suspect",
        "A covering item whose covered goal or requirement was reworded in a later commit (git "
        "history; only with specs_suspect_warnings = True); named with the date and commit.",
    )
    IMPORT = (
        "import",
        "A specs_import source that cannot be read (missing file, HTTP error, timeout, bad JSON, "
        "not a specs.json), named with what is used instead; an imported spec whose ID a local "
        "spec (or an earlier import) already has.",
    )

    @classmethod
    def of(cls, subtype: str) -> SpecsWarning:
        """The member for ``subtype`` (``"meta"`` -> ``SpecsWarning.META``)."""
        return next(member for member in cls if member.value == subtype)


def included(node: nodes.Node | None, page: str) -> str | None:
    """The file ``node`` comes from when that is another than ``page`` (an include), else
    None."""
    source = getattr(node, "source", None)
    if not source or source == page or not Path(source).is_file():
        return None
    return str(source)


def file_line(path: str, line: int | None) -> str:
    """A warning's place in a file that is no document of the project (an included snippet),
    as Sphinx writes one: ``path:line``, or the path alone."""
    return f"{path}:{line}" if line else path


def warn(
    kind: SpecsWarning,
    message: str,
    *,
    location: str | tuple[str, int | None] | nodes.Node | None = None,
    **kwargs: Any,
) -> None:
    """Log a tagged warning: ``type="specs"``, ``subtype=kind.value``, at ``location``."""
    # Sphinx >= 8 appends "[specs.<subtype>]" itself (``show_warning_types``).
    LOGGER.warning(
        message,
        type="specs",
        subtype=kind.value,
        location=location,
        **kwargs,
    )
