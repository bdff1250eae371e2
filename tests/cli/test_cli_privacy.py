"""The command line refuses a BSN or a birth date in free text (AVG): exit 1, one Dutch line, nothing written."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import confirmed_agreement, ok, refused, refused_all

YEAR = "2016-2017"
ADD = ["agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--hours", "40",
       "--from", "2016-09", "--to", "2017-07"]
GRANT = ["reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--month", "2016-10",
         "--hours", "2"]
STORY = "Leerling Jan Jansen, geb. 12-03-2008, BSN 123456782"


def test_agreement_add_refuses_pupil_data(ref_file: Path) -> None:
    description, iso, words, iso_description = refused_all([
        ADD + ["--description", STORY], ADD + ["--pupil", "2008-03-12"], ADD + ["--pupil", "12 maart 2008"],
        ADD + ["--description", "geboren 2008-03-12"]], db=ref_file)
    assert description.startswith("Omschrijving bevat iets dat op een BSN lijkt; leg geen leerlinggegevens "
                                  "vast (AVG)")
    assert "123456782" not in description
    assert iso.startswith("Leerlingcode bevat een datum") and words.startswith("Leerlingcode bevat een datum")
    assert iso_description.startswith("Omschrijving bevat een datum, mogelijk een geboortedatum")
    ok(*ADD, "--description", "Begeleiding vanaf oktober 2016", "--pupil", "L-0042", db=ref_file)


def test_hours_note_reserve_and_reopen_reasons_refuse_pupil_data(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file)
    ok("month", "close", "--year", YEAR, "--month", "2016-11", db=ref_file)
    note, reason, reopen = refused_all([
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", "--note", STORY],
        GRANT + ["--reason", STORY],
        ["month", "reopen", "--year", YEAR, "--month", "2016-11", "--reason", "Leerling geboren 12 maart 2008"]],
        db=ref_file)
    assert note.startswith("Opmerking bevat iets dat op een BSN lijkt")
    assert reason.startswith("Reden bevat iets dat op een BSN lijkt")
    assert reopen.startswith("Reden bevat een datum, mogelijk een geboortedatum")


def test_a_refused_reason_never_reaches_the_board_workbook(ref_file: Path, tmp_path: Path) -> None:
    message = refused(*GRANT, "--reason", "Extra voor leerling geb. 12-03-2008", db=ref_file)
    assert message.startswith("Reden bevat een datum")
    ok(*GRANT, "--reason", "Extra leerling in groep 5", db=ref_file)
    out = tmp_path / "kpo.xlsx"
    ok("export", "board", "--year", YEAR, "--board", "KPO", "-o", str(out), db=ref_file)
    cells = [str(c) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None]
    assert any("Extra leerling in groep 5" in c for c in cells)
    assert not any("2008" in c for c in cells)


# ---------------------------------------------------------------- issue 12: one guard at the flush

HIDDEN = ["nr111222333x", "111\u200b222\u200b333", "geb. 12-3-09", "BSN\u00a0111\u00a0222\u00a0333"]


def test_a_school_name_holding_pupil_data_is_refused_and_no_school_made(ref_file: Path) -> None:
    from tests.conftest import table_dump

    schools = table_dump(ref_file)["school"]
    message = refused(*ADD, "--school", "leerling 111222333 geb 12-03-2009", db=ref_file)
    assert message.startswith("Naam van school bevat iets dat op een BSN lijkt")
    assert table_dump(ref_file)["school"] == schools


def test_hidden_numbers_and_short_dates_are_refused_in_every_free_text_option(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file)
    ok("month", "close", "--year", YEAR, "--month", "2016-11", db=ref_file)
    cases = []
    for text in HIDDEN:
        cases += [ADD + ["--description", text],
                  ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", "--note", text],
                  GRANT + ["--reason", text],
                  ["month", "reopen", "--year", YEAR, "--month", "2016-11", "--reason", text]]
    messages = refused_all(cases, db=ref_file)
    assert all(" bevat " in m and "(AVG)" in m for m in messages), messages


@pytest.mark.parametrize("sheet, column, value", [
    ("Besturen", "Naam", "Leerling 111222333"),
    ("Besturen", "Contactpersoon", "Moeder van leerling geb. 12-03-2009"),
    ("Besturen", "E-mail", "111222333@school.example"),
    ("Besturen", "E-mail", "geen adres"),
    ("Dienstverleners", "Naam", "Kameleon \u202eteb"),
    ("Dienstverleners", "Cluster", "cluster 12-3-09"),
])
def test_year_import_checks_every_text(tmp_path: Path, sheet: str, column: str, value: str) -> None:
    from tests.services.helpers import setup_workbook

    def change(sheets: dict) -> None:  # type: ignore[type-arg]
        header = sheets[sheet][0]
        if column not in header:
            header.append(column)
            for row in sheets[sheet][1:]:
                row.append("")
        sheets[sheet][1][header.index(column)] = value

    db = tmp_path / "swv.sqlite"
    workbook = setup_workbook(tmp_path / "opzet.xlsx", change)
    message = refused("year", "import", str(workbook), db=db)
    assert " bevat " in message or "geen e-mailadres" in message, message
    assert f"werkblad {sheet}, rij 2, kolom {column}: " in message, message  # the cell, not only the field
    assert "111222333" not in message and "12-03" not in message
    assert not db.exists()
