"""A seeded generator of "a decade of a large SWV": 10 school years, 60 boards, 25 providers,
20,000 agreements and (by default) 1,000,000 hour entries.

The schema comes from the migrations (open_database(..., create=True)); the rows are written with
SQLAlchemy Core executemany in chunks, bypassing the services, but every row satisfies the schema's
constraints: keys add up to 100 % per year, months lie inside each year, agreements with hours are
confirmed (or completed) and no agreement is booked beyond its hours. Minutes are whole quarter hours.

The file is cached under bench/.cache/, keyed by VERSION, the seed and the number of entries.

    python -m bench.generate [--entries N] [--force]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert

from models.db import open_database, to_url
from models.orm import (
    Agreement, Board, BudgetAdjustment, HourEntry, MonthEvent, Provider, ReserveGrant, School, SchoolYear,
    YearBoard, YearProvider,
)

VERSION = "1"
SEED = 20161
CACHE = Path(__file__).with_name(".cache")

YEARS = 10
FIRST_YEAR = 2016
BOARDS = 60
PROVIDERS = 25
AGREEMENTS = 20_000
ENTRIES = 1_000_000
TODAY = dt.date(FIRST_YEAR + YEARS, 3, 15)  # in the last school year: 2025-2026, March open
LAST_CLOSED = (FIRST_YEAR + YEARS - 1, 12)  # months up to December 2025 are closed
CHUNK = 50_000

KINDS = ("arrangement", "arrangement", "arrangement", "preventief", "coaching", "teamtraining")
CLUSTERS = ("Cluster 1", "Cluster 2", "Cluster 3", "Cluster 4", "")


def cached_path(entries: int = ENTRIES) -> Path:
    return CACHE / f"decade-v{VERSION}-s{SEED}-e{entries}.sqlite"


def ensure(entries: int = ENTRIES, *, force: bool = False, quiet: bool = False) -> Path:
    """The cached decade database with `entries` hour entries, generated when missing."""
    path = cached_path(entries)
    if path.exists() and not force:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    generate(tmp, entries)
    os.replace(tmp, path)
    if not quiet:
        size = path.stat().st_size / 1e6
        print(f"generated {path.name}: {entries:,} entries in {time.perf_counter() - started:.1f} s, "
              f"{size:.0f} MB", file=sys.stderr)
    return path


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    y, m = first
    out = []
    while (y, m) <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _shares(rng: random.Random, n: int, total: int = 10_000) -> list[int]:
    """n integer shares adding up to exactly `total` (largest remainder)."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(n)]
    s = sum(weights)
    exact = [w * total / s for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(n), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _month_date(rng: random.Random, month: str) -> dt.date:
    y, m = int(month[:4]), int(month[5:])
    return dt.date(y, m, rng.randint(1, 28))


def generate(path: Path, entries: int = ENTRIES, seed: int = SEED) -> None:
    rng = random.Random(seed)
    db = open_database(to_url(path), create=True)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.dbapi_connection  # outside a transaction: the engine's BEGIN is not yet sent
            for pragma in ("synchronous = OFF", "cache_size = -400000", "secure_delete = OFF"):
                raw.execute(f"PRAGMA {pragma}")

            def put(table, rows):  # one transaction per chunk
                for i in range(0, len(rows), CHUNK):
                    with conn.begin():
                        conn.execute(insert(table), rows[i:i + CHUNK])

            _fill(put, rng, entries)
            raw.execute("ANALYZE")
    finally:
        db.dispose()


def _fill(put, rng: random.Random, entries: int) -> None:
    created = dt.datetime(FIRST_YEAR, 8, 1, 9, 0)
    # ---------------------------------------------------------------- years, boards, providers
    years = []
    for i in range(YEARS):
        y = FIRST_YEAR + i
        years.append(dict(id=i + 1, label=f"{y}-{y + 1}", first_month=f"{y}-09", last_month=f"{y + 1}-07",
                          rounding="per cel", is_demo=False, created_at=created.replace(year=y)))
    put(SchoolYear, years)
    boards = [dict(id=b, name=f"Stichting Onderwijs {b:02d}", name_key=f"stichting onderwijs {b:02d}",
                   contact_person=f"Contact {b:02d}", email=f"contact{b:02d}@bestuur{b:02d}.example")
              for b in range(1, BOARDS + 1)]
    put(Board, boards)
    schools, school_of = [], {}
    for b in range(1, BOARDS + 1):
        for s in range(rng.randint(2, 8)):
            sid = len(schools) + 1
            name = f"Basisschool {b:02d}-{s + 1}"
            schools.append(dict(id=sid, board_id=b, name=name, name_key=name.casefold()))
            school_of.setdefault(b, []).append(sid)
    put(School, schools)
    providers = [dict(id=p, name=f"Expertisecentrum {p:02d}", name_key=f"expertisecentrum {p:02d}",
                      cluster=CLUSTERS[p % len(CLUSTERS)], contact_person=f"Begeleider {p:02d}",
                      email=f"info@centrum{p:02d}.example") for p in range(1, PROVIDERS + 1)]
    put(Provider, providers)

    # ---------------------------------------------------------------- year set-up
    year_providers, year_boards, contract = [], [], {}
    board_keys: dict[int, list[int]] = {}
    for year in years:
        yid = year["id"]
        for pos, p in enumerate(range(1, PROVIDERS + 1)):
            hours = rng.randint(3_000, 12_000)
            reserve = hours * rng.randint(3, 10) // 100
            contract[(yid, p)] = hours - reserve
            year_providers.append(dict(year_id=yid, provider_id=p, position=pos, contract_minutes=hours * 60,
                                       reserve_minutes=reserve * 60))
        pupils = _shares(rng, BOARDS)
        keys = _shares(rng, BOARDS)
        board_keys[yid] = keys
        for pos, b in enumerate(range(1, BOARDS + 1)):
            year_boards.append(dict(year_id=yid, board_id=b, position=pos, pupil_share=pupils[pos],
                                    key_share=keys[pos], minimum_share=None))
    put(YearProvider, year_providers)
    put(YearBoard, year_boards)

    # ---------------------------------------------------------------- agreements and hours
    per_year = AGREEMENTS // YEARS
    today_month = f"{TODAY.year:04d}-{TODAY.month:02d}"
    agreements, hour_rows = [], []
    spans: dict[int, list[str]] = {}
    board_ids = list(range(1, BOARDS + 1))
    provider_ids = list(range(1, PROVIDERS + 1))
    aid = 0
    for year in years:
        yid, first_year = year["id"], int(year["label"][:4])
        last_year = yid == YEARS
        months = _months((first_year, 9), (first_year + 1, 7))
        bookable_until = today_month if last_year else months[-1]
        p_weights = [contract[(yid, p)] for p in provider_ids]
        chosen_boards = rng.choices(board_ids, weights=board_keys[yid], k=per_year)
        chosen_providers = rng.choices(provider_ids, weights=p_weights, k=per_year)
        for seq in range(1, per_year + 1):
            aid += 1
            b, p = chosen_boards[seq - 1], chosen_providers[seq - 1]
            start = rng.randrange(0, len(months) - 1) if rng.random() < 0.5 else 0
            end = rng.randrange(start, len(months)) if rng.random() < 0.3 else len(months) - 1
            first, last = months[start], months[end]
            reported = _month_date(rng, first) - dt.timedelta(days=rng.randint(10, 40))
            registered = reported + dt.timedelta(days=rng.randint(0, 7))
            confirmed = registered + dt.timedelta(days=rng.randint(0, 10))
            r = rng.random()
            if last_year:
                status = "bevestigd" if r < 0.9 else ("gemeld" if r < 0.95 else "geregistreerd")
                if first > today_month:
                    status = rng.choice(("gemeld", "geregistreerd"))
            else:
                status = "afgerond" if r < 0.9 else ("bevestigd" if r < 0.95 else "ingetrokken")
            if status == "gemeld":
                registered = confirmed = None
            elif status == "geregistreerd":
                confirmed = None
            elif status == "ingetrokken":
                confirmed = None if rng.random() < 0.5 else confirmed
            closed_on = None
            if status in ("afgerond", "ingetrokken"):
                closed_on = max(confirmed or registered or reported, dt.date(first_year + 1, 7, 31))
            agreements.append(dict(
                id=aid, year_id=yid, sequence=seq, number=f"{first_year}-{seq:03d}", board_id=b,
                school_id=rng.choice(school_of[b]) if rng.random() < 0.8 else None, provider_id=p,
                kind=rng.choice(KINDS), description=f"Begeleiding leerling groep {rng.randint(1, 8)}",
                pupil_ref=f"L{aid:06d}" if rng.random() < 0.6 else "", minutes=0, first_month=first,
                last_month=last, status=status, reported_on=reported, registered_on=registered,
                confirmed_on=confirmed, closed_on=closed_on, board_contact=f"Contact {b:02d}",
                provider_contact=f"Begeleider {p:02d}", is_demo=False))
            # hours: confirmed or completed agreements only, from the month of confirmation on
            if status in ("bevestigd", "afgerond"):
                start_month = max(first, f"{confirmed.year:04d}-{confirmed.month:02d}")
                span = [m for m in months if start_month <= m <= min(last, bookable_until)]
                if span:
                    spans[aid] = span
    # exactly `entries` entries, spread unevenly over the agreements that can carry hours
    eligible = list(spans)
    weights = [rng.expovariate(1) for _ in eligible]
    booked = dict.fromkeys(range(1, aid + 1), 0)
    quarters = (2, 3, 4, 4, 4, 6, 6, 8, 8, 12, 16)
    for a in rng.choices(eligible, weights=weights, k=entries):
        span = spans[a]
        month = span[int(rng.random() * len(span))]
        minutes = 15 * quarters[int(rng.random() * len(quarters))]
        booked[a] += minutes
        at = dt.datetime(int(month[:4]), int(month[5:]), 1 + int(rng.random() * 28), 8 + int(rng.random() * 10),
                         int(rng.random() * 60))
        hour_rows.append((at, a, month, minutes))
    for row in agreements:
        done = booked[row["id"]]
        agreed = max(done + 60 * rng.randint(5, 40), 60 * rng.randint(10, 120))
        row["minutes"] = -(-agreed // 60) * 60
    put(Agreement, agreements)
    del agreements
    hour_rows.sort(key=lambda r: r[0])  # ids in the order they were entered
    rows = [dict(agreement_id=a, month=m, minutes=mins, note="", source="app" if i % 5 else "import",
                 created_at=at) for i, (at, a, m, mins) in enumerate(hour_rows)]
    del hour_rows
    put(HourEntry, rows)
    del rows

    # ---------------------------------------------------------------- reserve, adjustments, month events
    grants, adjustments, events = [], [], []
    for year in years:
        yid, first_year = year["id"], int(year["label"][:4])
        months = _months((first_year, 9), (first_year + 1, 7))
        seen = set()
        for _ in range(60):
            b, p, month = rng.choice(board_ids), rng.choice(provider_ids), rng.choice(months)
            grants.append(dict(year_id=yid, board_id=b, provider_id=p, month=month, minutes=60 * rng.randint(1, 8),
                               reason="Extra inzet na overleg", granted_on=_month_date(rng, month),
                               created_at=created.replace(year=first_year)))
            if (b, p, month) not in seen and len(seen) < 30:
                seen.add((b, p, month))
                adjustments.append(dict(year_id=yid, board_id=b, provider_id=p, month=month,
                                        minutes=60 * rng.randint(0, 40), note="Afwijkende afspraak",
                                        changed_at=created.replace(year=first_year)))
        for month in months:
            if (int(month[:4]), int(month[5:])) <= LAST_CLOSED:
                y, m = int(month[:4]), int(month[5:])
                at = dt.datetime(y + (m == 12), m % 12 + 1, 5, 10, 0)
                events.append(dict(year_id=yid, month=month, action="afgesloten", reason="", user="bench", at=at))
    put(ReserveGrant, grants)
    put(BudgetAdjustment, adjustments)
    put(MonthEvent, events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    print(ensure(args.entries, force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
