"""Other tools: the sphinx-needs bridge and org-wide imports."""
