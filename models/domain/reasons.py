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
