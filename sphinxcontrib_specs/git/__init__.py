"""Git history: the reader (once per build, keyed by HEAD) and the suspect-link pass."""
