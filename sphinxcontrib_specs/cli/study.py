"""``sphinx-specs init``'s study of a folder: every candidate file read with the build's own
sources (:mod:`.pages`), then decided by majority, never from one file.

What it works out, and the thresholds (a share of the files that look like specs):

- which files are specs: a file whose metadata names a known field (in a folder of numbered
  specs, only numbered ones), and numbered files with a title and no metadata when they are at
  least as many as those, or when some specs write no status (ID from the number, title from
  the H1, the template's ``default_status``, which the build reads them by too);
- the labels: known ones and common spellings map to fields (:func:`guess_option`); a label whose
  value is the file's own number or ID, in at least half of the specs, is the ``id_field``; the
  other labels of a page's top become ``specs_fields`` (shown as written, no warning; a ``link``
  field when half of the files that have it link web pages in it), except one in a single file
  that looks like a frequent one (a typo is left to warn); a metadata file's keys only when half
  of the specs have them;
- sibling metadata files (YAML/JSON) beside at least 30 % of the specs: ``metadata_file``;
- sections titled like a field whose first paragraph is short, in at least 30 %:
  ``metadata_sections``; sections holding checklists in at least 30 %: ``dod_sections``;
- the statuses (markup and notes taken off), the date format, the ID prefix (from an ID field, an
  H1 like ``KEP-1234:``, the file names, the folder's name as a last resort) and width;
- the sections at least half of the specs share, two at the least (required when every spec has
  them and there are three or more), and every section that holds tracked items.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..plain.labels import MAIN_NAMES
from ..plain.sources.names import FOLDER_PREFIXES, HEADING_ID
from .candidates import (
    ID,
    Candidate,
    guess_option,
    has_id_field,
    own_id,
    sidecar_entries,
    text_of,
    value_links,
)

if TYPE_CHECKING:
    from pathlib import Path


SKIPPED = {"readme", "contributing", "changelog", "license", "code_of_conduct", "security"}


@dataclass
class Study:
    """What ``init`` worked out of a folder (see the module docstring)."""

    folder: Path
    candidates: list[Candidate]
    specs: list[Candidate] = field(default_factory=list)
    parts: list[Path] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # label -> option
    id_field: str = ""
    extra_fields: list[dict[str, str]] = field(default_factory=list)
    metadata_file: list[str] = field(default_factory=list)
    metadata_sections: dict[str, str] = field(default_factory=dict)
    dod_sections: list[str] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    without_status: int = 0
    date_formats: Counter[str] = field(default_factory=Counter)
    id_format: str = "SPEC-{number:03d}"
    sections: Counter[str] = field(default_factory=Counter)
    checklists: bool = False
    #: The numeric date form the folder's dates fit (written as the template's date_formats).
    numeric_dates: str = ""


# -- deciding ----------------------------------------------------------------------------------


def study(folder: Path, candidates: list[Candidate]) -> Study:
    """The folder's vocabulary from every page's candidate (see the module docstring)."""
    result = Study(folder, candidates)
    candidates = result.candidates
    main_pages = [c for c in candidates if c.page.path.stem.casefold() not in SKIPPED or c.number]
    side = Counter(p for c in main_pages if c.number is not None for p in set(c.sidecars))
    numbered = [c for c in main_pages if c.number is not None]
    result.metadata_file = [
        p for p, n in side.most_common() if n >= max(2, 0.3 * max(len(numbered), 1))
    ][:1]
    for candidate in candidates:
        sidecar_entries(candidate, result.metadata_file)
    specs = [c for c in main_pages if c.has_metadata]
    # files with metadata but no number, in a folder of numbered specs, are no specs (a
    # template.md, a README that lists the specs): the build could give them no ID
    if sum(c.number is not None for c in specs) >= 0.8 * len(specs):
        specs = [c for c in specs if c.number is not None or has_id_field(c)]
    named = [c for c in main_pages if c.number is not None and c.h1 and not c.has_metadata]
    if named and len(named) >= len(specs):  # most of the folder is numbered records
        specs, named = specs + named, []
    _analyse(result, specs)
    # beside specs whose metadata says no status (not in a folder of drafts, 15292/2011-03-x.md)
    homes = {c.page.path.parent for c in specs}
    named = [c for c in named if c.page.path.parent in homes]
    if named and result.without_status:  # then the build reads them by the default status
        fresh = Study(folder, candidates, metadata_file=result.metadata_file)
        _analyse(fresh, specs + named)
        return fresh
    return result


def _analyse(result: Study, specs: list[Candidate]) -> None:
    result.specs = specs
    _parts(result)
    _labels(result)
    _sections(result)
    _statuses(result)
    _dates(result)
    _ids(result)


def _parts(result: Study) -> None:
    """A spec folder's sub-pages (no spec of their own): every heading is a section of the spec."""
    from ..plain.labels import folder_main

    specs = {c.page.path: c for c in result.specs}
    for candidate in result.candidates:
        main = folder_main(candidate.page.path)
        if candidate.page.path in specs or main not in specs:
            continue
        result.parts.append(candidate.page.path)
        for heading in candidate.headings:
            specs[main].sections.setdefault(heading, "")


_APPROVAL_DATE = re.compile(r"\(\s*\d{4}-\d{2}-\d{2}\s*\)")


def _labels(result: Study) -> None:
    from ..core.templates.model import field_name
    from ..plain.labels import label_key

    specs = result.specs
    seen: dict[str, Counter[str]] = defaultdict(Counter)  # key -> spellings
    files: Counter[str] = Counter()
    own: Counter[str] = Counter()
    sources: dict[str, str] = {}
    links: Counter[str] = Counter()  # how many files' values of a label link other specs
    web: Counter[str] = Counter()  # ... and web pages
    dated: Counter[str] = Counter()  # ... and approval dates ("@carol (2026-03-01)")
    for spec in specs:
        keys: dict[str, None] = {}  # in the page's order, so ties keep the files' order
        for label, value, source in spec.entries:
            key = label_key(label)
            seen[key][label] += 1
            sources.setdefault(key, source)
            keys[key] = None
            own[key] += own_id(spec, value)
            to_specs, to_web = value_links(value)
            links[key] += to_specs
            web[key] += to_web
            if guess_option(label) == "approvers":
                dated[key] += bool(_APPROVAL_DATE.search(text_of(value)))
        files.update(list(keys))
    for key, count in files.most_common():
        label = seen[key].most_common(1)[0][0]
        option = guess_option(label)
        if option is None and not result.id_field and own[key] * 2 >= len(specs) and own[key]:
            result.id_field = label
            continue
        if option is None and links[key] * 2 >= count and not own[key]:
            option = "related"  # Swift's "Previous Proposal: [SE-0003](0003-x.md)"
        if option == "approvers" and not dated[key]:
            # names with no approval date in any spec (a KEP's approvers): a list shown as
            # written, never each "requested" (the approvers field's meaning of no date)
            option = None
        if option is not None:
            result.labels[label] = option
            for spelling in seen[key]:
                result.labels.setdefault(spelling, option)
        elif sources[key] not in ("front_matter", "metadata file") or count * 2 >= len(specs):
            # a label in one file only may be a typo of a frequent one ("Stauts"): left to warn;
            # a plural ("Bugs" beside "Bug", "Sponsors" beside "Sponsor") is a label of its own
            frequent = [k for k, n in files.items() if n >= 2 and k != key]
            close = difflib.get_close_matches(key, frequent, n=1, cutoff=0.8)
            if count >= 2 or not close or close[0].rstrip("s") == key.rstrip("s"):
                # a name the build takes (config.py checks it): 2nd Reviewer, Progress
                taken = {f["name"] for f in result.extra_fields}
                name = field_name(key, taken)
                extra = {"name": name, "label": label}
                if web[key] * 2 >= count:  # Swift's "Implementation: [apple/swift#3809](...)"
                    extra["type"] = "link"
                result.extra_fields.append(extra)


def _sections(result: Study) -> None:
    from ..core.templates.builtin import BUILTIN_TEMPLATES
    from ..plain.labels import label_key
    from ..plain.lists import item_sections

    specs = result.specs
    total = len(specs)
    builtin = item_sections(BUILTIN_TEMPLATES.values())
    titles: Counter[str] = Counter()
    short: Counter[str] = Counter()
    checklists: Counter[str] = Counter()
    # "Non-Goals" and "Non-goals" are one section, spelled as most specs spell it
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for spec in specs:
        for title in spec.sections:
            spellings[label_key(title)][title] += 1
    spelled = {t: found.most_common(1)[0][0] for found in spellings.values() for t in found}
    for spec in specs:
        titles.update(spelled[t] for t in spec.sections)
        short.update(
            spelled[t] for t, text in spec.sections.items() if text and len(text.split()) <= 10
        )
        checklists.update(spelled.get(t, t) for t in spec.checklists)
        result.checklists |= bool(spec.checklists)
    for title, count in titles.items():
        option = guess_option(title)
        if (
            option in ("status", "created", "updated", "authors")
            and count >= 0.3 * total
            and short[title] >= 0.7 * count
        ):
            # the section is where the value is written when specs that have it write no label
            # for it: adr-tools' `## Status` stays one in a folder where a newer MADR record
            # writes `* Status:`, not where every spec has the label too
            labels = {label for label, o in result.labels.items() if o == option}
            alone = sum(
                any(spelled[t] == title for t in spec.sections)
                and not any(e[0] in labels for e in spec.entries)
                for spec in specs
            )
            if alone >= 0.3 * total:
                result.metadata_sections[title] = option
        key = label_key(title)
        if checklists[title] >= max(2, 0.3 * total) and key not in builtin:
            result.dod_sections.append(title)
    result.sections = Counter({t: n for t, n in titles.items() if n >= 2 and n * 2 >= total})
    # a section that holds tracked items (Definition of Done, Open Questions, Goals) is kept
    # wherever a spec has one: its list is items, not prose
    for title, count in titles.items():
        if label_key(title) in builtin and title not in result.sections:
            result.sections[title] = count


def _statuses(result: Study) -> None:
    from ..core.model import SUPERSEDED_BY
    from ..plain.labels import empty_value
    from ..plain.readers import unwrapped

    fields = {label for label, option in result.labels.items() if option == "status"}
    titles = {t for t, o in result.metadata_sections.items() if o == "status"}
    values: list[str] = []
    for spec in result.specs:
        value = next((text_of(v) for label, v, _ in spec.entries if label in fields), "")
        if not value:
            value = next((spec.sections[t] for t in titles if t in spec.sections), "")
        value = empty_value(unwrapped(value))
        if not value:
            result.without_status += 1
            continue
        values.append("Superseded" if SUPERSEDED_BY.match(value) else value)
    heads = [re.split(r"\s*[(\[;:\u2014\u2013]|\s-\s|,\s", v)[0].strip() for v in values]
    heads = [head for head in heads if head]  # "(Proposed / Accepted)": a template's, no status
    bases = {h.casefold() for h in heads}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for head in heads:
        folded = head.casefold()
        # "Accepted with modifications" is Accepted with a note when Accepted is a status
        shorter = [b for b in bases if folded.startswith(b + " ") and b != folded]
        base = max(shorter, key=len) if shorter else folded
        spellings[base][head if folded == base else head[: len(base)]] += 1
    for names in spellings.values():
        spelling = names.most_common(1)[0][0]
        if spelling == spelling.lower():
            spelling = spelling[:1].upper() + spelling[1:]
        result.statuses[spelling] = sum(names.values())


def _dates(result: Study) -> None:
    """The date forms the specs write; a numeric one (``25/12/2019``) that they all fit."""
    from ..plain.dates import NUMERIC_DATE_FORMATS, date_format

    unread: list[str] = []
    for spec in result.specs:
        for label, raw, _ in spec.entries:
            if result.labels.get(label) in ("created", "updated"):
                value = text_of(raw)
                found = date_format(value)
                if found:
                    result.date_formats[found] += 1
                elif value.strip():
                    unread.append(value)
    # numeric dates (05/07/2001): the form every one of them fits, day first when both do
    for form in NUMERIC_DATE_FORMATS:
        fits = sum(date_format(v, [form], builtin=False) == form for v in unread)
        if unread and fits >= 0.9 * len(unread):
            result.date_formats[form] += fits
            result.numeric_dates = form
            break


def _ids(result: Study) -> None:
    prefixes: Counter[str] = Counter()
    widths: Counter[int] = Counter()
    numbers: list[str] = []
    for spec in result.specs:
        if spec.digits:
            numbers.append(spec.digits)
        if result.id_field:
            value = next((text_of(v) for lab, v, _ in spec.entries if lab == result.id_field), "")
            written = ID.match(value.strip())
            if written:
                prefixes[written.group(1).upper()] += 1
                widths[len(written.group(2))] += 1
        # a prefix in the H1 counts when its number is the file's (KEP-1234: in 1234-x/)
        heading = HEADING_ID.match(spec.h1) if spec.h1 else None
        if heading and heading.group("prefix") and int(heading.group("number")) == spec.number:
            prefixes[heading.group("prefix").upper()] += 1
        if spec.name_prefix:
            prefixes[spec.name_prefix] += 1
    homes = Counter(
        (
            s.page.path.parent.parent
            if s.page.path.stem.casefold() in MAIN_NAMES
            else s.page.path.parent
        ).name
        for s in result.specs
    )
    folder = homes.most_common(1)[0][0] if homes else result.folder.name
    # the folder's usual name, or its parents' (rust-lang/rfcs keeps its RFCs in rfcs/text/)
    known = [result.folder.name, result.folder.resolve().parent.name]
    known = [name for name in known if name.casefold() in FOLDER_PREFIXES]
    if folder.casefold() not in FOLDER_PREFIXES and known:
        folder = known[0]
    if prefixes:
        prefix = prefixes.most_common(1)[0][0]
    elif folder.casefold() in FOLDER_PREFIXES:
        prefix = FOLDER_PREFIXES[folder.casefold()]
    else:
        letters = re.sub(r"[^A-Za-z]", "", folder).upper()
        prefix = letters if 2 <= len(letters) <= 5 and letters not in ("DOCS", "SPECS") else "SPEC"
    lengths = {len(n) for n in numbers}
    if widths:
        width = widths.most_common(1)[0][0]
    elif len(lengths) == 1:
        width = lengths.pop()
    elif padded := [len(n) for n in numbers if n.startswith("0")]:
        # padded to a width no number is shorter than (001 to 1100: 3); KEPs 19 to 5502 with
        # one 0752-x/ are not padded
        width = min(padded) if min(map(len, numbers)) >= min(padded) else 0
    else:
        width = 0
    result.id_format = f"{prefix}-{{number:0{width}d}}" if width > 1 else f"{prefix}-{{number}}"
