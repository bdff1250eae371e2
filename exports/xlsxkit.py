"""What the spreadsheets share: safe text cells, Dutch number formats, header rows that stay in
view, autofilter, column widths, and an A4 landscape print set-up fitted to the page width.

Text that a user typed never becomes a formula: text starting with =, +, -, @, a tab or a line
break is stored as a string cell with Excel's quote prefix (shown as typed, not evaluated, also
not after the user edits the cell).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.domain.months import Month
from models.domain.units import minutes_to_hundredths

from . import safe_text
from .files import write_atomic

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

HOURS = "#,##0.00"  # hours with a fraction: 17,25 (a format like #,##0.## would show 120 as "120,")
WHOLE = "#,##0"
HOURS_TO_FILL = "General"  # an empty hours cell to fill in: shows 2 as 2 and 1,5 as 1,5, as typed
PERCENT = "0%"
DATE = "d-m-yyyy"
MONTH = "[$-413]mmmm yyyy"  # Dutch month names whatever the language of Excel
EUROS = '"€" #,##0.00;[Red]"€" -#,##0.00'  # Excel shows € 28.000,00 in a Dutch setting; below zero in red

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
ITALIC = Font(italic=True)
HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
TOTAL_FILL = PatternFill("solid", fgColor="EEEEEE")
THIN = Side(style="thin", color="808080")
HEAD_BORDER = Border(bottom=Side(style="medium", color="000000"))
TOTAL_BORDER = Border(top=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def text(cell: Any, value: object) -> Any:
    """Put user text in a cell as text, never as a formula."""
    value = safe_text.printable("" if value is None else str(value))
    cell.value = value
    if value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def hours_format(minutes: int) -> str:
    """Whole hours show as 120, anything else with two decimals (17,25), as the screen shows them."""
    return WHOLE if minutes % 60 == 0 else HOURS


def hours(cell: Any, minutes: int) -> Any:
    """Hours, exact: integer minutes in, a Decimal in the cell, formatted by its value (hours_format)."""
    cell.value = Decimal(minutes_to_hundredths(minutes)) / 100  # exact to two decimals: 1035 -> 17.25
    cell.number_format = hours_format(minutes)
    return cell


def euros(cell: Any, cents: int) -> Any:
    """Money, exact: integer cents in, Decimal(cents) / 100 in the cell, euro format."""
    cell.value = Decimal(cents) / 100
    cell.number_format = EUROS
    return cell


def whole(cell: Any, number: int) -> Any:
    cell.value = number
    cell.number_format = WHOLE
    return cell


def percent(cell: Any, value: int | None) -> Any:
    """A whole percentage (87) as a fraction with a percent format; empty when there is none."""
    cell.value = None if value is None else Decimal(value) / 100
    cell.number_format = PERCENT
    return cell


def share(cell: Any, hundredths: int) -> Any:
    """A distribution key in hundredths of a percent (3150 -> 31,5 %)."""
    cell.value = Decimal(hundredths) / 10000
    cell.number_format = PERCENT if hundredths % 100 == 0 else "0.00%"
    return cell


def date(cell: Any, day: dt.date | None) -> Any:
    cell.value = day
    cell.number_format = DATE
    return cell


def month(cell: Any, value: Month) -> Any:
    cell.value = value.first_day()
    cell.number_format = MONTH
    return cell


@dataclass(frozen=True)
class Column:
    """A column of a data sheet: its header, a writer for one row's value, and its width hint."""

    head: str
    put: Callable[[Any, Any], Any]
    width: float | None = None  # None: fit to the content
    wrap: bool = False


def month_columns(first: Column) -> list[Column]:
    """`first` (the provider or board), then one month's budget, reserve, use, lapse and what is left.
    Rows carry `month`, `budget`, `reserve`, `used`, `lapsed` and `left` (minutes)."""
    return [
        first,
        Column("Maand", lambda c, m: month(c, m.month), width=16),
        Column("Maandbudget", lambda c, m: hours(c, m.budget)),
        Column("Reserve toegekend", lambda c, m: hours(c, m.reserve)),
        Column("Gebruikt", lambda c, m: hours(c, m.used)),
        Column("Vervallen", lambda c, m: hours(c, m.lapsed)),
        Column("Over", lambda c, m: hours(c, m.left)),
    ]


def figure_columns(first: Column) -> list[Column]:
    """`first` (the board or provider), then the figures of one line of a summary, in the ALV order.
    Rows carry `key` and `figures` (models.services.reports.Figures)."""
    return [
        first,
        Column("Verdeling (%)", lambda c, p: share(c, p.key)),
        Column("Jaaruren", lambda c, p: whole(c, p.figures.yearly_hours)),
        Column("Gemiddeld per maand", lambda c, p: whole(c, p.figures.per_month)),
        Column("Gebruikt", lambda c, p: hours(c, p.figures.used)),
        Column("Reserve toegekend", lambda c, p: hours(c, p.figures.reserve)),
        Column("Vervallen", lambda c, p: hours(c, p.figures.lapsed)),
        Column("Over", lambda c, p: hours(c, p.figures.left)),
        Column("Benutting", lambda c, p: percent(c, p.figures.utilisation)),
        Column("Overeenkomsten", lambda c, p: whole(c, p.figures.agreements)),
        Column("Afgesproken uren", lambda c, p: hours(c, p.figures.agreed)),
    ]


def figure_totals(key: int, t: Any) -> list[Callable[[Any, Any], Any]]:
    """The totals row under `figure_columns`: 'Totaal', the key, and the summed figures `t`."""
    return [
        lambda c, r: text(c, "Totaal"), lambda c, r: share(c, key),
        lambda c, r: whole(c, t.yearly_hours), lambda c, r: whole(c, t.per_month), lambda c, r: hours(c, t.used),
        lambda c, r: hours(c, t.reserve), lambda c, r: hours(c, t.lapsed), lambda c, r: hours(c, t.left),
        lambda c, r: percent(c, t.utilisation), lambda c, r: whole(c, t.agreements), lambda c, r: hours(c, t.agreed),
    ]


def total_row(columns: Sequence[Column], values: dict[str, Callable[[Any, Any], Any]]) -> list[Callable[[Any, Any], Any]]:
    """A totals row for `data_sheet`: the writer given for a column's header, an empty cell elsewhere."""
    return [values.get(column.head, _blank) for column in columns]


def _blank(cell: Any, row: Any) -> Any:
    return cell


def data_sheet(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Any], *, header_row: int = 1,
               totals: Sequence[Callable[[Any, int], Any]] | None = None) -> None:
    """A table with a header that stays in view, an autofilter over the rows (not the total),
    and fitted widths. `totals`, when given, writes a bold total row under the filtered rows."""
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(header_row, c, column.head)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.border = HEAD_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="bottom",
                                   horizontal="left" if c == 1 else "center")
    for r, row in enumerate(rows, start=header_row + 1):
        for c, column in enumerate(columns, start=1):
            cell = column.put(ws.cell(r, c), row)
            if column.wrap:
                cell.alignment = WRAP
    last = header_row + len(rows)
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(last, header_row + 1)}"
    if totals is not None:
        r = last + 1
        for c, put in enumerate(totals, start=1):
            cell = put(ws.cell(r, c), r)
            cell.font = BOLD
            cell.fill = TOTAL_FILL
            cell.border = TOTAL_BORDER
    fit_widths(ws, columns, header_row)
    ws.row_dimensions[header_row].height = LINE_HEIGHT * max(
        _lines(c.head, ws.column_dimensions[get_column_letter(i)].width) for i, c in enumerate(columns, start=1))
    fit_wrapped_rows(ws, columns, header_row + 1, last)
    ws.print_title_rows = f"{header_row}:{header_row}"


LINE_HEIGHT = 15  # points per line of 11-point text


def fit_wrapped_rows(ws: Worksheet, columns: Sequence[Column], first: int, last: int) -> None:
    """Rows whose wrapped text takes more than one line get the height that shows all of it (Excel and
    LibreOffice do not grow a row written by a program when they open the file)."""
    wrapped = [(c, ws.column_dimensions[get_column_letter(c)].width)
               for c, column in enumerate(columns, start=1) if column.wrap]
    if not wrapped:
        return
    for r in range(first, last + 1):
        lines = max(_lines(_shown(ws.cell(r, c)), width) for c, width in wrapped)
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines


def _lines(text: str, width: float) -> int:
    """How many lines a text takes when wrapped at words in a column of `width` characters: a line break
    starts a new line, a word longer than a line is broken over several."""
    room = max(int(width) - 1, 1)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, 0
            if len(word) > room:
                lines += (len(word) - 1) // room
                used = (len(word) - 1) % room + 1
            else:
                used += (1 if used else 0) + len(word)
        total += lines
    return total


def fit_widths(ws: Worksheet, columns: Sequence[Column], header_row: int) -> None:
    for c, column in enumerate(columns, start=1):
        letter = get_column_letter(c)
        if column.width is not None:
            ws.column_dimensions[letter].width = column.width
            continue
        longest = max((len(_shown(ws.cell(r, c))) for r in range(header_row + 1, ws.max_row + 1)), default=0)
        head = max(len(word) for word in column.head.split())
        ws.column_dimensions[letter].width = min(max(longest + 2, head + 2, 9), 48)


def _shown(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return "september 2016" if cell.number_format == MONTH else "30-12-2016"
    if isinstance(value, (int, Decimal, float)):
        return f"{value:,.0f}" if cell.number_format == WHOLE else f"{value:,.2f}"
    return str(value)


def print_setup(ws: Worksheet, *, left: str, right: str) -> None:
    """A4 landscape, fitted to the page width, page header with the subject, 'pagina X van Y'."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.left.text = _header_text(left)
    ws.oddHeader.right.text = _header_text(right)
    ws.oddFooter.right.text = "pagina &P van &N"


def _header_text(value: str) -> str:
    """Page header text: '&' starts a code there, so a user's '&' is doubled."""
    return safe_text.printable(value).replace("&", "&&")[:200]


def new_workbook(*, title: str, author: str, subject: str) -> Workbook:
    wb = Workbook()
    props = wb.properties
    props.title = safe_text.printable(title)
    props.creator = safe_text.printable(author)
    props.lastModifiedBy = safe_text.printable(author)
    props.subject = safe_text.printable(subject)
    props.keywords = None
    props.description = None
    return wb


def save(wb: Workbook, path: Path) -> Path:
    """Write the workbook atomically."""
    return write_atomic(Path(path), lambda temp: wb.save(temp))


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as the bytes `save` would write (an attachment)."""
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
