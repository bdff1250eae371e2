"""The hour sheet (urenlijst) a provider fills in: its sheets, columns and limits.

The writer (exports.hour_sheet_xlsx) and the reader (services.hour_sheets) both follow this
layout, so a template the app writes is always a sheet it can read back.
"""
from __future__ import annotations

HOURS_SHEET = "Uren"
INFO_SHEET = "Gegevens"

AGREEMENT = "Overeenkomst"
BOARD = "Bestuur"
SCHOOL = "School"
KIND = "Soort"
DESCRIPTION = "Omschrijving"
MONTH = "Maand"
HOURS = "Uren"
NOTE = "Opmerking"

# What was left when the sheet was made, shown beside Uren to help the provider; never read back.
AGREEMENT_LEFT = "Nog over op overeenkomst"
MONTH_LEFT = "Nog over in maand"

COLUMNS = (AGREEMENT, BOARD, SCHOOL, KIND, DESCRIPTION, MONTH, HOURS, NOTE)  # what the import knows
TEMPLATE_COLUMNS = (AGREEMENT, BOARD, SCHOOL, KIND, DESCRIPTION, MONTH, AGREEMENT_LEFT, MONTH_LEFT, HOURS, NOTE)
REQUIRED = [AGREEMENT, MONTH, HOURS]  # the rest is there to help the provider, or optional
OPTIONAL = [BOARD, NOTE]

# The Gegevens sheet: a key in column A, its value in column B.
INFO_PROVIDER = "Dienstverlener"
INFO_YEAR = "Schooljaar"
INFO_MADE_ON = "Gemaakt op"

MAX_ROWS = 20_000  # data rows; a provider's year is a few hundred agreement-months
MAX_NOTE = 500  # characters of a note (opmerking)

IMPORT_SOURCE = "import"  # HourEntry.source of imported hours
