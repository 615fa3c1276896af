project = "Spec folders"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
specs_plain_markdown = "specs/*.md"
specs_plain_id = "SPEC-{number:04d}"
specs_default_repo = "acme/app"
