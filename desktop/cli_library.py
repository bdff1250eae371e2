"""The report library (Verslagen) on the command line: `reports list` prints the received reports as CSV (with
`--versions` also the earlier versions kept), `reports save` writes a question's report file. Registered by
desktop.cli; each handler gets (db, args, today)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from models.db import Database
from models.domain.errors import InvalidInput

from . import csvout

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]

HEADER = ["schooljaar", "nummer", "vraag", "verslag", "netwerk", "thema", "scholen", "uitvoerders", "ontvangen",
          "bestand", "bestandstype", "versie", "huidig", "toegevoegd", "passage"]
LIST_SEPARATOR = " | "  # between the schools, and between the executors, of one report


def _version(text: str) -> int:
    """`--version`: a whole number from 1 (wrong use otherwise, exit 2)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"versie '{text[:40]}' is geen geheel getal vanaf 1")
    return int(text)


def add_commands(commands: Any) -> None:
    from .cli import DutchParser

    reports = commands.add_parser("reports", help="de verslagen van ondersteuningsvragen (Verslagen)").add_subparsers(
        dest="action", required=True, parser_class=DutchParser, metavar="ACTIE")
    listing = reports.add_parser("list", help="de ontvangen verslagen als CSV, over alle schooljaren")
    listing.add_argument("--year", metavar="JAAR", help="alleen dit schooljaar, bijvoorbeeld 2016-2017")
    listing.add_argument("--theme", metavar="THEMA", help="alleen dit thema, bijvoorbeeld Gedrag")
    listing.add_argument("--network", metavar="NETWERK",
                         help="alleen dit regionale netwerk (of Bovenregionaal)")
    listing.add_argument("--kind", metavar="SOORT",
                         help="alleen vragen met een school van deze soort: regulier, SBO, SO, voorschool of VO")
    listing.add_argument("--search", metavar="TEKST",
                         help="alleen verslagen waarvan de tekst elk woord bevat, met de passage erbij")
    listing.add_argument("--versions", action="store_true",
                         help="ook de eerdere versies van vervangen verslagen (huidig = nee)")
    save = reports.add_parser("save", help="schrijf het verslag van een ondersteuningsvraag naar een bestand")
    save.add_argument("--question", required=True, metavar="NUMMER",
                      help="het nummer van de ondersteuningsvraag, bijvoorbeeld 2016-I03")
    save.add_argument("--version", type=_version, metavar="VERSIE",
                      help="een eerdere versie (standaard: de huidige)")
    save.add_argument("-o", "--output", required=True, type=Path, metavar="BESTAND",
                      help="het bestand om te schrijven (of een map: dan met de eigen bestandsnaam)")


def _moment(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def reports_list(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from models.services import report_library as library

    with db.read() as session:
        filters = library.check_filters(session, theme=args.theme, network=args.network, year=args.year,
                                        kind=args.kind)
        entries = library.search(session, args.search or "", **filters)
        if args.versions:
            entries = library.with_versions(session, entries)
    csvout.write(sys.stdout, HEADER, (
        [e.year, e.number, e.question_title, e.report_title, e.network, e.theme, LIST_SEPARATOR.join(e.schools),
         LIST_SEPARATOR.join(e.executors), e.received_on.isoformat() if e.received_on else "", e.file_name, e.kind,
         e.version, "ja" if e.current else "nee", _moment(e.added_at), e.passage] for e in entries))


def reports_save(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    from exports.files import write_bytes_atomic
    from models.services import report_library as library

    with db.read() as session:
        name, data = library.question_report(session, args.question, args.version)
        number = library.versions(session, args.question)[0].number
    target = Path(args.output)
    if target.is_dir():
        target = target / name
    own = Path(name).suffix.lower()
    if target.suffix.lower() != own:
        raise InvalidInput(f"Het verslag is een {own[1:].upper()}-bestand ({name}); geef een bestandsnaam op die "
                           f"eindigt op {own}, of een map.", field="output")
    write_bytes_atomic(target, data)
    shown = f"versie {args.version}" if args.version else "huidige versie"
    print(f"Verslag van {number} ({shown}, {name}) opgeslagen als {target}.", file=sys.stderr)


COMMANDS: dict[tuple[str, str], Handler] = {
    ("reports", "list"): reports_list,
    ("reports", "save"): reports_save,
}
