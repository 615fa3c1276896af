"""The pytest plugin: ``@pytest.mark.spec("SPEC-0042.D1", ...)`` names what a test verifies.

Installed with the package (entry point ``sphinx_specs`` in the ``pytest11`` group), so no
``conftest.py`` is needed. It does two things:

- each test's IDs, from the ``spec`` markers on it, its class and its module together, become
  one user property ``verifies`` (IDs joined by ``", "``), which ``--junitxml`` writes as
  ``<property name="verifies" value="...">`` inside the test's ``<testcase>`` (in either JUnit
  family) and the Sphinx build reads back (``specs_test_results``);
- ``--specs-strict PATH`` checks, once the tests are collected, that every ID a marker names is
  a spec or a ``SPEC.ITEM`` of that ``specs.json`` (a build's output), and stops the run with a
  usage error naming each test and ID that is not.

pytest loads this module in every run of every project that installed the package, so it stays
cheap and inert: the standard library and pytest only (no Sphinx, no docutils, nothing else of
the package), and without ``spec`` markers or ``--specs-strict`` it changes nothing but the
marker's registration and the option's help.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: The marker's name: ``@pytest.mark.spec(...)``.
MARKER = "spec"
#: The user property the IDs are written as; the Sphinx side's default ``specs_test_properties``.
PROPERTY = "verifies"

_SEPARATORS = re.compile(r"[\s,]+")
_KNOWN = pytest.StashKey[tuple[str, frozenset[str]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sphinx-specs", "sphinx-specs: tests as evidence of spec items")
    group.addoption(
        "--specs-strict",
        metavar="PATH",
        default=None,
        help="fail the run when a @pytest.mark.spec marker names an ID that is neither a spec "
        "nor a SPEC.ITEM of this specs.json",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*ids): the spec or item IDs (SPEC-0042, SPEC-0042.D1) this test verifies; "
        f"written as the '{PROPERTY}' property of --junitxml (sphinx-specs)",
    )
    path = config.getoption("specs_strict", None)
    if path:
        config.stash[_KNOWN] = (path, _known_ids(config.invocation_params.dir / path, path))


@pytest.hookimpl(trylast=True)  # after -k / -m deselected: only the tests that run count
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    strict = config.stash.get(_KNOWN, None)
    unknown: list[str] = []
    for item in items:
        ids = spec_ids(item)
        if not ids:
            continue
        item.user_properties.append((PROPERTY, ", ".join(ids)))
        if strict is not None:
            unknown.extend(f"  {item.nodeid} names {id_}" for id_ in ids if id_ not in strict[1])
    if strict is not None and unknown:
        several = len(unknown) > 1
        raise pytest.UsageError(
            f"--specs-strict: {len(unknown)} ID{'s' if several else ''} named by "
            f"@pytest.mark.{MARKER} {'are' if several else 'is'} neither a spec nor a SPEC.ITEM "
            f"of {strict[0]}:\n" + "\n".join(unknown)
        )


def spec_ids(item: pytest.Item) -> tuple[str, ...]:
    """The IDs the ``spec`` markers of ``item`` name, module's and class's before the test's
    own, each once; an argument may itself list IDs separated by commas or spaces.

    A ``spec`` marker of another shape (keyword or non-string arguments) is someone else's
    marker of that name: it is left alone with a warning, never an error that would stop a
    project's test run because sphinx-specs is installed beside it."""
    ids: list[str] = []
    # iter_markers goes from the test outwards; a reader expects the outer ones first
    for mark in reversed(list(item.iter_markers(name=MARKER))):
        if mark.kwargs or not all(isinstance(arg, str) for arg in mark.args):
            item.warn(
                pytest.PytestWarning(
                    f"@pytest.mark.{MARKER}({_shown(mark)}) is not sphinx-specs' marker (it "
                    "takes ID strings only); its test verifies nothing"
                )
            )
            continue
        for arg in mark.args:
            ids.extend(part for part in _SEPARATORS.split(arg) if part)
    return tuple(dict.fromkeys(ids))


def _shown(mark: pytest.Mark) -> str:
    return ", ".join([*map(repr, mark.args), *(f"{k}={v!r}" for k, v in mark.kwargs.items())])


def _known_ids(path: Path, shown: str) -> frozenset[str]:
    """The spec IDs and ``SPEC.ITEM`` IDs of the ``specs.json`` at ``path``."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise pytest.UsageError(f"--specs-strict: cannot read {shown}: {exc.strerror}") from exc
    except ValueError as exc:  # JSON and Unicode decoding errors alike
        raise pytest.UsageError(f"--specs-strict: {shown} is not JSON: {exc}") from exc
    specs = data.get("specs") if isinstance(data, dict) else None
    if not isinstance(specs, dict):
        raise pytest.UsageError(
            f'--specs-strict: {shown} is not a specs.json: it has no "specs" object'
        )
    return frozenset(_ids_of(specs))


def _ids_of(specs: dict[str, Any]) -> Iterable[str]:
    for spec_id, entry in specs.items():
        yield spec_id
        items = entry.get("items") if isinstance(entry, dict) else None
        if isinstance(items, dict):
            yield from (f"{spec_id}.{item_id}" for item_id in items)
