"""The pytest plugin (integrations.pytest_plugin), through real pytest runs in a subprocess on a
small sample project: the ``spec`` marker becomes the ``verifies`` property that ``--junitxml``
writes and ``read_junit`` reads back; ``--specs-strict`` stops a run whose markers name an ID
that a specs.json does not know. The subprocess runs in the sample's folder with its own
``pytest.ini``, so neither this suite's conftest nor its settings reach it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from sphinxcontrib_specs.core.junit import read_junit

if TYPE_CHECKING:
    from pathlib import Path

SAMPLE = """\
import pytest

pytestmark = pytest.mark.spec("SPEC-0001")


@pytest.fixture
def database():
    raise RuntimeError("no database")


@pytest.mark.spec("SPEC-0042.D1")
def test_restores():
    assert True


@pytest.mark.spec("SPEC-0042.D2", "SPEC-0042.G1")
def test_keeps_seven_days():
    assert 6 == 7


@pytest.mark.spec("SPEC-0042.D3")
def test_encrypts(database):
    pass


@pytest.mark.spec("SPEC-0042.D4, SPEC-0042.D1")
def test_compresses():
    pytest.skip("zstd not installed")


@pytest.mark.spec("SPEC-0007.D1")
class TestRetention:
    @pytest.mark.spec("SPEC-0007.D2")
    def test_prunes(self):
        pass

    def test_counts(self):
        pass
"""

UNMARKED = """\
def test_plain():
    pass
"""

KNOWN = {
    "SPEC-0001": ["D1"],
    "SPEC-0042": ["D1", "D2", "D3", "D4", "G1"],
    "SPEC-0007": ["D1", "D2"],
}


def write_specs(path: Path, specs: dict[str, list[str]]) -> Path:
    """A specs.json of the shape the build writes, reduced to what the plugin reads."""
    data = {
        "version": 1,
        "project": "sample",
        "specs": {
            spec: {"title": spec, "items": {item: {"kind": "dod"} for item in items}}
            for spec, items in specs.items()
        },
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_backup.py").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "test_plain.py").write_text(UNMARKED, encoding="utf-8")
    return tmp_path


def run_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("family", ["xunit2", "xunit1"])
def test_markers_become_the_verifies_property(sample, family):
    result = run_pytest(sample, "--junitxml=out/results.xml", "-o", f"junit_family={family}")
    assert result.returncode == 1, result.stdout + result.stderr  # a test failed
    cases, problems = read_junit((sample / "out/results.xml").read_bytes(), "out/results.xml")
    assert problems == []
    file = "test_backup.py" if family == "xunit1" else ""
    got = {case.name: (case.classname, case.file, case.result, case.verifies) for case in cases}
    assert got == {
        "test_restores": ("test_backup", file, "passed", ("SPEC-0001", "SPEC-0042.D1")),
        "test_keeps_seven_days": (
            "test_backup",
            file,
            "failed",
            ("SPEC-0001", "SPEC-0042.D2", "SPEC-0042.G1"),
        ),
        "test_encrypts": ("test_backup", file, "error", ("SPEC-0001", "SPEC-0042.D3")),
        # one argument may list several IDs; an ID named twice is written once
        "test_compresses": (
            "test_backup",
            file,
            "skipped",
            ("SPEC-0001", "SPEC-0042.D4", "SPEC-0042.D1"),
        ),
        # module, class and method markers combine, outermost first
        "test_prunes": (
            "test_backup.TestRetention",
            file,
            "passed",
            ("SPEC-0001", "SPEC-0007.D1", "SPEC-0007.D2"),
        ),
        "test_counts": ("test_backup.TestRetention", file, "passed", ("SPEC-0001", "SPEC-0007.D1")),
        "test_plain": ("test_plain", file and "test_plain.py", "passed", ()),
    }
    messages = {case.name: case.message for case in cases}
    assert messages["test_keeps_seven_days"] == "assert 6 == 7"
    assert messages["test_encrypts"] == 'failed on setup with "RuntimeError: no database"'
    assert messages["test_compresses"] == "zstd not installed"
    # one property, the IDs joined by ", "
    xml = (sample / "out/results.xml").read_text(encoding="utf-8")
    assert '<property name="verifies" value="SPEC-0001, SPEC-0042.D2, SPEC-0042.G1" />' in xml
    assert xml.count('name="verifies"') == 6


def test_specs_strict_stops_a_run_naming_an_unknown_id(sample):
    lacking = {**KNOWN, "SPEC-0007": ["D1"]}
    (sample / "build").mkdir()
    specs = write_specs(sample / "build" / "specs.json", lacking)
    result = run_pytest(sample, "--specs-strict", "build/specs.json", "--junitxml=results.xml")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert (
        "--specs-strict: 1 ID named by @pytest.mark.spec is neither a spec nor a SPEC.ITEM "
        "of build/specs.json:\n  test_backup.py::TestRetention::test_prunes names SPEC-0007.D2"
    ) in result.stderr
    assert "test_restores" not in result.stdout  # no test ran
    assert specs.exists()


def test_specs_strict_with_every_id_known_runs_as_the_tests_say(sample):
    specs = write_specs(sample / "specs.json", KNOWN)
    result = run_pytest(sample, "--specs-strict", str(specs))
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "1 failed, 4 passed, 1 skipped, 1 error" in result.stdout
    passing = run_pytest(sample, "--specs-strict", "specs.json", "-k", "restores or prunes")
    assert passing.returncode == pytest.ExitCode.OK, passing.stdout + passing.stderr


def test_specs_strict_names_every_unknown_id(sample):
    write_specs(sample / "specs.json", {"SPEC-0042": ["D1", "D2", "D3", "D4"]})
    result = run_pytest(sample, "--specs-strict", "specs.json")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    unknown = [line.strip() for line in result.stderr.splitlines() if " names " in line]
    assert unknown[0].startswith("test_backup.py::test_restores names SPEC-0001")
    assert "test_backup.py::test_keeps_seven_days names SPEC-0042.G1" in unknown
    assert "test_backup.py::TestRetention::test_counts names SPEC-0007.D1" in unknown
    assert len(unknown) == 10
    assert "10 IDs named by @pytest.mark.spec are neither" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "--specs-strict: cannot read specs.json: No such file or directory"),
        ("{not json", "--specs-strict: specs.json is not JSON: "),
        ('{"version": 1}', '--specs-strict: specs.json is not a specs.json: it has no "specs"'),
    ],
)
def test_specs_strict_with_a_bad_file(sample, content, message):
    if content is not None:
        (sample / "specs.json").write_text(content, encoding="utf-8")
    result = run_pytest(sample, "--specs-strict", "specs.json")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr


def test_another_tools_spec_marker_is_left_alone_with_a_warning(sample):
    """A project with a ``spec`` marker of its own keeps running once sphinx-specs is installed
    beside it: such a marker verifies nothing, and says so."""
    (sample / "test_backup.py").write_text(
        "import pytest\n\n@pytest.mark.spec(42, level='unit')\ndef test_x():\n    pass\n",
        encoding="utf-8",
    )
    junit = sample / "out.xml"
    result = run_pytest(sample, f"--junitxml={junit}")
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr
    assert "@pytest.mark.spec(42, level='unit') is not sphinx-specs' marker" in result.stdout
    assert "verifies" not in junit.read_text(encoding="utf-8")


def test_specs_strict_ignores_deselected_tests(sample):
    """``-k`` deselects before the check: a test that will not run names nothing."""
    specs = sample / "specs.json"
    specs.write_text(json.dumps({"specs": {"SPEC-0001": {"items": {}}}}), encoding="utf-8")
    (sample / "test_backup.py").write_text(
        "import pytest\n\n@pytest.mark.spec('SPEC-0001')\ndef test_fast():\n    pass\n\n"
        "@pytest.mark.spec('SPEC-0404')\ndef test_slow():\n    pass\n",
        encoding="utf-8",
    )
    assert run_pytest(sample, "--specs-strict", str(specs)).returncode == 4
    result = run_pytest(sample, "--specs-strict", str(specs), "-k", "fast")
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr


def test_the_plugin_is_inert_and_cheap(sample):
    """Without markers nor option, the run and its XML are what they would be without us; the
    marker is registered (so --strict-markers accepts it); importing the plugin pulls in neither
    Sphinx nor docutils."""
    (sample / "test_backup.py").unlink()
    result = run_pytest(sample, "--strict-markers", "--junitxml=plain.xml")
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr
    assert "<properties>" not in (sample / "plain.xml").read_text(encoding="utf-8")
    markers = run_pytest(sample, "--markers")
    assert "@pytest.mark.spec(*ids)" in markers.stdout
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pytest, sphinxcontrib_specs.integrations.pytest_plugin; "
            "print(sorted({m.split('.')[0] for m in sys.modules} "
            "& {'sphinx', 'docutils', 'myst_parser', 'sphinx_needs', 'jinja2', 'yaml'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == "[]"
