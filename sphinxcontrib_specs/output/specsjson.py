"""``specs.json`` in the output folder of every build (``specs_json = False`` turns it off).

The shape is :mod:`.core.specsjson`'s; this module only knows how a builder links a page.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.jsontext import dumps_reusing
from ..core.specsjson import add_history, add_suspects, dump
from ..read.domain import get_domain
from .ledger import replace_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
    data = dump(domain.index, app.config.project, url_of)
    add_history(data, domain.history)
    if domain.history:
        add_suspects(data, domain.suspects)
    made_path = Path(app.doctreedir) / MADE
    previous = _read_made(made_path)
    content, made = dumps_reusing(data, previous)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    if made != previous:
        _write_made(made_path, made)


#: The file, in the doctree folder, of each spec entry's text as the last build wrote it (its
#: compact JSON -> its indented text, :func:`.jsontext.dumps_reusing`): an incremental build
#: indents only the entries that changed. Any builder's entries serve any other's. A pickle, as
#: Sphinx's own files in that folder are (whoever can write there can write those; JSON took
#: three times as long to read and write); its ``format`` says how the texts were made, and a
#: file of another format, or not ours, is ignored.
MADE = "specs-json-entries.pickle"
_MADE_FORMAT = "sphinx-specs entries 2: indent 2, depth 2, sorted keys, UTF-8 as it is, rows"


def _read_made(path: Path) -> dict[str, str]:
    """The entries the last build wrote; empty when the file is missing, unreadable or not ours."""
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # any damage to a cache only costs its work (as Sphinx treats its own)
        return {}
    if not isinstance(data, dict) or data.get("format") != _MADE_FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write_made(path: Path, made: dict[str, str]) -> None:
    data = {"format": _MADE_FORMAT, "entries": made}
    replace_file(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_specs_json)
