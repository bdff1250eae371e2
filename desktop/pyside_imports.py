"""PySide6 looks at every module imported after it: its `__feature__` support (snake_case, true_property) asks
whether the module's source mentions "PySide6", through `inspect.getsource`, which reads, splits and joins the
whole file. At start that was 93 modules (typing, enum, pathlib, SQLAlchemy's largest ...), about 30 ms, and each
page shown the first time pays it for its own modules. `cheaper_source_scan` answers the same question by
searching the file's bytes; a module without a readable .py file is left to PySide's own way."""
from __future__ import annotations

import sys
from types import ModuleType
from typing import Callable

MARK = b"PySide6"


def _scanner() -> ModuleType | None:
    """PySide's feature module, when it is the kind this file knows (else nothing is changed)."""
    module = sys.modules.get("shibokensupport.feature")
    return module if callable(getattr(module, "_mod_uses_pyside", None)) else None


def source_mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether the module's source holds "PySide6", as PySide's own scan answers it."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return MARK in source.read()
        except OSError:
            pass
    return fallback(module)


def cheaper_source_scan() -> bool:
    """Install the byte search in place of PySide's scan (once); whether it is in place."""
    feature = _scanner()
    if feature is None:
        return False
    own = feature._mod_uses_pyside
    if getattr(own, "pyside_scan", None) is not None:
        return True  # in place already

    def scan(module: ModuleType) -> bool:
        return source_mentions_pyside(module, own)

    scan.pyside_scan = own  # type: ignore[attr-defined]
    feature._mod_uses_pyside = scan
    return True
