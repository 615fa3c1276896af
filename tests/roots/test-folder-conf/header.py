extensions = ["myst_parser", "sphinxcontrib_specs"]
specs_plain_markdown = ["pep-*.rst", "pep-*.md", "!pep-0000.rst"]
specs_plain_id = "PEP-{number:04d}"
specs_default_template = "pep"
specs_fields = [{"name": n, "type": "text"} for n in ("type", "content-type", "post-history", "resolution", "python-version", "topic", "discussions-to")]
specs_templates = {"pep": {"statuses": ["Draft", "Active", "Accepted", "Final", "Rejected", "Superseded", "Withdrawn", "Deferred"], "superseded": ["Superseded"], "id_field": "PEP", "sections": []}}
