"""Links to files the site has no page for, as GitHub shows them: the file itself.

A spec folder is often one folder of a repository, and its pages link to the repository's other
files: every EIP ends with ``[CC0](../LICENSE.md)``, an RFC links ``../README.md#active-rfc-list``.
MyST reads a link to a ``.md`` file as a link to a page, and there is no page: the file is outside
the project, or ``init`` left it out (``exclude_patterns``). The link would be dead on the site
and warned (``myst.xref_missing``), though it works on GitHub and the file is there.

When the file exists, the link becomes a download of it, which is what MyST makes of a link to
any other file (``../assets/diagram.png``): Sphinx copies the file into the site, and the link
opens it. A link to a file that is not there stays MyST's, with its warning: that one is dead on
GitHub too. A link written from the repository's root (``/keps/sig-b/135-x/README.md``, in a
project that is its ``keps/`` folder) goes to that page. Only in a project with plain specs
(``specs_plain_markdown``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform


class LinksOutside(SphinxTransform):
    """Make each link of the page to a file that is no page a download of the file."""

    # applied by plain/hooks.py's transform of the same name, at its priority (870)

    def apply(self, **kwargs: Any) -> None:
        env = self.env
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
            if found is None:
                continue
            here = Path(env.doc2path(env.docname)).parent
            download = addnodes.download_reference(
                "",
                "",
                *xref.children,
                refdomain=None,
                reftarget=Path(os.path.relpath(found, here)).as_posix(),
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
        page of that file (or the file), found in a folder above the project."""
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
