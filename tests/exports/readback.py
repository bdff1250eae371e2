"""Reading exports back: PDF text, workbook parts, the figures of the `budgets` CSV."""
from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from models.domain.units import parse_hours
from tests.conftest import FIXTURES, TODAY, run_cli

YEAR = "2016-2017"


def pdf_text(path: Path | bytes) -> str:
    """All text of a PDF, white space collapsed to single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_pages(path: Path | bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path)).pages)


def xlsx_parts(path: Path) -> str:
    """Every part of a workbook (cells, shared strings, sheet names, defined names, comments,
    properties) as one text, to search for what must not be there."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def tokens(*values: object) -> str:
    """The words of a table row as pypdf gives them, joined by single spaces."""
    return " ".join(" ".join(str(v).split()) for v in values)


def find_in_order(text: str, rows: list[str]) -> None:
    """Each row occurs in `text`, after the one before it."""
    at = 0
    for row in rows:
        found = text.find(row, at)
        assert found >= 0, f"niet gevonden (na positie {at}): {row!r}"
        at = found + len(row)


@dataclass
class PairSums:
    budget: int = 0
    reserve: int = 0
    used: int = 0
    lapsed: int = 0
    open: int = 0  # budget + reserve - used of the months that have not lapsed yet


def budgets_csv(db: Path, today: dt.date = TODAY) -> dict[tuple[str, str], PairSums]:
    """The `budgets` CSV of the command line on `today`, summed per (board, provider), in minutes."""
    result = run_cli("budgets", "--year", YEAR, db=db, today=today)
    assert result.returncode == 0, result.stderr
    sums: dict[tuple[str, str], PairSums] = defaultdict(PairSums)
    for row in csv.DictReader(io.StringIO(result.stdout), delimiter=";"):
        pair = sums[(row["bestuur"], row["dienstverlener"])]
        budget, reserve, used, lapsed = (parse_hours(row[k], allow_zero=True)
                                         for k in ("budget", "reserve", "gebruikt", "vervallen"))
        pair.budget += budget
        pair.reserve += reserve
        pair.used += used
        pair.lapsed += lapsed
        if lapsed == 0 and used < budget + reserve:
            pair.open += budget + reserve - used
    return dict(sums)


def published() -> list[dict[str, str]]:
    """The published 2016-2017 table: bestuur, dienstverlener, jaaruren, per_maand."""
    text = (FIXTURES / "po3002-2016-2017.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def agreement_counts(db: Path) -> dict[tuple[str, str], int]:
    """Agreements per (board, provider) that are not withdrawn, counted straight from the file."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT b.name, p.name, count(*) FROM agreement a JOIN board b ON b.id = a.board_id "
            "JOIN provider p ON p.id = a.provider_id WHERE a.status != 'ingetrokken' GROUP BY b.name, p.name")
        return {(b, p): n for b, p, n in rows}
    finally:
        conn.close()


def dutch_hours(minutes: int) -> str:
    """Independent of the code under test: 110145 -> '1.835,75'."""
    hundredths = (minutes * 100 + 30) // 60
    whole, frac = divmod(hundredths, 100)
    text = f"{whole:,}".replace(",", ".")
    return f"{text},{frac:02d}".rstrip("0") if frac else text


def dutch_whole(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def share(part: int, whole: int) -> str:
    """A whole percentage, half up, with integer arithmetic: '45 %'."""
    return f"{(200 * part + whole) // (2 * whole)} %"
