"""`year import`: a school year from a setup workbook (sheets Schooljaar, Dienstverleners, Besturen)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..domain.allocation import FULL, KeyInput, Rounding, suggest_keys
from ..domain.errors import InvalidInput
from ..domain.months import Month
from ..domain.names import name_key
from ..domain.setup import BoardSetup, ProviderSetup, YearSetup, check_year_months, parse_label
from ..domain.units import MINUTES_PER_HOUR, format_hundredths, parse_percent, parse_whole_hours
from . import years
from .workbook import readable, Problems, formula_free, is_blank, open_workbook, sheet, table_rows

ROUNDINGS = {r.value: r for r in Rounding}


def read_setup(path: Path) -> YearSetup:
    """Read and check the workbook; every problem is named by sheet, row and column."""
    workbook = open_workbook(path)
    problems = Problems()
    try:
        with readable(path):  # a broken sheet fails while its rows are read: a Dutch refusal
            settings, providers, boards = _read(workbook, problems)
    finally:
        workbook.close()
    label, first, last, rounding = settings
    return YearSetup(label, first, last, tuple(p for _, p in providers), tuple(b for _, b in boards), rounding)


def _read(workbook: Any, problems: Problems) -> tuple[Any, Any, Any]:
    year_sheet = sheet(workbook, "Schooljaar", problems)
    provider_sheet = sheet(workbook, "Dienstverleners", problems)
    board_sheet = sheet(workbook, "Besturen", problems)
    problems.raise_if_any("De werkmap is")
    assert year_sheet is not None and provider_sheet is not None and board_sheet is not None  # refused if missing
    settings = _settings(year_sheet, problems)
    providers = _providers(provider_sheet, problems)
    boards = _boards(board_sheet, problems)
    problems.raise_if_any("De werkmap is")
    _check_boards(board_sheet.title, boards, problems)
    problems.raise_if_any("De werkmap is")
    return settings, providers, boards


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
        result[key] = problems.take(ws.title, number, "B", lambda: parse(formula_free(value)))
    rounding = Rounding.PER_CELL
    if "afronding" in values:
        number, value = values["afronding"]
        if not is_blank(value):
            chosen = ROUNDINGS.get(" ".join(str(value).split()).casefold())
            if chosen is None:
                problems.add(ws.title, number, "B", f"afronding '{value}' bestaat niet; kies 'per cel' of "
                                                    "'grootste rest'")
            else:
                rounding = chosen
    problems.raise_if_any("De werkmap is")
    label, first, last = result["Schooljaar"], result["Eerste maand"], result["Laatste maand"]
    start = int(label[:4])
    # Name the row of the first month when it falls outside the school year, else the last month's row.
    row = values["eerste maand"][0] if first.year not in (start, start + 1) else values["laatste maand"][0]
    problems.take(ws.title, row, "B", lambda: check_year_months(label, first, last))
    problems.raise_if_any("De werkmap is")
    return label, first, last, rounding


def _optional_percent(value: Any, what: str) -> int | None:
    return None if is_blank(value) else parse_percent(formula_free(value), what=what)


def _text(value: Any) -> str:
    formula_free(value)
    return "" if value is None else " ".join(str(value).split())


def _providers(ws: Any, problems: Problems) -> list[tuple[int, ProviderSetup]]:
    result = []
    for number, row in table_rows(ws, ["Naam", "Cluster", "Contracturen", "Reserve"], [], problems):
        name = problems.take(ws.title, number, "Naam", lambda: _required_text(row["Naam"], "de naam"))
        contract = problems.take(ws.title, number, "Contracturen", lambda: parse_whole_hours(
            formula_free(_required(row["Contracturen"], "de contracturen")), what="contracturen"))
        reserve = problems.take(ws.title, number, "Reserve", lambda: parse_whole_hours(
            formula_free(_required(row["Reserve"], "de reserve")), what="reserve"))
        cluster = problems.take(ws.title, number, "Cluster", lambda: _text(row.get("Cluster")))
        if None in (name, contract, reserve):
            continue
        assert name is not None and contract is not None and reserve is not None
        if contract == 0:
            problems.add(ws.title, number, "Contracturen", "geef contracturen boven 0")
            continue
        if reserve > contract:
            problems.add(ws.title, number, "Reserve", "de reserve is groter dan de contracturen")
            continue
        result.append((number, ProviderSetup(name, contract // MINUTES_PER_HOUR, reserve // MINUTES_PER_HOUR,
                                             cluster or "")))
    if not result and not problems.items:
        problems.add(ws.title, 2, None, "er staat geen dienstverlener in")
    _duplicates(ws.title, [(number, p.name) for number, p in result], problems)
    return result


def _boards(ws: Any, problems: Problems) -> list[tuple[int, BoardSetup]]:
    result = []
    for number, row in table_rows(ws, ["Naam", "Percentage leerlingen", "Verdeling"],
                                  ["Minimum", "Contactpersoon", "E-mail"], problems,
                                  percent_columns=["Percentage leerlingen", "Verdeling", "Minimum"]):
        name = problems.take(ws.title, number, "Naam", lambda: _required_text(row["Naam"], "de naam"))
        pupils = problems.take(ws.title, number, "Percentage leerlingen", lambda: parse_percent(
            formula_free(_required(row["Percentage leerlingen"], "het percentage")), what="percentage"))
        key = problems.take(ws.title, number, "Verdeling", lambda: _optional_percent(row["Verdeling"], "verdeling"))
        minimum = problems.take(ws.title, number, "Minimum", lambda: _optional_percent(row.get("Minimum"), "minimum"))
        contact = problems.take(ws.title, number, "Contactpersoon", lambda: _text(row.get("Contactpersoon")))
        email = problems.take(ws.title, number, "E-mail", lambda: _text(row.get("E-mail")))
        if name is None or pupils is None:
            continue
        result.append((number, BoardSetup(name, pupils, key, minimum, contact or "", email or "")))
    if not result and not problems.items:
        problems.add(ws.title, 2, None, "er staat geen schoolbestuur in")
    _duplicates(ws.title, [(number, b.name) for number, b in result], problems)
    return result


def _duplicates(sheet_name: str, names: list[tuple[int, str]], problems: Problems) -> None:
    """Names equal after trimming, collapsing white space and casefolding; the later row is named."""
    seen: dict[str, int] = {}
    for number, name in names:
        if name_key(name) in seen:
            problems.add(sheet_name, number, "Naam",
                         f"de naam '{name}' komt twee keer voor (ook in rij {seen[name_key(name)]})")
        seen.setdefault(name_key(name), number)


def _check_boards(sheet_name: str, boards: list[tuple[int, BoardSetup]], problems: Problems) -> None:
    """The checks over the whole Besturen sheet: totals of 100, keys for all boards or none, a suggestion."""
    pupils = sum(b.pupil_share for _, b in boards)
    if pupils != FULL:
        problems.add(sheet_name, None, "Percentage leerlingen",
                     f"de percentages leerlingen tellen op tot {format_hundredths(pupils)}, niet tot 100")
    missing = [number for number, b in boards if b.key is None]
    if missing and len(missing) < len(boards):
        for number in missing:
            problems.add(sheet_name, number, "Verdeling",
                         "de verdeling ontbreekt; vul hem bij alle besturen in of bij geen")
    elif not missing:
        keys = sum(b.key or 0 for _, b in boards)
        if keys != FULL:
            problems.add(sheet_name, None, "Verdeling",
                         f"de verdeling telt op tot {format_hundredths(keys)}, niet tot 100")
    elif pupils == FULL:  # no key at all: the suggestion must be possible
        problems.take(sheet_name, None, "Minimum",
                      lambda: suggest_keys([KeyInput(b.pupil_share, b.minimum) for _, b in boards]))


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
