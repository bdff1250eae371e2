"""A reportlab Table and Paragraph that write exactly the PDF operators reportlab's own write, with
less work per cell: a long report table (the ALV's 1,500 rows) spent most of its time making a
text object for every number and laying out the same paragraphs again on every page.
"""
from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

# Per canvas (one document): a cell text's operators and width, by font, size, leading and text. The
# operators name the font as this document does ("/F1"), so they are never shared between documents.
_TEXT: WeakKeyDictionary[Canvas, dict[tuple[str, float, float, str], tuple[str, float]]] = WeakKeyDictionary()


def _text_ops(canv: Canvas, known: dict, text: str) -> tuple[str, float]:
    """What reportlab's drawString writes for `text` after its 'Tm' (the text itself, then 'T*'),
    and the text's width; made by reportlab's own text object the first time."""
    key = (canv._fontname, canv._fontsize, canv._leading, text)  # noqa: SLF001 - the canvas's text state
    if key not in known:
        t = canv.beginText(0, 0)
        t.textLine(text)
        known[key] = (" ".join(t._code[2:]), stringWidth(text, canv._fontname, canv._fontsize))  # noqa: SLF001
    return known[key]


_ALIGN = {"LEFT": 0.0, "RIGHT": 1.0, "CENTRE": 0.5, "CENTER": 0.5}


class PlainTable(Table):
    """A Table whose one-line text cells go straight onto the page as the operators reportlab's
    `_drawCell` would write through `drawString`/`drawRightString`/`drawCentredString` (a text
    object per cell, then thrown away); every other cell is left to reportlab."""

    def draw(self) -> None:
        self._known = _TEXT.setdefault(self.canv, {})
        super().draw()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float],  # noqa: N802 - reportlab's
                  size: tuple[float, float]) -> None:
        align = _ALIGN.get(cellstyle.alignment)
        if (type(cellval) is not str or "\n" in cellval or align is None or not self.canv.bottomup
                or cellstyle.valign not in ("TOP", "MIDDLE", "BOTTOM") or cellstyle.href or cellstyle.destination
                or cellstyle.direction or cellstyle.shaping):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        self._use_style(cellstyle)
        colpos, rowpos = pos
        colwidth, rowheight = size
        ops, width = _text_ops(self.canv, self._known, cellval)
        # the same sums in the same order as reportlab's, so the same coordinates to the last digit
        if align == 0.0:
            x = colpos + cellstyle.leftPadding
        elif align == 1.0:
            x = colpos + colwidth - cellstyle.rightPadding - width
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - 0.5 * width
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + 1 * leading - fontsize
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + 1 * leading) / 2.0 - fontsize
        self.canv._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {ops} ET")  # noqa: SLF001

    def _use_style(self, cellstyle: Any) -> None:
        """Colour and font as reportlab's `_drawCell` sets them: only when they change."""
        if self._curcellstyle is not cellstyle:
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                self.canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle


class ReusedParagraph(Paragraph):
    """A paragraph placed in many cells (a provider's name in every board's rows, a header row on
    every page): its lines are kept for the width it was last wrapped to, and the operators its
    `draw` wrote are written again, as its lines depend only on its text, style and width. Not for
    links (reportlab adds those to the page beside the operators)."""

    def __init__(self, text: str | None, style: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)  # reportlab's split makes its pieces as self.__class__(...)
        self._replay = not any(getattr(frag, "link", None) for frag in self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's
        done = self.__dict__.get("_wrapped")
        if done is None or done[0] != availWidth:
            self.__dict__.pop("_drawn", None)
            done = self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return done[1]

    def _drawOn(self, canv: Canvas) -> None:
        drawn = self.__dict__.get("_drawn")
        if drawn is not None and drawn[0] is canv:
            canv._code.extend(drawn[1])  # noqa: SLF001
            return
        start = len(canv._code)  # noqa: SLF001
        super()._drawOn(canv)
        if self._replay:
            self._drawn = (canv, canv._code[start:])  # noqa: SLF001


class PagedRows(Flowable):
    """A long PlainTable laid out a page at a time. reportlab splits a table by building the rest
    of it again, with all its rows, cell styles and style commands, at every page; for the ALV's
    1,500 rows over 35 pages that was a tenth of the writing. Here each page's piece is cut by
    reportlab from a table of just the header and the rows that reach past that page, and the rest
    stays a row number: the same pieces, hence the same file, as reportlab's own split gives, for a
    table whose style commands each touch one row (see `pages`)."""

    def __init__(self, table: PlainTable, start: int | None = None, _known: tuple | None = None) -> None:
        self._t = table
        self._head = table.repeatRows
        self._start = self._head if start is None else start  # the first body row still to place
        # worked out once for the table and its rests: the heights' sums, and its commands by row
        self._sums, self._by_row = _known or (_suffix_sums(table._argH), _commands_by_row(table))  # noqa: SLF001
        self.hAlign, self.vAlign = table.hAlign, table.vAlign
        self._width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's
        if self._width is None:
            self._width = self._piece(0).wrap(availWidth, availHeight)[0]
        # reportlab's sum of the row heights, from the last row up, carried on through the header rows
        height, c = self._sums[self._start]
        for h in reversed(self._t._argH[:self._head]):  # noqa: SLF001
            y = h - c
            t = height + y
            c = (t - height) - y
            height = t
        self.width, self.height = self._width, height
        return self._width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's
        heights = self._t._argH  # noqa: SLF001
        room, rows = availHeight - sum(heights[:self._head]), 0
        while self._start + rows < len(heights) and room >= 0:  # up to the first row that does not fit
            room -= heights[self._start + rows]
            rows += 1
        window = self._piece(rows + 1)
        window.canv = getattr(self, "canv", None)
        parts = window.split(availWidth, availHeight)
        if len(parts) != 2:  # nothing fits (no more would of the whole rest), or the window is the whole rest
            return parts
        placed = parts[0]._nrows - self._head  # noqa: SLF001
        return [parts[0], PagedRows(self._t, self._start + placed, (self._sums, self._by_row))]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803 - reportlab's
        whole = self._piece(len(self._t._argH))  # noqa: SLF001 - the rest fits on this page
        whole.canv = canvas
        whole.wrap(self.width, self.height)
        del whole.canv
        whole.drawOn(canvas, x, y, _sW)

    def _piece(self, rows: int) -> PlainTable:
        """The header and the next `rows` body rows as the table reportlab's split would make of them:
        the same cells, cell styles and heights, and the line and background commands of those rows,
        in their order, moved up to follow the header."""
        t, head, start = self._t, self._head, self._start
        end = min(start + rows, t._nrows)  # noqa: SLF001
        take = list(range(head)) + list(range(start, end))
        piece = PlainTable([t._cellvalues[i] for i in take], colWidths=t._colWidths,  # noqa: SLF001
                           rowHeights=[t._argH[i] for i in take], repeatRows=head,  # noqa: SLF001
                           normalizedData=1, cellStyles=[t._cellStyles[i] for i in take],  # noqa: SLF001
                           cornerRadii=None)
        piece.hAlign, piece.vAlign = t.hAlign, t.vAlign
        commands = [c for row in take for c in self._by_row.get(row, ())]
        for _, row, cmd in sorted(commands, key=lambda c: c[0]):
            moved = row if row < head else row - start + head
            piece._addCommand((cmd[0], (cmd[1][0], moved), (cmd[2][0], moved), *cmd[3:]))  # noqa: SLF001
        return piece


def _commands_by_row(table: Table) -> dict[int, list[tuple[int, int, tuple]]]:
    """The table's line and background commands by the row they are on, each with its place in the
    table's lists (lines first), so that a piece gets them in the table's order."""
    by_row: dict[int, list[tuple[int, int, tuple]]] = {}
    for place, cmd in enumerate((*table._linecmds, *table._bkgrndcmds)):  # noqa: SLF001
        by_row.setdefault(cmd[1][1], []).append((place, cmd[1][1], cmd))
    return by_row


def _suffix_sums(heights: list[float]) -> list[tuple[float, float]]:
    """For each row, reportlab's compensated sum of the heights from the last row up to that one
    (the running total and its correction), so that a rest's height is the table's own to the bit."""
    sums = [(0.0, 0.0)] * (len(heights) + 1)
    height = c = 0.0
    for i in range(len(heights) - 1, -1, -1):
        y = heights[i] - c
        t = height + y
        c = (t - height) - y
        height = t
        sums[i] = (height, c)
    return sums


def pages(table: Table) -> Flowable:
    """`table` as PagedRows when that gives reportlab's own pages: a long table with every row's height
    known, a header row or more repeated, no spans, and every line or background command on one row
    (a line below only under the header or the last row: reportlab carries a line below a page's last
    row over to the next page as a line above)."""
    simple = (isinstance(table, PlainTable) and isinstance(table.repeatRows, int) and table.repeatRows > 0
              and table.splitByRow and not table.splitInRow and None not in table._argH  # noqa: SLF001
              and not (table._spanCmds or table._nosplitCmds or table._srflcmds or table._sircmds)  # noqa: SLF001
              and not table._rowSplitRange and not table.repeatCols  # noqa: SLF001
              and getattr(table, "spaceBefore", None) is None and getattr(table, "spaceAfter", None) is None
              and all(_one_row(cmd, table.repeatRows, table._nrows)  # noqa: SLF001
                      for cmd in (*table._linecmds, *table._bkgrndcmds)))  # noqa: SLF001
    return PagedRows(table) if simple else table


def _one_row(cmd: tuple, head: int, rows: int) -> bool:
    (_, sr), (_, er) = cmd[1:3]
    if type(sr) is not int or sr != er or not 0 <= sr < rows:
        return False
    return cmd[0] in ("LINEABOVE", "BOX", "BACKGROUND") or (cmd[0] == "LINEBELOW" and (sr < head or sr == rows - 1))
