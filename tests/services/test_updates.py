"""The data of the monthly updates (DOMAIN.md point 11) and the record of updates given; the settings they sign
with."""
from __future__ import annotations

import datetime as dt
from typing import Callable

import pytest
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import InvalidInput, NotFound
from models.domain.months import Month
from models.services import settings, updates
from tests.conftest import TODAY
from tests.services.helpers import BOARDS, PROVIDERS, YEAR, act, read, refused


def test_the_year_so_far_adds_up_to_the_workbook_at_the_last_month(demo_db: Database) -> None:
    found = read(demo_db, lambda s: updates.board_updates(s, YEAR, "2017-07", TODAY))
    assert [u.report.board for u in found] == BOARDS
    for u in found:
        assert u.next_month is None and u.ending == ()
        assert [p.provider for p in u.providers] == PROVIDERS
        for state, line in zip(u.providers, u.report.lines):
            f = line.figures
            assert (state.so_far.budget, state.so_far.reserve, state.so_far.used, state.so_far.lapsed) == (
                f.budget, f.reserve, f.used, f.lapsed)
            assert state.ahead.left == state.ahead.committed == 0  # nothing after the year


def test_the_body_says_when_the_year_is_over(demo_db: Database) -> None:
    from exports.update_mail import board_body

    body = board_body(read(demo_db, lambda s: updates.board_updates(s, YEAR, "2017-07", TODAY))[0])
    assert "Dit was de laatste maand van het schooljaar" in body
    assert "aflopen" not in body
    assert body.startswith("LET OP: demogegevens")


def test_updates_given_are_kept(demo_db: Database) -> None:
    act(demo_db, lambda s: updates.record(s, YEAR, Month(2017, 2), [("KPO", "a@kpo.example"), ("obo", "b@x.nl")]))
    given = read(demo_db, lambda s: updates.given(s, YEAR))
    assert [(g.board, str(g.month), g.email) for g in given] == [("KPO", "2017-02", "a@kpo.example"),
                                                                  ("OBO", "2017-02", "b@x.nl")]
    assert all(isinstance(g.at, dt.datetime) for g in given)


def test_a_month_outside_the_year_is_refused(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: updates.board_updates(s, YEAR, "2017-08", TODAY), NotFound)
    assert "geen budgetmaand" in error.message
    refused(demo_db, lambda s: updates.provider_requests(s, YEAR, "2016-08", TODAY), NotFound)


def test_sender_and_signature(demo_db: Database) -> None:
    assert read(demo_db, settings.sender_email) == "" and read(demo_db, settings.signature) == ""
    act(demo_db, lambda s: settings.set_sender_email(s, " secretariaat@swv.example "))
    act(demo_db, lambda s: settings.set_signature(s, "  M.  Jansen \r\nSecretariaat\n\n"))
    assert read(demo_db, settings.sender_email) == "secretariaat@swv.example"
    assert read(demo_db, settings.signature) == "M. Jansen\nSecretariaat"
    signed = read(demo_db, lambda s: updates.sender(s))
    assert (signed.swv_name, signed.email, signed.signature) == ("Samenwerkingsverband", "secretariaat@swv.example",
                                                                 "M. Jansen\nSecretariaat")
    act(demo_db, lambda s: settings.set_sender_email(s, ""))
    assert read(demo_db, settings.sender_email) == ""


@pytest.mark.parametrize(("action", "words"), [
    (lambda s: settings.set_sender_email(s, "geen adres"), "geen geldig e-mailadres"),
    (lambda s: settings.set_signature(s, "x" * 121), "te lang"),
    (lambda s: settings.set_signature(s, "Leerling 123456782"), "BSN"),
])
def test_a_wrong_sender_or_signature_is_refused(demo_db: Database, action: Callable[[Session], object],
                                               words: str) -> None:
    assert words in refused(demo_db, action, InvalidInput).message
