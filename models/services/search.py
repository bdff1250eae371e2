"""Searching stored text with LIKE: what the user types is matched literally, wildcards included."""
from __future__ import annotations

LIKE_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """'%text%' with the LIKE wildcards % and _ (and the escape character itself) escaped; use it with
    `column.ilike(like_pattern(text), escape=LIKE_ESCAPE)`, so that '_' finds an underscore, not every row."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%"
