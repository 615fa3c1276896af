"""Git history: the reader (once per build, keyed by HEAD) and the suspect-link pass.

Both are imported only by a build that reads git history (``specs_git`` not False): the reader,
the suspect pass and the records they make cost about 0.7 % of an incremental build at 100 specs
to import, for nothing when the history is off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def compute_histories(app: Sphinx, env: BuildEnvironment) -> None:
    """No history yet; then, unless ``specs_git`` is off, the reader's
    (:func:`.reader.compute_histories`)."""
    from ..read.domain import get_domain

    domain = get_domain(env)
    domain.history = {}
    domain.suspects = {}
    if settings_of(app.config).git != "off":
        from .reader import compute_histories as read_histories  # git history on: see above

        read_histories(app, env)


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """None with ``specs_git`` off; else the reader's (:func:`.reader.outdated`)."""
    if settings_of(app.config).git == "off":
        return []
    from .reader import outdated as read_outdated  # git history on: see above

    return read_outdated(app, env, added, changed, removed)


def setup_githistory(app: Sphinx) -> None:
    app.connect("env-updated", compute_histories)
    app.connect("env-get-outdated", outdated)
