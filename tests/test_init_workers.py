"""``sphinx-specs init -j N``: a folder read by worker processes gives the summary and the files
of one process, byte for byte; a worker that fails leaves the reading to ``init``'s own process;
``auto`` (the default) starts workers only for a big folder; a bad ``-j`` is a usage error."""

from __future__ import annotations

import contextlib
import os
import shutil
from typing import TYPE_CHECKING

import pytest
from test_existing_folders import FOLDERS, ROOTS
from test_init import init

from sphinxcontrib_specs.cli import reading
from sphinxcontrib_specs.cli.init import candidate_files, conf_values
from sphinxcontrib_specs.cli.study import study

if TYPE_CHECKING:
    from pathlib import Path


def _written(*folders: Path | None) -> dict[str, str]:
    return {
        f"{folder.name}/{name}": (folder / name).read_text(encoding="utf-8")
        for folder in folders
        if folder is not None
        for name in ("conf.py", "index.md", "specs-index.md")
        if (folder / name).is_file()
    }


@pytest.mark.parametrize("name", FOLDERS)
def test_workers_write_what_one_process_writes(tmp_path, name):
    seen = {}
    for jobs in ("1", "3"):
        src = tmp_path / f"j{jobs}" / name
        shutil.copytree(ROOTS / f"test-folder-{name}", src)
        conf_dir = src.parent / "conf" if (src / "conf.py").exists() else None
        result = init("-j", jobs, str(src), *(["--out", str(conf_dir)] if conf_dir else []))
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr == ""
        here = str(src.parent)
        written = {k: v.replace(here, "TMP") for k, v in _written(src, conf_dir).items()}
        seen[jobs] = (result.stdout.replace(here, "TMP"), written)
    assert seen["3"] == seen["1"]
    assert seen["1"][1]  # conf.py at the least


def _read(folder: Path, jobs: int) -> tuple[list, reading.Count, int]:
    """The candidates (as the study sees them), the count and the workers, as init makes them."""
    with reading.FolderReader(folder, jobs) as reader:
        candidates = reader.read(candidate_files(folder))
        seen = [(c.page.relative, c.number, c.h1, c.entries, c.headings) for c in candidates]
        values = conf_values(study(folder, candidates), folder)
        return seen, reader.count(values), reader.processes


def test_the_workers_send_candidates_and_counts_in_the_files_order():
    folder = ROOTS / "test-folder-header"
    serial = _read(folder, 1)
    parallel = _read(folder, 3)
    assert serial[2] == 0 and parallel[2] == 3
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1]
    assert list(parallel[1].specs) == list(serial[1].specs)  # the same order
    assert len(serial[1].specs) == 13


def _fails_reading(conn, folder, files):
    conn.send(("error", "ValueError: planted"))
    conn.close()


def _fails_counting(conn, folder, files):
    shard = reading.Shard(folder)
    conn.send(("ok", [(i, reading._light(c)) for i, c in shard.read(files)]))
    conn.recv()
    conn.send(("error", "ValueError: planted"))
    conn.close()


@pytest.mark.parametrize("worker", [_fails_reading, _fails_counting])
def test_a_failing_worker_leaves_the_reading_to_this_process(monkeypatch, worker):
    folder = ROOTS / "test-folder-header"
    serial = _read(folder, 1)
    monkeypatch.setattr(reading, "_work", worker)
    fallen_back = _read(folder, 2)
    assert fallen_back[0] == serial[0] and fallen_back[1] == serial[1]
    assert fallen_back[2] == 0  # the workers are stopped


def test_auto_starts_workers_for_a_big_folder_only(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    assert reading.jobs_for("auto", 99) == 1
    assert reading.jobs_for("auto", 100) == 2  # 50 files a worker at the least
    assert reading.jobs_for("auto", 2000) == 4  # one a CPU
    assert reading.jobs_for("3", 5) == 3  # asked for


def test_a_bad_jobs_value_is_a_usage_error(tmp_path):
    result = init("-j", "0", str(tmp_path))
    assert result.returncode == 2
    assert "'0': a number of processes (1 or more) or auto" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_the_workers_at_once(tmp_path, monkeypatch):
    """The workers ignore SIGINT (the parent reports it); leaving the reader on an error kills
    them without waiting for their reading to end."""
    folder = ROOTS / "test-folder-header"
    with contextlib.suppress(KeyboardInterrupt):
        with reading.FolderReader(folder, 2) as reader:
            reader.read(candidate_files(folder))
            workers = [p for p, _ in reader._workers]
            assert all(p.is_alive() for p in workers)
            raise KeyboardInterrupt
    assert workers and not any(p.is_alive() for p in workers)


def test_the_pages_kept_are_out_of_the_collectors_sight_until_the_reader_closes():
    import gc

    assert gc.get_freeze_count() == 0
    folder = ROOTS / "test-folder-header"
    with reading.FolderReader(folder, 1) as reader:
        reader.read(candidate_files(folder))
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
