"""The confirmation of an agreement to both parties: a letter (PDF) and an e-mail draft (.eml)
with both parties as recipients and the letter attached, for the secretariat's own mail program.
"""
from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from models.domain import dutch
from models.domain.units import format_hours

from . import safe_text
from .files import safe_file_name, write_all_atomic, write_bytes_atomic
from .contacts import display_name, role_of
from .mail import address, as_bytes, draft, one_line, secretariat
from .pdfkit import BOLD, FONT, frame_width, para, pdf_bytes, rich

if TYPE_CHECKING:  # plain data from the reports service; no database at run time
    from models.services.reports import ConfirmationLetter, Party


def file_stem(letter: ConfirmationLetter) -> str:
    return safe_file_name(f"Bevestiging {letter.number}")


def letter_pdf(letter: ConfirmationLetter) -> bytes:
    running = f"Bevestiging overeenkomst {letter.number} · {letter.swv_name}"
    return pdf_bytes(story(letter), title=f"Bevestiging overeenkomst {letter.number}", author=letter.swv_name,
                     subject=f"{letter.board.organisation} en {letter.provider.organisation}", running=running,
                     printed_on=letter.confirmed_on, footer=running)


def write_letter_pdf(letter: ConfirmationLetter, path: Path) -> Path:
    return write_bytes_atomic(Path(path), letter_pdf(letter))


def write_letter_eml(letter: ConfirmationLetter, path: Path, pdf: bytes | None = None) -> Path:
    message = email_draft(letter, pdf if pdf is not None else letter_pdf(letter))
    return write_bytes_atomic(Path(path), as_bytes(message))


def write_confirmation(letter: ConfirmationLetter, folder: Path) -> tuple[Path, Path]:
    """Write 'Bevestiging <nummer>.pdf' and '.eml' into `folder`; both or neither."""
    folder = Path(folder)
    pdf = letter_pdf(letter)
    eml = as_bytes(email_draft(letter, pdf))
    stem = file_stem(letter)
    pdf_path, eml_path = write_all_atomic([
        (folder / f"{stem}.pdf", lambda temp: temp.write_bytes(pdf)),
        (folder / f"{stem}.eml", lambda temp: temp.write_bytes(eml)),
    ])
    return pdf_path, eml_path


# ---------------------------------------------------------------- the letter

def salutation(letter: ConfirmationLetter) -> str:
    """'Beste R. van Dijk en K. de Vries,'; a contact that is a function is greeted as the function of its
    organisation: 'Beste R. van Dijk, beste ambulant begeleider van Kameleon,'; no person at all: 'Geachte …'."""
    parties = [p for p in (letter.board, letter.provider) if p.contact.strip()]
    people = [p.contact for p in parties if role_of(p) is None]
    roles = [(role_of(p) or "", p.organisation) for p in parties if role_of(p) is not None]
    if not people:
        return "Geachte heer, mevrouw,"
    greeting = f"Beste {' en '.join(people)}"
    for role, organisation in roles:
        greeting += f", beste {role or 'collega’s'} van {organisation}"
    return greeting + ","


def addressee(party: Party) -> list[str]:
    """The lines above the address: 'R. van Dijk', 'Borgesius'; a function as 'Kameleon', 't.a.v. ambulant
    begeleider' (not 'Ambulant begeleider Kameleon' above 'Kameleon')."""
    role = role_of(party)
    if role is None:
        return [v for v in (party.contact, party.organisation) if v]
    return [party.organisation] + ([f"t.a.v. {role}"] if role else [])


def details(letter: ConfirmationLetter) -> list[tuple[str, str]]:
    rows = [
        ("Nummer", letter.number),
        ("Schooljaar", letter.year),
        ("Schoolbestuur", letter.board.organisation),
        ("School", letter.school or "(geen school opgegeven)"),
        ("Dienstverlener", letter.provider.organisation),
        ("Soort ondersteuning", letter.kind),
    ]
    if letter.description:
        rows.append(("Omschrijving", letter.description))
    if letter.pupil_ref:
        rows.append(("Leerlingcode", letter.pupil_ref))
    rows += [
        ("Afgesproken uren", f"{dutch.hours(letter.minutes)} uur"),
        ("Looptijd", dutch.months_span(letter.first_month, letter.last_month)),
        ("Gemeld op", dutch.date(letter.reported_on)),
        ("Geregistreerd op", dutch.date(letter.registered_on)),
        ("Bevestigd op", dutch.date(letter.confirmed_on)),
    ]
    return rows


def is_late(letter: ConfirmationLetter) -> bool:
    """Confirmed after the agreement's last month: no hours can be accounted for on it any more."""
    return letter.start_month > letter.last_month


def carried_out_text(letter: ConfirmationLetter) -> str:
    if is_late(letter):
        return (f"De looptijd van deze overeenkomst ({dutch.months_span(letter.first_month, letter.last_month)}) was "
                f"al voorbij toen zij op {dutch.date(letter.confirmed_on)} werd bevestigd. Er kunnen daarom geen uren "
                "meer op worden verantwoord: uren tellen pas mee vanaf de maand van bevestiging.")
    text = (f"De overeenkomst mag worden uitgevoerd vanaf de datum van deze bevestiging, "
            f"{dutch.date(letter.confirmed_on)}. Uren kunnen worden verantwoord van {letter.start_month.label} "
            f"t/m {letter.last_month.label}, samen ten hoogste {dutch.hours(letter.minutes)} uur.")
    if letter.start_month > letter.first_month:
        text += (f" Omdat de bevestiging in {letter.start_month.label} valt, tellen uren van eerdere maanden "
                 "niet mee.")
    return text


def story(letter: ConfirmationLetter) -> list[Flowable]:
    width = frame_width()
    parts: list[Flowable] = [
        para(letter.swv_name, "title"),
        para("Secretariaat", "subtitle"),
        Spacer(1, 8 * mm),
        _addressees(letter, width),
        Spacer(1, 8 * mm),
        rich(f"Datum: {dutch.date(letter.confirmed_on)}"),
        rich(f"Betreft: <b>bevestiging overeenkomst {safe_text.markup(letter.number)}</b>"),
        Spacer(1, 6 * mm),
    ]
    if letter.is_demo:
        parts.append(para("Demogegevens: deze overeenkomst is verzonnen.", "banner"))
    parts += [
        para(salutation(letter)),
        Spacer(1, 3 * mm),
        para(f"{letter.board.organisation} heeft op {dutch.date(letter.reported_on)} de volgende overeenkomst met "
             f"{letter.provider.organisation} gemeld bij het samenwerkingsverband. Het secretariaat heeft haar "
             f"geregistreerd en bevestigt haar hierbij aan beide partijen."),
        Spacer(1, 4 * mm),
        _details_table(letter, width),
        Spacer(1, 5 * mm),
        rich(f"<b>{safe_text.markup(carried_out_text(letter))}</b>"),
        Spacer(1, 3 * mm),
        para("Uren die in een maand niet worden gebruikt, vervallen aan het eind van die maand; ze kunnen niet "
             "later in het schooljaar worden ingehaald. De dienstverlener geeft de gerealiseerde uren elke maand "
             "door aan het secretariaat. Is er in een maand meer nodig dan het budget, dan kan het bestuur "
             "reserve-uren aanvragen bij het secretariaat."),
        Spacer(1, 8 * mm),
        para("Met vriendelijke groet,"),
        Spacer(1, 6 * mm),
        para(f"Secretariaat {letter.swv_name}"),
    ]
    if letter.sender_email:
        parts.append(para(letter.sender_email))
    return parts


def _party_block(title: str, party: Party) -> list[Flowable]:
    lines = [rich(f"<b>{safe_text.markup(title)}</b>", "cell")]
    lines += [para(value, "body") for value in (*addressee(party), party.email) if value]
    return lines


def _addressees(letter: ConfirmationLetter, width: float) -> Table:
    t = Table([[_party_block("Aan het schoolbestuur", letter.board),
                _party_block("Aan de dienstverlener", letter.provider)]], colWidths=[width / 2, width / 2])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _details_table(letter: ConfirmationLetter, width: float) -> Table:
    rows = [[para(label, "cell_bold"), para(value, "cell")] for label, value in details(letter)]
    t = Table(rows, colWidths=[45 * mm, width - 45 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (0, -1), BOLD, 9),
        ("FONT", (1, 0), (1, -1), FONT, 9),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, "#999999"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


# ---------------------------------------------------------------- the e-mail draft

def recipients(letter: ConfirmationLetter) -> tuple[list[Address], list[str]]:
    """The addresses of both parties, and in Dutch what is missing or wrong."""
    found, problems = [], []
    for role, party in (("het schoolbestuur", letter.board), ("de dienstverlener", letter.provider)):
        shown = one_line(display_name(party))
        found_address = address(shown, party.email)
        if found_address is None:
            what = "geen e-mailadres" if not party.email else f"geen geldig e-mailadres ('{party.email}')"
            problems.append(f"Van {role} {party.organisation} is {what} bekend; vul het in het concept in "
                            "voordat u het verstuurt.")
        else:
            found.append(found_address)
    return found, problems


def email_body(letter: ConfirmationLetter, problems: list[str]) -> str:
    lines = []
    if problems:
        lines += ["LET OP: " + p for p in problems] + [""]
    lines += [
        salutation(letter),
        "",
        f"Hierbij bevestigt het secretariaat van {letter.swv_name} de overeenkomst {letter.number} tussen "
        f"{letter.board.organisation} en {letter.provider.organisation}:",
        "",
        f"  Soort ondersteuning: {letter.kind}",
        f"  School: {letter.school or '(geen school opgegeven)'}",
        f"  Afgesproken uren: {format_hours(letter.minutes, thousands=True)} uur",
        f"  Looptijd: {dutch.months_span(letter.first_month, letter.last_month)}",
        "",
        carried_out_text(letter),
        "",
        "De bevestiging staat ook in de bijlage (PDF).",
        "",
        "Met vriendelijke groet,",
        "",
        f"Secretariaat {letter.swv_name}",
    ]
    return "\n".join(safe_text.printable(line) for line in lines) + "\n"


def email_draft(letter: ConfirmationLetter, pdf: bytes) -> EmailMessage:
    """An unsent message (X-Unsent: 1): Outlook and Thunderbird open it as a draft to send."""
    to, problems = recipients(letter)
    message = draft(sender=secretariat(letter.swv_name, letter.sender_email), to=to,
                    subject=f"Bevestiging overeenkomst {letter.number}: {letter.board.organisation} en "
                            f"{letter.provider.organisation}",
                    body=email_body(letter, problems))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{file_stem(letter)}.pdf")
    return message
