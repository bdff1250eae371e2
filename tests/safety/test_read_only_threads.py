"""A database opened read-only (a second instance) is read by several threads at once, as the pages do
(views/loading.py): every read gets a connection of its own, none is closed under another's feet."""
from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from models.db import open_database, to_url
from models.orm import HourEntry


def test_reads_in_eight_threads_at_once_on_a_read_only_file(demo_path: Path) -> None:
    db = open_database(to_url(demo_path), read_only=True)
    counts: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def reader() -> None:
        try:
            start.wait()
            for _ in range(20):
                with db.read() as session:
                    counts.append(session.scalar(select(func.count()).select_from(HourEntry)) or 0)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.dispose()
    assert errors == [] and len(counts) == 160 and len(set(counts)) == 1 and counts[0] > 0
