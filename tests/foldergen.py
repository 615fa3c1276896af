"""Generate a folder of N design specs in one of the six real-world shapes that ``sphinx-specs
init`` must read as they are (the ``tests/roots/test-folder-*`` roots show one small example each):

``header``      PEP style: ``pep-NNNN.rst`` starting with an RFC 2822 header block.
``sidecar``     KEP style: ``keps/sig-*/NNNN-slug/README.md`` with a ``kep.yaml`` beside it.
``adr``         adr-tools: ``doc/adr/NNNN-slug.md``, ``# N. Title``, ``Date:``, ``## Status``.
``numbered``    ``decisions/NNNN-slug.md`` whose only metadata is the number and the H1.
``frontmatter`` EIP style: ``EIPS/eip-N.md`` with YAML front matter holding the number.
``bullets``     Swift Evolution style: ``proposals/NNNN-slug.md`` with a bullet list of fields.

Each shape also gets its usual non-spec page (an index or README). Links (supersedes, requires,
see-also) only name specs that exist, no date is malformed and no done spec has an open box, so
a correct ``init`` reports no problem. The output is deterministic (``random.Random(0)``); it is
used by the ``init`` timing test (2,000 specs) and the benchmarks.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


SHAPES = ("header", "sidecar", "adr", "numbered", "frontmatter", "bullets")

_FIRST = _words("Ann Bob Cy Dee Ed Fay Gil Hal Ivy Jo Kim Liv Max Nia Oto Pia Raj Sue Tom Uma")
_LAST = _words("Lee Stone Young Park Norton Wong Santos Jensen Chen Osei Moreau Brandt Haas Okafor")
_VERB = _words("Use Adopt Add Remove Replace Cache Split Merge Deprecate Introduce Limit Encrypt")
_NOUN = _words(
    "PostgreSQL Redis Kafka queues sessions tokens snapshots migrations webhooks quotas "
    "schedulers indexes payloads retries feature-flags audit-logs"
)
_WHERE = ["for billing", "in the gateway", "for uploads", "per tenant", "in CI", "at the edge"]
_SENT = [
    "The current approach does not scale past a few hundred requests per second.",
    "Two teams solved this independently and their solutions now disagree.",
    "Operators asked for a way to change this without a redeploy.",
    "We measured the cost on production traffic for two weeks.",
    "Nothing changes for clients that do not opt in.",
    "The old behaviour stays available behind a setting for one release.",
    "This removes a class of bugs we keep fixing by hand.",
    "Rollback is a configuration change, not a code change.",
]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_VERB)} {rng.choice(_NOUN).replace('-', ' ')} {rng.choice(_WHERE)}"


def _slug(title: str) -> str:
    return "-".join(w.lower() for w in title.replace(",", "").split()[:5])


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _mail(name: str) -> str:
    return f"{name} <{name.split()[0].lower()}@example.org>"


def _handle(rng: random.Random) -> str:
    return f"@{rng.choice(_FIRST).lower()}{rng.randint(1, 99)}"


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2001, 2024), rng.randint(1, 12), rng.randint(1, 28)


def _prose(rng: random.Random, k: int = 3) -> str:
    return " ".join(rng.sample(_SENT, k))


def _sections(rng: random.Random, names: list[str], md: bool = True) -> str:
    out = []
    for name in names:
        head = f"## {name}" if md else f"{name}\n{'=' * len(name)}"
        out.append(f"{head}\n\n{_prose(rng)}\n")
        if rng.random() < 0.3:
            out.append("".join(f"- {rng.choice(_SENT)}\n" for _ in range(rng.randint(2, 4))))
    return "\n".join(out)


def _earlier(rng: random.Random, i: int) -> int | None:
    """A random earlier spec number (specs are numbered 1..n), or None for the first one."""
    return rng.randint(1, i - 1) if i > 1 else None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _header(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    y, m, d = _date(rng)
    authors = [_mail(_person(rng)) for _ in range(rng.randint(1, 3))]
    status = rng.choice(["Draft", "Active", "Accepted", "Final", "Rejected", "Withdrawn"])
    lines = [f"PEP: {i}", f"Title: {_title(rng)}", "Author: " + ",\n        ".join(authors)]
    lines += [f"Status: {status}", rng.choice(["Type: Standards Track", "Type: Process"])]
    lines.append(f"Created: {d:02d}-{_MONTHS[m - 1]}-{y}")
    lines.append(f"Post-History: {d:02d}-{_MONTHS[m - 1]}-{y}")
    if (req := _earlier(rng, i)) and rng.random() < 0.3:
        lines.append(f"Requires: {req}")
    if (old := _earlier(rng, i)) and rng.random() < 0.1:
        lines.append(f"Replaces: {old}")
    md = rng.random() < 0.1
    names = ["Abstract", "Specification"] if md else ["Abstract", "Motivation", "Copyright"]
    text = "\n".join(lines) + "\n\n\n" + _sections(rng, names, md=md)
    _write(folder / f"pep-{i:04d}.{'md' if md else 'rst'}", text)
    return f"{i:<5} {lines[1][7:]}"


def _sidecar(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    sig = rng.choice(["sig-storage", "sig-node", "sig-apps"])
    title = _title(rng)
    number = 1000 + i
    y, m, d = _date(rng)
    status = rng.choice(["provisional", "implementable", "implemented", "deferred", "withdrawn"])
    see = _earlier(rng, i)
    meta = [
        f"title: {title}",
        f"kep-number: {number}",
        "authors: [" + ", ".join(f'"{_handle(rng)}"' for _ in range(rng.randint(1, 3))) + "]",
        f"owning-sig: {sig}",
        f"status: {status}",
        f"creation-date: {y}-{m:02d}-{d:02d}"
        if i % 7 == 0
        else f'creation-date: "{y}-{m:02d}-{d:02d}"',
        f'reviewers: ["{_handle(rng)}"]',
        f'approvers: ["{_handle(rng)}"]',
        "stage: " + rng.choice(["alpha", "beta", "stable"]),
        f'latest-milestone: "v1.{rng.randint(10, 30)}"',
        f'milestone:\n  alpha: "v1.{rng.randint(10, 20)}"',
        f"feature-gates:\n  - name: Gate{number}\n    components:\n      - kube-apiserver",
        f'last-updated: "{min(y + 1, 2025)}-{m:02d}-{d:02d}"',
    ]
    if see and rng.random() < 0.3:
        meta.append(f'see-also:\n  - "/{seen[see - 1]}"')
    if (old := _earlier(rng, i)) and rng.random() < 0.1:
        meta.append(f'replaces:\n  - "/{seen[old - 1]}"')
    done = "x" if status == "implemented" else rng.choice("x ")
    boxes = "".join(f"- [{done}] (R) {t}\n" for t in ("Design details", "Test plan", "Docs"))
    body = f"# KEP-{number}: {title}\n\n## Release Signoff Checklist\n\n{boxes}\n"
    body += _sections(rng, ["Summary", "Motivation", "Proposal", "Design Details"])
    body += f"\nTests are tagged [Feature:Gate{number}] and [Disruptive].\n\n"
    body += _sections(rng, ["Implementation History", "Drawbacks", "Alternatives"])
    kep = folder / "keps" / sig / f"{number}-{_slug(title)}"
    seen.append(kep.relative_to(folder).as_posix())
    _write(kep / "kep.yaml", "\n".join(meta) + "\n")
    _write(kep / "README.md", body)
    return f"{number} {title}"


def _adr(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    title = _title(rng)
    y, m, d = _date(rng)
    date = f"{y}-{m}-{d}" if rng.random() < 0.05 else f"{y}-{m:02d}-{d:02d}"
    status = rng.choice(["Accepted", "Accepted", "Proposed", "Rejected", "**Accepted**"])
    if (old := _earlier(rng, i)) and rng.random() < 0.15:
        status += f"\n\nSupersedes [{old}. {seen[old - 1]}]({old:04d}-{_slug(seen[old - 1])}.md)"
    text = f"# {i}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n"
    text += _sections(rng, ["Context", "Decision", "Consequences"])
    _write(folder / "doc" / "adr" / f"{i:04d}-{_slug(title)}.md", text)
    seen.append(title)
    return f"* [{i}. {title}]({i:04d}-{_slug(title)}.md)"


def _numbered(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    title = _title(rng)
    h1 = f"{i:04d}. {title}" if rng.random() < 0.3 else title
    names = rng.choice([["Context", "Decision", "Consequences"], ["Background", "Outcome"]])
    text = f"# {h1}\n\n{_sections(rng, names)}"
    _write(folder / "decisions" / f"{i:04d}-{_slug(title)}.md", text)
    return f"- [{i:04d}: {title}](decisions/{i:04d}-{_slug(title)}.md)"


def _frontmatter(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    y, m, d = _date(rng)
    authors = []
    for _ in range(rng.randint(1, 4)):
        name = _person(rng)
        authors.append(rng.choice([f"{name} ({_handle(rng)})", _mail(name), name]))
    status = rng.choice(["Draft", "Review", "Last Call", "Final", "Stagnant", "Withdrawn", "Moved"])
    meta = [f"eip: {i}", f"title: {_title(rng)}", "author: " + ", ".join(authors)]
    meta += [f"status: {status}", "type: Standards Track"]
    meta.append("category: " + rng.choice(["Core", "ERC", "Interface"]))
    meta.append(f"created: {y}-{m:02d}-{d:02d}")
    reqs = sorted({r for r in (_earlier(rng, i), _earlier(rng, i)) if r and rng.random() < 0.4})
    if reqs:
        meta.append("requires: " + ", ".join(map(str, reqs)))
    if status == "Moved":
        body = f"This EIP was moved to ERC-{i}.\n"
    else:
        body = _sections(rng, ["Abstract", "Motivation", "Specification", "Rationale"])
    _write(folder / "EIPS" / f"eip-{i}.md", "---\n" + "\n".join(meta) + "\n---\n\n" + body)
    return f"| [EIP-{i}](EIPS/eip-{i}.md) | {status} |"


def _link(person: str) -> str:
    return f"[{person}](https://github.com/{person.split()[0].lower()})"


def _bullets(rng: random.Random, folder: Path, i: int, seen: list[str]) -> str:
    sub, number, prefix = ("testing/", i // 5, "XT") if i % 5 == 0 else ("", i - i // 5, "XP")
    title = _title(rng)
    name = f"{number:04d}-{_slug(title)}.md"
    people = [_person(rng) for _ in range(rng.randint(1, 3))]
    status = rng.choice(
        [
            "**Accepted**",
            "**Rejected**",
            "**Returned for revision**",
            f"**Implemented (v{rng.randint(1, 6)}.{rng.randint(0, 9)})**",
            "**Active review (March 3...10, 2024)**",
        ]
    )
    lines = [f"# {title}", "", f"* Proposal: [{prefix}-{number:04d}]({name})"]
    lines.append("* Authors: " + ", ".join(_link(p) for p in people))
    lines += [f"* Review Manager: {_link(_person(rng))}", f"* Status: {status}"]
    if prefix == "XP" and seen and rng.random() < 0.1:
        lines.append(f"* Previous Proposal: {rng.choice(seen)}")
    pr = 1000 + i
    lines.append(f"* Implementation: [org/repo#{pr}](https://github.com/org/repo/pull/{pr})")
    body = "\n".join(lines) + "\n\n"
    body += _sections(rng, ["Introduction", "Motivation", "Detailed design"])
    _write(folder / "proposals" / sub / name, body)
    if prefix == "XP":
        seen.append(f"[XP-{number:04d}]({name})")
    return f"| [{prefix}-{number:04d}](proposals/{sub}{name}) | {title} |"


_WRITERS: dict[str, Callable[[random.Random, Path, int, list[str]], str]] = {
    "header": _header,
    "sidecar": _sidecar,
    "adr": _adr,
    "numbered": _numbered,
    "frontmatter": _frontmatter,
    "bullets": _bullets,
}
_INDEX = {
    "header": ("pep-0000.rst", "Index of Proposals\n==================\n\n::\n\n"),
    "sidecar": ("keps/README.md", "# Enhancement Proposals\n\nOne folder per SIG.\n\n"),
    "adr": ("doc/adr/README.md", "# Architecture Decision Records\n\n"),
    "numbered": ("index.md", "# Engineering decisions\n\nRead these first.\n\n"),
    "frontmatter": ("README.md", "# Improvement Proposals\n\n| EIP | Status |\n|-----|--------|\n"),
    "bullets": ("README.md", "# Evolution\n\n| Proposal | Title |\n|----|----|\n"),
}


def generate(shape: str, folder: Path, n: int) -> None:
    """Write ``n`` specs of ``shape`` (one of ``SHAPES``) into ``folder``, plus the shape's index
    page (not a spec). Specs are numbered from 1 (KEPs from 1001); in the ``bullets`` shape every
    fifth spec goes to ``proposals/testing/``, numbered from 1 in its own ``XT`` series."""
    if shape not in _WRITERS:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = random.Random(0)
    folder.mkdir(parents=True, exist_ok=True)
    seen: list[str] = []  # what later specs may link to: ADR titles, KEP folders, XP links
    rows = [_WRITERS[shape](rng, folder, i, seen) for i in range(1, n + 1)]
    name, head = _INDEX[shape]
    indent = "    " if shape == "header" else ""
    _write(folder / name, head + "".join(f"{indent}{row}\n" for row in rows))
