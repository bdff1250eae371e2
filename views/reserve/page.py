"""Reserve: what is left of each provider's reserve, the grants of the year, and granting reserve hours to a
board for a month or a range of months."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain import dutch
from models.domain.months import Month
from models.domain.usage import Usage, usage
from models.services import reserve as service
from models.services.reserve import GrantRow, ReserveLine

from ..forms import FormDialog
from ..grant_dialog import open_grant_dialog
from ..loading import PageLoader
from ..page import Page, SearchField, page_header
from ..ports import Dialogs, Runner
from ..tables import BAD, WARN, Column, RowsModel, make_table, on_delete, search_texts, selected_row
from .operations import revoke_grant

#: Lines of the providers' table on show at most (the totals row counting), the rest scrolled: a large SWV's 25
#: providers made the page, and so the window, taller than a 1280 x 800 screen.
MAX_LINES_SHOWN = 12
RESERVE_WORDS = {Usage.NOTHING: "geen reserve", Usage.USED_UP: "op", Usage.OVER: "op", Usage.NEARLY: "bijna op"}


def reserve_state(line: ReserveLine) -> str:
    """In words as well as colour."""
    if line.reserve == 0:
        return "geen reserve"
    return RESERVE_WORDS.get(usage(line.granted, line.reserve), "")


def _state_colour(line: ReserveLine) -> QColor | None:
    return {"op": BAD, "bijna op": WARN}.get(reserve_state(line))


LINE_COLUMNS: list[Column[ReserveLine]] = [
    Column("Dienstverlener", lambda r: r.provider, width=160),
    Column("Reserve", lambda r: r.reserve, "hours", "De reserve in het contract van dit schooljaar", width=90),
    Column("Toegekend", lambda r: r.granted, "hours", "Som van de reservetoekenningen", width=90),
    Column("Over", lambda r: r.left, "hours", "Nog toe te kennen", width=90, background=_state_colour),
    Column("Status", reserve_state, width=110, background=_state_colour),
]

GRANT_COLUMNS: list[Column[GrantRow]] = [
    Column("Maand", lambda g: g.month, "month", width=120),
    Column("Bestuur", lambda g: g.board, width=150),
    Column("Dienstverlener", lambda g: g.provider, width=110),
    Column("Uren", lambda g: g.minutes, "hours", width=70),
    Column("Toegekend op", lambda g: g.granted_on, "date", width=110),
    Column("Reden", lambda g: g.reason, width=380, cell_tooltip=lambda g: g.reason),
]


@dataclass(frozen=True)
class _GrantTotal:
    minutes: int
    count: int
    board: str = "Totaal"
    provider: str = ""
    month: Month | None = None
    granted_on: None = None

    @property
    def reason(self) -> str:
        return f"{self.count} toekenning{'en' if self.count != 1 else ''}"


Shown = tuple[list[ReserveLine], ReserveLine | None, list[GrantRow], _GrantTotal | None, list[str]]


def _prepared(answers: tuple[list[ReserveLine], list[GrantRow]]) -> Shown:
    """In the reading worker: the lines and grants with their totals, and what a search of the grants looks
    through."""
    lines, grants = (list(answer) for answer in answers)
    total = ReserveLine("Totaal", sum(l.reserve for l in lines), sum(l.granted for l in lines)) if lines else None
    grant_total = _GrantTotal(sum(g.minutes for g in grants), len(grants)) if grants else None
    return lines, total, grants, grant_total, search_texts(GRANT_COLUMNS, grants)


class ReservePage(Page):
    title = "Reserve"
    depends_on = ("reserve", "setup", "months", "years", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.dialog: FormDialog | None = None
        self._summary: list[str] = []  # the subtitle's parts before any search
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.grant_button = QPushButton("Reserve toekennen…")
        self.grant_button.setToolTip("Reserve-uren van een dienstverlener toekennen aan een bestuur")
        self.grant_button.setDefault(True)
        self.grant_button.clicked.connect(self.grant)
        self.lines_model: RowsModel[ReserveLine] = RowsModel(LINE_COLUMNS)
        self.lines_table, _ = make_table(self.lines_model, object_name="reserveLines")
        self.search = SearchField("Zoek bestuur, dienstverlener, maand of reden… (Ctrl+F)")
        self.grants_model: RowsModel[GrantRow] = RowsModel(GRANT_COLUMNS)
        self.grants_table, self.grants_proxy = make_table(self.grants_model, object_name="reserveGrants",
                                                             searched=True)
        self.search.textChanged.connect(self._search)
        self.revoke_button = QPushButton("Toekenning intrekken…")
        self.revoke_button.setToolTip("De geselecteerde toekenning intrekken (Delete); niet in een afgesloten maand "
                                      "en niet als de uren al gebruikt zijn")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.revoke_button.setEnabled(False)  # no grant chosen yet
        on_delete(self.grants_table, self.revoke_selected)
        self.grants_table.selectionModel().currentRowChanged.connect(lambda *_: self._enable_revoke())
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        grants_title = QLabel("Reservetoekenningen")
        grants_title.setObjectName("sectionTitle")
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(grants_title)
        tools.addSpacing(12)
        tools.addWidget(self.search)
        tools.addStretch(1)
        tools.addWidget(self.notice)
        tools.addWidget(self.revoke_button)
        hint = QLabel("Een toekenning geldt voor één bestuur, één dienstverlener en één maand; niet voor een "
                      "afgesloten maand. Samen nooit meer dan de reserve van de dienstverlener.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Reserve", self.subtitle, self.grant_button))
        layout.addWidget(self.lines_table)
        layout.addLayout(tools)
        layout.addWidget(self.grants_table, 1)
        layout.addWidget(hint)
        self.loader = PageLoader(self, runner, cover=self.grants_table)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        if not self.year:
            self.loader.cancel()
            self.lines_model.set_rows([])
            self.grants_model.set_rows([])
            self.subtitle.setText("")
            self.grant_button.setEnabled(False)
            return
        self.grant_button.setEnabled(not self.runner.read_only)
        self.revoke_button.setEnabled(False)  # until the grants shown are those read now (a revoked one is gone)
        self.loader.load_all((service.reserve_lines, self.year), (service.grants, self.year), prepare=_prepared,
                             then=self._show)

    def _show(self, shown: Shown) -> None:
        lines, total, grants, grant_total, search = shown
        self.lines_model.set_rows(lines, total)
        shown = min(len(lines) + (1 if total else 0), MAX_LINES_SHOWN)  # more scroll: the window fits the screen
        self.lines_table.setFixedHeight(self.lines_table.horizontalHeader().height() + 2 + 24 * shown + 4)
        self.grants_model.set_rows(grants, grant_total, search)
        self._enable_revoke()
        self._summary = [f"Schooljaar {self.year}"]
        if total is not None:
            self._summary += [f"reserve {dutch.hours(total.reserve)} uur, toegekend {dutch.hours(total.granted)}, "
                              f"nog {dutch.hours(total.left)} over",
                              f"{len(grants)} toekenning{'en' if len(grants) != 1 else ''}"]
        self._show_summary()

    def _enable_revoke(self) -> None:
        self.revoke_button.setEnabled(not self.runner.read_only
                                      and isinstance(selected_row(self.grants_table), GrantRow))

    def revoke_selected(self) -> bool:
        """Delete asks first and says what is lost; hours in use or a closed month refuse, with the reason."""
        grant = selected_row(self.grants_table)
        if not isinstance(grant, GrantRow) or self.runner.read_only:
            return False
        done = revoke_grant(parent=self, runner=self.runner, dialogs=self.dialogs, grant=grant)
        if done is None:
            return False
        self.notice.setText(done)
        return True

    def _search(self, text: str) -> None:
        self.grants_proxy.setFilterFixedString(text)
        self._show_summary()

    def _show_summary(self) -> None:
        """What the page shows, and what the list of grants is filtered on."""
        parts = list(self._summary)
        if len(parts) == 3 and self.search.text().strip():
            shown = self.grants_proxy.rowCount() - (1 if self.grants_model.total_row is not None else 0)
            parts[2] = (f"zoekterm ‘{self.search.text().strip()}’: {shown} van {len(self.grants_model.rows)} "
                        "toekenningen")
        self.subtitle.setText(" · ".join(parts))

    def grant(self) -> FormDialog | None:
        if not self.year or self.runner.read_only:
            return None
        dialog = open_grant_dialog(self.runner, self.year, self)
        self.dialog = dialog

        dialog.accepted.connect(lambda: self.notice.setText(dialog.notice))
        return dialog
