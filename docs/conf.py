"""The sphinx-specs user guide, built with the extension itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-specs"
author = "The sphinx-specs developers"
copyright = "2026, the sphinx-specs developers"

extensions = ["myst_parser", "sphinxcontrib_specs", "sphinx_needs", "specs_docs"]
myst_enable_extensions = ["colon_fence", "tasklist", "deflist", "fieldlist"]
myst_heading_anchors = 3

# docs/snippets/ holds the examples that pages include (and the tests build): not pages.
exclude_patterns = ["_build", "snippets"]
specs_default_repo = "sphinx-specs/sphinx-specs"

# furo by default: it is maintained, has a light and a dark mode that follows the reader's system
# (with a switch), a sidebar that keeps a long guide navigable and a phone layout, and it is what
# most current Sphinx extensions' sites use, so a reader finds their way at once
# (guide/gallery.md). SPECS_DOCS_THEME picks another: the gallery and the theme tests build this
# site with each supported theme (alabaster, furo, pydata_sphinx_theme, sphinx_rtd_theme).
html_theme = os.environ.get("SPECS_DOCS_THEME", "furo")
html_title = "sphinx-specs"
if html_theme == "alabaster":
    html_theme_options = {"description": "Design specs as docs-as-code", "fixed_sidebar": True}
html_static_path = ["_static"]
nitpicky = True

# Used by the worked examples, so the docs build exercises both settings.
specs_fields = [{"name": "reviewers", "type": "list", "label": "Reviewers"}]
# The snippets (docs/snippets/) use "brief": the proposal's statuses, no required sections, so an
# example needs no filler headings.
specs_templates = {
    "brief": {
        "statuses": ["Draft", "Under Review", "Accepted", "Implemented", "Deferred"],
        "done": ["Implemented"],
        "inactive": ["Deferred"],
        "sections": [],
    },
    # The plain examples of every shape (docs/examples/plain/01*, guide/existing-specs.md): a
    # folder of architecture decision records, as they are found in the wild.
    "adr": {
        "statuses": ["Proposed", "Accepted", "Rejected", "Superseded"],
        "superseded": ["Superseded"],
        "default_status": "Accepted",
        "aliases": {
            "created": ["Start Date"],
            "authors": ["Decision-makers", "Deciders"],
            "issues": ["Tracking Issue"],
        },
        "sections": ["Context", "Decision", {"title": "Definition of Done", "required": False}],
        # where the folder keeps metadata beyond the page's top (guide/existing-specs.md)
        "id_field": "Number",
        "metadata_sections": {"Status": "status"},
        "metadata_file": ["meta.yaml"],
    },
    # docs/snippets/*/gates: status gates and required_from (guide/reviewing.md)
    "reviewed": {
        "statuses": ["Draft", "Under Review", "Accepted", "Implemented", "Deferred"],
        "done": ["Implemented"],
        "inactive": ["Deferred"],
        "sections": [{"title": "Rollout", "required_from": "Implemented"}],
        "gates": {
            "Under Review": {"fields": ["approvers"]},
            "Accepted": {"questions_resolved": True, "approvals": 2, "fields": ["authors"]},
            "Implemented": {"dod_done": True},
        },
    },
}
specs_item_kinds = [
    {"directive": "assumptions", "kind": "assumption", "prefix": "A", "checkable": False},
]

# The plain-Markdown examples: read without directives, ID from the file name (0043-...), one
# per metadata shape, spec folders (0107-backup-retention/) and rST bibliographic fields (0109-...).
specs_plain_markdown = ["examples/plain/*.md", "examples/plain/*.rst"]
# Tests and code as evidence (guide/evidence.md): a JUnit XML file and the example's code.
specs_test_results = ["examples/evidence/results/*.xml"]
specs_code = {
    "paths": ["examples/evidence/src/*.py"],
    "url": "https://github.com/sphinx-specs/sphinx-specs/blob/{commit}/{path}#L{line}",
}
# 0106-no-heading-one.md starts at H2, as such files do
suppress_warnings = ["myst.header"]
specs_plain_id = "SPEC-{number:04d}"

# The org-index example (docs/guide/org-index.md): another project's specs.json, read by path.
specs_import = {
    "platform": {
        "source": "examples/org/platform-specs.json",
        "base_url": "https://platform.example.com/",
    }
}

# sphinx-needs: our specs and items become needs (docs/guide/sphinx-needs.md)
needs_build_json = True
