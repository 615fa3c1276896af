"""The roles ``{spec}``, ``{covers}`` and ``{issue}``.

``{spec}`` is the domain's cross-reference role, also registered without the ``specs:`` prefix.
``{covers}`` leaves one light node (:class:`~.nodes.spec_covers`) for all its targets; the
numbering transform (:mod:`.numbering`) makes relative targets (``G1``) full (``SPEC-1.G1``), the
page collector (:mod:`.collector`) records them on the item the role stands in, and
:mod:`.render.covers` makes them links when the page is written.
``{issue}`` is an external link, checked where it stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from ..core.model import IssueError, parse_issue, split_list
from ..warnings_ import SpecsWarning, warn
from .domain import SpecXRefRole, get_domain
from .nodes import spec_covers

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx


def spec_xref(target: str, docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A ``pending_xref`` to a spec or item, resolved by the domain like the ``{spec}`` role."""
    ref = addnodes.pending_xref(
        "",
        refdomain="specs",
        reftype="spec",
        reftarget=target,
        refdoc=docname,
        refexplicit=text is not None,
        refwarn=False,
    )
    ref += nodes.inline(text or target, text or target, classes=["xref", "specs-ref"])
    return ref


class CoversRole(SphinxRole):
    """``{covers}`G1, SPEC-0040.R2```: trace links from the item this role stands in."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        targets = split_list(self.text)
        node = spec_covers(
            "",
            nodes.Text(", ".join(targets)),
            specs_covers=targets,
            specs_targets=list(targets),
            specs_line=self.lineno,
            refdoc=self.env.docname,
        )
        self.set_source_info(node)
        if not targets:
            warn(
                SpecsWarning.REF,
                "{covers} needs at least one target, e.g. {covers}`G1`",
                location=(self.env.docname, self.lineno),
            )
        return [node], []


class IssueRole(SphinxRole):
    """``{issue}`owner/repo#12``` or ``{issue}`#12```: an external link to the issue."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        settings = get_domain(self.env).settings
        try:
            issue = parse_issue(
                self.text, default_repo=settings.default_repo, url_template=settings.issue_url
            )
        except IssueError as exc:
            warn(SpecsWarning.META, str(exc), location=(self.env.docname, self.lineno))
            return [nodes.inline(self.text, self.text, classes=["specs-issue"])], []
        assert issue.url is not None
        node = nodes.reference(
            issue.text,
            issue.text,
            refuri=issue.url,
            classes=["specs-issue"],
            specs_issue=issue.text,
        )
        node["specs_issue_url"] = issue.url
        return [node], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("spec", SpecXRefRole(innernodeclass=nodes.inline))
    app.add_role("covers", CoversRole())
    app.add_role("issue", IssueRole())
