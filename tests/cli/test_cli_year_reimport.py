"""`year import` again: refused once the year holds data of the innovation scheme, the file untouched."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from models.services.innovation import support_questions, year_data
from tests.cli.conftest import ok, prepare, refused
from tests.services.helpers import Rows, setup_workbook

NEXT = "2017-2018"


def _next_year(sheets: dict[str, Rows]) -> None:
    sheets["Schooljaar"] = [["Schooljaar", NEXT], ["Eerste maand", "2017-09"], ["Laatste maand", "2018-07"]]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reimport_refused_once_a_support_question_is_submitted(demo_path: Path, tmp_path: Path) -> None:
    workbook = setup_workbook(tmp_path / "opzet 2017-2018.xlsx", _next_year)
    ok("year", "import", str(workbook), db=demo_path)
    prepare(demo_path, lambda s: year_data.open_year(s, NEXT))
    ok("year", "import", str(workbook), db=demo_path)  # what the app made by itself blocks nothing
    prepare(demo_path, lambda s: support_questions.submit_question(s, support_questions.QuestionInput(
        year=NEXT, network="Zuid", title="Meer uitdaging in groep 5-8", description="Plusaanbod",
        theme="Hoogbegaafdheid", schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Springplank")),
        executors=(("Anna Vermeulen", 200_000), ("Ingrid Smit", 150_000)), submitted_on=dt.date(2017, 10, 2)),
        dt.date(2017, 10, 2)))
    before = _sha256(demo_path)
    message = refused("year", "import", str(workbook), db=demo_path)
    assert message == f"Schooljaar {NEXT} bevat al ondersteuningsvragen; de opzet kan niet meer worden vervangen."
    assert _sha256(demo_path) == before
