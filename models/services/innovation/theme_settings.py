"""Innovation themes and their setting per school year: the standard amount per network, the amount per pupil
and the default basis."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain import innovation as rules
from ...domain.errors import Conflict, InvalidInput
from ...domain.names import name_key
from ...orm_innovation import InnovationTheme, Network, NetworkBudget, ThemeYear
from .. import lookup
from ..masterdata import check_name
from . import find, network_budgets, year_data


@dataclass(frozen=True)
class ThemeSetting:
    name: str
    is_base: bool
    standard: int  # cents per network
    rate: int | None  # cents per pupil, None when the theme has no rate
    basis: str  # the default basis of new network budgets


def list_themes(session: Session, year: str) -> list[ThemeSetting]:
    year_row = lookup.year(session, year)
    return [ThemeSetting(theme.name, theme.is_base, standard, rate, basis)
            for theme, standard, rate, basis in year_data.settings(session, year_row)]


def add_theme(session: Session, name: str) -> str:
    theme_name = check_name(name, "het thema")
    other = session.scalar(select(InnovationTheme).where(InnovationTheme.name_key == name_key(theme_name)))
    if other is not None:
        raise Conflict(f"Er is al een thema '{other.name}'.", field="name")
    find.ensure_themes(session)
    position = (session.scalar(select(func.max(InnovationTheme.position))) or 0) + 1
    session.add(InnovationTheme(name=theme_name, name_key=name_key(theme_name), position=position, is_base=False))
    session.flush()
    return theme_name


def set_theme(session: Session, year: str, name: str, *, standard: int, rate: int | None, basis: str) -> None:
    """A theme's standard amount per network, rate per pupil and default basis for one year.

    Network budgets that follow the standard (no amount of their own) follow the new one, those with their
    own amount keep it; budgets reckoned per pupil follow the new rate. Refused when a budget would fall below
    what is committed."""
    year_row = lookup.year(session, year)
    theme = find.theme(session, name)
    standard = rules.check_cents(standard, "Standaardbedrag", "standard")
    if rate is not None:
        rate = rules.check_cents(rate, "Bedrag per leerling", "rate")
    basis = rules.check_basis(basis)
    if basis == rules.BASIS_PER_PUPIL and rate is None:
        raise InvalidInput(f"Thema {theme.name} heeft geen bedrag per leerling; kies '{rules.BASIS_ENTERED}' of "
                           "geef een bedrag per leerling.", field="rate")
    year_data.open_year(session, year)
    row = session.scalar(select(ThemeYear).where(ThemeYear.year_id == year_row.id, ThemeYear.theme_id == theme.id))
    assert row is not None  # open_year stored it
    if rate is None:
        per_pupil = session.scalars(
            select(Network.name).join(NetworkBudget, NetworkBudget.network_id == Network.id)
            .where(NetworkBudget.year_id == year_row.id, NetworkBudget.theme_id == theme.id,
                   NetworkBudget.basis == rules.BASIS_PER_PUPIL).order_by(Network.name_key)).all()
        if per_pupil:
            raise Conflict(f"Het bedrag per leerling van {theme.name} kan niet weg: netwerk {', '.join(per_pupil)} "
                           "rekent dit thema per leerling.", field="rate")
    row.standard_cents, row.rate_cents, row.basis = standard, rate, basis
    session.flush()
    network_budgets.check_year_budgets(session, year_row)
