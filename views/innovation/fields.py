"""What the innovation dialogs share: money fields, the basis picker, a school's label, a row of widgets."""
from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from models.domain.errors import InvalidInput
from models.domain.money import format_euros, parse_euros
from models.services.innovation_report import (
    AMOUNT_OWN, AMOUNT_STANDARD, BASIS_ENTERED, BASIS_PER_PUPIL, INGEDIEND, LOPEND,
)

from ..forms import choice_picker, run_parse


EDITABLE = (INGEDIEND, LOPEND)
BASES = ((BASIS_ENTERED, BASIS_ENTERED), (BASIS_PER_PUPIL, BASIS_PER_PUPIL))
AMOUNT_KINDS = ((AMOUNT_STANDARD, AMOUNT_STANDARD), (AMOUNT_OWN, AMOUNT_OWN))


def euro_field(cents: int | None = None, placeholder: str = "bijv. 2.500") -> QLineEdit:
    field = QLineEdit(format_euros(cents, symbol=False) if cents is not None else "")
    field.setPlaceholderText(placeholder)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    field.setFixedWidth(120)  # amounts line up under each other
    return field


def basis_picker(basis: str) -> QComboBox:
    picker = choice_picker(BASES, basis)
    picker.setFixedWidth(130)
    return picker


def euros_of(field: QLineEdit, what: str, key: str, *, allow_zero: bool = False, empty: int | None = None) -> int | None:
    """The cents typed in a money field; a refusal tagged with `key` so it shows beside the field."""
    text = field.text().strip()
    if not text:
        if empty is not None or allow_zero:
            return empty
        raise InvalidInput(f"{what}: vul een bedrag in, bijvoorbeeld 2.500.", field=key)
    return run_parse(lambda: parse_euros(text, what=what, allow_zero=allow_zero), key)


def school_label(school: str, board: str) -> str:
    return f"{school} ({board})"


def hline(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    if stretch:
        line.addStretch(1)
    return box
