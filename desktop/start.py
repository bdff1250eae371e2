"""The program's entry point (`swv-uren`, `python -m desktop`, the bundle): the cycle collector waits while the
program starts (desktop.collector), then desktop.cli runs the app or the command."""
from __future__ import annotations

from . import collector


def main() -> int:
    collector.starting()
    try:
        from .cli import main as run

        return run()
    finally:
        collector.started()
