"""Which monthly drafts (DOMAIN.md point 11) can be made, and writing them: one `<name> <YYYY-MM>.eml` per board
or provider with a usable address, the others named with the reason. The command line (`updates boards`,
`updates providers`) and the app's Rapporten menu both write through here, so they choose and name alike.

Plain data in, files out: no database, no Qt."""
from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generic, Sequence, TypeVar

from models.domain.errors import Conflict

from .files import check_folder, unique_file_names
from .mail import draft_file_name, write_drafts
from .update_mail import board_message, board_party, provider_message, recipient

if TYPE_CHECKING:  # plain data from the updates service
    from models.domain.months import Month
    from models.services.updates import BoardUpdate, ProviderRequest

T = TypeVar("T")
#: `progress(done, total, name)` before each draft is made; False stops (nothing is written then).
Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True)
class Drafts(Generic[T]):
    """The drafts of a month that can be made, each with its file name; `skipped` says who gets none and why."""

    ready: tuple[tuple[str, str, T], ...]  # (name, file name, the update or request)
    skipped: tuple[str, ...]  # "van OBO is geen (geldig) e-mailadres bekend"

    @property
    def names(self) -> list[str]:
        return [name for name, _file, _item in self.ready]


@dataclass(frozen=True)
class Written:
    """Drafts written: their files, and to whom (name, address) each one goes."""

    paths: tuple[Path, ...]
    given: tuple[tuple[str, str], ...]
    skipped: tuple[str, ...]


def no_address(name: str) -> str:
    return f"van {name} is geen (geldig) e-mailadres bekend"


def board_drafts(found: Sequence[BoardUpdate], month: Month) -> Drafts[BoardUpdate]:
    """The boards with a usable address; refused when there is none, or two would get the same file name."""
    ready = [u for u in found if recipient(board_party(u))]
    skipped = tuple(no_address(u.report.board) for u in found if not recipient(board_party(u)))
    if not ready:
        names = ", ".join(u.report.board for u in found)
        raise Conflict(f"Van geen enkel bestuur is een (geldig) e-mailadres bekend ({names}); er is geen concept "
                       "gemaakt. Vul de adressen in bij Stamgegevens.")
    return _named([(u.report.board, u) for u in ready], skipped, month, "besturen")


def provider_drafts(found: Sequence[ProviderRequest], month: Month) -> Drafts[ProviderRequest]:
    """The providers with a usable address and an hour sheet for the month; refused when there is none."""
    skipped = []
    for r in found:
        if not recipient(r.provider):
            skipped.append(no_address(r.provider.organisation))
        elif r.sheet is None:
            skipped.append(r.problem.rstrip("."))
    ready = [(r.provider.organisation, r) for r in found if recipient(r.provider) and r.sheet is not None]
    if not ready:
        raise Conflict(f"Er is geen concept gemaakt: {'; '.join(skipped)}.")
    return _named(ready, tuple(skipped), month, "dienstverleners")


def _named(ready: list[tuple[str, T]], skipped: tuple[str, ...], month: Month, what: str) -> Drafts[T]:
    files = [draft_file_name(name, month) for name, _item in ready]
    unique_file_names([name for name, _item in ready], files, what)
    return Drafts(tuple((name, file, item) for (name, item), file in zip(ready, files)), skipped)


def write_board_drafts(drafts: Drafts[BoardUpdate], folder: Path, progress: Progress | None = None) -> Written | None:
    """Each board's draft with its workbook attached, into `folder`: all or none; None when `progress` stopped."""
    return _write(drafts, folder, board_message, lambda u: board_party(u).email, progress)


def write_provider_drafts(drafts: Drafts[ProviderRequest], folder: Path,
                          progress: Progress | None = None) -> Written | None:
    """Each provider's request with its hour sheet attached, into `folder`: all or none."""
    return _write(drafts, folder, provider_message, lambda r: r.provider.email, progress)


def _write(drafts: Drafts[T], folder: Path, message: Callable[[T], EmailMessage], email: Callable[[T], str],
           progress: Progress | None) -> Written | None:
    check_folder(folder)
    messages = []
    for done, (name, file, item) in enumerate(drafts.ready):
        if progress is not None and not progress(done, len(drafts.ready), name):
            return None
        messages.append((file, message(item)))
    paths = write_drafts(messages, folder)
    return Written(tuple(paths), tuple((name, email(item).strip()) for name, _file, item in drafts.ready),
                   drafts.skipped)
