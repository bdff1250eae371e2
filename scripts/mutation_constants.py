"""Mutants of the module-level patterns and limits of models/domain, which mutmut leaves alone.

mutmut 3 mutates only code inside functions; the rules that live in module-level constants (the BSN and
date patterns, the euro and hour patterns, MAX_CENTS, MAX_HOURS, TITLE_LENGTH, FULL ...) are mutated here:

- every raw string (a regular expression): each alternative of each group left out, each look-around
  left out, each item of a character class left out and each range narrowed by one at either end,
  each bound of a {m,n} moved by one, each ?, + and * quantifier left out, each anchor and \\b left
  out, each digit outside a class one higher;
- every number one higher and one lower;
- every re.ASCII and re.IGNORECASE flag left out.

A mutant is loaded in place of its module in a forked test process that runs the tests of tests/domain
that import that module (`-x`); it is killed when a test fails. Mutants that make no valid module (a
pattern that no longer compiles) or repeat another are dropped. Survivors judged equivalent are listed in
mutation-equivalents.txt as `const:<file>:<NAME>:<mutation>` with their reason.

    python scripts/mutation_constants.py [--only privacy money] [--survivors]
"""
from __future__ import annotations

import argparse
import ast
import importlib.abc
import importlib.util
import io
import os
import re
import sys
import time
import tokenize
import types
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "models" / "domain"
TESTS = ROOT / "tests" / "domain"
sys.path.insert(0, str(ROOT / "scripts"))
from mutation_score import listed_equivalents  # noqa: E402

TIMEOUT = 60.0  # seconds for one mutant's tests
# The hour sheet's layout and limits belong to the hour-sheet import (tests/services/test_hour_sheets.py), which is
# not one of the booking services of `make mutate`.
SKIP = {"hour_sheet.py"}


@dataclass(frozen=True)
class Mutant:
    module: str  # models.domain.privacy
    path: Path
    name: str  # the constant assigned, e.g. _BSN_WORD
    what: str  # e.g. "leave out alternative 'sofinummer'"
    source: str  # the whole mutated module

    @property
    def key(self) -> str:
        return f"const:{self.path.relative_to(ROOT).as_posix()}:{self.name}:{self.what}"


# ---------------------------------------------------------------- mutations of one regular expression


def _class_end(body: str, i: int) -> int:
    """Index of the ']' closing the character class that opens at body[i]."""
    j = i + 1
    if j < len(body) and body[j] == "^":
        j += 1
    if j < len(body) and body[j] == "]":
        j += 1
    while j < len(body) and body[j] != "]":
        j += 2 if body[j] == "\\" else 1
    return j


def _class_items(content: str) -> list[tuple[int, int]]:
    """(start, end) of each item of a class: a character, an escape or a range a-b."""
    items, i = [], 1 if content.startswith("^") else 0
    while i < len(content):
        start = i
        i += 2 if content[i] == "\\" else 1
        if i + 1 < len(content) and content[i] == "-":
            i += 3 if content[i + 1] == "\\" else 2
        items.append((start, i))
    return items


def regex_mutations(body: str, fstring: bool) -> list[tuple[str, str]]:
    """(description, mutated body) for the source of one pattern (f-string placeholders left as they are)."""
    found: list[tuple[str, str]] = []

    def cut(start: int, end: int, what: str, insert: str = "") -> None:
        found.append((what, body[:start] + insert + body[end:]))

    groups: list[tuple[int, int, list[int], int]] = []  # (open paren or -1, close, pipes, content start)
    stack: list[tuple[int, list[int], int]] = [(-1, [], 0)]
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if body[i + 1] == "b":
                cut(i, i + 2, "leave out \\b")
            i += 2
            continue
        if fstring and c == "{" and body[i:i + 2] != "{{":
            i = body.index("}", i) + 1  # a placeholder: its own constant is mutated where it is defined
            continue
        quantifier = re.match(r"\{\{(\d+)(,(\d*))?\}\}" if fstring else r"\{(\d+)(,(\d*))?\}", body[i:])
        if quantifier:
            low, comma, high = quantifier.group(1), quantifier.group(2), quantifier.group(3)
            brace = 2 if fstring else 1
            end = i + quantifier.end()

            lo, hi = int(low), (int(high) if high else None)
            if not comma:
                variants = [f"{lo + 1}", f"{lo - 1}"] if lo > 0 else [f"{lo + 1}"]
            else:
                variants = [f"{new_lo},{'' if new_hi is None else new_hi}"
                            for new_lo, new_hi in ((lo + 1, hi), (lo - 1, hi), (lo, hi and hi - 1), (lo, hi and hi + 1))
                            if new_lo >= 0 and (new_hi is None or new_hi >= new_lo) and (new_lo, new_hi) != (lo, hi)]
            for text in variants:
                new = "{" * brace + text + "}" * brace
                cut(i, end, f"quantifier {body[i:end]} -> {new}", new)
            i = end
            continue
        if c == "[":
            end = _class_end(body, i)
            content = body[i + 1:end]
            items = _class_items(content)
            for start, stop in items:
                item = content[start:stop]
                if len(items) > 1:
                    cut(i + 1 + start, i + 1 + stop, f"leave [{item}] out of [{content}]")
                if len(item) == 3 and item[1] == "-" and item[0].isdigit() and item[2].isdigit():
                    a, b = int(item[0]), int(item[2])
                    if a < b:
                        cut(i + 1 + start, i + 1 + stop, f"[{item}] -> [{a + 1}-{b}]", f"{a + 1}-{b}")
                        cut(i + 1 + start, i + 1 + stop, f"[{item}] -> [{a}-{b - 1}]", f"{a}-{b - 1}")
            i = end + 1
            continue
        if c == "(":
            prefix = re.match(r"\(\?(?::|<!|<=|!|=)?", body[i:])
            content_start = i + (prefix.end() if prefix else 1)
            stack.append((i, [], content_start))
            i = content_start
            continue
        if c == "|":
            stack[-1][1].append(i)
        elif c == ")":
            start, pipes, content_start = stack.pop()
            groups.append((start, i, pipes, content_start))
            kind = body[start:content_start]
            if kind in ("(?<!", "(?<=", "(?!", "(?="):
                cut(start, i + 1, f"leave out look-around {body[start:i + 1]}")
        elif c in "?+*" and body[i - 1] != "(":
            cut(i, i + 1, f"leave out {c} after {body[max(0, i - 12):i]!r}")
        elif c in "^$":
            cut(i, i + 1, f"leave out anchor {c}")
        elif c.isdigit():
            cut(i, i + 1, f"digit {c} -> {(int(c) + 1) % 10} at {body[max(0, i - 6):i + 6]!r}",
                str((int(c) + 1) % 10))
        i += 1
    top_start, top_pipes, _ = stack[0]
    groups.append((-1, len(body), top_pipes, 0))
    for start, close, pipes, content_start in groups:
        if not pipes:
            continue
        bounds = [content_start, *pipes, close]
        for k in range(len(bounds) - 1):
            branch_start = bounds[k] if k == 0 else bounds[k] + 1
            branch = body[branch_start:bounds[k + 1]]
            if k == 0:
                cut(branch_start, bounds[k + 1] + 1, f"leave out alternative {branch!r}")
            else:
                cut(bounds[k], bounds[k + 1], f"leave out alternative {branch!r}")
    return found


# ---------------------------------------------------------------- mutants of one module


def _statements(tree: ast.Module) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of each module-level assignment."""
    found = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names:
                found.append((names[0], node.lineno, node.end_lineno or node.lineno))
    return found


def module_mutants(path: Path) -> list[Mutant]:
    source = path.read_text(encoding="utf-8")
    module = "models.domain." + path.stem
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    statements = _statements(ast.parse(source))
    mutants: list[Mutant] = []

    def owner(row: int) -> str | None:
        return next((name for name, first, last in statements if first <= row <= last), None)

    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    n = 0
    while n < len(tokens):
        token = tokens[n]
        name = owner(token.start[0])
        if name is None:
            n += 1
            continue
        start = offsets[token.start[0] - 1] + token.start[1]
        last = n
        if token.type == tokenize.STRING:  # adjacent strings make one pattern: "(?:a|" "b)"
            while last + 1 < len(tokens) and tokens[last + 1].type in (tokenize.STRING, tokenize.NL, tokenize.COMMENT):
                last += 1
            while tokens[last].type != tokenize.STRING:
                last -= 1
        end = offsets[tokens[last].end[0] - 1] + tokens[last].end[1]
        text = token.string

        def add(what: str, new_text: str) -> None:
            mutants.append(Mutant(module, path, name, what, source[:start] + new_text + source[end:]))

        if token.type == tokenize.STRING:
            parts = [t.string for t in tokens[n:last + 1] if t.type == tokenize.STRING]
            prefix = re.match(r"[A-Za-z]*", text).group().lower()
            quote = text[len(prefix)]
            quote = quote * 3 if text[len(prefix):].startswith(quote * 3) else quote
            same = all(re.match(r"[A-Za-z]*", p).group().lower() == prefix and p[len(prefix):].startswith(quote)
                       for p in parts)
            if "r" in prefix and same:  # plain text (names, labels) is no rule
                body = "".join(p[len(prefix) + len(quote):-len(quote)] for p in parts)
                for what, new_body in regex_mutations(body, "f" in prefix):
                    add(what, text[:len(prefix)] + quote + new_body + quote)
            n = last + 1
            continue
        if token.type == tokenize.NUMBER and "." not in text:
            value = int(text.replace("_", ""), 0)
            add(f"{text} -> {value + 1}", str(value + 1))
            if value > 0:
                add(f"{text} -> {value - 1}", str(value - 1))
        elif token.type == tokenize.NAME and text in ("ASCII", "IGNORECASE") and tokens[n - 1].string == ".":
            # ", re.ASCII": leave the flag out
            flag_start = offsets[tokens[n - 2].start[0] - 1] + tokens[n - 2].start[1]
            before = source[:flag_start].rstrip()
            if before.endswith(","):
                mutants.append(Mutant(module, path, name, f"leave out re.{text}", before[:-1] + source[end:]))
        n += 1
    unique, seen = [], {source}
    for mutant in mutants:
        if mutant.source in seen:
            continue
        seen.add(mutant.source)
        scratch = types.ModuleType("_mutant_check")
        scratch.__package__ = "models.domain"
        sys.modules[scratch.__name__] = scratch
        try:  # only mutants that make a module (a pattern that still compiles)
            exec(compile(mutant.source, str(path), "exec"), scratch.__dict__)
        except Exception:
            continue
        finally:
            del sys.modules[scratch.__name__]
        unique.append(mutant)
    counted: dict[str, int] = {}
    for k, mutant in enumerate(unique):  # the same change at a second place of one constant: number it
        counted[mutant.key] = counted.get(mutant.key, 0) + 1
        if counted[mutant.key] > 1:
            unique[k] = replace(mutant, what=f"{mutant.what} ({counted[mutant.key]})")
    return unique


# ---------------------------------------------------------------- running the tests against a mutant


class _MutantLoader(importlib.abc.Loader):
    def __init__(self, mutant: Mutant) -> None:
        self.mutant = mutant

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return None

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        module.__file__ = str(self.mutant.path)
        exec(compile(self.mutant.source, str(self.mutant.path), "exec"), module.__dict__)


class _MutantFinder(importlib.abc.MetaPathFinder):
    def __init__(self, mutant: Mutant) -> None:
        self.mutant = mutant

    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname != self.mutant.module:
            return None
        return importlib.util.spec_from_loader(fullname, _MutantLoader(self.mutant), origin=str(self.mutant.path))


def tests_of(module: str) -> list[str]:
    """The test files of tests/domain that import the module."""
    short = module.rpartition(".")[2]
    pattern = re.compile(rf"(models\.domain\.{short}\b|from models\.domain import [^\n]*\b{short}\b)")
    return sorted(str(p) for p in TESTS.glob("test_*.py") if pattern.search(p.read_text(encoding="utf-8")))


def run(mutant: Mutant, tests: list[str]) -> bool:
    """Whether a test fails (the mutant is killed)."""
    import pytest

    pid = os.fork()
    if pid == 0:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            for name in [m for m in sys.modules if m == "models" or m.startswith(("models.", "tests"))]:
                del sys.modules[name]
            sys.meta_path.insert(0, _MutantFinder(mutant))
            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *tests])
        except BaseException:
            code = 99
        os._exit(int(code))
    deadline = time.monotonic() + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            if os.environ.get("MUTATION_CONSTANTS_DEBUG"):
                print(f"{mutant.key}: {code}", file=sys.stderr)
            if code not in (0, 1):
                raise SystemExit(f"{mutant.key}: de tests stopten met code {code}")
            return code == 1
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return True  # ran out of time: a changed pattern that loops counts as found
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="module names, e.g. privacy money")
    parser.add_argument("--survivors", action="store_true", help="print every survivor that is not listed")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import pytest  # noqa: F401  - imported once, before the forks
    import sqlalchemy.orm  # noqa: F401  - the conftest's database layer, imported once as well

    listed = listed_equivalents()
    rows, survivors = [], []
    for path in sorted(DOMAIN.glob("*.py")):
        if (args.only and path.stem not in args.only) or path.name in SKIP:
            continue
        mutants = module_mutants(path)
        tests = tests_of("models.domain." + path.stem)
        if not mutants:
            continue
        if tests and run(Mutant(mutants[0].module, path, "-", "-", path.read_text(encoding="utf-8")), tests):
            raise SystemExit(f"De tests van {path.name} falen zonder mutant: {' '.join(tests)}")
        killed = survived = equivalent = 0
        for mutant in mutants:
            if not tests:
                survived += 1
                survivors.append(mutant)
                continue
            dead = run(mutant, tests)
            if mutant.key in listed:
                if dead:
                    print(f"let op: {mutant.key} staat in mutation-equivalents.txt maar is gedood", file=sys.stderr)
                    killed += 1
                else:
                    equivalent += 1
            elif dead:
                killed += 1
            else:
                survived += 1
                survivors.append(mutant)
        counted = killed + survived
        rows.append((path.relative_to(ROOT).as_posix(), killed, survived, equivalent,
                     100.0 * killed / counted if counted else 100.0))
    width = max((len(r[0]) for r in rows), default=4)
    print("Patronen en grenzen op moduleniveau (scripts/mutation_constants.py):")
    print(f"| {'file':<{width}} | killed | survived | equivalent-listed | score |")
    print(f"|{'-' * (width + 2)}|-------:|---------:|------------------:|------:|")
    for source, killed, survived, equivalent, score in rows:
        print(f"| {source:<{width}} | {killed:>6} | {survived:>8} | {equivalent:>17} | {score:>4.1f} % |")
    if args.survivors:
        for mutant in survivors:
            print(mutant.key)
    elif survivors:
        print(f"{len(survivors)} overlevenden: --survivors toont ze")
    return 0


if __name__ == "__main__":
    sys.exit(main())
