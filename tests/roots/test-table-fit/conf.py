project = "Table fit"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
# a real folder's vocabulary: long statuses, no required sections, no status gates
specs_default_template = "pep"
specs_templates = {
    "pep": {
        "statuses": [
            "Draft",
            "Returned for revision",
            "Accepted with modifications",
            "Provisional",
            "Final",
            "Withdrawn",
            "Superseded",
        ],
        "done": ["Final"],
        "inactive": ["Withdrawn"],
        "superseded": ["Superseded"],
        "sections": [],
        "gates": {},
    }
}
specs_default_repo = "python/peps"
