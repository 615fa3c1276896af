"""Written by `sphinx-specs init`: the folder's specs, read as they are."""

project = 'test-folder-header'
extensions = ['myst_parser', 'sphinxcontrib_specs']
myst_enable_extensions = ['colon_fence', 'fieldlist', 'tasklist']
exclude_patterns = ['_build', '**/.*', '.*', '**/node_modules', 'venv', 'README.md', 'CONTRIBUTING.md', 'CHANGELOG.md']
suppress_warnings = ['myst.header', 'misc.highlighting_failure']  # specs whose first heading is an H2; pseudo-code in a language's fence
myst_heading_anchors = 6  # links to headings as GitHub writes them: #upgrade--downgrade-strategy
html_sidebars = {'**': ['searchbox.html', 'relations.html']}  # no whole table of contents on each page: the index's spec-table leads
specs_plain_markdown = ['pep-*.md', 'pep-*.rst', '!pep-0000.rst']
specs_plain_id = 'PEP-{number:04d}'
specs_default_template = 'test-folder-header'
specs_templates = {'test-folder-header': {'statuses': ['Active', 'Final', 'Draft', 'Rejected', 'Superseded', 'Accepted', 'Withdrawn'], 'done': ['Final'], 'inactive': ['Rejected', 'Withdrawn'], 'superseded': ['Superseded'], 'id_field': 'PEP', 'sections': ['Copyright', {'title': 'Abstract', 'required': False}, {'title': 'Non-goals', 'required': False}]}}
specs_fields = [{'name': 'type', 'label': 'Type'}, {'name': 'post-history', 'label': 'Post-History'}, {'name': 'python-version', 'label': 'Python-Version'}, {'name': 'discussions-to', 'label': 'Discussions-To'}, {'name': 'resolution', 'label': 'Resolution'}, {'name': 'content-type', 'label': 'Content-Type'}]
