"""`python -m bench` (`make bench`): the scale benchmarks of issue 5, as ratios measured within one run.

Each measure times two sides alternately, several repetitions, and quotes the ratio of the medians.
Query and registration ratios are measured inside this process (start-up does not hide them);
`--smoke` and `report alv` compare whole processes. `writers` (issue 12) is no ratio: it counts what 20
concurrent `hours add` processes were told and what the file holds (bench/writers.py). Not part of the test
suite.

    python -m bench [--repeat N] [--only NAME ...] [--writers N --entries N] [--pages TITLE ...]
"""
from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import generate, hour_sheet

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DECADE_YEAR = "2024-2025"  # the last full year of the decade
DEMO_YEAR = "2016-2017"
DEMO_TODAY = "2017-03-15"
SMALL_ENTRIES = 10_000


@dataclass
class Result:
    measure: str
    numerator: float  # median seconds (or bytes)
    denominator: float
    target: float | None  # None: shown for reference, no target
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.numerator / self.denominator

    @property
    def ok(self) -> bool:
        return self.target is None or self.ratio <= self.target


def _time(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[float, float]:
    """Median seconds of a and of b, run alternately after a warm-up of each."""
    for _ in range(warmup):
        a()
        b()
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(_time(a))
        times_b.append(_time(b))
    return statistics.median(times_a), statistics.median(times_b)


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("swv-uren")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def _env(tmp: Path, today: str | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SWV_UREN_SETTINGS=str(tmp / "settings.ini"))
    env.pop("SWV_UREN_DB", None)
    # An installed app runs from cached bytecode; without it every start recompiles ~0.15 s of source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if today:
        env["SWV_UREN_TODAY"] = today
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def demo_database(tmp: Path) -> Path:
    path = generate.CACHE / f"demo-v{generate.VERSION}.sqlite"
    if not path.exists():
        generate.CACHE.mkdir(parents=True, exist_ok=True)
        _run(_cli() + ["--db", str(path), "demo"], _env(tmp, DEMO_TODAY))
    return at_head(path)


def at_head(path: Path) -> Path:
    """A cached database brought to this version's schema once, before anything is timed: a copy of an older
    cache would otherwise be migrated (with its back-up) inside every timed run."""
    from models.db import open_database, to_url

    open_database(to_url(path)).dispose()
    return path


# ---------------------------------------------------------------- (a) budgets against a raw GROUP BY

def bench_budgets(decade: Path, repeat: int) -> Result:
    from models.db import open_database, to_url
    from models.services import reporting

    db = open_database(to_url(decade))
    raw = sqlite3.connect(decade)
    year_id = raw.execute("SELECT id FROM school_year WHERE label = ?", (DECADE_YEAR,)).fetchone()[0]

    def service() -> None:
        with db.read() as session:
            rows = reporting.budget_rows(session, DECADE_YEAR, generate.TODAY)
        assert rows

    def group_by() -> None:
        rows = raw.execute(
            "SELECT a.board_id, a.provider_id, h.month, sum(h.minutes) FROM hour_entry h "
            "JOIN agreement a ON a.id = h.agreement_id WHERE a.year_id = ? "
            "GROUP BY a.board_id, a.provider_id, h.month", (year_id,)).fetchall()
        assert rows

    try:
        a, b = paired(service, group_by, repeat)
    finally:
        raw.close()
        db.dispose()
    return Result(f"budgets {DECADE_YEAR} (service / raw GROUP BY)", a, b, 1.5)


# ---------------------------------------------------------------- (b) registering one entry, large against small

class _Rollback(Exception):
    pass


def _registration(path: Path) -> Callable[[], None]:
    """Registering 15 minutes on a confirmed agreement with room left, in one write transaction that
    is rolled back, so every repetition sees the same database."""
    from models.db import open_database, to_url
    from models.domain.errors import Refusal
    from models.domain.months import Month
    from models.services import hours

    db = open_database(to_url(path))
    month = Month(generate.TODAY.year, generate.TODAY.month)
    with sqlite3.connect(path) as raw:
        numbers = [n for (n,) in raw.execute(
            "SELECT a.number FROM agreement a JOIN school_year y ON y.id = a.year_id "
            "WHERE a.status = 'bevestigd' AND a.first_month <= ? AND a.last_month >= ? "
            "ORDER BY y.label DESC, a.sequence", (str(month), str(month)))]

    def attempt(number: str) -> None:
        with db.write() as session:
            hours.register(session, hours.HoursInput(number, month, 15, "bench"), generate.TODAY)
            raise _Rollback

    for number in numbers:
        try:
            attempt(number)
        except _Rollback:
            break
        except Refusal:
            continue
    else:
        raise RuntimeError(f"no agreement in {path.name} takes 15 minutes in {month}")

    def run() -> None:
        try:
            attempt(number)
        except _Rollback:
            pass
    return run


def bench_register(decade: Path, small: Path, repeat: int) -> Result:
    large_run, small_run = _registration(decade), _registration(small)
    a, b = paired(large_run, small_run, max(repeat, 5) * 4, warmup=3)
    return Result("register 1 entry (1,000,000 / 10,000 entries)", a, b, 1.3)


# ---------------------------------------------------------------- (c) --smoke against the stack's floor

def bench_smoke(tmp: Path, repeat: int) -> list[Result]:
    """`--smoke` (the window and its first screen, loaded) against the stack's floor (issue 16): the bare window
    plus the SQLAlchemy ORM and one query, no app code (`floor_window.py`); for reference, the floor against the
    bare window of `bare_window.py`."""
    demo = demo_database(tmp)
    env = _env(tmp, DEMO_TODAY)
    work = tmp / "smoke.sqlite"

    def app() -> None:
        work.write_bytes(demo.read_bytes())  # the app may write (lock, settings); keep the cache clean
        _run(_cli() + ["--db", str(work), "--smoke"], env)

    def bare() -> None:
        _run([sys.executable, str(HERE / "bare_window.py")], env)

    def floor() -> None:
        _run([sys.executable, str(HERE / "floor_window.py"), str(demo)], env)

    a, f = paired(app, floor, repeat)
    f2, b = paired(floor, bare, repeat)
    return [Result("swv-uren --smoke on demo / the stack's floor", a, f, 1.15),
            Result("  reference: the floor (bare window + ORM + 1 query) / bare", f2, b, None)]


# ---------------------------------------------------------------- (d) report alv, decade against demo

def bench_alv(decade: Path, tmp: Path, repeat: int) -> Result:
    demo = demo_database(tmp)
    counter = iter(range(10_000))

    def on(path: Path, year: str, today: str) -> Callable[[], None]:
        def run() -> None:
            out = tmp / f"alv-{next(counter)}.pdf"
            _run(_cli() + ["--db", str(path), "report", "alv", "--year", year, "-o", str(out)], _env(tmp, today))
            out.unlink(missing_ok=True)
        return run

    a, b = paired(on(decade, DECADE_YEAR, generate.TODAY.isoformat()), on(demo, DEMO_YEAR, DEMO_TODAY), repeat)
    return Result(f"report alv (decade {DECADE_YEAR} / demo)", a, b, 2.0)


def bench_alv_entries(decade: Path, small: Path, tmp: Path, repeat: int) -> Result:
    """The same report on the same 60 x 25 SWV, with 1,000,000 against 10,000 hour entries: what the
    history alone costs (the demo comparison above also grows the SWV from 6 x 3 to 60 x 25)."""
    counter = iter(range(10_000))

    def on(path: Path) -> Callable[[], None]:
        def run() -> None:
            out = tmp / f"alv-e-{next(counter)}.pdf"
            _run(_cli() + ["--db", str(path), "report", "alv", "--year", DECADE_YEAR, "-o", str(out)],
                 _env(tmp, generate.TODAY.isoformat()))
            out.unlink(missing_ok=True)
        return run

    a, b = paired(on(decade), on(small), repeat)
    return Result("report alv (1,000,000 / 10,000 entries, same SWV)", a, b, 2.0)


# ---------------------------------------------------------------- (e) peak memory of the hours screen

def bench_memory(decade: Path, tmp: Path, repeat: int) -> Result:
    demo = demo_database(tmp)

    def peak(source: Path, today: str) -> tuple[int, int]:
        work = tmp / f"mem-{source.name}"
        work.write_bytes(source.read_bytes())  # the app may leave a lock file beside its database
        fresh = Path(tempfile.mkdtemp(dir=tmp))  # no remembered page or year from earlier runs
        done = subprocess.run([sys.executable, str(HERE / "hours_memory.py"), str(work)], env=_env(fresh, today),
                              cwd=ROOT, capture_output=True, text=True)
        work.unlink(missing_ok=True)
        if done.returncode != 0:
            raise RuntimeError(f"hours_memory.py failed: {done.stderr.strip()[-2000:]}")
        value, rows = done.stdout.split()
        return int(value), int(rows)

    runs = max(3, repeat // 2)
    large = [peak(decade, generate.TODAY.isoformat()) for _ in range(runs)]
    small = [peak(demo, DEMO_TODAY) for _ in range(runs)]
    return Result(f"peak memory, hours screen (decade / demo; rows {large[0][1]} / {small[0][1]})",
                  statistics.median(p for p, _ in large), statistics.median(p for p, _ in small), 1.5, "MB")


# ---------------------------------------------------------------- (f) importing a 10,000-row hour sheet

def bench_sheet(decade: Path, tmp: Path, repeat: int) -> Result:
    """The service's import (read, check, store; rolled back) against only reading the sheet with openpyxl in
    read-only mode, both in this process."""
    copy, path = hour_sheet.prepare(decade, tmp)
    run, db = hour_sheet.importer(copy, path)
    try:
        a, b = paired(run, lambda: hour_sheet.read_only_rows(path), max(3, repeat))
    finally:
        db.dispose()
    return Result(f"import a {hour_sheet.ROWS:,}-row hour sheet / openpyxl read-only", a, b, 3.0)


# ---------------------------------------------------------------- (g) the UI thread's longest block per action

UI_TARGET_MS = 100.0  # an answer within 100 ms still feels immediate
USABLE_TARGET_MS = 1000.0


def ui_tour(source: Path, tmp: Path, today: str, pages: list[str] | None = None) -> list[dict[str, object]]:
    """bench/ui_probe.py on a copy of `source`, in a fresh settings folder (only `pages`, if given): its JSON
    lines."""
    work = tmp / f"ui-{source.name}"
    work.write_bytes(source.read_bytes())
    fresh = Path(tempfile.mkdtemp(dir=tmp))
    done = subprocess.run([sys.executable, str(HERE / "ui_probe.py"), str(work), *(pages or [])],
                          env=_env(fresh, today),
                          cwd=ROOT, capture_output=True, text=True)
    work.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"ui_probe.py failed: {done.stderr.strip()[-2000:]}")
    import json

    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def bench_ui(decade: Path, tmp: Path, pages: list[str] | None = None) -> str:
    """The tour on the demo and on the decade (only `pages`, if given): a table action -> longest block (ms), the
    worst first."""
    demo = ui_tour(demo_database(tmp), tmp, DEMO_TODAY, pages)
    large = ui_tour(decade, tmp, generate.TODAY.isoformat(), pages)
    on_demo = {str(r["action"]): float(r["block_ms"]) for r in demo}  # type: ignore[arg-type]
    lines = [f"{'action':<62} {'demo':>8} {'decade':>8}  ok (≤ {UI_TARGET_MS:.0f} ms)"]
    for row in sorted(large, key=lambda r: -float(r["block_ms"])):  # type: ignore[arg-type]
        name, block = str(row["action"]), float(row["block_ms"])  # type: ignore[arg-type]
        ok = "yes" if block <= UI_TARGET_MS and on_demo.get(name, 0.0) <= UI_TARGET_MS else "MISSED"
        lines.append(f"{name[:62]:<62} {on_demo.get(name, float('nan')):>6.0f}ms {block:>6.0f}ms  {ok}")
    usable = {"demo": float(demo[0]["usable_ms"]), "decade": float(large[0]["usable_ms"])}  # type: ignore[arg-type]
    worst = max(float(r["block_ms"]) for r in large)  # type: ignore[arg-type]
    missed = sum(1 for line in lines[1:] if line.endswith("MISSED"))
    lines.append(f"window usable after start: demo {usable['demo']:.0f} ms, decade {usable['decade']:.0f} ms "
                 f"(target ≤ {USABLE_TARGET_MS:.0f} ms); worst block on the decade {worst:.0f} ms; "
                 f"{missed} of {len(lines) - 1} actions over {UI_TARGET_MS:.0f} ms")
    return "\n".join(lines)


# ---------------------------------------------------------------- the table

def machine() -> str:
    return (f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}")


def _target(result: Result) -> str:
    return "-" if result.target is None else f"≤ {result.target:g}"


def _verdict(result: Result) -> str:
    return "-" if result.target is None else "yes" if result.ok else "MISSED"


def table(results: list[Result]) -> str:
    lines = [f"{'measure':<60} {'median a':>10} {'median b':>10} {'ratio':>7} {'target':>7}  ok"]
    for r in results:
        scale, unit = (1e-6, "MB") if r.unit == "MB" else (1000, "ms")
        lines.append(f"{r.measure:<60} {r.numerator * scale:>8.1f}{unit} {r.denominator * scale:>8.1f}{unit} "
                     f"{r.ratio:>7.2f} {_target(r):>7}  {_verdict(r)}")
    return "\n".join(lines)


BENCHES = ("budgets", "register", "smoke", "alv", "alv-entries", "memory", "sheet", "ui", "writers")
NEEDS_DECADE = {"budgets", "register", "alv", "alv-entries", "memory", "sheet", "ui"}


def bench_writers(tmp: Path, writers_count: int, entries: int) -> list[str]:
    """Issue 12, section 4: 20 writer processes at once (and backups alongside); counts, not a ratio."""
    import datetime as dt

    from . import writers

    outcome = writers.run(_cli(), demo_database(tmp), tmp, _env(tmp, DEMO_TODAY), dt.date.fromisoformat(DEMO_TODAY),
                          writers_count, entries)
    lines = [f"concurrent writers: {line}" for line in outcome.lines()]
    lines += [f"  busy: {text}" for text in sorted(outcome.busy_texts)]
    lines += [f"  other refusal: {text}" for text in outcome.other[:5]]
    lines.append(f"concurrent writers: {'ok' if outcome.ok else 'MISSED'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=BENCHES, default=list(BENCHES))
    parser.add_argument("--writers", type=int, default=20, help="writer processes at once (bench 'writers')")
    parser.add_argument("--entries", type=int, default=20, help="entries per writer (bench 'writers')")
    parser.add_argument("--pages", nargs="*", help="bench 'ui': tour only these pages (titles, e.g. Uren), no menus")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", flush=True)
    started = time.perf_counter()
    if NEEDS_DECADE & set(args.only):
        decade = at_head(generate.ensure())
        small = at_head(generate.ensure(SMALL_ENTRIES))
        print(f"decade DB: {decade.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - started:.1f} s to make or "
              "find)", flush=True)
    results: list[Result] = []
    counted: list[str] = []
    tours: list[str] = []
    with tempfile.TemporaryDirectory(prefix="swv-bench-") as name:
        tmp = Path(name)
        for bench in args.only:
            if bench == "budgets":
                results.append(bench_budgets(decade, args.repeat))
            elif bench == "register":
                results.append(bench_register(decade, small, args.repeat))
            elif bench == "smoke":
                results.extend(smoke := bench_smoke(tmp, args.repeat))
                print(table(smoke[:-1]).splitlines()[-1], flush=True)
            elif bench == "alv":
                results.append(bench_alv(decade, tmp, args.repeat))
            elif bench == "alv-entries":
                results.append(bench_alv_entries(decade, small, tmp, args.repeat))
            elif bench == "memory":
                results.append(bench_memory(decade, tmp, args.repeat))
            elif bench == "sheet":
                results.append(bench_sheet(decade, tmp, args.repeat))
            elif bench == "ui":
                tours.append(bench_ui(decade, tmp, args.pages))
                continue
            elif bench == "writers":
                counted.extend(lines := bench_writers(tmp, args.writers, args.entries))
                print("\n".join(lines), flush=True)
                continue
            print(table(results[-1:]).splitlines()[-1], flush=True)
    print()
    if results:
        print(table(results))
    for tour in tours:
        print()
        print(tour)
    if counted:
        print("\n".join(counted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
