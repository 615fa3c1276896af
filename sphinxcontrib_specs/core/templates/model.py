"""A spec template's shape: its :class:`Template` and :class:`Section` records, the default card
labels and the placeholders every template shares.

The built-in templates are filled in :mod:`.builtin`; ``specs_templates`` entries are read into
these records by :mod:`.load`. Also :class:`GateRules`, one status's gate (read and evaluated by
:mod:`.gates`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import field
from typing import TYPE_CHECKING

from ..frozen import frozen
from ..lazyre import lazy_compile
from .titles import squash

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

#: The options whose card labels a template may rename, with their default labels.
DEFAULT_LABELS: dict[str, str] = {
    "status": "Status",
    "authors": "Authors",
    "team": "Team",
    "created": "Created",
    "updated": "Last Updated",
    "issues": "Related Issues",
    "tags": "Tags",
    "template": "Template",
    "supersedes": "Supersedes",
    "depends-on": "Depends on",
    "related": "Related",
    "superseded_by": "Superseded by",
    "needed_by": "Needed by",
    "referenced_by": "Referenced by",
    "progress": "Definition of Done",
    "approvers": "Approvers",
}

#: What a spec's own options and built-in fields are called: no ``specs_fields`` entry takes one.
BUILT_IN_NAMES = frozenset(
    [*(k.replace("_", "-") for k in DEFAULT_LABELS), "title", "status-note", "authors-note", "id"]
)
#: A ``specs_fields`` name: an option name (``:name: value``).
FIELD_NAME = lazy_compile(r"^[a-z][a-z0-9_-]*$")


def field_name(label: str, taken: Iterable[str] = ()) -> str:
    """A ``specs_fields`` name for a folder's ``label`` that the build takes: its words in lower
    case with hyphens, after ``field-`` when it does not start with a letter (``2nd Reviewer``),
    with ``-field`` when a built-in option or a name in ``taken`` has it (``Progress``)."""
    name = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-") or "field"
    if not FIELD_NAME.match(name):
        name = f"field-{name}"
    while name in BUILT_IN_NAMES or name in taken:
        name = f"{name}-field"
    return name


#: Placeholders every template shares: the fill-in markers of the original template files.
COMMON_PLACEHOLDERS: tuple[str, ...] = (
    "[Spec Title]",
    "[Author Name]",
    "[Team Name]",
    "YYYY-MM-DD",
    "[Metric 1]: [Target]",
    "[Metric 2]: [Target]",
    "[Link]",
    "[One-paragraph abstract]",
)


@frozen
class GateRules:
    """The rules of one status's gate; ``later``: whether later statuses inherit them."""

    sections: tuple[str, ...] = ()
    questions_resolved: bool = False
    approvals: int = 0
    fields: tuple[str, ...] = ()
    dod_done: bool = False
    #: Every ticked Definition-of-Done item has a passing test and none failing (evidence).
    dod_verified: bool = False
    later: bool = True


@frozen
class Section:
    """One section of a template: its title, whether it is required, the hint text, children,
    and the kinds of tracked item whose list it holds (``sphinx-specs new`` writes one each)."""

    title: str
    required: bool = True
    hint: str = ""
    children: tuple[Section, ...] = ()
    items: tuple[str, ...] = ()
    #: A status from which on the section is required ("" : always, when ``required``).
    required_from: str = ""

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Section]]:
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@frozen
class Template:
    """A spec template: what the spec check, the card and ``sphinx-specs new`` follow."""

    name: str
    statuses: tuple[str, ...]
    done_statuses: tuple[str, ...] = ()
    inactive_statuses: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    #: The options the template's metadata block lists, in its order (``new`` writes these).
    fields: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    placeholders: tuple[str, ...] = COMMON_PLACEHOLDERS
    #: Status -> days a spec may stay in it before ``specs.stale`` (git history); off when empty.
    stale_after: Mapping[str, int] = field(default_factory=dict)
    #: Plain specs: more labels that name an option when reading (option -> labels).
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Plain specs: the status of a file that writes none ("" : none).
    default_status: str = ""
    #: Plain specs: the label of a field that gives the title / the ID ("" : none).
    title_field: str = ""
    id_field: str = ""
    #: Statuses that mark a spec as superseded (``superseded by X`` names the spec that does).
    superseded_statuses: tuple[str, ...] = ()
    #: Plain specs: section title -> the option its paragraph (or one-line list) holds.
    metadata_sections: Mapping[str, str] = field(default_factory=dict)
    #: Plain specs: sibling metadata file patterns (``{folder}/kep.yaml``, ``{stem}.meta.yml``).
    metadata_file: tuple[str, ...] = ()
    #: Plain specs and dates: strftime patterns tried in order after ISO ``YYYY-MM-DD``.
    date_formats: tuple[str, ...] = ()
    #: Plain specs: more section titles whose lists are DoD items, goals, open questions.
    dod_sections: tuple[str, ...] = ()
    goal_sections: tuple[str, ...] = ()
    question_sections: tuple[str, ...] = ()
    #: Regular expressions whose matches are placeholders too (``\{[a-z][^{}]*\}``).
    placeholder_patterns: tuple[str, ...] = ()
    #: Status -> the rules a spec must meet to claim it (:mod:`.gates`).
    gates: Mapping[str, GateRules] = field(default_factory=dict)
    #: The placeholders and hints by their squashed text (built once, see below).
    marker_names: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        markers = [m for m in (*self.placeholders, *self.hints()) if m.strip()]
        names = {squash(m): m for m in reversed(markers)}  # the first spelling wins
        object.__setattr__(self, "marker_names", names)

    @functools.cached_property
    def marker_pattern(self) -> re.Pattern[str]:
        """The placeholders and hints as one pattern over squashed text, compiled when a page
        first holds one (every build makes the templates; few pages keep a placeholder)."""
        # longest first, so a hint that contains a shorter marker is reported whole
        alternatives = sorted(self.marker_names, key=len, reverse=True)
        return re.compile("|".join(re.escape(m) for m in alternatives) or r"(?!)")

    def label(self, option: str) -> str:
        """The card label of an option: the template's spelling, else the default."""
        return self.labels.get(option) or DEFAULT_LABELS.get(option) or option.capitalize()

    def canonical_status(self, value: str) -> str | None:
        """The template's spelling of ``value`` (matched case-insensitively), or None."""
        wanted = " ".join(value.split()).casefold()
        for status in self.statuses:
            if status.casefold() == wanted:
                return status
        return None

    def is_done(self, status: str) -> bool:
        return status in self.done_statuses

    def is_inactive(self, status: str) -> bool:
        return status in self.inactive_statuses

    def walk_sections(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk()

    def hints(self) -> Iterator[str]:
        for _, section in self.walk_sections():
            if section.hint:
                yield section.hint
