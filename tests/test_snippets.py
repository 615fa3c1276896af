"""Every example in docs/snippets/ (MyST and reStructuredText, the same files the docs include)
built in a real Sphinx project, compared with readable snapshot files.

For each snippet ``NAME`` (``docs/snippets/myst/NAME.md`` and ``docs/snippets/rst/NAME.rst``):

- ``tests/snapshots/snippets/NAME.xml``: the resolved doctree as pseudo-XML;
- ``tests/snapshots/snippets/NAME.html``: the page's ``div.body``, prettified by BeautifulSoup;
- the MyST and the reStructuredText snippet give the same resolved doctree and the same HTML
  (source names and lines normalised away).

The snapshots are of one set of versions (Sphinx, docutils and myst-parser, to the minor version,
written to ``tests/snapshots/snippets/VERSIONS``): other versions print doctrees and HTML a little
differently, so there the snapshot comparisons are skipped, and the rest runs.

Each syntax is one project: a page per snippet (so specs in one snippet may name another's), with
the docs' own settings (``docs/conf.py``: templates, fields, item kinds, MyST extensions).

Rewrite the snapshots after an intended change of the output, then review the diff::

    SPECS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snippets.py
"""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SNIPPETS = REPO / "docs" / "snippets"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "snippets"
NAMES = sorted(path.stem for path in (SNIPPETS / "myst").glob("*.md"))
SYNTAXES = {"myst": ".md", "rst": ".rst"}
UPDATE = os.environ.get("SPECS_UPDATE_SNAPSHOTS") == "1"
VERSIONS = SNAPSHOTS / "VERSIONS"
#: The docs' settings that the snippets rely on.
DOCS_SETTINGS = (
    "myst_enable_extensions",
    "specs_templates",
    "specs_default_repo",
    "specs_fields",
    "specs_item_kinds",
)


def docs_settings() -> dict[str, Any]:
    values = runpy.run_path(str(REPO / "docs" / "conf.py"))
    return {name: values[name] for name in DOCS_SETTINGS if name in values}


def make_project(root: Path, syntax: str) -> Path:
    suffix = SYNTAXES[syntax]
    root.mkdir(parents=True)
    settings = docs_settings()
    (root / "conf.py").write_text(
        'project = "Snippets"\n'
        'extensions = ["myst_parser", "sphinxcontrib_specs"]\n'
        'exclude_patterns = ["_build"]\n'
        + "".join(f"{name} = {value!r}\n" for name, value in settings.items()),
        encoding="utf-8",
    )
    toctree = "\n".join(NAMES)
    if syntax == "myst":
        index = f"# Snippets\n\n```{{toctree}}\n{toctree}\n```\n"
    else:
        index = "Snippets\n========\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in NAMES)
    (root / f"index{suffix}").write_text(index, encoding="utf-8")
    for name in NAMES:
        # a page title, as the docs page that includes the snippet has
        # (three lines in both syntaxes, so the snippet's lines are the same in both)
        title = f"# {name}\n\n\n" if syntax == "myst" else f"{name}\n{'=' * len(name)}\n\n"
        text = (SNIPPETS / syntax / f"{name}{suffix}").read_text(encoding="utf-8")
        (root / f"{name}{suffix}").write_text(title + text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    base = tmp_path_factory.mktemp("snippets")
    return {syntax: build(make_project(base / syntax, syntax)) for syntax in SYNTAXES}


def resolved_xml(app: SphinxTestApp, name: str) -> str:
    """The resolved doctree of page ``name`` as pseudo-XML, without source file names."""
    doctree = app.env.get_and_resolve_doctree(name, app.builder)
    text = re.sub(r' source="[^"]*"', "", doctree.pformat())
    return without_tasklist_classes(re.sub(r"^<document[^>]*>", "<document>", text))


def without_tasklist_classes(text: str) -> str:
    """MyST's ``tasklist`` and the ``[x]`` text both become our checkbox node; the classes MyST
    puts on the list and its items (``contains-task-list``, ``task-list-item``) are not ours,
    and not in reStructuredText, so they are dropped from the snapshots and comparisons."""
    mark = "(?:contains-task-list|task-list-item)"
    text = re.sub(rf' class(?:es)?="{mark}"', "", text)
    text = re.sub(rf'(?<=class=")({mark}) |(?<=classes=")({mark}) ', "", text)
    return re.sub(rf" {mark}(?=\")", "", text)


def body_html(app: SphinxTestApp, name: str) -> str:
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("div.body")
    assert body is not None
    return without_tasklist_classes(body.prettify())


def versions() -> str:
    """The versions that shape the output, to the minor version: one ``name x.y`` a line."""
    import docutils
    import myst_parser
    import sphinx

    pairs = [
        ("Sphinx", sphinx.__version__),
        ("docutils", docutils.__version__),
        ("myst-parser", myst_parser.__version__),
    ]
    return "".join(f"{name} {'.'.join(v.split('.')[:2])}\n" for name, v in pairs)


def check_snapshot(path: Path, actual: str) -> None:
    if UPDATE:
        VERSIONS.parent.mkdir(parents=True, exist_ok=True)
        VERSIONS.write_text(versions(), encoding="utf-8")
    elif VERSIONS.exists() and VERSIONS.read_text(encoding="utf-8") != versions():
        recorded = VERSIONS.read_text(encoding="utf-8").replace("\n", ", ").strip(", ")
        pytest.skip(f"the snapshots are of {recorded}, not of these versions")
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path.name} was missing and is now written: review and commit it")
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.relative_to(REPO)} differs; if the change is intended: "
        "SPECS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snippets.py"
    )


def test_every_snippet_has_both_syntaxes():
    assert NAMES, "no snippets found"
    assert sorted(path.stem for path in (SNIPPETS / "rst").glob("*.rst")) == NAMES


@pytest.mark.parametrize("syntax", sorted(SYNTAXES))
def test_snippets_build_without_warnings(apps, syntax):
    assert warnings_of(apps[syntax]) == []


@pytest.mark.parametrize("name", NAMES)
def test_resolved_doctree_snapshot(apps, name):
    check_snapshot(SNAPSHOTS / f"{name}.xml", resolved_xml(apps["myst"], name))


@pytest.mark.parametrize("name", NAMES)
def test_html_snapshot(apps, name):
    check_snapshot(SNAPSHOTS / f"{name}.html", body_html(apps["myst"], name))


@pytest.mark.parametrize("name", NAMES)
def test_myst_and_rst_give_the_same_doctree_and_html(apps, name):
    assert resolved_xml(apps["rst"], name) == resolved_xml(apps["myst"], name)
    assert body_html(apps["rst"], name) == body_html(apps["myst"], name)
