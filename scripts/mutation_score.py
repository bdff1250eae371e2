"""The score of `make mutate` per file: killed, survived, equivalent-listed, score over behaviour-changing mutants.

Reads what mutmut wrote in mutants/ (one `<file>.meta` per mutated file) and the list of mutants judged
equivalent or message-only (mutation-equivalents.txt beside pyproject.toml). A mutant listed there does
not count; every other mutant changes behaviour and counts as killed (a test failed, or it ran out of
time) or as survived (no test failed, or no test of the selection reaches it).

    python scripts/mutation_score.py [--survivors] [--min 95]

--survivors prints the diff of every survivor that is not listed; --min makes the exit status 1 when a
file scores below that percentage.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "mutation-equivalents.txt"

KILLED = {1, 3, 24, -24, 152, 255, 36}  # a test failed, pytest broke, or the mutant ran out of time
SURVIVED = {0, 5, 33}  # no test failed, or no test reaches the mutant


def listed_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """`<mutant>  # <why>` per line (the mutant as mutmut or scripts/mutation_constants.py names it); a line
    that starts with # is a comment."""
    listed: dict[str, str] = {}
    if not path.exists():
        return listed
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, why = line.partition("  # ")
        if not why.strip():
            raise SystemExit(f"{path.name}: '{line}' heeft geen reden (schrijf: <mutant>  # <waarom>)")
        listed[name.strip()] = why.strip()
    return listed


def results() -> dict[str, dict[str, int | None]]:
    """Exit code per mutant name, per source file (relative path)."""
    found = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        source = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        found[source] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="print the diff of every unlisted survivor")
    parser.add_argument("--min", type=float, default=None, help="fail when a file scores below this percentage")
    args = parser.parse_args(argv)
    if not MUTANTS.is_dir():
        print("Geen mutants/: draai eerst `make mutate`.", file=sys.stderr)
        return 2
    listed = listed_equivalents()
    seen: set[str] = set()
    rows, survivors, unchecked = [], [], []
    for source, codes in results().items():
        killed = survived = equivalent = 0
        for name, code in codes.items():
            if name in listed:
                seen.add(name)
                if code in KILLED:
                    print(f"let op: {name} staat in {EQUIVALENTS.name} maar is gedood; haal hem eruit",
                          file=sys.stderr)
                    killed += 1
                else:
                    equivalent += 1
            elif code in KILLED:
                killed += 1
            elif code in SURVIVED:
                survived += 1
                survivors.append(name)
            else:
                unchecked.append((name, code))
        counted = killed + survived
        rows.append((source, killed, survived, equivalent, 100.0 * killed / counted if counted else 100.0,
                     sum(1 for n, _ in unchecked if n.startswith(source.removesuffix(".py").replace("/", ".") + "."))))
    width = max(len(r[0]) for r in rows) if rows else 4
    not_run = " not run |" if unchecked else ""
    print(f"| {'file':<{width}} | killed | survived | equivalent-listed | score |{not_run}")
    print(f"|{'-' * (width + 2)}|-------:|---------:|------------------:|------:|{'--------:|' if unchecked else ''}")
    for source, killed, survived, equivalent, score, missing in rows:
        extra = f" {missing:>7} |" if unchecked else ""
        print(f"| {source:<{width}} | {killed:>6} | {survived:>8} | {equivalent:>17} | {score:>4.1f} % |{extra}")
    totals = [sum(r[i] for r in rows) for i in (1, 2, 3)]
    counted = totals[0] + totals[1]
    print(f"| {'total':<{width}} | {totals[0]:>6} | {totals[1]:>8} | {totals[2]:>17} | "
          f"{100.0 * totals[0] / counted if counted else 100.0:>4.1f} % |")
    for name in sorted(n for n in set(listed) - seen if not n.startswith("const:")):  # const: see mutation_constants
        print(f"let op: {name} staat in {EQUIVALENTS.name} maar bestaat niet (meer)", file=sys.stderr)
    if unchecked:
        print(f"let op: {len(unchecked)} mutanten zonder uitslag (de run is afgebroken of loopt nog): niet geteld, "
              f"zie 'not run'", file=sys.stderr)
    if args.survivors and survivors:
        from mutmut.mutation.diff_apply import get_diff_for_mutant  # the run's own reading of its mutants

        import os

        os.chdir(ROOT)
        for name in survivors:
            print()
            print(f"# {name}")
            print(get_diff_for_mutant(name))
    if args.min is not None and (unchecked or any(row[4] < args.min for row in rows)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
