"""Command-line commands for reports, exports and hour sheets (CLI.md): `report ...`, `export ...`,
`hours template`, `hours import`. Registered by desktop.cli; each handler gets (db, args, today)."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any, Callable

from models.db import Database

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]
COMMANDS: dict[tuple[str, str], Handler] = {}


def add_commands(commands: Any, hours: Any) -> None:
    """Add the report and export sub-commands; `hours` is the sub-parser group of `hours`."""
    # Filled in by the reports issue: report alv / provider / innovation / directory,
    # export board / boards / innovation, hours template / import.
    return None
