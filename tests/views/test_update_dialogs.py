"""Rapporten → Maandupdate besturen…, Urenlijsten opvragen… and Afzender en ondertekening…, clicked and typed
through Qt's events: the preview per board, the drafts written and recorded as the command line does, an address
filled in on the spot."""
from __future__ import annotations

import email
from email import policy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QPushButton

from models.domain.months import Month
from models.services import masterdata, settings, updates
from tests.views.test_loading import hold
from tests.views.uren_helpers import choose, go_loaded, wait_loaded
from views.loading import LOADING_TEXT, loaders_in
from views.masterdata_dialogs import BoardDialog
from views.sender_dialog import SenderDialog
from views.update_dialogs import BoardUpdatesDialog, ProviderRequestsDialog

YEAR = "2016-2017"
BOARDS = ["KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """exec() shows the dialog and returns at once, so the test can click in it; the URLs opened are kept."""
    shown: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        shown.append(self)
        self.show()
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    return shown


@pytest.fixture
def urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    found: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: found.append(url.toLocalFile()) or True))
    return found


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick(qtbot, listing: QListWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    item = next(listing.item(i) for i in range(listing.count()) if listing.item(i).text().split(" — ")[0] == name)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(item).center())


def choose_month(dialog, label: str) -> None:  # type: ignore[no-untyped-def]
    choose(dialog.month_picker, label)
    wait_loaded(None, dialog)  # as a person waits for "Bezig met laden…" to go


def shown(opened: list[QDialog]) -> QDialog:
    """The dialog just opened, once its drafts are read and shown."""
    dialog = opened[-1]
    wait_loaded(None, dialog)
    return dialog


def test_board_updates_preview_write_and_record(qtbot, make_window, demo_db, answers, opened, urls,
                                                settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.exports.board_updates.trigger()
    dialog = shown(opened)
    assert isinstance(dialog, BoardUpdatesDialog)
    assert dialog.month_picker.currentText() == "juli 2017"  # the last month that has ended (in the year)
    choose_month(dialog, "februari 2017")
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == BOARDS
    pick(qtbot, dialog.list, "OBO")
    assert dialog.to.text() == "A. Jansen (OBO) <a.jansen@obo.example>"
    assert dialog.subject.text() == "Expertise-uren OBO: stand februari 2017"
    assert dialog.attachment.text() == "OBO 2016-2017.xlsx"
    body = dialog.body.toPlainText()
    assert "van OBO na februari 2017" in body and "KPO" not in body  # only this board's data
    assert dialog.body.isReadOnly()
    assert not dialog.open_button.isEnabled() and not dialog.folder_button.isEnabled()

    click(qtbot, dialog.save_button)
    wait_loaded(qtbot, dialog)
    written = sorted(p.name for p in answers.folder.iterdir())
    assert written == sorted(f"{b.replace('/', '-')} 2017-02.eml" for b in BOARDS)
    draft = email.message_from_bytes((answers.folder / "OBO 2017-02.eml").read_bytes(), policy=policy.default)
    assert draft["Subject"] == dialog.subject.text() and draft["X-Unsent"] == "1"
    with demo_db.read() as session:
        given = updates.given(session, YEAR)
    assert [(g.board, g.month) for g in given] == [(b, Month(2017, 2)) for b in BOARDS]
    assert settings.value("export_folder") == str(answers.folder)
    assert "6 concepten opgeslagen in" in dialog.notice.text()
    assert all("al gegeven op" in dialog.list.item(i).text() for i in range(dialog.list.count()))

    click(qtbot, dialog.open_button)
    click(qtbot, dialog.folder_button)
    assert urls == [str(answers.folder / "OBO 2017-02.eml"), str(answers.folder)]
    choose_month(dialog, "maart 2017")  # another month: nothing given yet, nothing written yet
    assert not any("al gegeven" in dialog.list.item(i).text() for i in range(dialog.list.count()))
    assert not dialog.open_button.isEnabled()
    dialog.close()

    # Stamgegevens shows each board's last update given: the month, and the day.
    page = go_loaded(window, "MasterDataPage")
    model = page.board_proxy
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Laatste\nupdate")
    day = given[-1].at.date()
    assert {model.index(r, column).data() for r in range(model.rowCount())} == {
        f"feb 2017 ({day.day}-{day.month}-{day.year})"}


def test_the_dialog_shows_before_its_drafts_are_read(qtbot, make_window, demo_db, opened,
                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The drafts are read and made in a worker: the dialog shows at once with "Bezig met laden…" where they
    come, answers meanwhile (the month chosen then is the one shown), and saves nothing before they show."""
    release = hold(monkeypatch, updates, "board_updates")
    window = make_window(demo_db)
    window.exports.board_updates.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, BoardUpdatesDialog) and dialog.isVisible()
    loader = next(iter(loaders_in(dialog)))
    qtbot.waitUntil(loader.sheet.isVisible, timeout=5_000)
    assert loader.waiting and loader.sheet.text() == LOADING_TEXT
    assert dialog.list.count() == 0 and not dialog.save_button.isEnabled()
    first = dialog.month_picker.currentText()
    dialog.month_picker.setFocus()
    qtbot.keyClick(dialog.month_picker, Qt.Key.Key_Up)
    chosen = dialog.month_picker.currentText()
    assert chosen != first
    release.set()
    wait_loaded(qtbot, dialog)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == BOARDS
    assert dialog.summary.text().startswith(f"De stand na {chosen} voor 6 besturen")
    assert dialog.save_button.isEnabled() and not loader.sheet.isVisible()


def test_a_board_without_an_address_gets_one_in_the_dialog(qtbot, make_window, demo_db, answers,
                                                            opened) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as session:
        masterdata.update_board(session, "KPO", masterdata.BoardInput("KPO", "M. de Bruijn", ""))
    window = make_window(demo_db)
    window.exports.board_updates.trigger()
    dialog = shown(opened)
    assert dialog.list.item(0).text() == "KPO — geen e-mailadres"
    pick(qtbot, dialog.list, "KPO")
    assert dialog.to.text() == "(geen e-mailadres)" and "1 zonder e-mailadres" in dialog.summary.text()
    click(qtbot, dialog.address_button)
    board_dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BoardDialog) and w.isVisible())
    qtbot.keyClicks(board_dialog.email, "kpo")
    click(qtbot, board_dialog.ok_button)
    assert "geen geldig e-mailadres" in board_dialog.error_text() and board_dialog.isVisible()  # refused, kept
    board_dialog.email.selectAll()
    qtbot.keyClicks(board_dialog.email, "secretariaat@kpo.example")
    click(qtbot, board_dialog.ok_button)
    wait_loaded(qtbot, dialog)
    assert dialog.list.item(0).text() == "KPO"
    assert dialog.to.text() == "M. de Bruijn (KPO) <secretariaat@kpo.example>"
    assert not dialog.address_button.isVisible()
    with demo_db.read() as session:
        assert next(b for b in masterdata.master_data(session).boards if b.name == "KPO").email == \
            "secretariaat@kpo.example"


def test_without_any_address_saving_is_off(qtbot, make_window, demo_db, answers, opened) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as session:
        for row in masterdata.master_data(session).boards:
            masterdata.update_board(session, row.name, masterdata.BoardInput(row.name, row.contact_person, ""))
    window = make_window(demo_db)
    window.exports.board_updates.trigger()
    dialog = shown(opened)
    assert not dialog.save_button.isEnabled()
    assert "6 zonder e-mailadres" in dialog.summary.text()


def test_provider_requests_preview_and_write(qtbot, make_window, demo_db, answers, opened) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.exports.provider_requests.trigger()
    dialog = shown(opened)
    assert isinstance(dialog, ProviderRequestsDialog)
    choose_month(dialog, "februari 2017")  # closed: no hours can come in
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        f"{p} — geen urenlijst" for p in ("Kameleon", "Mytyschool", "Driespan")]
    assert "afgesloten" in dialog.note.text() and not dialog.save_button.isEnabled()
    choose_month(dialog, "juni 2017")
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Kameleon", "Mytyschool", "Driespan"]
    pick(qtbot, dialog.list, "Mytyschool")
    assert dialog.subject.text() == "Gerealiseerde uren Mytyschool: juni 2017"
    assert dialog.attachment.text() == "Urenlijst Mytyschool 2017-06.xlsx"
    assert "Kameleon" not in dialog.body.toPlainText()
    click(qtbot, dialog.save_button)
    assert sorted(p.name for p in answers.folder.iterdir()) == [
        "Driespan 2017-06.eml", "Kameleon 2017-06.eml", "Mytyschool 2017-06.eml"]
    assert "3 concepten opgeslagen" in dialog.notice.text()


def test_sender_and_signature_typed_in_the_dialog(qtbot, make_window, demo_db, answers, opened) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.exports.sender.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, SenderDialog)
    qtbot.keyClicks(dialog.email, "secretariaat")
    click(qtbot, dialog.ok_button)
    assert "geen geldig e-mailadres" in dialog.error_text() and dialog.isVisible()
    with demo_db.read() as session:
        assert settings.sender_email(session) == ""  # a refusal changes nothing
    qtbot.keyClicks(dialog.email, "@swv.example")
    dialog.signature.setFocus()
    qtbot.keyClicks(dialog.signature, "M. Jansen")
    QTest.keyClick(dialog.signature, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.signature, "Secretariaat")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    with demo_db.read() as session:
        assert (settings.sender_email(session), settings.signature(session)) == (
            "secretariaat@swv.example", "M. Jansen\nSecretariaat")
    # The next drafts are signed with it.
    window.exports.board_updates.trigger()
    drafts = shown(opened)
    assert drafts.body.toPlainText().rstrip().endswith("M. Jansen\nSecretariaat")
