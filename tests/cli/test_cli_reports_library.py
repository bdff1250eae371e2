"""`reports list` and `reports save`: the report library (Verslagen) as a script reads it, through the entry point,
with CSV on stdout, one Dutch line on stderr and exit 0/1/2 as every command (CLI.md)."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from models.db import Database, to_url
from models.services import report_library
from tests.services import report_files

from .conftest import ok, refused, refused_all, wrong_use

HEADER = ("schooljaar;nummer;vraag;verslag;netwerk;thema;scholen;uitvoerders;ontvangen;bestand;bestandstype;versie;"
          "huidig;toegevoegd;passage")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def test_reports_list_prints_every_received_report_as_csv(demo_path: Path) -> None:
    result = ok("reports", "list", db=demo_path)
    assert result.stderr == "" and result.stdout.splitlines()[0] == HEADER
    rows = _rows(result.stdout)
    assert [r["nummer"] for r in rows] == ["2016-I04", "2016-I03", "2016-I02", "2016-I01"]
    i02 = next(r for r in rows if r["nummer"] == "2016-I02")
    assert (i02["verslag"], i02["netwerk"], i02["thema"], i02["ontvangen"], i02["bestand"], i02["bestandstype"],
            i02["versie"], i02["huidig"], i02["passage"]) == (
        "Groepsplan gedrag: het draaiboek", "Midden", "Gedrag", "2017-01-30", "Verslag 2016-I02.docx", "DOCX", "2",
        "ja", "")
    assert i02["scholen"] == "SBO Pius X (Borgesius, SBO) | Basisschool Sint-Jozef (KPO, regulier)"
    assert i02["uitvoerders"] == "Ingrid Smit (SBO) | Dirk van Leeuwen (VO)"
    assert len(i02["toegevoegd"]) == 16 and i02["toegevoegd"][4] == "-"


def test_reports_list_filters_search_and_versions(demo_path: Path) -> None:
    assert [r["nummer"] for r in _rows(ok("reports", "list", "--kind", "sbo", db=demo_path).stdout)] == [
        "2016-I04", "2016-I02"]
    assert _rows(ok("reports", "list", "--kind", "SO", db=demo_path).stdout) == []
    assert [r["nummer"] for r in _rows(ok("reports", "list", "--network", " noord ", "--theme", "gedrag",
                                          "--year", "2016-2017", db=demo_path).stdout)] == ["2016-I03"]
    [hit] = _rows(ok("reports", "list", "--search", "draaiboek", db=demo_path).stdout)
    assert hit["nummer"] == "2016-I02" and "«draaiboek»" in hit["passage"]

    rows = _rows(ok("reports", "list", "--search", "draaiboek", "--versions", db=demo_path).stdout)
    assert [(r["versie"], r["huidig"], r["bestand"]) for r in rows] == [
        ("2", "ja", "Verslag 2016-I02.docx"), ("1", "nee", "Verslag 2016-I02 concept.docx")]
    assert rows[1]["passage"] == "" and rows[1]["verslag"] == rows[0]["verslag"]
    everything = _rows(ok("reports", "list", "--versions", db=demo_path).stdout)
    assert len(everything) == 5 and sum(r["huidig"] == "nee" for r in everything) == 1


def test_reports_list_refuses_an_unknown_filter(demo_path: Path) -> None:
    assert refused_all([["reports", "list", "--year", "2030-2031"], ["reports", "list", "--network", "West"],
                        ["reports", "list", "--theme", "Taal"], ["reports", "list", "--kind", "speciaal"]],
                       db=demo_path) == [
        "Schooljaar 2030-2031 bestaat niet.", "Netwerk 'West' bestaat niet.",
        "Thema 'Taal' bestaat niet; kies uit Innovatie, Gedrag, Hoogbegaafdheid.",
        "Soort school 'speciaal' bestaat niet; kies uit regulier, SBO, SO, voorschool, VO."]


def test_reports_save_writes_the_current_or_an_earlier_version(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "draaiboek.docx"
    result = ok("reports", "save", "--question", "2016-I02", "-o", str(out), db=demo_path)
    assert result.stdout == ""
    assert result.stderr == f"Verslag van 2016-I02 (huidige versie, Verslag 2016-I02.docx) opgeslagen als {out}.\n"
    assert "Groepsplan gedrag: het draaiboek" in _docx_text(out.read_bytes())
    assert "(concept)" not in _docx_text(out.read_bytes())

    result = ok("reports", "save", "--question", " 2016-I02 ", "--version", "1", "-o", str(tmp_path), db=demo_path)
    concept = tmp_path / "Verslag 2016-I02 concept.docx"
    assert result.stderr == (f"Verslag van 2016-I02 (versie 1, Verslag 2016-I02 concept.docx) opgeslagen als "
                             f"{concept}.\n")
    assert "het draaiboek (concept)" in _docx_text(concept.read_bytes())

    db = Database(to_url(demo_path))
    try:
        with db.read() as session:
            kept = report_library.versions(session, "2016-I02")
            assert concept.read_bytes() == report_library.report_content(session, kept[1].report_id)[1]
    finally:
        db.dispose()


def test_reports_save_refusals_and_wrong_use(demo_path: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    tmp_path.mkdir()
    out = str(tmp_path / "v.docx")
    assert refused_all([
        ["reports", "save", "--question", "2016-I09", "-o", out],
        ["reports", "save", "--question", "2016-I05", "-o", out],
        ["reports", "save", "--question", "2016-I02", "--version", "3", "-o", out],
        ["reports", "save", "--question", "2016-I02", "-o", str(tmp_path / "v.pdf")],
        ["reports", "save", "--question", "2016-I02", "-o", str(tmp_path / "geen map" / "v.docx")],
    ], db=demo_path) == [
        "Ondersteuningsvraag 2016-I09 bestaat niet.",
        "Ondersteuningsvraag 2016-I05 heeft nog geen verslag in de bibliotheek.",
        "Het verslag van 2016-I02 heeft geen versie 3; bewaard: versie 1, 2.",
        "Het verslag is een DOCX-bestand (Verslag 2016-I02.docx); geef een bestandsnaam op die eindigt op .docx, "
        "of een map.",
        f"De map {tmp_path / 'geen map'} bestaat niet; maak hem eerst aan of kies een andere map.",
    ]
    assert not list(tmp_path.iterdir())
    for args in (["reports", "save", "--question", "2016-I02", "--version", "nul", "-o", out],
                 ["reports", "save", "--question", "2016-I02"], ["reports", "list", "--onbekend"], ["reports"]):
        assert "Traceback" not in wrong_use(*args, db=demo_path)
    assert not list(tmp_path.iterdir())


def test_a_replaced_report_on_the_command_line(demo_path: Path, tmp_path: Path) -> None:
    """A report replaced in the app shows in `reports list --versions` with its new file first."""
    db = Database(to_url(demo_path))
    try:
        with db.write() as session:
            report_library.add_report(session, "2016-I03", report_library.Upload(
                "Rust in de klas.pdf", report_files.pdf("De zandloperaanpak in groep 4.")))
    finally:
        db.dispose()
    rows = [r for r in _rows(ok("reports", "list", "--versions", "--network", "Noord", "--theme", "Gedrag",
                                db=demo_path).stdout)]
    assert [(r["versie"], r["bestand"], r["bestandstype"], r["huidig"]) for r in rows] == [
        ("2", "Rust in de klas.pdf", "PDF", "ja"), ("1", "Verslag 2016-I03.docx", "DOCX", "nee")]
    out = tmp_path / "rust.pdf"
    ok("reports", "save", "--question", "2016-I03", "-o", str(out), db=demo_path)
    assert out.read_bytes()[:4] == b"%PDF"


def test_reports_on_a_missing_database_is_refused(tmp_path: Path) -> None:
    assert "bestaat niet" in refused("reports", "list", db=tmp_path / "weg.sqlite")
    assert not (tmp_path / "weg.sqlite").exists()


@pytest.mark.postgresql
def test_reports_list_on_a_postgresql_server_matches_the_file(pg_demo_url: str, demo_path: Path) -> None:
    """The same rows on a server (kinds from the migrated school table, the Dutch full-text search), apart from
    the moment each file was stored and the wording of the passage, which each engine makes its own way."""
    from tests.conftest import run_cli

    def listed(db: object, *args: str) -> list[dict[str, str]]:
        result = run_cli("reports", "list", *args, db=db)  # type: ignore[arg-type]
        assert result.returncode == 0, result.stderr
        return [{k: v for k, v in row.items() if k not in ("toegevoegd", "passage")} for row in _rows(result.stdout)]

    for args in ([], ["--kind", "SBO", "--versions"], ["--search", "draaiboek"], ["--network", "Noord"]):
        on_server = listed(pg_demo_url, *args)
        assert on_server == listed(demo_path, *args) and on_server, args
    result = run_cli("reports", "list", "--search", "draaiboeken", db=pg_demo_url)  # type: ignore[arg-type]
    assert [r["nummer"] for r in _rows(result.stdout)] == ["2016-I02"]  # the Dutch stem finds the plural
