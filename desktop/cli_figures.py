"""Command-line commands that print figures as CSV beside `allocation` and `budgets` (CLI.md): `forecast` and
`history`. Registered by desktop.cli; each handler gets (db, args, today)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, Callable

from models.db import Database
from models.domain.errors import InvalidInput
from models.domain.months import Month

from . import csvout

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]


def month_argument(text: str) -> Month:
    """A `--month` option: a malformed month is wrong use of the command line (exit 2)."""
    try:
        return Month.parse(text)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(error.message.rstrip(".")) from None


def add_commands(commands: Any) -> None:
    forecast = commands.add_parser("forecast", help="wat er over is en hoeveel daarvan belegd is, als CSV")
    forecast.add_argument("--year", required=True)
    forecast.add_argument("--month", type=month_argument, metavar="JJJJ-MM",
                          help="de lopende maand (standaard: de maand van vandaag)")
    history = commands.add_parser("history", help="de cijfers van elk schooljaar als CSV")
    history.add_argument("--board", help="alleen dit schoolbestuur")


def forecast(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import forecast as service

    with db.read() as session:
        rows = service.forecast_rows(session, args.year, args.month or Month.of(today), today)
    csvout.forecast(sys.stdout, rows)


def history(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import history as service

    with db.read() as session:
        rows = service.history(session, today, board=args.board)
    csvout.history(sys.stdout, rows)


COMMANDS: dict[str, Handler] = {
    "forecast": forecast,
    "history": history,
}
