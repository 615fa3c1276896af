"""Plain Markdown specs in a build (``specs_plain_markdown``).

A transform, run while a Markdown page is read, asks :mod:`.plain` (the recognizer ``adopt`` uses
too) where the page's metadata list and tracked lists are, then turns them into what the
directives would have made: the metadata list becomes the card placeholder (fields it does not
know stay as a list below it), each tracked list becomes an item list. Line numbers are the
file's own, so warnings point at the right lines.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .directives.items import mark_items
from .domain import get_domain
from .nodes import pending_spec, spec_items, spec_node
from .plain import recognize
from .warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import Settings


def is_plain_candidate(settings: Settings, relative_source: str) -> bool:
    if not relative_source.endswith(".md"):
        return False
    return any(fnmatch(relative_source, pattern) for pattern in settings.plain_markdown)


class PlainSpecs(SphinxTransform):
    """Recognize a plain Markdown spec on the page being read."""

    default_priority = 870  # after the parser's transforms, before DoctreeReadEvent (880)

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        settings = domain.settings
        if not settings.plain_markdown:
            return
        docname = self.env.docname
        source = Path(self.env.doc2path(docname))
        relative = source.relative_to(self.env.srcdir).as_posix()
        if not is_plain_candidate(settings, relative):
            return
        if next(iter(self.document.findall(spec_node)), None) is not None:
            return  # a page with a spec directive is not read the plain way
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            return
        found = recognize(
            text,
            source.name,
            templates=settings.templates,
            id_format=settings.plain_id,
            extra_fields={f.display: name for name, f in settings.fields.items()},
        )
        if found is None:
            return

        def warn_at(kind: SpecsWarning, message: str, line: int | None) -> None:
            warn(kind, message, location=(docname, line))

        for line, subtype, message in found.problems:
            warn_at(SpecsWarning.of(subtype), message, line)
        lists = {b.start: b for b in found.lists}
        bullet_lists = {
            node.line: node for node in self.document.findall(nodes.bullet_list) if node.line
        }
        metadata = bullet_lists.get(found.meta_start)
        if found.spec_id is None or metadata is None:
            return
        # the page collector makes the record (and checks the ID) from this node
        placeholder = pending_spec(found.spec_id, found.options(), found.meta_start)
        known = {f.line for f in found.fields if f.option is not None}
        leftover = [item for item in metadata.children if item.line not in known]
        replacement: list[nodes.Node] = [placeholder]
        if leftover:
            rest = nodes.bullet_list("", *leftover, classes=["specs-extra-fields"])
            replacement.append(rest)
        metadata.replace_self(replacement)

        for start, block in lists.items():
            bullet_list = bullet_lists.get(start)
            kind = settings.kind(block.kind)
            if bullet_list is None or kind is None or bullet_list.parent is None:
                continue
            container = spec_items(
                "",
                classes=["specs-items", f"specs-kind-{kind.kind}"],
                specs_kind=kind.kind,
            )
            container.line = start
            bullet_list.replace_self(container)
            container += bullet_list
            mark_items(bullet_list, kind, warn_at, start)


def setup_plain(app: Sphinx) -> None:
    app.add_transform(PlainSpecs)
