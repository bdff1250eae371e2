"""The year's budgets: per theme its standard, rate per pupil and basis; per network and theme its own amount or
the standard; the supra-regional budget."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from models.domain import dutch
from models.services import supra_budget
from models.services.innovation import network_budgets, theme_settings
from models.services.innovation_report import AMOUNT_OWN, AMOUNT_STANDARD, SUPRA_REGIONAL

from ..forms import FormDialog, choice_picker, select_data
from ..ports import Runner
from . import operations
from .fields import AMOUNT_KINDS, basis_picker, euro_field, euros_of, hline


class BudgetsDialog(FormDialog):
    """The year's budgets: per theme the standard amount, rate per pupil and basis; per network and theme the
    amount entered and the basis in force. Saved as one transaction."""

    def __init__(self, runner: Runner, year: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Budgetten {year}", parent, ok_text="Opslaan")
        self.setObjectName("budgetsDialog")
        self.runner = runner
        self.year = year
        self.themes = runner.read(theme_settings.list_themes, year)
        self.networks = runner.read(network_budgets.network_year, year)
        self.theme_fields: dict[str, tuple[QLineEdit, QLineEdit, QComboBox]] = {}
        self.network_fields: dict[tuple[str, str], tuple[QLineEdit, QComboBox]] = {}
        #: per network and theme: 'standaard' (follows the theme's standard) or 'eigen bedrag'
        self.amount_kinds: dict[tuple[str, str], QComboBox] = {}

        self.form.addRow(self._section("Thema's: standaard per netwerk"))
        for theme in self.themes:
            standard = euro_field(theme.standard)
            standard.setAccessibleName(f"Standaardbedrag {theme.name}")
            rate = euro_field(theme.rate, "geen")
            rate.setAccessibleName(f"Bedrag per leerling {theme.name}")
            basis = basis_picker(theme.basis)
            basis.setAccessibleName(f"Grondslag {theme.name}")
            self.theme_fields[theme.name] = (standard, rate, basis)
            label = f"{theme.name} (basis)" if theme.is_base else theme.name
            self.add_row(f"theme:{theme.name}", label,
                         hline(QLabel("vast €"), standard, QLabel("  per leerling €"), rate, QLabel("  grondslag"),
                                basis))
        self.new_theme = self.add_row("new_theme", "&Nieuw thema", QLineEdit())
        self.new_theme.setPlaceholderText("bijv. Dyslexie (mag leeg)")
        self.new_theme.setMaximumWidth(260)

        if self.networks:
            self.form.addRow(self._section(f"Per netwerk in {year}"))
        for row in self.networks:
            for budget in row.budgets:
                kind = choice_picker(AMOUNT_KINDS, budget.amount_kind)
                kind.setFixedWidth(120)
                kind.setAccessibleName(f"Soort bedrag {budget.theme} {row.network}")
                kind.setToolTip("standaard: volgt het standaardbedrag van het thema in dit schooljaar; "
                                "eigen bedrag: blijft staan als het standaardbedrag verandert")
                entered = euro_field(budget.entered)
                entered.setAccessibleName(f"Vast bedrag {budget.theme} {row.network}")
                basis = basis_picker(budget.basis)
                basis.setAccessibleName(f"Grondslag {budget.theme} {row.network}")
                computed = ("per leerling " + dutch.euros(budget.computed) + f" ({dutch.whole(row.pupils)} ll.)"
                            if budget.computed is not None else "geen bedrag per leerling")
                self.network_fields[(row.network, budget.theme)] = (entered, basis)
                self.amount_kinds[(row.network, budget.theme)] = kind
                self._link_amount(budget.theme, kind, entered)
                self.add_row(f"budget:{row.network}:{budget.theme}", f"{row.network} · {budget.theme}",
                             hline(QLabel("vast"), kind, QLabel("€"), entered, QLabel("  grondslag"), basis,
                                    QLabel("  " + computed)))
        self.supra_fields: dict[str, QLineEdit] = {}
        if len(self.networks) > 1:
            self.form.addRow(self._section(f"{SUPRA_REGIONAL} in {year}: vragen van scholen uit meer dan één netwerk"))
            for budget in runner.read(supra_budget.supra_year, year).budgets:
                amount = euro_field(budget.entered, "0")
                amount.setAccessibleName(f"{SUPRA_REGIONAL} budget {budget.theme}")
                self.supra_fields[budget.theme] = amount
                committed = QLabel(f"  vastgelegd {dutch.euros(budget.exhaustion.committed)}")
                self.add_row(f"supra:{budget.theme}", f"{SUPRA_REGIONAL} · {budget.theme}",
                             hline(QLabel("vast €"), amount, committed))
        if not self.networks:
            self.add_note("Nog geen regionale netwerken: maak ze eerst aan via Netwerken…")
        else:
            self.add_note("Vast ‘standaard’ volgt het standaardbedrag van het thema in dit schooljaar, ook als dat "
                          "later verandert; een ‘eigen bedrag’ blijft staan. Typ een bedrag om het netwerk een eigen "
                          "bedrag te geven, kies ‘standaard’ om het weer te laten volgen. De grondslag zegt welk "
                          "bedrag geldt: het vaste bedrag of het bedrag per leerling × het aantal leerlingen van het "
                          "netwerk in dit schooljaar.")
        self.setMinimumWidth(1020)

    def _link_amount(self, theme: str, kind: QComboBox, entered: QLineEdit) -> None:
        """Typing an amount makes it the network's own; 'standaard' shows the theme's standard as typed above."""
        standard = self.theme_fields[theme][0] if theme in self.theme_fields else None

        def follow() -> None:
            if kind.currentData() == AMOUNT_STANDARD and standard is not None:
                entered.setText(standard.text())

        entered.textEdited.connect(lambda _text: select_data(kind, AMOUNT_OWN))
        kind.currentIndexChanged.connect(lambda _index: follow())
        if standard is not None:
            standard.textChanged.connect(lambda _text: follow())

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        return label

    def submit(self) -> None:
        themes: list[tuple[str, int, int | None, str]] = []
        for name, (standard, rate, basis) in self.theme_fields.items():
            key = f"theme:{name}"
            themes.append((name, euros_of(standard, f"Standaardbedrag {name}", key, allow_zero=True, empty=0) or 0,
                           euros_of(rate, f"Bedrag per leerling {name}", key, allow_zero=True),
                           str(basis.currentData())))
        budgets: list[tuple[str, str, int | None, str]] = []
        for (network, theme), (entered, basis) in self.network_fields.items():
            key = f"budget:{network}:{theme}"
            own = None
            if self.amount_kinds[(network, theme)].currentData() == AMOUNT_OWN:
                own = euros_of(entered, f"{theme} van {network}", key, allow_zero=True, empty=0) or 0
            budgets.append((network, theme, own, str(basis.currentData())))
        supra = [(theme, euros_of(field, f"{SUPRA_REGIONAL} budget {theme}", f"supra:{theme}", allow_zero=True,
                                  empty=0) or 0) for theme, field in self.supra_fields.items()]
        new_theme = self.new_theme.text().strip()
        self.notice = operations.save_budgets(runner=self.runner, year=self.year, themes=themes, budgets=budgets,
                                              supra=supra, new_theme=new_theme)
