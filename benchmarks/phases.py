"""Where a build's CPU time and memory go, phase by phase.

Runs one clean HTML build in this process and prints, for each phase Sphinx announces through
its events (start-up, reading, ``env-updated`` handlers, writing, ``build-finished`` handlers),
its CPU time and the peak resident memory sampled while it ran, and the page whose writing took
longest::

    python benchmarks/phases.py benchmarks/out/n1000/specs/src
    python benchmarks/phases.py benchmarks/out/n1000/plain/src --keep /tmp/out
    python benchmarks/phases.py benchmarks/out/n1000/bullets/src --no-gc

With ``--no-gc`` the garbage collector is off for the build: a full collection walks every live
object and takes 0.2-0.5 s at N=1,000, and it is charged to whatever phase it falls in, so two
runs of the same build disagree by that much in single phases; without it, they agree to about
2 % (and the memory grows, so its peak says nothing then).

Only public events are used, so the figures hold across Sphinx versions. Compare two variants
with the same command, one after the other: the phase that grew is where to profile.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

PAGE = os.sysconf("SC_PAGE_SIZE")
STATM = Path("/proc/self/statm")  # Linux: the resident pages are its second figure


def _rss() -> int:
    return int(STATM.read_text(encoding="ascii").split()[1]) * PAGE


class Phases:
    """The current phase, the CPU time and memory peak of each, the slowest page."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.cpu: dict[str, float] = {}
        self.peak: dict[str, int] = {}
        self.current = ""
        self.started = 0.0
        self.last_page = 0.0  # when the previous page was done
        self.slowest = ("", 0.0)  # the page that took longest, and its CPU seconds
        self.enter("start-up")
        threading.Thread(target=self.sample, daemon=True).start()

    def enter(self, name: str) -> None:
        now = time.process_time()
        if self.current:
            self.cpu[self.current] = self.cpu.get(self.current, 0.0) + now - self.started
        if name not in self.order:
            self.order.append(name)
        self.current, self.started = name, now

    def sample(self) -> None:
        while True:
            rss = _rss()
            if rss > self.peak.get(self.current, 0):
                self.peak[self.current] = rss
            time.sleep(0.005)

    def connect(self, app: Sphinx) -> None:
        app.connect("env-before-read-docs", lambda *_: self.enter("read"), priority=0)
        app.connect("env-updated", lambda *_: self.enter("env-updated"), priority=0)
        app.connect("write-started", self.write_started, priority=0)
        app.connect("html-page-context", self.page_written, priority=999)
        app.connect("build-finished", lambda *_: self.enter("build-finished"), priority=0)

    def write_started(self, app: Sphinx, builder: Any) -> None:
        self.enter("write")
        self.last_page = time.process_time()

    def page_written(self, app: Sphinx, pagename: str, *args: Any) -> None:
        """A page's context comes once it is resolved and translated: the time since the
        previous page's is this page's."""
        now = time.process_time()
        if now - self.last_page > self.slowest[1]:
            self.slowest = (pagename, now - self.last_page)
        self.last_page = now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the project folder (with conf.py)")
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    parser.add_argument(
        "--no-gc", action="store_true", help="turn the garbage collector off (see above)"
    )
    args = parser.parse_args(argv)
    if args.no_gc:
        gc.disable()
    out = args.keep or Path(tempfile.mkdtemp(prefix="phases-"))
    shutil.rmtree(out, ignore_errors=True)
    phases = Phases()
    app = Sphinx(args.source, args.source, out / "html", out / ".doctrees", "html", status=None)
    phases.connect(app)
    app.build()
    phases.enter("done")
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    total = sum(phases.cpu.values())
    print(f"{'phase':<16}{'CPU s':>9}{'share':>8}{'peak MiB':>10}")
    for name in phases.order[:-1]:
        cpu, peak = phases.cpu.get(name, 0.0), phases.peak.get(name, 0) / 2**20
        print(f"{name:<16}{cpu:9.2f}{cpu / total:8.1%}{peak:10.0f}")
    print(f"{'total':<16}{total:9.2f}")
    print(f"slowest page: {phases.slowest[0]} ({phases.slowest[1]:.2f} s to resolve and translate)")
    return 1 if app.statuscode else 0


if __name__ == "__main__":
    sys.exit(main())
