"""The ``specs_*`` configuration values: one typed dataclass, validated on ``config-inited``.

Each field of :class:`SpecsConfig` is registered as the flat config value ``specs_<name>``. A value
of the wrong shape is a ``specs.config`` warning and the default is used instead, so a typo in
``conf.py`` never crashes a build. :class:`Settings` is the parsed form the rest of the code reads.

One concern: the ``specs_*`` values, declared and typed in one dataclass and parsed into one
``Settings`` (the evidence values' own parser is :mod:`.core.evidenceconfig`, Sphinx-free).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .core.colors import normalize_hex
from .core.evidenceconfig import EvidenceSettings, parse_evidence
from .core.frozen import frozen
from .core.itemkinds import BUILTIN_ITEM_KINDS, ItemKind
from .core.templates.gates import unknown_fields
from .core.templates.load import build_templates
from .core.templates.model import BUILT_IN_NAMES, FIELD_NAME
from .warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .core.templates.model import Template


#: Directive aliases: another name for a built-in item directive.
ITEM_ALIASES = {"dod": "definition-of-done"}

FIELD_TYPES = ("text", "date", "list", "spec", "issue", "link")


@frozen
class ExtraField:
    """A field declared with ``specs_fields``: an extra option of the ``spec`` directive."""

    name: str
    type: str = "text"
    required: bool = False
    label: str = ""

    @property
    def display(self) -> str:
        return self.label or self.name.replace("-", " ").replace("_", " ").capitalize()


def _meta(help_text: str) -> dict[str, str]:
    return {"help": help_text}


@dataclass
class SpecsConfig:
    """The configuration values, as registered (``specs_`` + field name)."""

    id_pattern: str = field(
        default=r"^[A-Z][A-Z0-9]*-[0-9]+$",
        metadata=_meta("Regular expression every spec ID must match."),
    )
    templates: dict[str, Any] = field(
        default_factory=dict,
        metadata=_meta("Templates to add, or changes to the built-in ones, by name."),
    )
    default_template: str = field(
        default="proposal", metadata=_meta("Template of a spec without :template:.")
    )
    fields: list[dict[str, Any]] = field(
        default_factory=list,
        metadata=_meta("Extra spec options: dicts with name, type, required, label."),
    )
    item_kinds: list[dict[str, Any]] = field(
        default_factory=list,
        metadata=_meta("Custom tracked-item kinds: dicts with directive, kind, prefix, checkable."),
    )
    author_url: str = field(
        default="https://github.com/{handle}", metadata=_meta("URL of an @handle author.")
    )
    issue_url: str = field(
        default="https://github.com/{repo}/issues/{number}",
        metadata=_meta("URL of an issue; {repo} and {number} are filled in."),
    )
    default_repo: str = field(
        default="", metadata=_meta("Repository (owner/repo) of GH-N and #N issue references.")
    )
    json: bool = field(default=True, metadata=_meta("Write specs.json to the output folder."))
    plain_markdown: Any = field(
        default=False,
        metadata={
            "help": "Read plain Markdown specs (H1 + **Field:** list): True, or a glob or list "
            "of globs of source files.",
            "types": (bool, str, list, tuple),
        },
    )
    status_colors: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta("Badge colours by status (#rrggbb); the built-in statuses have defaults."),
    )
    needs_bridge: bool = field(
        default=True,
        metadata=_meta("With sphinx_needs loaded: specs and items become needs."),
    )
    plain_id: str = field(
        default="SPEC-{number:03d}",
        metadata=_meta("ID of a plain spec, from its file name's leading number."),
    )
    git: Any = field(
        default="auto",
        metadata={
            "help": "Status history from git: 'auto' (inside a git work tree), True, False.",
            "types": (bool, str),
        },
    )
    suspect_warnings: bool = field(
        default=False,
        metadata=_meta(
            "A specs.suspect warning for each covering item whose covered item changed after it."
        ),
    )
    test_results: list[str] = field(
        default_factory=list,
        metadata=_meta("Globs of JUnit XML files whose tests verify items (source-relative)."),
    )
    test_properties: list[str] = field(
        default_factory=lambda: ["verifies"],
        metadata=_meta("JUnit <property> names whose value lists the IDs a test verifies."),
    )
    test_name_pattern: str = field(
        default="",
        metadata=_meta("A regex over a test's classname.name naming what it verifies."),
    )
    code: dict[str, Any] = field(
        default_factory=dict,
        metadata=_meta('Code markers: {"paths": [globs], "markers": [...], "url": "..."}.'),
    )


@frozen
class Settings:
    """The configuration, parsed: what directives, checks and renderers read."""

    id_pattern: re.Pattern[str]
    templates: Mapping[str, Template]
    default_template: str
    fields: Mapping[str, ExtraField]
    item_kinds: Mapping[str, ItemKind]
    author_url: str
    issue_url: str
    default_repo: str
    json: bool
    plain_markdown: tuple[str, ...]
    plain_id: str
    status_colors: Mapping[str, str]
    #: ``specs_git`` as "on", "off" or "auto".
    git: str = "auto"
    suspect_warnings: bool = False
    needs_bridge: bool = True
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)

    def palette(self) -> dict[str, str]:
        """Status slug -> badge colour, for every status of every template."""
        from .core.colors import palette

        statuses = [s for t in self.templates.values() for s in t.statuses]
        return palette(statuses, self.status_colors)

    def template(self, name: str | None) -> Template:
        return self.templates.get(name or self.default_template) or self.templates["proposal"]

    def kind(self, kind: str) -> ItemKind | None:
        return next((k for k in self.item_kinds.values() if k.kind == kind), None)


def _defaults() -> SpecsConfig:
    return SpecsConfig()


def _parse_fields(value: Any, problems: list[str]) -> dict[str, ExtraField]:
    result: dict[str, ExtraField] = {}
    if not isinstance(value, list | tuple):
        problems.append("specs_fields must be a list of dicts")
        return result
    for entry in value:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            problems.append(f"specs_fields entry {entry!r} needs a 'name'")
            continue
        kind = entry.get("type", "text")
        if kind not in FIELD_TYPES:
            problems.append(
                f"specs_fields {entry['name']!r}: type {kind!r} is not one of "
                f"{', '.join(FIELD_TYPES)}"
            )
            continue
        name = entry["name"].strip().lower()
        if not FIELD_NAME.match(name):
            problems.append(
                f"specs_fields {entry['name']!r}: a field's name is a word of letters, digits, "
                "'-' and '_' (it is an option name: :name: value); the entry is ignored"
            )
            continue
        if name.replace("_", "-") in BUILT_IN_NAMES:
            problems.append(
                f"specs_fields {name!r} is a built-in option of every spec (a template's labels "
                "rename it); the entry is ignored"
            )
            continue
        if name in result:
            problems.append(f"specs_fields {name!r} is given twice; the last entry counts")
        result[name] = ExtraField(
            name=name,
            type=kind,
            required=bool(entry.get("required", False)),
            label=str(entry.get("label", "")),
        )
    return result


def _parse_kinds(value: Any, problems: list[str]) -> dict[str, ItemKind]:
    result = {k.directive: k for k in BUILTIN_ITEM_KINDS}
    if not isinstance(value, list | tuple):
        problems.append("specs_item_kinds must be a list of dicts")
        return result
    for entry in value:
        if not isinstance(entry, Mapping) or not all(
            isinstance(entry.get(key), str) and entry.get(key)
            for key in ("directive", "kind", "prefix")
        ):
            problems.append(
                f"specs_item_kinds entry {entry!r} needs 'directive', 'kind' and 'prefix' strings"
            )
            continue
        if not re.match(r"^[A-Z][A-Z0-9]*$", entry["prefix"]):
            problems.append(
                f"specs_item_kinds {entry['directive']!r}: prefix {entry['prefix']!r} must be "
                "capital letters (and digits)"
            )
            continue
        directive = entry["directive"]
        result[directive] = ItemKind(
            directive=directive,
            kind=entry["kind"],
            prefix=entry["prefix"],
            checkable=bool(entry.get("checkable", False)),
            title=str(entry.get("title", entry["kind"].replace("-", " ").capitalize() + "s")),
        )
    return result


def parse_settings(config: Config) -> tuple[Settings, list[str]]:
    """Settings from the ``specs_*`` values; each problem is a message and its default is used."""
    defaults = _defaults()
    problems: list[str] = []

    def value(name: str, kind: type | tuple[type, ...]) -> Any:
        raw = getattr(config, f"specs_{name}", None)
        if isinstance(raw, kind):
            return raw
        problems.append(
            f"specs_{name} must be {getattr(kind, '__name__', kind)}, not {type(raw).__name__}"
        )
        return getattr(defaults, name)

    pattern_text = value("id_pattern", str)
    try:
        pattern = re.compile(pattern_text)
    except re.error as exc:
        problems.append(f"specs_id_pattern {pattern_text!r} is not a regular expression: {exc}")
        pattern = re.compile(defaults.id_pattern)

    templates, template_problems = build_templates(value("templates", dict))
    problems.extend(template_problems)
    default_template = value("default_template", str)
    if default_template not in templates:
        problems.append(
            f"specs_default_template {default_template!r} is not a template; "
            f"known: {', '.join(sorted(templates))}"
        )
        default_template = defaults.default_template

    url_values = {}
    for name, keys in (
        ("author_url", {"handle": "x"}),
        ("issue_url", {"repo": "o/r", "number": 1}),
    ):
        template = value(name, str)
        try:
            scheme = urlsplit(template.format(**keys)).scheme
        except (KeyError, IndexError, ValueError) as exc:
            problems.append(f"specs_{name} {template!r} cannot be formatted: {exc!r}")
            template = getattr(defaults, name)
        else:
            if scheme not in ("", "http", "https", "mailto"):  # no javascript: link on a page
                problems.append(f"specs_{name} {template!r} is no http(s), mailto or relative link")
                template = getattr(defaults, name)
        url_values[name] = template

    plain = getattr(config, "specs_plain_markdown", False)
    if plain is True:
        plain_globs: tuple[str, ...] = ("*",)
    elif plain is False or plain is None:
        plain_globs = ()
    elif isinstance(plain, str):
        plain_globs = (plain,)
    elif isinstance(plain, list | tuple) and all(isinstance(p, str) for p in plain):
        plain_globs = tuple(plain)
    else:
        problems.append("specs_plain_markdown must be True, False, a glob or a list of globs")
        plain_globs = ()
    plain_id = value("plain_id", str)
    try:
        plain_id.format(number=1)
    except (KeyError, IndexError, ValueError) as exc:
        problems.append(f"specs_plain_id {plain_id!r} cannot be formatted: {exc!r}")
        plain_id = defaults.plain_id

    colors = value("status_colors", dict)
    bad_colors = [k for k, v in colors.items() if not isinstance(v, str) or not normalize_hex(v)]
    if bad_colors:
        problems.append(
            f"specs_status_colors: {', '.join(map(str, bad_colors))} not #rrggbb colours"
        )
        colors = {k: v for k, v in colors.items() if k not in bad_colors}

    settings = Settings(
        id_pattern=pattern,
        templates=templates,
        default_template=default_template,
        fields=_parse_fields(getattr(config, "specs_fields", []), problems),
        item_kinds=_parse_kinds(getattr(config, "specs_item_kinds", []), problems),
        author_url=url_values["author_url"],
        issue_url=url_values["issue_url"],
        default_repo=value("default_repo", str),
        json=bool(getattr(config, "specs_json", True)),
        plain_markdown=plain_globs,
        plain_id=plain_id,
        status_colors=colors,
        git=git_mode(getattr(config, "specs_git", "auto"), problems),
        suspect_warnings=truthy(getattr(config, "specs_suspect_warnings", False)),
        needs_bridge=truthy(getattr(config, "specs_needs_bridge", True)),
        evidence=parse_evidence(config, problems),
    )
    for template in templates.values():  # a gate's fields rule may name specs_fields
        problems.extend(unknown_fields(template, tuple(settings.fields)))
    return settings, problems


def git_mode(value: object, problems: list[str] | None = None) -> str:
    """``specs_git`` as "on", "off" or "auto" (strings from ``-D`` read as booleans); anything
    else (``"flase"``) is a problem, and "auto"."""
    text = str(value).strip().lower()
    if value is True or text in ("true", "on", "yes", "1"):
        return "on"
    if value is False or text in ("false", "off", "no", "0", "none", ""):
        return "off"
    if text != "auto" and problems is not None:
        problems.append(f"specs_git {value!r} is none of True, False and 'auto'")
    return "auto"


def truthy(value: object) -> bool:
    """A boolean value, also as ``-D name=1`` / ``=yes`` / ``=false`` write it."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "on", "yes", "1")
    return bool(value)


def settings_of(config: Config) -> Settings:
    """The parsed ``specs_*`` values, parsed once per configuration (at ``config-inited``, or at
    first use if a listener asks before): kept on the config object under a name starting with
    ``_``, which Sphinx leaves out of the pickled environment."""
    parsed: tuple[Settings, list[str]] | None = config.__dict__.get("_specs_parsed")
    if parsed is None:
        parsed = parse_settings(config)
        config._specs_parsed = parsed
    return parsed[0]


def _check_config(app: Sphinx, config: Config) -> None:
    settings_of(config)
    for problem in config._specs_parsed[1]:
        said = problem.endswith((" is ignored", " counts"))  # it says what is done instead
        warn(SpecsWarning.CONFIG, problem if said else f"{problem}; using the default")


def config_values() -> list[tuple[str, Any, tuple[type, ...], str]]:
    """``(name, default, types, help)`` of every ``specs_*`` value, from :class:`SpecsConfig`."""
    result = []
    for spec_field in fields(SpecsConfig):
        default: Any = (
            spec_field.default_factory()
            if spec_field.default_factory is not MISSING
            else spec_field.default
        )
        types = spec_field.metadata.get("types", ())
        result.append((f"specs_{spec_field.name}", default, types, spec_field.metadata["help"]))
    return result


def setup_config(app: Sphinx) -> None:
    """Register every field of :class:`SpecsConfig` as ``specs_<name>``."""
    for name, default, types, help_text in config_values():
        app.add_config_value(name, default, "env", types=types, description=help_text)
    app.connect("config-inited", _check_config)
