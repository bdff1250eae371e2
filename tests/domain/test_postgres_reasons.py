"""PostgreSQL's reasons in Dutch (issue 12, §3): the server's, libpq's and pg_dump's English never reaches a
message; a reason without Dutch words is named by its SQLSTATE."""
from __future__ import annotations

import re

import pytest

from models.domain.reasons import postgres_reason

ENGLISH = re.compile(r"\b(connection|failed|refused|does not exist|error|fatal|password|server at|denied)\b", re.I)


class _ServerError(Exception):
    def __init__(self, text: str, sqlstate: str | None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


class _Wrapped(Exception):
    """What SQLAlchemy raises: the driver's error as `orig`."""

    def __init__(self, orig: BaseException) -> None:
        super().__init__(f"(psycopg.OperationalError) {orig}")
        self.orig = orig


@pytest.mark.parametrize("text, sqlstate, dutch", [
    ('FATAL:  password authentication failed for user "swv"', "28P01", "wachtwoord klopt niet"),
    ('FATAL:  database "swv" does not exist', "3D000", "de database bestaat niet op de server"),
    ("ERROR:  permission denied for table board", "42501", "geen rechten"),
    ("ERROR:  could not extend file: No space left on device", "53100", "schijf van de server is vol"),
    ("ERROR:  canceling statement due to lock timeout", "55P03", "bezet"),
    ("ERROR:  duplicate key value violates unique constraint", "23505", "regels van de database"),
    ("FATAL:  terminating connection due to administrator command", "57P01", "wordt gestopt"),
    ("ERROR:  something new", "XX999", "PostgreSQL-fout XX999"),
])
def test_a_server_error_is_named_in_dutch_by_its_sqlstate(text: str, sqlstate: str, dutch: str) -> None:
    for error in (_ServerError(text, sqlstate), _Wrapped(_ServerError(text, sqlstate))):
        reason = postgres_reason(error)
        assert dutch in reason and not ENGLISH.search(reason), reason


@pytest.mark.parametrize("text, dutch", [
    ('connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused\n\tIs the server '
     "running on that host and accepting TCP/IP connections?", "weigert de verbinding"),
    ('connection failed: connection to server at "10.0.0.9", port 5432 failed: timeout expired', "time-out"),
    ('connection failed: could not translate host name "dbserver" to address: Name or service not known',
     "naam van de server is onbekend"),
    ('connection failed: FATAL:  database "bestaat_niet" does not exist', "de database bestaat niet"),
    ('connection failed: FATAL:  role "iemand" does not exist', "de gebruiker bestaat niet"),
    ('connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.2"', "laat deze gebruiker of computer niet"),
    ("server closed the connection unexpectedly", "verbinding met de server is verbroken"),
    ("pg_dump: error: aborting because of server version mismatch", "pg_dump is ouder dan de server"),
    ("something nobody foresaw", "PostgreSQL-fout"),
])
def test_a_connection_that_never_came_about_is_named_in_dutch(text: str, dutch: str) -> None:
    for error in (_ServerError(text, None), _Wrapped(_ServerError(text, None)), text):
        reason = postgres_reason(error)
        assert dutch in reason and not ENGLISH.search(reason), reason


def test_an_unknown_reason_is_named_by_the_kind_of_error_or_bare() -> None:
    unknown = "something nobody foresaw"
    assert postgres_reason(unknown) == "PostgreSQL-fout"  # pg_dump's text: no kind to name
    assert postgres_reason(_ServerError(unknown, None)) == "PostgreSQL-fout _ServerError"
    assert postgres_reason(_Wrapped(_ServerError(unknown, None))) == "PostgreSQL-fout _ServerError"
    assert postgres_reason(ValueError(unknown)) == "PostgreSQL-fout ValueError"  # an error without a sqlstate at all
    assert postgres_reason(ConnectionRefusedError("connection refused")) == (
        "de server weigert de verbinding (draait hij, en klopt de poort?)")
