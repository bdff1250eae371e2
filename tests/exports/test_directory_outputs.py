"""The expertise directory ("Gouden Gids"): the printed PDF and the XLSX, written from plain report
data and read back with pypdf and openpyxl."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from exports.directory_pdf import write_directory_pdf
from exports.directory_xlsx import SHEET, write_directory_xlsx
from models.services.innovation_report import DirectoryReport, ExpertEntry

from .readback import find_in_order, pdf_pages, pdf_text, xlsx_parts

PRINTED = dt.date(2020, 3, 16)
HOSTILE_NAME = '=HYPERLINK("http://evil.example","klik")'
HOSTILE_NOTE = "<b>vet</b> & <font size=40>groot</font>"


def _e(name: str, kind: str, areas: tuple[str, ...], *, org: bool = False, organisation: str = "",
       evidence: str = "certificaat", note: str = "", contact: str = "", email: str = "", phone: str = "",
       place: str = "", active: bool = True) -> ExpertEntry:
    return ExpertEntry(name, org, organisation, kind, areas, evidence, note, contact, email, phone, place, active)


ENTRIES = tuple(sorted((
    _e("Expertisecentrum Kompas", "SO", ("gedrag", "fysieke beperkingen", "communicatie"), org=True,
       evidence="erkenning", note="Cluster 3 en 4, erkend 2015", contact="A. de Wit",
       email="info@kompas.example", phone="040 123 45 67", place="Eindhoven"),
    _e("J. Visser", "regulier", ("gedrag",), organisation="Basisschool De Regenboog", evidence="diploma",
       note="Master Educational Needs, 2012", email="j.visser@regenboog.example", phone="06 12 34 56 78",
       place="Veldhoven"),
    _e("Peuterspeelzaal Hummel", "voorschool", ("jonge kind", "taal"), org=True, evidence="ervaring",
       contact="M. Jansen", email="hummel@example.org", phone="0401234567", place="Best"),
    _e("SBO De Linde", "SBO", ("gedrag", "taal", "rekenen"), org=True, evidence="ervaring",
       note="Sinds 1998 speciaal basisonderwijs", contact="P. Hendriks", email="linde@example.org",
       place="Eindhoven"),
    _e("Stedelijk College", "VO", ("overstap po-vo",), org=True, evidence="ervaring", contact="K. Bakker",
       email="zorg@stedelijk.example", phone="+31 40 765 43 21", place="Eindhoven"),
    _e("Talentlab", "regulier", ("hoogbegaafdheid",), org=True, evidence="certificaat",
       note="Specialist hoogbegaafdheid (Novilo), 2018", contact="S. Smits", email="info@talentlab.example",
       place="Waalre"),
    _e(HOSTILE_NAME, "SO", ("hoogbegaafdheid",), organisation="Fout & Co", evidence="anders",
       note=HOSTILE_NOTE, email="x@example.org", phone="=1+1", place="Nergens"),
    _e("R. Verhoeven", "SO", ("fysieke beperkingen",), organisation="Expertisecentrum Kompas",
       evidence="certificaat", note="Ambulant begeleider motoriek, 2016", phone="06-98765432",
       place="Eindhoven", active=False),
), key=lambda e: e.name.casefold()))
AREAS = tuple(sorted({a for e in ENTRIES for a in e.areas}))


@pytest.fixture(scope="module")
def report() -> DirectoryReport:
    return DirectoryReport("SWV SENtrum", PRINTED, ENTRIES, AREAS)


@pytest.fixture(scope="module")
def pdf(report, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = write_directory_pdf(report, tmp_path_factory.mktemp("pdf") / "gouden gids.pdf")
    return path, pdf_text(path)


@pytest.fixture(scope="module")
def workbook(report, tmp_path_factory: pytest.TempPathFactory):
    path = write_directory_xlsx(report, tmp_path_factory.mktemp("xlsx") / "deskundigen.xlsx")
    return path, openpyxl.load_workbook(path)


def test_pdf_heading_pages_and_properties(pdf) -> None:
    path, text = pdf
    pages = pdf_pages(path)
    assert text.startswith("Gouden Gids Wie weet wat: de expertise in het samenwerkingsverband SWV SENtrum · "
                           "afgedrukt op 16-3-2020 · 8 vermeldingen")
    for number in range(1, pages + 1):
        assert f"pagina {number} van {pages}" in text
    reader = PdfReader(str(path))
    assert reader.metadata.title == "Gouden Gids: expertise in SWV SENtrum"
    assert reader.metadata.author == "SWV SENtrum"
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)  # A4 portrait


def test_pdf_entries_in_name_order_with_every_field(pdf) -> None:
    _, text = pdf
    index = text.index("Register op expertisegebied")
    body = text[:index]
    find_in_order(body, [e.name for e in ENTRIES])
    find_in_order(body, ["Expertisecentrum Kompas", "organisatie · SO", "Expertise gedrag, fysieke beperkingen, "
                         "communicatie", "Aangetoond met erkenning: Cluster 3 en 4, erkend 2015",
                         "Contactpersoon A. de Wit", "E-mail info@kompas.example", "Telefoon 040 123 45 67",
                         "Plaats Eindhoven"])
    find_in_order(body, ["J. Visser", "persoon · regulier", "Expertise gedrag", "Aangetoond met diploma: Master "
                         "Educational Needs, 2012", "Organisatie Basisschool De Regenboog",
                         "E-mail j.visser@regenboog.example", "Telefoon 06 12 34 56 78", "Plaats Veldhoven"])
    assert "R. Verhoeven persoon · SO · niet meer actief" in body


def test_pdf_register_by_area(pdf) -> None:
    _, text = pdf
    register = text[text.index("Register op expertisegebied"):]
    find_in_order(register, ["communicatie Expertisecentrum Kompas",
                             "fysieke beperkingen Expertisecentrum Kompas, R. Verhoeven",
                             "gedrag Expertisecentrum Kompas, J. Visser, SBO De Linde",
                             f"hoogbegaafdheid {HOSTILE_NAME}, Talentlab",
                             "overstap po-vo Stedelijk College",
                             "taal Peuterspeelzaal Hummel, SBO De Linde"])


def test_pdf_prints_no_empty_or_unfitting_lines(pdf) -> None:
    """An organisation has no 'Organisatie' line of its own; a field left empty gets no label."""
    _, text = pdf
    body = text[:text.index("Register op expertisegebied")]
    linde = body[body.index("SBO De Linde"):body.index("Stedelijk College")]
    assert "Telefoon" not in linde and "Organisatie" not in linde
    kompas = body[body.index("Expertisecentrum Kompas"):body.index("J. Visser")]
    assert "Organisatie" not in kompas


def test_pdf_hostile_text_prints_as_written(pdf) -> None:
    _, text = pdf
    assert HOSTILE_NAME in text
    assert f"Aangetoond met anders: {HOSTILE_NOTE}" in text
    assert "Organisatie Fout & Co" in text


def test_pdf_empty_directory_says_so(tmp_path: Path) -> None:
    path = write_directory_pdf(DirectoryReport("SWV SENtrum", PRINTED, (), ()), tmp_path / "leeg.pdf")
    text = pdf_text(path)
    assert pdf_pages(path) == 1
    assert "Er staan nog geen deskundigen of organisaties in de expertisepool." in text
    assert "Register op expertisegebied" not in text
    assert "0 vermeldingen" in text and "pagina 1 van 1" in text


def test_xlsx_one_sheet_a_column_per_field(workbook) -> None:
    _, wb = workbook
    assert wb.sheetnames == [SHEET] == ["Deskundigen"]
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == ["Naam", "Persoon of organisatie", "Organisatie", "Soort",
                                        "Expertisegebieden", "Aangetoond met", "Toelichting", "Contactpersoon",
                                        "E-mail", "Telefoon", "Plaats", "Actief"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{1 + len(ENTRIES)}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws["A1"].font.b
    assert wb.properties.title == "Gouden Gids: expertise in SWV SENtrum"
    assert wb.properties.creator == "SWV SENtrum"
    for r, entry in enumerate(ENTRIES, start=2):
        row = [c.value or "" for c in ws[r]]
        assert row == [entry.name, "organisatie" if entry.is_organisation else "persoon", entry.organisation,
                       entry.kind, ", ".join(entry.areas), entry.evidence, entry.evidence_note,
                       entry.contact_person, entry.email, entry.phone, entry.place,
                       "ja" if entry.active else "nee"]


def test_xlsx_phone_numbers_and_hostile_text_stay_text(workbook) -> None:
    path, wb = workbook
    ws = wb[SHEET]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value}
    for value in ("0401234567", "+31 40 765 43 21", "=1+1", HOSTILE_NAME, HOSTILE_NOTE):
        assert cells[value].data_type == "s"
    for value in ("+31 40 765 43 21", "=1+1", HOSTILE_NAME):
        assert cells[value].quotePrefix
    assert "<f>" not in xlsx_parts(path)


def test_xlsx_empty_directory(tmp_path: Path) -> None:
    path = write_directory_xlsx(DirectoryReport("SWV SENtrum", PRINTED, (), ()), tmp_path / "leeg.xlsx")
    ws = openpyxl.load_workbook(path)[SHEET]
    assert ws.max_row <= 2 and ws["A1"].value == "Naam"


def test_pdf_an_entry_longer_than_a_page_breaks_over_pages(tmp_path: Path) -> None:
    long = _e("Iemand", "SO", tuple(f"gebied {i}" for i in range(60)), note="Een lang verhaal. " * 300,
              place="Ergens")
    path = write_directory_pdf(DirectoryReport("SWV SENtrum", PRINTED, ENTRIES + (long,), AREAS),
                               tmp_path / "lang.pdf")
    text = pdf_text(path)
    pages = pdf_pages(path)
    assert pages >= 3 and f"pagina {pages} van {pages}" in text
    find_in_order(text, ["Iemand", "gebied 59", "Een lang verhaal.", "Plaats Ergens", "Register op expertisegebied"])
