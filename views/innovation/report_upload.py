"""A report file chosen by the user, read for the library: its size checked before it is read (a file far above
25 MB is never loaded), by the same rule the service applies."""
from __future__ import annotations

from pathlib import Path

from models.domain import report_file
from models.domain.errors import InvalidInput
from models.services.report_library import Upload

FILE_PATTERN = "Verslag (*.pdf *.docx *.odt);;Alle bestanden (*)"


def read_upload(path: Path) -> Upload:
    try:
        size = path.stat().st_size
        report_file.check_file(path.name, size)
        return Upload(path.name, path.read_bytes())
    except OSError as error:
        raise InvalidInput(f"Bestand '{path.name}' kan niet worden gelezen: {error.strerror}.", field="file") from None
