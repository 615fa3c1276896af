project = "Fences"
extensions = ["myst_parser", "sphinxcontrib_specs"]
# colon_fence left out, as a conf.py copied from a plain MyST project has it
myst_enable_extensions = ["tasklist"]
exclude_patterns = ["_build"]
specs_templates = {"proposal": {"sections": []}}
