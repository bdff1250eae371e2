"""One writer at a time: a lock file beside the database, naming the host and process that hold it."""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    app: str

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def alive(self) -> bool:
        """Whether the holding process still runs (only knowable on this host). Not os.kill(pid, 0): on
        Windows signal 0 is CTRL_C_EVENT, which would interrupt the holder instead of asking after it."""
        if not self.here:
            return True
        import psutil

        return bool(psutil.pid_exists(self.pid))

    def describe(self) -> str:
        return f"{self.app or 'SWV Uren'} op computer {self.host or 'onbekend'} (proces {self.pid})"


class DatabaseLock:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # never taken over silently: the user decides

    def acquire(self) -> bool:
        """Take the lock unless someone holds it — or held it and crashed: Qt would silently take
        such a lock over, but here the user decides (see `stale_holder`, `take_over`)."""
        if self.stale_holder() is not None:
            return False
        return self._lock.tryLock(0)

    def holder(self) -> Holder | None:
        if not self.path.exists():
            return None
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 4:  # some bindings add a success flag first
            ok, *info = info
            if not ok:
                return None
        pid, host, app = info
        return Holder(int(pid), str(host), str(app)) if pid else None

    def stale_holder(self) -> Holder | None:
        """The holder of a lock left behind by a process that no longer runs on this computer."""
        holder = self.holder()
        return holder if holder is not None and not holder.alive else None

    def take_over(self) -> bool:
        """After the user agreed that the holder is gone (a crash): remove its lock and take it."""
        if self.stale_holder() is not None:
            self.path.unlink(missing_ok=True)
        return self._lock.tryLock(0)

    def release(self) -> None:
        self._lock.unlock()


def network_drive(path: Path) -> bool:
    """A database on a network share risks corruption with SQLite's locking."""
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = str(path.resolve())[:3]
        return drive.startswith("\\\\") or ctypes.windll.kernel32.GetDriveTypeW(drive) == 4
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    resolved = str(path.resolve())
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, kind = parts[1], parts[2]
    return kind in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p"}
