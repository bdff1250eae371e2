"""What the list of agreements shows: its columns (status in words and colour, the period, the hours left), the
totals row under it, the details of the selected agreement and the columns of the hours booked on it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtGui import QColor

from models.domain import dutch
from models.domain.agreements import Kind, Status, first_bookable_month
from models.domain.months import Month
from models.services.agreements import AgreementRow
from models.services.hours import EntryRow

from .. import richtext
from ..tables import Column


# Waiting for the secretariat (orange, yellow), running (green), finished (grey); always with the word.
STATUS_COLOURS = {Status.REPORTED: QColor("#fde3c4"), Status.REGISTERED: QColor("#fff4cc"),
                  Status.CONFIRMED: QColor("#e1f0dc"), Status.DONE: QColor("#e8eaed"),
                  Status.WITHDRAWN: QColor("#e8eaed")}
FINISHED = (Status.DONE, Status.WITHDRAWN)
SOURCES = {"app": "scherm", "cli": "opdrachtregel", "demo": "demo", "import": "ingelezen"}


@dataclass(frozen=True)
class TotalLine:
    """The totals row under the table: it has the attributes the columns read."""

    minutes: int
    booked: int
    open_left: int
    count: int
    number: str = "Totaal"
    board: str = ""
    school: str = ""
    provider: str = ""
    kind: Kind | None = None
    status: Status | None = None
    first_month: Month | None = None
    last_month: Month | None = None
    reported_on: dt.date | None = None
    registered_on: dt.date | None = None
    confirmed_on: dt.date | None = None
    closed_on: dt.date | None = None

    @property
    def description(self) -> str:
        return f"{self.count} overeenkomst{'en' if self.count != 1 else ''}"


def hours_left(row: AgreementRow | TotalLine) -> int | None:
    """What may still be booked; nothing for an agreement that is done or withdrawn (the rest is freed)."""
    if isinstance(row, TotalLine):
        return row.open_left
    return None if row.status in FINISHED else row.left


def period(row: AgreementRow | TotalLine) -> str:
    """'okt – mrt (6)': within one school year the month names say enough; the tooltip names the years."""
    if row.first_month is None or row.last_month is None:
        return ""
    months = row.last_month.index - row.first_month.index + 1
    first, last = dutch.month_abbr(row.first_month)[:3], dutch.month_abbr(row.last_month)[:3]
    return f"{first} – {last} ({months})" if months > 1 else f"{first} (1)"


def period_tooltip(row: AgreementRow | TotalLine) -> str:
    if row.first_month is None or row.last_month is None:
        return ""
    months = row.last_month.index - row.first_month.index + 1
    return f"{row.first_month.label} t/m {row.last_month.label}: {months} maand{'en' if months != 1 else ''}"


def status_colour(row: AgreementRow | TotalLine) -> QColor | None:
    return STATUS_COLOURS.get(row.status) if row.status else None


# What the secretariat reads in the list fits a 1280 pixels wide window; the dates are in the details below and
# hidden until the user shows them (right-click on the header: "Kolommen tonen").
COLUMNS: list[Column[AgreementRow]] = [
    Column("Nummer", lambda r: r.number, width=76),
    Column("Bestuur", lambda r: r.board, width=100, cell_tooltip=lambda r: r.board),
    Column("School", lambda r: r.school, width=118, cell_tooltip=lambda r: r.school),
    Column("Dienst-\nverlener", lambda r: r.provider, width=84),  # two lines: the title is twice its names
    Column("Soort", lambda r: r.kind.value if r.kind else "", width=102,
           text=lambda r: r.kind.label if r.kind else "",  # the words of the PDF and the workbook
           cell_tooltip=lambda r: r.kind.label if r.kind else ""),
    Column("Omschrijving", lambda r: r.description, width=150, cell_tooltip=lambda r: r.description,
           size="stretch"),
    Column("Uren", lambda r: r.minutes, "hours", "Afgesproken uren"),
    Column("Gebruikt", lambda r: r.booked, "hours", "Gerealiseerde uren die op de overeenkomst zijn gebruikt"),
    Column("Over", hours_left, "hours",
           "Afgesproken min gebruikt; bij een afgeronde of ingetrokken overeenkomst komt de rest vrij"),
    Column("Status", lambda r: r.status.value if r.status else "", background=status_colour),
    Column("Looptijd", lambda r: r.first_month, width=104, text=period, cell_tooltip=period_tooltip,
           tooltip="Eerste t/m laatste maand (aantal maanden)"),
    Column("Gemeld", lambda r: r.reported_on, "date", width=78, hidden=True),
    Column("Geregistreerd", lambda r: r.registered_on, "date", hidden=True),
    Column("Bevestigd", lambda r: r.confirmed_on, "date", hidden=True),
    Column("Afgerond / ingetrokken", lambda r: r.closed_on, "date", hidden=True),
]

ENTRY_COLUMNS: list[Column[EntryRow]] = [
    Column("Maand", lambda e: e.month, "month", width=108),
    Column("Uren", lambda e: e.minutes, "hours", width=60),
    Column("Bron", lambda e: SOURCES.get(e.source, e.source), width=96),
    Column("Ingevoerd", lambda e: e.created_at, width=136,
           text=lambda e: f"{dutch.date(e.created_at)} {e.created_at:%H:%M}"),
    Column("Notitie", lambda e: e.note, width=90, cell_tooltip=lambda e: e.note, size="stretch"),
]


def total_line(rows: list[AgreementRow]) -> TotalLine | None:
    if not rows:
        return None
    return TotalLine(sum(r.minutes for r in rows), sum(r.booked for r in rows),
                     sum(hours_left(r) or 0 for r in rows), len(rows))


def details(row: AgreementRow) -> str:
    """The selected agreement in a few lines: school, pupil code, contacts, dates, bookable months."""
    t = richtext.plain
    lines = [f"<b>{t(row.number)}</b> · {t(row.board)} · {t(row.provider)} · {t(row.kind.label)}"]
    where = [t(row.school) if row.school else "geen school opgegeven"]
    if row.pupil_ref:
        where.append(f"leerlingcode {t(row.pupil_ref)}")
    lines.append(" · ".join(where))
    contacts = [f"{t(row.board_contact)} (bestuur)" if row.board_contact else "",
                f"{t(row.provider_contact)} (dienstverlener)" if row.provider_contact else ""]
    lines.append("Contactpersonen: " + (", ".join(c for c in contacts if c) or "geen opgegeven"))
    dates = [f"gemeld {dutch.date(row.reported_on)}"]
    for word, day in (("geregistreerd", row.registered_on), ("bevestigd", row.confirmed_on)):
        if day:
            dates.append(f"{word} {dutch.date(day)}")
    if row.closed_on:
        dates.append(f"{row.status.value} {dutch.date(row.closed_on)}")
    lines.append("Status <b>" + row.status.value + "</b>: " + ", ".join(dates))
    if row.status is Status.CONFIRMED and row.confirmed_on:
        start = first_bookable_month(row.first_month, row.confirmed_on)
        lines.append(f"Uren boeken kan van {start.label} t/m {row.last_month.label}; "
                     f"nog {dutch.hours(row.left)} van {dutch.hours(row.minutes)} uur over.")
    elif row.status in (Status.REPORTED, Status.REGISTERED):
        lines.append("Nog niet bevestigd: er kunnen nog geen uren op worden geboekt.")
    return "<br>".join(lines)
