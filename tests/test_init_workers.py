"""``sphinx-specs init -j N``: a folder read by worker processes gives the summary and the files
of one process, byte for byte; a worker that fails leaves the reading to ``init``'s own process;
``auto`` (the default) starts workers only for a big folder; a bad ``-j`` is a usage error."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_existing_folders import FOLDERS, ROOTS
from test_init import init

from sphinxcontrib_specs.cli import reading
from sphinxcontrib_specs.cli.init import candidate_files, conf_values
from sphinxcontrib_specs.cli.study import study


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


def _read(folder: Path, jobs: int, say=None) -> tuple[list, reading.Count, int]:
    """The candidates (as the study sees them), the count and the workers, as init makes them."""
    with reading.FolderReader(folder, jobs, say) as reader:
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


def _fails_reading(conn, ours, folder, files):
    conn.send(("error", "ValueError: planted"))
    conn.close()


def _fails_counting(conn, ours, folder, files):
    shard = reading.Shard(folder)
    conn.send(("ok", [(i, reading._light(c)) for i, c in shard.read(files)]))
    conn.recv()
    conn.send(("error", "ValueError: planted"))
    conn.close()


def _dies_reading(conn, ours, folder, files):
    os._exit(3)


def _killed_counting(conn, ours, folder, files):
    for end in ours:
        end.close()
    shard = reading.Shard(folder)
    conn.send(("ok", [(i, reading._light(c)) for i, c in shard.read(files)]))
    conn.recv()
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(
    "worker", [_fails_reading, _fails_counting, _dies_reading, _killed_counting]
)
def test_a_failing_worker_leaves_the_reading_to_this_process(monkeypatch, worker):
    folder = ROOTS / "test-folder-header"
    serial = _read(folder, 1)
    said = []
    monkeypatch.setattr(reading, "_work", worker)
    fallen_back = _read(folder, 2, said.append)
    assert fallen_back[0] == serial[0] and fallen_back[1] == serial[1]
    assert fallen_back[2] == 0  # the workers are stopped
    assert len(said) == 1 and said[0].startswith("a worker process failed (")
    assert said[0].endswith("); the files are read in this process")


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


# A slow init: each page's read waits, so that a signal lands while the workers read.
_SLOW_INIT = """
import os, signal, sys, time
# as started from a terminal: a suite run in the background (test-compat's two) starts its
# processes with SIGINT ignored, and Python then leaves it so
signal.signal(signal.SIGINT, signal.default_int_handler)
from sphinxcontrib_specs.cli import main, reading
read = reading.Shard.read
def slow(self, files):
    os.write(1, b"reading\\n")  # one write: the two workers' lines do not mix
    time.sleep(60)
    return read(self, files)
reading.Shard.read = slow
sys.exit(main(["init", "-j", "2", sys.argv[1]]))
"""

# A reader whose own process is killed once the workers have read: they must not outlive it.
_KILLED_PARENT = """
import os, signal, sys
from pathlib import Path
from sphinxcontrib_specs.cli import reading
from sphinxcontrib_specs.cli.init import candidate_files
folder = Path(sys.argv[1])
reader = reading.FolderReader(folder, 2)
reader.read(candidate_files(folder))
print(" ".join(str(p.pid) for p, _ in reader._workers), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pids: list[int]) -> list[int]:
    """Those of ``pids`` that are still running (not gone, not a zombie left to be reaped)."""
    alive = []
    for pid in pids:
        with contextlib.suppress(OSError):
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                alive.append(pid)
    return alive


def _wait_until_gone(pids: list[int], seconds: float = 15) -> list[int]:
    deadline = time.monotonic() + seconds
    while _running(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _running(pids)


def _group(pgid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers run on Linux")
def test_ctrl_c_while_the_workers_read_stops_everything_at_once(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: the workers ignore it, init says
    it was interrupted (exit 130, no traceback) and kills them without waiting for them."""
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_INIT, str(ROOTS / "test-folder-header")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout.readline() == "reading\n"  # both workers read
    assert process.stdout.readline() == "reading\n"
    workers = [p for p in _group(process.pid) if p != process.pid]
    os.killpg(process.pid, signal.SIGINT)
    started = time.monotonic()
    err = process.communicate(timeout=30)[1]
    assert time.monotonic() - started < 10  # not the workers' 60 s
    assert process.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert workers and _wait_until_gone(workers) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers run on Linux")
def test_the_workers_end_when_init_is_killed():
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_PARENT, str(ROOTS / "test-folder-header")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL
    workers = [int(p) for p in result.stdout.split()]
    assert len(workers) == 2
    assert _wait_until_gone(workers) == []


def test_the_pages_kept_are_out_of_the_collectors_sight_until_the_reader_closes():
    import gc

    assert gc.get_freeze_count() == 0
    folder = ROOTS / "test-folder-header"
    with reading.FolderReader(folder, 1) as reader:
        reader.read(candidate_files(folder))
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
