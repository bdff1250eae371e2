"""The month grid, Overzicht, Reserve and Uitputting mark by the one rule of models/domain/usage.py."""
from __future__ import annotations


def test_the_screens_say_the_same_state_in_their_own_words() -> None:
    """The month grid, Overzicht, Reserve and Uitputting read the one rule (their words differ by place)."""
    from models.domain.months import Month
    from models.services.innovation_report import Exhaustion
    from models.services.overview import OverviewRow
    from models.services.reserve import ReserveLine
    from views.hours.grid import Cell
    from views.reserve.page import reserve_state

    month = Month(2016, 10)
    for used, limit, cell, status, reserve, budget in [
        (0, 0, "", "", "geen reserve", "geen budget"),
        (95, 100, "", "bijna op", "bijna op", "bijna op"),
        (100, 100, "vol", "op", "op", "op"),
        (120, 100, "over", "over budget", None, "over budget"),
    ]:
        assert Cell(month, limit, 0, used, False).state == cell
        assert OverviewRow("KPO", "Kameleon", month, limit, 0, used, max(limit - used, 0), 0, used, limit,
                           False).status == status
        if reserve is not None:
            assert reserve_state(ReserveLine("Kameleon", limit, used)) == reserve
        assert Exhaustion(limit, used, 0, max(limit - used, 0)).state == budget
