"""The base of every page: follows the year picker, refreshes when what it shows has changed."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .messages import default_dialogs
from .ports import Changes, Dialogs, Runner


class Page(QWidget):
    title = ""
    #: Changes flags that make this page stale.
    depends_on: tuple[str, ...] = ()

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        #: The user's message boxes, given by whoever builds the page (the app's own when none is given).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.year: str | None = None
        self._stale = True  # a change it depends on, or F5: read again even for the same year
        self._read_year: str | None = None  # the year of the last read
        self._other_year = False  # the year chosen differs from the year last read
        self.primary_action: QAction | None = None
        self.setObjectName(type(self).__name__)
        runner.changed.connect(self.on_changed)

    # ---- the frame calls these
    def set_year(self, label: str | None) -> None:
        """Read the year now when visible, else when shown next; a year chosen and chosen back again while the
        page was hidden reads nothing (what it shows is that year's, unless something it depends on changed)."""
        self.year = label
        self._other_year = label != self._read_year
        if self.isVisible():
            self.refresh_if_stale()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.depends_on):
            self.mark_stale()

    def mark_stale(self) -> None:
        """Refresh now when visible, else when the page is shown next."""
        self._stale = True
        if self.isVisible():
            self.refresh_if_stale()

    @property
    def stale(self) -> bool:
        """What the page shows may differ from what it would read now: a change, F5, or another year."""
        return self._stale or self._other_year

    def reading(self) -> None:
        """The page reads what it shows now (its `refresh`): no longer stale."""
        self._stale = self._other_year = False
        self._read_year = self.year

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.reading()
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_if_stale()

    def focus_search(self) -> None:
        """Ctrl+F: pages with a search field put the cursor there."""

    # ---- pages implement this
    def refresh(self) -> None:
        raise NotImplementedError


def page_header(title: str, subtitle_label: QLabel | None = None, *actions: QWidget) -> QWidget:
    """A page title, an optional line saying what is shown/filtered, and the page's buttons at the right."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    texts = QVBoxLayout()
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    texts.addWidget(heading)
    if subtitle_label is not None:
        subtitle_label.setObjectName("pageSubtitle")
        subtitle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if subtitle_label.wordWrap():
            # Room for a second line: nested layouts do not grow a wrapped label as its text gets longer.
            subtitle_label.setMinimumHeight(2 * subtitle_label.fontMetrics().lineSpacing() + 2)
        texts.addWidget(subtitle_label)
    layout.addLayout(texts, 1)
    for widget in actions:
        layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
    return box


class SearchField(QLineEdit):
    """A search field with a clear button that asks room for its whole placeholder, in the font it is shown in
    (the style sheet sets the font after the field is made), so the hint is never cut to "Zoek bestuur of di…"."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def _placeholder_width(self) -> int:
        metrics = self.fontMetrics()
        # Qt's own hint is 17 x-widths plus margins, frame, padding and the clear button: keep all but the x-es.
        extra = super().sizeHint().width() - 17 * metrics.horizontalAdvance("x")
        clear_button = metrics.height() + 12  # the clear button's icon and its margins, beside the text
        return metrics.horizontalAdvance(self.placeholderText()) + extra + clear_button + 8

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())


class Notice(QLabel):
    """What the last action did ("Uren geboekt op 2016-001."): a line of its own that takes no room while empty."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("hint")
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))
