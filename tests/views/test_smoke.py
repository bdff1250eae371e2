"""`swv-uren --smoke`: opens the window on its first screen (`--smoke-all`: every page); any error, also one Qt
only prints, fails it."""
from __future__ import annotations

import pytest

from models.db import to_url


@pytest.fixture
def smoke_env(monkeypatch, tmp_path):
    from views.messages import messages

    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "s.ini"))
    monkeypatch.setattr(messages, "non_interactive", True)  # run_app sets it; put back afterwards


def test_smoke_builds_every_page(qapp, demo_path, smoke_env, monkeypatch) -> None:
    from desktop import app, smoke
    from views.main_window import PAGES

    built: list[str] = []
    real = smoke.every_page

    def spy(window) -> None:  # type: ignore[no-untyped-def]
        real(window)
        built.extend(type(page).__name__ for page in window.pages)

    monkeypatch.setattr(smoke, "every_page", spy)
    assert app.run_app(to_url(demo_path), smoke=True, every_page=True) == 0
    assert built == [entry.class_name for entry in PAGES]


def test_smoke_loads_the_first_screen_only(qapp, demo_path, smoke_env, monkeypatch) -> None:
    """`--smoke` is what CLI.md says: the window, its first screen loaded and painted, and out."""
    from desktop import app, smoke

    from views.loading import loaders_in

    seen: list[tuple[str, list[str], bool, int]] = []
    real = smoke.first_page

    def spy(window) -> None:  # type: ignore[no-untyped-def]
        real(window)
        page = window.stack.currentWidget()
        seen.append((type(page).__name__, [type(built).__name__ for built in window.pages],
                     any(loader.waiting for loader in loaders_in(page)), page.table.model().rowCount()))

    monkeypatch.setattr(smoke, "first_page", spy)
    assert app.run_app(to_url(demo_path), smoke=True) == 0
    [(shown, built, waiting, rows)] = seen
    assert (shown, built, waiting) == ("OverviewPage", ["OverviewPage"], False)
    assert rows > 0  # its figures are in


def test_smoke_fails_on_a_page_module_that_does_not_import(qapp, demo_path, smoke_env, monkeypatch,
                                                             capsys) -> None:
    from desktop import app
    from views import main_window

    broken = main_window.PageEntry("Kapot", "bestaat_niet_page", "KapotPage")
    monkeypatch.setattr(main_window, "PAGES", (*main_window.PAGES, broken))
    assert app.run_app(to_url(demo_path), smoke=True, every_page=True) == 1
    err = capsys.readouterr().err
    assert "ModuleNotFoundError" in err and "Rooktest mislukt" in err


def test_smoke_fails_on_an_error_raised_in_a_slot(qapp, demo_path, smoke_env, monkeypatch, capsys) -> None:
    """Qt only prints an exception raised in a slot; the smoke run still fails on it."""
    from PySide6.QtCore import QTimer

    from desktop import app, smoke

    real = smoke.every_page

    def with_a_failing_slot(window) -> None:  # type: ignore[no-untyped-def]
        QTimer.singleShot(0, lambda: 1 / 0)
        real(window)

    monkeypatch.setattr(smoke, "every_page", with_a_failing_slot)
    assert app.run_app(to_url(demo_path), smoke=True, every_page=True) == 1
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_smoke_on_an_empty_database(qapp, empty_path, smoke_env) -> None:
    from desktop import app

    assert app.run_app(to_url(empty_path), smoke=True) == 0
