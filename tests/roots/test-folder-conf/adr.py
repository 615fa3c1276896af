extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["tasklist"]
specs_plain_markdown = ["[0-9]*.md"]
specs_plain_id = "ADR-{number:04d}"
specs_default_template = "adr"
specs_templates = {"adr": {"statuses": ["Proposed", "Accepted", "Superseded", "Deprecated"], "superseded": ["Superseded"],
  "metadata_sections": {"Status": "status"}, "sections": ["Context", "Decision", "Consequences"]}}
