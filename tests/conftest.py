"""Shared fixtures: Sphinx test projects under tests/roots, warning parsing, tool checks; Hypothesis
kept out of the repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
#: Where tests leave files to look at (screenshots, a PDF); each suite of scripts/test-compat,
#: which run side by side, names its own (``SPECS_TEST_ARTIFACTS``), so that one never reads
#: the other's half-written screenshot.
ARTIFACTS = Path(os.environ.get("SPECS_TEST_ARTIFACTS") or REPO / "test-artifacts")
#: Hypothesis's folder (its example database, and the caches it keeps beside it: constants read
#: from the source, Unicode tables), which it would otherwise make as .hypothesis/ in the working
#: directory, the repository's root.
HYPOTHESIS_HOME = (
    Path(os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir())
    / "sphinxcontrib-specs-hypothesis"
)
set_hypothesis_home_dir(HYPOTHESIS_HOME)
settings.register_profile(
    "specs", database=DirectoryBasedExampleDatabase(HYPOTHESIS_HOME / "examples")
)
settings.load_profile("specs")

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"^(?:(?P<file>[^\n]*?):(?P<line>\d+)?:? ?)?(?:WARNING|ERROR): (?P<message>.*?)"
    r"(?: \[(?P<type>[\w-]+)\.(?P<subtype>[\w-]+)\])?$"
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@dataclass(frozen=True)
class Warning_:
    file: str
    line: int | None
    message: str
    type: str | None
    subtype: str | None

    @property
    def where(self) -> tuple[str, int | None, str | None]:
        """(file name, line, subtype): what most assertions compare."""
        return Path(self.file).name, self.line, self.subtype


def parse_warnings(text: str) -> list[Warning_]:
    """The warnings Sphinx printed, one per record (continuation lines are dropped)."""
    result = []
    for raw in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(raw.strip())
        if match:
            line = match.group("line")
            result.append(
                Warning_(
                    file=match.group("file") or "",
                    line=int(line) if line else None,
                    message=match.group("message"),
                    type=match.group("type"),
                    subtype=match.group("subtype"),
                )
            )
    return result


def warnings_of(app: SphinxTestApp) -> list[Warning_]:
    return parse_warnings(app.warning.getvalue())


def specs_warnings(app: SphinxTestApp) -> list[Warning_]:
    return [w for w in warnings_of(app) if w.type == "specs"]


def load_json(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "specs.json").read_text(encoding="utf-8"))


def require_tool(*names: str) -> None:
    """Skip (or, with CI=true, fail) when a system tool is missing."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = (
        f"missing {', '.join(missing)}; install with `make tools` (as root) or apt-get "
        "(latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended "
        "tex-gyre poppler-utils graphviz chromium)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {message}")
    pytest.skip(message)


def build(
    srcdir: Path,
    buildername: str = "html",
    *,
    builddir: Path | None = None,
    parallel: int = 0,
    freshenv: bool = False,
    **confoverrides: Any,
) -> SphinxTestApp:
    """Build ``srcdir`` with a real Sphinx application and return it (warnings in ``.warning``).

    Output goes to ``builddir/<buildername>`` (default ``srcdir/_build``), doctrees beside it,
    so a second call on the same folders is an incremental build.
    """
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        confoverrides=confoverrides or None,
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
        freshenv=freshenv,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_root(name: str, dest: Path) -> Path:
    """A writable copy of tests/roots/test-<name> (for tests that edit sources)."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


#: What EPUB3 requires of any project (Sphinx warns without it); nothing of ours.
EPUB_METADATA = {"copyright": "2026, Acme", "version": "1.0"}


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., SphinxTestApp]:
    """``clean_build(root, builder="html")``: a clean test project (``basic``, ``basic-rst``) built
    with ``builder`` once per (root, builder) for the whole session, by whichever test asks first.
    A root's builders share one copy of its sources and one doctree folder."""
    sources: dict[str, Path] = {}
    builds: dict[tuple[str, str], SphinxTestApp] = {}

    def built(root: str, builder: str = "html") -> SphinxTestApp:
        if root not in sources:
            sources[root] = copy_root(root, tmp_path_factory.mktemp(root))
        if (root, builder) not in builds:
            overrides = EPUB_METADATA if builder == "epub" else {}
            builds[root, builder] = build(sources[root], builder, **overrides)
        return builds[root, builder]

    return built


def body_html(path: Path) -> str:
    """The page's main content (between the body div and the sidebar), for comparisons."""
    text = path.read_text(encoding="utf-8")
    start = text.find('<div class="body"')
    end = text.find('<div class="sphinxsidebar"')
    return text[start:end] if start >= 0 else text


def outputs(outdir: Path) -> dict[str, str]:
    """The main content of every page (in folders too), plus specs.json, by path in the output
    folder (for comparing builds)."""
    pages = (p for p in sorted(outdir.rglob("*.html")) if p.relative_to(outdir).parts[0][0] != "_")
    result = {p.relative_to(outdir).as_posix(): body_html(p) for p in pages}
    result["specs.json"] = (outdir / "specs.json").read_text(encoding="utf-8")
    return result


# -- a real headless Chromium (Debian's), for the browser and theme tests -------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        require_tool("chromium")
    from playwright.sync_api import sync_playwright  # a test dependency: never skipped

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def build_docs(out: Path, builder: str = "html", theme: str | None = None) -> Path:
    """Build the docs/ site into ``out`` with ``sphinx-build`` (a fresh process); no specs
    warning allowed. Python's own deprecation notices are not build warnings."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    if theme:
        env["SPECS_DOCS_THEME"] = theme
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-nW",
            "--keep-going",
            "-q",
            "-b",
            builder,
            "-d",
            str(out.parent / f"{out.name}-doctrees"),
            str(REPO / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
    return out


def compile_pdf(outdir: Path, texname: str) -> Path:
    """Run latexmk on a LaTeX build's main file; the PDF (the test fails with LaTeX's log tail)."""
    import subprocess

    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", texname],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return Path(outdir) / Path(texname).with_suffix(".pdf")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m sphinxcontrib_specs ARGS`` in a subprocess, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_specs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def wrong_specs(
    specs: dict[str, Any], expected: dict[str, Any], fields: tuple[str, ...], links: tuple[str, ...]
) -> list[str]:
    """What specs.json's ``specs`` gets wrong against a test folder's ``expected.json``: a spec
    not read, a field or an own link list that differs (a field the reader left null, or a link
    list left empty, is not compared; ``web_links`` always is)."""
    wrong = []
    for spec_id, want in expected["specs"].items():
        got = specs.get(spec_id)
        if got is None:
            wrong.append(f"{spec_id}: not read")
            continue
        for key in fields:
            value = got.get(key, "" if key == "status_note" else None)
            if value and got.get("date_precision", {}).get(key) == "month":
                value = value[:7]  # a month, written as its first day
            if want.get(key) is not None and value != want[key]:
                wrong.append(f"{spec_id}.{key}: {value!r}, expected {want[key]!r}")
        for key in links:
            if want.get(key) and got["links"][key] != want[key]:
                wrong.append(f"{spec_id}.{key}: {got['links'][key]!r}, expected {want[key]!r}")
        # the web pages a link field names instead of a spec, which the card links
        if got.get("web_links", {}) != want.get("web_links", {}):
            wrong.append(
                f"{spec_id}.web_links: {got.get('web_links')!r}, expected {want.get('web_links')!r}"
            )
    return wrong
