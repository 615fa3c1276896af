"""Restores."""


def restore(path):  # implements: SPEC-0042.G1
    # verifies: SPEC-0042.D1
    return path
