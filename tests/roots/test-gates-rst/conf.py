project = "Gates"
extensions = ["sphinxcontrib_specs"]
exclude_patterns = ["_build"]
specs_templates = {
    "gated": {
        "statuses": ["Draft", "Review", "Accepted", "Implemented", "Deferred"],
        "done": ["Implemented"],
        "inactive": ["Deferred"],
        "sections": [
            "Summary",
            {"title": "Design", "required_from": "Accepted"},
            {"title": "Open Questions", "required": False},
            {"title": "Definition of Done", "required": False},
        ],
        "gates": {
            "Review": {"fields": ["team"], "later": False},
            "Accepted": {
                "sections": ["Rollout"],
                "questions_resolved": True,
                "approvals": 2,
                "fields": ["authors"],
            },
            "Implemented": {"dod_done": True},
        },
    },
}
specs_default_template = "gated"
