"""The consistency checks' cycle finder (``read.checks.find_cycles``)."""

from __future__ import annotations

from sphinxcontrib_specs.read.checks import find_cycles


def test_cycles_are_found_once_each():
    edges = {"A": ["B"], "B": ["C"], "C": ["A"], "D": ["E"], "E": ["D"], "F": ["A"]}
    assert find_cycles(edges) == [["A", "B", "C"], ["D", "E"]]


def test_long_chains_do_not_recurse():
    chain = {f"S{i}": [f"S{i + 1}"] for i in range(5000)}
    chain["S5000"] = ["S0"]
    cycles = find_cycles(chain)
    assert len(cycles) == 1 and len(cycles[0]) == 5001
