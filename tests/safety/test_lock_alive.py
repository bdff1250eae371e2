"""Whether a lock's holder still runs is asked without signalling it (on Windows os.kill(pid, 0) is Ctrl+C)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

from desktop.lock import Holder


def test_alive_sends_no_signal(monkeypatch) -> None:
    """The lock asks psutil (OpenProcess on Windows), never os.kill itself."""
    import types

    import desktop.lock

    def no_signals(*_args: object) -> None:
        raise AssertionError("os.kill would send CTRL_C_EVENT to the holder on Windows")

    monkeypatch.setattr(desktop.lock, "os", types.SimpleNamespace(kill=no_signals, name=os.name))
    assert Holder(os.getpid(), socket.gethostname(), "SWV Uren").alive


def test_a_finished_holder_is_not_alive() -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert not Holder(int(ended.stdout), socket.gethostname(), "SWV Uren").alive


def test_a_holder_on_another_computer_counts_as_alive() -> None:
    assert Holder(1, "een-andere-computer", "SWV Uren").alive
