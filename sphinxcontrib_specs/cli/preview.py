"""``sphinx-specs preview``: the site served on 127.0.0.1 and rebuilt on every save.

sphinx-autobuild (the ``preview`` extra) watches the source folder, runs an incremental
``sphinx-build -b html`` after each change and reloads the page in the browser. It runs as a child
process, ``python -m sphinx_autobuild``, with the interpreter of this command: its command line is
its documented interface (its Python API is not), and a child can be stopped as a whole. Its output
comes back through a pipe and is copied to the terminal line by line. Sphinx runs with ``-q``
(its progress lines go, its warnings and errors stay), and after each build one line counts the
``specs`` warnings of that build (read from the ``[specs.<subtype>]`` suffix Sphinx gives a
warning, turned on with ``-D show_warning_types=1``).

The output folder is ``_build/preview`` in the source folder, the place where ``sphinx-build``
usually writes (``docs/_build/html``) and which ``exclude_patterns = ["_build"]`` keeps out of the
sources; it is kept between runs, so the next ``preview`` starts with an incremental build too,
and says after it that the pages it did not read again gave no warnings this time.

The child runs in a process group of its own (on POSIX), with the sphinx-build it starts: on
Ctrl-C, or a ``SIGTERM`` or ``SIGHUP`` sent to this process alone (an IDE's stop button), this
command sends the signal to that whole group, so no build is left running; it waits for them to
stop, silences what they print while stopping (a traceback of an interrupted build) and exits 0
(Ctrl-C) or 143 (``SIGTERM``).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import signal
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CliError, no_conf

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from types import FrameType
    from typing import TextIO

HOST = "127.0.0.1"
INSTALL_HINT = 'pip install "sphinx-specs[preview]"'
#: The output folder, relative to the source folder.
OUT_DIR = Path("_build") / "preview"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_SPECS_WARNING = re.compile(r"\[specs\.([\w-]+)\]\s*$")
# sphinx-autobuild's own lines: the sphinx-build command it runs, and the URL after each build
_BUILD_STARTS = re.compile(r"^\[sphinx-autobuild\] > \S*python\S* -m sphinx\b")
_BUILD_ENDS = re.compile(r"^\[sphinx-autobuild\] Serving on (\S+)")
_BUILD_FAILED = re.compile(r"^Sphinx exited with exit code: (-?\d+)")


class _Terminated(Exception):
    """This process received SIGTERM (or SIGHUP)."""


def _require_autobuild() -> None:
    try:
        importlib.import_module("sphinx_autobuild")
    except ImportError as exc:
        raise CliError(f"needs sphinx-autobuild: {INSTALL_HINT}") from exc


def _port(wanted: int) -> int:
    """``wanted`` if it is free on 127.0.0.1, else a usage error; 0: a free port chosen now, so
    that the URL can be printed before the first build."""
    if not 0 <= wanted <= 65535:
        raise CliError(f"--port {wanted}: a port is 1 to 65535 (0: any free one)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # as the server binds: a port left in TIME_WAIT by the last run is free (not on
        # Windows, where the option lets a bind succeed on a port in use)
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, wanted))
        except OSError as exc:
            raise CliError(
                f"port {wanted} on {HOST} is in use ({exc.strerror}); "
                "choose another with --port (0: any free one)"
            ) from exc
        port: int = probe.getsockname()[1]
        return port


def autobuild_command(
    source: Path, conf_dir: Path, port: int, *, open_browser: bool, color: bool
) -> list[str]:
    """The ``python -m sphinx_autobuild`` command line: no ``-E`` nor ``-a``, so every build
    after the first reads only what changed."""
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(source),
        str(source / OUT_DIR),
        "-b",
        "html",
        "-c",
        str(conf_dir),
        "-q",  # Sphinx's progress lines each time are noise; its warnings and errors stay
        "-D",
        "show_warning_types=1",
        "--host",
        HOST,
        "--port",
        str(port),
        # other builds in the source folder (make html) are no change to the sources
        "--ignore",
        str(source / OUT_DIR.parent),
    ]
    if conf_dir != source:
        command += ["--watch", str(conf_dir)]
    if open_browser:
        command.append("--open-browser")
    if color:
        command.append("--color")
    return command


class _Relay:
    """Copies the child's lines and, when a build ends, says how many specs warnings it gave."""

    def __init__(self, out: TextIO, *, keep_color: bool, resumed: bool = False) -> None:
        self.out = out
        self.keep_color = keep_color
        self.warnings: Counter[str] = Counter()
        self.failed: str | None = None
        #: The first build is incremental on an earlier preview's output: it reads only the
        #: pages changed since, so its count is no verdict on the whole project.
        self.resumed = resumed

    def line(self, raw: str) -> None:
        plain = _ANSI.sub("", raw).rstrip("\r\n")
        self.out.write(raw if self.keep_color else plain + "\n")
        if _BUILD_STARTS.match(plain):
            self.warnings.clear()
            self.failed = None
        elif match := _SPECS_WARNING.search(plain):
            self.warnings[match.group(1)] += 1
        elif match := _BUILD_FAILED.match(plain):
            self.failed = match.group(1)
        elif match := _BUILD_ENDS.match(plain):
            self.out.write(f"sphinx-specs preview: {self.summary()}; {match.group(1)}/\n")
            if self.resumed:
                self.out.write(
                    "sphinx-specs preview: pages unchanged since the last preview were not "
                    "read again; sphinx-specs lint reads them all\n"
                )
                self.resumed = False
        self.out.flush()

    def summary(self) -> str:
        if self.failed is not None:
            return f"the build failed (exit status {self.failed}), the last site built is served"
        count = sum(self.warnings.values())
        if not count:
            return "no specs warnings in this build"
        detail = ", ".join(f"{name}: {n}" for name, n in sorted(self.warnings.items()))
        return f"{count} specs warning{'s' * (count != 1)} in this build ({detail})"


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM (and SIGHUP) to this process end the preview as Ctrl-C does, child included."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {name: signal.signal(getattr(signal, name), handler) for name in names}
    try:
        yield
    finally:
        for name, old in previous.items():
            signal.signal(getattr(signal, name), old)


def _signal(child: subprocess.Popen[str], send: signal.Signals | None) -> None:
    """``send`` to the child's process group (None: kill it), the builds it started included;
    on Windows, which has neither, terminate the child."""
    if child.poll() is not None:
        return
    with contextlib.suppress(OSError):  # gone meanwhile
        if os.name == "nt":
            child.terminate()
        else:
            os.killpg(child.pid, signal.SIGKILL if send is None else send)


def _stop(child: subprocess.Popen[str], first: signal.Signals) -> None:
    """Wait for the child to stop, sending ``first``, then SIGTERM, then SIGKILL while it does
    not; what it prints meanwhile is read and dropped (the traceback of an interrupted build)."""
    for which in (first, signal.SIGTERM, None):
        _signal(child, which)
        try:
            child.communicate(timeout=3)
            return
        except subprocess.TimeoutExpired:
            continue
        except (KeyboardInterrupt, _Terminated):  # asked again: go on to the next step now
            continue


def cmd_preview(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.sourcedir).resolve()
    conf_dir = Path(args.conf_dir).resolve() if args.conf_dir else source
    if not source.is_dir():
        raise CliError(f"{source} is not a folder")
    if not (conf_dir / "conf.py").is_file():
        raise CliError(no_conf(conf_dir))
    _require_autobuild()
    port = _port(args.port)
    tty = out.isatty() and not os.environ.get("NO_COLOR")
    command = autobuild_command(source, conf_dir, port, open_browser=args.open, color=tty)
    url = f"http://{HOST}:{port}/"
    print(
        f"sphinx-specs preview: {url} after the first build, into {source / OUT_DIR}; Ctrl-C stops",
        file=out,
        flush=True,
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    resumed = (source / OUT_DIR / ".doctrees" / "environment.pickle").is_file()
    relay = _Relay(out, keep_color=tty, resumed=resumed)
    child: subprocess.Popen[str] | None = None
    with _sigterm_raises():
        try:
            child = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
                start_new_session=os.name != "nt",  # its own process group, builds included
            )
            assert child.stdout is not None
            for raw in child.stdout:
                relay.line(raw)
            status = child.wait()
        except KeyboardInterrupt:
            if child is not None:
                _stop(child, signal.SIGINT)
            print("sphinx-specs preview: stopped", file=out, flush=True)
            return 0
        except _Terminated:
            if child is not None:
                _stop(child, signal.SIGTERM)
            return 128 + signal.SIGTERM
        finally:  # whatever ended this process's part (a closed pipe too), the server ends
            if child is not None and child.poll() is None:
                _stop(child, signal.SIGTERM)
    if status:
        raise CliError(f"sphinx-autobuild stopped with exit status {status}")
    return 0
