"""What the bundle must carry that no freezer finds by itself, shared by packaging/swv-uren.spec and the tests
(tests/bundle): plain Python, no PyInstaller needed to read it.

- every module of the app's own packages, and the pages in particular: views.main_window loads them by name
  (PageEntry.load), which no freezer can see;
- reportlab's C accelerator _rl_accel, imported through exec();
- alembic's migrations: source files read at run time (env.py, versions/*.py), so package data, and whatever
  they import (a freezer never looks inside data);
- the resources (style sheet, icon, the demo's reference files) and Qt's Dutch translation."""
from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN_PACKAGES = ("desktop", "models", "views", "exports")
APP_NAME = "SWV Uren"  # the windowed executable
#: Left out of the bundle (the spec's excludes): never in it, so not named in Help → Over SWV Uren either.
EXCLUDES = ("tkinter", "pytest", "hypothesis", "pypdf", "IPython", "matplotlib", "numpy")
CLI_NAME = "swv-uren"  # the console executable, in the same folder


def _modules_of(package: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """The package and its submodules, found on disk without importing them."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations is not None, package
    names = [package]
    for info in pkgutil.iter_modules(spec.submodule_search_locations, prefix=f"{package}."):
        if info.name.startswith(exclude):
            continue
        names += _modules_of(info.name, exclude) if info.ispkg else [info.name]
    return names


def page_modules() -> list[str]:
    from views.main_window import PAGES

    return [f"views.{entry.module}" for entry in PAGES]


def migration_imports() -> list[str]:
    """The modules the migration scripts import (they are data to the freezer)."""
    names: set[str] = set()
    folder = ROOT / "models" / "migrations"
    for path in [folder / "env.py", *sorted((folder / "versions").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def hidden_imports() -> list[str]:
    names = ["_rl_accel", *page_modules(), *migration_imports()]
    for package in OWN_PACKAGES:
        names += _modules_of(package)
    names += _modules_of("alembic", exclude=("alembic.testing",))
    names += ["sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg_binary"]
    return sorted(dict.fromkeys(names))


def datas() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file the app reads."""
    found: list[tuple[str, str]] = []
    for package, subfolder in (("models", "migrations"), ("resources", "")):
        base = ROOT / package / subfolder
        for path in sorted(base.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if package == "resources" and path.suffix in (".py", ".md"):
                continue
            found.append((str(path), str(path.parent.relative_to(ROOT)).replace("\\", "/")))
    return found


def qt_translations() -> list[tuple[str, str]]:
    """Qt's Dutch translation of its own dialogs (Annuleren, Openen …), where PySide6 keeps it."""
    import PySide6

    source = Path(PySide6.__file__).parent / "Qt" / "translations" / "qtbase_nl.qm"
    return [(str(source), "PySide6/Qt/translations")]


def metadata_distributions() -> list[str]:
    """The distributions whose metadata the bundle carries: the app's own (its version) and every library it
    ships, so that Help → Over SWV Uren names them with their licences (models.licences reads the metadata)."""
    from models.licences import APP, distribution_names

    excluded = {name.lower() for name in EXCLUDES}
    return [APP] + [name for name in distribution_names() if name.lower() not in excluded]
