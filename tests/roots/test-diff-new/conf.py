project = "Diff"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
specs_templates = {"proposal": {"sections": []}, "technical": {"sections": []}}
