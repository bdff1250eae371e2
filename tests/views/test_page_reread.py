"""A hidden page reads again only when what it shows could differ: another school year than the one it shows,
a change it depends on, or F5 (views/page.py). A year chosen on another page and chosen back reads nothing."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from models.domain.agreements import Kind
from models.domain.months import Month
from models.services import agreements, demo, years
from tests.conftest import TODAY
from tests.views.uren_helpers import YEAR, act, choose, wait_loaded
from views.hours.page import HoursPage
from views.main_window import PAGES

OTHER = "2017-2018"


def _click_page(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    """Click a page's row in the navigation, as a person does; the page now on show."""
    nav = window.nav
    row = next(i for i, entry in enumerate(PAGES) if entry.title == title)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    return window.stack.currentWidget()


def _window_with_two_years(qtbot, make_window, demo_db):  # type: ignore[no-untyped-def]
    act(demo_db, lambda s: years.create_or_replace(s, dataclasses.replace(
        demo.reference_setup(), label=OTHER, first_month=Month(2017, 9), last_month=Month(2018, 7))))
    window = make_window(demo_db)
    choose(window.year_picker, YEAR)
    wait_loaded(qtbot, window)
    hours = _click_page(qtbot, window, "Uren")
    assert isinstance(hours, HoursPage)
    wait_loaded(qtbot, window)
    assert hours.subtitle.text().startswith(f"Schooljaar {YEAR}")
    _click_page(qtbot, window, "Overzicht")
    wait_loaded(qtbot, window)
    return window, hours


def test_a_year_chosen_and_chosen_back_on_another_page_reads_nothing_again(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window, hours = _window_with_two_years(qtbot, make_window, demo_db)
    shown = hours.subtitle.text()
    choose(window.year_picker, OTHER)
    wait_loaded(qtbot, window)
    choose(window.year_picker, YEAR)
    wait_loaded(qtbot, window)
    assert _click_page(qtbot, window, "Uren") is hours
    assert not hours.loader.waiting  # nothing asked of the database: the grid shown is this year's
    assert not hours.loader.sheet.isVisible()
    assert hours.subtitle.text() == shown and hours.model.rowCount() > 0


def test_another_year_chosen_on_another_page_is_read_when_the_page_shows(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window, hours = _window_with_two_years(qtbot, make_window, demo_db)
    # Another year, and then back on another page: the year it showed before is read again too.
    for year in (OTHER, YEAR):
        _click_page(qtbot, window, "Overzicht")
        choose(window.year_picker, year)
        wait_loaded(qtbot, window)
        assert _click_page(qtbot, window, "Uren") is hours
        assert hours.loader.waiting
        wait_loaded(qtbot, window)
        assert hours.subtitle.text().startswith(f"Schooljaar {year}")


def test_a_change_the_page_depends_on_is_read_when_it_shows(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window, hours = _window_with_two_years(qtbot, make_window, demo_db)
    pairs = hours.model.rowCount()
    choose(window.year_picker, OTHER)
    choose(window.year_picker, YEAR)
    cmd = agreements.AgreementInput(YEAR, "KPO", "Kameleon", 40 * 60, Month(2016, 9), Month(2017, 7),
                                    school="De Regenboog", kind=Kind.ARRANGEMENT, description="Begeleiding groep 4",
                                    reported_on=TODAY, registered_on=TODAY)
    window.runner.write(agreements.register, cmd, TODAY)  # as a dialog's operation writes: the pages hear of it
    assert _click_page(qtbot, window, "Uren") is hours
    assert hours.loader.waiting
    wait_loaded(qtbot, window)
    assert hours.model.rowCount() == pairs


def test_f5_reads_a_hidden_page_again_when_it_shows(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window, hours = _window_with_two_years(qtbot, make_window, demo_db)
    window.refresh_action.trigger()
    wait_loaded(qtbot, window)
    assert _click_page(qtbot, window, "Uren") is hours
    assert hours.loader.waiting
    wait_loaded(qtbot, window)
    assert hours.subtitle.text().startswith(f"Schooljaar {YEAR}")
