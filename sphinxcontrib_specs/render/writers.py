"""Visitors for the two nodes that need format-specific output, and the static assets.

- :class:`~sphinxcontrib_specs.nodes.spec_checkbox`: a disabled ``<input type="checkbox">`` in HTML,
  a box (``\\square`` / ``\\boxtimes``) in LaTeX, ``[x]`` / ``[ ]`` in every other writer.
- :class:`~sphinxcontrib_specs.nodes.spec_progress`: a bar and its text in HTML, the text elsewhere.

HTML goes through ``starttag`` (attributes escaped by Sphinx); only numbers enter ``style``.
The LaTeX package ``sphinxspecs.sty`` (badges and status colours, the checkbox macros) is written
to the LaTeX output folder when the builder starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.model import is_safe_url
from ..nodes import (
    make_checkbox,
    spec_checkbox,
    spec_html_table,
    spec_progress,
    spec_table_controls,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

STATIC = Path(__file__).parent.parent / "static"


def checkbox_html(self: HTML5Translator, node: nodes.Element, checked: bool) -> str:
    attributes = {"type": "checkbox", "disabled": "disabled"}
    if checked:
        attributes["checked"] = "checked"
    attributes["aria-label"] = "done" if checked else "not done"
    return self.starttag(node, "input", "", empty=True, **attributes)


def visit_checkbox_html(self: HTML5Translator, node: spec_checkbox) -> None:
    self.body.append(checkbox_html(self, node, node["checked"]))
    raise nodes.SkipNode


def visit_checkbox_latex(self: LaTeXTranslator, node: spec_checkbox) -> None:
    self.body.append(r"\sphinxspecschecked{}" if node["checked"] else r"\sphinxspecsopen{}")
    raise nodes.SkipNode


def progress_bar_html(done: int, total: int) -> str:
    percent = round(100 * done / total) if total else 0
    return (
        f'<span class="specs-progress-bar" role="progressbar" aria-valuemin="0" '
        f'aria-valuemax="{total}" aria-valuenow="{done}">'
        f'<span class="specs-progress-fill" style="width: {percent}%"></span></span> '
    )


def visit_progress_html(self: HTML5Translator, node: spec_progress) -> None:
    done, total = int(node["done"]), int(node["total"])
    sort_key = {"data-sort": f"{done / total:.4f}" if total else "0"}
    self.body.append(self.starttag(node, "span", "", False, **sort_key))
    self.body.append(progress_bar_html(done, total))


def depart_progress_html(self: HTML5Translator, node: spec_progress) -> None:
    self.body.append("</span>")


def _segment_html(self: HTML5Translator, segment: tuple[Any, ...]) -> str:
    """One piece of a report cell (see :data:`..render.reports.Segment`), escaped."""
    from .card import status_class

    bare = nodes.inline()
    kind = segment[0]
    if kind == "text":
        return str(self.encode(segment[1]))
    if kind == "a":
        _, href, title, label = segment
        attributes = {"href": href, "CLASS": "reference internal xref specs-ref"}
        if title:
            attributes["title"] = title
        return f"{self.starttag(bare, 'a', '', **attributes)}{self.encode(label)}</a>"
    if kind == "unresolved":
        return f'<span class="xref specs-ref specs-unresolved">{self.encode(segment[1])}</span>'
    if kind == "badge":
        label = segment[1] or "No status"
        return f'<span class="specs-badge {status_class(segment[1])}">{self.encode(label)}</span>'
    if kind == "progress":
        done, total = segment[1], segment[2]
        key = f"{done / total:.4f}" if total else "0"
        return (
            f'<span class="specs-progress" data-sort="{key}">{progress_bar_html(done, total)}'
            f"{done} of {total} done</span>"
        )
    if kind == "url":
        _, label, url = segment
        if url and is_safe_url(url):
            attributes = {"href": url, "CLASS": "specs-issue reference external"}
            return f"{self.starttag(bare, 'a', '', **attributes)}{self.encode(label)}</a>"
        return f'<span class="specs-issue">{self.encode(label)}</span>'
    if kind == "span":
        return f'<span class="{segment[1]}">{self.encode(segment[2])}</span>'
    if kind == "covering":
        _, checked, link, label = segment
        box = "" if checked is None else checkbox_html(self, make_checkbox(checked), checked) + " "
        return (
            f'<span class="specs-covering">{box}{_segment_html(self, link)} '
            f"{self.encode(label)}</span>"
        )
    return ""


def visit_html_table(self: HTML5Translator, node: spec_html_table) -> None:
    """A report table written in one go from its data: the same markup a docutils table
    would give, without a node per cell."""
    body = self.body
    body.append(self.starttag(node, "table", "", CLASS="docutils align-default"))
    body.append("<thead><tr>")
    for header in node["headers"]:
        body.append(f'<th class="head"><p>{self.encode(header)}</p></th>')
    body.append("</tr></thead>\n<tbody>\n")
    column_classes = node["column_classes"]
    bare = nodes.inline()
    for cells, row_classes in node["rows"]:
        classes = " ".join(c for c in row_classes if c)
        body.append(self.starttag(bare, "tr", "", CLASS=classes) if classes else "<tr>")
        for i, cell in enumerate(cells):
            cls = column_classes[i] if i < len(column_classes) else ""
            body.append(f'<td class="{cls}">' if cls else "<td>")
            body.append("".join(_segment_html(self, segment) for segment in cell))
            body.append("</td>")
        body.append("</tr>\n")
    if not node["rows"]:
        span = len(node["headers"])
        body.append(
            f'<tr class="specs-empty"><td colspan="{span}">{self.encode(node["empty"])}</td></tr>\n'
        )
    body.append("</tbody>\n</table>\n")
    raise nodes.SkipNode


def visit_controls_html(self: HTML5Translator, node: spec_table_controls) -> None:
    """The toolbar of an interactive table; hidden until specs.js wires it up, so a reader
    without JavaScript sees only the complete table."""
    bare = nodes.inline()  # inner tags carry no classes or ids of the node
    self.body.append(self.starttag(node, "div", "", CLASS="specs-table-controls", hidden="hidden"))
    self.body.append('<label class="specs-search">' + self.encode("Search") + " ")
    self.body.append(
        self.starttag(
            bare,
            "input",
            "",
            empty=True,
            type="search",
            CLASS="specs-search-input",
            placeholder="ID, title, author…",
        )
    )
    self.body.append("</label>")
    self.body.append('<fieldset class="specs-status-filter"><legend>Status</legend>')
    for css, label in node["statuses"]:
        self.body.append("<label>")
        self.body.append(
            self.starttag(
                bare, "input", "", empty=True, type="checkbox", value=css, checked="checked"
            )
        )
        self.body.append(" " + self.encode(label) + "</label>")
    self.body.append('</fieldset><span class="specs-count" aria-live="polite"></span></div>\n')
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


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
        box = rf"{{\colorbox{{{name}}}{{\textcolor{{{text}}}{{\strut\textbf{{#1}}}}}}}}"
        lines.append(rf"\expandafter\def\csname DUrole{css}\endcsname#1{box}")
        # Sphinx < 8.1 joins an inline's classes into one \DUrole{a,b}{...} call.
        lines.append(rf"\expandafter\def\csname DUrolespecs-badge,{css}\endcsname#1{box}")
    return "\n".join(lines) + "\n\\endinput\n"


def _write_assets(app: Sphinx) -> None:
    """The files that depend on the configuration: the LaTeX package, the status colours CSS."""
    from ..core.colors import status_css
    from ..domain import get_domain

    colors = get_domain(app.env).settings.palette()
    if app.builder.format == "latex":
        path = Path(app.builder.outdir) / "sphinxspecs.sty"
        content = latex_package(colors)
    elif app.builder.format == "html":
        path = Path(app.builder.outdir) / "_static" / "specs-status.css"
        content = status_css(colors)
    else:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def setup_writers(app: Sphinx) -> None:
    passthrough = (_visit_pass, _visit_pass)
    app.add_node(
        spec_checkbox,
        html=(visit_checkbox_html, None),
        latex=(visit_checkbox_latex, None),
    )
    app.add_node(
        spec_progress,
        html=(visit_progress_html, depart_progress_html),
        latex=passthrough,
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
    # HTML-only nodes: the other writers never get them, and skip them if they ever do
    skip = (_skip, None)
    for node, visit in (
        (spec_table_controls, visit_controls_html),
        (spec_html_table, visit_html_table),
    ):
        app.add_node(node, html=(visit, None), latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_latex_package("sphinxspecs")
    app.add_js_file("specs.js", loading_method="defer")
    app.add_css_file("specs.css")
    app.add_css_file("specs-status.css")
    app.connect("builder-inited", _write_assets)
    app.connect("builder-inited", _add_static_path)


def _add_static_path(app: Sphinx) -> None:
    # Sphinx copies html_static_path entries; ours is added here, not in the user's config.
    if app.builder.format == "html":
        static = str(STATIC)
        if static not in app.builder.config.html_static_path:
            app.builder.config.html_static_path.append(static)
