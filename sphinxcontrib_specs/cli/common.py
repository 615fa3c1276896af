"""What every command shares: the usage error."""

from __future__ import annotations


class CliError(Exception):
    """A usage or input problem: printed to stderr, exit status 2."""
