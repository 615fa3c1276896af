"""The ``spec`` directive: leaves a :func:`~.read.nodes.pending_spec` with the spec's
ID, its raw options and its line, the abstract parsed as its children. It records nothing: the page
collector (:mod:`..collector`) makes the record from the node and reports bad options there, at
the directive's line, exactly as for a plain-Markdown spec.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ...config import settings_of
from ...core.lazyre import lazy_compile
from ..nodes import pending_spec
from ..records import CORE_OPTIONS, OPTION_SPELLINGS

if TYPE_CHECKING:
    from docutils import nodes


#: A YAML flow list of two or more plain values, as MyST's option block leaves it.
_FLOW_LIST = lazy_compile(r"\[([^\[\]]*,[^\[\]]*)\]")


#: The built-in options that take a comma list.
_LIST_OPTIONS = frozenset(
    [
        "authors",
        "tags",
        "issues",
        "supersedes",
        "depends-on",
        "related",
        "superseded-by",
        "approvers",
    ]
)
#: The ``specs_fields`` types that take a comma list.
_LIST_TYPES = frozenset(["list", "spec", "issue", "link"])


def as_list(text: str) -> str:
    """A YAML list MyST's option block passes on as written (a flow list ``[alice, bob]``, a
    block list folded to ``- x - y``) as the comma list a list option takes; other text as it
    is (a template's one placeholder ``[Author Name]`` too)."""
    stripped = text.strip()
    flow = _FLOW_LIST.fullmatch(stripped)
    if flow is not None:
        return flow.group(1)
    if stripped.startswith("- "):
        return ", ".join(p.strip() for p in re.split(r"(?:^|\s)-\s", stripped) if p.strip())
    return text


class AnyOption(dict[str, Callable[[Any], Any]]):
    """An option spec that accepts every option name as text.

    The ``spec`` directive's options depend on ``specs_fields``, so unknown names are reported by
    the page collector (a ``specs.meta`` warning naming the known ones) rather than rejected by
    the parser, which would drop the whole directive.
    """

    def __missing__(self, key: str) -> Callable[[Any], Any]:
        return directives.unchanged


class SpecDirective(SphinxDirective):
    """``{spec} ID``: one spec's metadata; the content is the spec's abstract."""

    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[Any], Any]]] = AnyOption(
        {name: directives.unchanged for name in CORE_OPTIONS}
    )

    def run(self) -> list[nodes.Node]:
        # an empty ID is reported by the numbering transform, which knows the page's first spec
        spec_id = self.arguments[0].strip() if self.arguments else ""
        # the options as written: pending_spec normalizes them (raw_option), for plain specs too;
        # a YAML list in MyST's option block as the comma list a list option takes
        fields = settings_of(self.config).fields
        options = {
            name: as_list(value)
            if OPTION_SPELLINGS.get(name, name) in _LIST_OPTIONS
            or (name in fields and fields[name].type in _LIST_TYPES)
            else value
            for name, value in self.options.items()
        }
        node = pending_spec(spec_id, options, self.lineno)
        self.set_source_info(node)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, node)
        return [node]
