project = "Basic specs"
extensions = ["sphinxcontrib_specs"]
specs_default_repo = "acme/db"
exclude_patterns = ["_build"]
