"""The kinds of tracked items: the built-in ones (goals, Definition of Done, ...), which
``specs_item_kinds`` adds to. Sphinx-free: ``sphinx-specs report`` checks ``--from`` and ``--to``
against them without Sphinx."""

from __future__ import annotations

from .frozen import frozen


@frozen
class ItemKind:
    """A kind of tracked item: its directive, its ID prefix, whether it has a checkbox."""

    directive: str
    kind: str
    prefix: str
    checkable: bool
    title: str


BUILTIN_ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind("goals", "goal", "G", False, "Goals"),
    ItemKind("non-goals", "non-goal", "NG", False, "Non-goals"),
    ItemKind("requirements", "requirement", "R", False, "Requirements"),
    ItemKind("definition-of-done", "dod", "D", True, "Definition of Done"),
    ItemKind("open-questions", "question", "Q", True, "Open questions"),
    ItemKind("milestones", "milestone", "M", True, "Milestones"),
    ItemKind("kpis", "kpi", "K", False, "KPIs"),
    ItemKind("risks", "risk", "RK", False, "Risks"),
)
