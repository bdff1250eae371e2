"""`table(..., measured=True)` works out row heights once; they must be what reportlab itself measures."""
from __future__ import annotations

from exports.pdfkit import heads, para, table


def _measured_by_reportlab(rows, widths, **options):  # type: ignore[no-untyped-def]
    t = table(rows, widths, numeric_from=1, **options)
    t.wrap(sum(widths), 10_000)
    return t._rowHeights  # noqa: SLF001 - what reportlab measured


def test_heights_worked_out_equal_reportlabs_own() -> None:
    rows = [
        heads(["Schoolbestuur", "Dienst-\nverlener", "Jaaruren"], numeric_from=2),
        [para("KPO", "cell"), para("Kameleon", "cell"), "191"],
        ["", para("Een dienstverlener met een heel lange naam die over regels loopt", "cell"), "1.177"],
        ["Twee\nregels", "", None],
        [para("Totaal samenwerkingsverband", "cell_bold"), "", "4.108"],
    ]
    widths = [90.0, 60.0, 50.0]
    assert _measured_by_reportlab(rows, widths, measured=True) == _measured_by_reportlab(rows, widths)
    assert len(set(_measured_by_reportlab(rows, widths))) > 2  # the rows do differ in height
