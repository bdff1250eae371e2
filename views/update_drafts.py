"""The e-mail drafts of a month as the dialogs of Rapporten preview them (views/update_dialogs.py): what is read
for a month, and the drafts made of it in the reading worker (plain Python, no Qt)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Sequence, TypeVar

from models.domain import dutch
from models.domain.months import Month
from models.services import updates

T = TypeVar("T")


@dataclass(frozen=True)
class Draft(Generic[T]):
    """One board's or provider's draft as the preview shows it; `note` says why there is none, or that the
    update was given before."""

    name: str
    to: str
    subject: str
    body: str
    attachment: str
    note: str  # short, in the list: 'geen e-mailadres'
    why: str  # the whole sentence above the text
    item: T


def _shown(found: list[Any]) -> str:
    """The recipient as a person reads it: 'A. Jansen (OBO) <a.jansen@obo.example>' ('' without an address)."""
    return ", ".join(f"{a.display_name} <{a.addr_spec}>" if a.display_name else a.addr_spec for a in found)


def last_ended_month(months: Sequence[Month], today: dt.date) -> Month:
    """The month before today's, within the year (its first month before the year, its last after it)."""
    ended = Month.of(today).plus(-1)
    return min(max(ended, months[0]), months[-1])


#: What a dialog reads for a month: `(fn, *args)` per read (PageLoader.load_all).
Reads = tuple[tuple[Any, ...], ...]


def board_reads(year: str, month: Month, today: dt.date, swv_name: str) -> Reads:
    """The boards' updates of `month`, and the updates given in the year."""
    return (partial(updates.board_updates, swv_name=swv_name), year, str(month), today), (updates.given, year)


def board_drafts(month: Month, answers: tuple[Any, ...]) -> list[Draft[updates.BoardUpdate]]:
    """In the reading worker: each board's update of `month` as a draft (60 e-mails on the decade: too long for
    the UI thread), with whether it was given before."""
    from exports.files import board_file_name
    from exports.update_mail import board_body, board_party, board_subject, recipient

    found, given_in_year = answers
    given = {g.board: g for g in given_in_year if g.month == month}
    drafts = []
    for u in found:
        address = recipient(board_party(u))
        board, before = u.report.board, given.get(u.report.board)
        if not address:
            note, why = "geen e-mailadres", (f"Van {board} is geen (geldig) e-mailadres bekend: vul het in "
                                             "om een concept te maken.")
        elif before:
            note = f"al gegeven op {dutch.date(before.at.date())}"
            why = (f"De update van {month.label} is al gegeven op {dutch.date(before.at.date())} "
                   f"(aan {before.email}); opnieuw opslaan maakt nieuwe concepten.")
        else:
            note = why = ""
        drafts.append(Draft(board, _shown(address), board_subject(u), board_body(u),
                            board_file_name(board, u.report.year), note, why, u))
    return drafts


def provider_reads(year: str, month: Month, today: dt.date, swv_name: str) -> Reads:
    """The providers' requests for the hours of `month`."""
    return ((partial(updates.provider_requests, swv_name=swv_name), year, str(month), today),)


def provider_drafts(month: Month, answers: tuple[Any, ...]) -> list[Draft[updates.ProviderRequest]]:
    """In the reading worker: each provider's request for the hours of `month` as a draft (without a sheet: why
    not)."""
    from exports.update_mail import hour_sheet_file_name, provider_body, provider_subject, recipient

    found, = answers
    drafts = []
    for r in found:
        address = recipient(r.provider)
        name, ready = r.provider.organisation, r.sheet is not None
        if not address:
            note, why = "geen e-mailadres", (f"Van {name} is geen (geldig) e-mailadres bekend; vul het in bij "
                                             "Stamgegevens.")
        else:
            note, why = ("", "") if ready else ("geen urenlijst", r.problem)
        drafts.append(Draft(name, _shown(address), provider_subject(r) if ready else "",
                            provider_body(r) if ready else "", hour_sheet_file_name(r) if ready else "",
                            note, why, r))
    return drafts
