"""A spec, item or report directive written in a colon fence (``:::{spec}``) on a Markdown page
while MyST's ``colon_fence`` extension is off.

MyST then reads the fence as a paragraph: the spec, its items or the report are text on the page
and nothing else, and no other warning says why. One ``specs.config`` warning per page, at the
first such fence, names the fix. The check is connected only when MyST is loaded and
``colon_fence`` is off, so a project that has it on pays nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.lazyre import lazy_compile
from ..warnings_ import SpecsWarning, warn
from .directives.names import holder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: A line of a paragraph that starts as a colon fence would: ``:::{name}``, ``::::{name}`` (a
#: fence right under a line of text joins that line's paragraph).
_FENCE = lazy_compile(r"(?:\A|\n):{3,}[ \t]*\{([A-Za-z][\w.:-]*)\}")


def _colon_fences(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    suffix = env.doc2path(env.docname).suffix
    if app.config.source_suffix.get(suffix) != "markdown":
        return  # reStructuredText has no colon fences
    for paragraph in doctree.findall(nodes.paragraph):
        found = _fenced_name(paragraph)
        if found is None:
            continue
        name, below = found
        where: str | nodes.Node = paragraph
        if below and paragraph.source and paragraph.line:  # the fence's own line
            where = f"{paragraph.source}:{paragraph.line + below}"
        warn(
            SpecsWarning.CONFIG,
            f"':::{{{name}}}' is text here, not a directive: MyST's colon_fence extension is "
            f'off; add "colon_fence" to myst_enable_extensions in conf.py, or open the '
            f"directive with backticks (```{{{name}}})",
            location=where,
        )
        return


def _fenced_name(paragraph: nodes.paragraph) -> tuple[str, int] | None:
    """The name of our directive a line of the paragraph opens as a colon fence would, in its
    text (not quoted in inline code: `:::{spec}`), and how many lines below the paragraph's
    first that line is; None when no line does."""
    lines = 0
    line_start = True  # the paragraph's start, or just after a line break
    for child in paragraph.children:
        text = child.astext()
        if isinstance(child, nodes.Text):
            for match in _FENCE.finditer(text):
                if match.start() == 0 and not line_start:
                    continue  # the text after an inline node, not a line of its own
                if (holder(match[1]) or "").startswith("sphinxcontrib_specs."):
                    return match[1], lines + text.count("\n", 0, match.start() + 1)
        lines += text.count("\n")
        line_start = text.endswith("\n") if text else line_start
    return None


def _connect(app: Sphinx, config: Config) -> None:
    enabled = getattr(config, "myst_enable_extensions", None) or ()
    if "myst_parser" in app.extensions and "colon_fence" not in set(enabled):
        app.connect("doctree-read", _colon_fences)


def setup_fences(app: Sphinx) -> None:
    app.connect("config-inited", _connect)
