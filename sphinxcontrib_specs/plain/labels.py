"""Labels of plain specs, whatever the source: labels as matched and the common spellings of the
spec's options, values that mean empty, a title from the file name, where a spec folder's page
is, which files a path written in a value names."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

#: Labels people write for the spec options, beyond the templates' own labels.
ALIASES: dict[str, str] = {
    "author": "authors",
    "author(s)": "authors",
    "authors": "authors",
    "owner": "authors",
    "owners": "authors",
    "status": "status",
    "state": "status",
    "team": "team",
    "created": "created",
    "date": "created",
    "created on": "created",
    "updated": "updated",
    "last updated": "updated",
    "last update": "updated",
    "issues": "issues",
    "related issues": "issues",
    "issue": "issues",
    "tags": "tags",
    "labels": "tags",
    "template": "template",
    "supersedes": "supersedes",
    "replaces": "supersedes",
    "superseded by": "superseded-by",
    "replaced by": "superseded-by",
    "requires": "depends-on",
    "depends on": "depends-on",
    "dependencies": "depends-on",
    "related": "related",
    "related specs": "related",
    "related specifications": "related",
    "see also": "related",
    "id": "id",
    "spec id": "id",
    "title": "title",
}

#: Values that mean "nothing written here", whatever the shape.
EMPTY_VALUES = frozenset({"n/a", "na", "none", "-", "--", "tbd", "_tbd_", "*tbd*", "tbc", "?"})


def label_key(label: str) -> str:
    """A label as matched: case, punctuation, ``#`` and surrounding space ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", label.casefold()).split())


def empty_value(value: str) -> str:
    """``value``, or "" when it is one of :data:`EMPTY_VALUES`."""
    return "" if value.strip().casefold() in EMPTY_VALUES else value


def title_from_filename(filename: str, text: str = "") -> str:
    """``0001-private-fields.md`` -> "Private fields" (``README.md`` / ``index.md``: the folder).
    A word that the page's prose ``text`` writes with capitals after its first letter more often
    than in lower case is written so (``0002-rfc-process.md`` -> "RFC process", ``gRPC``); the
    keywords of RFC 2119 (``MUST NOT``) are no such sign."""
    path = PurePath(filename)
    stem = path.stem
    if stem.casefold() in ("readme", "index") and path.parent.name:
        stem = path.parent.name
    words = re.sub(r"^[\d]+[-_. ]*", "", stem).replace("_", " ").replace("-", " ").split()
    forms = _forms(text) if text else {}
    written = [_as_written(word, forms) for word in words]
    if written and written[0] == words[0]:
        written[0] = written[0][:1].upper() + written[0][1:]
    return " ".join(written)


#: RFC 2119's keywords: written in capitals for emphasis, not as the word's spelling.
_KEYWORDS = {"must", "not", "shall", "should", "required", "recommended", "may", "optional"}


def _forms(text: str) -> dict[str, Counter[str]]:
    """Each word of ``text`` (lower case) -> how often each spelling of it occurs."""
    forms: dict[str, Counter[str]] = {}
    for word in re.findall(r"\w+", text):
        forms.setdefault(word.lower(), Counter())[word] += 1
    return forms


def _as_written(word: str, forms: Mapping[str, Counter[str]]) -> str:
    seen = forms.get(word.lower())
    if not seen or word.lower() in _KEYWORDS:
        return word
    capitals = [(n, form) for form, n in seen.items() if any(c.isupper() for c in form[1:])]
    if not capitals:
        return word
    most, form = max(capitals)
    return form if most > seen[word.lower()] else word


#: The file names of a spec folder's own page (``0042-backups/README.md``).
MAIN_NAMES = ("readme", "index")


def is_numbered(name: str) -> bool:
    return bool(re.match(r"^\d+", name))


def folder_main(source: Path) -> Path | None:
    """The page of the spec folder that ``source`` is a sub-page of, or None: for
    ``0042-backups/alternatives.md`` the folder's ``README.md`` / ``index.md``, else a file
    named like the folder beside it (``0042-backups.md`` next to ``0042-backups/``); for a
    ``README.md`` / ``index.md`` only the latter. A ``README.md`` / ``index.md`` makes a spec
    folder only in a folder whose name starts with a number. Shared by plain mode and
    ``sphinx-specs init``."""
    folder = source.parent
    candidates: list[Path] = []
    # a folder of specs with a listing page (``adr/index.md``) is no spec folder: only a folder
    # named with the spec's number (``0042-backups/``) is
    if source.stem.casefold() not in MAIN_NAMES and is_numbered(folder.name):
        candidates = [
            c for c in sorted(folder.glob("*.*")) if c.stem.casefold() in MAIN_NAMES and c != source
        ]
        candidates = [c for c in candidates if c.suffix in (".md", ".rst")]
    candidates += [folder.with_suffix(suffix) for suffix in (".md", ".rst")]
    return next((c for c in candidates if c.is_file() and c != source), None)


def pages_named(written: str, where: str, srcdir: Path) -> Iterator[Path]:
    """The files a path written in a value may name, most likely first (``0003-use-x.md``,
    ``../0042-backups/``, a KEP's ``/keps/sig-node/2345-other``): the file, the file with a
    source suffix, a folder's ``README`` or ``index``. A relative path is relative to the file
    that wrote it (``where``, relative to ``srcdir``); a path from ``/`` is tried from
    ``srcdir``, then without its leading folders (a folder's paths often start at the
    repository's root). Shared by the build and ``sphinx-specs init``."""
    target = written.partition("#")[0].strip()
    if not target or "://" in target or target.startswith("mailto:"):
        return
    if target.startswith("/"):
        parts = Path(target.lstrip("/")).parts
        candidates = [srcdir.joinpath(*parts[n:]) for n in range(len(parts))]
    else:
        candidates = [Path(os.path.normpath(srcdir / where)).parent / target]
    for candidate in candidates:
        for page in (
            candidate,
            *(candidate.with_name(candidate.name + s) for s in (".md", ".rst")),
            *(candidate / n for n in ("README.md", "index.md", "README.rst", "index.rst")),
        ):
            if page.suffix in (".md", ".rst") and page.is_file():
                yield page
