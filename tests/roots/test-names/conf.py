import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Names"
extensions = ["myst_parser", "goals_ext", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
specs_item_kinds = [
    {"directive": "assumptions", "kind": "assumption", "prefix": "A", "checkable": False},
]
specs_templates = {"proposal": {"sections": []}}
