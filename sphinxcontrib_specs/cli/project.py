"""The project's configuration for the command line: ``conf.py`` read by Sphinx's own ``Config``.

Every command takes ``--conf-dir DIR`` (like ``sphinx-build -c``); the ``specs_*`` values of that
``conf.py`` are registered with their defaults and parsed by the same
:func:`~sphinxcontrib_specs.config.parse_settings` the build uses, so ``specs_templates``,
``specs_fields``, ``specs_id_pattern`` and ``specs_plain_id`` mean the same on both sides.
Sphinx is imported here only when a command needs the project.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CliError, one_line

if TYPE_CHECKING:
    from ..config import Settings


def find_conf_dir(start: Path) -> Path | None:
    """The folder of the ``conf.py`` that governs ``start`` (itself or a parent), or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None


def conf_dir_of(option: str | None, start: Path) -> Path | None:
    """The folder of ``conf.py``: ``--conf-dir`` when given (it must hold a ``conf.py``), else
    the first folder from ``start`` upward that holds one, else None (the defaults apply)."""
    if option is None:
        return find_conf_dir(start)
    folder = Path(option)
    if not (folder / "conf.py").is_file():
        raise CliError(f"--conf-dir {option}: no conf.py in that folder")
    return folder.resolve()


def load_settings(conf_dir: Path | None) -> tuple[Settings, list[str]]:
    """The parsed ``specs_*`` settings of ``conf_dir/conf.py`` and the problems found in them.

    With no ``conf_dir``, the defaults (the built-in templates and patterns).
    """
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    from ..config import config_values, parse_settings

    if conf_dir is None:
        config = Config({}, {})
    else:
        try:
            config = Config.read(conf_dir.resolve(), overrides={}, tags=Tags())
        except ConfigError as exc:
            raise CliError(f"cannot read {conf_dir / 'conf.py'}: {one_line(exc)}") from exc
    for name, default, types, help_text in config_values():
        config.add(name, default, "env", types, help_text)
    return parse_settings(config)


def project_settings(option: str | None, start: Path, command: str) -> Settings:
    """:func:`load_settings` of the governing ``conf.py``; its problems are printed to stderr
    (the default is used for each, as the build does)."""
    conf_dir = conf_dir_of(option, start)
    settings, problems = load_settings(conf_dir)
    for problem in problems:
        print(f"sphinx-specs {command}: conf.py: {problem}; using the default", file=sys.stderr)
    return settings
