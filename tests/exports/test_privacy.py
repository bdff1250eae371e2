"""An export for board A contains nothing of board B; the ALV overview holds no pupil references.

A unique marker is planted in every text field of every board; each board's workbook is then
searched (cells, sheet names, defined names, comments, document properties, every XML part)
for the markers of the other boards.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from exports.alv_pdf import write_alv_pdf
from exports.board_xlsx import write_board_workbooks
from exports.provider_report import write_provider_report
from models.domain.names import name_key
from models.orm import Agreement, Board, BudgetAdjustment, HourEntry, ReserveGrant, School, SchoolYear
from models.services import reports
from tests.conftest import TODAY, run_cli

from .readback import YEAR, pdf_text, xlsx_parts

FIELDS = ("NAME", "CONTACT", "EMAIL", "SCHOOL", "DESC", "PUPIL", "BCONTACT", "PCONTACT", "NOTE", "REASON",
          "HOURNOTE")
# What a board's own workbook shows of itself; the rest (pupil codes, contacts per agreement, notes on
# hour entries) stays out of every export.
SHOWN_IN_OWN_WORKBOOK = ("NAME", "CONTACT", "EMAIL", "SCHOOL", "DESC", "NOTE", "REASON")


def marker(board: int, field: str) -> str:
    return f"mrk{board}{field.lower()}x"


@pytest.fixture
def marked(demo_db, demo_path: Path) -> dict[str, int]:
    """Every text field of every board carries its marker; returns board name -> board number."""
    names = {}
    with demo_db.write() as session:
        year = session.scalar(select(SchoolYear).where(SchoolYear.label == YEAR))
        boards = session.scalars(select(Board).order_by(Board.id)).all()
        for i, board in enumerate(boards):
            board.name = f"{board.name} {marker(i, 'NAME')}"
            board.name_key = name_key(board.name)
            board.contact_person = f"Contact {marker(i, 'CONTACT')}"
            board.email = f"{marker(i, 'EMAIL')}@bestuur.example"
            names[board.name] = i
            for school in session.scalars(select(School).where(School.board_id == board.id)):
                school.name = f"{school.name} {marker(i, 'SCHOOL')}"
                school.name_key = name_key(school.name)
            agreements = session.scalars(select(Agreement).where(Agreement.board_id == board.id)).all()
            assert agreements
            for a in agreements:
                a.description = f"{a.description} {marker(i, 'DESC')}"
                a.pupil_ref = marker(i, "PUPIL")
                a.board_contact = marker(i, "BCONTACT")
                a.provider_contact = marker(i, "PCONTACT")
                for entry in session.scalars(select(HourEntry).where(HourEntry.agreement_id == a.id)):
                    entry.note = marker(i, "HOURNOTE")
            provider_id = agreements[0].provider_id
            session.add(BudgetAdjustment(year_id=year.id, board_id=board.id, provider_id=provider_id,
                                         month="2016-10", minutes=600, note=f"Afspraak {marker(i, 'NOTE')}"))
            session.add(ReserveGrant(year_id=year.id, board_id=board.id, provider_id=provider_id, month="2016-11",
                                     minutes=60, reason=f"Reden {marker(i, 'REASON')}",
                                     granted_on=dt.date(2016, 11, 1)))
    return names


def test_each_board_workbook_holds_only_its_own_markers(demo_db, marked, tmp_path: Path) -> None:
    with demo_db.read() as session:
        all_reports = reports.board_reports(session, YEAR, TODAY)
    written = write_board_workbooks(all_reports, tmp_path / "besturen")
    assert len(written) == len(marked) == 6
    for report, path in zip(all_reports, written):
        own = marked[report.board]
        everything = xlsx_parts(path).casefold()
        for field in SHOWN_IN_OWN_WORKBOOK:
            assert marker(own, field) in everything, (path.name, field)
        for other in set(marked.values()) - {own}:
            for field in FIELDS:
                assert marker(other, field) not in everything, (path.name, other, field)
        for field in ("PUPIL", "BCONTACT", "PCONTACT", "HOURNOTE"):
            assert marker(own, field) not in everything
        _check_the_readable_places(path, own, set(marked.values()) - {own})


def _check_the_readable_places(path: Path, own: int, others: set[int]) -> None:
    """The same, through openpyxl: sheet titles, defined names, comments, properties, cells."""
    wb = openpyxl.load_workbook(path)
    places = list(wb.sheetnames)
    places += [f"{name}={dn.attr_text}" for name, dn in wb.defined_names.items()]
    for ws in wb.worksheets:
        places += [f"{name}={dn.attr_text}" for name, dn in ws.defined_names.items()]
        places += [str(ws.print_title_rows), ws.oddHeader.left.text or "", ws.oddHeader.right.text or ""]
        for row in ws.iter_rows():
            for cell in row:
                places.append(str(cell.value))
                if cell.comment is not None:
                    places.append(cell.comment.text)
    props = wb.properties
    places += [str(getattr(props, attr) or "") for attr in
               ("title", "subject", "creator", "lastModifiedBy", "keywords", "description", "category")]
    text = "\n".join(places).casefold()
    assert marker(own, "NAME") in (props.title or "").casefold()
    for other in others:
        for field in FIELDS:
            assert marker(other, field) not in text


def test_the_command_line_exports_the_same_way(marked, demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "uit"
    result = run_cli("export", "boards", "--year", YEAR, "-o", str(folder), db=demo_path)
    assert result.returncode == 0, result.stderr
    files = sorted(folder.iterdir())
    assert len(files) == 6
    for path in files:
        everything = xlsx_parts(path).casefold()
        owners = {i for i in marked.values() if marker(i, "NAME") in everything}
        assert len(owners) == 1, path.name
        assert marker(owners.pop(), "NAME") in path.name


def test_alv_overview_and_provider_report_hold_no_pupil_or_private_text(demo_db, marked, tmp_path: Path) -> None:
    private = ("CONTACT", "EMAIL", "DESC", "PUPIL", "BCONTACT", "PCONTACT", "NOTE", "REASON", "HOURNOTE")
    with demo_db.read() as session:
        alv = reports.alv_report(session, YEAR, TODAY)
        provider = reports.provider_report(session, YEAR, "Driespan", TODAY)
    alv_text = pdf_text(write_alv_pdf(alv, tmp_path / "alv.pdf")).casefold()
    provider_pdf = pdf_text(write_provider_report(provider, tmp_path / "p.pdf")).casefold()
    provider_xlsx = xlsx_parts(write_provider_report(provider, tmp_path / "p.xlsx")).casefold()
    for i in marked.values():
        assert marker(i, "NAME") in alv_text  # the boards are named: everyone sees the whole SWV
        for field in private + ("SCHOOL",):
            assert marker(i, field) not in alv_text, field
        for text in (provider_pdf, provider_xlsx):
            for field in private:
                assert marker(i, field) not in text, field


def _draft_text(raw: bytes) -> str:
    """Every header, the body and every part of every attachment (a workbook's XML parts) of a draft."""
    import email
    import io
    import zipfile
    from email import policy

    message = email.message_from_bytes(raw, policy=policy.default)
    parts = [raw.decode("ascii", "replace")] + [f"{k}: {v}" for k, v in message.items()]
    parts.append(message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    for attachment in message.iter_attachments():  # type: ignore[attr-defined]
        parts.append(attachment.get_filename() or "")
        with zipfile.ZipFile(io.BytesIO(attachment.get_content())) as archive:
            parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return "\n".join(parts)


def test_each_board_draft_holds_only_its_own_markers(demo_db, marked) -> None:
    """The monthly update (DOMAIN.md point 11): headers, body and the attached workbook name only the board."""
    from exports.mail import as_bytes
    from exports.update_mail import board_message
    from models.services import updates

    with demo_db.read() as session:
        drafts = [(u.report.board, as_bytes(board_message(u)))
                  for u in updates.board_updates(session, YEAR, "2017-02", TODAY)]
    assert len(drafts) == len(marked) == 6
    for board, raw in drafts:
        own = marked[board]
        everything = _draft_text(raw).casefold()
        for field in ("NAME", "CONTACT", "EMAIL"):
            assert marker(own, field) in everything, (board, field)
        for other in set(marked.values()) - {own}:
            for field in FIELDS:
                assert marker(other, field) not in everything, (board, other, field)
        for field in ("PUPIL", "BCONTACT", "PCONTACT", "HOURNOTE"):
            assert marker(own, field) not in everything
