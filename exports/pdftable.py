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
from reportlab.platypus import Paragraph, Table

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

    def __init__(self, text: str, style: Any) -> None:
        super().__init__(text, style)
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
