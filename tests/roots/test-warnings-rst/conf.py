project = "Warnings"
extensions = ["sphinxcontrib_specs"]
exclude_patterns = ["_build"]
# A template without required sections keeps each page to the one problem it shows.
specs_templates = {
    "bare": {"statuses": ["Draft", "Done", "Old"], "done": ["Done"], "inactive": ["Old"], "sections": []},
}
specs_default_template = "bare"
