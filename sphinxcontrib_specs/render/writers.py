"""Visitors for the nodes that need format-specific output, and the static assets.

- :class:`~.read.nodes.spec_checkbox`: a disabled ``<input type="checkbox">`` in HTML,
  a box (``\\square`` / ``\\boxtimes``) in LaTeX, ``[x]`` / ``[ ]`` in every other writer.
- :class:`~.read.nodes.spec_progress`: a bar and its text in HTML, the text elsewhere.
- :class:`~.read.nodes.spec_covers`: ``{covers}`` links, written from the domain in
  HTML (see :mod:`.covers`); the other writers get them as ``pending_xref`` nodes.

- :class:`~.read.nodes.spec_html_table`: a report table (see :mod:`.tables`).
- :class:`~.read.nodes.spec_html_card`: a spec card's table (see :mod:`.lightcard`).

HTML goes through ``starttag`` (attributes escaped by Sphinx); only numbers enter ``style``.
The LaTeX package ``sphinxspecs.sty`` (badges and status colours, the checkbox macros) is written
to the LaTeX output folder when the builder starts; for HTML, ``_static/specs.css`` is written
then too: the stylesheet (``static/specs.css``) and the status colours in one file, and
``static/specs.js`` beside it (written, not added to ``html_static_path``: Sphinx would copy the
stylesheet without its colours over ours).

Assets: Sphinx writes a tag for every stylesheet and script on every page, and for its ``?v=``
resolves each file's path on disk there (the checksum itself is cached per file): one file more
costs every page. So the stylesheet is one file, and ``specs.js`` (it wires up the reports'
tables) is linked only from the pages with a report (the one page of singlehtml when any
document has one; every page when ``app.set_html_assets_policy("always")`` asks for it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..read.nodes import (
    spec_checkbox,
    spec_covers,
    spec_html_card,
    spec_html_table,
    spec_progress,
)
from .covers import visit_covers_html
from .html import checkbox_html, progress_bar_html, sort_value
from .lightcard import setup_lightcard, visit_html_card
from .rowcache import setup_rowcache
from .tables import visit_html_table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

STATIC = Path(__file__).parent.parent / "static"
#: The stylesheet, which ``_static/specs.css`` starts with.
STYLESHEET = STATIC / "specs.css"
SCRIPT = STATIC / "specs.js"


def visit_checkbox_html(self: HTML5Translator, node: spec_checkbox) -> None:
    self.body.append(checkbox_html(self, node, node["checked"]))
    raise nodes.SkipNode


def visit_checkbox_latex(self: LaTeXTranslator, node: spec_checkbox) -> None:
    self.body.append(r"\sphinxspecschecked{}" if node["checked"] else r"\sphinxspecsopen{}")
    raise nodes.SkipNode


def visit_progress_html(self: HTML5Translator, node: spec_progress) -> None:
    done, total = int(node["done"]), int(node["total"])
    self.body.append(
        self.starttag(node, "span", "", False, **{"data-sort": sort_value(done, total)})
    )
    self.body.append(progress_bar_html(self, done, total))


def depart_progress_html(self: HTML5Translator, node: spec_progress) -> None:
    self.body.append("</span>")


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def add_html_only_node(
    app: Sphinx, node: type[nodes.Element], visit_html: Callable[..., None]
) -> None:
    """Register an HTML-only node: its HTML visitor, and a skip for every other writer."""
    skip = (_skip, None)
    app.add_node(node, html=(visit_html, None), latex=skip, text=skip, man=skip, texinfo=skip)


def _visit_pass(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def latex_package(colors: dict[str, str]) -> str:
    """The ``sphinxspecs`` LaTeX package: badge colours per status, checkbox macros."""
    from ..core.colors import text_color

    lines = [
        r"\NeedsTeXFormat{LaTeX2e}",
        r"\ProvidesPackage{sphinxspecs}[2026/01/01 sphinx-specs]",
        r"\RequirePackage{xcolor}",
        r"\RequirePackage{amssymb}",
        r"\RequirePackage{varwidth}",
        r"\newcommand{\sphinxspecschecked}{\ensuremath{\boxtimes}}",
        r"\newcommand{\sphinxspecsopen}{\ensuremath{\square}}",
        r"\expandafter\def\csname DUrolespecs-badge\endcsname#1{\textbf{#1}}",
        r"\expandafter\def\csname DUrolespecs-card-id\endcsname#1{\textbf{#1}}",
        r"\expandafter\def\csname DUrolespecs-item-id\endcsname#1{\textbf{\small #1}}",
    ]
    for key in sorted(colors):
        css = f"specs-status-{key}"
        name = css.replace("-", "")
        text = "white" if text_color(colors[key]) == "#ffffff" else "black"
        lines.append(rf"\definecolor{{{name}}}{{HTML}}{{{colors[key][1:].upper()}}}")
        # no wider than its column: a table's narrow Status column wraps "Under Review"
        # inside the badge instead of the next column painting over it
        fit = r"\begin{varwidth}[t]{\dimexpr\linewidth-2\fboxsep\relax}\raggedright"
        words = rf"\textcolor{{{text}}}{{\strut\hspace{{0pt}}\textbf{{#1}}}}"
        box = rf"{{\colorbox{{{name}}}{{{fit}{words}\end{{varwidth}}}}}}"
        lines.append(rf"\expandafter\def\csname DUrole{css}\endcsname#1{box}")
        # Sphinx < 8.1 joins an inline's classes into one \DUrole{a,b}{...} call.
        lines.append(rf"\expandafter\def\csname DUrolespecs-badge,{css}\endcsname#1{box}")
    return "\n".join(lines) + "\n\\endinput\n"


def _write_if_changed(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def _write_assets(app: Sphinx) -> None:
    """The files that depend on the configuration: the LaTeX package, the stylesheet with the
    status colours."""
    from ..core.colors import status_css
    from ..read.domain import get_domain

    colors = get_domain(app.env).settings.palette()
    if app.builder.format == "latex":
        path = Path(app.builder.outdir) / "sphinxspecs.sty"
        content = latex_package(colors)
    elif app.builder.format == "html":
        path = Path(app.builder.outdir) / "_static" / "specs.css"
        content = f"{STYLESHEET.read_text(encoding='utf-8')}\n{status_css(colors)}"
        _write_if_changed(path.with_name("specs.js"), SCRIPT.read_text(encoding="utf-8"))
    else:
        return
    _write_if_changed(path, content)
    if app.builder.format == "html":
        _warn_shadowing_stylesheet(app)


def _warn_shadowing_stylesheet(app: Sphinx) -> None:
    """Sphinx copies the theme's static folders and ``html_static_path`` over ``_static``, and
    ``html_extra_path`` over the output folder, when it starts writing (Sphinx 8.0's singlehtml:
    when it finishes), after this file was written: a ``specs.css`` of the user's there (or a
    template Sphinx renders to it) would replace the extension's styles and status colours."""
    from ..warnings_ import SpecsWarning, warn

    for subject in _shadowing_stylesheets(app):
        warn(
            SpecsWarning.CONFIG,
            f"{subject}, which replaces the extension's stylesheet _static/specs.css (its styles "
            "and status colours); give yours another name and add it with html_css_files",
        )


def _shadowing_stylesheets(app: Sphinx) -> Iterator[str]:
    """Where each file is that Sphinx would copy over ``_static/specs.css``, as the warning says
    it."""
    theme = getattr(app.builder, "theme", None)
    if theme is not None:
        for theme_dir in theme.get_theme_dirs():
            name = _stylesheet_in(Path(theme_dir, "static"))
            if name is not None:
                # named, not by its folder: a zipped theme's is a temporary one
                yield f"the theme {theme.name!r} (or a theme it inherits) holds static/{name}"
                break
    for entry in app.config.html_static_path:
        path = Path(app.confdir, entry)
        name = _stylesheet_in(path)
        if name is None and _renders_to_stylesheet(path):
            name = path.name
        if name is not None:
            yield f"html_static_path {entry!r} is or holds {name}"
    for entry in app.config.html_extra_path:
        if Path(app.confdir, entry, "_static", "specs.css").is_file():  # copied as it is
            yield f"html_extra_path {entry!r} holds _static/specs.css"


def _stylesheet_in(folder: Path) -> str | None:
    """The name of the file in ``folder`` that Sphinx copies to ``specs.css``, if any."""
    if not folder.is_dir():
        return None
    return next((c.name for c in sorted(folder.iterdir()) if _renders_to_stylesheet(c)), None)


def _renders_to_stylesheet(path: Path) -> bool:
    """Whether Sphinx's copy of ``path`` is ``specs.css``: the file itself, or a template
    (``specs.css_t``, ``specs.css.jinja``; Sphinx reads the suffix in any case)."""
    name = path.name
    if not name.startswith("specs.css") or not path.is_file():
        return False
    return name[len("specs.css") :].lower() in ("", "_t", ".jinja")


def setup_writers(app: Sphinx) -> None:
    # the other writers write the node's children (its text)
    passthrough = (_visit_pass, _visit_pass)
    children_only: dict[str, Any] = dict.fromkeys(("latex", "text", "man", "texinfo"), passthrough)
    app.add_node(
        spec_checkbox,
        html=(visit_checkbox_html, None),
        latex=(visit_checkbox_latex, None),
    )
    app.add_node(spec_progress, html=(visit_progress_html, depart_progress_html), **children_only)
    # a {covers} node reaches them only unresolved (a heading's copy in a table of contents)
    app.add_node(spec_covers, html=(visit_covers_html, None), **children_only)
    # HTML only: the other writers never get it, and skip it if they ever do
    add_html_only_node(app, spec_html_table, visit_html_table)
    add_html_only_node(app, spec_html_card, visit_html_card)
    setup_lightcard(app)
    setup_rowcache(app)
    app.add_latex_package("sphinxspecs")
    app.add_css_file("specs.css")
    app.connect("builder-inited", _write_assets)
    app.connect("html-page-context", _add_script)


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``specs.js`` on the pages with a report, the only ones it has work on, or on every page
    when an extension or theme asks for every asset everywhere (``set_html_assets_policy``). As
    ``sphinx.ext.mathjax`` adds its script: through the builder, for this page only."""
    from ..read.domain import get_domain

    add_js_file = getattr(app.builder, "add_js_file", None)
    if add_js_file is None:
        return
    docs = get_domain(app.env).index.docs
    if app.registry.html_assets_policy == "always":
        needed = True
    elif isinstance(app.builder, SingleFileHTMLBuilder):  # its page holds every document
        needed = any(doc.reports for doc in docs.values())
    else:  # one page a document (html, dirhtml, epub, the help builders, ...)
        doc = docs.get(pagename) if doctree is not None else None
        needed = doc is not None and bool(doc.reports)
    if needed:
        add_js_file("specs.js", defer="defer")  # what add_js_file(loading_method="defer") adds
