"""Plain mode's place in a build: its event handlers and transforms, which load the reader
(:mod:`.transform`, :mod:`.files` and the sources) only in a project that has plain specs
(``specs_plain_markdown``). A project of directives never imports them: importing the whole
reader is a large share of what starting an incremental build costs the extension."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform

from ..config import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def read_header_block(app: Sphinx, docname: str, source: list[str]) -> None:
    if settings_of(app.config).plain_markdown:
        from .files import read_header_block as read

        read(app, docname, source)


def new_metadata_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if not settings_of(env.config).plain_markdown:
        return []
    from .files import new_metadata_files as find

    return find(app, env, added, changed, removed)


def outdated_folders(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if not settings_of(env.config).plain_markdown:
        return []
    from .transform import outdated_folders as find

    return find(app, env, added, changed, removed)


class FrontMatterSources(SphinxTransform):
    """:class:`.transform.FrontMatterSources`, in a project with plain specs."""

    default_priority = 9  # before ApplySourceWorkaround (10)

    def apply(self, **kwargs: Any) -> None:
        if settings_of(self.config).plain_markdown:
            from .transform import FrontMatterSources as Transform

            Transform(self.document, self.startnode).apply(**kwargs)


class PlainSpecs(SphinxTransform):
    """:class:`.transform.PlainSpecs`, in a project with plain specs."""

    default_priority = 870  # after the parser's transforms, before DoctreeReadEvent (880)

    def apply(self, **kwargs: Any) -> None:
        if settings_of(self.config).plain_markdown:
            from .transform import PlainSpecs as Transform

            Transform(self.document, self.startnode).apply(**kwargs)


class LinksOutside(SphinxTransform):
    """:class:`.outside.LinksOutside`, in a project with plain specs."""

    default_priority = 870  # before DoctreeReadEvent (880), where Sphinx collects downloads

    def apply(self, **kwargs: Any) -> None:
        if settings_of(self.config).plain_markdown:
            from .outside import LinksOutside as Transform

            Transform(self.document, self.startnode).apply(**kwargs)


def setup_plain(app: Sphinx) -> None:
    app.connect("source-read", read_header_block)
    app.connect("env-get-outdated", new_metadata_files)
    app.add_transform(FrontMatterSources)
    app.add_transform(PlainSpecs)
    app.add_transform(LinksOutside)
    app.connect("env-get-outdated", outdated_folders)
