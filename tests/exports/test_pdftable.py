"""`PlainTable`, `ReusedParagraph` and `PagedRows` skip work, never change the page: the file they make is byte for
byte the one reportlab's own Table and Paragraph make (in reportlab's invariant mode, no dates or IDs)."""
from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from exports.pdfkit import STYLES, heads, mark_cells, para, table
from exports.pdftable import PagedRows, PlainTable, ReusedParagraph, pages

from .readback import pdf_pages, pdf_text

STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
    ("ALIGN", (2, 0), (2, -1), "RIGHT"),
    ("ALIGN", (3, 0), (3, -1), "CENTRE"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("VALIGN", (2, 5), (-1, 9), "TOP"),
    ("VALIGN", (2, 10), (-1, 14), "BOTTOM"),
    ("FONT", (0, 20), (-1, 20), "Helvetica-Bold", 8.5),
    ("TEXTCOLOR", (0, 21), (-1, 21), (0.4, 0.4, 0.4)),
    ("FONT", (1, 23), (1, 23), "Helvetica-Bold", 8.5),  # one cell of a row differs from its neighbours
    ("FONT", (2, 24), (2, 24), "Helvetica", 10),
    ("BACKGROUND", (0, 22), (-1, 22), (0.9, 0.9, 0.9)),
    ("LINEBELOW", (0, 0), (-1, 0), 0.9, (0, 0, 0)),
])
TEXTS = ["1.234,5", "", "0 %", "(haakjes) en \\ schuin", "€ 28.000 – ‘café’", "twee\nregels", "Ωmega ✓"]


@pytest.fixture(autouse=True)
def _invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation date or random ID: files comparable


def _pdf(table_class: type[Table], shared: bool) -> bytes:
    """A table of 120 rows (over pages, its header repeated) with every kind of cell the writers use;
    `shared`: the four names are four ReusedParagraphs placed in many rows, else a Paragraph per row."""
    names = [ReusedParagraph(f"Dienstverlener {i} met een naam over twee regels", STYLES["cell"]) for i in range(4)]

    def name(r: int) -> Paragraph:
        return names[r % 4] if shared else Paragraph(f"Dienstverlener {r % 4} met een naam over twee regels",
                                                    STYLES["cell"])

    rows: list[list[Any]] = [[Paragraph("Naam", STYLES["head"]), "Soort", Paragraph("Uren", STYLES["head_num"]),
                              "Midden"]]
    for r in range(1, 121):
        rows.append([name(r), TEXTS[r % len(TEXTS)], TEXTS[(r + 3) % len(TEXTS)], r if r % 5 else None])
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([table_class(rows, colWidths=[110, 70, 90, 60], repeatRows=1,
                                                           style=STYLE)])
    return out.getvalue()


def test_plain_table_writes_what_reportlabs_table_writes() -> None:
    ours = _pdf(PlainTable, shared=True)
    assert ours == _pdf(Table, shared=False)
    assert pdf_pages(ours) >= 3
    text = pdf_text(ours)
    assert "(haakjes) en \\ schuin" in text and "€ 28.000 – ‘café’" in text


TIMES = ParagraphStyle("times", fontName="Times-Roman", fontSize=9, leading=11)


def _two_widths(name: Paragraph) -> list[bytes]:
    """`name` in a narrow, a wide and again a narrow column, in two documents; the first names another
    font before Times, so the two documents call Times by different names ("/F3", "/F2")."""
    files = []
    for first in ("Courier", "Times-Roman"):
        rows = [[Paragraph("kop", ParagraphStyle("kop", fontName=first))], [name], [name]]
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4).build([PlainTable(rows, colWidths=[w]) for w in (60, 300, 60)])
        files.append(out.getvalue())
    return files


def test_a_reused_paragraph_is_drawn_for_the_width_and_document_at_hand() -> None:
    text = "Expertisecentrum met een lange naam"
    assert _two_widths(ReusedParagraph(text, TIMES)) == _two_widths(Paragraph(text, TIMES))


def _long_table() -> Table:
    """300 rows in groups of 1 to 6 with a totals row each, zebra, a marked cell: the ALV's kind of table."""
    rows: list[list[Any]] = [heads(["Bestuur", "Dienst-\nverlener", "Uren", "Gebruikt"], numeric_from=2)]
    totals, starts = [], []
    for group in range(60):
        starts.append(len(rows))
        for i in range(group % 6 + 1):
            rows.append([para(f"Bestuur {group}", "cell") if i == 0 else "", f"Dienstverlener {i}",
                         f"{group * 7 + i},5", f"{i * 3} %"])
        totals.append(len(rows))
        rows.append([para(f"Totaal bestuur {group} met een langere naam", "cell_bold"), "", str(group), ""])
    t = table(rows, [150, 120, 80, 80], numeric_from=2, total_rows=totals, group_starts=starts, measured=True)
    mark_cells(t, [(3, 40), (2, 200)])
    return t


def _document(flowable: Flowable) -> bytes:
    """The table after some text, so that it starts part way down a page, with more text after it."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([para("Vooraf " * 300), flowable, para("Daarna " * 200)])
    return out.getvalue()


def test_a_long_table_paged_a_page_at_a_time_is_reportlabs_own() -> None:
    paged = pages(_long_table())
    assert isinstance(paged, PagedRows)
    ours = _document(paged)
    assert ours == _document(_long_table())
    assert pdf_pages(ours) >= 8
    assert "Totaal bestuur 59 met een langere naam" in pdf_text(ours)


def test_a_table_paging_would_change_is_left_to_reportlab() -> None:
    t = _long_table()
    t.setStyle(TableStyle([("LINEBELOW", (0, 30), (-1, 30), 1, (0, 0, 0))]))  # carried over a page break
    assert pages(t) is t
    t = _long_table()
    t.setStyle(TableStyle([("BACKGROUND", (0, 5), (-1, 9), (0.9, 0.9, 0.9))]))  # more than one row
    assert pages(t) is t


def test_each_rest_of_a_paged_table_is_exactly_as_high_as_reportlabs() -> None:
    """The frame places a table by its height: the rest's must be reportlab's to the last bit."""
    ours, theirs = pages(_long_table()), _long_table()
    rests = 0
    while True:
        assert ours.wrap(430, 600) == theirs.wrap(430, 600)
        ours_split, theirs_split = ours.split(430, 600), theirs.split(430, 600)
        assert len(ours_split) == len(theirs_split)
        if len(theirs_split) < 2:
            break
        ours, theirs = ours_split[1], theirs_split[1]
        rests += 1
    assert rests >= 5


def test_table_styles_its_cells_as_its_font_and_padding_commands_would() -> None:
    """`table` gives its cells the font, alignment and padding as classes, not as commands per cell."""
    rows: list[list[Any]] = [heads(["Maand", "Uren", "Benutting"], numeric_from=1)]
    rows += [[f"maand {i}", f"{i * 7},5", f"{i} %"] for i in range(80)]
    reference = Table(rows, colWidths=[200, 80, 80], repeatRows=1, hAlign="LEFT", style=[
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("LINEBELOW", (0, 0), (-1, 0), 0.9, (0, 0, 0)),
        ("LINEBELOW", (0, 80), (-1, 80), 0.9, (0, 0, 0))])
    ours = table(rows, [200, 80, 80], numeric_from=1, zebra=False)
    assert _document(ours) == _document(reference)


def test_a_reused_paragraph_splits_as_reportlabs_own() -> None:
    """reportlab splits a paragraph over pages by making its pieces as the paragraph's own class."""
    from reportlab.platypus import Paragraph

    from exports.pdfkit import STYLES
    from exports.pdftable import ReusedParagraph

    text = "een twee drie vier vijf zes zeven acht negen tien elf twaalf"
    ours, theirs = ReusedParagraph(text, STYLES["cell"]), Paragraph(text, STYLES["cell"])
    assert ours.wrap(30, 1000) == theirs.wrap(30, 1000)
    pieces, expected = ours.split(30, 25), theirs.split(30, 25)
    assert len(pieces) == len(expected) == 2
    assert [p.wrap(30, 1000) for p in pieces] == [p.wrap(30, 1000) for p in expected]
