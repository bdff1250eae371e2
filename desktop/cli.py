"""The command line `swv-uren`: the same services as the app, without a screen (see README)."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sqlite3
import sys
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from sqlalchemy.exc import DBAPIError

from models import clock
from models.dbfile import schema_revision
from models.db import (
    Database, DatabaseMissing, database_failure, empty_server, is_server, open_database, server_is_new, shown,
    sqlite_path, url_problem,
)
from models.domain.agreements import Kind
from models.domain.errors import InvalidInput, Refusal, quoted
from models.domain.months import Month
from models.domain.units import parse_hours

from . import csvout
from .argparse_nl import DutchArgumentParser
from .paths import database_url

EXIT_REFUSED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Wrong use of the command line (exit 2)."""


class DutchParser(DutchArgumentParser):
    """argparse in Dutch (its usage, help and complaints, see argparse_nl) with exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(_dutch_usage(message, self.prog))


def _dutch_usage(message: str, prog: str) -> str:
    replacements = [
        ("the following arguments are required:", "deze opties ontbreken:"),
        ("unrecognized arguments:", "onbekende argumenten:"),
        ("invalid choice:", "ongeldige keuze:"),
        ("choose from", "kies uit"),
        ("expected one argument", "verwacht één waarde"),
        ("argument", "argument"),
    ]
    for english, dutch in replacements:
        message = message.replace(english, dutch)
    return f"{prog}: {message}. Zie '{prog} --help'."


def _month(text: str) -> Month:
    return Month.parse(text)


def _date(text: str) -> dt.date:
    try:
        return clock.parse_date(text)
    except ValueError:
        raise InvalidInput(f"{quoted(text)} is geen datum; schrijf JJJJ-MM-DD.") from None


def _hours(text: str) -> int:
    return parse_hours(text)


def _version() -> str:
    from .version import version

    return version()


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(prog="swv-uren", description="SWV Uren: expertise-uren van het samenwerkingsverband.")
    parser.add_argument("--db", help="SQLite-bestand of SQLAlchemy-URL (standaard: SWV_UREN_DB of de gegevensmap)")
    parser.add_argument("--smoke", action="store_true",
                        help="open het hoofdvenster met het eerste scherm en stop; afsluitcode 1 bij een fout")
    parser.add_argument("--smoke-all", action="store_true",
                        help="als --smoke, maar open elk scherm van het venster")
    parser.add_argument("--version", action="version", version=f"swv-uren {_version()}",
                        help="toon het versienummer en stop")
    commands = parser.add_subparsers(dest="command", parser_class=DutchParser, metavar="COMMANDO")

    commands.add_parser("demo", help="vul een lege database met het demojaar 2016-2017")

    year = commands.add_parser("year", help="schooljaren").add_subparsers(dest="action", required=True,
                                                                         parser_class=DutchParser)
    year_import = year.add_parser("import", help="maak een schooljaar aan uit een opzet-werkmap")
    year_import.add_argument("file", type=Path)

    for name, text in (("allocation", "de verdeling als CSV"), ("budgets", "maandbudgetten en gebruik als CSV")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--year", required=True)

    agreement = commands.add_parser("agreement", help="overeenkomsten").add_subparsers(
        dest="action", required=True, parser_class=DutchParser)
    add = agreement.add_parser("add", help="registreer een overeenkomst")
    for option in ("--year", "--board", "--provider", "--hours", "--from", "--to"):
        add.add_argument(option, required=True)
    for option in ("--school", "--kind", "--description", "--reported", "--registered", "--pupil"):
        add.add_argument(option)
    for step, text in (("confirm", "bevestig een overeenkomst aan beide partijen"),
                       ("complete", "rond een overeenkomst af"), ("withdraw", "trek een overeenkomst in")):
        sub = agreement.add_parser(step, help=text)
        sub.add_argument("number")
        sub.add_argument("--date")
        if step == "confirm":
            sub.add_argument("--letter", type=Path, metavar="MAP",
                             help="schrijf de bevestigingsbrief (PDF) en een e-mailconcept (.eml) in MAP")

    hours = commands.add_parser("hours", help="gerealiseerde uren").add_subparsers(
        dest="action", required=True, parser_class=DutchParser)
    hours_add = hours.add_parser("add", help="registreer gerealiseerde uren")
    for option in ("--agreement", "--month", "--hours"):
        hours_add.add_argument(option, required=True)
    hours_add.add_argument("--note", default="")

    res = commands.add_parser("reserve", help="reserve").add_subparsers(dest="action", required=True,
                                                                       parser_class=DutchParser)
    grant = res.add_parser("grant", help="ken reserve-uren toe voor één maand")
    for option in ("--year", "--board", "--provider", "--month", "--hours", "--reason"):
        grant.add_argument(option, required=True)

    month = commands.add_parser("month", help="maanden afsluiten en heropenen").add_subparsers(
        dest="action", required=True, parser_class=DutchParser)
    close = month.add_parser("close", help="sluit een maand af")
    reopen = month.add_parser("reopen", help="heropen een afgesloten maand")
    for sub in (close, reopen):
        sub.add_argument("--year", required=True)
        sub.add_argument("--month", required=True)
    reopen.add_argument("--reason", required=True)

    from . import cli_figures, cli_library, cli_reports, cli_sheets, cli_updates

    cli_reports.add_commands(commands, hours)
    cli_library.add_commands(commands)
    cli_sheets.add_commands(hours)
    cli_figures.add_commands(commands)
    cli_updates.add_commands(commands)

    commands.add_parser("check", help="controleer de database")
    backup = commands.add_parser("backup", help="maak een consistente kopie van de database")
    backup.add_argument("-o", "--output", required=True, type=Path)
    copy = commands.add_parser("copy", help="kopieer alle gegevens naar een andere, lege database "
                                            "(bijvoorbeeld van het bestand naar PostgreSQL)")
    copy.add_argument("--to", required=True, help="bestandspad of URL van de lege doeldatabase")
    from .argparse_nl import fill_in
    from .cli_help import HELPS, METAVARS

    fill_in(parser, HELPS, METAVARS)
    return parser


def _app_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the app (`--db`, `--smoke`, `--smoke-all`); None when there is more to parse.
    The app then starts without building (and importing) every command's parser."""
    parser = DutchParser(prog="swv-uren", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--smoke-all", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except UsageError:
        return None  # the full parser says what is wrong
    if rest:
        return None
    args.command = None
    return args


# Commands that may create the database file; all others refuse a missing one.
CREATES = {"demo", "year"}
# Commands that only read: the file is opened read-only (an older schema is upgraded first, in its own step).
READS = {"allocation", "budgets", "report", "export", ("hours", "template"), "reports"}


def _reads_only(args: argparse.Namespace) -> bool:
    return args.command in READS or (args.command, getattr(args, "action", None)) in READS


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        args = _app_arguments(argv) or build_parser().parse_args(argv)
        today = clock.today()
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:  # a malformed SWV_UREN_TODAY
        print(f"swv-uren: {error}", file=sys.stderr)
        return EXIT_USAGE
    url = database_url(args.db)
    problem = url_problem(url)
    if problem is not None:  # --db (or SWV_UREN_DB) is no path or URL we can use: wrong use
        print(f"swv-uren: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        from .app import run_app

        return run_app(url, smoke=args.smoke or args.smoke_all, every_page=args.smoke_all)
    from . import collector

    collector.started()  # a command runs with the collector as usual
    path = sqlite_path(url)
    existed = path is None or path.exists()
    new_folders = [] if existed or path is None else _missing_folders(path.parent)
    new_server = path is None and args.command in CREATES and server_is_new(url)
    db: Database | None = None
    done = False  # the command ran to its end; else a database it created is removed again
    try:
        if args.command == "check":
            from models.services import integrity

            return integrity.run_check(url, sys.stdout)
        if args.command == "backup":
            return _backup(url, args.output)
        if args.command == "copy":
            return _copy(url, args.to)
        db = open_database(url, create=args.command in CREATES, read_only=_reads_only(args))
        code = COMMANDS[args.command](db, args, today) or 0
        done = True
        return code
    except BrokenPipeError:  # the output went to a reader that stopped early (e.g. `| head`)
        sys.stdout = None  # type: ignore[assignment]  # nothing more can be written there
        done = True
        return 0
    except (Refusal, DBAPIError, sqlite3.DatabaseError) as error:
        if not isinstance(error, Refusal):  # the server, the connection or the file failed mid-command
            error = database_failure(error, server=path is None)
        print(error.message, file=sys.stderr)
        return EXIT_REFUSED
    finally:
        if db is not None:
            db.dispose()
        if not done and not existed and path is not None and args.command in CREATES:
            _remove_new_database(path, new_folders)  # refused, or a programming error: no file left behind
        if not done and new_server:
            empty_server(url)  # the server database as it was handed over


def _remove_new_database(path: Path, new_folders: list[Path]) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):  # a path that could not hold a file in the first place
            leftover.unlink(missing_ok=True)
    for folder in new_folders:  # innermost first; made for the file that is not there now
        with contextlib.suppress(OSError):
            folder.rmdir()


def _missing_folders(folder: Path) -> list[Path]:
    """The folders of a new database file that do not exist yet, innermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _demo(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import demo

    with db.write() as session:
        demo.fill(session, today)
    print("Demojaar 2016-2017 aangemaakt.", file=sys.stderr)


def _year(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import year_import

    with db.write() as session:
        label = year_import.import_year(session, args.file)
    print(f"Schooljaar {label} ingelezen.", file=sys.stderr)


def _allocation(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import reporting

    with db.read() as session:
        alloc = reporting.allocation(session, args.year)
    csvout.allocation(sys.stdout, alloc)
    for line in alloc.warnings:
        print(f"Let op: {line}", file=sys.stderr)


def _budgets(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import reporting

    with db.read() as session:
        rows = reporting.budget_rows(session, args.year, today)
    csvout.budgets(sys.stdout, rows)


def _agreement(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import agreements

    if args.action == "add":
        cmd = agreements.AgreementInput(
            year=args.year, board=args.board, provider=args.provider, minutes=_hours(args.hours),
            first_month=_month(args.__dict__["from"]), last_month=_month(args.to), school=args.school or "",
            kind=Kind.parse(args.kind) if args.kind else Kind.ARRANGEMENT, description=args.description or "",
            pupil_ref=args.pupil or "",
            reported_on=_date(args.reported) if args.reported else None,
            registered_on=_date(args.registered) if args.registered else None)
        with db.write() as session:
            number = agreements.register(session, cmd, today)
        print(number)
        return
    step: Callable[..., None] = {"confirm": agreements.confirm, "complete": agreements.complete,
                                 "withdraw": agreements.withdraw}[args.action]
    day = _date(args.date) if args.date else today
    if args.action == "confirm":  # also says on stderr when the period is over (no hours can be booked)
        from . import cli_reports

        return cli_reports.confirm(db, args, day, today)
    with db.write() as session:
        step(session, args.number, day, today)


def _hours_cmd(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import hours

    cmd = hours.HoursInput(args.agreement.strip(), _month(args.month), _hours(args.hours), args.note, source="cli")
    if not db.is_server:
        # First the checks without SQLite's write lock: a refusal needs no turn, and the queries are prepared
        # (a new process compiles each one once) before other writers have to wait for this one. Under the
        # lock the same checks run again on what is there then. (On a server the checks lock rows.)
        with db.read() as session:
            hours.check(session, cmd, today)
    with db.write() as session:
        hours.register(session, cmd, today)


def _reserve(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import reserve

    cmd = reserve.GrantInput(args.year, args.board, args.provider, _month(args.month), _hours(args.hours),
                             args.reason)
    with db.write() as session:
        reserve.grant(session, cmd, today)


def _month_cmd(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import months

    with db.write() as session:
        if args.action == "close":
            months.close(session, args.year, args.month, today)
        else:
            months.reopen(session, args.year, args.month, args.reason)


def _backup(url: str, target: Path) -> int:
    from models import backup

    path = sqlite_path(url)
    if path is None and is_server(url):
        backup.dump_server(url, target)  # pg_dump, custom format (pg_restore puts it back)
        print(f"Kopie (pg_dump) opgeslagen als {target}.", file=sys.stderr)
        return 0
    if path is None:
        raise Refusal("Een kopie maken kan hier alleen van een SQLite-bestand of een PostgreSQL-database; "
                      "gebruik voor deze database de back-upmiddelen van de server.")
    if not path.exists():
        raise DatabaseMissing(f"Database {path} bestaat niet; controleer het pad.")
    schema_revision(path)  # only an SWV Uren database (of any version) is copied
    backup.copy(path, target)
    print(f"Kopie opgeslagen als {target}.", file=sys.stderr)
    return 0


def _copy(source_url: str, target: str) -> int:
    """All data into another, empty database (a new SQLite file or server database is prepared first).
    A refused copy leaves a new target file behind no more than a refused `demo` does."""
    from models import transfer
    from models.db import to_url

    target_url = to_url(target)
    problem = url_problem(target_url)
    if problem is not None:
        raise Refusal(problem)
    target_path = sqlite_path(target_url)
    new_file = target_path is not None and not target_path.exists()
    source = open_database(source_url, read_only=True)
    try:
        destination = open_database(target_url, create=True)
        try:
            counts = transfer.copy_all(source, destination)
        finally:
            destination.dispose()
    except BaseException:
        if new_file and target_path is not None:
            _remove_new_database(target_path, [])
        raise
    finally:
        source.dispose()
    print(f"{sum(counts.values())} rijen gekopieerd naar {target_path or shown(target_url)}.", file=sys.stderr)
    return 0


def _dispatch_hours(db: Database, args: argparse.Namespace, today: dt.date) -> int | None:
    if args.action == "add":
        return _hours_cmd(db, args, today)
    from . import cli_reports, cli_sheets

    handler = cli_sheets.COMMANDS.get(("hours", args.action)) or cli_reports.COMMANDS[("hours", args.action)]
    return handler(db, args, today)


def _dispatch_reports(db: Database, args: argparse.Namespace, today: dt.date) -> int | None:
    from . import cli_reports

    return cli_reports.COMMANDS[(args.command, args.action)](db, args, today)


def _dispatch_library(db: Database, args: argparse.Namespace, today: dt.date) -> int | None:
    from . import cli_library

    return cli_library.COMMANDS[(args.command, args.action)](db, args, today)


def _dispatch_figures(db: Database, args: argparse.Namespace, today: dt.date) -> int | None:
    from . import cli_figures

    return cli_figures.COMMANDS[args.command](db, args, today)


def _dispatch_updates(db: Database, args: argparse.Namespace, today: dt.date) -> int | None:
    from . import cli_updates

    return cli_updates.COMMANDS[(args.command, getattr(args, "action", None))](db, args, today)


COMMANDS: dict[str, Callable[[Database, argparse.Namespace, dt.date], int | None]] = {
    "demo": _demo,
    "year": _year,
    "allocation": _allocation,
    "budgets": _budgets,
    "agreement": _agreement,
    "hours": _dispatch_hours,
    "report": _dispatch_reports,
    "export": _dispatch_reports,
    "reserve": _reserve,
    "month": _month_cmd,
    "forecast": _dispatch_figures,
    "history": _dispatch_figures,
    "updates": _dispatch_updates,
    "settings": _dispatch_updates,
    "reports": _dispatch_library,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
