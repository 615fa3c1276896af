project = "Config"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

specs_id_pattern = r"^RFC-\d{3}$"
specs_default_template = "rfc"
specs_templates = {
    "rfc": {
        "statuses": ["Draft", "Final", "Withdrawn"],
        "done": ["Final"],
        "inactive": ["Withdrawn"],
        "labels": {"authors": "Editors", "status": "Stage"},
        "sections": [
            "Abstract",
            {"title": "Specification", "children": ["Syntax", {"title": "Semantics", "required": False}]},
            {"title": "Appendix", "required": False},
        ],
        "placeholders": ["TODO(author)"],
    },
    # change a built-in: one more status, inactive too
    "proposal": {
        "statuses": ["Draft", "Under Review", "Accepted", "Implemented", "Deferred", "Rejected"],
        "inactive": ["Deferred", "Rejected"],
        "sections": [],
    },
}
specs_fields = [
    {"name": "priority", "type": "text", "required": True, "label": "Priority"},
    {"name": "review-date", "type": "date"},
    {"name": "owners", "type": "list"},
    {"name": "blocks", "type": "spec"},
]
specs_item_kinds = [
    {"directive": "assumptions", "kind": "assumption", "prefix": "A"},
    {"directive": "tasks", "kind": "task", "prefix": "T", "checkable": True},
]
specs_author_url = "https://gitlab.example.com/{handle}"
specs_issue_url = "https://gitlab.example.com/{repo}/-/issues/{number}"
specs_default_repo = "team/app"
