"""The app's version, for the command line (`--version`): kept in models/version.py, where the screens
(Over SWV Uren) reach it too without importing the start-up layer."""
from __future__ import annotations

from models.version import __version__, version

__all__ = ["__version__", "version"]
