"""What a wheel or a frozen bundle must carry besides the modules: migrations, resources, reference files."""
from __future__ import annotations

import fnmatch
import tomllib
from importlib import resources
from importlib.readers import MultiplexedPath
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _package_data() -> dict[str, list[str]]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["setuptools"]["package-data"]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)).replace("\\", "/") for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py")


def test_every_migration_file_is_package_data() -> None:
    """Alembic reads env.py and versions/*.py as files: a wheel without them cannot upgrade a database."""
    patterns = _package_data()["models"]
    folder = ROOT / "models"
    for name in _files(folder / "migrations"):
        assert any(fnmatch.fnmatch(f"migrations/{name}", p) for p in patterns), name


def test_every_resource_is_package_data() -> None:
    patterns = _package_data()["resources"]
    for name in _files(ROOT / "resources"):
        if name.endswith(".md") or name.endswith(".py"):
            continue
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name


def test_migrations_are_found_through_importlib_resources() -> None:
    from models.db import MIGRATIONS, known_revisions

    assert MIGRATIONS == Path(str(resources.files("models").joinpath("migrations")))
    assert (MIGRATIONS / "env.py").is_file()
    assert len(known_revisions()) == len(list((MIGRATIONS / "versions").glob("*.py")))


def test_reference_files_are_read_through_a_multiplexed_path(monkeypatch) -> None:
    """Inside a bundle (Python 3.11) files() may give a MultiplexedPath, whose joinpath takes one name."""
    from models.services import demo

    folder = Path(str(resources.files("resources")))
    monkeypatch.setattr(demo.resources, "files", lambda _package: MultiplexedPath(folder))
    setup = demo.reference_setup()
    assert setup.label == "2016-2017" and setup.providers and setup.boards
