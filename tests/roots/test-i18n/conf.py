project = "Translated specs"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
specs_default_repo = "acme/db"
specs_git = False
specs_templates = {
    # no required sections, and so no gates asking for them (this root is about words)
    "proposal": {"sections": [], "gates": {}},
    # labels the user wrote stay as written in every language
    "lean": {"statuses": ["Idea", "Doing", "Done"], "done": ["Done"], "sections": [],
             "labels": {"authors": "Crew", "status": "Status"}},
}
specs_fields = [{"name": "cost-center", "type": "text", "label": "Cost center"}]
# a plain spec is read with the English labels whatever `language` says
specs_plain_markdown = "plain/*.md"
