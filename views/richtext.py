"""User text inside a rich-text label (QLabel with HTML): shown as typed, never obeyed as markup."""
from __future__ import annotations

import html


def plain(value: object) -> str:
    """'<', '&' and quotes show as typed: 'Bos & Co <b>' stays that text."""
    return html.escape(str(value))
