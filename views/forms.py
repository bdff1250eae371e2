"""Building blocks of every dialog: pickers, hours fields, and refusals shown beside their field."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget,
)

from models.domain.errors import InvalidInput, Refusal
from models.domain.months import Month
from models.domain.units import parse_hours

from .messages import default_dialogs
from .ports import Dialogs

# Digits with a comma or dot and at most two decimals; the service decides the rest (whole minutes).
HOURS_PATTERN = QRegularExpression(r"^\d{0,5}([.,]\d{0,2})?$")


def hours_field(placeholder: str = "bijv. 12,5") -> QLineEdit:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(HOURS_PATTERN, field))
    field.setPlaceholderText(placeholder)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    field.setMaximumWidth(120)
    return field


def month_picker(months: Sequence[Month], current: Month | None = None) -> QComboBox:
    box = QComboBox()
    for month in months:
        box.addItem(month.label, month)
    if current is not None and current in months:
        box.setCurrentIndex(list(months).index(current))
    return box


def index_of(box: QComboBox, value: Any) -> int:
    """The index of the item whose data equals `value` (findData compares Python objects by identity)."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)


def select_data(box: QComboBox, value: Any) -> bool:
    """Make the item whose data equals `value` current; False when there is none."""
    index = index_of(box, value)
    if index >= 0:
        box.setCurrentIndex(index)
    return index >= 0


def month_range_picker(months: Sequence[Month], first: Month | None,
                       last: Month | None) -> tuple[QWidget, QComboBox, QComboBox]:
    """'<first> t/m <last>' on one line: the box to add as a row, and the two pickers."""
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    first_picker = month_picker(months, first)
    last_picker = month_picker(months, last)
    first_picker.setAccessibleName("Eerste maand")
    last_picker.setAccessibleName("Laatste maand")
    line.addWidget(first_picker)
    line.addWidget(QLabel("t/m"))
    line.addWidget(last_picker)
    line.addStretch(1)
    return box, first_picker, last_picker


def choice_picker(items: Sequence[tuple[str, Any]], current: Any = None, *, editable: bool = False) -> QComboBox:
    """A picker over (label, value) pairs; editable pickers let the user type a new name."""
    box = QComboBox()
    box.setEditable(editable)
    for label, value in items:
        box.addItem(label, value)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


def date_field(day: dt.date | None) -> QDateEdit:
    field = QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat("d-M-yyyy")
    day = day or dt.date.today()
    field.setDate(QDate(day.year, day.month, day.day))
    return field


def date_of(field: QDateEdit) -> dt.date:
    value = field.date()
    return dt.date(value.year(), value.month(), value.day())


class FormDialog(QDialog):
    """A dialog of labelled rows; a refusal appears in red beside the field it concerns and the
    dialog stays open with the input intact.

    Subclasses add rows with `add_row(key, label, widget)` and implement `submit()`, which
    calls the runner and may raise Refusal; `accept()` happens only when it returns.
    """

    def __init__(self, title: str, parent: QWidget | None = None, *, ok_text: str = "Opslaan",
                 dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        #: The user's message boxes for a question before saving (the app's own when none is given).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        #: What to tell the user once saved: the words of the operation `submit` ran (the page shows them).
        self.notice = ""
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.errors: dict[str, QLabel] = {}
        #: Refusal fields of a service that concern a row under another key (e.g. "bevestigd" -> "date").
        self.field_aliases: dict[str, str] = {}
        self.general_error = QLabel()
        self.general_error.setObjectName("fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._try_submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._focus_ready = False

    def add_row(self, key: str, label: str, widget: QWidget) -> QWidget:
        """A labelled field with room for its refusal underneath."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.errors[key] = error
        for signal in _edit_signals(widget):  # a refusal goes once the user changes what it was about
            signal.connect(error.hide)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        return widget

    def add_note(self, text: str = "") -> QLabel:
        """A grey line in the field column (what a choice means, the figures behind it)."""
        note = QLabel(text)
        note.setObjectName("hint")
        note.setWordWrap(True)
        note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # wrap at the field's width
        self.form.addRow("", note)
        return note

    def add_warning(self) -> QLabel:
        """A yellow 'Let op' line in the field column, hidden until `show_warning` gives it a text: a warning
        that does not stop saving (unlike a refusal)."""
        warning = QLabel()
        warning.setObjectName("warning")
        warning.setWordWrap(True)
        warning.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        warning.hide()
        self.form.addRow("", warning)
        return warning

    def show_warning(self, warning: QLabel, text: str) -> None:
        warning.setText(text)
        warning.setVisible(bool(text))
        if self.isVisible():
            self.fit_height()

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.clear()
            label.hide()

    def show_refusal(self, refusal: Refusal) -> None:
        """Beside its field when the refusal names one this dialog has, else above the buttons."""
        self.clear_errors()
        field = self.field_aliases.get(refusal.field or "", refusal.field or "")
        target = self.errors.get(field, self.general_error)
        target.setText(refusal.message)
        target.show()
        self.fit_height()

    def fit_height(self) -> None:
        """Grow so that wrapped refusals and notes show in full (a shown dialog does not do this itself)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = self.heightForWidth(self.width()) if self.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def setVisible(self, visible: bool) -> None:
        if visible and not self._focus_ready:
            self._focus_ready = True
            self.order_focus()
        super().setVisible(visible)

    def focus_fields(self) -> list[QWidget]:
        """The fields Tab visits, top to bottom as the form shows them (not in the order they were made)."""
        def row_of(widget: QWidget) -> int:
            for row in range(self.form.rowCount()):
                for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                    item = self.form.itemAt(row, role)
                    holder = item.widget() if item is not None else None
                    if holder is not None and (holder is widget or holder.isAncestorOf(widget)):
                        return row
            return self.form.rowCount()  # below the form, e.g. a grid a dialog adds to the layout itself

        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(chain) < 1000:
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.window() is self
                    and not self.buttons.isAncestorOf(widget) and widget.focusProxy() is None
                    and not isinstance(widget.parentWidget(), QComboBox)):  # a picker's own line edit
                chain.append(widget)
            widget = widget.nextInFocusChain()
        return sorted(chain, key=row_of)  # stable: within a row the order set up there holds

    def order_focus(self) -> None:
        """Tab follows the form from top to bottom and ends at the buttons; the cursor starts in the first field
        (the buttons are made first, so Qt would start on Opslaan and Enter would send an empty form)."""
        fields = self.focus_fields()
        buttons = [b for b in self.buttons.buttons() if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
        order = fields + buttons
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        chosen = self.focusWidget()
        if chosen is None or self.buttons.isAncestorOf(chosen) or chosen is self:
            first_field = next((f for f in fields if f.isEnabled() and f.isVisibleTo(self)), None)
            if first_field is not None:
                first_field.setFocus(Qt.FocusReason.TabFocusReason)

    def error_text(self) -> str:
        """All refusal text shown now (for tests and screen readers)."""
        return " ".join(l.text() for l in (*self.errors.values(), self.general_error) if l.isVisible())

    def submit(self) -> None:
        raise NotImplementedError

    def confirm_submit(self) -> bool:
        """Asked before `submit`: a dialog that warns may ask the user to confirm; False keeps it open."""
        return True

    def _try_submit(self) -> None:
        self.clear_errors()
        try:
            if not self.confirm_submit():
                return
            self.submit()
        except Refusal as refusal:
            self.show_refusal(refusal)
            return
        self.accept()


def _edit_signals(widget: QWidget) -> list[Any]:
    """The signals by which the user changes a field (or the fields inside a composite one)."""
    editors = [widget, *widget.findChildren(QWidget)]
    signals: list[Any] = []
    for editor in editors:
        if isinstance(editor, QLineEdit):
            signals.append(editor.textEdited)
        elif isinstance(editor, QComboBox):
            signals.append(editor.activated)
        elif isinstance(editor, QDateEdit):
            signals.append(editor.dateChanged)
        elif isinstance(editor, QPlainTextEdit):
            signals.append(editor.textChanged)
    return signals


def hours_of(field: QLineEdit, what: str = "Uren", key: str = "hours") -> int:
    """The minutes typed in an hours field (12,5 or 12.5); a refusal beside the field when empty or wrong."""
    text = field.text().strip()
    if not text:
        raise InvalidInput(f"{what}: vul een aantal uren in, bijvoorbeeld 12,5.", field=key)
    return run_parse(lambda: parse_hours(text, what=what), key)


def run_parse(parse: Callable[[], Any], field: str) -> Any:
    """Parse a field; a refusal is tagged with that field so it shows beside it."""
    try:
        return parse()
    except Refusal as refusal:
        refusal.field = refusal.field or field
        raise
