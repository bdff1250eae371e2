"""The declarative models of the second scheme: the innovation budgets of the regional networks, the support
questions with their reports, and the expertise directory. Mapped apart from models/orm.py so that opening the
app (whose first screen reads none of them) does not pay for them; `models.orm.load_all()` maps them where
every table counts (a copy, the schema checks).

Each class names only classes above it: a query in another thread may configure the mappers halfway through this
module's import (the Innovatie page's modules are imported ahead in a worker, views/warm_up.py), and must then
find every class it names; one not there yet would fail that query and, the mapper failed, every later one."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .orm import DESCRIPTION, NOTE, Base, School, SchoolYear, _now


# ---------------------------------------------------------------- innovation budgets (second scheme)


class Network(Base):
    """A regional network (regionaal netwerk) of schools; lives across years."""

    __tablename__ = "network"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)


class NetworkSchool(Base):
    """Membership in one school year: a school belongs to at most one network per year.

    A year without rows of its own (one that was never opened) reads the membership of the latest earlier
    year that has it; opening the year copies that membership (services.innovation.year_data.open_year)."""

    __tablename__ = "network_school"
    __table_args__ = (UniqueConstraint("year_id", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))

    school: Mapped[School] = relationship(lazy="joined")


class SchoolPupils(Base):
    """A school's pupil count in one school year."""

    __tablename__ = "school_pupils"
    __table_args__ = (
        UniqueConstraint("year_id", "school_id"),
        CheckConstraint("pupils >= 0", name="pupils_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    pupils: Mapped[int] = mapped_column(Integer)


class InnovationTheme(Base):
    """A theme of the innovation budget: the base budget (Innovatie), Gedrag, Hoogbegaafdheid, ..."""

    __tablename__ = "innovation_theme"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_base: Mapped[bool] = mapped_column(Boolean, default=False)


class ThemeYear(Base):
    """A theme's settings in one year: the standard amount per network and an optional rate per pupil."""

    __tablename__ = "theme_year"
    __table_args__ = (
        UniqueConstraint("year_id", "theme_id"),
        CheckConstraint("standard_cents >= 0", name="standard_not_negative"),
        CheckConstraint("rate_cents IS NULL OR rate_cents >= 0", name="rate_not_negative"),
        CheckConstraint("basis IN ('vast bedrag', 'per leerling')", name="basis"),
        CheckConstraint("basis = 'vast bedrag' OR rate_cents IS NOT NULL", name="per_pupil_has_rate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("innovation_theme.id", ondelete="CASCADE"))
    standard_cents: Mapped[int] = mapped_column(Integer)
    rate_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    basis: Mapped[str] = mapped_column(String(20), default="vast bedrag")


class NetworkBudget(Base):
    """A network's budget of one theme in one year: its own amount, or NULL when it follows the theme's
    standard amount of that year (a change of the standard moves exactly these), and which basis is in force."""

    __tablename__ = "network_budget"
    __table_args__ = (
        UniqueConstraint("year_id", "network_id", "theme_id"),
        CheckConstraint("entered_cents >= 0", name="entered_not_negative"),
        CheckConstraint("basis IN ('vast bedrag', 'per leerling')", name="basis"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    network_id: Mapped[int] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("innovation_theme.id", ondelete="RESTRICT"))
    entered_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: the standard ("standaard")
    basis: Mapped[str] = mapped_column(String(20), default="vast bedrag")


class SupraBudget(Base):
    """The supra-regional budget (bovenregionaal) of one theme in one year: for questions of schools in more than
    one network, tied to no network. A year and theme without a row have € 0."""

    __tablename__ = "supra_budget"
    __table_args__ = (
        UniqueConstraint("year_id", "theme_id"),
        CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("innovation_theme.id", ondelete="RESTRICT"))
    amount_cents: Mapped[int] = mapped_column(Integer)


class ExpertiseArea(Base):
    __tablename__ = "expertise_area"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), unique=True)


class ExpertArea(Base):
    __tablename__ = "expert_area"

    expert_id: Mapped[int] = mapped_column(ForeignKey("expert.id", ondelete="CASCADE"), primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("expertise_area.id", ondelete="CASCADE"), primary_key=True)


class Expert(Base):
    """An expert or organisation of the pool, and an entry of the expertise directory (Gouden Gids)."""

    __tablename__ = "expert"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint("kind IN ('regulier', 'SBO', 'SO', 'voorschool', 'VO')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(String(40), default="")
    evidence_note: Mapped[str] = mapped_column(String(400), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    areas: Mapped[list["ExpertiseArea"]] = relationship(secondary="expert_area", order_by="ExpertiseArea.name")


class QuestionSchool(Base):
    __tablename__ = "question_school"
    __table_args__ = (UniqueConstraint("question_id", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("support_question.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"))

    school: Mapped[School] = relationship(lazy="joined")


class QuestionExecutor(Base):
    """An executor (uitvoerder) of a support question and the amount committed to it."""

    __tablename__ = "question_executor"
    __table_args__ = (
        UniqueConstraint("question_id", "expert_id"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("support_question.id", ondelete="CASCADE"))
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert.id", ondelete="RESTRICT"))
    amount_cents: Mapped[int] = mapped_column(Integer)

    expert: Mapped[Expert] = relationship(lazy="joined")


class SupportQuestion(Base):
    """An ondersteuningsvraag of a network, drawing on one theme budget; without a network (NULL) a
    supra-regional question, drawing on the supra-regional budget of its theme (SupraBudget)."""

    __tablename__ = "support_question"
    __table_args__ = (
        UniqueConstraint("year_id", "sequence"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint(
            "status IN ('ingediend', 'lopend', 'verslag ontvangen', 'betaald', 'ingetrokken')", name="status"),
        CheckConstraint("started_on IS NULL OR submitted_on <= started_on", name="started_after_submitted"),
        CheckConstraint("report_received_on IS NULL OR started_on <= report_received_on",
                        name="report_after_started"),
        CheckConstraint("paid_on IS NULL OR report_received_on <= paid_on", name="paid_after_report"),
        CheckConstraint("status NOT IN ('verslag ontvangen', 'betaald') OR "
                        "(report_received_on IS NOT NULL AND length(trim(report_title)) > 0)",
                        name="report_has_title_and_date"),
        CheckConstraint("status <> 'betaald' OR paid_on IS NOT NULL", name="paid_has_date"),
        CheckConstraint("status <> 'ingetrokken' OR withdrawn_on IS NOT NULL", name="withdrawn_has_date"),
        Index("ix_support_question_year_network", "year_id", "network_id", "theme_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="RESTRICT"))
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12), unique=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id", ondelete="RESTRICT"), nullable=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("innovation_theme.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", info=DESCRIPTION)
    status: Mapped[str] = mapped_column(String(20), default="ingediend")
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    started_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    report_title: Mapped[str] = mapped_column(String(200), default="")
    report_received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    paid_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    withdraw_reason: Mapped[str] = mapped_column(Text, default="", info=NOTE)

    year: Mapped[SchoolYear] = relationship()
    network: Mapped[Network | None] = relationship()
    theme: Mapped[InnovationTheme] = relationship()
    schools: Mapped[list["QuestionSchool"]] = relationship(cascade="all, delete-orphan", order_by="QuestionSchool.id")
    executors: Mapped[list["QuestionExecutor"]] = relationship(cascade="all, delete-orphan",
                                                               order_by="QuestionExecutor.id")


class ReportFile(Base):
    """A report (verslag) of a support question as the file itself, with the text read from it for searching.
    Replacing a report adds a version; the highest version is the report, the earlier ones stay."""

    __tablename__ = "report_file"
    __table_args__ = (
        UniqueConstraint("question_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("kind IN ('PDF', 'DOCX', 'ODT')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("support_question.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(4))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    text: Mapped[str] = mapped_column(Text, deferred=True)  # searched: FTS5 on SQLite, to_tsvector on PostgreSQL
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    added_by: Mapped[str] = mapped_column(String(100), default="")
