"""Templates: their model, the built-in ones, loading conf.py's, sections and gates."""
