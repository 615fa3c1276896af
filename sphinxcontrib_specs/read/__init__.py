"""Reading: the nodes, directives and roles a page's parse leaves, the collector that makes the
page's records from them, the domain that keeps them, and the cross-page checks."""
