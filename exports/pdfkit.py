"""What the PDF reports share: A4 pages with a running header and "pagina X van Y", styles,
tables with right-aligned Dutch numbers, and a used-versus-lapsed chart that prints in black
and white. User text always goes through `para` (escaped), never straight into markup.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Callable, Sequence

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from models.domain import dutch
from models.domain.months import format_date

from . import safe_text
from .files import write_bytes_atomic
from .pdftable import PlainTable, ReusedParagraph

# Compressed page streams go into the file as binary, not ASCII85 text: a quarter smaller, and reportlab's
# pure-Python ASCII85 encoder was a tenth of the time of a large report.
rl_config.useA85 = 0

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
INK = colors.black
RULE = colors.Color(0.55, 0.55, 0.55)
ZEBRA = colors.Color(0.94, 0.94, 0.94)
TOTAL_FILL = colors.Color(0.86, 0.86, 0.86)
MARGIN = 18 * mm
FRAME_PADDING = 6  # reportlab's Frame keeps 6 pt inside each side

STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, spaceAfter=2),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=10.5, leading=14, spaceAfter=1),
    "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=8, leading=10.5, textColor=colors.Color(0.2, 0.2, 0.2)),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5),
    "cell_bold": ParagraphStyle("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
    "head": ParagraphStyle("head", fontName=BOLD, fontSize=8, leading=9.5, alignment=TA_LEFT),
    "head_num": ParagraphStyle("head_num", fontName=BOLD, fontSize=8, leading=9.5, alignment=TA_RIGHT),
    "banner": ParagraphStyle("banner", fontName=BOLD, fontSize=9.5, leading=12, borderPadding=4,
                             borderWidth=0.8, borderColor=INK, spaceBefore=6, spaceAfter=8),
    "h3": ParagraphStyle("h3", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=0, spaceAfter=1),
    "label": ParagraphStyle("label", fontName=FONT, fontSize=8, leading=10.5,
                            textColor=colors.Color(0.3, 0.3, 0.3)),
    "cell_right": ParagraphStyle("cell_right", fontName=FONT, fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
}


def para(text: object, style: str = "body") -> Paragraph:
    """User text as a paragraph: escaped, so '<font>' or '&' print as written."""
    return Paragraph(safe_text.markup(text), STYLES[style])


def rich(markup: str, style: str = "body") -> Paragraph:
    """Our own markup (bold words); every user value in it must come through `safe_text.markup`."""
    return Paragraph(markup, STYLES[style])


def title_block(title: str, swv_name: str, year: str, printed_on: dt.date, status: str = "") -> list[Paragraph]:
    """The opening lines of a year's report: its title, the SWV and 'Schooljaar … · afgedrukt op …', followed
    by ' · voorlopig' or ' · definitief' when a status is given."""
    shown = f" · <b>{safe_text.markup(status)}</b>" if status else ""
    return [para(title, "title"), para(swv_name, "subtitle"),
            rich(f"Schooljaar <b>{safe_text.markup(year)}</b> · afgedrukt op {dutch.date(printed_on)}{shown}",
                 "subtitle")]


def heads(labels: Sequence[str], numeric_from: int) -> list[Paragraph]:
    """A header row: columns from `numeric_from` on are right-aligned like their numbers; a newline
    in a label is a line break (for long words in narrow columns)."""
    return [ReusedParagraph(safe_text.markup(label).replace("\n", "<br/>"),
                            STYLES["head_num" if i >= numeric_from else "head"]) for i, label in enumerate(labels)]


class _TextCell(CellStyle):
    """A cell as the first commands of `table` would style it (FONT, VALIGN and the paddings), set once
    on the class instead of on each of a long table's 13,000 cells."""

    fontname, fontsize, leading = FONT, 8.5, 8.5 * 1.2
    valign = "MIDDLE"
    topPadding = bottomPadding = 2.2
    leftPadding = rightPadding = 3


class _NumberCell(_TextCell):
    alignment = "RIGHT"


def table(rows: list[list[Any]], widths: Sequence[float], *, numeric_from: int, total_rows: Sequence[int] = (),
          group_starts: Sequence[int] = (), zebra: bool = True, repeat: int = 1, split_in_row: bool = False,
          measured: bool = False) -> Table:
    """A report table: header row(s) first, numbers right-aligned, totals bold on grey. With
    `split_in_row` a very tall row (long user text) may break over pages (see `split_tall_rows`).
    `measured`: the row heights are worked out here once (see `_row_heights`), for a long table that
    gets no spans or font changes after this."""
    heights = _row_heights(rows, widths) if measured else None
    # split_tall_rows measures the rows before the cells get the table's font and padding (as it always has)
    cells = None if split_in_row else [[(_NumberCell if c >= numeric_from else _TextCell)(repr((r, c)))
                                        for c in range(len(widths))] for r in range(len(rows))]
    t = PlainTable(rows, colWidths=list(widths), rowHeights=heights, repeatRows=repeat, hAlign="LEFT",
                   cellStyles=cells)
    if split_in_row:
        split_tall_rows(t)
    last = len(rows) - 1
    style: list[tuple] = [] if cells else [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [
        ("LINEBELOW", (0, repeat - 1), (-1, repeat - 1), 0.9, INK),
        ("LINEBELOW", (0, last), (-1, last), 0.9, INK),
    ]
    if zebra:
        for r in range(repeat, len(rows)):
            if (r - repeat) % 2 == 1 and r not in total_rows:
                style.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    for r in group_starts:
        if r > repeat:
            style.append(("LINEABOVE", (0, r), (-1, r), 0.5, RULE))
    for r in total_rows:
        style += [("FONT", (0, r), (-1, r), BOLD, 8.5), ("BACKGROUND", (0, r), (-1, r), TOTAL_FILL),
                  ("LINEABOVE", (0, r), (-1, r), 0.6, INK)]
    t.setStyle(TableStyle(style))
    return t


# A cell is as high as its lines at the table's font (leading 1,2 x 8,5 pt), or as its paragraph wrapped
# to the column less the side padding, plus the top and bottom padding (as `table` styles them).
_LINE = 1.2 * 8.5
_PADDING = 2.2 + 2.2
_SIDES = 3 + 3


def _row_heights(rows: list[list[Any]], widths: Sequence[float]) -> list[float | None]:
    """Every row's height, worked out once as reportlab would. Left to reportlab, it measures every
    remaining row again at each page break, which dominated the layout of a large report; None (a
    cell of several flowables) lets it measure that row itself."""
    heights: list[float | None] = []
    for row in rows:
        height = 0.0
        for cell, width in zip(row, widths):
            if width is None:
                break
            if cell is None or isinstance(cell, (str, int)):
                height = max(height, _LINE * (str(cell or "").count("\n") + 1) + _PADDING)
            elif isinstance(cell, Flowable):
                height = max(height, cell.wrap(width - _SIDES, 72000 - _PADDING)[1] + _PADDING)
            else:
                break
        else:
            heights.append(height)
            continue
        heights.append(None)
    return heights


# ---------------------------------------------------------------- pages

def _numbered_canvas(footer_left: str, running: str) -> type:
    """A canvas that knows the page count at the end, for 'pagina X van Y'."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(count)
                super().showPage()
            super().save()

        def _decorate(self, count: int) -> None:
            width, height = self._pagesize
            number = self._pageNumber
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.Color(0.25, 0.25, 0.25))
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            left, right = MARGIN + FRAME_PADDING, width - MARGIN - FRAME_PADDING  # in line with the text
            self.line(left, 12 * mm, right, 12 * mm)
            self.drawString(left, 8.5 * mm, footer_left)
            self.drawRightString(right, 8.5 * mm, f"pagina {number} van {count}")
            if number > 1:
                self.drawString(left, height - 11 * mm, running)
                self.line(left, height - 12.5 * mm, right, height - 12.5 * mm)
            self.restoreState()

    return NumberedCanvas


def write_pdf(path: Path, story: list[Flowable], *, title: str, author: str, subject: str, running: str,
              printed_on: Any, wide: bool = False) -> Path:
    """Lay out `story` on A4 (landscape when `wide`) and write it atomically to `path`."""
    data = pdf_bytes(story, title=title, author=author, subject=subject, running=running, printed_on=printed_on,
                     wide=wide)
    return write_bytes_atomic(path, data)


def pdf_bytes(story: list[Flowable], *, title: str, author: str, subject: str, running: str, printed_on: Any,
              wide: bool = False, footer: str | None = None) -> bytes:
    """The PDF as bytes (for an e-mail attachment, or to write)."""
    pagesize = landscape(A4) if wide else A4
    if footer is None:
        footer = f"{running} · afgedrukt op {format_date(printed_on)}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=17 * mm,
        bottomMargin=17 * mm, title=safe_text.printable(title), author=safe_text.printable(author),
        subject=safe_text.printable(subject), creator="SWV Uren", lang="nl-NL")
    doc.build(list(story), canvasmaker=_numbered_canvas(safe_text.printable(footer), safe_text.printable(running)))
    return out.getvalue()


def widths(width: float, millimetres: Sequence[float]) -> list[float]:
    """Column widths given in mm; one 0 takes what is left of `width` (points)."""
    fixed = sum(millimetres)
    return [(m or (width / mm - fixed)) * mm for m in millimetres]


TALL_ROW = 250  # points: about half a landscape page


def split_tall_rows(t: Table, tall: float = TALL_ROW) -> Table:
    """Let rows break over pages only when one is taller than `tall`: such a row might not fit on any
    page (reportlab would stop with a LayoutError); ordinary rows keep moving whole to the next page."""
    t.wrap(sum(t._argW), 10 ** 6)  # noqa: SLF001 - the widths and heights reportlab itself computes
    if max(t._rowHeights, default=0) > tall:  # noqa: SLF001
        t.splitInRow = 1
    return t


def mark_cells(t: Table, cells: Sequence[tuple[int, int]]) -> None:
    """Make cells (column, row) stand out without colour: bold in a box (an over-spent budget)."""
    t.setStyle(TableStyle([cmd for c, r in cells for cmd in (
        ("FONT", (c, r), (c, r), BOLD, 8.5), ("BOX", (c, r), (c, r), 1.1, INK))]))


def frame_width(wide: bool = False) -> float:
    """The width a table may take: the page less the margins and the frame's own padding."""
    return (landscape(A4)[0] if wide else A4[0]) - 2 * MARGIN - 2 * FRAME_PADDING


# ---------------------------------------------------------------- chart

USED_FILL = colors.Color(0.25, 0.25, 0.25)
OPEN_FILL = colors.Color(0.8, 0.8, 0.8)


def _nice_step(top: float, ticks: int = 5) -> int:
    raw = max(top / ticks, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw and float(step).is_integer():
            return int(step)
    return int(10 * magnitude)


class _Chart(Flowable):
    """A chart drawn straight onto the page: the rectangles, lines, hatching and words that a reportlab
    Drawing of the same shapes would paint, in the same order, without the Drawing's per-shape state
    keeping (a fifth of the decade ALV's writing went to its 26 charts)."""

    def __init__(self, width: float, height: float, paint: Callable[[Any], None]) -> None:
        self.width, self.height, self._paint = width, height, paint

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setLineCap(0)
        c.setLineJoin(0)
        c.setDash()
        self._paint(c)


def _box(c: Any, x: float, y: float, w: float, h: float, fill: colors.Color) -> None:
    c.setFillColor(fill)
    c.setStrokeColor(INK)
    c.setLineWidth(0.5)
    c.rect(x, y, w, h, stroke=1, fill=1)


def _line(c: Any, x1: float, y1: float, x2: float, y2: float, color: colors.Color, width: float) -> None:
    c.setStrokeColor(color)
    c.setLineWidth(width)
    c.line(x1, y1, x2, y2)


def _words(c: Any, x: float, y: float, text: str, size: float, anchor: str = "start", font: str = FONT) -> None:
    c.setFillColor(INK)
    c.setFont(font, size)
    draw = {"start": c.drawString, "middle": c.drawCentredString, "end": c.drawRightString}[anchor]
    draw(x, y, text)


def _hatch(c: Any, x: float, y: float, w: float, h: float, gap: float = 3.2) -> None:
    """Diagonal hatching inside a rectangle: 'vervallen' stays recognisable without colour."""
    _box(c, x, y, w, h, colors.white)
    strokes = c.beginPath()  # one path: far less to write than single lines
    t = -h
    while t < w:
        x1, y1 = x + t, y
        x2, y2 = x + t + h, y + h
        if x1 < x:
            y1, x1 = y + (x - x1), x
        if x2 > x + w:
            y2, x2 = y2 - (x2 - (x + w)), x + w
        if x2 > x1:
            strokes.moveTo(x1, y1)
            strokes.lineTo(x2, y2)
        t += gap
    c.setStrokeColor(INK)
    c.setLineWidth(0.45)
    c.drawPath(strokes, stroke=1, fill=0)


def used_lapsed_chart(labels: Sequence[str], used: Sequence[int], lapsed: Sequence[int], left: Sequence[int],
                      width: float, height: float = 62 * mm) -> Flowable:
    """Stacked bars per month: used (dark), lapsed (hatched), still open (light grey), with the
    hours in a small table under the bars, so the chart reads in black and white."""
    return _Chart(width, height, lambda c: _paint_chart(c, labels, used, lapsed, left, width, height))


def _paint_chart(c: Any, labels: Sequence[str], used: Sequence[int], lapsed: Sequence[int], left: Sequence[int],
                 width: float, height: float) -> None:
    n = max(len(labels), 1)
    show_open = any(left)
    table_rows = [("gebruikt", used), ("vervallen", lapsed)] + ([("over", left)] if show_open else [])
    label_w = 44.0
    plot_x, plot_w = label_w, width - label_w - 4
    row_h = 9.0
    plot_y = row_h * (len(table_rows) + 1) + 6
    plot_h = height - plot_y - 20
    top_value = max([u + la + o for u, la, o in zip(used, lapsed, left)] + [60])
    step = _nice_step(top_value / 60) * 60  # ticks at whole hours
    top = ((top_value + step - 1) // step) * step
    scale = plot_h / top
    # grid and axis labels
    for tick in range(0, top + 1, step):
        y = plot_y + tick * scale
        _line(c, plot_x, y, plot_x + plot_w, y, colors.Color(0.75, 0.75, 0.75), 0.35)
        _words(c, plot_x - 3, y - 2.5, dutch.hours(tick), 6.5, "end")
    _words(c, 2, plot_y + plot_h + 8, "uren", 6.5)
    slot = plot_w / n
    bar_w = slot * 0.62
    for i, label in enumerate(labels):
        x = plot_x + i * slot + (slot - bar_w) / 2
        y = plot_y
        if used[i]:
            _box(c, x, y, bar_w, used[i] * scale, USED_FILL)
            y += used[i] * scale
        if lapsed[i]:
            _hatch(c, x, y, bar_w, lapsed[i] * scale)
            y += lapsed[i] * scale
        if left[i]:
            _box(c, x, y, bar_w, left[i] * scale, OPEN_FILL)
        centre = plot_x + i * slot + slot / 2
        _words(c, centre, plot_y - row_h + 1, label, 6.5, "middle", BOLD)
        for r, (_, values) in enumerate(table_rows):
            _words(c, centre, plot_y - row_h * (r + 2) + 1, dutch.hours(values[i]), 6.5, "middle")
    _line(c, plot_x, plot_y, plot_x + plot_w, plot_y, INK, 0.7)
    for r, (name, _) in enumerate(table_rows):
        _words(c, 2, plot_y - row_h * (r + 2) + 1, name, 6.5)
    _legend(c, plot_x, height - 9, show_open)


def _legend(c: Any, x: float, y: float, show_open: bool) -> None:
    items: list[tuple[str, Callable[[float], None]]] = [
        ("gebruikt", lambda at: _box(c, at, y, 9, 6.5, USED_FILL)),
        ("vervallen (niet gebruikt)", lambda at: _hatch(c, at, y, 9, 6.5, gap=2.4)),
    ]
    if show_open:
        items.append(("over (maand loopt nog)", lambda at: _box(c, at, y, 9, 6.5, OPEN_FILL)))
    for text, swatch in items:
        swatch(x)
        _words(c, x + 12, y + 0.8, text, 7)
        x += 12 + stringWidth(text, FONT, 7) + 14
