project = "Storage specs"
extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
specs_import = {
    "platform": {
        "source": "platform/specs.json",
        "base_url": "https://docs.example.com/platform/",
    }
}
specs_templates = {"bare": {"statuses": ["Draft", "Accepted"], "done": ["Accepted"], "sections": []}}
