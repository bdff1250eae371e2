"""Hour sheets (urenlijsten) of providers: the template to fill in, reading it back, preview and import.

A sheet is imported as a whole or not at all. Its rows take the path of hours registered one by one: each
goes through services.hours' check, in sheet order, with one ledger for the whole sheet (its agreements and
month budgets loaded and locked at once, so a long sheet stays quick, and each row counting the rows above it
that passed), and is stored by services.hours.store, as ORM rows through the session, so the audit trail,
the length limits and the text rules see each one at the flush. Finally what is stored is summed per
agreement and per board x provider x month in SQL: over what was agreed or over budget + reserve rolls the
whole sheet back.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import agreements as rules
from ..domain import hour_sheet as layout
from ..domain.agreements import Status
from ..domain.errors import BudgetExceeded, Conflict, InvalidInput, Refusal
from ..domain.months import Month, month_range
from ..domain.names import clean_name, name_key
from ..domain.privacy import check_text
from ..domain.setup import parse_label
from ..domain.units import format_count, format_hours, parse_hours
from ..orm import Agreement, HourEntry, Provider, SchoolYear
from . import hours, lookup
from .agreements import AgreementFilter, list_agreements
from .reporting import budget_rows, closed_months, used_minutes
from .workbook import Problems, formula_free, is_blank, open_workbook, readable, sheet, table_rows

T = TypeVar("T")
WHAT = "De urenlijst is"  # "De urenlijst is geweigerd, er is niets ingelezen: ..."
COLUMN_OF_FIELD = {"agreement": layout.AGREEMENT, "month": layout.MONTH, "hours": layout.HOURS,
                   "board": layout.BOARD}


# ---------------------------------------------------------------- the template

@dataclass(frozen=True)
class TemplateRow:
    """One agreement in one month, as the provider sees it (never a pupil reference), with what is left: on the
    agreement (agreed - booked) and in the month (budget + reserve - used of the board at this provider)."""

    agreement: str
    board: str
    school: str
    kind: str  # in words: 'Coaching leerkracht'
    description: str
    month: Month
    agreement_left: int | None = None  # minutes; None: not known (the cell stays empty)
    month_left: int | None = None


@dataclass(frozen=True)
class HourSheetTemplate:
    year: str
    provider: str
    made_on: dt.date
    rows: tuple[TemplateRow, ...]
    month: Month | None = None  # the one month the sheet asks for; None: every month that can take hours


def template_rows(session: Session, year: str, provider: str, today: dt.date,
                  month: Month | None = None) -> HourSheetTemplate:
    """A provider's confirmed agreements of a year, one row per month that can take hours now: from the
    later of the first month and the month of confirmation up to the last month, never past this month,
    closed months left out. With `month`, that month's rows only."""
    year_row = lookup.year(session, year)
    provider_name = lookup.year_provider(session, year_row, provider).provider.name
    closed = closed_months(session, year_row.id)
    if month is not None:
        _check_sheet_month(year_row, month, closed, today)
    left_in_month = {(r.board, r.month): r.left
                     for r in budget_rows(session, year_row.label, today, provider=provider_name)}
    rows = []
    for a in list_agreements(session, AgreementFilter(year_row.label, provider=provider_name,
                                                      status=Status.CONFIRMED)):
        assert a.confirmed_on is not None
        start = rules.first_bookable_month(a.first_month, a.confirmed_on)
        end = min(a.last_month, Month.of(today))
        for m in month_range(start, end):  # none when the start lies after the end
            if m not in closed and month in (None, m):
                rows.append(TemplateRow(a.number, a.board, a.school, a.kind.label, a.description, m,
                                        a.left, left_in_month.get((a.board, m))))
    if not rows and month is not None:
        raise Conflict(f"{provider_name} heeft in {month.label} geen bevestigde overeenkomsten waarop uren te "
                       "boeken zijn; er is geen urenlijst te maken.", field="month")
    if not rows:
        raise Conflict(f"{provider_name} heeft in {year_row.label} geen bevestigde overeenkomsten met een open "
                       "maand tot en met deze maand; er is geen urenlijst te maken.", field="provider")
    return HourSheetTemplate(year_row.label, provider_name, today, tuple(rows), month)


def _check_sheet_month(year_row: SchoolYear, month: Month, closed: set[Month], today: dt.date) -> None:
    """A sheet for one month: a month of the school year that has begun and is open."""
    if month not in lookup.year_months(year_row):
        raise InvalidInput(f"{month.label} hoort niet bij schooljaar {year_row.label}.", field="month")
    if month > Month.of(today):
        raise InvalidInput(f"{month.label} is nog niet begonnen; uren zijn gerealiseerde uren.", field="month")
    if month in closed:
        raise Conflict(f"{month.label} is afgesloten; heropen de maand eerst.", field="month")


def sheet_title(file_name: str) -> str:
    """'Urenlijst Kameleon.xlsx' for a file named 'Kameleon.xlsx'; a name that says Urenlijst already keeps it
    once ('Urenlijst Kameleon maart 2017.xlsx', never 'Urenlijst Urenlijst ...')."""
    return file_name if file_name.casefold().startswith("urenlijst") else f"Urenlijst {file_name}"


# ---------------------------------------------------------------- reading a filled-in sheet

@dataclass(frozen=True)
class Shortfall:
    """What a row lacks in its month's budget + reserve: the reserve grant that would let it in."""

    board: str
    provider: str
    month: Month
    minutes: int


@dataclass(frozen=True)
class RowProblem:
    column: str | None
    message: str
    shortfall: Shortfall | None = None  # a refusal for lack of budget (BudgetExceeded)


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


def read_sheet(path: Path, max_rows: int = layout.MAX_ROWS) -> HourSheet:
    """Read a filled-in hour sheet. Refuses the file as a whole when it is not a plain workbook of the
    expected shape or holds more than `max_rows` data rows; problems of single rows are kept on the rows
    (see preview)."""
    path = Path(path)
    workbook = open_workbook(path)
    problems = Problems()
    try:
        with readable(path):
            _hidden_sheets(workbook, problems)
            hours_ws = sheet(workbook, layout.HOURS_SHEET, problems)
            info_ws = sheet(workbook, layout.INFO_SHEET, problems)
            problems.raise_if_any(WHAT)
            _check_structure(path, hours_ws, problems, max_rows)
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


def _check_structure(path: Path, ws: Any, problems: Problems, max_rows: int) -> None:
    """A quick pass over the sheet's XML before its cells are read: at most `max_rows` data rows, and rows and
    cells in order (openpyxl would silently skip a row that comes after a later one). The XML goes through
    defusedxml's parser (its refusals of entities and external references stay in place) straight to
    `_Order`, which sees only the start tags as expat reports them: no elements are built."""
    from defusedxml.ElementTree import DefusedXMLParser

    order = _Order(max_rows)
    parser = DefusedXMLParser(target=order)
    parser.parser.StartElementHandler = order.expat_start  # not through ElementTree's name and attribute dicts
    with zipfile.ZipFile(path) as archive, archive.open(ws._worksheet_path) as source:
        try:
            while chunk := source.read(1 << 16):
                parser.feed(chunk)
            parser.close()
        except _OrderBroken:
            pass
    if order.problem is not None:
        number, message = order.problem
        problems.add(ws.title, number, None, message)


class _OrderBroken(Exception):
    """Stops the pass at the first problem."""


class _Order:
    """The parser's target: checks the numbers of rows and cells as their start tags come by."""

    def __init__(self, max_rows: int) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple  # 'B12' -> (12, 2), as openpyxl reads the cells

        self.coordinate = coordinate_to_tuple  # raises what it cannot read: the workbook is refused as unreadable
        self.max_rows = max_rows
        self.last_row = 0
        self.row = 0
        self.last_column = 0
        self.problem: tuple[int, str] | None = None

    def expat_start(self, tag: str, attributes: list[str]) -> None:
        """expat's start handler: ordered attributes come as [name, value, name, value, ...] (ElementTree's
        XMLParser asks expat for them so). Called for every tag of the sheet, so the many others (v, is, t) are
        passed over by their last letter first."""
        last = tag[-1]
        if last == "c":
            name = "c"
        elif last == "w":
            name = "row"
        else:
            return
        if tag != name and not tag.endswith("}" + name):
            return
        r = next((attributes[i + 1] for i in range(0, len(attributes), 2) if attributes[i] == "r"), None)
        if name == "c":
            self._cell(r)
        else:
            self._row(r)

    def _row(self, r: str | None) -> None:
        number = int(r or self.last_row + 1)
        if number > self.max_rows + 1:
            self._broken(number, f"te veel rijen (meer dan {format_count(self.max_rows)}); een urenlijst hoort klein "
                                 "te zijn")
        if number <= self.last_row:
            self._broken(number, "de rijen staan niet op volgorde; open het bestand in Excel en sla het opnieuw op")
        self.last_row = self.row = number
        self.last_column = 0

    def _cell(self, coordinate: str | None) -> None:
        if coordinate is None:
            self.last_column += 1
            return
        row, column = self.coordinate(coordinate)
        if row != self.row or column <= self.last_column:
            self._broken(self.row, "de cellen van deze rij staan niet op volgorde; open het bestand in Excel en "
                                   "sla het opnieuw op")
        self.last_column = column

    def _broken(self, number: int, message: str) -> None:
        self.problem = (number, message)
        raise _OrderBroken


def _info(ws: Any, problems: Problems) -> tuple[str, str, int, int]:
    """Provider and school year from the Gegevens sheet (key in column A, value in column B)."""
    ws.reset_dimensions()
    values: dict[str, tuple[int, Any]] = {}
    for number, (key, value) in enumerate(ws.iter_rows(max_col=2, values_only=True), start=1):  # A and B
        if number > 100:
            break
        if isinstance(key, str):
            values.setdefault(name_key(key), (number, value))
    found: list[tuple[str | None, int]] = []
    for key, parse in ((layout.INFO_PROVIDER, _name), (layout.INFO_YEAR, lambda v: parse_label(_required(v)))):
        if name_key(key) not in values:
            problems.add(ws.title, None, "A", f"de regel '{key}' ontbreekt")
            found.append((None, 0))
            continue
        number, value = values[name_key(key)]
        found.append((problems.take(ws.title, number, "B", lambda: parse(formula_free(value))), number))
    (provider, provider_row), (year, year_row) = found
    return provider or "", year or "", provider_row, year_row


def _name(value: Any) -> str:
    return clean_name(str(_required(value)))  # never empty: _required refuses a value of white space only


def _required(value: Any) -> Any:
    if is_blank(value):
        raise InvalidInput("deze waarde ontbreekt")
    return value


def _rows(ws: Any, problems: Problems) -> list[SheetRow]:
    ws.reset_dimensions()  # read every row, whatever the sheet claims its size is
    return [_row(number, cells)  # at most max_rows: _Order counted them on the XML already
            for number, cells in table_rows(ws, layout.REQUIRED, layout.OPTIONAL, problems)]


def _row(number: int, cells: dict[str, Any]) -> SheetRow:
    found: list[RowProblem] = []

    def take(column: str, parse: Any) -> Any:
        try:
            return parse(cells.get(column))
        except InvalidInput as error:
            found.append(RowProblem(column, _without_subject(error.message, column)))
            return None

    minutes = take(layout.HOURS, _minutes)
    if minutes == 0 and not found:  # nothing to import here: the rest of the row is shown as it was read
        try:
            month = _month(cells.get(layout.MONTH))
        except InvalidInput:
            month = None
        return SheetRow(number, _shown(cells[layout.AGREEMENT]), _shown(cells.get(layout.BOARD)), month, 0, "")
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
        raise InvalidInput(f"de opmerking is te lang ({format_count(len(text))} tekens, hoogstens "
                           f"{format_count(layout.MAX_NOTE)})")
    return check_text(text, "de opmerking")  # privacy (AVG): no citizen numbers or birth dates


# ---------------------------------------------------------------- checking against the database

class _Checker:
    """The rows of one sheet through services.hours' check, in sheet order, with one ledger for all of them:
    their facts loaded (and locked) at once, each row counting the rows above it that passed. First what only a
    sheet asks: the agreement belongs to the sheet's year and provider, and to the board the row names."""

    def __init__(self, session: Session, sheet_data: HourSheet, today: dt.date) -> None:
        self.year = _at_info_row(sheet_data.year_row, lambda: lookup.year(session, sheet_data.year))
        self.provider = _at_info_row(sheet_data.provider_row, lambda: lookup.year_provider(
            session, self.year, sheet_data.provider)).provider
        self.ledger = hours.Ledger(session, today)
        self.agreements = self.ledger.load(r.agreement for r in sheet_data.rows if r.ok and not r.skipped)

    def check(self, row: SheetRow) -> tuple[RowProblem, ...]:
        """The row's problems; a row without problems counts for the rows below it."""
        assert row.month is not None and row.minutes
        try:
            a = self._agreement(row)
            self.ledger.check(hours.HoursInput(a.number, row.month, row.minutes, row.note, layout.IMPORT_SOURCE))
        except BudgetExceeded as error:
            short = Shortfall(a.board, a.provider, row.month, error.requested - error.left)
            return (RowProblem(layout.HOURS, error.message.rstrip("."), short),)
        except Refusal as error:
            return (RowProblem(COLUMN_OF_FIELD.get(error.field or "", layout.HOURS), error.message.rstrip(".")),)
        return ()

    def _agreement(self, row: SheetRow) -> hours.AgreementFacts:
        a = self.ledger.agreement(row.agreement)
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


def _at_info_row(row: int, find: Callable[[], T]) -> T:
    """An unknown year or provider refuses the sheet, naming its row of the Gegevens sheet."""
    try:
        return find()
    except Refusal as error:
        problems = Problems()
        problems.add(layout.INFO_SHEET, row, "B", error.message.rstrip("."))
        problems.raise_if_any(WHAT)
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
        others = len(self.earlier_imports) - 1
        more = f" en op {others} andere {'rij' if others == 1 else 'rijen'}" if others else ""
        return [f"voor de overeenkomst en maand van rij {first_row}{more} zijn al eerder uren ingelezen "
                f"({format_hours(minutes)} uur); controleer dat deze lijst niet twee keer wordt ingelezen"]

    def refuse_if_problems(self) -> None:
        found = Problems(self.problems)
        found.raise_if_any(WHAT)


def preview(session: Session, source: Path | HourSheet, today: dt.date) -> Preview:
    """Read (unless already read) and check every row; a file that cannot be read at all is refused."""
    data = source if isinstance(source, HourSheet) else read_sheet(Path(source))
    return _checked(session, data, today)[0]


def _checked(session: Session, data: HourSheet, today: dt.date) -> tuple[Preview, _Checker]:
    checker = _Checker(session, data, today)
    rows = tuple(row if not row.ok or row.skipped else _with_problems(row, checker.check(row)) for row in data.rows)
    return Preview(data, rows, _earlier_imports(session, checker, rows)), checker


def _with_problems(row: SheetRow, problems: tuple[RowProblem, ...]) -> SheetRow:
    return replace(row, problems=problems) if problems else row


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
        return (f"{sheet_title(self.file_name)} van {self.provider} ({self.year}) ingelezen: "
                f"{_rows_text(self.entries)}, samen {format_hours(self.minutes, thousands=True)} uur{skipped}.")


def _rows_text(count: int, adjective: str = "") -> str:
    return f"1 {adjective}rij" if count == 1 else f"{count} {adjective}rijen"


def import_sheet(session: Session, source: Path | HourSheet, today: dt.date) -> ImportResult:
    """Store every row of the sheet as an entry (source 'import'), or nothing: the first problems are named
    by sheet, row and column. Pass the HourSheet of a preview to import exactly what was shown."""
    data = source if isinstance(source, HourSheet) else read_sheet(Path(source))
    checked, checker = _checked(session, data, today)
    checked.refuse_if_problems()
    rows = checked.to_import
    if not rows:
        raise InvalidInput(f"{WHAT} geweigerd: er staan geen uren in (alle rijen zijn leeg of 0).")
    hours.store(session, [hours.Accepted(checker.agreements[r.agreement].id, r.month, r.minutes, r.note,
                                         layout.IMPORT_SOURCE) for r in rows if r.month is not None and r.minutes])
    _confirm_stored(session, checker, rows)
    return ImportResult(checked.sheet.file_name, checked.provider, checked.year, len(rows), checked.minutes,
                        checked.skipped, tuple(sorted({r.month for r in rows if r.month is not None})),
                        tuple(checked.warnings))


def _confirm_stored(session: Session, checker: _Checker, rows: tuple[SheetRow, ...]) -> None:
    """What is stored now, summed in SQL, within what was agreed and within budget + reserve of every month the
    sheet touches (the rows' checks promised it; a rule broken here rolls the whole sheet back)."""
    facts = [checker.agreements[r.agreement] for r in rows]
    # Every agreement on the sheet is of its year and provider (_Checker._agreement): their sums in one query.
    booked = {agreement_id: int(minutes) for agreement_id, minutes in session.execute(
        select(HourEntry.agreement_id, func.sum(HourEntry.minutes))
        .join(Agreement, HourEntry.agreement_id == Agreement.id)
        .where(Agreement.year_id == checker.year.id, Agreement.provider_id == checker.provider.id)
        .group_by(HourEntry.agreement_id))}
    for a in {a.id: a for a in facts}.values():
        if booked[a.id] > a.minutes:  # each has the rows just stored
            _refuse_stored(rows, a.number, f"Overeenkomst {a.number}: er zou {format_hours(booked[a.id])} uur "
                                           f"gebruikt zijn, meer dan de afgesproken {format_hours(a.minutes)} uur")
    used = used_minutes(session, checker.year.id, provider_id=checker.provider.id)
    of_board = {a.board_id: a for a in facts}
    for key in sorted({(a.board_id, a.provider_id, r.month) for a, r in zip(facts, rows) if r.month is not None}):
        board_id, provider_id, month = key
        limit = checker.ledger.month_use(of_board[board_id], month).limit
        if used[key] > limit:  # each has the rows just stored
            _refuse_stored(rows, None, f"{of_board[board_id].board} bij {checker.provider.name} in {month.label}: er zou "
                                       f"{format_hours(used[key])} uur gebruikt zijn, meer dan budget + reserve "
                                       f"({format_hours(limit)} uur)")


def _refuse_stored(rows: tuple[SheetRow, ...], number: str | None, message: str) -> None:
    found = Problems()
    row = next((r.row for r in reversed(rows) if number is None or r.agreement == number), rows[-1].row)
    found.add(layout.HOURS_SHEET, row, layout.HOURS, message)
    found.raise_if_any(WHAT)


def sheets_read_in(session: Session, year: str, month: Month) -> list[str]:
    """The providers whose hour sheet brought hours for `month` (entries of source 'import'), by name."""
    year_row = lookup.year(session, year)
    query = (select(Provider.name).join(Agreement, Agreement.provider_id == Provider.id)
             .join(HourEntry, HourEntry.agreement_id == Agreement.id)
             .where(Agreement.year_id == year_row.id, HourEntry.month == str(month),
                    HourEntry.source == layout.IMPORT_SOURCE)
             .distinct().order_by(Provider.name))
    return list(session.scalars(query))
