extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["tasklist"]
specs_plain_markdown = ["keps/*/[0-9]*/README.md"]
specs_plain_id = "KEP-{number}"
specs_default_template = "kep"
specs_templates = {"kep": {"statuses": ["Provisional", "Implementable", "Implemented", "Deferred", "Rejected", "Withdrawn", "Replaced"], "done": ["Implemented"], "superseded": ["Replaced"],
  "metadata_file": ["kep.yaml"], "id_field": "kep-number", "aliases": {"created": ["creation-date"], "updated": ["last-updated"], "related": ["see-also"]},
  "dod_sections": ["Release Signoff Checklist"], "sections": []}}
