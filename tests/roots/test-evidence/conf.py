project = "Evidence"
extensions = ["myst_parser", "sphinxcontrib_specs"]
exclude_patterns = ["_build", "results", "src", "cmd", "lib"]
specs_test_results = ["results/*.xml", "missing/*.xml"]
specs_code = {
    "paths": ["src/**/*.py", "cmd/**/*.go", "lib/*.c"],
    "url": "https://github.com/acme/backup/blob/{commit}/{path}#L{line}",
}
specs_templates = {
    "proposal": {"gates": {"Implemented": {"dod_done": True, "dod_verified": True}}},
}
