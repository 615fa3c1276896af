"""The metadata sources of plain specs, one module each; :data:`SHAPES` are the ones over the top of
a page's doctree, tried in order (the first that finds metadata wins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bullets import field_bullets
from .fieldlist import field_list
from .frontmatter import front_matter
from .table import two_column_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from .base import Metadata, Page

#: The metadata shapes at a page's top, tried in order; the first that finds metadata wins.
SHAPES: tuple[Callable[[Page], Metadata | None], ...] = (
    front_matter,
    field_bullets,
    field_list,
    two_column_table,
)
