"""A spec, item or report directive written in a colon fence (``:::{spec}``) on a Markdown page
while MyST's ``colon_fence`` extension is off.

MyST then reads the fence as a paragraph: the spec, its items or the report are text on the page
and nothing else, and no other warning says why. One ``specs.config`` warning per page, at the
first such fence, names the fix. The check is connected only when MyST is loaded and
``colon_fence`` is off, so a project that has it on pays nothing for it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..warnings_ import SpecsWarning, warn
from .directives.names import holder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: A paragraph that starts as a colon fence would: ``:::{name}``, ``::::{name}``.
_FENCE = re.compile(r":{3,}[ \t]*\{([A-Za-z][\w.:-]*)\}")


def _colon_fences(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    suffix = env.doc2path(env.docname).suffix
    if app.config.source_suffix.get(suffix) != "markdown":
        return  # reStructuredText has no colon fences
    for paragraph in doctree.findall(nodes.paragraph):
        first = paragraph[0] if paragraph.children else None
        # the fence as text, not `:::{spec}` quoted in inline code
        match = _FENCE.match(first.astext()) if isinstance(first, nodes.Text) else None
        if match is None or not (holder(match[1]) or "").startswith("sphinxcontrib_specs."):
            continue
        name = match[1]
        warn(
            SpecsWarning.CONFIG,
            f"':::{{{name}}}' is text here, not a directive: MyST's colon_fence extension is "
            f'off; add "colon_fence" to myst_enable_extensions in conf.py, or open the '
            f"directive with backticks (```{{{name}}})",
            location=paragraph,
        )
        return


def _connect(app: Sphinx, config: Config) -> None:
    enabled = getattr(config, "myst_enable_extensions", None) or ()
    if "myst_parser" in app.extensions and "colon_fence" not in set(enabled):
        app.connect("doctree-read", _colon_fences)


def setup_fences(app: Sphinx) -> None:
    app.connect("config-inited", _connect)
