"""YAML front matter (and an rST file's bibliographic fields, which docutils keeps as docinfo)."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from docutils import nodes

from .base import Entry, Metadata, Page, shown_as_item


def _yaml_text(value: Any) -> str:
    """A front-matter value as text: lists joined with commas (MyST keeps them as JSON)."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_yaml_text(v) for v in value)
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
    line = 1
    found = Metadata(anchor, line, needs_known=True)
    for label, value in entries:
        shown = partial(shown_as_item, label, [nodes.Text(value)])
        found.entries.append(Entry(label, value, shown, line, optional=True))
    return found


#: The metadata shapes, tried in order; the first that finds metadata wins.
