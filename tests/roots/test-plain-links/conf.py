project = "Plain specs with links"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
specs_plain_markdown = "specs/*.md"
specs_default_repo = "acme/plugins"
specs_fields = [{"name": "reviewers", "type": "list", "label": "Reviewers"}]
