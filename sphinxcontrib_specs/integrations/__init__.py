"""Other tools: the sphinx-needs bridge, org-wide imports, and the pytest plugin that marks the
specs and items a test verifies."""
