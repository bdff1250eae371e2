"""A click is not a method call: every slot connected to a signal that sends something (clicked(bool),
triggered(bool), toggled(bool), activated(…), doubleClicked(QModelIndex)) takes nothing, or exactly what the
signal sends. A slot with an optional parameter "for tests" would receive `checked=False` from a real click
(five menu actions crashed that way while every test that called them passed).

Read from the source of views/ and desktop/, so a new connection is judged the moment it is written: a direct
`signal.connect(slot)`, and a slot handed to a helper that connects it (`self._action(text, slot)`)."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("views", "desktop")
#: Signals that hand the slot an argument a button or menu gives no meaning to.
BOOL_SIGNALS = {"clicked", "triggered", "toggled"}
#: Signals that hand the slot one value it may use (a QModelIndex, an int), or nothing (QShortcut.activated).
VALUE_SIGNALS = {"activated", "doubleClicked"}
#: The names a slot may give the `checked` state that clicked/triggered/toggled send.
CHECKED_NAMES = {"checked", "on", "visible", "enabled", "shown", "state"}


@dataclass(frozen=True)
class Function:
    path: Path
    cls: str | None
    node: ast.FunctionDef | ast.Lambda

    def parameters(self) -> tuple[list[str], int]:
        """Positional parameters after `self`, and how many of them have a default."""
        args = self.node.args
        names = [a.arg for a in args.posonlyargs + args.args]
        if self.cls is not None and isinstance(self.node, ast.FunctionDef) and names and names[0] in ("self", "cls"):
            names = names[1:]
        return names, len(args.defaults)


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"))
            for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


class Index:
    """Every function and method of the project's views and desktop code, and the classes' project bases."""

    def __init__(self, modules: dict[Path, ast.Module]) -> None:
        self.methods: dict[tuple[str, str], Function] = {}
        self.by_name: dict[str, list[Function]] = {}
        self.bases: dict[str, list[str]] = {}
        for path, module in modules.items():
            for node in module.body:
                if isinstance(node, ast.ClassDef):
                    self.bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
                    for item in node.body:
                        if isinstance(item, ast.FunctionDef):
                            function = Function(path, node.name, item)
                            self.methods[(node.name, item.name)] = function
                            self.by_name.setdefault(item.name, []).append(function)
                elif isinstance(node, ast.FunctionDef):
                    self.by_name.setdefault(node.name, []).append(Function(path, None, node))

    def method(self, cls: str, name: str) -> Function | None:
        """`self.name` seen from class `cls`: its own method or a project base's; None for Qt's own."""
        seen: set[str] = set()
        todo = [cls]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if (current, name) in self.methods:
                return self.methods[(current, name)]
            todo += self.bases.get(current, [])
        return None


def _slot_targets(slot: ast.expr, cls: str | None, index: Index, path: Path) -> list[Function]:
    """The project functions a slot expression may be: `self.m`, `obj.m`, a plain function, a lambda."""
    if isinstance(slot, ast.Lambda):
        return [Function(path, None, slot)]
    if isinstance(slot, ast.Attribute):
        if isinstance(slot.value, ast.Name) and slot.value.id == "self" and cls is not None:
            found = index.method(cls, slot.attr)
            return [found] if found else []
        if slot.attr in ("emit", "accept", "reject", "close", "show", "hide", "trigger", "click", "setFocus"):
            return []  # Qt's own, whatever object it is on
        return [f for f in index.by_name.get(slot.attr, []) if f.cls is not None]
    if isinstance(slot, ast.Name):
        return [f for f in index.by_name.get(slot.id, []) if f.cls is None]
    return []


def _fault(function: Function, signal: str) -> str | None:
    names, defaults = function.parameters()
    if isinstance(function.node, ast.Lambda):
        # A lambda's first parameter takes what the signal sends; the ones after it bind loop values
        # (`lambda _=False, n=name: …`) and must have defaults.
        if len(names) - defaults > 1:
            return f"takes {len(names) - defaults} parameters without default; {signal} sends at most one"
        if names and signal in BOOL_SIGNALS and not _checked_name(names[0]):
            return f"lambda's first parameter '{names[0]}' would receive the bool {signal} sends"
        return None
    if defaults:
        optional = names[len(names) - defaults:]
        return f"optional parameter(s) {', '.join(optional)} would receive what {signal} sends"
    if len(names) > 1:
        return f"takes {len(names)} parameters; {signal} sends at most one"
    if names and signal in BOOL_SIGNALS and not _checked_name(names[0]):
        return f"its parameter '{names[0]}' would receive the bool {signal} sends"
    return None


def _checked_name(name: str) -> bool:
    """A name for the click's `checked` state, or one that says it is unused."""
    return name in CHECKED_NAMES or name.startswith("_")


def _connections(modules: dict[Path, ast.Module], index: Index) -> list[tuple[Path, int, str, ast.expr, str | None]]:
    """(file, line, signal, slot expression, enclosing class) for every connection, direct or through a helper
    whose parameter is connected to one of the signals."""
    found: list[tuple[Path, int, str, ast.expr, str | None]] = []
    # (class or None, helper name) -> (position, parameter name, signal)
    helpers: dict[tuple[str | None, str], tuple[int, str, str]] = {}
    for path, module in modules.items():
        for cls, function in _functions(module):
            params = [a.arg for a in function.args.args]
            for node in ast.walk(function):
                signal = _connected_signal(node)
                if signal is None:
                    continue
                slot = node.args[0]  # type: ignore[attr-defined]
                if isinstance(slot, ast.Name) and slot.id in params:
                    helpers[(cls, function.name)] = (params.index(slot.id) - (1 if cls else 0), slot.id, signal)
                else:
                    found.append((path, node.lineno, signal, slot, cls))
    for path, module in modules.items():
        for cls, function in _functions(module):
            for node in ast.walk(function):
                if not (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                helper = _helper(helpers, node.func, cls, name, index)
                if helper is None:
                    continue
                position, param, signal = helper
                slot = next((k.value for k in node.keywords if k.arg == param), None)
                if slot is None and position < len(node.args):
                    slot = node.args[position]
                if slot is not None:
                    found.append((path, node.lineno, signal, slot, cls))
    return found


def _helper(helpers: dict[tuple[str | None, str], tuple[int, str, str]], func: ast.expr, cls: str | None,
            name: str, index: Index) -> tuple[int, str, str] | None:
    """The helper a call reaches: `self.name` in the class (or a project base), a plain name at module level."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self" and cls:
        found = index.method(cls, name)
        return helpers.get((found.cls, name)) if found is not None else None
    if isinstance(func, ast.Name):
        return helpers.get((None, name))
    return None


def _functions(module: ast.Module):  # type: ignore[no-untyped-def]
    for node in module.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield node.name, item
        elif isinstance(node, ast.FunctionDef):
            yield None, node


def _connected_signal(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
            and isinstance(node.func.value, ast.Attribute) and node.args):
        signal = node.func.value.attr
        if signal in BOOL_SIGNALS | VALUE_SIGNALS:
            return signal
    return None


def risky_connections(modules: dict[Path, ast.Module]) -> list[str]:
    index = Index(modules)
    faults = []
    for path, line, signal, slot, cls in _connections(modules, index):
        for target in _slot_targets(slot, cls, index, path):
            fault = _fault(target, signal)
            if fault:
                where = f"{target.cls}.{target.node.name}" if isinstance(target.node, ast.FunctionDef) else "lambda"
                faults.append(f"{path.relative_to(ROOT)}:{line}: {signal} -> {where}: {fault}")
    return faults


def test_no_slot_receives_a_click_state_meant_for_something_else() -> None:
    assert risky_connections(_modules()) == []


def test_the_check_finds_the_kinds_of_slot_that_crashed() -> None:
    """The check itself: the shapes of the five crashes (and a helper that connects) are found; the safe ones
    are not."""
    source = '''
class Page(QWidget):
    def __init__(self):
        self.a.clicked.connect(self.export_board)
        self.b.clicked.connect(self.make_sheet)
        self.c.clicked.connect(self.safe)
        self.d.toggled.connect(self.show_all)
        self.e.activated.connect(self.opened)
        self.f.clicked.connect(lambda: self.export_board("KPO"))
        self.g.clicked.connect(lambda _=False, n=1: self.safe())
        self.h.clicked.connect(lambda kind="pdf": self.safe())
        self._action("Werkmap…", self.export_provider)

    def _action(self, text, slot):
        action = QAction(text)
        action.triggered.connect(slot)
        return action

    def export_board(self, board=None): ...
    def make_sheet(self, provider=None, path=None): ...
    def export_provider(self, provider: str): ...
    def safe(self): ...
    def show_all(self, checked: bool): ...
    def opened(self, index): ...
'''
    faults = risky_connections({ROOT / "views" / "example.py": ast.parse(source)})
    assert [f.split(": ", 1)[1].split(":")[0] for f in faults] == [
        "clicked -> Page.export_board", "clicked -> Page.make_sheet", "clicked -> lambda",
        "triggered -> Page.export_provider"]


@pytest.mark.parametrize("package", PACKAGES)
def test_the_check_reads_the_packages(package: str) -> None:
    """The walk finds connections in each package (a moved folder would make the first test vacuous)."""
    modules = {p: m for p, m in _modules().items() if p.is_relative_to(ROOT / package)}
    assert len(_connections(modules, Index(_modules()))) >= (20 if package == "views" else 0)
