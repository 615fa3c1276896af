"""``sphinx-specs lint``: the specs warnings of a project, read by Sphinx.

The warnings are taken from Sphinx's log records (their ``type``, ``subtype`` and ``location``),
never from the printed text, so ``show_warning_types``, colours or a translated "WARNING:" change
nothing. A handler on the extension's logger sees each record once, when it is made; with
``-j N`` the records of the worker processes reach the main process through the logger of
:mod:`sphinx.util.parallel`, where the same handler takes them. Sphinx's own functions decide
what the build would print: ``suppress_warnings``
(:func:`~sphinx.util.logging.is_suppressed_warning`), ``once``
(:class:`~sphinx.util.logging.OnceFilter`) and the location as a path and a line
(:class:`~sphinx.util.logging.WarningLogRecordTranslator`).
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.frozen import frozen

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from sphinx.application import Sphinx

from .common import CliError, no_conf, one_line

#: The logger :func:`sphinxcontrib_specs.warnings_.warn` writes to, and the one that replays the
#: records of parallel workers in the main process.
_OWN_LOGGER = "sphinx.sphinxcontrib_specs"
_PARALLEL_LOGGER = "sphinx.sphinx.util.parallel"


@frozen
class Finding:
    """One specs warning as the build would print it: file (None: no location), line, text."""

    file: str | None
    line: int | None
    subtype: str
    message: str


class _Collector(logging.Handler):
    """Keeps a copy of every ``specs`` warning record (the record itself goes on unchanged)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        from docutils import nodes
        from sphinx.util.logging import get_node_location

        if getattr(record, "type", None) != "specs":
            return
        kept = copy.copy(record)
        kept.msg, kept.args = logging.LogRecord.getMessage(record), ()
        location = getattr(record, "location", None)
        if isinstance(location, nodes.Node):
            kept.location = get_node_location(location)  # as a worker process does
        self.records.append(kept)


@contextlib.contextmanager
def _collecting() -> Iterator[_Collector]:
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in (_OWN_LOGGER, _PARALLEL_LOGGER)]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        yield collector
    finally:
        for logger in loggers:
            logger.removeHandler(collector)


def _split_location(location: str | None) -> tuple[str | None, int | None]:
    """``path:line``, ``path:`` or ``path`` as Sphinx prints them."""
    if not location:
        return None, None
    head, sep, tail = location.rpartition(":")
    if sep and (tail.isdigit() or not tail):
        return head or None, int(tail) if tail else None
    return location, None


def findings_of(app: Sphinx, records: list[logging.LogRecord]) -> list[Finding]:
    """What the build prints of ``records``: suppressed and repeated ``once`` records dropped,
    the location turned into a path and a line by Sphinx's own translator."""
    from sphinx.util.logging import OnceFilter, WarningLogRecordTranslator, is_suppressed_warning

    once = OnceFilter()
    translator = WarningLogRecordTranslator(app)
    suppressed = app.config.suppress_warnings
    result = []
    for record in records:
        subtype = str(getattr(record, "subtype", "") or "")
        if is_suppressed_warning("specs", subtype, suppressed) or not once.filter(record):
            continue
        shown = copy.copy(record)
        translator.filter(shown)  # type: ignore[arg-type]
        file, line = _split_location(getattr(shown, "location", None))
        result.append(Finding(file, line, subtype, str(record.msg)))
    return result


def run_dummy_build(source: Path, conf_dir: Path, jobs: int) -> list[Finding]:
    """Read the project with Sphinx's dummy builder; return the specs warnings it gave."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if not source.is_dir():
        raise CliError(f"{source} is not a folder")
    if not (conf_dir / "conf.py").is_file():
        raise CliError(no_conf(conf_dir))
    with (
        tempfile.TemporaryDirectory() as tmp,
        patch_docutils(conf_dir),
        docutils_namespace(),
        _collecting() as collector,
    ):
        try:
            app = Sphinx(
                str(source),
                str(conf_dir),
                str(Path(tmp) / "out"),
                str(Path(tmp) / "doctrees"),
                "dummy",
                status=None,
                warning=io.StringIO(),  # the text is not read: the records are
                freshenv=True,
                parallel=jobs,
            )
            try:
                app.build()
            except UnicodeDecodeError as exc:  # Sphinx reads every page as UTF-8 and stops
                page = app.env.doc2path(app.env.docname) if app.env.docname else source
                raise CliError(
                    f"{page}: not UTF-8 (byte 0x{exc.object[exc.start]:02x}): save it as "
                    "UTF-8, or add it to exclude_patterns"
                ) from exc
            except SphinxError as exc:
                # a parallel read (-j) wraps a page's UnicodeDecodeError: the page is found here
                bad = _not_utf8(app) if "UnicodeDecodeError" in str(exc) else None
                if bad is not None:
                    raise CliError(
                        f"{bad}: not UTF-8: save it as UTF-8, or add it to exclude_patterns"
                    ) from exc
                raise
        except SphinxError as exc:
            raise CliError(f"Sphinx could not read {source}: {one_line(exc)}") from exc
        return findings_of(app, collector.records)


def _not_utf8(app: Sphinx) -> str | None:
    """The first page the build reads (its exclude_patterns and source_suffix applied) that is
    not UTF-8 text, as Sphinx reads every page."""
    for docname in sorted(app.env.found_docs):
        path = app.env.doc2path(docname)
        try:
            Path(path).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            return str(path)
        except OSError:
            continue
    return None


def _relative(file: str | None) -> str:
    if file is None:
        return "(project)"
    with contextlib.suppress(ValueError):  # another drive on Windows
        return os.path.relpath(file)
    return file


def _github_annotation(finding: Finding, file: str | None) -> str:
    """A GitHub Actions ``::warning`` command: no ``file`` for a finding of the whole project,
    and each value escaped as the runner reads it (``%``, CR and LF everywhere; ``,`` and
    ``:`` in a property too, which would end it)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(",", "%2C").replace(":", "%3A")

    where = [f"file={prop(file)}"] if file is not None else []
    if file is not None and finding.line:
        where.append(f"line={finding.line}")
    where.append(f"title={prop(f'specs.{finding.subtype}')}")
    return f"::warning {','.join(where)}::{data(finding.message)}"


def cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    source = Path(args.sourcedir).resolve()
    conf_dir = Path(args.conf_dir).resolve() if args.conf_dir else source
    findings: dict[str, list[Finding]] = {}
    for finding in run_dummy_build(source, conf_dir, args.jobs):
        findings.setdefault(_relative(finding.file), []).append(finding)
    count = sum(len(v) for v in findings.values())
    subtypes = Counter(f.subtype for v in findings.values() for f in v)
    for file in sorted(findings):
        entries = sorted(findings[file], key=lambda f: (f.line or 0, f.subtype, f.message))
        if args.format == "github":
            for f in entries:
                print(_github_annotation(f, file if f.file is not None else None), file=out)
            continue
        print(file, file=out)
        for f in entries:
            print(f"  {f.line or '-':>5}  specs.{f.subtype:<12} {f.message}", file=out)
    if count:
        detail = ", ".join(f"{name}: {n}" for name, n in sorted(subtypes.items()))
        print(
            f"{count} specs warning{'s' * (count != 1)} in {len(findings)} file"
            f"{'s' * (len(findings) != 1)} ({detail})",
            file=out,
        )
        return 1
    print("no specs warnings", file=out)
    return 0
