"""Read the evidence once per build: the JUnit XML files of ``specs_test_results`` and the
comment markers in the files of ``specs_code["paths"]``.

At ``env-updated`` (every build, after the pages are read, in the main process) the files are
read again and the domain keeps the test cases and markers (:meth:`.SpecsDomain.set_evidence`);
the index joins them to the specs and items they name (:mod:`..core.verification`). The pages
that show evidence are written again when it changed: the render ledger's fingerprint of a page
and the index's digest of a spec hold it. So an incremental build after a result file changed
writes what a clean build writes. The evidence is read again every build, so it is not
pickled with the environment.

Globs are relative to the source folder (``../reports/*.xml`` reaches beside it) or absolute. A
glob that matches no file and a file that is not JUnit XML are one ``specs.evidence`` warning
each, at the file; the build goes on with the others.
"""

from __future__ import annotations

import glob
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import settings_of
from ..core.evidence import CodeMarker
from ..core.verification import Evidence
from ..read.domain import get_domain
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..config import Settings
    from ..core.evidence import TestCase
    from ..core.junit import IdOf


def _files(srcdir: str, pattern: str) -> list[str]:
    # glob.glob, not Path.glob: a pattern may be absolute or climb out of the source folder;
    # root_dir, so that the source folder's own path is never read as a pattern
    found = glob.glob(pattern, root_dir=srcdir, recursive=True)  # noqa: PTH207
    paths = (os.path.normpath(os.path.join(srcdir, path)) for path in found)  # noqa: PTH118
    return sorted(path for path in paths if Path(path).is_file())


def _each_file(srcdir: str, patterns: Iterable[str], nothing: str) -> Iterator[str]:
    """Each file the globs ``patterns`` match, once (a file two globs match is read once), in
    their order; a glob that matches nothing is a warning: ``nothing`` with the glob in it."""
    seen: set[str] = set()
    for pattern in patterns:
        paths = _files(srcdir, pattern)
        if not paths:
            warn(SpecsWarning.EVIDENCE, nothing.format(pattern=pattern, srcdir=srcdir))
        for path in paths:
            if path not in seen:
                seen.add(path)
                yield path


def _id_of(settings: Settings) -> IdOf:
    """How a match of ``specs_test_name_pattern`` names an ID: :func:`.core.junit.match_id`,
    and a ``spec`` group of digits alone is the spec's number (``specs_plain_id`` formats it)."""

    def id_of(match: re.Match[str]) -> str | None:
        groups = match.re.groupindex
        spec = match.group("spec") if "spec" in groups else None
        if spec and spec.isdigit():
            item = match.group("item") if "item" in groups else None
            full = settings.plain_id.format(number=int(spec))
            return f"{full}.{item}" if item else full
        from ..core.junit import match_id

        return match_id(match)

    return id_of


def read_tests(srcdir: str, settings: Settings) -> list[TestCase]:
    from ..core.junit import read_junit  # loaded when a project reads test results

    evidence = settings.evidence
    tests: list[TestCase] = []
    nothing = (
        "specs_test_results: no file matches {pattern!r} (relative to {srcdir}); "
        "run the tests with --junitxml before the build, or fix the glob"
    )
    for path in _each_file(srcdir, evidence.test_results, nothing):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            warn(SpecsWarning.EVIDENCE, f"cannot read the test results: {exc}", location=path)
            continue
        found, problems = read_junit(
            data,
            path,
            properties=evidence.test_properties,
            name_pattern=evidence.test_name_pattern,
            id_of=_id_of(settings),
        )
        for problem in problems:
            warn(
                SpecsWarning.EVIDENCE,
                f"{problem}; its tests count for nothing (specs_test_results reads JUnit "
                "XML, as pytest --junitxml writes it)",
                location=f"{path}:1",
            )
        tests.extend(found)
    return tests


def read_markers(srcdir: str, settings: Settings, top: Path) -> list[CodeMarker]:
    from ..core.markers import scan_code  # loaded when a project reads code markers

    evidence = settings.evidence
    markers: list[CodeMarker] = []
    nothing = "specs_code: no file matches {pattern!r} (relative to {srcdir})"
    for path in _each_file(srcdir, evidence.code_paths, nothing):
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            warn(SpecsWarning.EVIDENCE, f"cannot read a code file: {exc}", location=path)
            continue
        markers.extend(scan_code(text, _shown(path, top), evidence.code_markers))
    return markers


def _shown(path: str, top: Path) -> str:
    """A code file's path as links and specs.json show it: from the repository's top (or the
    project's folder outside git), with ``/``."""
    try:
        return Path(path).resolve().relative_to(top).as_posix()
    except ValueError:
        return Path(path).as_posix()


def code_top(srcdir: str) -> tuple[Path, str | None, frozenset[str]]:
    """The folder code paths are shown from (git's top, else the source folder), HEAD, and the
    files that differ from it (their lines are not HEAD's: no links)."""
    from ..git.reader import changed_files, head_commit, work_tree_top

    top = work_tree_top(Path(srcdir))
    if top is None:
        return Path(srcdir).resolve(), None, frozenset()
    return top.resolve(), head_commit(top), changed_files(top)


def read_evidence(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """At ``env-updated``: read the evidence into the domain (the index joins it)."""
    settings = settings_of(app.config)
    domain = get_domain(env)
    if not settings.evidence.active:
        if domain.evidence is not None:
            domain.set_evidence(None)
        return []
    srcdir = str(app.srcdir)
    tests = read_tests(srcdir, settings)
    markers: list[CodeMarker] = []
    top, commit, dirty = Path(srcdir), None, frozenset[str]()
    if settings.evidence.code_paths:
        top, commit, dirty = code_top(srcdir)
        markers = read_markers(srcdir, settings, top)
    domain.set_evidence(Evidence(tests, markers, commit, dirty, str(top)))
    # What the last build read, as a digest kept in the environment. When it changed, the root
    # page counts as updated: Sphinx then checks consistency, where check_evidence warns (a
    # test naming an unknown item changes no page's output, so nothing else would say so), and
    # saves the environment with the new digest.
    digest = hashlib.sha256(repr((tests, markers)).encode()).hexdigest()
    if domain.data.get("evidence_digest") == digest:
        return []
    domain.data["evidence_digest"] = digest
    root = app.config.root_doc
    return [root] if root in env.all_docs else []


def check_evidence(app: Sphinx, env: BuildEnvironment) -> None:
    """At ``env-check-consistency``, with the other cross-page checks (and the
    ``dod_verified`` gate, which reads the same evidence): ``specs.evidence`` for evidence naming
    an unknown spec or item of this project, at its line, and for a ticked Definition-of-Done
    item whose tests fail, at the item's line. Sphinx checks when pages were read or are out of
    date, and :func:`read_evidence` makes a change of the evidence one."""
    domain = get_domain(env)
    if domain.evidence is None:
        return
    index, top = domain.index, Path(domain.evidence.top)
    for record, written in index.evidence.orphans:
        if isinstance(record, CodeMarker):
            where = f"{top / record.path}:{record.line}"
            what = f"the code marker '{record.marker}: {written}' names"
        else:
            where = f"{record.source}:{record.line or 1}"
            what = f"the test {record.full_name} verifies {written}, which is"
        warn(
            SpecsWarning.EVIDENCE,
            f"{what} no spec or item of this project; fix the ID or remove it",
            location=where,
        )
    for spec in index.ordered():
        if spec.external:
            continue
        for item in spec.items.values():
            if item.kind != "dod" or not item.checked:
                continue
            failing = index.evidence.of(f"{spec.id}.{item.id}").failing
            if failing:
                names = ", ".join(
                    f"{t.name} {'erred' if t.result == 'error' else t.result}" for t in failing
                )
                warn(
                    SpecsWarning.EVIDENCE,
                    f"{spec.id}.{item.id} is checked but {names}",
                    location=(item.docname or spec.docname, item.lineno),
                )


def setup_evidence(app: Sphinx) -> None:
    app.connect("env-updated", read_evidence)
    app.connect("env-check-consistency", check_evidence)
