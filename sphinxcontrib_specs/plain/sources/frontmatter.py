"""YAML front matter (and an rST file's bibliographic fields, which docutils keeps as docinfo)."""

from __future__ import annotations

import json
import re
from functools import cache, partial
from typing import Any

from docutils import nodes

from ...core.lazyre import lazy_compile
from .base import Entry, Metadata, Page, inline_source, shown_as_item
from .people import person_of

#: Front-matter keys that belong to site generators, never to a spec.
#: (Jekyll and just-the-docs, Sphinx, Docusaurus, MkDocs)
OTHER_TOOLS = frozenset(
    [
        "nav_order",
        "parent",
        "grand_parent",
        "has_children",
        "layout",
        "permalink",
        "html_meta",
        "tocdepth",
        "orphan",
        "nav_exclude",
        "sidebar_position",
        "sidebar_label",
        "slug",
        "hide_title",
        "hide_table_of_contents",
        "pagination_next",
        "pagination_prev",
        "custom_edit_url",
        "search",
        "hide",
    ]
)


class FrontMatter(dict[str, Any]):
    """A page's front matter as written, with the line each top-level key stands on (the
    file's first line is 1, the opening ``---``): warnings about a field go to its line."""

    lines: dict[str, int]


#: A top-level key of a YAML mapping: at the line's start, no list item, comment or quote.
_KEY = lazy_compile(r"([^\s#'\"\-?][^:#]*?)[ \t]*:(?:[ \t]|$)")


def _key_lines(block: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(block.splitlines(), start=2):
        if key := _KEY.match(line):
            lines.setdefault(key.group(1), number)
    return lines


def raw_front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of ``text`` as written (keys of other tools left out): read from
    the text, since MyST's metadata has each value rendered (an address loses its brackets)."""
    return read_front_matter(text)[0]


def front_matter_problem(text: str) -> str | None:
    """Why the front matter ``text`` starts with cannot be read (with its line), or None."""
    return read_front_matter(text)[1]


def read_front_matter(text: str) -> tuple[FrontMatter, str | None]:
    """:func:`raw_front_matter`, and why it is empty when ``text`` has a block it cannot read."""
    import yaml  # type: ignore[import-untyped]

    match = re.match(r"\A(?:\ufeff)?---\r?\n(.*?)\r?\n---\s*\r?\n", text, re.DOTALL)
    if match is None:
        return FrontMatter(), None
    try:
        data = yaml.load(match.group(1), Loader=_text_dates_loader())
    except yaml.YAMLError as error:  # MyST warns of it (myst.topmatter) and reads none either
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 2}: " if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
        return FrontMatter(), f"its front matter is not valid YAML ({line}{reason})"
    except (ValueError, TypeError, RecursionError) as error:
        return FrontMatter(), f"its front matter cannot be read ({error})"
    if not isinstance(data, dict):
        return FrontMatter(), "its front matter is not a mapping of fields"
    result = FrontMatter((str(k), v) for k, v in data.items() if str(k) not in OTHER_TOOLS)
    result.lines = _key_lines(match.group(1))
    return result, None


def docinfo_fields(document: nodes.document, result: dict[str, Any]) -> FrontMatter:
    """``result`` (the page's metadata so far) with the fields of the docinfo docutils' ``DocInfo``
    transform leaves among the document's own children: an rST page's ``:Status: Draft`` field
    list at its top, or MyST's front matter. The build and ``init`` read it alike. Each field's
    line is kept (:attr:`FrontMatter.lines`): docutils keeps it for a field of its own
    (``:Created:``), and a bibliographic one (``:Status:``, ``:Authors:``) stands a line after
    the field above it or before the field below it, one field a line as field lists are
    written."""
    result = FrontMatter(result)
    result.lines = {}

    def keep(key: str, node: nodes.Element) -> None:
        # a value with a link is read back as written ("Ann Lee <ann@example.org>" keeps its
        # address's brackets, which MyST's metadata text drops); others as their text
        if node.next_node(nodes.reference) is None or isinstance(result.get(key), list):
            result.setdefault(key, node.astext())
            return
        if str(result.get(key, "")).startswith("["):  # a YAML list, kept as MyST gives it
            return
        paragraph = node.next_node(nodes.paragraph)
        result[key] = inline_source(list((paragraph or node).children))

    for docinfo in (c for c in document.children if isinstance(c, nodes.docinfo)):
        keys: list[tuple[str, int | None]] = []
        for entry in docinfo.children:
            if isinstance(entry, nodes.field) and len(entry.children) == 2:
                body = entry.children[1]
                assert isinstance(body, nodes.Element)
                keep(key := entry.children[0].astext(), body)
            elif isinstance(entry, nodes.authors):  # rST's :Authors: A; B (one node each)
                key = "authors"
                result.setdefault(key, ", ".join(a.astext() for a in entry.children))
            elif isinstance(entry, nodes.Element):
                keep(key := entry.tagname, entry)
            else:
                continue
            keys.append((key, entry.line if isinstance(entry, nodes.Element) else None))
        result.lines.update(_field_lines(keys))
    return result


def _field_lines(keys: list[tuple[str, int | None]]) -> dict[str, int]:
    """Each field's line, those docutils left without one counted from the nearest that has
    one (a field a line); none when no field has a line."""
    known = [(at, line) for at, (_, line) in enumerate(keys) if line is not None]
    if not known:
        return {}
    lines: dict[str, int] = {}
    for at, (key, line) in enumerate(keys):
        near, near_line = min(known, key=lambda k: abs(k[0] - at))
        lines.setdefault(key, line if line is not None else near_line + at - near)
    return lines


@cache
def _text_dates_loader() -> type:
    """PyYAML's safe loader (libyaml's where PyYAML has it) that keeps a date as written: the
    value readers parse it, and a date no calendar has (``2024-02-30``) gets their ``specs.meta``
    warning at its line instead of PyYAML's ``ValueError`` for the whole front matter."""
    import yaml

    class TextDates(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    TextDates.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    return TextDates


def _yaml_text(value: Any) -> str | tuple[str, ...]:
    """A front-matter value as text, a list as a list (MyST keeps lists as JSON): a YAML list
    of people stays one person an element (``"Ann Lee, Acme Inc"`` is one)."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
    if isinstance(value, (list, tuple)):
        texts = (person_of(v) if isinstance(v, dict) else _yaml_text(v) for v in value)
        return tuple(t for t in texts if isinstance(t, str) and t)
    if isinstance(value, (dict, bool)) or value is None:
        return ""
    return str(value)


def front_matter(page: Page) -> Metadata | None:
    """YAML front matter (MyST parses it; read from ``env.metadata``): keys that name no field
    (``nav_order``, ``parent``, ...) belong to other tools and are dropped without a word. The
    card goes right under the first heading (a new node there)."""
    entries = [
        (str(key), _yaml_text(value))
        for key, value in page.front_matter.items()
        if not isinstance(value, dict) and key not in ("wordcount", "orphan", "nocomments")
    ]
    if not entries:
        return None
    anchor = nodes.container("", classes=["specs-front-matter"])
    found = Metadata(anchor, 1, needs_known=True)
    lines = getattr(page.front_matter, "lines", {})  # as written (not MyST's docinfo): known
    for label, value in entries:
        text = value if isinstance(value, str) else ", ".join(value)
        shown = partial(shown_as_item, label, [nodes.Text(text)])
        found.entries.append(Entry(label, value, shown, lines.get(label, 1), optional=True))
    return found
