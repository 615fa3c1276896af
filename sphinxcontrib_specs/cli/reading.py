"""``init``'s reading of a folder: each file parsed once, what the study needs of it, then the
count of what the build reads with the configuration ``init`` worked out.

A big folder is read by worker processes (``init -j``; by default one per CPU this process may
use, for 100 files or more). Each worker parses every N-th file, keeps the doctrees, and sends
back only each page's :class:`~.candidates.Candidate` (its entries, sections and checklists,
without the doctree); once the study has decided the configuration, each worker counts its own
pages with the build's recognizer and sends back one outcome a page. Parsing is most of what
``init`` costs, and a doctree costs a third of its parse to send from one process to another:
here none is sent. The results are put back in the files' order, so the summary and the files
written are those of one process, byte for byte. Workers run on Linux only (``fork``, safe
there; elsewhere a worker would import the package again); one that fails leaves the reading to
this process.

The pages kept are kept out of the garbage collector's full collections (``gc.freeze`` after
each page, ``gc.unfreeze`` when the reader is closed): they are no garbage, and walking every
doctree kept so far was more than a third of what a serial ``init`` spent on 2,000 pages. This is
process-wide state, right for ``init``'s own process; a caller that froze objects of its own
finds them unfrozen once the reader is closed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess
    from pathlib import Path

    from ..plain.sources.header import HeaderBlock
    from .candidates import Candidate
    from .pages import FolderPage

#: Fewer files than this are read in this process: starting workers would cost more.
PARALLEL_FROM = 100

#: One page's outcome in the count: ("spec", ID, shape), ("part",), ("unread", why) or None
#: (not selected by the configuration's globs).
Outcome = tuple[str, ...] | None


@dataclass
class Count:
    """What the build will read, counted with its own recognizer."""

    specs: dict[Path, str] = field(default_factory=dict)  # file -> spec ID
    parts: list[Path] = field(default_factory=list)
    unread: dict[Path, str] = field(default_factory=dict)  # selected, not read: why
    #: each file the recognizer read as a spec, in the files' order -> the shape it read
    shape_of: dict[Path, str] = field(default_factory=dict)

    @property
    def shapes(self) -> Counter[str]:
        """How many specs each shape gave (the shapes in the order the files first show them)."""
        counts: Counter[str] = Counter()
        for path, shape in self.shape_of.items():
            counts[shape] += path in self.specs  # a file another has the ID of counts 0
        return +counts

    def unique(self, folder: Path) -> None:
        """A spec ID on two pages: the build keeps the first page's (in its documents' order)
        and warns of the others (``specs.id``), which are then no specs of the count either."""
        owners: dict[str, Path] = {}
        for path in sorted(
            self.specs, key=lambda p: p.relative_to(folder).with_suffix("").as_posix()
        ):
            spec_id = self.specs[path]
            first = owners.setdefault(spec_id, path)
            if first is not path:
                del self.specs[path]
                where = first.relative_to(folder).as_posix()
                self.unread[path] = f"its ID {spec_id} is {where}'s too: IDs must be unique"

    def add(self, path: Path, outcome: Outcome) -> None:
        if outcome is None:
            return
        if outcome[0] == "spec":
            self.specs[path] = outcome[1]
            self.shape_of[path] = outcome[2]
        elif outcome[0] == "part":
            self.parts.append(path)
        else:
            self.unread[path] = outcome[1]


def is_metadata(block: HeaderBlock) -> bool:
    """The study's test of a header block: one of its labels names a field."""
    from .candidates import guess_option

    return any(guess_option(entry.label) for entry in block.entries)


class Shard:
    """Some of a folder's files, read in this process (all of them, or a worker's share)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: each kept page: its index in the folder's list, the page, its spec directive's ID
        self.pages: list[tuple[int, FolderPage, str | None]] = []

    def read(self, files: list[tuple[int, Path]]) -> list[tuple[int, Candidate]]:
        """Parse ``files`` (index in the folder's list, path) and keep the pages; each readable
        one's candidate."""
        from .candidates import read_candidate
        from .pages import read_page

        candidates = []
        for index, path in files:
            page = read_page(path, self.folder, is_metadata)
            if page is not None:
                candidate = read_candidate(page)
                self.pages.append((index, page, candidate.directive))
                candidates.append((index, candidate))
            # the parse's garbage collected (its state machines refer to each other), what is
            # left is kept: out of the collector's sight (see the module docstring)
            gc.collect(1)
            gc.freeze()
        return candidates

    def count(self, values: dict[str, Any]) -> list[tuple[int, Path, Outcome]]:
        """Each kept page's outcome with the configuration ``values``."""
        recognizer = _Recognizer(self.folder, values)
        return [
            (index, page.path, recognizer.outcome(page, directive))
            for index, page, directive in self.pages
        ]


class _Recognizer:
    """The build's recognizer set up with a configuration, outside Sphinx."""

    def __init__(self, folder: Path, values: dict[str, Any]) -> None:
        from sphinx.config import Config
        from sphinx.util.matching import Matcher

        from ..config import config_values, parse_settings
        from ..plain.vocabulary import Vocabulary
        from .pages import path_resolver

        config = Config(dict(values), {})
        for name, default, types, help_text in config_values():
            config.add(name, default, "env", types, help_text)
        self.folder = folder
        self.excluded = Matcher(values.get("exclude_patterns", []))  # what the build leaves out
        self.settings = parse_settings(config)[0]
        self.vocabulary = Vocabulary.of(self.settings, None, path_resolver(folder))

    def outcome(self, page: FolderPage, directive: str | None) -> Outcome:
        """What the build makes of ``page``, whose ``spec`` directive gives ``directive`` (see
        :func:`.pages.directive_spec`; a spec folder's sub-page with no spec of its own is part
        of its spec)."""
        from ..plain.files import is_plain_candidate, part_of_folder_spec
        from ..plain.labels import folder_main
        from ..plain.sources.header import read_header
        from .pages import page_of, recognize_page

        if self.excluded(page.relative):
            return None
        if directive == "":
            return ("unread", "a spec directive without an ID")
        if directive is not None:  # read as written, whatever specs_plain_markdown selects
            return ("spec", directive, "spec directive")
        if not is_plain_candidate(self.settings, page.relative):
            return None
        vocabulary = self.vocabulary
        block = read_header(page.text, page.path.suffix)
        if (block is not None and vocabulary.header_is_metadata(block)) != (
            page.header is not None
        ):
            # the configuration reads this page's header block otherwise than the study did
            page = page_of(page.text, page.path, self.folder, vocabulary.header_is_metadata)
        found = recognize_page(page, vocabulary, self.folder)
        if found is not None and part_of_folder_spec(
            page.path, found.spec_id, self.settings, self.folder, vocabulary.id_format
        ):
            return ("part",)  # named with its folder's number: a page of the folder's spec
        if found is not None and found.spec_id:
            if page.header is not None:
                shape = "header block"
            elif vocabulary.metadata_files and any(
                f.line is not None and f.origin == 1 for f in found.fields
            ):
                shape = "metadata file"
            elif page.front_matter and "specs-front-matter" in found.metadata["classes"]:
                shape = "front matter"
            else:
                shape = _shape_name(found)
            return ("spec", found.spec_id, shape)
        if folder_main(page.path) is not None:
            return ("part",)
        return ("unread", "no ID (no number in its name, no ID field)" if found else "no metadata")


def _shape_name(found: Any) -> str:
    classes = found.metadata.get("classes", [])
    if "specs-front-matter" in classes:
        return "metadata sections" if any(f.origin == 2 for f in found.fields) else "name and H1"
    names = {
        "bullet_list": "field bullets",
        "field_list": "field list",
        "table": "two-column table",
        "paragraph": "label lines",
    }
    return names.get(str(found.metadata.tagname), str(found.metadata.tagname))


def jobs_for(jobs: str, files: int) -> int:
    """The worker processes for ``files`` files: ``jobs`` is a number or ``auto`` (the CPUs
    this process may use, once there are :data:`PARALLEL_FROM` files)."""
    if jobs != "auto":
        return max(1, int(jobs))
    if files < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, files // (PARALLEL_FROM // 2)))


class FolderReader:
    """A folder's files read in this process or by ``jobs`` workers; a context manager that
    stops the workers. :meth:`read` gives the candidates, :meth:`count` the outcomes, both in
    the files' order."""

    def __init__(
        self, folder: Path, jobs: int = 1, say: Callable[[str], object] | None = None
    ) -> None:
        self.folder = folder
        self.jobs = jobs
        self._say = say  # told when the workers fail and this process reads instead
        self._local: Shard | None = None
        self._workers: list[tuple[BaseProcess, Connection]] = []
        self._files: list[tuple[int, Path]] = []

    @property
    def processes(self) -> int:
        """The worker processes reading the folder (0: this process reads it)."""
        return len(self._workers)

    def __enter__(self) -> FolderReader:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(now=exc_type is not None)

    def close(self, *, now: bool = False) -> None:
        """Stop the workers: when they are done, or ``now`` (Ctrl-C, an error)."""
        if self._local is not None:
            gc.unfreeze()  # this process's pages are the collector's again
        for process, conn in self._workers:
            with contextlib.suppress(OSError):
                conn.send(("stop", None))
            conn.close()
            if not now:
                process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        self._workers = []

    def read(self, files: list[Path]) -> list[Candidate]:
        self._files = indexed = list(enumerate(files))
        jobs = min(self.jobs, len(files))
        if jobs > 1 and sys.platform.startswith("linux"):  # fork is safe there
            try:
                return self._read_in_workers(indexed, jobs)
            except (OSError, EOFError, AssertionError, _WorkerFailed) as exc:
                self._fall_back(exc)
        self._local = Shard(self.folder)
        return [c for _, c in self._local.read(indexed)]

    def _fall_back(self, exc: BaseException) -> None:
        self.close(now=True)
        if self._say is not None:
            why = str(exc) or type(exc).__name__
            self._say(f"a worker process failed ({why}); the files are read in this process")

    def count(self, values: dict[str, Any]) -> Count:
        """What the build reads with ``values``."""
        result = Count()
        outcomes = None
        if self._workers:
            try:
                answers = self._ask_all(("count", values))
                outcomes = sorted((o for a in answers for o in a), key=lambda o: o[0])
            except (OSError, EOFError, _WorkerFailed) as exc:
                self._fall_back(exc)
        if outcomes is None:  # read here what the workers could not count
            if self._local is None:
                self._local = Shard(self.folder)
                self._local.read(self._files)
            outcomes = self._local.count(values)
        for _, path, outcome in outcomes:
            result.add(path, outcome)
        result.unique(self.folder)
        return result

    def _read_in_workers(self, indexed: list[tuple[int, Path]], jobs: int) -> list[Candidate]:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        # a forked worker flushes what it inherited of this process's buffers when it ends
        sys.stdout.flush()
        sys.stderr.flush()
        for number in range(jobs):
            mine, theirs = context.Pipe()
            # the worker closes its copies of this process's ends: when this process is gone
            # (killed), its reads and writes then fail and it ends
            ours = [conn for _, conn in self._workers] + [mine]
            share = indexed[number::jobs]
            process = context.Process(
                target=_work, args=(theirs, ours, self.folder, share), daemon=True
            )
            # a Ctrl-C waits until the worker ignores it (see _work): the parent reports it
            # (and comes once the worker is listed here, so that it is stopped with the others)
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                process.start()
                self._workers.append((process, mine))
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            theirs.close()
        read = [c for r in self._answers() for c in r]
        return [c for _, c in sorted(read, key=lambda c: c[0])]

    def _ask_all(self, message: tuple[str, Any]) -> list[Any]:
        for _, conn in self._workers:
            conn.send(message)
        return self._answers()

    def _answers(self) -> list[Any]:
        answers = []
        for _, conn in self._workers:
            kind, value = conn.recv()
            if kind == "error":
                raise _WorkerFailed(value)
            answers.append(value)
        return answers


class _WorkerFailed(Exception):
    pass


def _work(
    conn: Connection, ours: list[Connection], folder: Path, files: list[tuple[int, Path]]
) -> None:
    """A worker: read its files, send their candidates (without doctrees), then answer
    ``count`` requests until told to stop or until the parent has gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for end in ours:
        end.close()
    try:
        shard = Shard(folder)
        conn.send(("ok", [(i, _light(c)) for i, c in shard.read(files)]))
        for kind, value in _requests(conn):
            if kind == "stop":
                break
            conn.send(("ok", shard.count(value)))
    except Exception as exc:  # the parent reads the folder itself then
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    conn.close()


def _requests(conn: Connection) -> Iterator[tuple[str, Any]]:
    while True:
        try:
            yield conn.recv()
        except EOFError:  # the parent has gone
            return


def _light(candidate: Candidate) -> Candidate:
    """``candidate`` without its page's doctree and text: what the study uses of them is read
    already (the count runs where they are)."""
    candidate.page = dataclasses.replace(candidate.page, document=None, text="")
    return candidate
