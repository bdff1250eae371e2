"""Command-line commands for providers' hour sheets (CLI.md): `hours template` and `hours import`.

`add_commands(hours)` adds both to the sub-parser group of `hours`; `COMMANDS` maps
("hours", action) to its handler, which gets (db, args, today) like every command.
openpyxl is imported inside the handlers, never at start-up.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from models.db import Database

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]


def add_commands(hours: Any) -> None:
    """Add `template` and `import` to the `hours` sub-parser group."""
    sheet = hours.add_parser("template", help="een urenlijst (XLSX) om in te vullen voor een dienstverlener")
    sheet.add_argument("--year", required=True)
    sheet.add_argument("--provider", required=True)
    sheet.add_argument("--month", metavar="JJJJ-MM", help="alleen de rijen van deze maand")
    sheet.add_argument("-o", "--output", required=True, type=Path, metavar="BESTAND.xlsx")
    importer = hours.add_parser("import", help="lees een ingevulde urenlijst in: alle rijen of geen")
    importer.add_argument("file", type=Path, metavar="BESTAND.xlsx")


def template(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """Write a provider's hour sheet: its confirmed agreements and the months that can take hours now (with
    --month, that month only)."""
    from exports.files import check_suffix, check_target
    from exports.hour_sheet_xlsx import write_hour_sheet
    from models.domain.months import Month
    from models.services import hour_sheets

    month = Month.parse(args.month, what="--month") if args.month else None
    check_suffix(args.output, (".xlsx",))
    check_target(args.output)
    with db.read() as session:
        data = hour_sheets.template_rows(session, args.year, args.provider, today, month)
    rows = f"{len(data.rows)} {'rij' if len(data.rows) == 1 else 'rijen'}"
    print(f"Opgeslagen als {write_hour_sheet(data, args.output)} ({rows}).", file=sys.stderr)


def import_(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """Import a filled-in hour sheet as a whole, or refuse it naming the first problems."""
    from models.services import hour_sheets

    sheet = hour_sheets.read_sheet(args.file)  # the file is read before the database is locked for writing
    with db.write() as session:
        result = hour_sheets.import_sheet(session, sheet, today)
    print(result.summary, file=sys.stderr)
    for warning in result.warnings:
        print(f"Let op: {warning}.", file=sys.stderr)


COMMANDS: dict[tuple[str, str], Handler] = {
    ("hours", "template"): template,
    ("hours", "import"): import_,
}
