"""Spec templates as data: statuses, field labels, sections, placeholder text.

The two built-in templates (``proposal`` and ``technical``) are plain data below;
``specs_templates`` in ``conf.py`` adds templates or changes these (see :func:`build_templates`).
The section-title matching rules and the placeholder detector live in :mod:`.sections`.

One concern: the built-in templates are data that read better whole, beside the classes they fill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .gates import GateRules, parse_gates
from .sections import normalize_title, squash

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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    #: Regular expressions whose matches are placeholders too (``\{[a-z][^{}]*\}``).
    placeholder_patterns: tuple[str, ...] = ()
    #: Status -> the rules a spec must meet to claim it (:mod:`.gates`).
    gates: Mapping[str, GateRules] = field(default_factory=dict)
    #: The placeholders and hints as one pattern over squashed text (built once, see below).
    marker_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    marker_names: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        markers = [m for m in (*self.placeholders, *self.hints()) if m.strip()]
        names = {squash(m): m for m in reversed(markers)}  # the first spelling wins
        # longest first, so a hint that contains a shorter marker is reported whole
        alternatives = sorted(names, key=len, reverse=True)
        pattern = "|".join(re.escape(m) for m in alternatives) or r"(?!)"
        object.__setattr__(self, "marker_pattern", re.compile(pattern))
        object.__setattr__(self, "marker_names", names)

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


def _s(
    title: str,
    hint: str = "",
    *children: Section,
    required: bool = True,
    items: tuple[str, ...] = (),
) -> Section:
    return Section(title=title, required=required, hint=hint, children=tuple(children), items=items)


#: The placeholder item ``sphinx-specs new`` writes in a list of each built-in kind.
ITEM_PLACEHOLDERS: dict[str, str] = {
    "goal": "[Goal 1]",
    "non-goal": "[Non-goal 1]",
    "requirement": "[Requirement 1]",
    "dod": "[Condition 1]",
    "question": "[Question 1]",
    "milestone": "[Milestone 1]",
    "kpi": "[Metric 1]: [Target]",
    "risk": "[Risk 1]",
}


def item_placeholder(kind: str) -> str:
    """The placeholder item of ``kind``; ``[Kind 1]`` for a kind from ``specs_item_kinds``."""
    return ITEM_PLACEHOLDERS.get(kind) or f"[{kind.replace('-', ' ').capitalize()} 1]"


PROPOSAL = Template(
    name="proposal",
    statuses=("Draft", "Under Review", "Accepted", "Implemented", "Deferred"),
    done_statuses=("Implemented",),
    inactive_statuses=("Deferred",),
    gates={
        "Accepted": GateRules(sections=("Proposed Solution / Design",), questions_resolved=True),
        "Implemented": GateRules(dod_done=True),
    },
    labels={
        "status": "Status",
        "authors": "Authors",
        "created": "Created",
        "updated": "Last Updated",
        "issues": "Related Issues",
    },
    fields=("status", "authors", "created", "updated", "issues"),
    sections=(
        _s("Summary", "Summarize the proposal in one paragraph: what changes, and for whom."),
        _s("Motivation", "Explain why this change is needed and what problem it solves."),
        _s(
            "Goals & Non-Goals",
            "List what this proposal aims to achieve, and what it explicitly does not.",
            items=("goal", "non-goal"),
        ),
        _s(
            "Proposed Solution / Design",
            "Describe the proposed solution in enough detail for a reviewer to judge it.",
        ),
        _s(
            "Definition of Done",
            "List the conditions that must hold for this proposal to count as implemented.",
            items=("dod",),
        ),
        _s(
            "Alternatives Considered",
            "Describe the alternatives you considered and why you rejected them.",
            required=False,
        ),
        _s(
            "Open Questions",
            "List the questions that are still open and need an answer before acceptance.",
            required=False,
            items=("question",),
        ),
        _s(
            "References",
            "Link to related specs, issues, discussions and prior art.",
            required=False,
        ),
    ),
)

TECHNICAL = Template(
    name="technical",
    statuses=("Draft", "Review", "Approved"),
    labels={
        "authors": "Author(s)",
        "team": "Team",
        "created": "Created",
        "updated": "Last Updated",
        "status": "Status",
    },
    fields=("authors", "team", "created", "updated", "status"),
    sections=(
        _s(
            "Introduction",
            "",
            _s("Problem Overview", "Describe the problem this specification solves."),
            _s(
                "Context and Background",
                "Give the background a reader needs to follow the rest of the document.",
                required=False,
            ),
            _s(
                "Goals and Requirements",
                "List the goals and the requirements they lead to.",
                items=("requirement",),
            ),
            _s(
                "Non-Goals",
                "List what is explicitly out of scope.",
                required=False,
                items=("non-goal",),
            ),
            _s("Assumptions", "List the assumptions this design relies on.", required=False),
        ),
        _s(
            "Current Solution (if applicable)",
            "Describe how the problem is handled today, if it is.",
            required=False,
        ),
        _s(
            "Proposed Solution",
            "",
            _s("Overview", "Give a high-level overview of the proposed solution."),
            _s("Data Model", "Describe the data model and its changes.", required=False),
            _s("Business Logic", "Describe the business rules the system applies.", required=False),
            _s("API Design", "Describe the API: endpoints, payloads, errors.", required=False),
            _s(
                "User Interface (if applicable)",
                "Describe the user interface changes, if any.",
                required=False,
            ),
        ),
        _s(
            "Architecture",
            "",
            _s("System Components", "Name the components and what each does."),
            _s("Data Flow", "Describe how data flows between the components.", required=False),
            _s(
                "External Dependencies",
                "List the external services and libraries the design depends on.",
                required=False,
            ),
        ),
        _s(
            "Implementation Considerations",
            "",
            _s("Scalability", "Explain how the design scales.", required=False),
            _s("Security", "Describe the security considerations.", required=False),
            _s("Error Handling", "Describe how errors are detected and handled.", required=False),
            _s(
                "Monitoring and Observability",
                "Describe the metrics, logs and alerts.",
                required=False,
            ),
        ),
        _s(
            "Impact Analysis",
            "",
            _s("Other Teams", "Name the teams affected and how.", required=False),
            _s("Cost Analysis", "Estimate the cost of building and running this.", required=False),
            _s(
                "Risks and Mitigation",
                "List the risks and how each is mitigated.",
                required=False,
                items=("risk",),
            ),
        ),
        _s(
            "Success Metrics",
            "",
            _s(
                "Key Performance Indicators",
                "List the KPIs as Metric: Target.",
                required=False,
                items=("kpi",),
            ),
            _s("Measurement Plan", "Explain how the KPIs are measured.", required=False),
        ),
        _s(
            "Implementation Plan",
            "",
            _s(
                "Phases/Milestones",
                "List the phases and their milestones.",
                required=False,
                items=("milestone",),
            ),
            _s(
                "Dependencies and Blockers",
                "List what must happen first and what blocks the work.",
                required=False,
            ),
            _s("Future Work", "List the work left for later.", required=False),
        ),
        _s(
            "Open Questions and Discussion",
            "List the open questions.",
            required=False,
            items=("question",),
        ),
        _s(
            "References and Related Work",
            "Link to related specs, documents and prior art.",
            required=False,
        ),
    ),
)

BUILTIN_TEMPLATES: dict[str, Template] = {t.name: t for t in (PROPOSAL, TECHNICAL)}


# ---------------------------------------------------------------------------------------------
# Building templates from configuration
# ---------------------------------------------------------------------------------------------


class TemplateError(ValueError):
    """A ``specs_templates`` entry of the wrong shape."""


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TemplateError(f"{what} must be a list of strings")
    return tuple(value)


def builtin_items(title: str) -> tuple[str, ...]:
    """The item kinds of the built-in section titled like ``title`` (a section of a template
    from ``specs_templates`` named "Definition of Done" holds a ``dod`` list too)."""
    wanted = normalize_title(title)
    for template in BUILTIN_TEMPLATES.values():
        for _, section in template.walk_sections():
            if section.items and normalize_title(section.title) == wanted:
                return section.items
    return ()


def _section(value: Any) -> Section:
    if isinstance(value, str):
        return Section(title=value, items=builtin_items(value))
    if isinstance(value, Mapping):
        unknown = set(value) - {"title", "required", "hint", "children", "required_from"}
        if unknown or not isinstance(value.get("title"), str):
            raise TemplateError(
                "a section is a title string or a dict with 'title' and optional "
                "'required', 'hint', 'children', 'required_from'"
            )
        if not isinstance(value.get("required_from", ""), str):
            raise TemplateError(f"section {value['title']!r}: required_from must be a status")
        return Section(
            title=value["title"],
            required=bool(value.get("required", True)),
            hint=str(value.get("hint", "")),
            children=tuple(_section(c) for c in value.get("children", ())),
            items=builtin_items(value["title"]),
            required_from=value.get("required_from", ""),
        )
    raise TemplateError(f"a section must be a string or a dict, not {type(value).__name__}")


_TEMPLATE_KEYS = {
    "statuses",
    "done",
    "inactive",
    "labels",
    "fields",
    "sections",
    "placeholders",
    # plain specs (see docs/reference/config.md)
    "aliases",
    "default_status",
    "title_field",
    "id_field",
    "superseded",
    "placeholder_patterns",
    # git history
    "stale_after",
    # status gates (core/gates.py)
    "gates",
}


def _plain_keys(name: str, value: Mapping[str, Any], base: Template) -> dict[str, Any]:
    """The plain-spec keys of a ``specs_templates`` entry (aliases, default status, title and ID
    fields, superseded statuses), checked; keys left out are taken from ``base``."""
    aliases = value.get("aliases", base.aliases)
    if not isinstance(aliases, Mapping) or not all(isinstance(k, str) for k in aliases):
        raise TemplateError("aliases must be a dict of option -> list of labels")
    result: dict[str, Any] = {
        "aliases": {k: _strings(v, f"aliases[{k!r}]") for k, v in aliases.items()},
        "superseded_statuses": _strings(
            value.get("superseded", base.superseded_statuses), "superseded"
        ),
        "placeholder_patterns": _strings(
            value.get("placeholder_patterns", base.placeholder_patterns), "placeholder_patterns"
        ),
    }
    for pattern in result["placeholder_patterns"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise TemplateError(f"placeholder pattern {pattern!r} is not valid: {exc}") from None
    for key, attribute in (
        ("default_status", "default_status"),
        ("title_field", "title_field"),
        ("id_field", "id_field"),
    ):
        text = value.get(key, getattr(base, attribute))
        if not isinstance(text, str):
            raise TemplateError(f"{key} must be a string")
        result[attribute] = text
    statuses = _strings(value.get("statuses", base.statuses), "statuses")
    for status in (result["default_status"], *result["superseded_statuses"]):
        if status and status not in statuses:
            raise TemplateError(f"template {name!r}: {status!r} is not one of its statuses")
    return result


def template_from_config(
    name: str, value: Any, base: Template | None, problems: list[str] | None = None
) -> Template:
    """One template from a ``specs_templates`` entry; keys left out are taken from ``base``.
    A bad gate rule, ``stale_after`` entry or ``required_from`` is left out and named in
    ``problems``."""
    if not isinstance(value, Mapping):
        raise TemplateError(f"specs_templates[{name!r}] must be a dict")
    unknown = set(value) - _TEMPLATE_KEYS
    if unknown:
        raise TemplateError(
            f"specs_templates[{name!r}] has unknown keys {sorted(unknown)}; "
            f"known: {sorted(_TEMPLATE_KEYS)}"
        )
    if base is None:
        if "statuses" not in value:
            raise TemplateError(f"the new template {name!r} needs 'statuses'")
        base = Template(name=name, statuses=())
    statuses = _strings(value.get("statuses", base.statuses), "statuses")
    if not statuses:
        raise TemplateError(f"template {name!r} needs at least one status")
    done = _strings(value.get("done", base.done_statuses), "done")
    inactive = _strings(value.get("inactive", base.inactive_statuses), "inactive")
    for status in (*done, *inactive):
        if status not in statuses:
            raise TemplateError(f"template {name!r}: {status!r} is not one of its statuses")
    labels = value.get("labels", base.labels)
    if not isinstance(labels, Mapping):
        raise TemplateError("labels must be a dict of option -> label")
    sections = value.get("sections")
    result = replace(
        base,
        name=name,
        statuses=statuses,
        done_statuses=done,
        inactive_statuses=inactive,
        labels=dict(labels),
        fields=_strings(value.get("fields", base.fields), "fields"),
        sections=base.sections if sections is None else tuple(_section(s) for s in sections),
        placeholders=_strings(value.get("placeholders", base.placeholders), "placeholders"),
        **_plain_keys(name, value, base),
    )
    problems = problems if problems is not None else []
    if "stale_after" in value:
        stale_after = _stale_after(value["stale_after"], name, statuses, problems)
    else:
        stale_after = {s: days for s, days in base.stale_after.items() if s in statuses}
    return _with_gates(replace(result, stale_after=stale_after), value, problems)


def _with_gates(template: Template, value: Mapping[str, Any], problems: list[str]) -> Template:
    """``template`` with the entry's ``gates`` (or the base's, on statuses it still has) and its
    sections' ``required_from`` checked against its statuses; bad ones are dropped."""
    statuses = template.statuses
    if "gates" in value:
        gates, found = parse_gates(value["gates"], statuses)
        problems.extend(f"template {template.name!r}: {p}" for p in found)
    else:
        gates = {s: rules for s, rules in template.gates.items() if s in statuses}

    def checked(section: Section) -> Section:
        required_from = section.required_from
        if required_from and required_from not in statuses:
            problems.append(
                f"template {template.name!r}: section {section.title!r}: required_from "
                f"{required_from!r} is not one of its statuses ({', '.join(statuses)})"
            )
            required_from = ""
        children = tuple(checked(c) for c in section.children)
        return replace(section, required_from=required_from, children=children)

    sections = tuple(checked(s) for s in template.sections)
    return replace(template, gates=gates, sections=sections)


def _stale_after(
    value: Any, name: str, statuses: tuple[str, ...], problems: list[str]
) -> dict[str, int]:
    """``{"Under Review": 60}``: whole days (> 0) by status of the template. A bad entry is left
    out and named in ``problems`` (as a bad gate rule is): the template keeps its other entries."""
    where = f"template {name!r}: stale_after"
    example = f"{{{statuses[0]!r}: 90}}"
    if not isinstance(value, Mapping):
        problems.append(
            f"{where} must be a dict of status -> days, not {type(value).__name__}; "
            f"write e.g. {example}"
        )
        return {}
    result: dict[str, int] = {}
    for status, days in value.items():
        if status not in statuses:
            problems.append(
                f"{where}: {status!r} is not one of the template's statuses "
                f"({', '.join(statuses)}); write one of those"
            )
        elif isinstance(days, bool) or not isinstance(days, int) or days <= 0:
            problems.append(
                f"{where}[{status!r}] is {days!r}, not a whole number of days > 0; "
                f"write e.g. {{{status!r}: 60}}"
            )
        else:
            result[status] = days
    return result


def build_templates(config_value: Any) -> tuple[dict[str, Template], list[str]]:
    """The built-in templates updated by ``specs_templates``; problems come back as messages."""
    templates = dict(BUILTIN_TEMPLATES)
    problems: list[str] = []
    if not isinstance(config_value, Mapping):
        return templates, ["specs_templates must be a dict of name -> template"]
    for name, value in config_value.items():
        try:
            templates[name] = template_from_config(name, value, templates.get(name), problems)
        except TemplateError as exc:
            problems.append(str(exc))
    return templates, problems
