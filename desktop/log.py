"""The log file: …/SWV Uren/Logs/swv-uren.log beside the database's default folder, rotated (1 MB × 5).

A windowed program (the bundle's "SWV Uren") has no stderr (sys.stderr is None): a trace written only there is
lost. The unexpected-error handler writes it here, and on stderr too when there is one."""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType

ENV = "SWV_UREN_LOGS"  # another folder for the log (tests, portable installs)
FILE_NAME = "swv-uren.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


def log_folder() -> Path:
    from .paths import data_folder

    return Path(os.environ.get(ENV) or data_folder() / "Logs")


def _handlers() -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(folder / FILE_NAME, maxBytes=MAX_BYTES,
                                                             backupCount=BACKUPS, encoding="utf-8"))
    except OSError:
        pass  # no log file to be had (a read-only profile): stderr, if any, is all there is
    if sys.stderr is not None:
        handlers.append(logging.StreamHandler(sys.stderr))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
    return handlers


def log_error(message: str, exc_info: tuple[type[BaseException], BaseException, TracebackType | None] | None = None
              ) -> None:
    """Write an error (with its trace) to the log file and stderr. Handlers are opened for each error and
    closed again: errors are rare, and no file stays open (nor a stale folder after a change of settings)."""
    logger = logging.getLogger("swv_uren")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handlers = _handlers()
    for handler in handlers:
        logger.addHandler(handler)
    try:
        logger.error(message, exc_info=exc_info)
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
