"""The bundle's spec gets from packaging/bundle_config.py what no freezer finds by itself."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_config  # noqa: E402


def test_every_page_module_is_a_hidden_import() -> None:
    """PageEntry.load imports the pages by name: the freezer must be told of each."""
    from views.main_window import PAGES

    hidden = set(bundle_config.hidden_imports())
    for entry in PAGES:
        assert f"views.{entry.module}" in hidden, entry.module


def test_rl_accel_and_the_migrations_imports_are_hidden_imports() -> None:
    hidden = set(bundle_config.hidden_imports())
    assert "_rl_accel" in hidden  # reportlab imports it through exec()
    assert {"alembic.op", "sqlalchemy", "alembic.ddl.sqlite", "alembic.runtime.migration"} <= hidden \
        or {"alembic", "sqlalchemy", "alembic.ddl.sqlite", "alembic.runtime.migration"} <= hidden
    assert not any(name.startswith("alembic.testing") for name in hidden)
    assert not any(name.startswith("tests") for name in hidden)


def test_the_migrations_and_resources_are_data() -> None:
    targets = {(Path(source).name, folder) for source, folder in bundle_config.datas()}
    assert ("env.py", "models/migrations") in targets
    assert ("script.py.mako", "models/migrations") in targets
    for version in (ROOT / "models" / "migrations" / "versions").glob("*.py"):
        assert (version.name, "models/migrations/versions") in targets
    for name, folder in (("style.qss", "resources"), ("swv-uren.png", "resources/icons"),
                         ("po3002-2016-2017.csv", "resources/reference"), ("uren.html", "resources/manual"),
                         ("handleiding.css", "resources/manual"), ("uren.png", "resources/manual/img")):
        assert (name, folder) in targets


def test_the_bundle_carries_the_metadata_of_the_libraries_it_names() -> None:
    """Help → Over SWV Uren reads the licences from the packages' metadata: the spec copies it for the app and
    every library it ships, and not for what it leaves out."""
    names = [name.lower() for name in bundle_config.metadata_distributions()]
    assert names[0] == "swv-uren"
    for shipped in ("sqlalchemy", "alembic", "reportlab", "openpyxl", "pyside6_essentials", "psutil"):
        assert shipped in names
    assert "pypdf" not in names
    spec = (ROOT / "packaging" / "swv-uren.spec").read_text(encoding="utf-8")
    assert "bundle_config.metadata_distributions()" in spec and "bundle_config.EXCLUDES" in spec


def test_qt_dutch_translation_is_taken() -> None:
    [(source, folder)] = bundle_config.qt_translations()
    assert Path(source).name == "qtbase_nl.qm" and Path(source).is_file()


def test_the_spec_uses_the_config_and_makes_both_executables() -> None:
    spec = (ROOT / "packaging" / "swv-uren.spec").read_text(encoding="utf-8")
    for needed in ("bundle_config.hidden_imports()", "bundle_config.datas()", "bundle_config.qt_translations()",
                   "console=False", "console=True", "COLLECT(app, cli"):
        assert needed in spec, needed
    assert (bundle_config.APP_NAME, bundle_config.CLI_NAME) == ("SWV Uren", "swv-uren")


def test_pyinstaller_is_pinned_in_the_bundle_extra_only() -> None:
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    assert [d for d in project["optional-dependencies"]["bundle"] if d.startswith("pyinstaller==")]
    assert not [d for d in project["dependencies"] if "pyinstaller" in d.lower()]


BUNDLE = ROOT / "dist" / "swv-uren"


@pytest.mark.skipif(not (BUNDLE / "swv-uren").exists() and not (BUNDLE / "swv-uren.exe").exists(),
                    reason="geen bundel gebouwd (make bundle)")
def test_the_built_bundle_has_its_parts() -> None:
    internal = BUNDLE / "_internal"
    assert (internal / "models" / "migrations" / "env.py").is_file()
    assert list(internal.rglob("qtbase_nl.qm"))
    assert list(internal.glob("_rl_accel*"))
    assert (internal / "resources" / "icons" / "swv-uren.png").is_file()


def test_the_linux_menu_entry() -> None:
    import configparser

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "swv-uren.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "SWV Uren"
    assert section["Icon"] == "swv-uren" and section["Terminal"] == "false"
    assert section["Exec"] == '"@BUNDLE@/SWV Uren"'  # filled in by packaging/install-linux.sh


def test_the_windows_installer_script() -> None:
    iss = (ROOT / "packaging" / "swv-uren.iss").read_text(encoding="utf-8")
    for needed in ("PrivilegesRequired=lowest", "PrivilegesRequiredOverridesAllowed=commandline",
                   'MessagesFile: "compiler:Languages\\Dutch.isl"', "AppId={{", "{group}\\{#AppName}",
                   "SetupIconFile=..\\resources\\icons\\swv-uren.ico", "UninstallDisplayIcon=",
                   'Source: "..\\dist\\swv-uren\\*"'):
        assert needed in iss, needed
    assert "[UninstallDelete]" not in iss  # the data folder (%LOCALAPPDATA%\SWV Uren) stays


def test_the_workflow_builds_installs_and_smoke_tests() -> None:
    workflow = (ROOT / ".github" / "workflows" / "bundle.yml").read_text(encoding="utf-8")
    for needed in ("windows-latest", "macos-latest", "'/VERYSILENT','/CURRENTUSER'", "scripts/bundle_smoke.sh",
                   "packaging\\swv-uren.iss", "packaging/swv-uren.spec", "python -m pytest",
                   "WINDOWS_CERTIFICATE"):
        assert needed in workflow, needed
