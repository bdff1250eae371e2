"""Reading workbooks that users fill in: header lookup, cell positions in Dutch, safe opening."""
from __future__ import annotations

import contextlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from decimal import Decimal
from typing import Any, Callable, Iterator, Sequence, TypeVar

from ..domain.errors import InvalidInput, Refusal
from ..domain.names import clean_name

T = TypeVar("T")
MAX_UNPACKED = 50 * 1024 * 1024  # a zip bomb stops here, before parsing
MAX_RATIO = 200


def open_workbook(path: Path) -> Any:
    """Open an .xlsx read-only with values (not formulas); refuse what is not a plain workbook."""
    import openpyxl

    require_defused_xml()
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"Bestand {path} bestaat niet.")
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(f"{path.name} is geen Excel-werkmap (.xlsx).")
    if not zipfile.is_zipfile(path):
        raise InvalidInput(f"{path.name} is geen geldige Excel-werkmap; sla hem in Excel op als .xlsx.")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
        packed = max(sum(info.compress_size for info in archive.infolist()), 1)
        if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
            raise InvalidInput(f"{path.name} is uitgepakt te groot; een urenlijst of opzet hoort klein te zijn.")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise InvalidInput(f"{path.name} bevat macro's; sla hem op als gewone werkmap (.xlsx).")
        if "xl/workbook.xml" not in names:
            raise InvalidInput(f"{path.name} is geen geldige Excel-werkmap.")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Refusal:
        raise
    except Exception as error:
        if is_xml_trick(error):
            raise InvalidInput(xml_trick_message(path.name)) from None
        raise InvalidInput(f"{path.name} kan niet worden gelezen als Excel-werkmap.") from None


def require_defused_xml() -> None:
    """openpyxl parses with defusedxml when it is importable (and OPENPYXL_DEFUSEDXML is not 'False'):
    XML entities and external references are then refused. Never read a user's workbook without it."""
    from defusedxml.ElementTree import iterparse as defused_iterparse
    from openpyxl.xml import functions

    if functions.iterparse is not defused_iterparse:
        raise Refusal("Werkmappen inlezen kan nu niet: de beveiliging tegen misleidende XML (defusedxml) staat "
                      "uit. Installeer het programma opnieuw of vraag de beheerder om hulp.")


def is_xml_trick(error: BaseException) -> bool:
    """An entity declaration or an external reference that defusedxml refused (openpyxl may wrap it)."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def xml_trick_message(name: str) -> str:
    return (f"{name} bevat XML die niet is toegestaan (entiteiten of verwijzingen naar andere bestanden); "
            "open hem in Excel en sla hem opnieuw op als .xlsx.")


@contextlib.contextmanager
def readable(path: Path) -> Iterator[None]:
    """Around reading the rows of an opened workbook: openpyxl (read-only) parses a sheet only while its rows
    are read, so a broken or hostile sheet fails there; that becomes a refusal the user can read."""
    try:
        yield
    except Refusal:
        raise
    except Exception as error:
        if is_xml_trick(error):
            raise InvalidInput(xml_trick_message(Path(path).name)) from None
        raise InvalidInput(f"{Path(path).name} kan niet worden gelezen als Excel-werkmap; open hem in Excel en sla "
                           "hem opnieuw op als .xlsx.") from None


@dataclass
class Problems:
    """Problems found while reading, named by sheet, row and column; refused as a whole."""

    items: list[str] = field(default_factory=list)

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        where = f"werkblad {sheet}"
        if row is not None:
            where += f", rij {row}"
        if column:
            where += f", kolom {column}"
        self.items.append(f"{where}: {message}")

    def take(self, sheet: str, row: int | None, column: str | None, parse: Callable[[], T]) -> T | None:
        """Run a parse; a refusal becomes a problem at that cell."""
        try:
            return parse()
        except InvalidInput as error:
            self.add(sheet, row, column, _strip_subject(error.message))
            return None

    def raise_if_any(self, what: str) -> None:
        if self.items:
            shown = "; ".join(self.items[:3])
            more = f" (en nog {len(self.items) - 3})" if len(self.items) > 3 else ""
            raise InvalidInput(f"{what} geweigerd, er is niets ingelezen: {shown}{more}.")


def _strip_subject(message: str) -> str:
    return message.rstrip(".")


def sheet(workbook: Any, name: str, problems: Problems) -> Any | None:
    for ws in workbook.worksheets:
        if clean_name(ws.title).casefold() == name.casefold():
            return ws
    problems.add(name, None, None, "dit werkblad ontbreekt")
    return None


def formula_free(value: Any) -> Any:
    """A cell holding a formula is refused: we read values the user typed, not what Excel computed."""
    if isinstance(value, str) and value.startswith("="):
        raise InvalidInput("een formule is niet toegestaan; typ de waarde zelf")
    if type(value).__name__ in ("ArrayFormula", "DataTableFormula"):  # openpyxl's other formula cells
        raise InvalidInput("een formule is niet toegestaan; typ de waarde zelf")
    return value


def table_rows(ws: Any, required: list[str], optional: list[str], problems: Problems,
               max_rows: int = 100_000, *, percent_columns: Sequence[str] = ()
               ) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a sheet with a header row, as dicts by header name (column order free, extras ignored).

    In `percent_columns` a number shown as a percentage (29,4 % is stored as 0.294) reads as the
    percentage the user sees (29.4), exactly, as a Decimal.
    """
    rows = _percent_rows(ws, percent_columns) if percent_columns else ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        problems.add(ws.title, 1, None, "de kopregel ontbreekt")
        return
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        if title is not None:
            positions.setdefault(clean_name(str(title)).casefold(), index)
    missing = [name for name in required if name.casefold() not in positions]
    for name in missing:
        problems.add(ws.title, 1, name, "deze kolom ontbreekt")
    if missing:
        return
    wanted = [n for n in required + optional if n.casefold() in positions]
    for number, values in enumerate(rows, start=2):
        if number > max_rows + 1:
            problems.add(ws.title, number, None, f"te veel rijen (meer dan {max_rows})")
            return
        cells = {n: values[positions[n.casefold()]] if positions[n.casefold()] < len(values) else None
                 for n in wanted}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        yield number, cells


def _percent_rows(ws: Any, percent_columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """Cell values by row, with percentage-formatted numbers in the named columns as shown (x 100)."""
    wanted = {name.casefold() for name in percent_columns}
    rows = ws.iter_rows()
    header = next(rows, None)
    if header is None:
        return
    titles = tuple(cell.value for cell in header)
    yield titles
    columns = {index for index, title in enumerate(titles)
               if title is not None and clean_name(str(title)).casefold() in wanted}
    for row in rows:
        yield tuple(_as_shown(cell) if index in columns else cell.value for index, cell in enumerate(row))


def _as_shown(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return Decimal(repr(value)) * 100
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
