"""``python -m sphinxcontrib_specs``: the same as the ``sphinx-specs`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
