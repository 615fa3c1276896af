"""The two built-in templates, ``proposal`` and ``technical``, as plain data.

They are what a project gets without ``specs_templates`` and the base a ``specs_templates`` entry
of the same name changes (:func:`.load.build_templates`). The placeholder item of each
built-in kind of tracked item (``sphinx-specs new`` writes one per list) lives here too.
"""

from __future__ import annotations

from .model import GateRules, Section, Template


def _s(
    title: str,
    hint: str = "",
    *children: Section,
    required: bool = True,
    items: tuple[str, ...] = (),
) -> Section:
    return Section(title=title, required=required, hint=hint, children=tuple(children), items=items)


#: The placeholder item ``sphinx-specs new`` writes in a list of each built-in kind.
ITEM_PLACEHOLDERS: dict[str, str] = {
    "goal": "[Goal 1]",
    "non-goal": "[Non-goal 1]",
    "requirement": "[Requirement 1]",
    "dod": "[Condition 1]",
    "question": "[Question 1]",
    "milestone": "[Milestone 1]",
    "kpi": "[Metric 1]: [Target]",
    "risk": "[Risk 1]",
}


def item_placeholder(kind: str) -> str:
    """The placeholder item of ``kind``; ``[Kind 1]`` for a kind from ``specs_item_kinds``."""
    return ITEM_PLACEHOLDERS.get(kind) or f"[{kind.replace('-', ' ').capitalize()} 1]"


PROPOSAL = Template(
    name="proposal",
    statuses=("Draft", "Under Review", "Accepted", "Implemented", "Deferred"),
    done_statuses=("Implemented",),
    inactive_statuses=("Deferred",),
    gates={
        "Accepted": GateRules(sections=("Proposed Solution / Design",), questions_resolved=True),
        "Implemented": GateRules(dod_done=True),
    },
    labels={
        "status": "Status",
        "authors": "Authors",
        "created": "Created",
        "updated": "Last Updated",
        "issues": "Related Issues",
    },
    fields=("status", "authors", "created", "updated", "issues"),
    sections=(
        _s("Summary", "Summarize the proposal in one paragraph: what changes, and for whom."),
        _s("Motivation", "Explain why this change is needed and what problem it solves."),
        _s(
            "Goals & Non-Goals",
            "List what this proposal aims to achieve, and what it explicitly does not.",
            items=("goal", "non-goal"),
        ),
        _s(
            "Proposed Solution / Design",
            "Describe the proposed solution in enough detail for a reviewer to judge it.",
        ),
        _s(
            "Definition of Done",
            "List the conditions that must hold for this proposal to count as implemented.",
            items=("dod",),
        ),
        _s(
            "Alternatives Considered",
            "Describe the alternatives you considered and why you rejected them.",
            required=False,
        ),
        _s(
            "Open Questions",
            "List the questions that are still open and need an answer before acceptance.",
            required=False,
            items=("question",),
        ),
        _s(
            "References",
            "Link to related specs, issues, discussions and prior art.",
            required=False,
        ),
    ),
)

TECHNICAL = Template(
    name="technical",
    statuses=("Draft", "Review", "Approved"),
    labels={
        "authors": "Author(s)",
        "team": "Team",
        "created": "Created",
        "updated": "Last Updated",
        "status": "Status",
    },
    fields=("authors", "team", "created", "updated", "status"),
    sections=(
        _s(
            "Introduction",
            "",
            _s("Problem Overview", "Describe the problem this specification solves."),
            _s(
                "Context and Background",
                "Give the background a reader needs to follow the rest of the document.",
                required=False,
            ),
            _s(
                "Goals and Requirements",
                "List the goals and the requirements they lead to.",
                items=("requirement",),
            ),
            _s(
                "Non-Goals",
                "List what is explicitly out of scope.",
                required=False,
                items=("non-goal",),
            ),
            _s("Assumptions", "List the assumptions this design relies on.", required=False),
        ),
        _s(
            "Current Solution (if applicable)",
            "Describe how the problem is handled today, if it is.",
            required=False,
        ),
        _s(
            "Proposed Solution",
            "",
            _s("Overview", "Give a high-level overview of the proposed solution."),
            _s("Data Model", "Describe the data model and its changes.", required=False),
            _s("Business Logic", "Describe the business rules the system applies.", required=False),
            _s("API Design", "Describe the API: endpoints, payloads, errors.", required=False),
            _s(
                "User Interface (if applicable)",
                "Describe the user interface changes, if any.",
                required=False,
            ),
        ),
        _s(
            "Architecture",
            "",
            _s("System Components", "Name the components and what each does."),
            _s("Data Flow", "Describe how data flows between the components.", required=False),
            _s(
                "External Dependencies",
                "List the external services and libraries the design depends on.",
                required=False,
            ),
        ),
        _s(
            "Implementation Considerations",
            "",
            _s("Scalability", "Explain how the design scales.", required=False),
            _s("Security", "Describe the security considerations.", required=False),
            _s("Error Handling", "Describe how errors are detected and handled.", required=False),
            _s(
                "Monitoring and Observability",
                "Describe the metrics, logs and alerts.",
                required=False,
            ),
        ),
        _s(
            "Impact Analysis",
            "",
            _s("Other Teams", "Name the teams affected and how.", required=False),
            _s("Cost Analysis", "Estimate the cost of building and running this.", required=False),
            _s(
                "Risks and Mitigation",
                "List the risks and how each is mitigated.",
                required=False,
                items=("risk",),
            ),
        ),
        _s(
            "Success Metrics",
            "",
            _s(
                "Key Performance Indicators",
                "List the KPIs as Metric: Target.",
                required=False,
                items=("kpi",),
            ),
            _s("Measurement Plan", "Explain how the KPIs are measured.", required=False),
        ),
        _s(
            "Implementation Plan",
            "",
            _s(
                "Phases/Milestones",
                "List the phases and their milestones.",
                required=False,
                items=("milestone",),
            ),
            _s(
                "Dependencies and Blockers",
                "List what must happen first and what blocks the work.",
                required=False,
            ),
            _s("Future Work", "List the work left for later.", required=False),
        ),
        _s(
            "Open Questions and Discussion",
            "List the open questions.",
            required=False,
            items=("question",),
        ),
        _s(
            "References and Related Work",
            "Link to related specs, documents and prior art.",
            required=False,
        ),
    ),
)

BUILTIN_TEMPLATES: dict[str, Template] = {t.name: t for t in (PROPOSAL, TECHNICAL)}
