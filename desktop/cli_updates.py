"""Command-line commands for the monthly e-mail drafts (CLI.md, DOMAIN.md point 11): `updates boards` and
`updates providers`, and `settings` for the SWV's sending address and signature. Registered by desktop.cli;
each handler gets (db, args, today). openpyxl is imported inside the handlers, never at start-up."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from models.db import Database

Handler = Callable[[Database, argparse.Namespace, dt.date], "int | None"]


def add_commands(commands: Any) -> None:
    from .cli import DutchParser
    from .cli_figures import month_argument
    from .cli_reports import SWV_NAME_ENV

    updates = commands.add_parser(
        "updates", help="e-mailconcepten (.eml) voor besturen en dienstverleners").add_subparsers(
        dest="action", required=True, parser_class=DutchParser, metavar="CONCEPTEN")
    for name, text in (("boards", "per bestuur de stand van een maand, met de werkmap als bijlage"),
                       ("providers", "per dienstverlener het verzoek om de uren van een maand, met de urenlijst")):
        sub = updates.add_parser(name, help=text)
        sub.add_argument("--year", required=True)
        sub.add_argument("--month", required=True, type=month_argument, metavar="JJJJ-MM")
        sub.add_argument("-o", "--output", required=True, type=Path, metavar="MAP")
        sub.add_argument("--swv", default=None, metavar="NAAM",
                         help=f"naam van het samenwerkingsverband (standaard: {SWV_NAME_ENV} of de database)")
    settings = commands.add_parser("settings", help="afzender en ondertekening van de e-mailconcepten")
    settings.add_argument("--email", help="het e-mailadres van het secretariaat (leeg: geen afzender)")
    settings.add_argument("--signature", help=r"de ondertekening; '\n' begint een nieuwe regel (leeg: geen)")


def _saved(paths: list[Path]) -> None:
    for path in paths:
        print(f"Opgeslagen als {path}.", file=sys.stderr)


def updates_boards(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """One draft per board with an address; all drafts and their record in one transaction: when the files
    cannot be written, nothing is recorded."""
    from exports.files import check_folder
    from exports.update_drafts import board_drafts, write_board_drafts
    from models.services import updates

    from .cli_reports import swv_name

    folder = check_folder(args.output)
    with db.write() as session:
        written = updates.give_board_updates(
            session, args.year, str(args.month), today,
            lambda found: write_board_drafts(board_drafts(found, args.month), folder),
            swv_name=swv_name(args, session))
    assert written is not None  # no progress to stop it
    _notes(written.skipped)
    _saved(list(written.paths))


def updates_providers(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """One draft per provider with an address and an hour sheet for that month."""
    from exports.files import check_folder
    from exports.update_drafts import provider_drafts, write_provider_drafts
    from models.services import updates

    from .cli_reports import swv_name

    folder = check_folder(args.output)
    with db.read() as session:
        found = updates.provider_requests(session, args.year, str(args.month), today,
                                          swv_name=swv_name(args, session))
    written = write_provider_drafts(provider_drafts(found, args.month), folder)
    assert written is not None
    _notes(written.skipped)
    _saved(list(written.paths))


def _notes(skipped: tuple[str, ...]) -> None:
    for note in skipped:
        print(f"Let op: {note}; geen concept gemaakt.", file=sys.stderr)


def settings_cmd(db: Database, args: argparse.Namespace, today: dt.date) -> None:
    """Set what is given, then print the sender and signature as they are."""
    from models.services import settings

    if args.email is not None or args.signature is not None:
        with db.write() as session:
            if args.email is not None:
                settings.set_sender_email(session, args.email)
            if args.signature is not None:
                settings.set_signature(session, args.signature)
    with db.read() as session:
        name, email, signature = (settings.swv_name(session), settings.sender_email(session),
                                  settings.signature(session))
    print(f"Naam: {name}")
    print(f"Afzender: {email or '(niet ingesteld)'}")
    print("Ondertekening:" + ("".join(f"\n  {line}" for line in signature.splitlines()) or " (niet ingesteld)"))


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("updates", "boards"): updates_boards,
    ("updates", "providers"): updates_providers,
    ("settings", None): settings_cmd,
}
