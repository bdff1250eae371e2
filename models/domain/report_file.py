"""A report (verslag) as a file: which types are taken, how large, and the privacy rule over its text.

The executors hand in their report so it can be shared (seed 000): the SWV keeps it findable. It is read the
way every free-text field is (models.domain.privacy): a report that holds a BSN-like number or a full date is
refused. The refusal says on which page and between which words, so the secretariat can find it and ask for a
corrected report, but never repeats the number or date itself: that may be personal data.
"""
from __future__ import annotations

import re
from typing import Sequence

from .errors import InvalidInput
from .privacy import find_bsn, find_date
from .units import format_count

#: extension -> (type shown, media type)
TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".odt": ("ODT", "application/vnd.oasis.opendocument.text"),
}
MAX_BYTES = 25 * 1024 * 1024
NAME_LENGTH = 255
_AROUND = 6  # words shown on either side of what was found
_HIDDEN = "[…]"


def check_file(file_name: str, size: int) -> str:
    """The file's extension ('.pdf', '.docx' or '.odt'); other types, empty files and files above 25 MB are
    refused."""
    name = str(file_name).strip()
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in TYPES:
        raise InvalidInput(f"Bestand '{name}' is geen PDF-, DOCX- of ODT-bestand; lever het verslag aan als PDF, "
                           "Word (.docx) of OpenDocument (.odt).", field="file")
    if len(name) > NAME_LENGTH:
        raise InvalidInput(f"De bestandsnaam is te lang (hoogstens {format_count(NAME_LENGTH)} tekens); geef het bestand een "
                           "kortere naam.", field="file")
    if size <= 0:
        raise InvalidInput(f"Bestand '{name}' is leeg.", field="file")
    if size > MAX_BYTES:
        raise InvalidInput(f"Bestand '{name}' is {_megabytes(size)} MB; een verslag mag hoogstens "
                           f"{MAX_BYTES // (1024 * 1024)} MB zijn. Sla het op zonder grote afbeeldingen of als "
                           "kleinere PDF.", field="file")
    return extension


def _megabytes(size: int) -> str:
    tenths = (size * 10 + 512 * 1024) // (1024 * 1024)
    return f"{tenths // 10},{tenths % 10}"


def _context(text: str, start: int, end: int) -> str:
    """The words around a span, the span itself hidden."""
    before = text[:start].split()[-_AROUND:]
    after = text[end:].split()[:_AROUND]
    return " ".join(["…", *before, _HIDDEN, *after, "…"])


def check_pages(pages: Sequence[str], file_name: str) -> None:
    """Every page passes the privacy rule for free text; else a refusal naming the page and the words around."""
    for number, page in enumerate(pages, start=1):
        text = re.sub(r"\s+", " ", page)
        for find, what, advice in (
                (find_bsn, "iets dat op een BSN lijkt", "haal het nummer weg"),
                (find_date, "een datum, mogelijk een geboortedatum",
                 "noem alleen maand en jaar, bijvoorbeeld 'oktober 2016'")):
            span = find(text)
            if span is not None:
                raise InvalidInput(
                    f"Verslag '{file_name}' bevat op pagina {number} {what}: \"{_context(text, *span)}\". Leg geen "
                    f"leerlinggegevens vast (AVG): {advice} en lever het verslag opnieuw aan. Er is niets "
                    "opgeslagen.", field="file")
