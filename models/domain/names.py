"""Names of boards and providers are matched after trimming and collapsing white space, case-insensitively."""
from __future__ import annotations


def clean_name(name: str) -> str:
    """The name as shown: trimmed, inner white space collapsed."""
    return " ".join(str(name).split())


def name_key(name: str) -> str:
    """The key two names are compared by."""
    return clean_name(name).casefold()
