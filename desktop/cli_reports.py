"""Command-line commands for reports, exports and hour sheets (CLI.md): `report ...`, `export ...`,
`hours template`, `hours import`. Registered by desktop.cli; each handler gets (db, args, today).

reportlab and openpyxl are imported inside the handlers (through `exports`), never at start-up.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Callable

from sqlalchemy.orm import Session

from models.db import Database
from models.domain.reasons import os_reason
from models.services.settings import DEFAULT_SWV_NAME

SWV_NAME_ENV = "SWV_UREN_SWV"  # the SWV's name in report headings, when --swv is not given

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]
COMMANDS: dict[tuple[str, str], Handler] = {}


def add_commands(commands: Any, hours: Any) -> None:
    """Add the report and export sub-commands; `hours` is the sub-parser group of `hours`."""
    from .cli import DutchParser

    report = commands.add_parser("report", help="overzichten als PDF (of XLSX)").add_subparsers(
        dest="action", required=True, parser_class=DutchParser, metavar="OVERZICHT")
    export = commands.add_parser("export", help="werkmappen (XLSX) per schoolbestuur").add_subparsers(
        dest="action", required=True, parser_class=DutchParser, metavar="EXPORT")

    alv = report.add_parser("alv", help="het ALV-overzicht (PDF)")
    _year_output(alv, "BESTAND.pdf")
    provider = report.add_parser("provider", help="maandelijkse inzet per bestuur van een dienstverlener")
    provider.add_argument("--provider", required=True)
    _year_output(provider, "BESTAND.pdf|BESTAND.xlsx")

    board = export.add_parser("board", help="de werkmap van één schoolbestuur")
    board.add_argument("--board", required=True)
    _year_output(board, "BESTAND.xlsx")
    boards = export.add_parser("boards", help="één werkmap per schoolbestuur in een map")
    _year_output(boards, "MAP")

    innovation_pdf = report.add_parser("innovation", help="uitputting van de innovatiebudgetten, betaallijst (PDF)")
    _year_output(innovation_pdf, "BESTAND.pdf")
    innovation_xlsx = export.add_parser("innovation", help="uitputting van de innovatiebudgetten (XLSX)")
    _year_output(innovation_xlsx, "BESTAND.xlsx")
    for group, metavar, text in ((report, "BESTAND.pdf", "de expertisegids (PDF)"),
                                 (export, "BESTAND.xlsx", "de expertisegids (XLSX)")):
        directory = group.add_parser("directory", help=text)
        _output(directory, metavar)
        directory.add_argument("--inactive", action="store_true",
                               help="ook deskundigen die op niet actief staan")

    COMMANDS.update({
        ("report", "alv"): report_alv,
        ("report", "provider"): report_provider,
        ("export", "board"): export_board,
        ("export", "boards"): export_boards,
        ("report", "innovation"): report_innovation,
        ("export", "innovation"): export_innovation,
        ("report", "directory"): report_directory,
        ("export", "directory"): export_directory,
    })


def _year_output(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument("--year", required=True)
    _output(parser, metavar)


def _output(parser: argparse.ArgumentParser, metavar: str) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar=metavar)
    parser.add_argument("--swv", default=None, metavar="NAAM",
                        help=f"naam van het samenwerkingsverband in de kop (standaard: {SWV_NAME_ENV} of "
                             f"'{DEFAULT_SWV_NAME}')")


def swv_name(args: argparse.Namespace | None, session: Session) -> str:
    """--swv, else the environment variable SWV_UREN_SWV, else the name set in the database (in the app:
    Rapporten → Naam van het samenwerkingsverband), else 'Samenwerkingsverband'."""
    from models.services import settings

    given = getattr(args, "swv", None) if args is not None else None
    return (given or os.environ.get(SWV_NAME_ENV) or "").strip() or settings.swv_name(session)


def _saved(*paths: Path) -> None:
    for path in paths:
        print(f"Opgeslagen als {path}.", file=sys.stderr)


def report_alv(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from exports.alv_pdf import write_alv_pdf
    from exports.files import check_suffix, check_target
    from models.services import reports

    check_suffix(args.output, (".pdf",))
    check_target(args.output)
    with db.read() as session:
        data = reports.alv_report(session, args.year, today, swv_name=swv_name(args, session))
    _saved(write_alv_pdf(data, args.output))


def report_provider(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from exports.files import check_suffix, check_target
    from exports.provider_report import write_provider_report
    from models.services import reports

    check_suffix(args.output, (".pdf", ".xlsx"))
    check_target(args.output)
    with db.read() as session:
        data = reports.provider_report(session, args.year, args.provider, today, swv_name=swv_name(args, session))
    _saved(write_provider_report(data, args.output))


def export_board(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from exports.board_xlsx import write_board_xlsx
    from exports.files import check_suffix, check_target
    from models.services import reports

    check_suffix(args.output, (".xlsx",))
    check_target(args.output)
    with db.read() as session:
        data = reports.board_report(session, args.year, args.board, today, swv_name=swv_name(args, session))
    _saved(write_board_xlsx(data, args.output))


def export_boards(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from exports.board_xlsx import write_board_workbooks
    from exports.files import check_folder
    from models.services import reports

    check_folder(args.output)
    with db.read() as session:
        data = reports.board_reports(session, args.year, today, swv_name=swv_name(args, session))
    _saved(*write_board_workbooks(data, args.output))


def report_innovation(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """`report innovation --year Y -o FILE.pdf`: exhaustion per network and theme, questions, payment list."""
    from exports.innovation_pdf import write_innovation_pdf

    _write(args, ".pdf", write_innovation_pdf, lambda: _innovation_report(db, args, today))


def export_innovation(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """`export innovation --year Y -o FILE.xlsx`: the same figures as a workbook."""
    from exports.innovation_xlsx import write_innovation_xlsx

    _write(args, ".xlsx", write_innovation_xlsx, lambda: _innovation_report(db, args, today))


def report_directory(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """`report directory -o FILE.pdf`: the printed expertise directory (Gouden Gids)."""
    from exports.directory_pdf import write_directory_pdf

    _write(args, ".pdf", write_directory_pdf, lambda: _directory_report(db, args, today))


def export_directory(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """`export directory -o FILE.xlsx`: the expertise directory as a workbook."""
    from exports.directory_xlsx import write_directory_xlsx

    _write(args, ".xlsx", write_directory_xlsx, lambda: _directory_report(db, args, today))


def _write(args: argparse.Namespace, suffix: str, write: Callable[[Any, Path], Path], build: Callable[[], Any]) -> None:
    """Check the file name first (nothing is read for a wrong one), then build the data and write it."""
    from exports.files import check_suffix, check_target

    check_suffix(args.output, (suffix,))
    check_target(args.output)
    _saved(write(build(), args.output))


def _innovation_report(db: Database, args: argparse.Namespace, today: dt.date):  # type: ignore[no-untyped-def]
    from models.services import innovation_report

    with db.read() as session:
        return innovation_report.innovation_report(session, args.year, today, swv_name=swv_name(args, session))


def _directory_report(db: Database, args: argparse.Namespace, today: dt.date):  # type: ignore[no-untyped-def]
    from models.services import innovation_report

    with db.read() as session:
        return innovation_report.directory_report(session, today, swv_name=swv_name(args, session),
                                                  include_inactive=args.inactive)


def late_warning(session: Any, number: str, day: dt.date) -> str:
    """One Dutch line when an agreement is confirmed after its last month (allowed, but nothing can be used on it
    any more); '' otherwise."""
    from models.domain.months import Month
    from models.services import agreements

    row = agreements.get(session, number)
    if Month.of(day) <= row.last_month:
        return ""
    return (f"Let op: overeenkomst {row.number} liep t/m {row.last_month.label}; na de bevestiging op "
            f"{day.day}-{day.month}-{day.year} kunnen er geen uren meer op worden geboekt.")


def confirm(db: Database, args: argparse.Namespace, day: dt.date, today: dt.date) -> None:
    """`agreement confirm NUMBER [--letter DIR]`: confirm (also after the last month: scripts rely on it), and say
    on stderr when no hours can be used on it any more."""
    from models.services import agreements

    if getattr(args, "letter", None) is not None:
        return confirm_with_letter(db, args, day, today)
    with db.write() as session:
        agreements.confirm(session, args.number, day, today)
        warning = late_warning(session, args.number, day)
    if warning:
        print(warning, file=sys.stderr)


def confirm_with_letter(db: Database, args: argparse.Namespace, day: dt.date, today: dt.date) -> None:
    """`agreement confirm NUMBER --letter DIR`: confirm, and write the letter and the e-mail draft.

    All in one transaction: when the files cannot be written, the agreement stays unconfirmed."""
    from exports.letter import recipients, write_confirmation
    from models.domain.errors import InvalidInput
    from models.services import agreements, reports

    folder: Path = args.letter
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is een bestand, geen map; geef bij --letter een map op.")
    with db.write() as session:
        agreements.confirm(session, args.number, day, today)
        letter = reports.confirmation_letter(session, args.number, swv_name=swv_name(None, session))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InvalidInput(f"De map {folder} kan niet worden aangemaakt ({os_reason(error)}).") from None
        written = write_confirmation(letter, folder)
        warning = late_warning(session, args.number, day)
    if warning:
        print(warning, file=sys.stderr)
    _saved(*written)
    for problem in recipients(letter)[1]:
        print(f"Let op: {problem}", file=sys.stderr)
