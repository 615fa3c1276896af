"""A metadata file beside a page, YAML or JSON, as Kubernetes KEPs keep ``kep.yaml`` next to
their ``README.md``: :func:`sidecar_paths` finds the files a page's patterns name,
:func:`read_sidecar` reads one into :class:`~.header.RawEntry` entries (each with its key's line)
and :class:`SidecarProblem` values, never an exception.

Only the top-level mapping's scalars and lists of scalars are fields; nested mappings and lists
of mappings (a KEP's ``milestone: {alpha: v1.19}``) are other tools' data, skipped without a
word. A date reads as ISO text, a boolean as ``true``/``false``, a null as empty; numbers keep
their spelling (``1.20`` stays ``1.20``). YAML is composed with PyYAML's ``SafeLoader`` (nodes
give the lines) and only scalar nodes are constructed, so aliases cannot blow up into huge values.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml  # type: ignore[import-untyped]

from ...core.frozen import frozen
from ...core.lazyre import lazy_compile
from .header import RawEntry
from .people import person_of

if TYPE_CHECKING:
    from collections.abc import Sequence

_PLACEHOLDER = lazy_compile(r"\{([^{}]*)\}")
_COLON = lazy_compile(r"\s*:")
_SEQUENCE = "tag:yaml.org,2002:seq"
#: what PyYAML's constructors raise on an explicitly tagged bad scalar (``!!bool maybe``,
#: ``!!timestamp soon``, a 31st of February): the scalar is read as written instead
_BAD_SCALAR = (ValueError, KeyError, AttributeError, TypeError, OverflowError)


@frozen
class SidecarProblem:
    """What :func:`read_sidecar` could not read; ``line`` is 1-based in the sidecar file."""

    message: str
    line: int | None


def _expand(pattern: str, values: dict[str, str]) -> str | None:
    """``pattern`` with its placeholders filled in, or None if one is unknown."""
    if any(name not in values for name in _PLACEHOLDER.findall(pattern)):
        return None
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], pattern)


def sidecar_paths(source: Path, patterns: Sequence[str], srcdir: Path | None = None) -> list[Path]:
    """The existing sidecar files of ``source``, in pattern order, each once.

    In a pattern ``{folder}`` is the source's folder (absolute), ``{stem}`` its name without
    suffix and ``{srcdir}`` the project's source folder (when given); a pattern relative after
    that is relative to the source's folder. A relative ``source`` is relative to ``srcdir``. A
    pattern with any other ``{placeholder}`` is skipped."""
    if srcdir is not None and not source.is_absolute():
        source = srcdir / source
    source = Path(os.path.normpath(source.absolute()))
    folder = source.parent
    values = {"folder": str(folder), "stem": source.stem}
    if srcdir is not None:
        values["srcdir"] = str(srcdir.absolute())
    found: list[Path] = []
    for pattern in patterns:
        expanded = _expand(pattern, values)
        if not expanded:
            continue
        path = Path(os.path.normpath(folder / expanded))
        if path == source or path in found:
            continue
        try:
            if path.is_file():
                found.append(path)
        except (OSError, ValueError):  # unreadable folder, a NUL in the pattern
            continue
    return found


def read_sidecar(path: Path) -> tuple[list[RawEntry], list[SidecarProblem]]:
    """The fields of a YAML or JSON (``.json``) sidecar file, in file order, and its problems:
    an unreadable file, bad YAML or JSON (with the line where the parser stopped), a top level
    that is no mapping. A key given twice keeps its last value, with a problem."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        return [], [SidecarProblem(f"cannot read {path.name}: {error.strerror or error}", None)]
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        return [], [SidecarProblem(f"cannot read {path.name}: it is not UTF-8 text", line)]
    if path.suffix.lower() == ".json":
        entries, problems = _read_json(text, path.name)
    else:
        entries, problems = _read_yaml(text, path.name)
    return _last_wins(entries, problems, path.name)


def _last_wins(
    entries: list[RawEntry], problems: list[SidecarProblem], name: str
) -> tuple[list[RawEntry], list[SidecarProblem]]:
    """One entry per key, the last one (as YAML and JSON loaders keep it)."""
    last = {entry.label: entry for entry in entries}
    for entry in entries:
        kept = last[entry.label]
        if kept is not entry:
            message = f"{name}: {entry.label!r} is given twice (lines {entry.line} and {kept.line})"
            problems.append(SidecarProblem(f"{message}; the last one counts", kept.line))
    return [entry for entry in entries if last[entry.label] is entry], problems


# -- YAML ------------------------------------------------------------------------------------------


def _read_yaml(text: str, name: str) -> tuple[list[RawEntry], list[SidecarProblem]]:
    try:
        # libyaml's composer where PyYAML has it (the same nodes and marks, several times faster)
        top = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        loader = yaml.SafeLoader("")
        if isinstance(top, yaml.MappingNode):
            loader.flatten_mapping(top)  # `<<: *defaults` merge keys
    except yaml.YAMLError as error:  # bad YAML, or a character YAML does not allow
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        position = getattr(error, "position", None)
        line = mark.line + 1 if mark is not None else None
        if line is None and isinstance(position, int):
            line = text[:position].count("\n") + 1
        reason = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
        return [], [SidecarProblem(f"{name} is not valid YAML: {reason}", line)]
    except RecursionError:
        return [], [SidecarProblem(f"{name} is nested too deeply to read", None)]
    if not isinstance(top, yaml.MappingNode):
        line = top.start_mark.line + 1 if top is not None else None
        return [], [SidecarProblem(f"{name} is not a mapping of fields", line)]
    entries: list[RawEntry] = []
    problems: list[SidecarProblem] = []
    for key_node, value_node in top.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            continue  # a complex key: other tools' data
        try:
            key = _yaml_scalar(loader, key_node)
            value = _yaml_value(loader, value_node)
        except yaml.YAMLError as error:  # an unknown or unsafe tag
            reason = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
            message = f"{name}: cannot read {key_node.value!r}: {reason}"
            problems.append(SidecarProblem(message, line))
            continue
        if value is not None:
            entries.append(RawEntry(key, value, line))
    loader.dispose()
    return entries, problems


def _yaml_value(loader: Any, node: Any) -> str | tuple[str, ...] | None:
    """A scalar's text, a list of scalars' texts (a person written as a mapping as one text,
    :func:`.people.person_of`), or None (a mapping, a list of other things)."""
    if isinstance(node, yaml.ScalarNode):
        return _yaml_scalar(loader, node)
    if isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode | yaml.MappingNode) for item in node.value
    ):
        if node.tag != _SEQUENCE:  # `!!python/object/apply:os.system [...]` is no list
            problem = f"could not determine a constructor for the tag {node.tag!r}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
        if all(isinstance(item, yaml.ScalarNode) for item in node.value):
            return tuple(_yaml_scalar(loader, item) for item in node.value)
        people = tuple(
            _yaml_scalar(loader, item)
            if isinstance(item, yaml.ScalarNode)
            else person_of(loader.construct_mapping(item, deep=True))
            for item in node.value
        )
        return tuple(p for p in people if p) or None  # a list of other mappings: none
    return None


def _yaml_scalar(loader: Any, node: Any) -> str:
    raw = str(node.value).strip()
    try:
        value = loader.construct_object(node)
    except _BAD_SCALAR:
        return raw
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return raw  # numbers as written, `!!binary` as its text


# -- JSON ------------------------------------------------------------------------------------------


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its pairs, in order (a dict would hide a key given twice)."""


def _read_json(text: str, name: str) -> tuple[list[RawEntry], list[SidecarProblem]]:
    try:
        # numbers stay as written: `1.20` is not `1.2`, and a 5,000-digit int is no error
        top = json.loads(
            text, object_pairs_hook=_Pairs, parse_float=str, parse_int=str, parse_constant=str
        )
    except json.JSONDecodeError as error:
        return [], [SidecarProblem(f"{name} is not valid JSON: {error.msg}", error.lineno)]
    except RecursionError:
        return [], [SidecarProblem(f"{name} is nested too deeply to read", None)]
    if not isinstance(top, _Pairs):
        line = text[: len(text) - len(text.lstrip())].count("\n") + 1
        return [], [SidecarProblem(f"{name} is not a mapping of fields", line)]
    lines = _json_key_lines(text)
    entries: list[RawEntry] = []
    for index, (key, value) in enumerate(top):
        converted = _json_value(value)
        if converted is not None:
            entries.append(RawEntry(key, converted, lines[index] if index < len(lines) else 1))
    return entries, []


def _json_value(value: Any) -> str | tuple[str, ...] | None:
    if isinstance(value, _Pairs):
        return None
    if isinstance(value, list):
        if any(isinstance(item, list) and not isinstance(item, _Pairs) for item in value):
            return None  # a list of lists
        if not any(isinstance(item, _Pairs) for item in value):
            return tuple(_json_scalar(item) for item in value)
        people = tuple(
            person_of(dict(item)) if isinstance(item, _Pairs) else _json_scalar(item)
            for item in value
        )
        return tuple(p for p in people if p) or None  # a list of other objects: none
    return _json_scalar(value)


def _json_scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _json_key_lines(text: str) -> list[int]:
    """The 1-based line of each key of the top-level object, in order (``text`` is valid JSON,
    so strings hold no raw line break)."""
    lines: list[int] = []
    depth, line, index = 0, 1, 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = index + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if depth == 1 and _COLON.match(text, end + 1):
                lines.append(line)
            index = end + 1
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        elif char == "\n":
            line += 1
        index += 1
    return lines
