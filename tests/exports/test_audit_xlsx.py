"""The logboek workbook, read back with openpyxl: header in view, filter, widths, Dutch dates, no formulas."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from exports.audit_xlsx import COLUMNS, HEADER_ROW, SHEET, changes_text, write_audit_xlsx
from models.db import Database
from models.domain.errors import Refusal
from models.services import audit_log
from models.services.audit_log import AuditFilter, AuditRow, FieldChange
from tests.exports.readback import xlsx_parts

HEADS = ["Wanneer", "Wie", "Actie", "Soort", "Samenvatting", "Wijzigingen (was → wordt)", "Nr."]
HOSTILE = ["=HYPERLINK(\"http://x.example\",\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1:A2)", "\tinspringen",
           "\rterug", "=1+1"]


def _row(i: int, summary: str, user: str = "secretariaat", **extra) -> AuditRow:  # type: ignore[no-untyped-def]
    values = dict(id=i, at=dt.datetime(2016, 10, 3, 9, 15, 7), user=user, action="gewijzigd", entity="overeenkomst",
                  entity_id=7, summary=summary,
                  changes=(FieldChange("status", "status", "geregistreerd", "bevestigd"),
                           FieldChange("confirmed_on", "bevestigd op", "", "3-10-2016")))
    values.update(extra)
    return AuditRow(**values)


def _sheet(path: Path):  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET]
    return wb[SHEET]


def test_the_demo_trail_reads_back(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.read() as session:
        rows = audit_log.entries(session, AuditFilter(limit=None)).rows
    path = write_audit_xlsx(rows, tmp_path / "logboek.xlsx", shown="alle wijzigingen", printed_on=dt.date(2025, 1, 15))
    ws = _sheet(path)
    assert ws["A1"].value == "Logboek: wijzigingen in de gegevens"
    assert ws["A2"].value == f"Afgedrukt op 15-1-2025 · {len(rows)} wijzigingen · alle wijzigingen"
    assert [c.value for c in ws[HEADER_ROW]] == HEADS
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW + len(rows)}"
    assert ws.max_row == HEADER_ROW + len(rows)
    first = [c.value for c in ws[HEADER_ROW + 1]]
    assert first[0] == rows[0].at and ws.cell(HEADER_ROW + 1, 1).number_format == "d-m-yyyy hh:mm:ss"
    assert first[1:5] == [rows[0].user, rows[0].action, rows[0].entity, rows[0].summary]
    assert first[6] == rows[0].id
    summaries = [ws.cell(r, 5).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert any(s.startswith("uren: ") and " uur in " in s for s in summaries)
    assert any(s.startswith("reservetoekenning: 12 uur in maart 2017") for s in summaries)
    for letter in "ABCDEFG":
        assert ws.column_dimensions[letter].width >= 8
    assert ws.column_dimensions["E"].width >= 60 and ws.cell(HEADER_ROW + 1, 5).alignment.wrap_text
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert demo_db.path is not None
    with sqlite3.connect(demo_db.path) as conn:
        codes = [r[0] for r in conn.execute("SELECT pupil_ref FROM agreement WHERE pupil_ref <> ''")]
    parts = xlsx_parts(path)
    assert codes and not [code for code in codes if code in parts]  # no pupil code in the workbook


def test_user_text_never_becomes_a_formula(tmp_path: Path) -> None:
    rows = [_row(i, text, user=text) for i, text in enumerate(HOSTILE, start=1)]
    rows.append(_row(99, "gewoon", changes=(FieldChange("description", "omschrijving", "", "=2*3"),)))
    path = write_audit_xlsx(rows, tmp_path / "vijandig.xlsx")
    ws = _sheet(path)
    for r, expected in enumerate(HOSTILE, start=HEADER_ROW + 1):
        for column in (2, 5):
            cell = ws.cell(r, column)
            assert cell.data_type == "s", (expected, cell.value)
            assert cell.value.strip() == expected.strip()
            assert cell.quotePrefix
    assert ws.cell(HEADER_ROW + len(HOSTILE) + 1, 6).value == "omschrijving: =2*3"
    parts = xlsx_parts(path)
    assert "<f>" not in parts and "<f " not in parts


def test_changes_one_field_a_line() -> None:
    assert changes_text(_row(1, "x")) == "status: geregistreerd → bevestigd\nbevestigd op: 3-10-2016"
    cleared = _row(2, "x", changes=(FieldChange("pupil_ref", "leerlingcode", "(verborgen)", ""),))
    assert changes_text(cleared) == "leerlingcode: (verborgen) (gewist)"
    removed = _row(3, "x", action="verwijderd", changes=(FieldChange("minutes", "uren", "2,5 uur", ""),))
    assert changes_text(removed) == "uren: 2,5 uur"


def test_an_empty_trail_still_has_its_header(tmp_path: Path) -> None:
    ws = _sheet(write_audit_xlsx([], tmp_path / "leeg.xlsx", printed_on=dt.date(2025, 1, 15)))
    assert ws["A2"].value == "Afgedrukt op 15-1-2025 · 0 wijzigingen"
    assert [c.value for c in ws[HEADER_ROW]] == HEADS and ws.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW + 1}"


def test_written_in_one_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "logboek.xlsx"
    target.write_bytes(b"oude versie")

    def half_then_full_disk(self, filename) -> None:  # type: ignore[no-untyped-def]
        Path(filename).write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_then_full_disk)
    with pytest.raises(Refusal, match="kon niet worden geschreven"):
        write_audit_xlsx([_row(1, "x")], target)
    assert target.read_bytes() == b"oude versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logboek.xlsx"]  # no temporary file left
    monkeypatch.undo()
    write_audit_xlsx([_row(1, "x")], target)
    assert _sheet(target).cell(HEADER_ROW + 1, 5).value == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logboek.xlsx"]


@pytest.mark.parametrize("name, words", [("logboek.csv", "eindigt op .xlsx"), ("geen-map/logboek.xlsx", "bestaat niet")])
def test_a_wrong_target_is_refused(tmp_path: Path, name: str, words: str) -> None:
    with pytest.raises(Refusal, match=words):
        write_audit_xlsx([_row(1, "x")], tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_columns_match_the_heads() -> None:
    assert [c.head for c in COLUMNS] == HEADS


def test_the_parts_of_a_question_are_named_in_the_workbook(demo_db: Database, tmp_path: Path) -> None:
    """The export says which expert, school and question, as the Logboek on screen does (not 'uitvoerder
    toegevoegd')."""
    import json

    with demo_db.read() as session:
        rows = audit_log.entries(session, AuditFilter(limit=None)).rows
    ws = _sheet(write_audit_xlsx(rows, tmp_path / "logboek.xlsx"))
    assert demo_db.path is not None
    with sqlite3.connect(demo_db.path) as conn:
        experts = dict(conn.execute("SELECT id, name FROM expert"))
        numbers = dict(conn.execute("SELECT id, number FROM support_question"))
        schools = {i: f"{s} ({b})" for i, s, b in conn.execute(
            "SELECT s.id, s.name, b.name FROM school s JOIN board b ON b.id = s.board_id")}
        stored = {i: json.loads(after) for i, after in conn.execute(
            "SELECT id, after FROM audit_entry WHERE entity IN ('uitvoerder', 'school van vraag')")}
    seen = 0
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        number = ws.cell(r, 7).value
        if number not in stored:
            continue
        v, summary = stored[number], ws.cell(r, 5).value
        assert f"vraag {numbers[v['question_id']]}" in summary or numbers[v["question_id"]] in summary
        if ws.cell(r, 4).value == "uitvoerder":
            assert experts[v["expert_id"]] in summary, summary
        else:
            assert schools[v["school_id"]] in summary, summary
        seen += 1
    assert seen == len(stored) > 10
