"""The overview for one provider: its monthly commitments per board (budget, reserve, used), so
it can plan its staff. As PDF (A4 landscape) or XLSX, by the file's extension. No pupil
references and no descriptions: `ProviderReport` does not carry them.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from models.domain import dutch

from .files import check_suffix
from .pdfkit import frame_width, heads, para, table, title_block, used_lapsed_chart, write_pdf
from .xlsxkit import (
    ITALIC, TITLE, Column, data_sheet, date, figure_columns, figure_totals, hours, month, month_columns, new_workbook,
    print_setup, save, text, total_row,
)

if TYPE_CHECKING:  # plain data from the reports service; no database at run time
    from models.services.reports import ProviderMonth, ProviderReport

TITLE_TEXT = "Overzicht voor de dienstverlener"


def write_provider_report(report: ProviderReport, path: Path) -> Path:
    """PDF or XLSX by the extension of `path`; any other extension is refused."""
    suffix = check_suffix(Path(path), (".pdf", ".xlsx"))
    if suffix == ".pdf":
        return write_provider_pdf(report, path)
    return write_provider_xlsx(report, path)


# ---------------------------------------------------------------- PDF

def write_provider_pdf(report: ProviderReport, path: Path) -> Path:
    running = f"{report.provider} · expertise-uren {report.year} · {report.swv_name}"
    return write_pdf(Path(path), story(report), title=f"{TITLE_TEXT} {report.provider} {report.year}",
                     author=report.swv_name, subject=f"Maandelijkse inzet per schoolbestuur, {report.year}",
                     running=running, printed_on=report.printed_on, wide=True)


def story(report: ProviderReport) -> list[Flowable]:
    width = frame_width(wide=True)
    parts: list[Flowable] = [
        *title_block(f"{TITLE_TEXT} {report.provider}", report.swv_name, report.year, report.printed_on),
        Spacer(1, 2 * mm),
    ]
    if report.is_demo:
        parts.append(para("Demogegevens: de overeenkomsten en uren in dit overzicht zijn verzonnen.", "banner"))
    parts.append(para(contract_line(report), "body"))
    parts += [para("Per schoolbestuur", "h2"), board_table(report, width)]
    parts.append(Spacer(1, 1.5 * mm))
    parts.append(para("Uren die in een maand niet worden gebruikt, vervallen aan het eind van die maand. "
                      "Benutting = gebruikt ÷ (jaaruren + reserve toegekend).", "note"))
    matrices = [("Maandbudget per schoolbestuur (uren)", lambda c: c.budget)]
    if report.total.reserve:
        matrices.append(("Reserve toegekend per schoolbestuur (uren)", lambda c: c.reserve))
    matrices.append(("Gebruikt per schoolbestuur (uren)", lambda c: c.used))
    if report.total.left:
        matrices.append(("Over per schoolbestuur (uren, maanden die nog lopen)", lambda c: c.left))
    for title, value in matrices:
        parts.append(KeepTogether([para(title, "h2"), month_matrix(report, value, width)]))
    parts.append(KeepTogether([
        para("Gebruikt en vervallen per maand", "h2"),
        used_lapsed_chart([dutch.month_narrow(m.month) for m in report.month_totals],
                          [m.used for m in report.month_totals], [m.lapsed for m in report.month_totals],
                          [m.left for m in report.month_totals], width, height=58 * mm)]))
    parts += [CondPageBreak(40 * mm), para("Overeenkomsten", "h2"), agreement_table(report, width)]
    return parts


def contract_line(report: ProviderReport) -> str:
    granted = report.total.reserve
    return (f"Contracturen {dutch.whole(report.contract_hours)}, waarvan reserve {dutch.whole(report.reserve_hours)} "
            f"(toegekend {dutch.hours(granted)}, nog niet toegekend {dutch.hours(report.reserve_left)}); "
            f"beschikbaar voor de schoolbesturen {dutch.whole(report.available_hours)} uur.")


def board_table(report: ProviderReport, width: float) -> Flowable:
    labels = ["Schoolbestuur", "Verdeling", "Jaaruren", "Gemiddeld per maand", "Reserve toegekend", "Gebruikt",
              "Vervallen", "Over", "Benutting", "Overeen-\nkomsten", "Afgesproken uren"]
    rows: list[list] = [heads(labels, numeric_from=1)]
    for line in report.boards:
        f = line.figures
        rows.append([para(line.board, "cell"), dutch.key(line.key), dutch.whole(f.yearly_hours),
                     dutch.whole(f.per_month), dutch.hours(f.reserve), dutch.hours(f.used), dutch.hours(f.lapsed),
                     dutch.hours(f.left), dutch.percent(f.utilisation), dutch.whole(f.agreements),
                     dutch.hours(f.agreed)])
    f = report.total
    rows.append([para("Totaal", "cell_bold"), "100 %", dutch.whole(f.yearly_hours), dutch.whole(f.per_month),
                 dutch.hours(f.reserve), dutch.hours(f.used), dutch.hours(f.lapsed), dutch.hours(f.left),
                 dutch.percent(f.utilisation), dutch.whole(f.agreements), dutch.hours(f.agreed)])
    first = 46 * mm
    return table(rows, [first] + [(width - first) / (len(labels) - 1)] * (len(labels) - 1), numeric_from=1,
                 total_rows=[len(rows) - 1])


def month_matrix(report: ProviderReport, value: Callable[[ProviderMonth], int], width: float) -> Flowable:
    """Boards down, months across, a total column and a total row."""
    by_board: dict[str, dict] = {}
    for cell in report.cells:
        by_board.setdefault(cell.board, {})[cell.month] = value(cell)
    rows: list[list] = [heads(["Schoolbestuur", *(dutch.month_narrow(m) for m in report.months), "Totaal"],
                              numeric_from=1)]
    for line in report.boards:
        values = [by_board.get(line.board, {}).get(m, 0) for m in report.months]
        rows.append([para(line.board, "cell"), *(dutch.hours(v) for v in values), dutch.hours(sum(values))])
    column_totals = [sum(by_board.get(b.board, {}).get(m, 0) for b in report.boards) for m in report.months]
    rows.append([para("Totaal", "cell_bold"), *(dutch.hours(v) for v in column_totals),
                 dutch.hours(sum(column_totals))])
    first = 40 * mm
    rest = (width - first) / (len(report.months) + 1)
    return table(rows, [first] + [rest] * (len(report.months) + 1), numeric_from=1, total_rows=[len(rows) - 1])


def agreement_table(report: ProviderReport, width: float) -> Flowable:
    labels = ["Nummer", "Schoolbestuur", "School", "Soort", "Looptijd", "Status", "Bevestigd",
              "Afgesproken uren", "Gebruikt"]
    rows: list[list] = [heads(labels, numeric_from=7)]
    for a in report.agreements:
        rows.append([a.number, para(a.board, "cell"), para(a.school, "cell"), para(a.kind, "cell"),
                     para(dutch.months_span(a.first_month, a.last_month), "cell"), a.status,
                     dutch.date(a.confirmed_on), dutch.hours(a.minutes), dutch.hours(a.booked)])
    if not report.agreements:
        rows.append([para("Nog geen overeenkomsten.", "cell"), "", "", "", "", "", "", "", ""])
    else:
        rows.append([para("Totaal", "cell_bold"), para(agreements_count(len(report.agreements)), "cell_bold"),
                     "", "", "", "", "", dutch.hours(sum(a.minutes for a in report.agreements)),
                     dutch.hours(sum(a.booked for a in report.agreements))])
    widths = [18, 32, 42, 38, 0, 22, 18, 22, 18]
    fixed = sum(widths)
    t = table(rows, [(w or (width / mm - fixed)) * mm for w in widths], numeric_from=7,
              total_rows=[len(rows) - 1] if report.agreements else [])
    if not report.agreements:
        t.setStyle([("SPAN", (0, 1), (-1, 1))])
    return t


def agreements_count(count: int) -> str:
    return f"{count} overeenkomst{'' if count == 1 else 'en'}"


# ---------------------------------------------------------------- XLSX

SHEETS = ("Samenvatting", "Per maand", "Planning", "Overeenkomsten")


def write_provider_xlsx(report: ProviderReport, path: Path) -> Path:
    subject = f"{report.provider} {report.year}"
    wb = new_workbook(title=f"{TITLE_TEXT} {subject}", author=report.swv_name,
                      subject=f"Maandelijkse inzet per schoolbestuur bij {report.provider}, {report.year}")
    ws = wb.active
    ws.title = SHEETS[0]
    _summary(ws, report)
    _per_month(wb.create_sheet(SHEETS[1]), report)
    _planning(wb.create_sheet(SHEETS[2]), report)
    _agreements(wb.create_sheet(SHEETS[3]), report)
    for sheet in wb.worksheets:
        print_setup(sheet, left=f"{subject} · {sheet.title}", right=report.swv_name)
    return save(wb, Path(path))


def _summary(ws, report: ProviderReport) -> None:  # type: ignore[no-untyped-def]
    text(ws["A1"], f"{TITLE_TEXT} {report.provider}, schooljaar {report.year}").font = TITLE
    line = f"{report.swv_name} · afgedrukt op {dutch.date(report.printed_on)}"
    text(ws["A2"], line + (" · demogegevens (verzonnen)" if report.is_demo else ""))
    text(ws["A3"], contract_line(report))
    columns = figure_columns(Column("Schoolbestuur", lambda c, p: text(c, p.board)))
    totals = figure_totals(sum(b.key for b in report.boards), report.total)
    data_sheet(ws, columns, list(report.boards), header_row=5, totals=totals)
    note = ws.cell(5 + len(report.boards) + 3, 1)
    text(note, "Benutting = gebruikt ÷ (jaaruren + reserve toegekend). Uren die in een maand niet worden "
               "gebruikt, vervallen aan het eind van die maand.").font = ITALIC


def _per_month(ws, report: ProviderReport) -> None:  # type: ignore[no-untyped-def]
    columns = month_columns(Column("Schoolbestuur", lambda c, m: text(c, m.board)))
    data_sheet(ws, columns, list(report.cells))


def _planning(ws, report: ProviderReport) -> None:  # type: ignore[no-untyped-def]
    """Boards down, months across: what each board may use per month (budget + reserve granted)."""
    limits: dict[str, dict] = {}
    for cell in report.cells:
        limits.setdefault(cell.board, {})[cell.month] = cell.budget + cell.reserve
    columns = [Column("Schoolbestuur", lambda c, b: text(c, b.board))]
    for m in report.months:
        columns.append(Column(m.label, lambda c, b, m=m: hours(c, limits.get(b.board, {}).get(m, 0)), width=13))
    columns.append(Column("Totaal", lambda c, b: hours(c, sum(limits.get(b.board, {}).values())), width=12))
    totals: list[Callable] = [lambda c, r: text(c, "Totaal")]
    for m in report.months:
        totals.append(lambda c, r, m=m: hours(c, sum(limits.get(b.board, {}).get(m, 0) for b in report.boards)))
    totals.append(lambda c, r: hours(c, sum(sum(v.values()) for v in limits.values())))
    data_sheet(ws, columns, list(report.boards), totals=totals)
    note = ws.cell(len(report.boards) + 4, 1)
    text(note, "Per maand: maandbudget plus toegekende reserve, in uren.").font = ITALIC


def _agreements(ws, report: ProviderReport) -> None:  # type: ignore[no-untyped-def]
    columns: Sequence[Column] = [
        Column("Nummer", lambda c, a: text(c, a.number)),
        Column("Schoolbestuur", lambda c, a: text(c, a.board)),
        Column("School", lambda c, a: text(c, a.school)),
        Column("Soort", lambda c, a: text(c, a.kind)),
        Column("Afgesproken uren", lambda c, a: hours(c, a.minutes)),
        Column("Gebruikt", lambda c, a: hours(c, a.booked)),
        Column("Eerste maand", lambda c, a: month(c, a.first_month), width=16),
        Column("Laatste maand", lambda c, a: month(c, a.last_month), width=16),
        Column("Status", lambda c, a: text(c, a.status)),
        Column("Bevestigd", lambda c, a: date(c, a.confirmed_on), width=11),
    ]
    agreements = list(report.agreements)
    totals = total_row(columns, {
        "Nummer": lambda c, r: text(c, "Totaal"),
        "Schoolbestuur": lambda c, r: text(c, agreements_count(len(agreements))),
        "Afgesproken uren": lambda c, r: hours(c, sum(a.minutes for a in agreements)),
        "Gebruikt": lambda c, r: hours(c, sum(a.booked for a in agreements)),
    }) if agreements else None
    data_sheet(ws, columns, agreements, totals=totals)
