"""How far a limit is used, in one rule for every limit the app marks: a month's budget + reserve (Uren,
Overzicht), a provider's reserve (Reserve) and an innovation budget (Uitputting). Screens, PDFs and workbooks
say it in words as well as colour (UI.md); the words per place are chosen where they are shown."""
from __future__ import annotations

from enum import Enum

NEARLY_USED_PERCENT = 90  # from this share of the limit: "bijna op"


class Usage(Enum):
    NOTHING = "nothing to use"  # the limit is 0 and nothing is used
    WITHIN = "within"
    NEARLY = "nearly used up"
    USED_UP = "used up"
    OVER = "over"


def usage(used: int, limit: int) -> Usage:
    """Over above the limit, used up at it, nearly from 90 %; a limit of 0 with nothing used is nothing to use."""
    if used > limit:
        return Usage.OVER
    if limit <= 0:
        return Usage.NOTHING
    if used == limit:
        return Usage.USED_UP
    if used * 100 >= NEARLY_USED_PERCENT * limit:
        return Usage.NEARLY
    return Usage.WITHIN
