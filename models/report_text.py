"""The text of a report file, page by page: PDF with pypdf, DOCX and ODT by reading the XML inside the zip with
defusedxml (no entity expansion, no external references). No database and no Qt: bytes in, strings out.

Pages of a DOCX follow the page breaks Word wrote (explicit breaks and the breaks of its last layout); of an
ODT, the soft page breaks LibreOffice wrote and explicit breaks. A file without them is one page.
"""
from __future__ import annotations

import io
import zipfile
from typing import Iterator
from xml.etree.ElementTree import Element  # the type of what defusedxml parses (its parser is used below)

from defusedxml import ElementTree

from .domain.errors import InvalidInput

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_XML = 100 * 1024 * 1024  # unpacked: a zip bomb is refused, not read


def pages_of(extension: str, data: bytes, file_name: str) -> list[str]:
    """The text per page; a file that cannot be read as its type is refused in Dutch."""
    try:
        if extension == ".pdf":
            return _pdf(data)
        if extension == ".docx":
            return _split(_docx(_member(data, "word/document.xml")))
        return _split(_odt(_member(data, "content.xml")))
    except InvalidInput:
        raise
    except Exception:  # any damage or disguise: pypdf, zipfile and the XML parser each raise their own
        raise InvalidInput(f"Bestand '{file_name}' kan niet worden gelezen als {extension[1:].upper()}-bestand; "
                           "is het beschadigd of met een wachtwoord beveiligd? Vraag een nieuw exemplaar.",
                           field="file") from None


_BREAK = "\f"


def _split(text: str) -> list[str]:
    return text.split(_BREAK)


def _pdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted")
    return [page.extract_text() or "" for page in reader.pages]


def _member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if archive.getinfo(name).file_size > MAX_XML:
            raise ValueError("too large")
        return archive.read(name)


def _docx(xml: bytes) -> str:
    parts: list[str] = []
    for element in ElementTree.fromstring(xml).iter():
        tag = element.tag
        if tag == f"{_W}t" and element.text:
            parts.append(element.text)
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}lastRenderedPageBreak" or (tag == f"{_W}br" and element.get(f"{_W}type") == "page"):
            parts.append(_BREAK)
        elif tag == f"{_W}p":
            parts.append("\n")
    return "".join(parts)


def _odt(xml: bytes) -> str:
    root = ElementTree.fromstring(xml)
    return "".join(_odt_text(root))


def _odt_text(element: Element) -> Iterator[str]:
    tag = element.tag
    if tag == f"{_TEXT}soft-page-break":
        yield _BREAK
    if tag in (f"{_TEXT}s", f"{_TEXT}tab"):
        yield " "
    if element.text:
        yield element.text
    for child in element:
        yield from _odt_text(child)
        if child.tail:
            yield child.tail
    if tag in (f"{_TEXT}p", f"{_TEXT}h"):
        yield "\n"
