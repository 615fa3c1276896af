"""The garbage collector during a build: what is alive once the environment is loaded is kept out
of its full collections until the build ends.

An incremental build loads the whole environment (every page's titles, tables of contents and
domain data, our records) and then makes few objects of its own; yet each full collection walks
every object alive, and Python makes one whenever the objects made since the last one reach a
quarter of those alive, so a build that changes little walks the same loaded environment again
and again. What is alive at ``env-before-read-docs`` (the modules, the configuration, the loaded
environment) is frozen (:func:`gc.freeze`): it is no garbage, and the collections that follow
walk only what the build makes. That saves 3 % of the instructions of a build after a ticked box
at 1,000 specs and 0.5 % of a clean build at 200 (``benchmarks/results``). At
``build-finished`` it is unfrozen, also after a build that failed, so a process that builds
again (a test suite, a server) collects as before: a cycle that became garbage during the build
is collected then. (A build stopped by Ctrl-C gets no ``build-finished``: its process ends, or its
next build finds objects frozen and leaves them.) A process that froze objects of its own before
the build, or a build started inside another's handlers, is left as it is: the build neither
freezes nor unfreezes.

Process-wide state, as ``init``'s reader's (:mod:`.cli.reading`); parallel builds fork after the
freeze, which keeps the workers' copies of those objects shared.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class _Freeze:
    """One application's freeze: what it froze is its own to unfreeze (a build run inside
    another's handlers, which finds objects frozen, neither freezes nor unfreezes)."""

    def __init__(self) -> None:
        self.frozen = False

    def freeze(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        if gc.isenabled() and gc.get_freeze_count() == 0:
            gc.freeze()
            self.frozen = True

    def unfreeze(self, app: Sphinx, exception: Exception | None) -> None:
        if self.frozen:
            self.frozen = False
            gc.unfreeze()


def setup_gcfreeze(app: Sphinx) -> None:
    state = _Freeze()
    app.connect("env-before-read-docs", state.freeze)
    app.connect("build-finished", state.unfreeze, priority=900)  # after every other handler
