"""One module per report directive, and their shared base (:mod:`.base`).

A report directive leaves a ``spec_report`` placeholder with its options; the collector records
it; :mod:`..resolve` fills it from the index at write time through its ``RENDERERS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_reports(app: Sphinx) -> None:
    from .evidence import setup_evidence
    from .graph import setup_graph
    from .history import setup_history
    from .matrix import setup_matrix
    from .stats import setup_stats
    from .table import setup_table
    from .timeline import setup_timeline

    setup_table(app)
    setup_matrix(app)
    setup_history(app)
    setup_timeline(app)
    setup_stats(app)
    setup_graph(app)
    setup_evidence(app)
