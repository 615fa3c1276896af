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
``build-finished``, whatever the build's outcome, it is unfrozen, so a process that builds again
(a test suite, a server) collects as before: a cycle that became garbage during the build is
collected then. A process that froze objects of its own before the build is left as it is: the
build neither freezes nor unfreezes.

Process-wide state, as ``init``'s reader's (:mod:`.cli.reading`); parallel builds fork after the
freeze, which keeps the workers' copies of those pages shared.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Whether this process's objects were frozen by :func:`_freeze` (and so are ours to unfreeze).
_FROZEN = {"by_us": False}


def _freeze(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if gc.isenabled() and gc.get_freeze_count() == 0:
        gc.freeze()
        _FROZEN["by_us"] = True


def _unfreeze(app: Sphinx, exception: Exception | None) -> None:
    if _FROZEN["by_us"]:
        _FROZEN["by_us"] = False
        gc.unfreeze()


def setup_gcfreeze(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _freeze)
    app.connect("build-finished", _unfreeze, priority=900)  # after every other handler
