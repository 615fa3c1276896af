"""``specs.json`` in the output folder of every build (``specs_json = False`` turns it off).

The shape is :mod:`.core.specsjson`'s; this module only knows how a builder links a page.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.jsontext import Made, dumps_reusing
from ..core.specsjson import add_history, add_suspects, document, spec_json
from ..core.verification import targets_of
from ..read.domain import get_domain
from ..stamp import code_stamp
from .ledger import replace_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.index import SpecIndex
    from ..core.model import SpecRecord
    from ..core.specsjson import UrlOf
    from ..core.verification import EvidenceIndex
    from ..read.domain import SpecsDomain


def write_specs_json(app: Sphinx, exception: BaseException | None) -> None:
    domain = get_domain(app.env)
    if exception is not None or not domain.settings.json:
        return
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    builder = app.builder
    # Single-page HTML: every page is a section of the root document's file, so a URL is that
    # file and the anchor alone, as the links in the page are (spec and item anchors are unique
    # on the page); Sphinx's own target URI there is "#document-x", a section, not a file.
    single_page = (
        f"{app.config.root_doc}{builder.out_suffix}"
        if isinstance(builder, SingleFileHTMLBuilder)
        else None
    )

    def url_of(docname: str, anchor: str) -> str | None:
        if builder.format != "html":
            return None
        if single_page is not None:
            return f"{single_page}#{anchor}"
        return f"{builder.get_target_uri(docname)}#{anchor}"

    path = Path(app.outdir) / "specs.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    index = domain.index
    made_path = Path(app.doctreedir) / MADE
    previous, previous_keys = _read_made(made_path)
    where = (builder.name, single_page)
    keys: dict[str, str] = {}
    entries: dict[str, Any] = {}
    for spec in index.ordered():
        key = keys[spec.id] = entry_key(index, spec, where, url_of, domain)
        text = previous_keys.get(key)
        if isinstance(text, str):
            entries[spec.id] = Made(text)
            continue
        entry = entries[spec.id] = spec_json(spec, index, url_of)
        add_history(entry, domain.history.get(spec.id))
        if domain.history:
            add_suspects(spec.id, entry, domain.suspects)
    data = document(app.config.project, entries)
    content, made, texts = dumps_reusing(data, previous)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    used = set(texts.values())
    made.update((compact, text) for compact, text in previous.items() if text in used)
    made_keys = {keys[spec_id]: text for spec_id, text in texts.items()}
    if made != previous or made_keys != previous_keys:
        _write_made(made_path, made, made_keys)


def entry_key(
    index: SpecIndex,
    spec: SpecRecord,
    where: tuple[str, str | None],
    url_of: UrlOf,
    domain: SpecsDomain,
) -> str:
    """A digest of everything the spec's entry is made of: the index's digest of the spec (its
    record, reverse links, ...), its gates, the builder that links its pages, its tests as
    read (their times and files too, which the index's digest leaves out) and code links, and
    its git history and suspect links."""
    history = domain.history.get(spec.id)
    suspects = (
        [domain.suspects.get(f"{spec.id}.{item}") for item in spec.items] if domain.history else []
    )
    evidence = index.evidence
    tests = [_written(evidence, t) for t in targets_of(spec)] if evidence.active else []
    data = (
        index.digest(spec.id),
        index.gates(spec.id),
        where,
        url_of(spec.docname, spec.anchor),
        tests,
        history,
        suspects,
    )
    return hashlib.sha256(repr(data).encode()).hexdigest()


def _written(evidence: EvidenceIndex, target: str) -> tuple[object, ...]:
    """What ``specs.json`` writes of a target's tests and code, as tuples (whose ``repr`` is
    made in C, not by a dataclass's Python ``__repr__``: 20,000 tests make it count)."""
    found = evidence.of(target)
    return (
        [(t.name, t.classname, t.file, t.result, t.message, t.time) for t in found.tests],
        [(m.path, m.line, evidence.url(m)) for m in found.code],
    )


#: The file, in the doctree folder, of each spec entry's text as the last build wrote it, found
#: by :func:`entry_key` (the entry is not made again) or by its compact JSON (it is not indented
#: again, :func:`.jsontext.dumps_reusing`): an incremental build makes only the entries that
#: changed. Any builder's entries serve any other's. A pickle, as
#: Sphinx's own files in that folder are (whoever can write there can write those; JSON took
#: three times as long to read and write); its ``format`` says how the texts were made and by
#: what code (:func:`..stamp.code_stamp`), and a file of another format, or not ours, is ignored.
MADE = "specs-json-entries.pickle"
_MADE_FORMAT = "sphinx-specs entries 3: indent 2, depth 2, sorted keys, UTF-8 as it is, rows"


def _read_made(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The entries the last build wrote, by their compact JSON and by :func:`entry_key`; empty
    when the file is missing, unreadable or not ours."""
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # any damage to a cache only costs its work (as Sphinx treats its own)
        return {}, {}
    if not isinstance(data, dict) or data.get("format") != f"{_MADE_FORMAT}; {code_stamp()}":
        return {}, {}
    entries, keys = data.get("entries"), data.get("keys")
    if not isinstance(entries, dict) or not isinstance(keys, dict):
        return {}, {}
    return entries, keys


def _write_made(path: Path, made: dict[str, str], keys: dict[str, str]) -> None:
    data = {"format": f"{_MADE_FORMAT}; {code_stamp()}", "entries": made, "keys": keys}
    replace_file(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_specs_json)
