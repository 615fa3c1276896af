"""Another extension with a ``goals`` directive of its own (a paragraph "OTHER: <content>")."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class OtherGoals(SphinxDirective):
    has_content = True

    def run(self):
        return [nodes.paragraph(text="OTHER: " + " ".join(self.content))]


def setup(app):
    app.add_directive("goals", OtherGoals)
    return {"parallel_read_safe": True}
