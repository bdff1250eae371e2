"""The confirmation to both parties: the letter (PDF) and the e-mail draft (.eml), read back."""
from __future__ import annotations

import datetime as dt
import email
import sqlite3
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select, update

from exports.letter import write_confirmation
from models.domain.errors import Conflict, InvalidInput
from models.orm import Agreement, Provider
from models.services import agreements, reports
from tests.conftest import TODAY

from .readback import pdf_pages, pdf_text


def _confirm_new(db, *, description: str = "Begeleiding in groep 5", school: str = "OBS De Vlinder",
                 pupil: str = "L123", first: str = "2016-10", confirmed: dt.date = dt.date(2016, 11, 8)) -> str:
    from models.domain.agreements import Kind
    from models.domain.months import Month

    with db.write() as session:
        number = agreements.register(session, agreements.AgreementInput(
            year="2016-2017", board="OBO", provider="Mytyschool", minutes=25 * 60 + 30,
            first_month=Month.parse(first), last_month=Month(2017, 6), school=school, kind=Kind.ARRANGEMENT,
            description=description, pupil_ref=pupil, reported_on=dt.date(2016, 10, 3),
            registered_on=dt.date(2016, 10, 5), board_contact="A. Jansen",
            provider_contact="K. de Vries"), TODAY)
        agreements.confirm(session, number, confirmed, TODAY)
        provider = session.scalar(select(Provider).where(Provider.name == "Mytyschool"))
        provider.email = "planning@mytyschool.example"
    return number


def _letter(db, number: str) -> reports.ConfirmationLetter:
    with db.read() as session:
        return reports.confirmation_letter(session, number, swv_name="SWV PO 30-02")


def test_letter_states_what_was_agreed_and_from_when(demo_db, tmp_path: Path) -> None:
    number = _confirm_new(demo_db)
    pdf_path, eml_path = write_confirmation(_letter(demo_db, number), tmp_path)
    assert pdf_path.name == f"Bevestiging {number}.pdf" and eml_path.name == f"Bevestiging {number}.eml"
    text = pdf_text(pdf_path)
    assert pdf_pages(pdf_path) == 1
    assert "pagina 1 van 1" in text
    for expected in (
            "Aan het schoolbestuur A. Jansen OBO a.jansen@obo.example",
            "Aan de dienstverlener K. de Vries Mytyschool planning@mytyschool.example",
            "Datum: 8-11-2016", f"Betreft: bevestiging overeenkomst {number}",
            "Beste A. Jansen en K. de Vries,",
            "OBO heeft op 3-10-2016 de volgende overeenkomst met Mytyschool gemeld",
            f"Nummer {number}", "Schooljaar 2016-2017", "School OBS De Vlinder", "Soort ondersteuning Arrangement",
            "Omschrijving Begeleiding in groep 5", "Leerlingcode L123", "Afgesproken uren 25,5 uur",
            "Looptijd oktober 2016 t/m juni 2017", "Gemeld op 3-10-2016", "Geregistreerd op 5-10-2016",
            "Bevestigd op 8-11-2016",
            "De overeenkomst mag worden uitgevoerd vanaf de datum van deze bevestiging, 8-11-2016.",
            "Uren kunnen worden verantwoord van november 2016 t/m juni 2017",
            "Omdat de bevestiging in november 2016 valt, tellen uren van eerdere maanden niet mee.",
            "Secretariaat SWV PO 30-02"):
        assert expected in text, expected


def test_email_draft_to_both_parties_with_the_letter_attached(demo_db, tmp_path: Path) -> None:
    number = _confirm_new(demo_db)
    pdf_path, eml_path = write_confirmation(_letter(demo_db, number), tmp_path)
    message = email.message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["a.jansen@obo.example", "planning@mytyschool.example"]
    assert [a.display_name for a in message["To"].addresses] == ["A. Jansen (OBO)", "K. de Vries (Mytyschool)"]
    assert message["Subject"] == f"Bevestiging overeenkomst {number}: OBO en Mytyschool"
    assert message["X-Unsent"] == "1"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Beste A. Jansen en K. de Vries,")
    assert "mag worden uitgevoerd vanaf de datum van deze bevestiging, 8-11-2016" in body
    assert "L123" not in body  # the pupil code stays in the letter, not in the mail text
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == f"Bevestiging {number}.pdf"
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == pdf_path.read_bytes()


def test_a_missing_address_is_said_in_the_draft(demo_db, tmp_path: Path) -> None:
    from sqlalchemy import text

    with demo_db.write() as session:  # a provider whose address the secretariat does not know
        session.execute(text("UPDATE provider SET email = '' WHERE name = 'Driespan'"))
    letter = _letter(demo_db, "2016-001")
    _, eml_path = write_confirmation(letter, tmp_path)
    message = email.message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["m.debruijn@kpo.example"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("LET OP: Van de dienstverlener Driespan is geen e-mailadres bekend")


def test_not_before_confirmation(demo_db) -> None:
    from models.domain.agreements import Status
    from models.services.agreements import AgreementFilter, list_agreements

    with demo_db.read() as session:
        registered = list_agreements(session, AgreementFilter("2016-2017", status=Status.REGISTERED))[0].number
        with pytest.raises(Conflict, match="nog niet bevestigd"):
            reports.confirmation_letter(session, registered)


def test_hostile_text_in_letter_and_headers(demo_db, tmp_path: Path) -> None:
    hostile = "<font size=40>Groot</font> & <img src='/etc/passwd'/> &amp;"
    number = _confirm_new(demo_db, description=hostile, school="<b>School</b>", pupil="")
    injected = "A. Jansen\r\nBcc: stiekem@evil.example"
    with pytest.raises(InvalidInput, match="regelovergang"):  # the app stores no line break in a name
        with demo_db.write() as session:
            agreement = session.scalar(select(Agreement).where(Agreement.number == number))
            agreement.board_contact = injected
    # One that came in from outside: the file edited by another program (a bulk update through the app's own
    # session meets the same rule as the flush, issue 12).
    with pytest.raises(InvalidInput, match="regelovergang"):
        with demo_db.write() as session:
            session.execute(update(Agreement).where(Agreement.number == number).values(board_contact=injected))
    with sqlite3.connect(demo_db.path) as other:
        other.execute("UPDATE agreement SET board_contact = ? WHERE number = ?", (injected, number))
    pdf_path, eml_path = write_confirmation(_letter(demo_db, number), tmp_path)
    text = pdf_text(pdf_path)
    assert f"Omschrijving {hostile}" in text
    assert "School <b>School</b>" in text
    raw = eml_path.read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert b"\nBcc:" not in raw
    assert message["To"].addresses[0].display_name == "A. Jansen Bcc: stiekem@evil.example (OBO)"
    assert message["To"].addresses[0].addr_spec == "a.jansen@obo.example"


def test_both_files_or_neither(demo_db, tmp_path: Path) -> None:
    number = _confirm_new(demo_db)
    letter = _letter(demo_db, number)
    (tmp_path / f"Bevestiging {number}.eml").mkdir()  # a folder where the draft should go
    with pytest.raises(InvalidInput, match="is een map"):
        write_confirmation(letter, tmp_path)
    assert not (tmp_path / f"Bevestiging {number}.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _confirm_late(db, number: str = "2016-009", day: dt.date = dt.date(2017, 3, 15)) -> reports.ConfirmationLetter:
    """2016-009 of the demo year: Borgesius at Kameleon, oktober 2016 t/m februari 2017, confirmed in March."""
    with db.write() as session:
        agreements.confirm(session, number, day, TODAY)
    return _letter(db, number)


def test_a_late_confirmation_says_no_hours_can_be_accounted_for(demo_db, tmp_path: Path) -> None:
    letter = _confirm_late(demo_db)
    pdf_path, eml_path = write_confirmation(letter, tmp_path)
    text = " ".join(pdf_text(pdf_path).split())
    body = " ".join(email.message_from_bytes(eml_path.read_bytes(), policy=policy.default)
                    .get_body(preferencelist=("plain",)).get_content().split())
    for shown in (text, body):
        assert "Er kunnen daarom geen uren meer op worden verantwoord" in shown
        assert "oktober 2016 t/m februari 2017) was al voorbij toen zij op 15-3-2017 werd bevestigd" in shown
        assert "van maart 2017 t/m februari 2017" not in shown  # never an impossible range
        assert "verantwoord van" not in shown


def test_a_contact_that_is_a_function_is_greeted_as_one(demo_db, tmp_path: Path) -> None:
    from exports.letter import salutation

    letter = _confirm_late(demo_db)  # R. van Dijk for Borgesius, 'Ambulant begeleider Kameleon' for Kameleon
    assert letter.provider.contact == "Ambulant begeleider Kameleon"
    assert salutation(letter) == "Beste R. van Dijk, beste ambulant begeleider van Kameleon,"
    pdf_path, eml_path = write_confirmation(letter, tmp_path)
    text = " ".join(pdf_text(pdf_path).split())
    assert "Beste R. van Dijk, beste ambulant begeleider van Kameleon," in text
    assert "Aan de dienstverlener Kameleon t.a.v. ambulant begeleider" in text
    assert "Ambulant begeleider Kameleon" not in text and "en Ambulant begeleider" not in text
    message = email.message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    names = [a.display_name for a in message["To"].addresses]
    assert names == ["R. van Dijk (Borgesius)", "Kameleon (ambulant begeleider)"]
    assert message.get_body(preferencelist=("plain",)).get_content().startswith(
        "Beste R. van Dijk, beste ambulant begeleider van Kameleon,")


@pytest.mark.parametrize(("board", "provider", "expected"), [
    ("A. Jansen", "K. de Vries", "Beste A. Jansen en K. de Vries,"),
    ("A. Jansen", "", "Beste A. Jansen,"),
    ("Secretariaat van OBO", "Ambulant begeleider Mytyschool", "Geachte heer, mevrouw,"),
    ("Jan de Boer", "Mytyschool", "Beste Jan de Boer, beste collega’s van Mytyschool,"),
])
def test_salutation_reads_naturally(board: str, provider: str, expected: str) -> None:
    from exports.letter import salutation
    from models.services.reports import Party

    letter = type("L", (), {"board": Party("OBO", board, ""), "provider": Party("Mytyschool", provider, "")})()
    assert salutation(letter) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("organisation", "contact"), [("Kans", "Tineke Kanselaar"), ("Stip", "Ans Stippel")])
def test_a_name_that_merely_contains_the_organisation_stays_a_name(organisation: str, contact: str) -> None:
    from exports.letter import addressee, role_of
    from models.services.reports import Party

    party = Party(organisation, contact, "")
    assert role_of(party) is None
    assert addressee(party) == [contact, organisation]
