"""The printed expertise directory, the "Gouden Gids" (PDF, A4): who knows what in the
samenwerkingsverband, how that expertise is shown and how to reach them. Entries sorted by name
in two columns of cards, then a register by expertise area (area -> names).

Every user text goes through `para`/`safe_text.markup` (escaped).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from models.domain import dutch

from . import safe_text
from .pdfkit import RULE, frame_width, heads, para, rich, split_tall_rows, table, widths, write_pdf

if TYPE_CHECKING:  # plain data from the innovation report service; no database at run time
    from models.services.innovation_report import DirectoryReport, ExpertEntry

TITLE = "Gouden Gids"
SUBTITLE = "Wie weet wat: de expertise in het samenwerkingsverband"
EXPLANATION = (
    "De deskundigen en organisaties uit de expertisepool, op naam gesorteerd: hun expertisegebieden, hoe de "
    "expertise is aangetoond en hoe ze bereikbaar zijn. Achterin staat een register op expertisegebied.")
EMPTY = "Er staan nog geen deskundigen of organisaties in de expertisepool."
GAP = 6 * mm  # between the two columns of cards


def write_directory_pdf(report: DirectoryReport, path: Path) -> Path:
    """Write the directory to `path` (atomically); returns the path."""
    running = f"{TITLE} · {report.swv_name}"
    return write_pdf(Path(path), story(report), title=f"{TITLE}: expertise in {report.swv_name}",
                     author=report.swv_name, subject="Deskundigen en organisaties met hun expertise",
                     running=running, printed_on=report.printed_on)


def story(report: DirectoryReport) -> list[Flowable]:
    width = frame_width()
    n = len(report.entries)
    parts: list[Flowable] = [
        para(TITLE, "title"),
        para(SUBTITLE, "subtitle"),
        rich(f"{safe_text.markup(report.swv_name)} · afgedrukt op {dutch.date(report.printed_on)} · "
             f"<b>{dutch.whole(n)}</b> {'vermelding' if n == 1 else 'vermeldingen'}", "subtitle"),
        Spacer(1, 3 * mm),
    ]
    if not report.entries:
        parts.append(para(EMPTY, "body"))
        return parts
    parts += [para(EXPLANATION, "note"), Spacer(1, 2 * mm), cards(report.entries, width)]
    # kept on one page when it fits (no lonely last rows); a register longer than a page just splits
    parts.append(KeepTogether([
        para("Register op expertisegebied", "h2"),
        para("Per expertisegebied de namen, zoals ze hierboven op alfabet staan.", "note"), Spacer(1, 1 * mm),
        area_index(report, width)]))
    return parts


def card(entry: ExpertEntry, width: float) -> list[Flowable]:
    """One entry: the name, what it is, then label and value lines."""
    what = "organisatie" if entry.is_organisation else "persoon"
    if entry.kind:
        what += f" · {entry.kind}"
    if not entry.active:
        what += " · niet meer actief"
    evidence = entry.evidence
    if entry.evidence_note:
        evidence = f"{evidence}: {entry.evidence_note}" if evidence else entry.evidence_note
    lines = [
        ("Expertise", ", ".join(entry.areas)),
        ("Aangetoond met", evidence),
        ("Organisatie", "" if entry.is_organisation else entry.organisation),
        ("Contactpersoon", entry.contact_person),
        ("E-mail", entry.email),
        ("Telefoon", entry.phone),
        ("Plaats", entry.place),
    ]
    rows = [[para(label, "label"), para(value, "cell")] for label, value in lines if value.strip()]
    out: list[Flowable] = [para(entry.name, "h3"), para(what, "label")]
    if rows:
        details = split_tall_rows(Table(rows, colWidths=[25 * mm, width - 25 * mm], hAlign="LEFT"), 150)
        details.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        out += [Spacer(1, 1.2 * mm), details]
    return out


def cards(entries: Sequence[ExpertEntry], width: float) -> Flowable:
    """The entries in two columns, read left to right, then down; a row never splits over pages."""
    column = (width - GAP) / 2
    inner = column - 2  # the cell's own padding
    rows = []
    for i in range(0, len(entries), 2):
        pair = entries[i:i + 2]
        rows.append([card(e, inner) for e in pair] + ([""] if len(pair) == 1 else []))
    t = Table(rows, colWidths=[column, column], hAlign="LEFT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), GAP),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        *[("LINEABOVE", (c, r), (c, r), 0.6, RULE) for r in range(len(rows)) for c in range(2)
          if 2 * r + c < len(entries)],
    ]))
    return split_tall_rows(t)  # only a very long card breaks over pages


def area_index(report: DirectoryReport, width: float) -> Flowable:
    rows: list[list] = [heads(["Expertisegebied", "Namen"], numeric_from=2)]
    for area in report.areas:
        names = [e.name for e in report.entries if area in e.areas]
        rows.append([para(area, "cell_bold"), para(", ".join(names) or "–", "cell")])
    return table(rows, widths(width, [45, 0]), numeric_from=2, split_in_row=True)
