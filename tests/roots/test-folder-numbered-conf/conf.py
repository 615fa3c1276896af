project = "Decisions"
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
# relative to this folder, as Sphinx runs a conf.py (init --out's conf.py runs this one)
with open("VERSION", encoding="utf-8") as f:
    release = f.read().strip()
