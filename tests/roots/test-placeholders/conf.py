project = "Placeholders"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
# One optional section with a hint: the pages show placeholders and no other problem.
specs_templates = {
    "bare": {
        "statuses": ["Draft", "Done", "Old"],
        "done": ["Done"],
        "inactive": ["Old"],
        "sections": [{"title": "Tests", "required": False, "hint": "Say how the change is tested."}],
    },
}
specs_default_template = "bare"
