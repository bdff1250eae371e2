"""`year import`: a school year from a setup workbook (sheets Schooljaar, Dienstverleners, Besturen)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..domain.allocation import Rounding
from ..domain.errors import InvalidInput
from ..domain.months import Month
from ..domain.setup import BoardSetup, ProviderSetup, YearSetup, parse_label
from ..domain.units import MINUTES_PER_HOUR, parse_percent, parse_whole_hours
from . import years
from .workbook import Problems, formula_free, is_blank, open_workbook, sheet, table_rows

ROUNDINGS = {r.value: r for r in Rounding}


def read_setup(path: Path) -> YearSetup:
    """Read and check the workbook; every problem is named by sheet, row and column."""
    workbook = open_workbook(path)
    problems = Problems()
    try:
        year_sheet = sheet(workbook, "Schooljaar", problems)
        provider_sheet = sheet(workbook, "Dienstverleners", problems)
        board_sheet = sheet(workbook, "Besturen", problems)
        problems.raise_if_any("De werkmap is")
        settings = _settings(year_sheet, problems)
        providers = _providers(provider_sheet, problems)
        boards = _boards(board_sheet, problems)
        problems.raise_if_any("De werkmap is")
    finally:
        workbook.close()
    label, first, last, rounding = settings
    return YearSetup(label, first, last, tuple(providers), tuple(boards), rounding)


def _settings(ws: Any, problems: Problems) -> tuple[str, Month, Month, Rounding]:
    values: dict[str, tuple[int, Any]] = {}
    for number, row in enumerate(ws.iter_rows(min_col=1, max_col=2, values_only=True), start=1):
        if row and row[0] is not None:
            values[" ".join(str(row[0]).split()).casefold()] = (number, row[1] if len(row) > 1 else None)
    result: dict[str, Any] = {}
    for key, parse in (("Schooljaar", parse_label), ("Eerste maand", Month.parse), ("Laatste maand", Month.parse)):
        if key.casefold() not in values:
            problems.add(ws.title, None, "A", f"de regel '{key}' ontbreekt")
            continue
        number, value = values[key.casefold()]
        result[key] = problems.take(ws.title, number, "B", lambda v=value, p=parse: p(formula_free(v)))
    rounding = Rounding.PER_CELL
    if "afronding" in values:
        number, value = values["afronding"]
        if not is_blank(value):
            rounding = ROUNDINGS.get(" ".join(str(value).split()).casefold(), None)  # type: ignore[assignment]
            if rounding is None:
                problems.add(ws.title, number, "B", f"afronding '{value}' bestaat niet; kies 'per cel' of "
                                                    "'grootste rest'")
                rounding = Rounding.PER_CELL
    problems.raise_if_any("De werkmap is")
    return result["Schooljaar"], result["Eerste maand"], result["Laatste maand"], rounding


def _text(value: Any) -> str:
    formula_free(value)
    return "" if value is None else " ".join(str(value).split())


def _providers(ws: Any, problems: Problems) -> list[ProviderSetup]:
    result = []
    for number, row in table_rows(ws, ["Naam", "Contracturen", "Reserve"], ["Cluster"], problems):
        name = problems.take(ws.title, number, "Naam", lambda v=row["Naam"]: _required_text(v, "de naam"))
        contract = problems.take(ws.title, number, "Contracturen", lambda v=row["Contracturen"]: parse_whole_hours(
            formula_free(_required(v, "de contracturen")), what="contracturen"))
        reserve = problems.take(ws.title, number, "Reserve", lambda v=row["Reserve"]: parse_whole_hours(
            formula_free(_required(v, "de reserve")), what="reserve"))
        cluster = problems.take(ws.title, number, "Cluster", lambda v=row.get("Cluster"): _text(v))
        if None in (name, contract, reserve):
            continue
        assert name is not None and contract is not None and reserve is not None
        if reserve > contract:
            problems.add(ws.title, number, "Reserve", "de reserve is groter dan de contracturen")
            continue
        result.append(ProviderSetup(name, contract // MINUTES_PER_HOUR, reserve // MINUTES_PER_HOUR, cluster or ""))
    if not result and not problems.items:
        problems.add(ws.title, 2, None, "er staat geen dienstverlener in")
    _duplicates(ws.title, [p.name for p in result], problems)
    return result


def _boards(ws: Any, problems: Problems) -> list[BoardSetup]:
    result = []
    for number, row in table_rows(ws, ["Naam", "Percentage leerlingen", "Verdeling"],
                                  ["Minimum", "Contactpersoon", "E-mail"], problems):
        name = problems.take(ws.title, number, "Naam", lambda v=row["Naam"]: _required_text(v, "de naam"))
        pupils = problems.take(ws.title, number, "Percentage leerlingen", lambda v=row["Percentage leerlingen"]:
                               parse_percent(formula_free(_required(v, "het percentage")), what="percentage"))
        key = problems.take(ws.title, number, "Verdeling", lambda v=row["Verdeling"]:
                            None if is_blank(v) else parse_percent(formula_free(v), what="verdeling"))
        minimum = problems.take(ws.title, number, "Minimum", lambda v=row.get("Minimum"):
                                None if is_blank(v) else parse_percent(formula_free(v), what="minimum"))
        contact = problems.take(ws.title, number, "Contactpersoon", lambda v=row.get("Contactpersoon"): _text(v))
        email = problems.take(ws.title, number, "E-mail", lambda v=row.get("E-mail"): _text(v))
        if name is None or pupils is None:
            continue
        result.append(BoardSetup(name, pupils, key, minimum, contact or "", email or ""))
    if not result and not problems.items:
        problems.add(ws.title, 2, None, "er staat geen schoolbestuur in")
    _duplicates(ws.title, [b.name for b in result], problems)
    return result


def _duplicates(sheet_name: str, names: list[str], problems: Problems) -> None:
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            problems.add(sheet_name, None, "Naam", f"de naam '{name}' komt twee keer voor")
        seen.add(name.casefold())


def _required(value: Any, what: str) -> Any:
    if is_blank(value):
        raise InvalidInput(f"{what} ontbreekt")
    return value


def _required_text(value: Any, what: str) -> str:
    text = _text(_required(value, what))
    if not text:
        raise InvalidInput(f"{what} ontbreekt")
    return text


def import_year(session: Session, path: Path) -> str:
    """Create (or replace the set-up of) a year from a workbook; returns its label."""
    setup = read_setup(path)
    try:
        year = years.create_or_replace(session, setup)
    except InvalidInput as error:
        raise InvalidInput(f"De werkmap is geweigerd, er is niets ingelezen: {error.message}") from None
    return year.label
