project = "Basic specs"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
specs_default_repo = "acme/db"
exclude_patterns = ["_build"]
