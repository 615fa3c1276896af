"""What is alive once the environment is loaded is out of the collector's full collections until
the build ends (sphinxcontrib_specs/gcfreeze.py): frozen while pages are read and written,
unfrozen at build-finished, and a process's own frozen objects left as they are."""

from __future__ import annotations

import gc
from io import StringIO

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import copy_root


def _build_seeing_the_freeze(srcdir, **kwargs):
    """Build ``srcdir``, noting the frozen count once the pages are read and when writing."""
    seen: dict[str, int] = {}

    def note(when: str) -> None:
        seen.setdefault(when, gc.get_freeze_count())

    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)
    app.connect("env-updated", lambda app, env: note("read"))
    app.connect("build-finished", lambda app, exc: note("end"))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, seen


@pytest.fixture
def no_freeze():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_loaded_environment_is_frozen_during_the_build_and_unfrozen_after(tmp_path, no_freeze):
    src = copy_root("basic", tmp_path)
    _, seen = _build_seeing_the_freeze(src)
    assert seen["read"] > 10_000  # modules, configuration and environment at the least
    assert seen["end"] > 10_000  # still frozen for build-finished's other handlers
    assert gc.get_freeze_count() == 0
    # an incremental build freezes the environment it loaded
    (src / "index.md").write_text((src / "index.md").read_text() + "\nMore.\n")
    again, seen = _build_seeing_the_freeze(src)
    assert seen["read"] > 10_000 and gc.get_freeze_count() == 0
    assert (again.outdir / "index.html").read_text().count("More.") == 1


def test_a_process_that_froze_its_own_objects_keeps_them_frozen(tmp_path, no_freeze):
    gc.freeze()
    before = gc.get_freeze_count()
    _, seen = _build_seeing_the_freeze(copy_root("basic", tmp_path))
    # nothing of the build frozen (a frozen object freed by its last reference leaves the count)
    assert seen["read"] <= before
    assert 0.9 * before < gc.get_freeze_count() <= before  # and nothing of the process's unfrozen


def test_a_failed_build_unfreezes_too(tmp_path, no_freeze):
    src = copy_root("basic", tmp_path)
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())

    def fail(app, env):
        assert gc.get_freeze_count() > 0
        raise RuntimeError("a handler fails")

    app.connect("env-updated", fail)
    with pytest.raises(Exception, match="a handler fails"):
        app.build()
    app.cleanup()
    assert gc.get_freeze_count() == 0
