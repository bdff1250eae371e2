"""SQLAlchemy 2 declarative models of the hours scheme (the second scheme's, innovation and expertise, are in
orm_innovation.py, mapped where first used). Minutes and hundredths are integers; months are 'YYYY-MM'."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MONTH = String(7)  # 'YYYY-MM', sorts as text
MONTH_CHECK = "LIKE '____-__'"
# Free text has no length in the schema; models.limits holds it to these at every write (screens and CLI alike).
DESCRIPTION_LENGTH = 4000  # an agreement's or a support question's description
NOTE_LENGTH = 1000  # a note or a reason
DESCRIPTION = {"max_length": DESCRIPTION_LENGTH}
NOTE = {"max_length": NOTE_LENGTH}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class SchoolYear(Base):
    __tablename__ = "school_year"
    __table_args__ = (
        CheckConstraint(f"first_month {MONTH_CHECK} AND last_month {MONTH_CHECK}", name="month_format"),
        CheckConstraint("first_month <= last_month", name="month_order"),
        CheckConstraint("rounding IN ('per cel', 'grootste rest')", name="rounding"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(9), unique=True)
    first_month: Mapped[str] = mapped_column(MONTH)
    last_month: Mapped[str] = mapped_column(MONTH)
    rounding: Mapped[str] = mapped_column(String(20), default="per cel")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    providers: Mapped[list["YearProvider"]] = relationship(
        back_populates="year", order_by="YearProvider.position", cascade="all, delete-orphan")
    boards: Mapped[list["YearBoard"]] = relationship(
        back_populates="year", order_by="YearBoard.position", cascade="all, delete-orphan")


class Board(Base):
    """A school board (schoolbestuur); lives across years."""

    __tablename__ = "board"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    schools: Mapped[list["School"]] = relationship(back_populates="board", order_by="School.name")


class School(Base):
    __tablename__ = "school"
    __table_args__ = (
        UniqueConstraint("board_id", "name_key"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint("kind IN ('regulier', 'SBO', 'SO', 'voorschool', 'VO')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    #: regulier / SBO / SO / voorschool / VO (models.domain.innovation.KINDS), since migration 0009
    kind: Mapped[str] = mapped_column(String(20), default="regulier", server_default="regulier")

    board: Mapped[Board] = relationship(back_populates="schools")


class Provider(Base):
    """An expertise provider (dienstverlener); lives across years."""

    __tablename__ = "provider"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    cluster: Mapped[str] = mapped_column(String(50), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class YearProvider(Base):
    """A provider's contract for one school year."""

    __tablename__ = "year_provider"
    __table_args__ = (
        UniqueConstraint("year_id", "provider_id"),
        CheckConstraint("reserve_minutes >= 0 AND reserve_minutes <= contract_minutes", name="reserve_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    contract_minutes: Mapped[int] = mapped_column(Integer)
    reserve_minutes: Mapped[int] = mapped_column(Integer)

    year: Mapped[SchoolYear] = relationship(back_populates="providers")
    provider: Mapped[Provider] = relationship(lazy="joined")


class YearBoard(Base):
    """A board's pupil share and distribution key in one school year (hundredths of a percent)."""

    __tablename__ = "year_board"
    __table_args__ = (
        UniqueConstraint("year_id", "board_id"),
        CheckConstraint("pupil_share BETWEEN 0 AND 10000", name="pupil_share_range"),
        CheckConstraint("key_share BETWEEN 0 AND 10000", name="key_share_range"),
        CheckConstraint("minimum_share IS NULL OR minimum_share BETWEEN 0 AND 10000", name="minimum_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    pupil_share: Mapped[int] = mapped_column(Integer)
    key_share: Mapped[int] = mapped_column(Integer)
    minimum_share: Mapped[int | None] = mapped_column(Integer, nullable=True)

    year: Mapped[SchoolYear] = relationship(back_populates="boards")
    board: Mapped[Board] = relationship(lazy="joined")


class BudgetAdjustment(Base):
    """An afwijkende afspraak: one month's budget set by hand, with a note."""

    __tablename__ = "budget_adjustment"
    __table_args__ = (
        UniqueConstraint("year_id", "board_id", "provider_id", "month"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        CheckConstraint(f"month {MONTH_CHECK}", name="month_format"),
        CheckConstraint("length(trim(note)) > 0", name="note_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"))
    month: Mapped[str] = mapped_column(MONTH)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, info=NOTE)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Agreement(Base):
    """An overeenkomst between a board and a provider."""

    __tablename__ = "agreement"
    __table_args__ = (
        UniqueConstraint("year_id", "sequence"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint(f"first_month {MONTH_CHECK} AND last_month {MONTH_CHECK}", name="month_format"),
        CheckConstraint("first_month <= last_month", name="month_order"),
        CheckConstraint(
            "status IN ('gemeld', 'geregistreerd', 'bevestigd', 'afgerond', 'ingetrokken')", name="status"),
        CheckConstraint("kind IN ('arrangement', 'preventief', 'coaching', 'teamtraining')", name="kind"),
        CheckConstraint("registered_on IS NULL OR reported_on <= registered_on", name="registered_after_reported"),
        CheckConstraint("confirmed_on IS NULL OR registered_on <= confirmed_on", name="confirmed_after_registered"),
        CheckConstraint("status NOT IN ('bevestigd', 'afgerond') OR confirmed_on IS NOT NULL",
                        name="confirmed_has_date"),
        Index("ix_agreement_year_board_provider", "year_id", "board_id", "provider_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="RESTRICT"))
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12), unique=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"), nullable=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20), default="arrangement")
    description: Mapped[str] = mapped_column(Text, default="", info=DESCRIPTION)
    pupil_ref: Mapped[str] = mapped_column(String(40), default="")
    minutes: Mapped[int] = mapped_column(Integer)
    first_month: Mapped[str] = mapped_column(MONTH)
    last_month: Mapped[str] = mapped_column(MONTH)
    status: Mapped[str] = mapped_column(String(20))
    reported_on: Mapped[dt.date] = mapped_column(Date)
    registered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # afgerond or ingetrokken
    board_contact: Mapped[str] = mapped_column(String(200), default="")
    provider_contact: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    year: Mapped[SchoolYear] = relationship()
    board: Mapped[Board] = relationship()
    school: Mapped[School | None] = relationship()
    provider: Mapped[Provider] = relationship()


class HourEntry(Base):
    """Gerealiseerde uren: one entry of realised hours on an agreement in a month."""

    __tablename__ = "hour_entry"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint(f"month {MONTH_CHECK}", name="month_format"),
        Index("ix_hour_entry_agreement_month", "agreement_id", "month", "minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="RESTRICT"))
    month: Mapped[str] = mapped_column(MONTH)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", info=NOTE)
    source: Mapped[str] = mapped_column(String(20), default="app")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    agreement: Mapped[Agreement] = relationship()


class ReserveGrant(Base):
    """A reservetoekenning: reserve hours of a provider granted to a board for one month."""

    __tablename__ = "reserve_grant"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint(f"month {MONTH_CHECK}", name="month_format"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_not_empty"),
        Index("ix_reserve_grant_year_board_provider", "year_id", "board_id", "provider_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="RESTRICT"))
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"))
    month: Mapped[str] = mapped_column(MONTH)
    minutes: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, info=NOTE)
    granted_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    board: Mapped[Board] = relationship()
    provider: Mapped[Provider] = relationship()


class MonthEvent(Base):
    """Closing or reopening a month; the latest event of a month decides whether it is closed."""

    __tablename__ = "month_event"
    __table_args__ = (
        CheckConstraint("action IN ('afgesloten', 'heropend')", name="action"),
        CheckConstraint(f"month {MONTH_CHECK}", name="month_format"),
        CheckConstraint("action = 'afgesloten' OR length(trim(reason)) > 0", name="reopen_has_reason"),
        Index("ix_month_event_year_month", "year_id", "month", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="RESTRICT"))
    month: Mapped[str] = mapped_column(MONTH)
    action: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="", info=NOTE)
    user: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class AuditEntry(Base):
    """Who changed what, when: written in the same transaction as the change itself."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint("action IN ('toegevoegd', 'gewijzigd', 'verwijderd')", name="action"),
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(12))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    before: Mapped[str] = mapped_column(Text, default="")  # JSON of the changed fields, before
    after: Mapped[str] = mapped_column(Text, default="")  # JSON of the changed fields, after


#: Tables the database keeps beside the models, derived from them: SQLite's full-text index over report_file.text
#: (an FTS5 virtual table, kept by triggers, made by migration 0007 on SQLite only) and the shadow tables FTS5
#: keeps for it. They hold nothing of their own, so copies and comparisons of the schema leave them out.
SEARCH_INDEX = "report_search"


def is_search_index(name: str) -> bool:
    return name == SEARCH_INDEX or name.startswith(SEARCH_INDEX + "_")


class Setting(Base):
    """A setting of the SWV itself, shared by everyone who works in this database (the SWV's name above the
    reports and letters), so every user and the command line print the same."""

    __tablename__ = "setting"
    __table_args__ = (CheckConstraint("length(trim(value)) > 0", name="value_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    value: Mapped[str] = mapped_column(String(120))


class BoardUpdate(Base):
    """A month's update given to a board (DOMAIN.md point 11): which board got which month's figures, when and
    by whom, and the address the draft was made out to."""

    __tablename__ = "board_update"
    __table_args__ = (
        CheckConstraint(f"month {MONTH_CHECK}", name="month_format"),
        Index("ix_board_update_year_board_month", "year_id", "board_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="RESTRICT"))
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    month: Mapped[str] = mapped_column(MONTH)
    email: Mapped[str] = mapped_column(String(200))
    user: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


def load_all() -> None:
    """Map every class, also those of the second scheme (models/orm_innovation.py), which the first screen does
    not need and so are imported where first used: call it before going over all tables (`Base.metadata`)."""
    from . import orm_innovation  # noqa: F401 - mapped on import
