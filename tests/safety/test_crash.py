"""Crash safety, proven: 200 kills during transactions, no acknowledged commit lost, the file sound."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.safety import crash


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_two_hundred_kills_lose_no_acknowledged_commit(tmp_path: Path) -> None:
    results = crash.run(200, tmp_path)
    # The kills really landed in the middle of work: commits happened, in many of the trials.
    assert results[-1].events > 100
    assert sum(1 for a, b in zip(results, results[1:]) if b.events > a.events) > 50
