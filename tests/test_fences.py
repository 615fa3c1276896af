"""A spec or report written in a colon fence while MyST's colon_fence extension is off: MyST
reads it as a paragraph, and one specs.config warning per page says so, at the fence's line."""

from __future__ import annotations

from pathlib import Path

from conftest import build, copy_root, load_json, warnings_of


def test_a_colon_fence_read_as_text_is_named_once_per_page(tmp_path):
    app = build(copy_root("fences-off", tmp_path))
    assert [w.where for w in warnings_of(app)] == [
        ("backups.md", 3, "config"),
        ("index.md", 12, "config"),
        ("joined.md", 4, "config"),  # under a line of text: that line's paragraph, its own line
    ]
    message = warnings_of(app)[0].message
    assert message.startswith("':::{spec}' is text here, not a directive")
    assert 'add "colon_fence" to myst_enable_extensions' in message
    assert "(```{spec})" in message
    # what the warning is about: no spec was read, the fence is a paragraph on the page
    assert load_json(app)["specs"] == {}
    assert "<p>:::{spec} SPEC-0042" in (Path(app.outdir) / "backups.html").read_text("utf-8")


def test_with_colon_fence_on_the_same_pages_say_nothing(tmp_path):
    src = copy_root("fences-off", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('["tasklist"]', '["colon_fence", "tasklist"]'))
    app = build(src)
    assert warnings_of(app) == []
    assert list(load_json(app)["specs"]) == ["SPEC-0042", "SPEC-0043"]
