"""The monthly e-mail drafts (DOMAIN.md point 11): to each board the state of its hours with its workbook
attached, and to each provider the request for its hours of a month with its hour sheet attached.

Plain data in, EmailMessage out: no database, no Qt. A board's draft holds only that board's data."""
from __future__ import annotations

from email.message import EmailMessage
from typing import TYPE_CHECKING

from models.domain import dutch

from . import safe_text
from .contacts import display_name, greeting
from .files import board_file_name, safe_file_name
from .mail import XLSX, address, draft, one_line, secretariat

if TYPE_CHECKING:  # plain data from the updates service; no database at run time
    from models.services.reports import BoardAgreement, Party
    from models.services.updates import BoardUpdate, MonthFigures, ProviderRequest, ProviderState, Sender

DEMO = "LET OP: demogegevens; deze cijfers zijn verzonnen."
NO_CARRY_OVER = ("Uren die in een maand niet worden gebruikt, vervallen aan het eind van die maand; ze gaan niet "
                 "mee naar een latere maand.")


def recipient(party: Party) -> list:  # type: ignore[type-arg]
    """The one address of the board or provider, or none when it has no usable address."""
    found = address(one_line(display_name(party)), party.email)
    return [found] if found is not None else []


def _closing(sender: Sender) -> list[str]:
    return ["Met vriendelijke groet,", "", *(sender.signature.splitlines() or [f"Secretariaat {sender.swv_name}"])]


def _body(lines: list[str]) -> str:
    return "\n".join(safe_text.printable(line) for line in lines) + "\n"


# ---------------------------------------------------------------- to a board

def board_party(update: BoardUpdate) -> Party:
    from models.services.reports import Party

    report = update.report
    return Party(report.board, report.contact_person.strip(), report.email.strip())


def _figures(what: str, f: MonthFigures) -> str:
    text = (f"{what}: budget {dutch.hours(f.budget)} uur, reserve {dutch.hours(f.reserve)} uur, "
            f"gebruikt {dutch.hours(f.used)} uur, vervallen {dutch.hours(f.lapsed)} uur")
    return text + (f", nog te gebruiken {dutch.hours(f.open)} uur." if f.open else ".")


def _ahead(update: BoardUpdate, state: ProviderState) -> list[str]:
    if update.next_month is None:
        return ["- Dit was de laatste maand van het schooljaar: er is niets meer over."]
    f, start = state.ahead, update.next_month.label
    lines = [f"- Vanaf {start} nog over: {dutch.hours(f.left)} uur; belegd in overeenkomsten: "
             f"{dutch.hours(f.committed)} uur; nog niet belegd: {dutch.hours(f.not_committed)} uur."]
    if f.over_committed:
        lines.append(f"  Let op: de overeenkomsten beloven {dutch.hours(f.over_committed)} uur meer dan de "
                     f"budgetten vanaf {start} toelaten (overbelegd).")
    elif f.not_committed:
        lines.append("  Nog niet belegde uren vervallen als er geen nieuwe overeenkomsten bij komen.")
    return lines


def _agreement(a: BoardAgreement, *, waiting: bool) -> str:
    where = ", ".join(part for part in (a.number, a.provider, a.school) if part)
    if waiting:
        return (f"- {where}: {dutch.hours(a.minutes)} uur, {dutch.months_span(a.first_month, a.last_month)} "
                f"({a.status} op {dutch.date(a.registered_on or a.reported_on)}).")
    return (f"- {where}: {dutch.hours(a.minutes)} uur afgesproken, {dutch.hours(a.booked)} uur gebruikt, "
            f"{dutch.hours(a.left)} uur over.")


def board_body(update: BoardUpdate) -> str:
    report, month = update.report, update.month
    lines = [DEMO, ""] if report.is_demo else []
    lines += [greeting(board_party(update)), "",
              f"Hierbij de stand van de expertise-uren van {report.board} na {month.label} "
              f"(schooljaar {report.year}).", ""]
    for state in update.providers:
        lines += [state.provider,
                  _figures(f"- {month.label.capitalize()}", state.month),
                  _figures(f"- Schooljaar tot en met {month.label}", state.so_far),
                  *_ahead(update, state), ""]
    if update.next_month is not None:
        lines.append(f"Overeenkomsten die in {update.next_month.label} aflopen:")
        lines += [_agreement(a, waiting=False) for a in update.ending] or ["- geen"]
        lines.append("")
    lines.append("Overeenkomsten die nog wachten op bevestiging:")
    lines += [_agreement(a, waiting=True) for a in update.waiting] or ["- geen"]
    lines += ["", NO_CARRY_OVER, "De werkmap in de bijlage geeft alle cijfers per maand en per overeenkomst.", "",
              *_closing(update.sender)]
    return _body(lines)


def board_subject(update: BoardUpdate) -> str:
    return f"Expertise-uren {update.report.board}: stand {update.month.label}"


def board_message(update: BoardUpdate) -> EmailMessage:
    """The board's draft with its workbook attached: the very workbook `export board` writes."""
    from .board_xlsx import board_xlsx_bytes  # openpyxl only when a workbook is made, not for the preview

    report = update.report
    message = draft(sender=secretariat(update.sender.swv_name, update.sender.email),
                    to=recipient(board_party(update)), subject=board_subject(update), body=board_body(update))
    message.add_attachment(board_xlsx_bytes(report), maintype=XLSX[0], subtype=XLSX[1],
                           filename=board_file_name(report.board, report.year))
    return message


# ---------------------------------------------------------------- to a provider

def provider_body(request: ProviderRequest) -> str:
    assert request.sheet is not None
    month, rows = request.month, request.sheet.rows
    count = f"{len(rows)} {'regel' if len(rows) == 1 else 'regels'}"
    lines = [greeting(request.provider), "",
             f"Wilt u de gerealiseerde uren van {request.provider.organisation} in {month.label} doorgeven "
             f"(schooljaar {request.year})?",
             "",
             f"In de bijlage staat de urenlijst met uw bevestigde overeenkomsten die in {month.label} uren kunnen "
             f"krijgen ({count}). Vul per regel de gerealiseerde uren in, bijvoorbeeld 1,5 of 0,25, en stuur de "
             "lijst terug aan het secretariaat. Een lege regel of 0 betekent: geen uren in die maand.",
             "",
             "Zodra de uren van een maand binnen zijn, sluit het secretariaat de maand af; daarna kunnen er geen "
             "uren meer bij.",
             "", *_closing(request.sender)]
    return _body(lines)


def provider_subject(request: ProviderRequest) -> str:
    return f"Gerealiseerde uren {request.provider.organisation}: {request.month.label}"


def hour_sheet_file_name(request: ProviderRequest) -> str:
    return safe_file_name(f"Urenlijst {request.provider.organisation} {request.month}") + ".xlsx"


def provider_message(request: ProviderRequest) -> EmailMessage:
    """The request with the provider's hour sheet of that month attached (the `hours template` workbook)."""
    from .hour_sheet_xlsx import hour_sheet_bytes  # openpyxl only when a sheet is made, not for the preview

    assert request.sheet is not None
    message = draft(sender=secretariat(request.sender.swv_name, request.sender.email),
                    to=recipient(request.provider), subject=provider_subject(request), body=provider_body(request))
    message.add_attachment(hour_sheet_bytes(request.sheet), maintype=XLSX[0], subtype=XLSX[1],
                           filename=hour_sheet_file_name(request))
    return message
