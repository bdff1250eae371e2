"""How the secretariat names and greets a contact: a person by name, a function ("Ambulant begeleider Kameleon")
as the function of its organisation. Shared by the confirmation letters and the monthly e-mail drafts."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plain data from the reports service; no database at run time
    from models.services.reports import Party


# The first word of a contact that names a function, not a person ("Ambulant begeleider Kameleon").
ROLE_WORDS = frozenset({
    "administratie", "adviseur", "afdeling", "ambulant", "ambulante", "begeleider", "begeleiding", "bestuursbureau",
    "bestuurssecretaris", "coördinator", "coordinator", "contactpersoon", "directeur", "directie", "functionaris",
    "ib", "ib'er", "intern", "info", "kwaliteitszorg", "leerlingenzorg", "managementassistent", "medewerker",
    "medewerkers", "office", "orthopedagoog", "planning", "receptie", "secretariaat", "secretaris", "staf",
    "team", "teamleider", "zorgcoördinator", "zorgcoordinator",
})
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.[\s-]*)+\S")  # "R. van Dijk", "A.B. de Vries"


def role_of(party: Party) -> str | None:
    """The function a contact names instead of a person, in lower case and without the organisation
    ("Ambulant begeleider Kameleon" at Kameleon -> "ambulant begeleider"); None for a person's name."""
    contact = " ".join(party.contact.split())
    if not contact or _INITIALS.match(contact):
        return None
    organisation = " ".join(party.organisation.split())
    # the organisation as whole words ("Kans" is not in "Tineke Kanselaar")
    as_words = re.compile(rf"(?<!\w){re.escape(organisation)}(?!\w)", re.IGNORECASE) if organisation else None
    names_organisation = as_words is not None and as_words.search(contact) is not None
    first = contact.split()[0].strip(",.:;").casefold()
    if not names_organisation and first not in ROLE_WORDS:
        return None
    role = as_words.sub(" ", contact) if as_words is not None else contact
    role = re.sub(r"(?:\s|^)(?:van|bij|voor|de|het)\s*$", "", " ".join(role.split()).strip(" ,-–:")).strip(" ,-–:")
    if role[:1].isupper() and not role[:2].isupper():  # "Ambulant" -> "ambulant"; "IB'er" stays
        role = role[0].lower() + role[1:]
    return role


def display_name(party: Party) -> str:
    """The recipient's name in the e-mail: 'R. van Dijk (Borgesius)', or 'Kameleon (ambulant begeleider)'."""
    role = role_of(party)
    if not party.contact:
        return party.organisation
    if role is None:
        return f"{party.contact} ({party.organisation})"
    return f"{party.organisation} ({role})" if role else party.organisation


def greeting(party: Party) -> str:
    """'Beste R. van Dijk,', 'Beste ambulant begeleider van Kameleon,', or 'Geachte heer, mevrouw,' when no
    contact is known."""
    if not party.contact.strip():
        return "Geachte heer, mevrouw,"
    role = role_of(party)
    if role is None:
        return f"Beste {party.contact},"
    return f"Beste {role or 'collega’s'} van {party.organisation},"
