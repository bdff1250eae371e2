"""services.hour_list: every entry of a year, filtered and sorted in SQL, paged by keyset."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select

from models.db import Database
from models.domain.months import Month
from models.orm import Agreement, HourEntry
from models.services import hour_list
from models.services.hour_list import HourListQuery

YEAR = "2016-2017"


def add_entries(db: Database, count: int, note: str = "extra") -> None:
    """`count` entries spread over the demo's agreements and months, straight into the table (the list shows
    what is stored; the booking rules are not what is tested here)."""
    with db.write() as session:
        ids = list(session.scalars(select(Agreement.id).order_by(Agreement.id)))
        months = [str(Month(2016, 9).plus(i)) for i in range(10)]
        session.execute(insert(HourEntry), [
            {"agreement_id": ids[i % len(ids)], "month": months[i % len(months)], "minutes": 15 * (1 + i % 17),
             "note": f"{note} {i}", "source": "app", "created_at": dt.datetime(2017, 1, 1, 8) + dt.timedelta(minutes=i)}
            for i in range(count)])


def second_year_with_an_entry(db: Database) -> str:
    """The demo's set-up again as 2017-2018, with one confirmed agreement and one entry."""
    import dataclasses
    import datetime as dt

    from models.services import agreements, demo, hours, years

    setup = dataclasses.replace(demo.reference_setup(), label="2017-2018", first_month=Month(2017, 9),
                                last_month=Month(2018, 7))
    today = dt.date(2018, 1, 15)
    with db.write() as session:
        years.create_or_replace(session, setup)
        number = agreements.register(session, agreements.AgreementInput(
            year="2017-2018", board="KPO", provider="Kameleon", minutes=600, first_month=Month(2017, 9),
            last_month=Month(2018, 6), registered_on=dt.date(2017, 9, 1)), today)
        agreements.confirm(session, number, dt.date(2017, 9, 2), today)
        hours.register(session, hours.HoursInput(number, Month(2017, 10), 120, note="tweede jaar"), today)
    return number


def everything(db: Database, query: HourListQuery, limit: int = 100) -> list[hour_list.HourLine]:
    """All pages, one after the other, as the screen fetches them."""
    lines: list[hour_list.HourLine] = []
    with db.read() as session:
        while True:
            page = hour_list.page(session, query, lines[-1].key if lines else None, limit)
            lines.extend(page)
            if len(page) < limit:
                return lines


def stored(db: Database) -> int:
    with db.read() as session:
        return hour_list.count(session, HourListQuery(YEAR))


def test_pages_follow_each_other_without_gaps_or_repeats(demo_db: Database) -> None:
    before = stored(demo_db)
    add_entries(demo_db, 1000)
    query = HourListQuery(YEAR)
    with demo_db.read() as session:
        total = hour_list.count(session, query)
        first = hour_list.page(session, query, None, 100)
    assert total == before + 1000
    lines = everything(demo_db, query)
    assert len(lines) == total and len({line.id for line in lines}) == total
    assert [line.id for line in lines] == sorted(line.id for line in lines)
    assert lines[:100] == first


@pytest.mark.parametrize("sort", ["agreement", "board", "provider", "month", "minutes", "note", "created_at"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_is_done_in_sql_and_keeps_paging(demo_db: Database, sort: str, descending: bool) -> None:
    add_entries(demo_db, 500)
    total = stored(demo_db)
    lines = everything(demo_db, HourListQuery(YEAR, sort=sort, descending=descending), limit=70)
    assert len(lines) == total and len({line.id for line in lines}) == total
    keys = [line.key for line in lines]
    assert keys == sorted(keys, reverse=descending)


def test_search_words_each_match_somewhere(demo_db: Database) -> None:
    add_entries(demo_db, 300, note="Opgave Kameleon")
    with demo_db.read() as session:
        def count(search: str) -> int:
            return hour_list.count(session, HourListQuery(YEAR, search))

        everything_ = count("")
        kpo = count("kpo")  # a board, any case
        lines = hour_list.page(session, HourListQuery(YEAR, "kpo"), None, 1000)
        assert kpo == len(lines) and 0 < kpo < everything_
        assert {line.board for line in lines} == {"KPO"}
        assert count("KPO driespan") == sum(1 for line in lines if line.provider == "Driespan")
        assert count("2016-001") == count("2016-001 kpo") > 0  # the agreement's number
        assert count("2016-10") > 0 and all(line.month == Month(2016, 10) for line in
                                              hour_list.page(session, HourListQuery(YEAR, "2016-10"), None, 1000))
        assert count("opgave") == 300  # the note
        assert count("100%") == 0 and count("_") == 0  # LIKE's wildcards are plain characters
        assert count("niets dergelijks") == 0


def test_an_unknown_year_is_refused(demo_db: Database) -> None:
    from models.domain.errors import NotFound

    with demo_db.read() as session, pytest.raises(NotFound):
        hour_list.count(session, HourListQuery("2030-2031"))


def test_an_unknown_sort_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        HourListQuery(YEAR, sort="hours; drop table")


def test_no_year_lists_every_year(demo_db: Database) -> None:
    number = second_year_with_an_entry(demo_db)
    with demo_db.read() as session:
        every = hour_list.count(session, HourListQuery(None))
        assert every == hour_list.count(session, HourListQuery(YEAR)) + hour_list.count(
            session, HourListQuery("2017-2018")) == stored(demo_db) + 1
    lines = everything(demo_db, HourListQuery(None, "tweede"))
    assert [(line.agreement, line.month) for line in lines] == [(number, Month(2017, 10))]


@pytest.mark.parametrize("search", ["kpo", "KAMELEON 2016-10", "2016-0", "-1", "opgave 7", "2016-002 opgave", "eon",
                                    "16", "niets"])
@pytest.mark.parametrize("year", [YEAR, None])
def test_the_search_matches_what_the_words_say(demo_db: Database, search: str, year: str | None) -> None:
    """Each word in the agreement's number, board or provider, the month or the note, any case: the SQL (which
    matches agreements first, and months only for words that could be in one) against the plain definition."""
    add_entries(demo_db, 200, note="Opgave")
    second_year_with_an_entry(demo_db)

    def matches(line: hour_list.HourLine, word: str) -> bool:
        return any(word in text.lower() for text in (line.agreement, line.board, line.provider, str(line.month),
                                                     line.note))

    every = everything(demo_db, HourListQuery(year))
    wanted = [line.id for line in every if all(matches(line, w) for w in search.lower().split())]
    found = everything(demo_db, HourListQuery(year, search), limit=50)
    assert [line.id for line in found] == wanted
    with demo_db.read() as session:
        assert hour_list.count(session, HourListQuery(year, search)) == len(wanted)


def test_start_shows_the_first_page_and_counts_no_further_than_needed(demo_db: Database) -> None:
    add_entries(demo_db, 300, note="Opgave")
    total = stored(demo_db)
    with demo_db.read() as session:
        plain = hour_list.start(session, HourListQuery(YEAR), limit=100)
        assert (plain.matching, plain.more, plain.total) == (total, False, total)
        assert plain.lines == hour_list.page(session, HourListQuery(YEAR), None, 100)
        # A first page that is not full holds every match: nothing else to count.
        few = hour_list.start(session, HourListQuery(YEAR, "opgave 177"), limit=100)
        assert few.matching == len(few.lines) == hour_list.count(session, HourListQuery(YEAR, "opgave 177")) > 0
        assert not few.more and few.total == total
        # Many matches: counted up to the limit, and said to be more.
        many = hour_list.start(session, HourListQuery(YEAR, "opgave"), limit=100, count_limit=250)
        assert (many.matching, many.more, len(many.lines)) == (250, True, 100)
        exact = hour_list.start(session, HourListQuery(YEAR, "opgave"), limit=100, count_limit=300)
        assert (exact.matching, exact.more) == (300, False)
        assert hour_list.count(session, HourListQuery(YEAR, "opgave"), at_most=120) == 120


@pytest.mark.parametrize("year", [YEAR, None])
def test_start_sums_the_hours_of_every_match_not_only_of_the_first_page(demo_db: Database, year: str | None) -> None:
    add_entries(demo_db, 300, note="Opgave")
    second_year_with_an_entry(demo_db)

    def summed(search: str) -> int:
        return sum(line.minutes for line in everything(demo_db, HourListQuery(year, search)))

    with demo_db.read() as session:
        plain = hour_list.start(session, HourListQuery(year), limit=100)
        few = hour_list.start(session, HourListQuery(year, "opgave 177"), limit=100)
        many = hour_list.start(session, HourListQuery(year, "opgave"), limit=100, count_limit=250)
        none = hour_list.start(session, HourListQuery(year, "zzz"), limit=100)
    assert plain.minutes == summed("") > sum(line.minutes for line in plain.lines)
    assert few.minutes == summed("opgave 177") > 0
    assert many.more and many.minutes == summed("opgave") > sum(line.minutes for line in many.lines)
    assert none.minutes == 0
