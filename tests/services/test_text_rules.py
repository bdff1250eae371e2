"""One privacy guard at the flush: every text column has a rule, and a BSN or a date planted in any of them is
refused with the field named in Dutch, and nothing is written."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from models import text_rules
from models.db import Database, to_url
from models.domain.errors import InvalidInput
from models.orm import Base, BoardUpdate, BudgetAdjustment, Board, HourEntry, Provider, SchoolYear, Setting, load_all
from tests.conftest import table_dump

BSN = "111222333"  # passes the elfproef
PLANTED = {"bsn": f"leerling {BSN}", "datum": "geb. 12-03-2009", "nul-breedte": "111\u200b222\u200b333",
           "vastgeplakt": f"nr{BSN}x", "korte datum": "geb. 12-3-09"}
load_all()  # every mapped class, also those mapped where first used
MAPPED = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
RULED = [name for name, rule in text_rules.RULES.items() if isinstance(rule, text_rules.Rule)]


def test_every_text_column_has_a_rule_and_every_rule_a_column() -> None:
    columns = set(text_rules.text_columns())
    assert sorted(columns - set(text_rules.RULES)) == [], "a text column without a rule in models/text_rules.py"
    assert sorted(set(text_rules.RULES) - columns) == [], "a rule for a column that is not there"
    assert all(rule.why for rule in text_rules.RULES.values() if isinstance(rule, text_rules.Exempt))


def _planted(rule: text_rules.Rule, text: str) -> str:
    return f"{text.replace(' ', '')}@school.example" if rule is text_rules.Rule.EMAIL else text


def _with_every_table_filled(db: Database) -> None:
    """The demo has no month budget set by hand, no setting and no update given: add one of each (the demo's
    received reports are stored as files already)."""
    with db.write() as session:
        year = session.scalars(select(SchoolYear)).first()
        board, provider = session.scalars(select(Board)).first(), session.scalars(select(Provider)).first()
        assert year and board and provider
        session.add(BudgetAdjustment(year_id=year.id, board_id=board.id, provider_id=provider.id, month="2016-10",
                                     minutes=60, note="afwijkende afspraak", changed_at=dt.datetime(2016, 10, 1)))
        session.add(Setting(key="swv_name", value="SWV De Kust"))
        session.add(BoardUpdate(year_id=year.id, board_id=board.id, month="2017-02", email="a@kpo.example",
                                user="secretariaat", at=dt.datetime(2017, 3, 1)))


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_bsn_or_date_in_any_text_column_is_refused_and_nothing_written(demo_path: Path, kind: str) -> None:
    db = Database(to_url(demo_path))
    try:
        _with_every_table_filled(db)
        before = table_dump(demo_path)
        refused = []
        for name in RULED:
            table, column = name.split(".")
            rule = text_rules.RULES[name]
            assert isinstance(rule, text_rules.Rule)
            with pytest.raises(InvalidInput) as caught:
                with db.write() as session:
                    row = session.scalars(select(MAPPED[table])).first()
                    assert row is not None, f"no row of {table} to plant in"
                    setattr(row, column, _planted(rule, PLANTED[kind]))
            assert caught.value.field == column and "\n" not in caught.value.message
            assert BSN not in caught.value.message and "12-03" not in caught.value.message
            refused.append(caught.value.message)
        assert table_dump(demo_path) == before
    finally:
        db.dispose()
    assert any(m.startswith("Naam van school bevat") for m in refused)
    assert any(m.startswith("E-mail van schoolbestuur bevat") for m in refused)
    assert len(refused) == len(RULED) > 20


def test_the_rows_of_an_insert_through_the_session_are_checked_too(demo_path: Path) -> None:
    db = Database(to_url(demo_path))
    try:
        before = table_dump(demo_path)
        with pytest.raises(InvalidInput, match="^Notitie van uren bevat iets dat op een BSN lijkt"):
            with db.write() as session:
                entry = session.scalars(select(HourEntry)).first()
                assert entry is not None
                session.execute(insert(HourEntry.__table__), [{
                    "agreement_id": entry.agreement_id, "month": entry.month, "minutes": 15, "note": BSN,
                    "source": "import", "created_at": dt.datetime(2017, 1, 1)}])
        assert table_dump(demo_path) == before
    finally:
        db.dispose()


@pytest.mark.parametrize("text", ["Sint \u202eJozef", "De \u2066Regenboog\u2069"])
def test_reading_direction_characters_are_refused_in_names(demo_path: Path, text: str) -> None:
    db = Database(to_url(demo_path))
    try:
        with pytest.raises(InvalidInput, match="^Naam van schoolbestuur bevat een onzichtbaar teken"):
            with db.write() as session:
                board = session.scalars(select(Board)).first()
                assert board is not None
                board.name = text
    finally:
        db.dispose()


@pytest.mark.parametrize("address", ["kpo", "kpo@", "k po@kpo.nl", "kpo@kpo", "a@b@c.nl"])
def test_an_email_address_must_look_like_one(demo_path: Path, address: str) -> None:
    db = Database(to_url(demo_path))
    try:
        with pytest.raises(InvalidInput, match="^E-mail van dienstverlener is geen e-mailadres"):
            with db.write() as session:
                provider = session.scalars(select(Provider)).first()
                assert provider is not None
                provider.email = address
    finally:
        db.dispose()


def test_ordinary_text_passes(demo_path: Path) -> None:
    db = Database(to_url(demo_path))
    try:
        with db.write() as session:
            board = session.scalars(select(Board)).first()
            assert board is not None
            board.name, board.email, board.contact_person = "Stichting Kans & Co", "info@kans.example", "J. de Vries"
    finally:
        db.dispose()
