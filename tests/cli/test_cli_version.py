"""`swv-uren --version` and the app's icon."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from tests.conftest import ROOT, run_cli


def test_version_is_printed_from_the_package_metadata() -> None:
    from importlib import metadata

    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"swv-uren {metadata.version('swv-uren')}"


def test_version_without_metadata_falls_back_to_the_module(monkeypatch) -> None:
    """A frozen bundle may lack the package's metadata."""
    from importlib import metadata

    from desktop import version

    def missing(_name: str) -> str:
        raise metadata.PackageNotFoundError(_name)

    monkeypatch.setattr(metadata, "version", missing)
    assert version.version() == version.__version__


def test_pyproject_takes_its_version_from_the_module() -> None:
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "models.version.__version__"}


def test_the_app_has_its_icon() -> None:
    code = ("from desktop.app import _application; app = _application(); icon = app.windowIcon(); "
            "print(icon.isNull(), icon.actualSize(__import__('PySide6.QtCore').QtCore.QSize(256, 256)).width())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=60)
    assert result.stdout.split() == ["False", "256"], result.stderr
    for name in ("swv-uren.svg", "swv-uren.png", "swv-uren.ico"):
        assert (ROOT / "resources" / "icons" / name).is_file(), name
