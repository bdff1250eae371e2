"""`swv-uren updates boards|providers` and `settings` as subprocesses: the e-mail drafts of DOMAIN.md point 11."""
from __future__ import annotations

import email
import io
import sqlite3
from email import policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from models.domain.months import Month
from models.orm import Board, Provider
from models.services import agreements, hours, months, reserve
from tests.cli.conftest import ok, prepare, refused, wrong_use
from tests.conftest import TODAY, table_dump

YEAR = "2016-2017"
NOW = "2017-03-06"  # February is over, March runs
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOARDS = ["KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas"]


def read_draft(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    """The plain-text body with its line ends as written (the draft itself has CRLF, as RFC 5322 asks)."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]


def attachments(message: EmailMessage) -> list[EmailMessage]:
    return list(message.iter_attachments())  # type: ignore[arg-type]


def cell_values(data: bytes | Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def _scenario(session: Session) -> dict[str, str]:
    """KPO: at Kameleon 40 hours September to March, 10 used in February, 2 hours of reserve in February; at
    Driespan 12 hours registered, not confirmed; at Mytyschool 8 hours only reported. OBO: 30 hours at Kameleon.
    September to January closed."""
    def add(board: str, provider: str, minutes: int, first: str, last: str, *, confirm: bool = True,
            register: bool = True, description: str = "") -> str:
        number = agreements.register(session, agreements.AgreementInput(
            YEAR, board, provider, minutes, Month.parse(first), Month.parse(last), school=f"School van {board}",
            description=description, registered_on=TODAY.replace(year=2016, month=9, day=1) if register else None,
            register=register), TODAY)
        if confirm:
            agreements.confirm(session, number, TODAY.replace(year=2016, month=9, day=2), TODAY)
        return number

    kpo = add("KPO", "Kameleon", 40 * 60, "2016-09", "2017-03")
    hours.register(session, hours.HoursInput(kpo, Month(2017, 2), 10 * 60), TODAY)
    reserve.grant(session, reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2017, 2), 2 * 60, "Extra vraag"),
                  TODAY)
    waiting = add("KPO", "Driespan", 12 * 60, "2017-03", "2017-06", confirm=False)
    reported = add("KPO", "Mytyschool", 8 * 60, "2017-04", "2017-05", confirm=False, register=False)
    obo = add("OBO", "Kameleon", 30 * 60, "2016-10", "2017-03", description="Geheim van OBO")
    for m in ("2016-09", "2016-10", "2016-11", "2016-12", "2017-01"):
        months.close(session, YEAR, m, TODAY)
    return {"kpo": kpo, "waiting": waiting, "reported": reported, "obo": obo}


@pytest.fixture
def numbers(ref_file: Path) -> dict[str, str]:
    return prepare(ref_file, _scenario)  # type: ignore[return-value]


def _updates(ref_file: Path, folder: Path, *extra: str, month: str = "2017-02"):  # type: ignore[no-untyped-def]
    return ok("updates", "boards", "--year", YEAR, "--month", month, "-o", str(folder), *extra, db=ref_file,
              today=NOW)


def test_one_draft_per_board(ref_file: Path, numbers: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "nieuw" / "concepten"
    result = _updates(ref_file, folder)
    assert result.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{b.replace('/', '-')} 2017-02.eml" for b in BOARDS)
    for path in folder.iterdir():
        message = read_draft(path)
        assert message["X-Unsent"] == "1"
        assert len(message["To"].addresses) == 1
        assert message["From"] is None  # no sending address set
        assert [a.get_content_type() for a in attachments(message)] == [XLSX]
    kpo = read_draft(folder / "KPO 2017-02.eml")
    assert kpo["To"].addresses[0].addr_spec == "m.debruijn@kpo.example"
    assert kpo["Subject"] == "Expertise-uren KPO: stand februari 2017"
    body = body_of(kpo)
    assert body.startswith("Beste M. de Bruijn,\n")
    # February: budget 17 + 2 reserve - 10 used lapsed; September to February: 4 x 18 + 2 x 17
    assert "- Februari 2017: budget 17 uur, reserve 2 uur, gebruikt 10 uur, vervallen 9 uur.\n" in body
    assert ("- Schooljaar tot en met februari 2017: budget 106 uur, reserve 2 uur, gebruikt 10 uur, "
            "vervallen 98 uur.\n") in body
    # from March: 5 x 17 = 85 left, 30 promised by the Kameleon agreement
    assert "- Vanaf maart 2017 nog over: 85 uur; belegd in overeenkomsten: 30 uur; nog niet belegd: 55 uur.\n" in body
    ending = body.split("Overeenkomsten die in maart 2017 aflopen:\n")[1].split("\n\n")[0]
    assert ending == f"- {numbers['kpo']}, Kameleon, School van KPO: 40 uur afgesproken, 10 uur gebruikt, 30 uur over."
    waiting = body.split("Overeenkomsten die nog wachten op bevestiging:\n")[1].split("\n\n")[0].splitlines()
    assert waiting == [
        f"- {numbers['waiting']}, Driespan, School van KPO: 12 uur, maart 2017 t/m juni 2017 "
        "(geregistreerd op 1-9-2016).",
        f"- {numbers['reported']}, Mytyschool, School van KPO: 8 uur, april 2017 t/m mei 2017 (gemeld op 15-1-2025)."]
    everything = path_text(folder / "KPO 2017-02.eml")
    for other in ("OBO", "Borgesius", "Geheim", numbers["obo"]):
        assert other not in everything


def path_text(path: Path) -> str:
    """The headers, the body and the attachment's cells of a draft, as one text."""
    message = read_draft(path)
    parts = [f"{k}: {v}" for k, v in message.items()]
    parts.append(body_of(message))
    for attachment in attachments(message):
        parts.append(attachment.get_filename() or "")
        parts += [repr(rows) for rows in cell_values(attachment.get_content()).items()]
    return "\n".join(parts)


def test_the_forecast_in_the_draft_is_the_forecast_of_the_next_month(ref_file: Path, numbers: dict[str, str],
                                                                      tmp_path: Path) -> None:
    _updates(ref_file, tmp_path)
    body = body_of(read_draft(tmp_path / "OBO 2017-02.eml"))
    csv = ok("forecast", "--year", YEAR, "--month", "2017-03", db=ref_file, today=NOW).stdout.splitlines()
    for line in csv[1:]:
        board, provider, _, _, left, committed, free, _ = line.split(";")
        if board == "OBO":
            section = body.split(f"\n{provider}\n")[1].split("\n\n")[0]
            assert (f"- Vanaf maart 2017 nog over: {left} uur; belegd in overeenkomsten: {committed} uur; "
                    f"nog niet belegd: {free} uur.") in section


def test_the_attachment_is_the_workbook_export_board_writes(ref_file: Path, numbers: dict[str, str],
                                                             tmp_path: Path) -> None:
    _updates(ref_file, tmp_path / "concepten")
    for board in ("KPO", "Kroevendonk / SPCO"):
        exported = tmp_path / "werkmap.xlsx"
        ok("export", "board", "--year", YEAR, "--board", board, "-o", str(exported), db=ref_file, today=NOW)
        attachment = attachments(read_draft(tmp_path / "concepten" / f"{board.replace('/', '-')} 2017-02.eml"))[0]
        assert attachment.get_filename() == f"{board.replace('/', '-')} 2016-2017.xlsx"
        assert cell_values(attachment.get_content()) == cell_values(exported)


def _recorded(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT b.name, u.month, u.email FROM board_update u JOIN board b ON b.id = u.board_id "
                            "ORDER BY u.id").fetchall()
    finally:
        conn.close()


def test_the_update_given_is_recorded_with_its_audit_trail(ref_file: Path, numbers: dict[str, str],
                                                            tmp_path: Path) -> None:
    _updates(ref_file, tmp_path)
    recorded = _recorded(ref_file)
    assert [(name, month) for name, month, _ in recorded] == [(b, "2017-02") for b in BOARDS]
    assert recorded[0][2] == "m.debruijn@kpo.example"
    conn = sqlite3.connect(ref_file)
    try:
        assert conn.execute("SELECT count(*) FROM audit_entry WHERE entity = 'stand aan bestuur' "
                            "AND action = 'toegevoegd'").fetchone() == (6,)
    finally:
        conn.close()


def test_a_board_without_an_address_is_named_and_skipped(ref_file: Path, numbers: dict[str, str],
                                                          tmp_path: Path) -> None:
    prepare(ref_file, lambda s: s.execute(update(Board).where(Board.name == "OBO").values(email="")))
    result = _updates(ref_file, tmp_path)
    assert "OBO" in result.stderr and "geen (geldig) e-mailadres" in result.stderr
    assert "OBO 2017-02.eml" not in {p.name for p in tmp_path.iterdir()}
    assert len(list(tmp_path.glob("*.eml"))) == 5
    assert "OBO" not in [name for name, _, _ in _recorded(ref_file)]


def test_no_board_with_an_address_is_refused(ref_file: Path, tmp_path: Path) -> None:
    prepare(ref_file, lambda s: s.execute(update(Board).values(email="")))
    folder = tmp_path / "concepten"
    message = refused("updates", "boards", "--year", YEAR, "--month", "2017-02", "-o", str(folder), db=ref_file,
                      today=NOW)
    assert message.startswith("Van geen enkel bestuur is een (geldig) e-mailadres bekend (KPO, OBO, ")
    assert not folder.exists() or not list(folder.iterdir())


def test_refusals_and_wrong_use(ref_file: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "uit")
    assert refused("updates", "boards", "--year", "2017-2018", "--month", "2017-02", "-o", out,
                   db=ref_file) == "Schooljaar 2017-2018 bestaat niet."
    assert "geen budgetmaand" in refused("updates", "boards", "--year", YEAR, "--month", "2017-08", "-o", out,
                                          db=ref_file)
    a_file = tmp_path / "bestand"
    a_file.write_text("")
    assert "geen map" in refused("updates", "providers", "--year", YEAR, "--month", "2017-02", "-o", str(a_file),
                                 db=ref_file)
    wrong_use("updates", "boards", "--year", YEAR, "--month", "2017-2", "-o", out, db=ref_file)
    wrong_use("updates", "boards", "--year", YEAR, "-o", out, db=ref_file)
    wrong_use("updates", "providers", "--year", YEAR, "--month", "2017-02", db=ref_file)
    assert not (tmp_path / "uit").exists()


def test_the_sender_and_signature_are_settings(ref_file: Path, numbers: dict[str, str], tmp_path: Path) -> None:
    shown = ok("settings", "--email", "secretariaat@swv.example", "--signature", r"M. Jansen\nSecretariaat",
               db=ref_file).stdout
    assert shown.splitlines()[1:] == ["Afzender: secretariaat@swv.example", "Ondertekening:", "  M. Jansen",
                                      "  Secretariaat"]
    _updates(ref_file, tmp_path, "--swv", "SWV Rijnland")
    message = read_draft(tmp_path / "KPO 2017-02.eml")
    assert str(message["From"]) == "Secretariaat SWV Rijnland <secretariaat@swv.example>"
    assert body_of(message).endswith(
        "Met vriendelijke groet,\n\nM. Jansen\nSecretariaat\n")
    before = table_dump(ref_file)
    assert "geen geldig e-mailadres" in refused("settings", "--email", "geen adres", db=ref_file)
    assert table_dump(ref_file) == before
    assert ok("settings", "--email", "", db=ref_file).stdout.splitlines()[1] == "Afzender: (niet ingesteld)"


def test_providers_are_asked_for_their_hours_of_the_month(ref_file: Path, numbers: dict[str, str],
                                                          tmp_path: Path) -> None:
    prepare(ref_file, lambda s: s.execute(update(Provider).where(Provider.name != "Mytyschool")
                                          .values(contact_person="J. Verhoeven", email="uren@dienst.example")))
    folder = tmp_path / "verzoeken"
    result = ok("updates", "providers", "--year", YEAR, "--month", "2017-02", "-o", str(folder), db=ref_file,
                today=NOW)
    assert [p.name for p in folder.iterdir()] == ["Kameleon 2017-02.eml"]  # Driespan: nothing confirmed
    assert "Mytyschool" in result.stderr and "Driespan" in result.stderr
    message = read_draft(folder / "Kameleon 2017-02.eml")
    assert message["X-Unsent"] == "1" and len(message["To"].addresses) == 1
    assert message["Subject"] == "Gerealiseerde uren Kameleon: februari 2017"
    sheet = attachments(message)[0]
    assert sheet.get_content_type() == XLSX
    template = tmp_path / "lijst.xlsx"
    ok("hours", "template", "--year", YEAR, "--provider", "Kameleon", "-o", str(template), db=ref_file, today=NOW)
    expected = cell_values(template)
    got = cell_values(sheet.get_content())
    head, *rows = expected["Uren"]
    assert got["Uren"] == [head] + [r for r in rows if r[5] == "2017-02"]
    assert sorted(r[0] for r in got["Uren"][1:]) == [numbers["kpo"], numbers["obo"]]
    assert got.keys() == expected.keys()
