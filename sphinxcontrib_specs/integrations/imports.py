"""``specs_import``: other projects' specs, read from their ``specs.json``, beside the local ones.

Organisations keep specs in many repositories. Each entry of ``specs_import`` names another
project's ``specs.json`` (a path, relative to the conf dir, or an http(s) URL) and where its pages
live (``base_url``)::

    specs_import = {"platform": {"source": "https://docs.example.com/platform/specs.json",
                                 "base_url": "https://docs.example.com/platform/"}}

Every source is read once per build, before the documents are read (``env-before-read-docs``),
with :func:`.core.specsjson.parse_records`, the loader the command line uses too. The records are
marked ``external`` (the import's name), get absolute URLs, and are kept in the domain's data, so
they are pickled with the environment: that copy is what the next build falls back to when the
source cannot be read. The index takes them after the local specs (a local spec keeps its ID).

Nothing is re-read when an import changes: a page shows imported specs only through the index at
write time, so the render ledger (:mod:`..output.ledger`) sees the pages whose cards, links and
reports changed and Sphinx writes exactly those again.

The value is registered here and not in :class:`.config.SpecsConfig`, whose field names are the
values' names without ``specs_``: ``import`` is a Python keyword.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..core.frozen import frozen
from ..core.lazyre import lazy_compile
from ..core.model import split_target
from ..core.specsjson import parse_records
from ..read.domain import get_domain
from ..warnings_ import SpecsWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import SpecRecord

#: Seconds to wait for a URL source before giving up on it (an entry's ``timeout`` overrides).
DEFAULT_TIMEOUT = 10.0
_URL = lazy_compile(r"^https?://", re.IGNORECASE)
_KEYS = ("source", "base_url", "prefix", "timeout")
IMPORT_HELP = "Other projects' specs.json: name -> {source, base_url, prefix, timeout}."


@frozen
class ImportSource:
    """One entry of ``specs_import``, checked."""

    name: str
    source: str
    base_url: str
    prefix: str
    timeout: float

    @property
    def is_url(self) -> bool:
        return bool(_URL.match(self.source))


def parse_imports(value: object) -> tuple[list[ImportSource], list[str]]:
    """The entries of ``specs_import`` in their order, and a message per entry left out."""
    if not isinstance(value, dict):
        return [], [f"specs_import must be a dict of name -> {{'source': ...}}, not {value!r}"]
    result: list[ImportSource] = []
    problems: list[str] = []
    for name, entry in value.items():
        if not isinstance(name, str) or not isinstance(entry, dict):
            problems.append(f"specs_import {name!r}: the value must be a dict with a 'source'")
            continue
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            problems.append(f"specs_import {name!r} needs a 'source': a path or an http(s) URL")
            continue
        unknown = sorted(set(entry) - set(_KEYS))
        if unknown:
            problems.append(
                f"specs_import {name!r}: unknown key(s) {', '.join(map(str, unknown))}; "
                f"known: {', '.join(_KEYS)}"
            )
        base_url = entry.get("base_url")
        if base_url is None:
            # A URL's own folder is where its pages are, in the usual case.
            base_url = urljoin(source, ".") if _URL.match(source) else ""
        prefix = entry.get("prefix", "")
        timeout = entry.get("timeout", DEFAULT_TIMEOUT)
        if not isinstance(base_url, str):
            problems.append(f"specs_import {name!r}: 'base_url' must be a string")
            base_url = ""
        if not isinstance(prefix, str) or "." in prefix or prefix != prefix.strip():
            problems.append(f"specs_import {name!r}: 'prefix' must be a string without '.'")
            prefix = ""
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
            problems.append(f"specs_import {name!r}: 'timeout' must be a positive number")
            timeout = DEFAULT_TIMEOUT
        result.append(ImportSource(name, source.strip(), base_url, prefix, float(timeout)))
    return result, problems


def fetch(entry: ImportSource, confdir: Path) -> object:
    """The parsed JSON of a source; raises ``OSError`` (missing file, HTTP error, timeout,
    refused connection) or ``ValueError`` (not UTF-8 JSON)."""
    if entry.is_url:
        import urllib.request  # only for an import from a URL

        request = urllib.request.Request(entry.source, headers={"User-Agent": "sphinx-specs"})
        with urllib.request.urlopen(request, timeout=entry.timeout) as response:
            data: bytes = response.read()
    else:
        data = (confdir / entry.source).read_bytes()
    return json.loads(data.decode("utf-8"))


def imported_specs(entry: ImportSource, data: object) -> tuple[list[SpecRecord], list[str]]:
    """The records of a source, marked external, prefixed, linked to their own site; and a
    message per spec whose own or items' URLs were dropped as unsafe (:func:`page_url`)."""
    specs = parse_records(data)
    own = {spec.id for spec in specs}
    problems: list[str] = []

    def rename(target: str) -> str:
        return entry.prefix + target if split_target(target)[0] in own else target

    result: list[SpecRecord] = []
    for spec in specs:
        unsafe: list[str] = []
        url = _absolute(entry, spec.url, unsafe)
        items = {
            item_id: replace(
                item,
                covers=[rename(t) for t in item.covers],
                url=_absolute(entry, item.url, unsafe),
            )
            for item_id, item in spec.items.items()
        }
        imported = replace(
            spec,
            id=entry.prefix + spec.id,
            external=entry.name,
            docname="",
            supersedes=[rename(t) for t in spec.supersedes],
            depends_on=[rename(t) for t in spec.depends_on],
            related=[rename(t) for t in spec.related],
            url=url,
            items=items,
        )
        result.append(imported)
        if unsafe:
            problems.append(
                f"specs_import {entry.name!r}: spec {imported.id} has a URL that is not http(s) "
                f"({', '.join(repr(url) for url in unsafe)}); it is shown unlinked"
            )
    return result, problems


def page_url(url: str) -> bool:
    """True for a URL an imported spec may link to: http(s), or relative (a ``base_url`` that is
    relative itself gives relative URLs). No ``javascript:``, ``data:`` or other scheme, and no
    white space or control characters, which browsers drop before they read the scheme."""
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        return False
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return scheme in ("", "http", "https")


def _absolute(entry: ImportSource, url: str, unsafe: list[str]) -> str:
    """A URL of the imported ``specs.json`` (relative to its own site) made absolute; empty,
    and added to ``unsafe``, when the result is no page URL (:func:`page_url`)."""
    if not url:
        return ""
    if not entry.base_url:
        joined = url if _URL.match(url) else ""
    else:
        joined = urljoin(entry.base_url, url)
    if not page_url(url) or not page_url(joined):
        unsafe.append(url)
        return ""
    return joined


def read_imports(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read every source once per build; a source that cannot be read keeps its last copy."""
    domain = get_domain(env)
    entries, _ = parse_imports(getattr(app.config, "specs_import", {}))
    previous = domain.imports
    imports: dict[str, dict[str, Any]] = {}
    for entry in entries:
        try:
            specs, problems = imported_specs(entry, fetch(entry, Path(app.confdir)))
        except (OSError, ValueError) as exc:
            cached = previous.get(entry.name)
            if cached is not None and cached.get("source") == entry.source:
                imports[entry.name] = cached
                fallback = f"using the copy from the last build ({len(cached['specs'])} specs)"
            else:
                fallback = "its specs are left out (no copy from an earlier build)"
            warn(
                SpecsWarning.IMPORT,
                f"specs_import {entry.name!r}: cannot read {entry.source}: {_reason(exc)}; "
                f"{fallback}",
            )
            continue
        imports[entry.name] = {"source": entry.source, "specs": specs}
        for problem in problems:
            warn(SpecsWarning.IMPORT, problem)
    domain.set_imports(imports)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    if reason is not None and not str(exc).startswith("HTTP"):
        return str(reason)
    return str(exc) or type(exc).__name__


def check_imports(app: Sphinx, env: BuildEnvironment) -> None:
    """An imported spec whose ID is taken is left out: say so, at the local spec."""
    index = get_domain(env).index
    for spec in index.shadowed:
        owner = index.specs[spec.id]
        if owner.external:
            where = f"the import {owner.external!r}"
            location = None
        else:
            path = Path(env.doc2path(owner.docname, False)).as_posix()
            where = f"{path}, line {owner.lineno}"
            location = (owner.docname, owner.lineno)
        warn(
            SpecsWarning.IMPORT,
            f"spec ID {spec.id} of the import {spec.external!r} is also defined in {where}; "
            f"the imported spec is left out (give the import a 'prefix')",
            location=location,
        )


def _check_config(app: Sphinx, config: Any) -> None:
    for problem in parse_imports(getattr(config, "specs_import", {}))[1]:
        warn(SpecsWarning.CONFIG, problem)


def setup_imports(app: Sphinx) -> None:
    app.add_config_value(
        "specs_import",
        {},
        "env",
        types=(dict,),
        description=IMPORT_HELP,
    )
    app.connect("config-inited", _check_config)
    app.connect("env-before-read-docs", read_imports)
    app.connect("env-check-consistency", check_imports)
