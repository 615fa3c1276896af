"""Status gates: what must hold before a spec may claim a status, and which rules it fails.

A template's ``gates`` map a status to its rules (:class:`GateRules`): ``sections`` that must be
present, ``questions_resolved`` (no open question), ``approvals`` (at least N dated approvers),
``fields`` that must have a value, ``dod_done`` (every Definition-of-Done item ticked),
``dod_verified`` (every ticked item has a passing test and no failing one: evidence). A gate
holds for its status and every later status of the template's order, except for the template's
inactive and superseded statuses (Deferred, Superseded: they are left from any point of the
path, so they inherit nothing) and unless the gate says ``"later": False``. A gate written for an
inactive status holds for it all the same.

:func:`parse_gates` reads the ``gates`` of ``specs_templates`` and reports bad rules as messages
(never an exception); :func:`evaluate` gives a spec's unmet rules from its record, which the index
holds complete (a spec's sections and items may come from several pages), so the index evaluates
it once per build (``SpecIndex.gates``) for the checks and ``specs.json`` alike.

One concern: gate rules, from configuration to the failures of one spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import GateFailure
from .model import GateRules
from .titles import normalize_title, title_variants

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..model import SpecRecord
    from ..verification import Verification
    from .model import Template

#: The rule names of a gate, as ``specs_templates`` spells them.
RULES = ("sections", "questions_resolved", "approvals", "fields", "dod_done", "dod_verified")
#: The options a ``fields`` rule may name (besides ``specs_fields``).
GATE_FIELDS = (
    "authors",
    "team",
    "created",
    "updated",
    "issues",
    "tags",
    "approvers",
    "supersedes",
    "depends-on",
    "related",
)


def parse_gates(value: Any, statuses: tuple[str, ...]) -> tuple[dict[str, GateRules], list[str]]:
    """The gates of a ``specs_templates`` entry; a bad status or rule is left out and named in
    the returned problems."""
    problems: list[str] = []
    gates: dict[str, GateRules] = {}
    if not isinstance(value, Mapping):
        return {}, ["gates must be a dict of status -> rules"]
    for status, rules in value.items():
        if status not in statuses:
            problems.append(
                f"gates: {status!r} is not one of the template's statuses ({', '.join(statuses)})"
            )
            continue
        if not isinstance(rules, Mapping):
            problems.append(f"gates[{status!r}] must be a dict of rule -> value")
            continue
        parsed: dict[str, Any] = {}
        for rule, setting in rules.items():
            problem = _check_rule(rule, setting)
            if problem:
                problems.append(f"gates[{status!r}]: {problem}")
            else:
                parsed[rule] = tuple(setting) if rule in ("sections", "fields") else setting
        gates[status] = GateRules(**parsed)
    return gates, problems


def _check_rule(rule: str, setting: Any) -> str:
    """What is wrong with one rule ("" when nothing)."""
    if rule in ("sections", "fields"):
        if not isinstance(setting, list | tuple) or not all(isinstance(s, str) for s in setting):
            return f"{rule} must be a list of strings"
        return ""
    if rule in ("questions_resolved", "dod_done", "dod_verified", "later"):
        return "" if isinstance(setting, bool) else f"{rule} must be True or False"
    if rule == "approvals":
        if isinstance(setting, bool) or not isinstance(setting, int) or setting < 0:
            return "approvals must be a whole number >= 0"
        return ""
    return f"unknown rule {rule!r}; known: {', '.join((*RULES, 'later'))}"


def unknown_fields(template: Template, known: tuple[str, ...]) -> list[str]:
    """Problems for ``fields`` rules that name no option (``known``: ``specs_fields`` names)."""
    return [
        f"template {template.name!r}: gates[{status!r}]: fields names the unknown field "
        f"{name!r}; known: {', '.join((*GATE_FIELDS, *known))}"
        for status, rules in template.gates.items()
        for name in rules.fields
        if name not in GATE_FIELDS and name not in known
    ]


# ---------------------------------------------------------------------------------------------
# Which gates hold
# ---------------------------------------------------------------------------------------------


def is_exempt(template: Template, status: str) -> bool:
    """Inactive and superseded statuses are off the linear path: they inherit no gate."""
    return status in template.inactive_statuses or status in template.superseded_statuses


def reaches(template: Template, status: str | None, target: str, *, later: bool = True) -> bool:
    """Whether a spec in ``status`` has reached ``target`` (it is ``target``, or a later status
    of the template that is not exempt); an unknown status reaches nothing."""
    if status is None or status not in template.statuses or target not in template.statuses:
        return False
    if status == target:
        return True
    return (
        later
        and not is_exempt(template, status)
        and template.statuses.index(status) > template.statuses.index(target)
    )


def holding_gates(template: Template, status: str | None) -> list[tuple[str, GateRules]]:
    """The gates that hold for ``status``, in the template's order of statuses. A template that
    names no ``dod_done`` rule keeps the older rule: its done statuses need the DoD done."""
    gates = dict(template.gates)
    if not any(rules.dod_done for rules in gates.values()):
        for done in template.done_statuses:
            rules = gates.get(done, GateRules(later=False))
            gates[done] = replace(rules, dod_done=True)
    order = template.statuses
    return [
        (gate, gates[gate])
        for gate in sorted(gates, key=order.index)
        if reaches(template, status, gate, later=gates[gate].later)
    ]


def gate_sections(template: Template, status: str | None) -> set[str]:
    """The normalized titles (each variant) the gates holding for ``status`` require."""
    return {
        variant
        for _, rules in holding_gates(template, status)
        for title in rules.sections
        for variant in title_variants(title)
    }


def not_required(template: Template, status: str | None) -> frozenset[str]:
    """Template section titles a spec in ``status`` need not have as ``specs.section``: those
    ``required_from`` a status it has not reached, and those a holding gate names (the gate
    reports them, with the status)."""
    gated = gate_sections(template, status)
    return frozenset(
        section.title
        for _, section in template.walk_sections()
        if (section.required_from and not reaches(template, status, section.required_from))
        or title_variants(section.title) & gated
    )


# ---------------------------------------------------------------------------------------------
# Evaluating a spec
# ---------------------------------------------------------------------------------------------


def _has_value(spec: SpecRecord, name: str) -> bool:
    value: Any = {
        "authors": spec.authors,
        "team": spec.team,
        "created": spec.created,
        "updated": spec.updated,
        "issues": spec.issues,
        "tags": spec.tags,
        "approvers": spec.approvers,
        "supersedes": spec.supersedes,
        "depends-on": spec.depends_on,
        "related": spec.related,
    }.get(name, spec.fields.get(name))
    # a link to a web page counts (a KEP's replaces: an archived design)
    return bool(value) or bool(spec.web_links.get(name.replace("-", "_")))


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def evaluate(
    spec: SpecRecord,
    template: Template,
    verification_of: Callable[[str], Verification] | None = None,
) -> list[GateFailure]:
    """The rules of the gates holding for the spec's status that it does not meet, in the order
    of the statuses and then of :data:`RULES`; a rule two gates share is reported once.
    ``verification_of`` gives a full item ID's evidence (``dod_verified``; None: no evidence
    read, so every ticked item is unverified)."""
    failures: list[GateFailure] = []
    seen: set[tuple[str, str]] = set()
    headings = {normalize_title(title) for title in spec.sections}
    status = spec.status or ""

    def fail(gate: str, rule: str, key: str, what: str) -> None:
        if (rule, key) in seen:
            return
        seen.add((rule, key))
        if rule == "dod_done":  # specs.dod says which rule it is
            via = ""
        elif gate == status:
            via = f" (gate rule {rule})"
        else:
            via = f" (gate rule {rule} of {gate}, which holds for later statuses)"
        failures.append(GateFailure(gate, rule, f"spec {spec.id} is {status} but {what}{via}"))

    for gate, rules in holding_gates(template, spec.status):
        for title in rules.sections:
            if not title_variants(title) & headings:
                fail(gate, "sections", normalize_title(title), f"lacks the section {title!r}")
        if rules.questions_resolved:
            still_open = [
                i.id for i in spec.items.values() if i.kind == "question" and not i.checked
            ]
            if still_open:
                text = _plural(len(still_open), "open question", "open questions")
                verb = _plural(len(still_open), "is", "are")
                fail(
                    gate,
                    "questions_resolved",
                    "",
                    f"{text} {', '.join(still_open)} {verb} unresolved",
                )
        if rules.approvals and spec.approvals() < rules.approvals:
            requested = [a.name for a in spec.approvers if not a.date]
            detail = f"; requested: {', '.join(requested)}" if requested else ""
            fail(
                gate,
                "approvals",
                str(rules.approvals),
                f"has {spec.approvals()} of the {rules.approvals} "
                f"{_plural(rules.approvals, 'approval', 'approvals')} it needs{detail}",
            )
        for name in rules.fields:
            if (name in GATE_FIELDS or name in spec.fields) and not _has_value(spec, name):
                fail(gate, "fields", name, f"its field :{name}: is empty")
        if rules.dod_done:
            still_open = [i.id for i in spec.items.values() if i.kind == "dod" and not i.checked]
            if still_open:
                fail(
                    gate,
                    "dod_done",
                    "",
                    f"its Definition-of-Done "
                    f"{_plural(len(still_open), 'item', 'items')} {', '.join(still_open)} "
                    f"{_plural(len(still_open), 'is', 'are')} open; tick them or change the status",
                )
        if rules.dod_verified:
            unverified = [
                i.id
                for i in spec.items.values()
                if i.kind == "dod"
                and i.checked
                and not (verification_of and verification_of(f"{spec.id}.{i.id}").verified)
            ]
            if unverified:
                fail(
                    gate,
                    "dod_verified",
                    "",
                    f"its ticked Definition-of-Done "
                    f"{_plural(len(unverified), 'item', 'items')} {', '.join(unverified)} "
                    f"{_plural(len(unverified), 'has', 'have')} no passing test (or a failing one)",
                )
    return failures
