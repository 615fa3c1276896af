"""Hypothesis keeps its example database and caches outside the repository (tests/conftest.py), so
running the tests leaves no ``.hypothesis/`` folder in the work tree."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings
from hypothesis.configuration import storage_directory
from hypothesis.database import DirectoryBasedExampleDatabase

from conftest import REPO


def _in_repo(path: str | Path) -> bool:
    return Path(path).resolve().is_relative_to(REPO.resolve())


def test_the_loaded_profile_keeps_the_database_outside_the_repository():
    database = settings().database
    assert isinstance(database, DirectoryBasedExampleDatabase)
    assert not _in_repo(database.path), database.path


def test_hypothesis_caches_are_outside_the_repository():
    """Constants read from the source and Unicode tables go to Hypothesis's home folder, not to
    the database: that folder is outside the repository too."""
    cache = storage_directory("constants")
    path = getattr(cache, "path", cache)  # a Path before Hypothesis 6.131
    assert not _in_repo(path), path
