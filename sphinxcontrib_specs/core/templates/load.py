"""Spec templates from configuration: ``specs_templates`` read into :class:`.Template` records.

The records live in :mod:`.model` and the built-in templates in :mod:`.builtin`. A key of the
wrong shape is a :class:`TemplateError` that drops that template's entry; a bad gate rule,
``stale_after`` entry or ``required_from`` is left out alone and comes back as a message, as
:mod:`.gates` does, so that ``config.py`` warns it (``specs.config``) and core stays free of
Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .builtin import (
    BUILTIN_TEMPLATES,
)
from .gates import parse_gates
from .model import Section, Template
from .titles import normalize_title

__all__ = ["TemplateError", "build_templates", "builtin_items", "template_from_config"]


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
    "metadata_sections",
    "metadata_file",
    "date_formats",
    "dod_sections",
    "goal_sections",
    "question_sections",
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
    sections = value.get("metadata_sections", base.metadata_sections)
    if not isinstance(sections, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in sections.items()
    ):
        raise TemplateError(
            'metadata_sections must be a dict of section title -> field, e.g. {"Status": "status"}'
        )
    result["metadata_sections"] = dict(sections)
    for key in ("metadata_file", "date_formats", "dod_sections", "goal_sections"):
        result[key] = _strings(value.get(key, getattr(base, key)), key)
    result["question_sections"] = _strings(
        value.get("question_sections", base.question_sections), "question_sections"
    )
    for pattern in result["date_formats"]:
        if "%" not in pattern:
            raise TemplateError(
                f"date format {pattern!r} is no strftime pattern; write e.g. '%d-%b-%Y'"
            )
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
    if not isinstance(labels, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in labels.items()
    ):
        raise TemplateError("labels must be a dict of option -> label (text)")
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
        except TemplateError as exc:  # said with the template it is about
            message = str(exc)
            named = repr(name) in message
            problems.append(message if named else f"specs_templates[{name!r}]: {message}")
    return templates, problems
