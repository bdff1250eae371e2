"""The ALV overview (PDF, A4): the use of the expertise hours per board and provider, for the
general members' meeting. Every board sees this paper, so it holds no pupil references and no
agreement descriptions: `AlvReport` does not even carry them.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from models.domain import dutch
from models.domain.months import Month, status_word
from models.domain.rounding import percent_of

from . import safe_text
from .pdfkit import STYLES, frame_width, heads, para, table, title_block, used_lapsed_chart, write_pdf
from .pdftable import ReusedParagraph, pages

if TYPE_CHECKING:  # plain data from the reports service; no database at run time
    from models.services.reports import AlvReport, Figures, MonthLine, YearFigures

TITLE = "ALV-overzicht expertise-uren"

EXPLANATION = (
    "Per schoolbestuur en dienstverlener: de jaaruren volgens de verdeling, het gemiddelde per maand, wat "
    "daarvan is gebruikt, de toegekende reserve en wat is vervallen. Uren die in een maand niet worden "
    "gebruikt, vervallen aan het eind van die maand; ze gaan niet mee naar een latere maand. "
    "Benutting = gebruikt ÷ (jaaruren + reserve toegekend).")


def write_alv_pdf(report: AlvReport, path: Path) -> Path:
    """Write the ALV overview to `path` (atomically); returns the path."""
    running = f"{TITLE} {report.year} · {report.swv_name}"
    return write_pdf(Path(path), story(report), title=f"{TITLE} {report.year}", author=report.swv_name,
                     subject=f"Gebruik van de expertise-uren in schooljaar {report.year}", running=running,
                     printed_on=report.printed_on)


def story(report: AlvReport) -> list[Flowable]:
    width = frame_width()
    parts: list[Flowable] = [
        *title_block(TITLE, report.swv_name, report.year, report.printed_on, status_word(report.final)),
        Spacer(1, 3 * mm),
    ]
    if report.is_demo:
        parts.append(para("Demogegevens: de overeenkomsten en uren in dit overzicht zijn verzonnen.", "banner"))
    parts += [para(EXPLANATION, "note"), Spacer(1, 1.5 * mm), para(status_line(report), "note")]
    parts += [para("Per schoolbestuur en dienstverlener", "h2"), board_table(report, width)]
    parts += [CondPageBreak(55 * mm), para("Per dienstverlener", "h2"), provider_table(report, width)]
    gaps = gap_lines(report)
    if gaps:
        parts.append(Spacer(1, 2 * mm))
    parts += [para(line, "note") for line in gaps]
    parts += [CondPageBreak(120 * mm), para("Gebruik per maand, hele samenwerkingsverband", "h2"),
              month_table(report.month_totals, width), Spacer(1, 4 * mm),
              month_chart(report.month_totals, width)]
    for provider in report.providers:
        parts.append(KeepTogether([
            para(f"Gebruik per maand bij {provider.provider}", "h2"),
            month_chart(provider.months, width),
        ]))
    if report.history:
        parts += [CondPageBreak(90 * mm), *history_section(report.history, width)]
    return parts


HISTORY_NOTE = ("De cijfers van de laatste schooljaren naast elkaar, zodat te zien is of de verdeling nog past. "
                "Een jaar is voorlopig zolang niet elke maand is afgesloten, daarna definitief.")


def history_section(years: Sequence[YearFigures], width: float) -> list[Flowable]:
    """'Verloop over de jaren': the use per board and year at a glance, then each year's figures."""
    labels = [f"{y.year}\n{status_word(y.final)}" for y in years]
    rows: list[list] = [heads(["Benutting", *labels], numeric_from=1)]
    boards = list(dict.fromkeys(section.board for y in years for section in y.boards))
    for board in boards:
        cells = []
        for y in years:
            own = next((section.total for section in y.boards if section.board == board), None)
            cells.append("" if own is None else dutch.percent(own.utilisation))
        rows.append([para(board, "cell"), *cells])
    rows.append([para("Samenwerkingsverband", "cell_bold"), *(dutch.percent(y.total.utilisation) for y in years)])
    first = 50
    rest = (width / mm - first) / len(years)
    glance = table(rows, [first * mm] + [rest * mm] * len(years), numeric_from=1, total_rows=[len(rows) - 1],
                   measured=True)
    detail: list[list] = [heads(["Schoolbestuur", "Schooljaar", "Status", "Jaaruren", "Reserve toegekend",
                                 "Gebruikt", "Vervallen", "Benutting"], numeric_from=3)]
    totals, starts = [], []
    for board in [*boards, None]:  # None: the whole SWV
        starts.append(len(detail))
        name = para(board, "cell") if board else para("Totaal", "cell_bold")
        for y in years:
            f = y.total if board is None else next((s.total for s in y.boards if s.board == board), None)
            if f is not None:
                if board is None:
                    totals.append(len(detail))
                detail.append([name if len(detail) == starts[-1] else "", y.year, status_word(y.final),
                               *_history_cells(f)])
    figures = pages(table(detail, _widths(width, [0, 22, 20, 18, 20, 18, 18, 18]), numeric_from=3, total_rows=totals,
                          group_starts=starts, zebra=False, measured=True))
    return [para("Verloop over de jaren", "h2"), para(HISTORY_NOTE, "note"), Spacer(1, 1.5 * mm), glance,
            Spacer(1, 4 * mm), CondPageBreak(60 * mm), figures]


def _history_cells(f: Figures) -> list[str]:
    return [dutch.whole(f.yearly_hours), dutch.hours(f.reserve), dutch.hours(f.used), dutch.hours(f.lapsed),
            dutch.percent(f.utilisation)]


def gap_lines(report: AlvReport) -> list[str]:
    """The rounding gap per provider (DOMAIN.md point 3), in Dutch numbers."""
    lines = []
    for p in report.providers:
        gap = p.figures.yearly_hours - p.available_hours
        if gap:
            more_less = "meer" if gap > 0 else "minder"
            lines.append(f"Let op: bij {p.provider} tellen de jaaruren op tot {dutch.whole(p.figures.yearly_hours)}, "
                         f"{dutch.whole(abs(gap))} uur {more_less} dan de {dutch.whole(p.available_hours)} "
                         "beschikbare uren, door het afronden per cel.")
    return lines


def status_line(report: AlvReport) -> str:
    closed = _ranges(report.closed_months)
    text = f"Stand op {dutch.date(report.printed_on)}."
    if closed:
        text += f" Afgesloten maanden: {closed}."
    else:
        text += " Nog geen maand afgesloten."
    return text


def _ranges(months: Sequence[Month]) -> str:
    """'september 2016 t/m mei 2017, juli 2017'."""
    spans: list[list[Month]] = []
    for month in sorted(months):
        if spans and spans[-1][-1].plus(1) == month:
            spans[-1].append(month)
        else:
            spans.append([month])
    return ", ".join(dutch.months_span(s[0], s[-1]) for s in spans)


FIGURE_HEADS = ["Jaaruren", "Gemiddeld per maand", "Gebruikt", "Reserve toegekend", "Vervallen", "Benutting",
                "Overeen-\nkomsten"]


def figure_cells(f: Figures) -> list[str]:
    return [dutch.whole(f.yearly_hours), dutch.whole(f.per_month), dutch.hours(f.used), dutch.hours(f.reserve),
            dutch.hours(f.lapsed), dutch.percent(f.utilisation), dutch.whole(f.agreements)]


class _Across(ReusedParagraph):
    """A totals label that runs on over the empty cell to its right: laid out and drawn exactly as a
    SPAN over both columns would be (left-aligned from the first column's padding, wrapped at the
    width of both), without reportlab's span bookkeeping, which it redoes for every remaining cell
    of the table at every page break."""

    def __init__(self, text: str, style: str, extra: float) -> None:
        super().__init__(safe_text.markup(text), STYLES[style])
        self.extra = extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's
        _, height = super().wrap(availWidth + self.extra, availHeight)
        return availWidth, height


def board_table(report: AlvReport, width: float) -> Flowable:
    rows: list[list] = [heads(["Schoolbestuur", "Dienst-\nverlener", *FIGURE_HEADS], numeric_from=2)]
    provider = _names_column([p.provider for p in report.providers], [b.board for b in report.boards])
    widths = _widths(width, [NAME_COLUMNS_MM - provider, provider, 15, 18, 16, 17, 16, 16, 0])
    across = widths[1]  # a totals label may use the (empty) provider column too
    made: dict[tuple[str, str], ReusedParagraph] = {}

    def cell(text: str, style: str) -> ReusedParagraph:
        """One paragraph per text: every board lists the same providers, and a paragraph only holds its
        lines (the table places and draws it in each cell), so 25 are parsed and wrapped, not 1,500."""
        key = (text, style)
        if key not in made:
            made[key] = ReusedParagraph(safe_text.markup(text), STYLES[style])
        return made[key]

    totals, starts = [], []
    for section in report.boards:
        starts.append(len(rows))
        for i, line in enumerate(section.lines):
            rows.append([cell(section.board, "cell") if i == 0 else "", cell(line.provider, "cell"),
                         *figure_cells(line.figures)])
        totals.append(len(rows))
        rows.append([_Across(f"Totaal {section.board}", "cell_bold", across), "", *figure_cells(section.total)])
    totals.append(len(rows))
    rows.append([_Across("Totaal samenwerkingsverband", "cell_bold", across), "", *figure_cells(report.total)])
    return pages(table(rows, widths, numeric_from=2, total_rows=totals, group_starts=starts, zebra=False,
                       measured=True))


NAME_COLUMNS_MM = 52  # the board's and the provider's column together
NAME_COLUMN_MM = (20, 32)  # either of them: at least, at most


def _names_column(providers: Sequence[str], boards: Sequence[str]) -> float:
    """The provider column's width (mm): its longest name on one line where that fits (a name such as
    'Expertisecentrum 01' broke within its word in 20 mm, and took two lines on each of 1,500 rows), leaving
    the board's column room for its longest word (a board's name, once per board, wraps between words)."""
    low, high = NAME_COLUMN_MM
    board_words = [word for name in boards for word in name.split()]
    board = min(max(low, _width_mm(board_words)), high)
    return min(max(low, _width_mm(providers)), NAME_COLUMNS_MM - board)


def _width_mm(texts: Sequence[str]) -> int:
    """Whole millimetres for the widest of `texts` in a table cell, its padding (pdfkit.table: 3 points a side)
    included."""
    style = STYLES["cell"]
    widest = max((stringWidth(text, style.fontName, style.fontSize) for text in texts), default=0.0)
    return math.ceil((widest + 2 * 3) / mm)


def provider_table(report: AlvReport, width: float) -> Flowable:
    rows: list[list] = [heads(["Dienstverlener", "Contract-\nuren", "Reserve", "Beschikbaar", "Jaaruren",
                               "Gebruikt", "Reserve toegekend", "Vervallen", "Benutting"], numeric_from=1)]
    for p in report.providers:
        f = p.figures
        rows.append([para(p.provider, "cell"), dutch.whole(p.contract_hours), dutch.whole(p.reserve_hours),
                     dutch.whole(p.available_hours), dutch.whole(f.yearly_hours), dutch.hours(f.used),
                     dutch.hours(f.reserve), dutch.hours(f.lapsed), dutch.percent(f.utilisation)])
    f = report.total
    rows.append([para("Totaal", "cell_bold"), dutch.whole(sum(p.contract_hours for p in report.providers)),
                 dutch.whole(sum(p.reserve_hours for p in report.providers)),
                 dutch.whole(sum(p.available_hours for p in report.providers)), dutch.whole(f.yearly_hours),
                 dutch.hours(f.used), dutch.hours(f.reserve), dutch.hours(f.lapsed), dutch.percent(f.utilisation)])
    widths = _widths(width, [0, 18, 17, 20, 17, 18, 18, 18, 17])
    return table(rows, widths, numeric_from=1, total_rows=[len(rows) - 1], measured=True)


def month_table(lines: Sequence[MonthLine], width: float) -> Flowable:
    show_open = any(m.left for m in lines)
    labels = ["Maand", "Maand-\nbudget", "Reserve toegekend", "Gebruikt", "Vervallen"] + \
        (["Over"] if show_open else []) + ["Benutting", "Afgesloten"]
    rows: list[list] = [heads(labels, numeric_from=1)]
    for m in lines:
        rows.append([m.month.label, dutch.hours(m.budget), dutch.hours(m.reserve), dutch.hours(m.used),
                     dutch.hours(m.lapsed)] + ([dutch.hours(m.left)] if show_open else []) +
                    [dutch.percent(percent_of(m.used, m.budget + m.reserve)), "ja" if m.closed else "nee"])
    budget, reserve, used = (sum(m.budget for m in lines), sum(m.reserve for m in lines),
                             sum(m.used for m in lines))
    rows.append(["Totaal", dutch.hours(budget), dutch.hours(reserve), dutch.hours(used),
                 dutch.hours(sum(m.lapsed for m in lines))] +
                ([dutch.hours(sum(m.left for m in lines))] if show_open else []) +
                [dutch.percent(percent_of(used, budget + reserve)), ""])
    first = 34
    rest = (width / mm - first) / (len(labels) - 1)
    return table(rows, [first * mm] + [rest * mm] * (len(labels) - 1), numeric_from=1,
                 total_rows=[len(rows) - 1])


def month_chart(lines: Sequence[MonthLine], width: float) -> Flowable:
    return used_lapsed_chart([dutch.month_narrow(m.month) for m in lines], [m.used for m in lines],
                             [m.lapsed for m in lines], [m.left for m in lines], width)


def _widths(width: float, millimetres: list[float]) -> list[float]:
    """Column widths in mm; one 0 takes what is left of the frame."""
    fixed = sum(millimetres)
    return [(m or (width / mm - fixed)) * mm for m in millimetres]
