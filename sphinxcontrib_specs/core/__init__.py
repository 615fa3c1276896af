"""The Sphinx-free core: records, the index, the filter language, templates, specs.json.

Nothing in this package imports Sphinx or docutils, so the command line can load ``specs.json``
and answer reports without them; the Sphinx side (collector, domain, render) builds on it.
"""
