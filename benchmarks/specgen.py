"""Write the same N specs three ways, for the benchmark.

(a) ``plain``: MyST without this extension: metadata as a field list, goals as a bullet list,
    the Definition of Done as a task list, cross-references as plain links;
(b) ``specs``: with sphinx-specs: the ``spec`` directive, ``goals``, ``definition-of-done`` with
    ``{covers}``, ``{spec}`` roles, and an index with two ``spec-table`` and a ``spec-matrix``;
(c) ``needs``: with sphinx-needs 9: each spec, goal and DoD item a need, links between them,
    and an index with equivalent ``needtable`` directives;
(d) ``bullets``: with sphinx-specs in plain-Markdown mode (``specs_plain_markdown = True``): no
    directive at all, the metadata as ``* **Field:** value`` bullets, links to other specs as
    Markdown links to their files, goals and the task list read by the template's sections;
(e) ``frontmatter``: the same plain-Markdown page with its metadata as YAML front matter.

(d) and (e) have the index of (b); their DoD items carry no ``{covers}`` (a page meant to stay
readable on GitHub has no roles), everything else is the same.

(f) ``bullets-bare`` and (g) ``frontmatter-bare``: the pages of (d) and (e), built by plain Sphinx +
MyST without this extension (the index of (a)): what the same folder costs without it, so that
the cost of the metadata's syntax (MyST reads YAML front matter twice: once for the page's
``myst`` settings, once for its fields) is told apart from the extension's own.

Every spec has 8 sections, about 600 words, a code block, 3 goals, 5 DoD items and 2-3
cross-references; the text is the same in the three variants. All three set
``html_sidebars = {"**": []}`` unless ``default_sidebar`` is asked for (see the README).
"""

from __future__ import annotations

import random
from pathlib import Path

VARIANTS = (
    "plain",
    "specs",
    "needs",
    "bullets",
    "frontmatter",
    "bullets-bare",
    "frontmatter-bare",
)
STATUSES = ["Draft", "Under Review", "Accepted", "Implemented", "Deferred"]
WORDS = (
    "the cluster backup restore service operator storage region snapshot schedule retention "
    "policy encryption key rotation latency throughput replica failover quorum index query "
    "planner cache invalidation shard migration rollout canary metric alert dashboard budget "
    "owner team review design proposal constraint dependency interface contract version schema "
    "event stream consumer producer queue batch window timeout retry backoff idempotent audit "
    "compliance tenant isolation quota limit capacity forecast incident runbook recovery point "
    "objective time network partition consistency durability availability"
).split()
SECTIONS = [
    "Summary",
    "Motivation",
    "Goals & Non-Goals",
    "Proposed Solution / Design",
    "Definition of Done",
    "Alternatives Considered",
    "Open Questions",
    "References",
]


def sid(n: int) -> str:
    return f"SPEC-{n:04d}"


def nid(n: int) -> str:
    return f"SPEC_{n:04d}"


def paragraph(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    sentences, current = [], []
    for word in chosen:
        current.append(word)
        if len(current) >= rng.randint(9, 16):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


def refs(n: int, count: int) -> list[int]:
    """2-3 other specs this one refers to (earlier ones, so no cycles)."""
    if n == 1:
        return []
    picks = [n - 1, max(1, n // 2), max(1, n - 7)]
    out: list[int] = []
    for p in picks[: 2 + (n % 2)]:
        if p != n and p not in out and p <= count:
            out.append(p)
    return out


class Spec:
    """The content of one spec, shared by the three variants."""

    def __init__(self, n: int, count: int):
        rng = random.Random(n)
        self.n = n
        self.status = STATUSES[n % len(STATUSES)]
        self.team = f"Team {n % 7}"
        self.authors = [f"@dev{n % 11}", f"Writer {n % 5}"]
        self.created = f"2025-{n % 12 + 1:02d}-{n % 27 + 1:02d}"
        self.updated = f"2026-{n % 12 + 1:02d}-{n % 27 + 1:02d}"
        self.tags = [f"area-{n % 9}", "platform"]
        self.title = f"Spec {n}: " + " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
        self.refs = refs(n, count)
        self.text = {section: paragraph(rng, 62) for section in SECTIONS}
        self.extra = paragraph(rng, 60)
        self.goals = [paragraph(rng, 9) for _ in range(3)]
        self.dod = [
            (paragraph(rng, 7), i % 2 == 0 or self.status == "Implemented") for i in range(5)
        ]
        self.code = (
            f"schedule:\n  cron: '0 {n % 24} * * *'\n  retention: {n % 30 + 1}d\n"
            f"  target: s3://bucket-{n}/backups\n"
        )


def _section(spec: Spec, title: str, body: str) -> str:
    return f"## {title}\n\n{spec.text[title]}\n\n{body}"


def plain_page(spec: Spec) -> str:
    links = ", ".join(f"[{sid(r)}](spec{r:04d}.md)" for r in spec.refs) or "none"
    goals = "\n".join(f"- {g}" for g in spec.goals)
    dod = "\n".join(f"- [{'x' if done else ' '}] {text}" for text, done in spec.dod)
    return "\n".join(
        [
            f"# {spec.title}",
            "",
            f":ID: {sid(spec.n)}",
            f":Status: {spec.status}",
            f":Authors: {', '.join(spec.authors)}",
            f":Team: {spec.team}",
            f":Created: {spec.created}",
            f":Last Updated: {spec.updated}",
            f":Tags: {', '.join(spec.tags)}",
            f":Depends on: {links}",
            "",
            _section(spec, "Summary", spec.extra),
            _section(spec, "Motivation", f"See {links}."),
            _section(spec, "Goals & Non-Goals", goals),
            _section(spec, "Proposed Solution / Design", f"```yaml\n{spec.code}```"),
            _section(spec, "Definition of Done", dod),
            _section(spec, "Alternatives Considered", ""),
            _section(spec, "Open Questions", ""),
            _section(spec, "References", f"Related: {links}."),
        ]
    )


def specs_page(spec: Spec) -> str:
    roles = ", ".join(f"{{spec}}`{sid(r)}`" for r in spec.refs) or "none"
    options = [
        f":status: {spec.status}",
        f":authors: {', '.join(spec.authors)}",
        f":team: {spec.team}",
        f":created: {spec.created}",
        f":updated: {spec.updated}",
        f":tags: {', '.join(spec.tags)}",
    ]
    if spec.refs:
        options.append(f":depends-on: {', '.join(sid(r) for r in spec.refs)}")
    goals = "\n".join(f"- {g}" for g in spec.goals)
    dod = "\n".join(
        f"- [{'x' if done else ' '}] {text} {{covers}}`G{i % 3 + 1}`"
        for i, (text, done) in enumerate(spec.dod)
    )
    return "\n".join(
        [
            f"# {spec.title}",
            "",
            f":::{{spec}} {sid(spec.n)}",
            *options,
            ":::",
            "",
            _section(spec, "Summary", spec.extra),
            _section(spec, "Motivation", f"See {roles}."),
            _section(spec, "Goals & Non-Goals", f":::{{goals}}\n{goals}\n:::"),
            _section(spec, "Proposed Solution / Design", f"```yaml\n{spec.code}```"),
            _section(spec, "Definition of Done", f":::{{definition-of-done}}\n{dod}\n:::"),
            _section(spec, "Alternatives Considered", ""),
            _section(spec, "Open Questions", ""),
            _section(spec, "References", f"Related: {roles}."),
        ]
    )


def needs_page(spec: Spec) -> str:
    roles = ", ".join(f"{{need}}`{nid(r)}`" for r in spec.refs) or "none"
    goals = "\n\n".join(
        f":::{{goal}} {g[:40]}\n:id: {nid(spec.n)}_G{i + 1}\n:links: {nid(spec.n)}\n\n{g}\n:::"
        for i, g in enumerate(spec.goals)
    )
    dod = "\n\n".join(
        f":::{{dod}} {text[:40]}\n:id: {nid(spec.n)}_D{i + 1}\n"
        f":status: {'done' if done else 'open'}\n"
        f":links: {nid(spec.n)}_G{i % 3 + 1}\n\n{text}\n:::"
        for i, (text, done) in enumerate(spec.dod)
    )
    links = f":links: {', '.join(nid(r) for r in spec.refs)}\n" if spec.refs else ""
    return "\n".join(
        [
            f"# {spec.title}",
            "",
            f":::{{spec}} {spec.title}",
            f":id: {nid(spec.n)}",
            f":status: {spec.status}",
            f":tags: {', '.join(spec.tags)}",
            f":authors: {', '.join(spec.authors)}",
            f":team: {spec.team}",
            f":created: {spec.created}",
            f":updated: {spec.updated}",
            links.rstrip("\n"),
            ":::",
            "",
            _section(spec, "Summary", spec.extra),
            _section(spec, "Motivation", f"See {roles}."),
            _section(spec, "Goals & Non-Goals", goals),
            _section(spec, "Proposed Solution / Design", f"```yaml\n{spec.code}```"),
            _section(spec, "Definition of Done", dod),
            _section(spec, "Alternatives Considered", ""),
            _section(spec, "Open Questions", ""),
            _section(spec, "References", f"Related: {roles}."),
        ]
    ).replace("\n\n:::\n", "\n:::\n")


def plain_markdown_page(spec: Spec, shape: str) -> str:
    """(d) and (e): a plain-Markdown spec, its metadata as bold bullets or front matter."""
    links = ", ".join(f"[{sid(r)}](spec{r:04d}.md)" for r in spec.refs)
    fields = [
        ("ID", sid(spec.n)),
        ("Status", spec.status),
        ("Authors", ", ".join(spec.authors)),
        ("Team", spec.team),
        ("Created", spec.created),
        ("Last Updated", spec.updated),
        ("Tags", ", ".join(spec.tags)),
    ]
    if shape == "bullets":
        if links:
            fields.append(("Depends on", links))
        top = [f"# {spec.title}", "", *(f"* **{k}:** {v}" for k, v in fields)]
    else:
        keys = [(k.lower().replace(" ", "-"), v) for k, v in fields]
        if spec.refs:
            keys.append(("depends-on", ", ".join(sid(r) for r in spec.refs)))
        top = ["---", *(f'{k}: "{v}"' for k, v in keys), "---", "", f"# {spec.title}"]
    see = links or "none"
    goals = "\n".join(f"- {g}" for g in spec.goals)
    dod = "\n".join(f"- [{'x' if done else ' '}] {text}" for text, done in spec.dod)
    return "\n".join(
        [
            *top,
            "",
            _section(spec, "Summary", spec.extra),
            _section(spec, "Motivation", f"See {see}."),
            _section(spec, "Goals & Non-Goals", goals),
            _section(spec, "Proposed Solution / Design", f"```yaml\n{spec.code}```"),
            _section(spec, "Definition of Done", dod),
            _section(spec, "Alternatives Considered", ""),
            _section(spec, "Open Questions", ""),
            _section(spec, "References", f"Related: {see}."),
        ]
    )


INDEX = {
    "plain": "",
    "specs": """
## Specs in flight

:::{spec-table}
:status: Draft, Under Review
:columns: id, title, status, authors, updated
:::

## All specs by team

:::{spec-table}
:group-by: team
:columns: id, title, status, progress
:::

## Traceability

:::{spec-matrix}
:::
""",
    "needs": """
## Specs in flight

:::{needtable}
:filter: type == "spec" and status in ["Draft", "Under Review"]
:columns: id, title, status, authors, updated
:::

## All specs by team

:::{needtable}
:filter: type == "spec"
:columns: id, title, status, team
:sort: team
:::

## Traceability

:::{needtable}
:filter: type == "dod"
:columns: id, title, status, links
:::
""",
}
INDEX["bullets"] = INDEX["frontmatter"] = INDEX["specs"]
INDEX["bullets-bare"] = INDEX["frontmatter-bare"] = INDEX["plain"]

CONF = {
    "plain": """extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "tasklist", "fieldlist"]
""",
    "specs": """extensions = ["myst_parser", "sphinxcontrib_specs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
# the generated text has no real section hints; keep the build about speed, not warnings
suppress_warnings = ["specs.placeholder"]
# the status history has its own benchmark (history.py); the generated folder may sit in a git
# work tree (benchmarks/out/ is in ours) and would otherwise be read as one
specs_git = False
""",
    "needs": """extensions = ["myst_parser", "sphinx_needs"]
myst_enable_extensions = ["colon_fence", "tasklist"]
needs_types = [
    {"directive": "spec", "title": "Spec", "prefix": "SPEC_", "color": "#BFD8D2", "style": "node"},
    {"directive": "goal", "title": "Goal", "prefix": "G_", "color": "#DCB239", "style": "node"},
    {"directive": "dod", "title": "Definition of Done", "prefix": "D_", "color": "#A6BDD7",
     "style": "node"},
]
needs_fields = {
    name: {"description": name, "nullable": True}
    for name in ("authors", "team", "created", "updated")
}
needs_id_regex = "^[A-Z0-9_]{3,}"
""",
}
CONF["bullets"] = CONF["frontmatter"] = CONF["specs"] + 'specs_plain_markdown = ["spec*.md"]\n'
CONF["bullets-bare"] = CONF["frontmatter-bare"] = """extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "tasklist"]
"""


def generate(root: Path, variant: str, count: int, *, default_sidebar: bool = False) -> Path:
    """Write variant ``variant`` of ``count`` specs into ``root``; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    conf = f'project = "Benchmark ({variant})"\nexclude_patterns = ["_build"]\n' + CONF[variant]
    if not default_sidebar:
        conf += 'html_sidebars = {"**": []}\n'
    (root / "conf.py").write_text(conf, encoding="utf-8")
    pages = "\n".join(f"spec{n:04d}" for n in range(1, count + 1))
    (root / "index.md").write_text(
        f"# Benchmark\n\n```{{toctree}}\n:maxdepth: 1\n{pages}\n```\n{INDEX[variant]}",
        encoding="utf-8",
    )
    render = {
        "plain": plain_page,
        "specs": specs_page,
        "needs": needs_page,
        "bullets": lambda spec: plain_markdown_page(spec, "bullets"),
        "frontmatter": lambda spec: plain_markdown_page(spec, "frontmatter"),
        "bullets-bare": lambda spec: plain_markdown_page(spec, "bullets"),
        "frontmatter-bare": lambda spec: plain_markdown_page(spec, "frontmatter"),
    }[variant]
    for n in range(1, count + 1):
        (root / f"spec{n:04d}.md").write_text(render(Spec(n, count)) + "\n", encoding="utf-8")
    return root


def status_line(variant: str) -> str:
    """The line of spec 1 that the incremental benchmark edits."""
    return {
        "plain": ":Status: ",
        "specs": ":status: ",
        "needs": ":status: ",
        "bullets": "* **Status:** ",
        "frontmatter": 'status: "',
    }[variant.removesuffix("-bare")]


# Other edits for the incremental benchmark (``ir.py --edit``); each takes the text of a spec page
# of ``variant`` and returns it with one change. The status edit is ``status_line`` above.


def checkbox_edit(page: str, variant: str) -> str:
    """``page`` with its first open Definition-of-Done item ticked (a task-list box, or a
    sphinx-needs ``dod`` need's ``open`` status). Spec 1 has two open items."""
    if variant.removesuffix("-bare") == "needs":
        old, new = "\n:status: open\n", "\n:status: done\n"
    else:
        old, new = "\n- [ ] ", "\n- [x] "
    if old not in page:
        raise ValueError(f"no open Definition-of-Done item in this {variant} page")
    return page.replace(old, new, 1)


def reworded(goal: str) -> str:
    """A goal's new wording: the same sentence with a few words in front."""
    return f"Reworded, {goal[0].lower()}{goal[1:]}"


def goal_edit(page: str, variant: str) -> str:
    """``page`` with its first goal reworded (a bullet of the goals section, or a sphinx-needs
    ``goal`` need's text and its title, which is the text's first 40 characters)."""
    lines = page.split("\n")
    if variant.removesuffix("-bare") == "needs":
        start = next(i for i, ln in enumerate(lines) if ln.startswith(":::{goal} "))
        body = next(  # the first line after the need's options and the blank line
            i
            for i in range(start + 1, len(lines))
            if lines[i].strip() and not lines[i].startswith(":")
        )
        new = reworded(lines[body])
        lines[start] = f":::{{goal}} {new[:40]}"
        lines[body] = new
    else:
        section = lines.index("## Goals & Non-Goals")
        bullet = next(
            i
            for i in range(section + 1, len(lines))
            if lines[i].startswith("- ") and not lines[i].startswith("- [")
        )
        lines[bullet] = f"- {reworded(lines[bullet][2:])}"
    return "\n".join(lines)
