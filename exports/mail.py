"""E-mail drafts (RFC 5322) for the secretariat's own mail program: unsent (X-Unsent: 1), so Outlook and
Thunderbird open them as a message to send. The confirmation letters and the monthly updates use these."""
from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Sequence

from . import safe_text
from .files import safe_file_name, write_all_atomic

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def address(display: str, email: str) -> Address | None:
    """The address with its display name; None when `email` is not a usable address."""
    email = email.strip()
    if "@" not in email or any(ch.isspace() or ch in "<>,;\"" for ch in email):
        return None
    try:
        found = Address(display_name=display, addr_spec=email)
    except (ValueError, IndexError, TypeError):
        return None
    return found if found.username and found.domain else None


def one_line(text: str) -> str:
    """Text for a header or a display name: printable, white space collapsed."""
    return " ".join(safe_text.printable(text).split())


def secretariat(swv_name: str, email: str) -> Address | None:
    """The sender 'Secretariaat <SWV> <address>'; None when no (usable) address is set."""
    return address(one_line(f"Secretariaat {swv_name}"), email) if email.strip() else None


def draft(*, sender: Address | None, to: Sequence[Address], subject: str, body: str) -> EmailMessage:
    """An unsent plain-text message; From only when the sender is known (else the mail program fills it in)."""
    message = EmailMessage()
    if sender is not None:
        message["From"] = sender
    if to:
        message["To"] = list(to)
    message["Subject"] = one_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(body)
    return message


def as_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=SMTP)


def draft_file_name(name: str, month: object) -> str:
    """'<name> <YYYY-MM>.eml', with characters unfit for a file name made '-'."""
    return safe_file_name(f"{name} {month}") + ".eml"


def write_drafts(drafts: Sequence[tuple[str, EmailMessage]], folder: Path) -> list[Path]:
    """Write (file name, message) pairs into `folder` (created when needed): all or none."""
    from .files import make_folder

    make_folder(folder)
    data = [(Path(folder) / name, as_bytes(message)) for name, message in drafts]
    return write_all_atomic([(path, lambda temp, b=content: temp.write_bytes(b)) for path, content in data])
