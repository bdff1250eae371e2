"""views.background: long work in a worker thread, a cancellable progress dialog, the result or nothing."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from desktop.runner import Runner
from models.db import Database
from models.domain.errors import Conflict
from models.domain.months import Month
from models.services import hours
from tests.conftest import TODAY, table_dump
from tests.views.uren_helpers import add_agreement
from views import background, latest_read
from views.background import Cancelled, Task, run_in_background, run_task, write_in_background
from views.ports import Changes


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def visible_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() + [c for w in QApplication.topLevelWidgets()
                                                          for c in w.findChildren(QProgressDialog)]
             if isinstance(w, QProgressDialog) and w.objectName() == "backgroundProgress" and w.isVisible()]
    return found[0] if found else None


def click_cancel() -> bool:
    """What the user does: the dialog's Annuleren button (False: no dialog, or no button any more)."""
    dialog = visible_dialog()
    button = dialog.findChild(QPushButton) if dialog is not None else None
    if button is None or not button.isVisible():
        return False
    assert button.text() == "Annuleren"
    button.click()
    return True


def at(ms: int, action) -> list:  # type: ignore[no-untyped-def]
    """Run `action` from the event loop after `ms` (the call under test blocks until its work is done)."""
    seen: list = []
    QTimer.singleShot(ms, lambda: seen.append(action()))
    return seen


def once_shown(action) -> list:  # type: ignore[no-untyped-def]
    """Run `action` from the event loop as soon as the progress dialog shows (however long a loaded machine takes
    to get there), once."""
    seen: list = []
    poll = QTimer()
    poll.setInterval(20)

    def check() -> None:
        if visible_dialog() is not None and not seen:
            seen.append(action())
            poll.stop()

    poll.timeout.connect(check)
    poll.start()
    _polls.append(poll)  # kept alive until it has acted
    return seen


_polls: list[QTimer] = []


def test_quick_work_shows_no_dialog_and_runs_in_another_thread(parent: QWidget) -> None:
    seen = at(50, visible_dialog)
    result = run_in_background(parent, "Bezig met rekenen…", lambda a, b: (a + b, threading.get_ident()), 2, 3)
    assert result is not None and result[0] == 5 and result[1] != threading.get_ident()
    assert seen in ([], [None])


def test_quick_work_makes_no_dialog_at_all(parent: QWidget) -> None:
    """The dialog is made only when the work takes longer than DELAY_MS (the start check, most saves)."""
    def dialogs() -> int:
        return sum(isinstance(w, QProgressDialog) for w in QApplication.allWidgets())

    before = dialogs()
    assert run_task(parent, "Bezig met rekenen…", lambda _task: "klaar") == "klaar"
    assert dialogs() == before  # (a dialog made and dropped would be there until the loop deletes it)


def test_progress_before_the_dialog_shows_is_on_it(parent: QWidget) -> None:
    """What the work reported before the dialog was made (a step, the point of no return) shows on it."""
    def work(task: Task) -> str:
        task.report(3, 7, "Bezig met stap 4 van 7…")
        task.commit()
        time.sleep(0.9)
        return "opgeslagen"

    seen = once_shown(lambda: (d := visible_dialog()) and (d.labelText(), d.maximum(), d.value(),
                                                           d.findChild(QPushButton) is None))
    assert run_task(parent, "Bezig met opslaan…", work) == "opgeslagen"
    assert seen == [("Bezig met stap 4 van 7…", 7, 3, True)]


def test_slow_work_shows_the_dialog_and_delivers_its_result(qtbot, parent: QWidget) -> None:
    def slow(task: Task) -> str:
        for i in range(10):
            task.report(i, 10, f"Bezig met stap {i + 1} van 10…")
            time.sleep(0.08)
        return "klaar"

    seen = at(700, lambda: (d := visible_dialog()) and (d.labelText(), d.maximum(), d.isModal()
                                                        or d.windowModality() != 0))
    started = time.perf_counter()
    assert run_task(parent, "Bezig met rekenen…", slow) == "klaar"
    assert time.perf_counter() - started >= 0.8
    assert seen and seen[0] and seen[0][0].startswith("Bezig met stap") and seen[0][1] == 10
    assert visible_dialog() is None


def test_the_window_keeps_painting_while_the_work_runs(parent: QWidget) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(50)
    run_in_background(parent, "Bezig met wachten…", time.sleep, 0.6)
    timer.stop()
    assert len(ticks) >= 6  # the event loop ran throughout


def test_a_refusal_is_shown_in_dutch_or_raised_to_the_caller(parent: QWidget, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    def refuse() -> None:
        raise Conflict("Deze maand is afgesloten; heropen hem eerst.")

    assert run_in_background(parent, "Bezig met opslaan…", refuse, refusal_title="Niet opgeslagen") is None
    assert recorded_messages.shown[-1] == ("error", "Niet opgeslagen", "Deze maand is afgesloten; heropen hem eerst.")
    with pytest.raises(Conflict):
        run_in_background(parent, "Bezig met opslaan…", refuse)
    with pytest.raises(ZeroDivisionError):
        run_in_background(parent, "Bezig met rekenen…", lambda: 1 / 0)


def test_cancel_returns_none_and_stops_work_that_checks(parent: QWidget) -> None:
    steps: list[int] = []

    def long(task: Task) -> str:
        for i in range(200):
            task.check()
            steps.append(i)
            time.sleep(0.02)
        return "te laat"

    clicked = at(600, click_cancel)
    started = time.perf_counter()
    assert run_task(parent, "Bezig met lang werk…", long) is None
    assert clicked == [True] and time.perf_counter() - started < 2
    time.sleep(0.1)
    count = len(steps)
    time.sleep(0.1)
    assert len(steps) == count < 200  # the worker stopped at its next check


def test_cancel_before_the_commit_leaves_the_database_unchanged(qtbot, parent: QWidget, reference_db: Database) -> None:
    number = add_agreement(reference_db)
    runner = Runner(reference_db)
    changed: list[Changes] = []
    runner.changed.connect(changed.append)
    before = table_dump(Path(str(reference_db.path)))

    def slow_register(session, cmd, today):  # type: ignore[no-untyped-def]
        entry = hours.register(session, cmd, today)
        time.sleep(1.2)  # written, not yet committed
        return entry

    cmd = hours.HoursInput(number, Month(2016, 10), 90)
    clicked = at(600, click_cancel)
    result = write_in_background(runner, parent, "Bezig met opslaan…", slow_register, cmd, TODAY)
    assert clicked == [True] and result is None
    assert table_dump(Path(str(reference_db.path))) == before and changed == []

    # Not cancelled: committed, and the pages hear what changed before the call returns.
    entry = write_in_background(runner, parent, "Bezig met opslaan…", slow_register, cmd, TODAY)
    assert isinstance(entry, int) and changed == [Changes(hours=True)]
    assert table_dump(Path(str(reference_db.path))) != before


def test_past_the_point_of_no_return_cancel_is_switched_off(parent: QWidget) -> None:
    def work(task: Task) -> str:
        time.sleep(0.5)
        task.commit()
        time.sleep(0.5)
        return "opgeslagen"

    clicked = at(800, click_cancel)
    assert run_task(parent, "Bezig met opslaan…", work) == "opgeslagen"
    assert clicked == [False]  # the button had gone


def test_escape_past_the_point_of_no_return_keeps_the_dialog(parent: QWidget) -> None:
    """Escape (or the close button) still reaches the dialog: it stays, so the window takes no input yet."""
    def work(task: Task) -> str:
        time.sleep(0.5)
        task.commit()
        time.sleep(0.6)
        return "opgeslagen"

    def escape() -> bool:
        dialog = visible_dialog()
        assert dialog is not None
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        return visible_dialog() is not None

    still_shown = at(800, escape)
    assert run_task(parent, "Bezig met opslaan…", work) == "opgeslagen"
    assert still_shown == [True]


def test_commit_after_cancel_raises_cancelled() -> None:
    task = Task()
    assert task.cancel()
    with pytest.raises(Cancelled):
        task.commit()
    done = Task()
    done.commit()
    assert not done.cancel() and done.committed
    assert background.DELAY_MS <= 500  # work of half a second shows the dialog


# ---------------------------------------------------------------- where the app uses it

def test_alv_export_cancelled_leaves_no_file(qtbot, make_window, demo_db: Database, tmp_path: Path,
                                             recorded_messages, monkeypatch: pytest.MonkeyPatch, answers) -> None:  # type: ignore[no-untyped-def]
    import exports.alv_pdf

    real = exports.alv_pdf.write_alv_pdf
    threads: list[int] = []

    def slow(report, path):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        time.sleep(1.0)
        return real(report, path)

    monkeypatch.setattr(exports.alv_pdf, "write_alv_pdf", slow)
    window = make_window(demo_db)
    target = answers.save_as = tmp_path / "alv.pdf"
    clicked = once_shown(click_cancel)
    window.exports.alv.trigger()
    assert clicked == [True] and threads and threads[0] != threading.get_ident()
    qtbot.wait(1500)  # the worker finishes its PDF and throws it away
    assert not target.exists() and list(tmp_path.glob("*.pdf*")) == []
    assert not any(title == "Opgeslagen" for _, title, _ in recorded_messages.shown)

    # Not cancelled: the dialog shows while it works, and the file is saved.
    seen = once_shown(lambda: visible_dialog().labelText())  # type: ignore[union-attr]
    window.exports.alv.trigger()
    assert target.stat().st_size > 1000
    assert seen == ["Bezig met het ALV-overzicht 2016-2017…"]
    assert recorded_messages.shown[-1][2].endswith(str(target))


def test_hour_sheet_import_cancelled_imports_nothing(qtbot, make_window, reference_db: Database, tmp_path: Path,
                                                    recorded_messages, monkeypatch: pytest.MonkeyPatch, answers) -> None:  # type: ignore[no-untyped-def]
    from models.services import hour_sheets
    from tests.views.test_hour_sheet_gui import _fill, _setup, import_sheet, make_sheet

    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx")
    _fill(sheet, {2: 2.5, 3: "4,25"})
    dialog = import_sheet(qtbot, page, answers, sheet)
    assert dialog.import_button.isEnabled()
    real = hour_sheets.import_sheet

    def slow(session, source, today):  # type: ignore[no-untyped-def]
        result = real(session, source, today)
        time.sleep(1.2)  # stored in the transaction, not committed
        return result

    monkeypatch.setattr(hour_sheets, "import_sheet", slow)
    before = table_dump(Path(str(reference_db.path)))
    clicked = once_shown(click_cancel)
    dialog.import_button.click()
    assert clicked == [True]
    assert table_dump(Path(str(reference_db.path))) == before
    assert "geannuleerd" in dialog.summary.text() and dialog.isVisible()

    dialog.import_button.click()  # again, to the end
    assert recorded_messages.shown[-1][1] == "Urenlijst ingelezen"
    assert table_dump(Path(str(reference_db.path))) != before


def test_an_unreadable_sheet_is_refused_in_dutch(qtbot, make_window, reference_db: Database, tmp_path: Path,
                                                 recorded_messages, answers) -> None:  # type: ignore[no-untyped-def]
    from tests.views.test_hour_sheet_gui import _setup, import_sheet

    window, page, _ = _setup(qtbot, make_window, reference_db)
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"geen werkmap")
    assert import_sheet(qtbot, page, answers, bad) is None
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Urenlijst niet ingelezen") and "kapot.xlsx" in text


def test_all_board_workbooks_cancelled_halfway(qtbot, make_window, demo_db: Database, tmp_path: Path,
                                               recorded_messages, monkeypatch: pytest.MonkeyPatch, answers) -> None:  # type: ignore[no-untyped-def]
    import exports.board_xlsx

    real = exports.board_xlsx.write_board_xlsx

    def slow(report, path):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return real(report, path)

    monkeypatch.setattr(exports.board_xlsx, "write_board_xlsx", slow)
    window = make_window(demo_db)
    seen = at(500, lambda: (d := visible_dialog()) is not None and (d.labelText(), d.maximum()))
    clicked = at(800, click_cancel)
    window.exports.boards.trigger()
    written = sorted(answers.folder.iterdir())
    assert clicked == [True] and seen and seen[0][0].startswith("Bezig met de werkmap voor") and seen[0][1] == 6
    assert 1 <= len(written) < 6
    assert recorded_messages.shown[-1][2].startswith(f"Geannuleerd na {len(written)} van 6 werkmappen")


def test_escape_before_the_commit_cancels(parent: QWidget) -> None:
    def work(task: Task) -> str:
        for _ in range(30):
            time.sleep(0.05)
            task.check()
        return "klaar"

    at(600, lambda: QTest.keyClick(visible_dialog(), Qt.Key.Key_Escape))
    assert run_task(parent, "Bezig met rekenen…", work) is None


# ---------------------------------------------------------------- LatestRead: reads while the user types on

def gated(gate: threading.Event, answer: str, started: list[str] | None = None):  # type: ignore[no-untyped-def]
    """A read that waits for `gate`, then answers `answer` with the thread it ran in and its session's dialect."""
    def read(session) -> tuple[str, int, str]:  # type: ignore[no-untyped-def]
        if started is not None:
            started.append(answer)
        assert gate.wait(10)
        return answer, threading.get_ident(), session.get_bind().dialect.name
    return read


def test_latest_read_delivers_only_the_latest_answer(qtbot, demo_db: Database) -> None:
    loader = latest_read.LatestRead(Runner(demo_db))
    first, later = threading.Event(), threading.Event()
    later.set()
    started: list[str] = []
    shown: list[tuple[str, int, str]] = []
    loader.request(gated(first, "ab", started), on_result=shown.append)
    qtbot.waitUntil(lambda: started == ["ab"])
    loader.request(gated(later, "abc-", started), on_result=shown.append)  # waits, then is replaced
    loader.request(gated(later, "abc", started), on_result=shown.append)
    assert loader.running and loader.waiting
    first.set()  # the read for "ab" ends now; its answer is stale
    qtbot.waitUntil(lambda: not loader.waiting)
    assert [answer for answer, _, _ in shown] == ["abc"] and started == ["ab", "abc"]
    assert shown[0][1] != threading.get_ident() and shown[0][2] == "sqlite"  # a session of its own, elsewhere


def test_latest_read_leaves_the_event_loop_running_and_says_when_busy(qtbot, demo_db: Database) -> None:
    loader = latest_read.LatestRead(Runner(demo_db), delay_ms=50)
    gate = threading.Event()
    busy: list[bool] = []
    loader.busy.connect(busy.append)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    shown: list[tuple[str, int, str]] = []
    loader.request(gated(gate, "abc"), on_result=shown.append)  # returns at once
    assert shown == [] and loader.waiting
    qtbot.waitUntil(lambda: busy == [True] and len(ticks) >= 5)  # timers run while the read waits
    gate.set()
    qtbot.waitUntil(lambda: not loader.waiting)
    timer.stop()
    assert busy == [True, False] and [answer for answer, _, _ in shown] == ["abc"]


def test_latest_read_cancelled_delivers_nothing(qtbot, demo_db: Database) -> None:
    loader = latest_read.LatestRead(Runner(demo_db), delay_ms=0)
    gate = threading.Event()
    busy: list[bool] = []
    loader.busy.connect(busy.append)
    shown: list[object] = []
    loader.request(gated(gate, "abc"), on_result=shown.append)
    qtbot.waitUntil(lambda: busy == [True])
    loader.cancel()
    assert busy == [True, False] and not loader.waiting and loader.running
    gate.set()
    qtbot.waitUntil(lambda: not loader.running)
    qtbot.wait(20)
    assert shown == []


def test_latest_read_hands_a_refusal_to_its_handler(qtbot, demo_db: Database) -> None:
    from models.services import hour_list
    from models.services.hour_list import HourListQuery

    loader = latest_read.LatestRead(Runner(demo_db))
    errors: list[BaseException] = []
    loader.request(hour_list.count, HourListQuery("2030-2031"), on_result=pytest.fail, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert "2030-2031" in str(errors[0])


def test_a_worker_leaves_switching_the_collector_on_to_the_ui_thread() -> None:
    """The collector is paused while a worker reads; the worker that ends the pause does not switch it on (the
    collection held back would run at its next allocation, in that worker, and may free a Qt widget there):
    the UI thread does, where it takes the answer."""
    import gc

    assert gc.isenabled()

    def work() -> None:
        with background.no_collection_here():
            assert not gc.isenabled()

    worker = threading.Thread(target=work)
    try:
        worker.start()
        worker.join()
        assert not gc.isenabled()
    finally:
        background.collection_settled()
    assert gc.isenabled()


def test_a_latest_read_switches_the_collector_on_when_its_answer_is_taken(qtbot, demo_db: Database) -> None:
    """Every collection around a read that allocates runs on the UI thread; the collector is on once answered."""
    import gc

    threads: list[int] = []

    def noted(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    def allocating(_session) -> int:  # type: ignore[no-untyped-def]
        kept = [[i] for i in range(50_000)]  # far past the youngest generation's threshold
        return len(kept)

    loader = latest_read.LatestRead(Runner(demo_db))
    answers: list[int] = []
    gc.callbacks.append(noted)
    try:
        loader.request(allocating, on_result=answers.append)
        qtbot.waitUntil(lambda: answers == [50_000])
        assert gc.isenabled()
        [[i] for i in range(50_000)]  # the UI thread allocates: the collection held back runs here
    finally:
        gc.callbacks.remove(noted)
        background.collection_settled()
    assert threads and set(threads) == {threading.get_ident()}


def test_an_answer_taken_as_its_worker_ends_leaves_the_collector_on(qtbot, demo_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The answer is handed over after the worker's pause has ended: a UI thread that takes it at once (here:
    while the pause takes 50 ms to end) still finds the pause over and switches the collector on."""
    import gc

    ending = background._NoCollection.__exit__

    def slow_end(self, *exc) -> None:  # type: ignore[no-untyped-def]
        time.sleep(0.05)  # as a thread switch just before the pause ends
        ending(self, *exc)

    monkeypatch.setattr(background._NoCollection, "__exit__", slow_end)
    loader = latest_read.LatestRead(Runner(demo_db))
    answers: list[int] = []
    try:
        loader.request(lambda _session: 42, on_result=answers.append)
        qtbot.waitUntil(lambda: answers == [42])
        assert gc.isenabled()
    finally:
        background.collection_settled()


def test_cancelled_work_switches_the_collector_on_once_its_worker_ends(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Work cancelled while it runs: nobody takes its answer, and the collector is on again once it has ended."""
    import gc

    ended = threading.Event()

    def long(task: Task) -> str:
        try:
            for _ in range(200):
                task.check()
                time.sleep(0.02)
            return "te laat"
        finally:
            ended.set()

    clicked = at(600, click_cancel)
    try:
        assert run_task(parent, "Bezig met lang werk…", long) is None
        assert clicked == [True]
        qtbot.waitUntil(ended.is_set)
        qtbot.waitUntil(gc.isenabled, timeout=3000)
    finally:
        background.collection_settled()


def test_a_worker_reads_with_the_collector_off_whatever_switched_it_on_meanwhile() -> None:
    """While the collector waits for the UI thread to switch it on, something else may have done so: the next
    worker's pause still switches it off."""
    import gc

    inside: list[bool] = []

    def work() -> None:
        with background.no_collection_here():
            inside.append(gc.isenabled())

    try:
        for switched_on in (False, True):
            worker = threading.Thread(target=work)
            worker.start()
            worker.join()
            if switched_on:
                gc.enable()
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    finally:
        background.collection_settled()
        gc.enable()
    assert inside == [False, False, False]
