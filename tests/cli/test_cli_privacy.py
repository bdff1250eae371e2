"""The command line refuses a BSN or a birth date in free text (AVG): exit 1, one Dutch line, nothing written."""
from __future__ import annotations

from pathlib import Path

import openpyxl

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
