"""A report (verslag) as a file: its type, its size and the privacy rule over its pages."""
from __future__ import annotations

import pytest

from models.domain.errors import InvalidInput
from models.domain.report_file import check_file, check_pages

MB = 1024 * 1024


@pytest.mark.parametrize(("name", "extension"), [
    ("verslag.pdf", ".pdf"), ("Verslag 2016.DOCX", ".docx"), ("v.Odt", ".odt"), ("  eind.verslag.pdf ", ".pdf"),
    ("x" * 251 + ".pdf", ".pdf"),  # 255 characters: the longest name
])
def test_a_pdf_docx_or_odt_file_is_taken(name: str, extension: str) -> None:
    assert check_file(name, 1) == extension
    assert check_file(name, 25 * MB) == extension


@pytest.mark.parametrize("name", ["verslag.txt", "verslag", "verslag.pdf.zip", "verslag.doc", "pdf", ".", "a.pdfx"])
def test_another_type_is_refused_naming_the_file(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_file(f" {name} ", 1000)
    assert (refused.value.message, refused.value.field) == (
        f"Bestand '{name}' is geen PDF-, DOCX- of ODT-bestand; lever het verslag aan als PDF, Word (.docx) of "
        "OpenDocument (.odt).", "file")


def test_a_name_over_255_characters_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_file("x" * 252 + ".pdf", 1000)
    assert (refused.value.message, refused.value.field) == (
        "De bestandsnaam is te lang (hoogstens 255 tekens); geef het bestand een kortere naam.", "file")


@pytest.mark.parametrize("size", [0, -1])
def test_an_empty_file_is_refused(size: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_file(" leeg.pdf", size)
    assert (refused.value.message, refused.value.field) == ("Bestand 'leeg.pdf' is leeg.", "file")


@pytest.mark.parametrize(("size", "shown"), [
    (25 * MB + 1, "25,0"), (26 * MB + 52428, "26,0"), (26 * MB + 52429, "26,1"), (30 * MB - 1, "30,0"),
    (99 * MB + MB * 96 // 100, "100,0"), (1024 * MB, "1024,0"),
])
def test_a_file_over_25_mb_is_refused_with_its_size_in_tenths(size: int, shown: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_file("groot.pdf", size)
    assert (refused.value.message, refused.value.field) == (
        f"Bestand 'groot.pdf' is {shown} MB; een verslag mag hoogstens 25 MB zijn. Sla het op zonder grote "
        "afbeeldingen of als kleinere PDF.", "file")


WHY_BSN = "Leg geen leerlinggegevens vast (AVG): haal het nummer weg en lever het verslag opnieuw aan."
WHY_DATE = ("Leg geen leerlinggegevens vast (AVG): noem alleen maand en jaar, bijvoorbeeld 'oktober 2016' en "
            "lever het verslag opnieuw aan.")


def test_clean_pages_pass() -> None:
    assert check_pages(["Inleiding over de aanpak.", "", "In oktober 2016 begonnen wij met 12 leerlingen."],
                       "v.pdf") is None


@pytest.mark.parametrize(("pages", "page", "what", "context", "why"), [
    (["De leerling met BSN 111222333 kreeg begeleiding."], 1, "iets dat op een BSN lijkt",
     "… De leerling met BSN […] kreeg begeleiding. …", WHY_BSN),
    (["Niets.", "een twee drie vier vijf zes zeven 123456782 acht negen tien elf twaalf dertien veertien"], 2,
     "iets dat op een BSN lijkt", "… twee drie vier vijf zes zeven […] acht negen tien elf twaalf dertien …", WHY_BSN),
    (["Eerst.", "Niets.", "Jan is\n geboren  op\t12 maart 2008\nin Naaldwijk."], 3,
     "een datum, mogelijk een geboortedatum", "… Jan is geboren op […] in Naaldwijk. …", WHY_DATE),
    (["12-03-2008"], 1, "een datum, mogelijk een geboortedatum", "… […] …", WHY_DATE),
    (["Geboren 12-03-2008, BSN 111222333 hier."], 1, "iets dat op een BSN lijkt",  # the number first, on one page
     "… Geboren 12-03-2008, BSN […] hier. …", WHY_BSN),
])
def test_a_page_with_a_bsn_or_a_date_is_refused_naming_the_page_and_the_words_around(
        pages: list[str], page: int, what: str, context: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_pages(pages, "verslag.pdf")
    assert (refused.value.message, refused.value.field) == (
        f"Verslag 'verslag.pdf' bevat op pagina {page} {what}: \"{context}\". {why} Er is niets opgeslagen.", "file")


def test_a_page_is_read_as_one_line() -> None:
    """Line breaks inside a page read as spaces: a number on the line after the word BSN is still after it."""
    with pytest.raises(InvalidInput) as refused:
        check_pages(["Het BSN van de leerling is\n123456789 (nog na te vragen)."], "v.pdf")
    assert "pagina 1 iets dat op een BSN lijkt: \"… Het BSN van de leerling is […] (nog na te vragen). …\"" in (
        refused.value.message)
