project = "Needs bridge"
extensions = ["myst_parser", "sphinxcontrib_specs", "sphinx_needs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
specs_default_repo = "acme/db"
specs_templates = {"proposal": {"sections": [], "gates": {}}}  # no sections, no status gates
needs_build_json = True
