"""One rule for how far a limit is used: months, a provider's reserve and innovation budgets all mark by it."""
from __future__ import annotations

import pytest

from models.domain.usage import Usage, usage


@pytest.mark.parametrize(("used", "limit", "expected"), [
    (0, 0, Usage.NOTHING),
    (1, 0, Usage.OVER),
    (0, 100, Usage.WITHIN),
    (89, 100, Usage.WITHIN),
    (90, 100, Usage.NEARLY),  # from 90 %: "bijna op"
    (99, 100, Usage.NEARLY),
    (100, 100, Usage.USED_UP),
    (101, 100, Usage.OVER),
    (1619, 1800, Usage.WITHIN),  # 89,9 %
    (1620, 1800, Usage.NEARLY),  # 90 % exactly, in minutes
])
def test_usage_of_a_limit(used: int, limit: int, expected: Usage) -> None:
    assert usage(used, limit) is expected


@pytest.mark.parametrize(("used", "limit", "expected"), [
    (0, 1, Usage.WITHIN), (1, 1, Usage.USED_UP), (0, 2, Usage.WITHIN), (2, 1, Usage.OVER), (0, -1, Usage.OVER),
])
def test_a_limit_of_one_minute_or_cent_is_a_limit(used: int, limit: int, expected: Usage) -> None:
    assert usage(used, limit) is expected
