"""``sphinx-specs preview``: the real command serving a test project on 127.0.0.1, a spec edited
while it runs, the page served changed; Ctrl-C stops it and every process it started; without
sphinx-autobuild, one line that names the extra."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import copy_root

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

pytestmark = pytest.mark.skipif(os.name == "nt", reason="process groups and SIGINT are POSIX")

PREVIEW = [sys.executable, "-m", "sphinxcontrib_specs", "preview"]
#: How long the first build, and a rebuild after an edit, may take on a slow shared machine.
WAIT = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    """The page's text, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(what: Callable[[], str | None], seconds: float, describe: str, log: Path) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (found := what()) is not None:
            return found
        time.sleep(0.5)
    pytest.fail(f"{describe} within {seconds} s; the command printed:\n{log.read_text()}")


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def child_groups(pid: int) -> set[int]:
    """The process groups of ``pid``'s children (the server runs in a group of its own)."""
    groups = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # the parent's pid; fields[2] is the process group
            groups.add(int(fields[2]))
    return groups


def foreground() -> None:
    """As a shell starts a foreground job: SIGINT at its default, also when this test runs
    where it is ignored (a background job of a script: ``make test &``), which Python would
    keep, so that Ctrl-C would not reach the command."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Preview:
    """A running ``sphinx-specs preview``: its process (leading a process group of its own, as a
    shell's foreground job does), its URL, its output file."""

    def __init__(self, source: Path, log: Path) -> None:
        self.source = source
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [*PREVIEW, str(source), "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=foreground,
            )
        #: the command's process group, and the server's once seen (:meth:`output`)
        self.groups = {self.process.pid}

    def output(self) -> str:
        if self.process.poll() is None:  # note the server's group while it runs
            self.groups |= child_groups(self.process.pid)
        return self.log.read_text(encoding="utf-8")

    def gone(self) -> bool:
        """Whether every process of the command's and the server's groups has ended (within
        a bounded wait: the server's processes end just after the command)."""
        deadline = time.monotonic() + 30
        while any(group_alive(group) for group in self.groups) and time.monotonic() < deadline:
            time.sleep(0.2)
        return not any(group_alive(group) for group in self.groups)

    def ctrl_c(self) -> int:
        """SIGINT to the command's group, as a terminal sends it to its foreground job; the
        exit status."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=60)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    running = Preview(copy_root("basic", tmp_path), tmp_path / "preview.log")
    try:
        yield running
    finally:  # whatever the test did: no process of its groups is left behind
        pgid = running.process.pid
        groups = {*running.groups, *child_groups(pgid)} - {os.getpgid(0)}
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if not any(group_alive(group) for group in groups):
                break
            for group in groups:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(group, sig)
            deadline = time.monotonic() + 15
            while any(group_alive(group) for group in groups) and time.monotonic() < deadline:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    running.process.wait(timeout=0.2)
        running.process.wait(timeout=10)
        assert not any(group_alive(group) for group in groups), "a server process is left"


def test_preview_serves_and_rebuilds_after_an_edit(preview):
    page = preview.url + "backups.html"
    first = wait_for(lambda: fetch(page), WAIT, f"{page} did not answer", preview.log)
    assert 'specs-status-under-review">Under Review</span>' in first
    out = preview.output()
    assert f"sphinx-specs preview: {preview.url} after the first build" in out
    assert f"no specs warnings in this build; {preview.url}" in out
    # incremental builds: no -E, no -a
    command = next(line for line in out.splitlines() if " -m sphinx build " in line)
    assert " -E" not in command and " -a" not in command

    spec = preview.source / "backups.md"
    spec.write_text(spec.read_text().replace(":status: Under Review", ":status: Accepted"))

    def accepted() -> str | None:
        text = fetch(page)
        return text if text and 'specs-status-accepted">Accepted</span>' in text else None

    changed = wait_for(accepted, WAIT, "the page did not show the new status", preview.log)
    assert "Under Review" not in changed
    # the rebuild's warning is printed as Sphinx prints it, then counted
    summary = f"1 specs warning in this build (gate: 1); {preview.url}"
    out = wait_for(
        lambda: preview.output() if summary in preview.output() else None,
        10,
        "no summary line",
        preview.log,
    )
    assert "backups.md:3: WARNING: spec SPEC-0042 is Accepted" in out
    assert "[specs.gate]" in out
    assert (preview.source / "_build" / "preview" / "backups.html").is_file()

    # a build that fails says so, and the last site built stays served
    conf = preview.source / "conf.py"
    conf.write_text(conf.read_text() + "raise RuntimeError('half-saved conf.py')\n")
    failed = "sphinx-specs preview: the build failed (exit status 2), the last site built is served"
    wait_for(lambda: failed in preview.output() or None, WAIT, "no failed build", preview.log)
    assert "half-saved conf.py" in preview.output()
    assert 'specs-status-accepted">Accepted</span>' in (fetch(page) or "")

    before = len(preview.output())
    assert preview.ctrl_c() == 0
    # what the processes print while they stop is not shown; the line that says so is
    assert preview.output()[before:].strip() == "sphinx-specs preview: stopped"
    assert len(preview.groups) == 2 and preview.gone()  # sphinx-autobuild, sphinx-build too
    assert fetch(page) is None


def test_ctrl_c_during_the_first_build_stops_quietly(preview):
    wait_for(
        lambda: "python -m sphinx build" in preview.output() or None,
        WAIT,
        "the first build did not start",
        preview.log,
    )
    assert preview.ctrl_c() == 0
    out = preview.output()
    assert "Traceback" not in out and out.rstrip().endswith("sphinx-specs preview: stopped")
    assert len(preview.groups) == 2 and preview.gone()


def test_sigterm_to_the_command_alone_stops_the_server(preview):
    page = preview.url + "backups.html"
    wait_for(lambda: fetch(page), WAIT, f"{page} did not answer", preview.log)
    preview.output()  # notes the server's process group
    preview.process.send_signal(signal.SIGTERM)
    assert preview.process.wait(timeout=60) == 128 + signal.SIGTERM
    assert len(preview.groups) == 2 and preview.gone()  # the server's builds ended too
    assert "Traceback" not in preview.output()


BLOCK_AUTOBUILD = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "sphinx_autobuild":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None
sys.modules.pop("sphinx_autobuild", None)
sys.meta_path.insert(0, Block())
from sphinxcontrib_specs.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_sphinx_autobuild_one_line_names_the_extra(tmp_path):
    source = copy_root("basic", tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_AUTOBUILD, "preview", str(source), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        'sphinx-specs preview: needs sphinx-autobuild: pip install "sphinx-specs[preview]"\n'
    )
    assert result.stdout == ""
    assert not (source / "_build").exists()


SLOW_START = """
import importlib.abc, pathlib, sys, time
class Slow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "sphinx_autobuild":
            pathlib.Path(sys.argv[1]).write_text("importing")
            time.sleep(60)
        return None
sys.meta_path.insert(0, Slow())
from sphinxcontrib_specs.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_ctrl_c_during_start_up_is_quiet(tmp_path):
    """Ctrl-C before the server runs (here while sphinx-autobuild is imported): the shell's exit
    status for it and one line, no traceback, no process left."""
    source = copy_root("basic", tmp_path)
    marker = tmp_path / "importing"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_START, str(marker), "preview", str(source), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=foreground,
    )
    try:
        wait_for(lambda: marker.exists() or None, WAIT, "the start-up did not begin", marker)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert err == "sphinx-specs preview: interrupted\n"
    assert out == ""
    assert not group_alive(process.pid)


def test_usage_errors(tmp_path):
    source = copy_root("basic", tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run(
            [*PREVIEW, str(source), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert busy.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use" in busy.stderr
    assert "--port" in busy.stderr and "Traceback" not in busy.stderr
    (source / "conf.py").unlink()
    no_conf = subprocess.run(
        [*PREVIEW, str(source)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert no_conf.returncode == 2 and "has no conf.py" in no_conf.stderr


def test_help_imports_neither_sphinx_nor_sphinx_autobuild():
    """The command line starts without Sphinx, docutils or sphinx-autobuild: preview imports
    them only in the child process it starts."""
    code = BLOCK_AUTOBUILD.replace(
        '== "sphinx_autobuild"', 'in ("sphinx_autobuild", "sphinx", "docutils")'
    )
    assert code != BLOCK_AUTOBUILD
    result = subprocess.run(
        [sys.executable, "-c", code, "preview", "--help"],
        env={**os.environ, "COLUMNS": "1000"},  # one line per paragraph: no break at a hyphen
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: sphinx-specs preview [-h] [-c DIR] [--port N] [--open]")
    assert 'sphinx-autobuild (pip install "sphinx-specs[preview]")' in result.stdout


def test_a_preview_resumed_on_an_earlier_output_says_its_first_count_is_partial():
    """The output folder is kept between runs: the first build reads only what changed since,
    so after its count one line says so (once); a first preview says nothing of it."""
    from sphinxcontrib_specs.cli.preview import _Relay

    def run(resumed: bool) -> list[str]:
        out = io.StringIO()
        relay = _Relay(out, keep_color=False, resumed=resumed)
        for _ in range(2):
            relay.line("[sphinx-autobuild] > /v/bin/python -m sphinx build -b html src out\n")
            relay.line("[sphinx-autobuild] Serving on http://127.0.0.1:8000\n")
        return [line for line in out.getvalue().splitlines() if "not read again" in line]

    assert run(resumed=True) == [
        "sphinx-specs preview: pages unchanged since the last preview were not read again; "
        "sphinx-specs lint reads them all"
    ]
    assert run(resumed=False) == []
