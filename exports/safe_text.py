"""User text made safe for the files: no tag or entity of the user is obeyed in a PDF, and no character a file
format refuses reaches a PDF or a workbook. (The Dutch formats of figures are models/domain/dutch.py.)"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

# XML 1.0 does not take these; a spreadsheet or PDF writer would fail on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """User text without the control characters no file format takes (tabs and line breaks stay)."""
    return _ILLEGAL.sub("", text)


def markup(text: object) -> str:
    """User text for a reportlab Paragraph: no tag, entity or line break of the user is obeyed."""
    return escape(printable(str(text)))
