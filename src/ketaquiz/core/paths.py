"""Where ketaquiz keeps things: platformdirs locations and their overrides.

Overrides, in order: the command line (`--data-dir`, `--config`), then the environment (`KETAQUIZ_DATA_DIR`,
`KETAQUIZ_CONFIG`, `KETAQUIZ_CACHE_DIR`), then platformdirs' per-user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

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

    return user_config_path(APP_NAME, appauthor=False) / "kiosk.yaml"


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
