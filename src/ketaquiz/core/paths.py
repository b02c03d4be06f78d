"""Where ketaquiz keeps things: platformdirs locations and their overrides.

Overrides, in order: the command line (`--data-dir`, `--config`), then the environment (`KETAQUIZ_DATA_DIR`,
`KETAQUIZ_CONFIG`, `KETAQUIZ_CACHE_DIR`), then platformdirs' per-user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from ketaquiz.core.i18n import _

APP_NAME = "ketaquiz"

ENV_DATA_DIR = "KETAQUIZ_DATA_DIR"
ENV_CONFIG = "KETAQUIZ_CONFIG"
ENV_CACHE_DIR = "KETAQUIZ_CACHE_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the progress store and preferences."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get(ENV_DATA_DIR):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The kiosk configuration file."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get(ENV_CONFIG):
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "kiosk.yaml"  # i18n: not shown (a file name)


def cache_dir() -> Path:
    """The folder for the parsed-bank cache (safe to delete at any time)."""
    if env := os.environ.get(ENV_CACHE_DIR):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def bundled_banks_dir() -> Path:
    """The banks shipped with ketaquiz.

    In a wheel they live inside the package (`ketaquiz/questions`); in a source checkout, at the top level.
    """
    here = Path(__file__).resolve().parent.parent
    packaged = here / "questions"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "questions"


def folder_problem(folder: Path, *, write: bool = False) -> str | None:
    """What stops `folder` from being used as a data folder, in plain words ("… is a file, not a folder"), or None.

    A folder that does not exist yet is no problem (there is simply no progress in it yet), unless a file stands
    in its path. `write` also asks that the folder can be written (or made), not only read.
    """
    folder = Path(folder)
    probe = folder
    while True:
        try:
            is_dir = probe.is_dir()
            exists = is_dir or probe.exists()
        except OSError:  # e.g. a path too long
            return _("{folder} cannot be used as a folder").format(folder=folder)
        if exists and not is_dir:
            if probe == folder:
                return _("{path} is a file, not a folder").format(path=probe)
            return _("{path} is a file, not a folder (on the way to {folder})").format(
                path=probe, folder=folder
            )
        if exists:
            break
        if probe.parent == probe:
            return _("{folder} cannot be found").format(folder=folder)
        probe = probe.parent
    if probe == folder:
        if not os.access(folder, os.R_OK | os.X_OK):
            return _("{folder} cannot be read (permission denied)").format(folder=folder)
        if write and not os.access(folder, os.W_OK):
            return _("{folder} cannot be written (permission denied)").format(folder=folder)
    elif write and not os.access(probe, os.W_OK | os.X_OK):
        return _("{folder} does not exist and cannot be made ({path} cannot be written)").format(
            folder=folder, path=probe
        )
    return None


def describe_os_error(exc: OSError) -> str:
    """An OSError in plain words, without "[Errno N]" (the path is named by the caller)."""
    import errno

    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return _("a file is in the way")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
    if exc.errno == errno.EROFS:
        return _("the disk is read-only")
    if exc.errno == errno.ENOENT:
        return _("it does not exist")
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)
