"""Keep Python's garbage collector off the environment while pages are written.

Once every page is read (``env-updated``), the objects alive are the environment, the records,
the toctrees: they live until the build ends. Yet each full collection of the write phase walks
all of them again, and the write phase makes several, because every page's doctree is unpickled,
lives a while and dies. ``gc.freeze()`` moves what is alive at that point out of the collector's
sight; ``build-finished`` gives it back (``gc.unfreeze()``), so a process that runs several builds
(tests, sphinx-autobuild) frees each build's environment as before.

Measured on the benchmark (200 specs): the write phase's full collections fall from 0.84 s to
0.31 s of CPU (plain Sphinx's own, 0.25 s, to 0.05 s), about 5% of the build. Nothing in the
output depends on it.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _freeze(app: Sphinx, env: BuildEnvironment) -> None:
    # no gc.collect() first: a full collection here costs more than the little garbage it frees
    # (it is freed after the build, at gc.unfreeze())
    gc.freeze()


def _unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    gc.unfreeze()


def setup_gcfreeze(app: Sphinx) -> None:
    # last of the env-updated listeners: the environment is complete
    app.connect("env-updated", _freeze, priority=999)
    app.connect("build-finished", _unfreeze, priority=999)
