"""The evidence configuration values, parsed: ``specs_test_results``, ``specs_test_properties``,
``specs_test_name_pattern`` and ``specs_code``. Part of :class:`~..config.Settings`; a value of
the wrong shape is a problem message (a ``specs.config`` warning) and its default is used."""

from __future__ import annotations

import re
from typing import Any

from .frozen import frozen

#: The comment markers ``specs_code`` looks for by default.
DEFAULT_MARKERS = ("implements", "verifies")


@frozen
class EvidenceSettings:
    """Where the evidence is and how it names what it verifies."""

    #: Globs of JUnit XML files, relative to the source folder or absolute.
    test_results: tuple[str, ...] = ()
    #: The ``<property>`` names whose value lists the IDs a test verifies.
    test_properties: tuple[str, ...] = ("verifies",)
    #: For runners that cannot write properties: a regex over ``classname.name``.
    test_name_pattern: re.Pattern[str] | None = None
    #: Globs of source files scanned for comment markers, relative to the source folder.
    code_paths: tuple[str, ...] = ()
    code_markers: tuple[str, ...] = DEFAULT_MARKERS
    #: A code link: ``{commit}``, ``{path}`` and ``{line}`` are filled in ("" for no link).
    code_url: str = ""

    @property
    def active(self) -> bool:
        return bool(self.test_results or self.code_paths)


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def parse_evidence(config: Any, problems: list[str]) -> EvidenceSettings:
    defaults = EvidenceSettings()
    results = _strings(getattr(config, "specs_test_results", []) or [])
    if results is None:
        problems.append("specs_test_results must be a glob or a list of globs")
        results = ()
    properties = _strings(getattr(config, "specs_test_properties", ["verifies"]))
    if properties is None:
        problems.append("specs_test_properties must be a list of property names")
        properties = defaults.test_properties
    pattern = None
    pattern_text = getattr(config, "specs_test_name_pattern", "") or ""
    if not isinstance(pattern_text, str):
        problems.append("specs_test_name_pattern must be a regular expression (a string)")
    elif pattern_text:
        try:
            pattern = re.compile(pattern_text)
        except re.error as exc:
            problems.append(
                f"specs_test_name_pattern {pattern_text!r} is not a regular expression: {exc}"
            )
    code = getattr(config, "specs_code", None) or {}
    if not isinstance(code, dict):
        problems.append('specs_code must be a dict: {"paths": [...], "markers": [...], "url": ...}')
        code = {}
    unknown = sorted(str(k) for k in set(code) - {"paths", "markers", "url"})
    if unknown:
        problems.append(
            f"specs_code has unknown keys {', '.join(unknown)}; known: paths, markers, url"
        )
    paths = _strings(code.get("paths", []))
    if paths is None:
        problems.append("specs_code's paths must be a list of globs")
        paths = ()
    markers = _strings(code.get("markers", list(DEFAULT_MARKERS)))
    if markers is None or not all(re.fullmatch(r"[\w-]+", m) for m in markers):
        problems.append("specs_code's markers must be a list of words (e.g. implements)")
        markers = DEFAULT_MARKERS
    url = code.get("url", "")
    if not isinstance(url, str):
        problems.append("specs_code's url must be a string")
        url = ""
    # {commit}, {path} and {line} are replaced, other braces stay (core.evidence.code_url)
    return EvidenceSettings(results, properties, pattern, paths, markers, url)
