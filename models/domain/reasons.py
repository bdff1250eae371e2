"""The operating system's and SQLite's reasons in Dutch: their own words are English ('[Errno 21] Is a
directory', 'table board already exists') and never reach a message. A reason we have no words for is named
by its code (`EIO`, `SQLITE_IOERR`), which whoever looks into it can search for."""
from __future__ import annotations

import errno

_OS_REASONS = {
    errno.ENOSPC: "de schijf is vol", errno.EDQUOT: "de schijfruimte is op", errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming", errno.EROFS: "de schijf is alleen-lezen", errno.EEXIST: "er staat al een bestand",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map", errno.EISDIR: "het is een map",
    errno.ENOENT: "de map bestaat niet", errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een lees- of schrijffout", errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik", errno.EMFILE: "te veel open bestanden",
    errno.ENFILE: "te veel open bestanden", errno.EFBIG: "het bestand wordt te groot",
    errno.ELOOP: "het pad verwijst naar zichzelf", errno.EINVAL: "die naam kan hier niet",
}

_SQLITE_REASONS = {
    "file is not a database": "het is geen database",
    "database disk image is malformed": "het bestand is beschadigd",
    "unable to open database file": "het bestand kan niet worden geopend",
    "attempt to write a readonly database": "het bestand kan alleen worden gelezen",
    "disk I/O error": "de schijf gaf een lees- of schrijffout",
    "database or disk is full": "de schijf is vol",
    "database is locked": "de database is bezet",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    return f"systeemfout {errno.errorcode.get(error.errno or 0, error.errno)}"


def sqlite_reason(error: BaseException) -> str:
    """Why SQLite refused, in Dutch; `error` may be a driver error wrapped by SQLAlchemy."""
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    text = lines[0].strip() if lines else ""
    if text in _SQLITE_REASONS:
        return _SQLITE_REASONS[text]
    if "already exists" in text or text.startswith("no such "):
        return "de tabellen passen niet bij SWV Uren"
    return f"SQLite-fout {getattr(orig, 'sqlite_errorname', None) or type(orig).__name__}"


# PostgreSQL's reasons: by SQLSTATE where the server gave one, by the client's (libpq's) words for a connection
# that never came about; the server's and libpq's texts are English (or the server's locale) and never shown.
_PG_STATES = {
    "28P01": "de gebruikersnaam of het wachtwoord klopt niet",
    "28000": "de server laat deze gebruiker of computer niet toe",
    "3D000": "de database bestaat niet op de server",
    "42501": "de gebruiker heeft geen rechten op de tabellen",
    "42P01": "de tabellen passen niet bij SWV Uren",
    "53100": "de schijf van de server is vol",
    "53200": "de server heeft te weinig geheugen",
    "53300": "de server heeft te veel verbindingen",
    "55P03": "de database is bezet",
    "57014": "de opdracht is afgebroken omdat hij te lang duurde",
    "57P01": "de server wordt gestopt",
    "57P02": "de server wordt gestopt",
    "57P03": "de server start nog op of wordt gestopt",
    "25006": "de server staat alleen lezen toe",
    "40001": "een andere gebruiker wijzigde tegelijk dezelfde gegevens",
    "40P01": "een andere gebruiker wijzigde tegelijk dezelfde gegevens",
}
_PG_CLASSES = {
    "08": "de verbinding met de server is verbroken",
    "23": "de gegevens passen niet bij de regels van de database",
    "28": "de server laat deze gebruiker of computer niet toe",
    "42": "de tabellen passen niet bij SWV Uren",
    "53": "de server heeft te weinig middelen (schijf, geheugen of verbindingen)",
    "57": "de beheerder van de server heeft de opdracht onderbroken",
}
_PG_WORDS = (  # libpq's words, lower case, for errors without a SQLSTATE (the connection itself)
    ("password authentication failed", "de gebruikersnaam of het wachtwoord klopt niet"),
    ("no password supplied", "er is geen wachtwoord opgegeven"),
    ("no pg_hba.conf entry", "de server laat deze gebruiker of computer niet toe"),
    ("role \"", "de gebruiker bestaat niet op de server"),
    ("database \"", "de database bestaat niet op de server"),
    ("connection refused", "de server weigert de verbinding (draait hij, en klopt de poort?)"),
    ("could not translate host name", "de naam van de server is onbekend"),
    ("name or service not known", "de naam van de server is onbekend"),
    ("nodename nor servname", "de naam van de server is onbekend"),
    ("no route to host", "de server is niet bereikbaar over het netwerk"),
    ("network is unreachable", "de server is niet bereikbaar over het netwerk"),
    ("timeout", "de server antwoordt niet (time-out)"),
    ("timed out", "de server antwoordt niet (time-out)"),
    ("ssl", "de beveiligde verbinding (SSL) komt niet tot stand"),
    ("server closed the connection", "de verbinding met de server is verbroken"),
    ("terminating connection", "de verbinding met de server is verbroken"),
    ("connection is closed", "de verbinding met de server is verbroken"),
    ("server version mismatch", "pg_dump is ouder dan de server; installeer de clientprogramma's van die versie"),
    ("permission denied", "de gebruiker heeft geen rechten op de tabellen"),
    ("no space left", "de schijf is vol"),
    ("too many connections", "de server heeft te veel verbindingen"),
    ("remaining connection slots", "de server heeft te veel verbindingen"),
    ("does not exist", "de database of gebruiker bestaat niet op de server"),
)


def postgres_reason(error: BaseException | str) -> str:
    """Why PostgreSQL (or its client, or pg_dump) refused, in Dutch; `error` may be a driver error wrapped by
    SQLAlchemy, or the text pg_dump wrote. Unknown: named by its SQLSTATE or the error's kind."""
    orig = error if isinstance(error, str) else (getattr(error, "orig", None) or error)
    state = None if isinstance(orig, str) else getattr(orig, "sqlstate", None)
    if state:
        return _PG_STATES.get(state) or _PG_CLASSES.get(state[:2]) or f"PostgreSQL-fout {state}"
    text = str(orig).casefold()
    for words, reason in _PG_WORDS:
        if words in text:
            return reason
    return "PostgreSQL-fout" if isinstance(orig, str) else f"PostgreSQL-fout {type(orig).__name__}"
