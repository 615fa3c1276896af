"""Links of plain spec pages to the repository's other files, as GitHub shows them.

A spec folder is often one folder of a repository, and its pages link to the repository's other
files: every EIP ends with ``[CC0](../LICENSE.md)``, an RFC links ``../README.md#active-rfc-list``.
MyST reads a link to a ``.md`` file as a link to a page, and there is no page: the file is outside
the project. The link would be dead on the site and warned (``myst.xref_missing``), though it works
on GitHub and the file is there.

When the file exists outside the project, the link becomes a download of it, which is what MyST
makes of a link to any other file (``../assets/diagram.png``): Sphinx copies the file into the
site, and the link gives it (the browser saves it). A file inside the project that
``exclude_patterns`` leaves out is not published that way (its link stays MyST's, warned), nor is
a file that is not there (dead on GitHub too). A link written from the repository's root
(``/keps/sig-b/135-x/README.md``, in a project that is its ``keps/`` folder) goes to that page of
the project. On every page of a project that reads plain specs (``specs_plain_markdown`` is
set: a folder of a repository, read as GitHub shows it), the folder's template and notes too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .files import settings_of


class LinksOutside(SphinxTransform):
    """Make each link of the page to a file that is no page a download of the file."""

    # applied by plain/hooks.py's transform of the same name, at its priority (870)

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        if not settings_of(env).plain_markdown:
            return
        source = Path(env.doc2path(env.docname))
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "myst":
                continue
            if xref.get("refdomain") is None:  # a link MyST found no file for
                self.from_repository_root(xref)
                continue
            if xref.get("refdomain") != "doc":
                continue
            target = xref.get("reftarget") or ""
            if target in env.found_docs:
                continue
            found = self.existing_file(target)
            if found is None or Path(env.srcdir) in found.parents:
                continue  # no file, or one of the project that exclude_patterns leaves out
            path = Path(os.path.relpath(found, source.parent)).as_posix()
            # a link with no text shows the path, as MyST's own links do
            children = xref.children if xref.astext().strip() else [nodes.literal(target, path)]
            download = addnodes.download_reference(
                "",
                "",
                *children,
                refdomain=None,
                reftarget=path,
                refdoc=xref.get("refdoc", env.docname),
                reftype="myst",
                refexplicit=xref.get("refexplicit", True),
            )
            download.source, download.line = xref.source, xref.line
            for inner in download.findall(nodes.inline):
                if "myst" in inner["classes"] and "download" not in inner["classes"]:
                    inner["classes"].append("download")
            xref.replace_self(download)

    def from_repository_root(self, xref: addnodes.pending_xref) -> None:
        """A link written from the repository's root, as GitHub reads it, when the project is
        one folder of it: ``[Seccomp](/keps/sig-b/135-seccomp/README.md)`` in ``keps/``. MyST
        reads ``/`` as the project's folder, where there is no ``keps/``: the link goes to the
        page of that file, found from a folder above the project (a file that is no page of the
        project stays MyST's link, warned)."""
        target = str(xref.get("reftarget") or "")
        if not target.startswith("/") or target.startswith("//"):
            return
        path, _, anchor = target.partition("#")
        srcdir = Path(self.env.srcdir)
        for root in list(srcdir.parents)[:3]:
            found = root / path.lstrip("/")
            if not found.is_file() or srcdir not in found.parents:
                continue
            docname = self.env.path2doc(str(found))
            if docname is None or docname not in self.env.found_docs:
                return
            xref["refdomain"], xref["reftarget"] = "doc", docname
            xref["reftargetid"] = anchor or None
            return

    def existing_file(self, target: str) -> Path | None:
        """The file of a link MyST took for a page (``reftarget`` is the page name it would
        have: the path without its suffix, absolute outside the project), if it exists."""
        base = Path(target) if Path(target).is_absolute() else Path(self.env.srcdir) / target
        for suffix in self.config.source_suffix:
            path = base.with_name(base.name + suffix)
            if path.is_file():
                return path
        return None
