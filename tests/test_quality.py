"""The code stays lint-clean and type-checks (mypy strict), as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "sphinxcontrib_specs", "tests"],
        ["ruff", "format", "--check", "sphinxcontrib_specs", "tests"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(command):
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_refuses_an_assignment_to_a_record_s_field(tmp_path):
    """The records are frozen for the type checker (``core/frozen.py`` compiles no refusing
    ``__setattr__`` at run time): an assignment to a field of one is a type error."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sphinxcontrib_specs.core.model import SpecRecord\n\n\n"
        "def rename(spec: SpecRecord) -> None:\n    spec.title = 'Two'\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", str(sample)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Property "title" defined in "SpecRecord" is read-only' in result.stdout
