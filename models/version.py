"""The app's version: from the installed package's metadata, else (a frozen bundle without it) __version__.
pyproject.toml reads its version from here, so the two never differ."""
from __future__ import annotations

__version__ = "0.1.0"


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("swv-uren")
    except metadata.PackageNotFoundError:
        return __version__
