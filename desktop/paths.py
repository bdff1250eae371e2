"""Where the data lives: --db, else SWV_UREN_DB, else the user's data folder of the platform."""
from __future__ import annotations

import os
from pathlib import Path

from models.db import to_url

ENV = "SWV_UREN_DB"
FILE_NAME = "swv-uren.sqlite"


def data_folder() -> Path:
    """The user's data folder of the platform: the database, and beside it Logs/ (desktop.log)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("SWV Uren", appauthor=False))


def default_database() -> Path:
    return data_folder() / FILE_NAME


def database_url(option: str | None) -> str:
    return to_url(option or os.environ.get(ENV) or default_database())
