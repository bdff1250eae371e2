"""Hour sheets (urenlijsten) of providers: the template to fill in, reading it back, preview and import.

A sheet is imported as a whole or not at all. Every row is checked against the rules of hours
registered one by one (services.hours.check), in sheet order, each row counting the rows above it
that would be stored. The facts are loaded once per sheet, so a long sheet stays quick; before
anything is stored, hours.check itself confirms every agreement-month of the sheet.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import agreements as rules
from ..domain import hour_sheet as layout
from ..domain.agreements import Status
from ..domain.budget import MonthUse, check_month
from ..domain.errors import Conflict, InvalidInput, NotFound, Refusal
from ..domain.months import Month, month_range
from ..domain.names import clean_name, name_key
from ..domain.setup import parse_label
from ..domain.units import format_hours, parse_hours
from ..orm import Agreement, Board, HourEntry, Provider, SchoolYear
from . import hours, lookup
from .agreements import AgreementFilter, check_pupil_ref, list_agreements
from .months import check_open
from .reporting import allocation_of, closed_months, pair_budgets, reserve_minutes, used_minutes
from .workbook import Problems, formula_free, is_blank, open_workbook, readable, sheet, table_rows

T = TypeVar("T")
WHAT = "De urenlijst is"  # "De urenlijst is geweigerd, er is niets ingelezen: ..."
COLUMN_OF_FIELD = {"agreement": layout.AGREEMENT, "month": layout.MONTH, "hours": layout.HOURS,
                   "board": layout.BOARD}


# ---------------------------------------------------------------- the template

@dataclass(frozen=True)
class TemplateRow:
    """One agreement in one month, as the provider sees it (never a pupil reference)."""

    agreement: str
    board: str
    school: str
    kind: str  # in words: 'Coaching leerkracht'
    description: str
    month: Month


@dataclass(frozen=True)
class HourSheetTemplate:
    year: str
    provider: str
    made_on: dt.date
    rows: tuple[TemplateRow, ...]


def template_rows(session: Session, year: str, provider: str, today: dt.date) -> HourSheetTemplate:
    """A provider's confirmed agreements of a year, one row per month that can take hours now: from the
    later of the first month and the month of confirmation up to the last month, never past this month,
    closed months left out."""
    year_row = lookup.year(session, year)
    provider_name = lookup.year_provider(session, year_row, provider).provider.name
    closed = closed_months(session, year_row.id)
    rows = []
    for a in list_agreements(session, AgreementFilter(year_row.label, provider=provider_name,
                                                      status=Status.CONFIRMED)):
        assert a.confirmed_on is not None
        start = rules.first_bookable_month(a.first_month, a.confirmed_on)
        end = min(a.last_month, Month.of(today))
        for month in month_range(start, end) if start <= end else []:
            if month not in closed:
                rows.append(TemplateRow(a.number, a.board, a.school, a.kind.label, a.description, month))
    if not rows:
        raise Conflict(f"{provider_name} heeft in {year_row.label} geen bevestigde overeenkomsten met een open "
                       "maand tot en met deze maand; er is geen urenlijst te maken.", field="provider")
    return HourSheetTemplate(year_row.label, provider_name, today, tuple(rows))


# ---------------------------------------------------------------- reading a filled-in sheet

@dataclass(frozen=True)
class RowProblem:
    column: str | None
    message: str


@dataclass(frozen=True)
class SheetRow:
    """A row of the Uren sheet as read; `minutes` 0 (empty or 0 hours) means the row is skipped."""

    row: int  # as Excel numbers it: the header is row 1
    agreement: str
    board: str
    month: Month | None
    minutes: int | None
    note: str
    problems: tuple[RowProblem, ...] = ()

    @property
    def skipped(self) -> bool:
        return self.minutes == 0 and not self.problems

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class HourSheet:
    file_name: str
    provider: str
    year: str
    rows: tuple[SheetRow, ...]
    provider_row: int = 1  # rows of the Gegevens sheet, to name them in a refusal
    year_row: int = 2


def read_sheet(path: Path) -> HourSheet:
    """Read a filled-in hour sheet. Refuses the file as a whole when it is not a plain workbook of the
    expected shape; problems of single rows are kept on the rows (see preview)."""
    path = Path(path)
    workbook = open_workbook(path)
    problems = Problems()
    try:
        with readable(path):
            _hidden_sheets(workbook, problems)
            hours_ws = sheet(workbook, layout.HOURS_SHEET, problems)
            info_ws = sheet(workbook, layout.INFO_SHEET, problems)
            problems.raise_if_any(WHAT)
            _check_structure(path, hours_ws, problems)
            problems.raise_if_any(WHAT)
            provider, year, provider_row, year_row = _info(info_ws, problems)
            rows = _rows(hours_ws, problems)
            problems.raise_if_any(WHAT)
    finally:
        workbook.close()
    return HourSheet(path.name, provider, year, tuple(rows), provider_row, year_row)


def _hidden_sheets(workbook: Any, problems: Problems) -> None:
    """What the user cannot see is not imported: a hidden sheet refuses the workbook."""
    for ws in [*workbook.worksheets, *workbook.chartsheets]:
        if ws.sheet_state != "visible":
            problems.add(ws.title, None, None, "dit werkblad is verborgen; maak het zichtbaar of verwijder het")


def _check_structure(path: Path, ws: Any, problems: Problems) -> None:
    """A quick pass over the sheet's XML before its cells are read: at most MAX_ROWS data rows, and rows and
    cells in order (openpyxl would silently skip a row that comes after a later one)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import coordinate_to_tuple

    last_row = 0
    with zipfile.ZipFile(path) as archive, archive.open(ws._worksheet_path) as source:
        for _, element in iterparse(source, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag != "row":
                continue
            number = int(element.get("r") or last_row + 1)
            if number > layout.MAX_ROWS + 1:
                limit = f"{layout.MAX_ROWS:,}".replace(",", ".")
                problems.add(ws.title, number, None, f"te veel rijen (meer dan {limit}); een urenlijst hoort klein "
                             "te zijn")
                return
            if number <= last_row:
                problems.add(ws.title, number, None, "de rijen staan niet op volgorde; open het bestand in Excel "
                             "en sla het opnieuw op")
                return
            last_column = 0
            for cell in element:
                coordinate = cell.get("r")
                if coordinate is None:
                    last_column += 1
                    continue
                row, column = coordinate_to_tuple(coordinate)
                if row != number or column <= last_column:
                    problems.add(ws.title, number, None, "de cellen van deze rij staan niet op volgorde; open "
                                 "het bestand in Excel en sla het opnieuw op")
                    return
                last_column = column
            last_row = number
            element.clear()


def _info(ws: Any, problems: Problems) -> tuple[str, str, int, int]:
    """Provider and school year from the Gegevens sheet (key in column A, value in column B)."""
    ws.reset_dimensions()
    values: dict[str, tuple[int, Any]] = {}
    for number, row in enumerate(ws.iter_rows(min_col=1, max_col=2, values_only=True), start=1):
        if number > 100:
            break
        if row and isinstance(row[0], str):
            values.setdefault(" ".join(row[0].split()).casefold(), (number, row[1] if len(row) > 1 else None))
    found = []
    for key, parse in ((layout.INFO_PROVIDER, _name), (layout.INFO_YEAR, lambda v: parse_label(_required(v)))):
        if key.casefold() not in values:
            problems.add(ws.title, None, "A", f"de regel '{key}' ontbreekt")
            found.append((None, 0))
            continue
        number, value = values[key.casefold()]
        found.append((problems.take(ws.title, number, "B", lambda v=value, p=parse: p(formula_free(v))), number))
    (provider, provider_row), (year, year_row) = found
    return provider or "", year or "", provider_row, year_row


def _name(value: Any) -> str:
    name = clean_name(str(_required(value)))
    if not name:
        raise InvalidInput("de naam van de dienstverlener ontbreekt")
    return name


def _required(value: Any) -> Any:
    if is_blank(value):
        raise InvalidInput("deze waarde ontbreekt")
    return value


def _rows(ws: Any, problems: Problems) -> list[SheetRow]:
    ws.reset_dimensions()  # read every row, whatever the sheet claims its size is
    return [_row(number, cells)
            for number, cells in table_rows(ws, layout.REQUIRED, layout.OPTIONAL, problems, layout.MAX_ROWS)]


def _row(number: int, cells: dict[str, Any]) -> SheetRow:
    found: list[RowProblem] = []

    def take(column: str, parse: Any) -> Any:
        try:
            return parse(cells.get(column))
        except InvalidInput as error:
            found.append(RowProblem(column, _without_subject(error.message, column)))
            return None

    minutes = take(layout.HOURS, _minutes)
    if minutes == 0 and not found:  # nothing to import here: the rest of the row does not matter
        return SheetRow(number, _shown(cells[layout.AGREEMENT]), _shown(cells.get(layout.BOARD)), None, 0, "")
    agreement = take(layout.AGREEMENT, _agreement_number)
    month = take(layout.MONTH, _month)
    board = take(layout.BOARD, _text)
    note = take(layout.NOTE, _note)
    return SheetRow(number, agreement or _shown(cells[layout.AGREEMENT]), board or "", month, minutes, note or "",
                    tuple(found))


def _without_subject(message: str, column: str) -> str:
    """'Uren: '1,001' heeft ...' in column Uren reads as ''1,001' heeft ...'."""
    message = message.rstrip(".")
    prefix = f"{column}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return str(Month.of(value))
    return clean_name(str(value))


def _minutes(value: Any) -> int:
    formula_free(value)
    if is_blank(value):
        return 0
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):  # Excel makes 1:30 a time, 1-3 a date
        raise InvalidInput("een datum of tijd is geen aantal uren; typ een getal, bijvoorbeeld 1,5")
    return parse_hours(value, what=layout.HOURS, allow_zero=True)


def _agreement_number(value: Any) -> str:
    formula_free(value)
    if is_blank(value):
        raise InvalidInput("het nummer van de overeenkomst ontbreekt")
    if not isinstance(value, str):
        raise InvalidInput(f"'{_shown(value)}' is geen nummer van een overeenkomst; schrijf bijvoorbeeld 2016-017")
    return rules.parse_number(value)


def _month(value: Any) -> Month:
    formula_free(value)
    if is_blank(value):
        raise InvalidInput("de maand ontbreekt")
    return Month.parse(value, what=layout.MONTH)


def _text(value: Any) -> str:
    formula_free(value)
    return "" if value is None else clean_name(str(value))


def _note(value: Any) -> str:
    text = "" if value is None else str(formula_free(value)).strip()
    if len(text) > layout.MAX_NOTE:
        raise InvalidInput(f"de opmerking is te lang ({len(text)} tekens, hoogstens {layout.MAX_NOTE})")
    for digits in _NINE_DIGITS.findall(text):
        try:
            check_pupil_ref(digits)
        except InvalidInput:  # privacy (AVG): no citizen numbers in the database
            raise InvalidInput("de opmerking lijkt een BSN te bevatten; laat persoonsgegevens weg") from None
    return text


_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


# ---------------------------------------------------------------- checking against the database

@dataclass(frozen=True)
class _AgreementFacts:
    id: int
    number: str
    year_id: int
    year: str
    provider_id: int
    provider: str
    board_id: int
    board: str
    status: Status
    first: Month
    last: Month
    confirmed_on: dt.date | None
    minutes: int
    booked: int


def _agreements(session: Session, numbers: set[str]) -> dict[str, _AgreementFacts]:
    """The agreements a sheet names, with the hours booked on them, in a few queries."""
    booked = (select(HourEntry.agreement_id, func.sum(HourEntry.minutes).label("booked"))
              .group_by(HourEntry.agreement_id).subquery())
    query = (select(Agreement, SchoolYear.label, Provider.name, Board.name, func.coalesce(booked.c.booked, 0))
             .join(SchoolYear, Agreement.year_id == SchoolYear.id)
             .join(Provider, Agreement.provider_id == Provider.id)
             .join(Board, Agreement.board_id == Board.id)
             .outerjoin(booked, booked.c.agreement_id == Agreement.id))
    found = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        for a, year, provider, board, minutes in session.execute(query.where(Agreement.number.in_(chunk))):
            found[a.number] = _AgreementFacts(
                a.id, a.number, a.year_id, year, a.provider_id, provider, a.board_id, board, Status(a.status),
                Month.parse(a.first_month), Month.parse(a.last_month), a.confirmed_on, a.minutes, int(minutes))
    return found


class _Checker:
    """The rules of services.hours.check for the rows of one sheet, with the facts loaded once."""

    def __init__(self, session: Session, sheet_data: HourSheet, today: dt.date) -> None:
        self.session = session
        self.today = today
        self.year = _at_info_row(sheet_data.year_row, lambda: lookup.year(session, sheet_data.year))
        self.provider = _at_info_row(sheet_data.provider_row, lambda: lookup.year_provider(
            session, self.year, sheet_data.provider)).provider
        self.agreements = _agreements(session, {r.agreement for r in sheet_data.rows if r.ok and not r.skipped})
        alloc = allocation_of(session, self.year)
        self.budgets = pair_budgets(session, self.year, alloc, provider_id=self.provider.id)
        self.reserve = reserve_minutes(session, self.year.id, provider_id=self.provider.id)
        self.used = used_minutes(session, self.year.id, provider_id=self.provider.id)
        self.open: dict[Month, Conflict | None] = {}
        self.pending: dict[tuple[int, int, Month], int] = defaultdict(int)  # per board, provider, month
        self.pending_on_agreement: dict[int, int] = defaultdict(int)

    def check(self, row: SheetRow) -> tuple[RowProblem, ...]:
        """The row's problems; a row without problems counts for the rows below it."""
        assert row.month is not None and row.minutes
        try:
            a = self._agreement(row)
            pending_agreement = self.pending_on_agreement[a.id]
            key = (a.board_id, a.provider_id, row.month)
            with _mention_pending(pending_agreement, "geboekt"):
                rules.check_hours_on_agreement(
                    number=a.number, status=a.status, first=a.first, last=a.last, confirmed_on=a.confirmed_on,
                    month=row.month, today=self.today, agreed=a.minutes, booked=a.booked + pending_agreement,
                    requested=row.minutes)
            self._check_open(row.month)
            budget = self.budgets[(a.board_id, a.provider_id)].months[row.month]
            with _mention_pending(self.pending[key], "gebruikt"):
                check_month(MonthUse(row.month, budget, self.reserve.get(key, 0),
                                     self.used.get(key, 0) + self.pending[key]), row.minutes)
        except Refusal as error:
            return (RowProblem(COLUMN_OF_FIELD.get(error.field or "", layout.HOURS), error.message.rstrip(".")),)
        self.pending[key] += row.minutes
        self.pending_on_agreement[a.id] += row.minutes
        return ()

    def _agreement(self, row: SheetRow) -> _AgreementFacts:
        a = self.agreements.get(row.agreement)
        if a is None:
            raise NotFound(f"Overeenkomst {row.agreement} bestaat niet.", field="agreement")
        if a.year_id != self.year.id:
            raise Conflict(f"Overeenkomst {a.number} hoort bij schooljaar {a.year}, niet bij {self.year.label}.",
                           field="agreement")
        if a.provider_id != self.provider.id:
            raise Conflict(f"Overeenkomst {a.number} is van {a.provider}, niet van {self.provider.name}; op deze "
                           "lijst staan alleen overeenkomsten van die dienstverlener.", field="agreement")
        if row.board and name_key(row.board) != name_key(a.board):
            raise Conflict(f"Overeenkomst {a.number} is van {a.board}, niet van {row.board}; controleer het "
                           "nummer van de overeenkomst.", field="board")
        return a

    def _check_open(self, month: Month) -> None:
        if month not in self.open:
            try:
                check_open(self.session, self.year, month)
                self.open[month] = None
            except Conflict as error:
                self.open[month] = error
        refusal = self.open[month]
        if refusal is not None:
            raise refusal


def _at_info_row(row: int, find: Callable[[], T]) -> T:
    """An unknown year or provider refuses the sheet, naming its row of the Gegevens sheet."""
    try:
        return find()
    except Refusal as error:
        problems = Problems()
        problems.add(layout.INFO_SHEET, row, "B", error.message.rstrip("."))
        problems.raise_if_any(WHAT)
        raise


@contextlib.contextmanager
def _mention_pending(pending: int, what: str) -> Iterator[None]:
    """A refusal that counts rows above says so: the figures are not in the database yet."""
    try:
        yield
    except Refusal as error:
        if pending and error.field == "hours":
            error.message = (f"{error.message.rstrip('.')} ({what} telt {format_hours(pending)} uur van rijen "
                             "hierboven mee).")
        raise


# ---------------------------------------------------------------- preview and import

@dataclass(frozen=True)
class Preview:
    """Every row of a sheet with its problems, checked as an import would check it."""

    sheet: HourSheet
    rows: tuple[SheetRow, ...]
    earlier_imports: tuple[tuple[int, int], ...] = ()  # (row, minutes imported before on its agreement-month)

    @property
    def provider(self) -> str:
        return self.sheet.provider

    @property
    def year(self) -> str:
        return self.sheet.year

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def to_import(self) -> tuple[SheetRow, ...]:
        return tuple(r for r in self.rows if r.ok and not r.skipped)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if r.skipped)

    @property
    def minutes(self) -> int:
        return sum(r.minutes or 0 for r in self.to_import)

    @property
    def problems(self) -> list[str]:
        """'werkblad Uren, rij 5, kolom Uren: ...', in sheet order."""
        found = Problems()
        for row in self.rows:
            for problem in row.problems:
                found.add(layout.HOURS_SHEET, row.row, problem.column, problem.message)
        return found.items

    @property
    def warnings(self) -> list[str]:
        """Hours imported before on the same agreement and month: is this sheet read in twice?"""
        if not self.earlier_imports:
            return []
        first_row, minutes = self.earlier_imports[0]
        more = f" en op {len(self.earlier_imports) - 1} andere rijen" if len(self.earlier_imports) > 1 else ""
        return [f"voor de overeenkomst en maand van rij {first_row}{more} zijn al eerder uren ingelezen "
                f"({format_hours(minutes)} uur); controleer dat deze lijst niet twee keer wordt ingelezen"]

    def refuse_if_problems(self) -> None:
        found = Problems(self.problems)
        found.raise_if_any(WHAT)


def preview(session: Session, source: Path | HourSheet, today: dt.date) -> Preview:
    """Read (unless already read) and check every row; a file that cannot be read at all is refused."""
    data = source if isinstance(source, HourSheet) else read_sheet(Path(source))
    checker = _Checker(session, data, today)
    rows = tuple(row if not row.ok or row.skipped else replace(row, problems=checker.check(row))
                 for row in data.rows)
    return Preview(data, rows, _earlier_imports(session, checker, rows))


def _earlier_imports(session: Session, checker: _Checker, rows: tuple[SheetRow, ...]) -> tuple[tuple[int, int], ...]:
    ids = {a.id for a in checker.agreements.values()}
    if not ids:
        return ()
    query = (select(HourEntry.agreement_id, HourEntry.month, func.sum(HourEntry.minutes))
             .where(HourEntry.source == layout.IMPORT_SOURCE, HourEntry.agreement_id.in_(ids))
             .group_by(HourEntry.agreement_id, HourEntry.month))
    imported = {(agreement_id, month): int(m) for agreement_id, month, m in session.execute(query)}
    found, seen = [], set()
    for row in rows:
        a = checker.agreements.get(row.agreement)
        if a is None or row.skipped or row.month is None or (a.id, str(row.month)) in seen:
            continue
        seen.add((a.id, str(row.month)))
        if imported.get((a.id, str(row.month))):
            found.append((row.row, imported[(a.id, str(row.month))]))
    return tuple(found)


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    provider: str
    year: str
    entries: int
    minutes: int
    skipped: int
    months: tuple[Month, ...]
    warnings: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        skipped = f"; {_rows_text(self.skipped, 'lege ')} overgeslagen" if self.skipped else ""
        return (f"Urenlijst {self.file_name} van {self.provider} ({self.year}) ingelezen: "
                f"{_rows_text(self.entries)}, samen {format_hours(self.minutes, thousands=True)} uur{skipped}.")


def _rows_text(count: int, adjective: str = "") -> str:
    return f"1 {adjective}rij" if count == 1 else f"{count} {adjective}rijen"


def import_sheet(session: Session, source: Path | HourSheet, today: dt.date) -> ImportResult:
    """Store every row of the sheet as an entry (source 'import'), or nothing: the first problems are named
    by sheet, row and column. Pass the HourSheet of a preview to import exactly what was shown."""
    checked = preview(session, source, today)
    checked.refuse_if_problems()
    rows = checked.to_import
    if not rows:
        raise InvalidInput(f"{WHAT} geweigerd: er staan geen uren in (alle rijen zijn leeg of 0).")
    ids = _confirm_with_hours_check(session, rows, today)
    session.add_all([HourEntry(agreement_id=ids[r.agreement], month=str(r.month), minutes=r.minutes, note=r.note,
                               source=layout.IMPORT_SOURCE) for r in rows])
    session.flush()
    return ImportResult(checked.sheet.file_name, checked.provider, checked.year, len(rows), checked.minutes,
                        checked.skipped, tuple(sorted({r.month for r in rows if r.month is not None})),
                        tuple(checked.warnings))


def _confirm_with_hours_check(session: Session, rows: tuple[SheetRow, ...], today: dt.date) -> dict[str, int]:
    """hours.check, the rule for every entry, once per agreement-month of the sheet with all its hours,
    counting the agreement-months before it. Sums of hours above 0 fit as a whole exactly when every row
    fits in turn, so this repeats the row checks' verdict with the service's own code."""
    groups: dict[tuple[str, Month], list[SheetRow]] = defaultdict(list)
    for row in rows:
        assert row.month is not None
        groups[(row.agreement, row.month)].append(row)
    pending: dict[tuple[int, int, Month], int] = defaultdict(int)
    pending_on_agreement: dict[int, int] = defaultdict(int)
    ids = {}
    for (number, month), group in groups.items():
        minutes = sum(r.minutes or 0 for r in group)
        a = lookup.agreement(session, number)
        key = (a.board_id, a.provider_id, month)
        try:
            hours.check(session, hours.HoursInput(number, month, minutes, source=layout.IMPORT_SOURCE), today,
                        pending=pending[key], pending_on_agreement=pending_on_agreement[a.id])
        except Refusal as error:  # not expected: the row checks apply the same rules
            found = Problems()
            found.add(layout.HOURS_SHEET, group[-1].row, COLUMN_OF_FIELD.get(error.field or "", layout.HOURS),
                      error.message.rstrip("."))
            found.raise_if_any(WHAT)
        pending[key] += minutes
        pending_on_agreement[a.id] += minutes
        ids[number] = a.id
    return ids
