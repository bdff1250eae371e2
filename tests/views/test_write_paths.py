"""One way to write: every write of a view goes through an operation, a module-level function that takes the
runner as a keyword (`register_hours(*, runner, cmd)`), never through a method of a page or dialog that calls
the runner itself. A new dialog that writes in its `submit` fails here."""
from __future__ import annotations

import ast
from pathlib import Path

VIEWS = Path(__file__).resolve().parents[2] / "views"

#: The runner's own way to write in a worker thread, which operations use: not a user action of its own.
EXEMPT = {("background.py", "write_in_background")}


def _writes(tree: ast.Module) -> list[tuple[int, list[ast.AST]]]:
    """Each `runner.write(...)` / `runner.operate(...)` / `self.runner...`, with the functions and classes around it."""
    found: list[tuple[int, list[ast.AST]]] = []

    def visit(node: ast.AST, around: list[ast.AST]) -> None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("write",
                                                                                                       "operate"):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name == "runner":
                found.append((node.lineno, around))
        inner = around + [node] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else around
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, [])
    return found


def _is_operation(around: list[ast.AST]) -> bool:
    outer = around[0] if around else None
    return (isinstance(outer, ast.FunctionDef)
            and any(arg.arg == "runner" for arg in outer.args.kwonlyargs))


def test_views_write_only_through_operations() -> None:
    misplaced = []
    seen = 0
    for path in sorted(VIEWS.rglob("*.py")):
        for line, around in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            seen += 1
            where = (path.name, getattr(around[0], "name", "")) if around else (path.name, "")
            if not _is_operation(around) and where not in EXEMPT:
                names = ".".join(getattr(node, "name", "?") for node in around)
                misplaced.append(f"{path.relative_to(VIEWS.parent)}:{line} in {names or 'the module'}")
    assert seen > 20  # the scan finds the writes there are (26 in December 2026)
    assert not misplaced, "writes outside an operation (a module-level function with a keyword `runner`):\n" + \
        "\n".join(misplaced)


def test_the_scan_sees_a_dialog_that_writes_itself() -> None:
    """What the rule is against, recognised."""
    dialog = ast.parse("class D:\n    def submit(self):\n        self.runner.write(service.register, cmd)\n")
    operation = ast.parse("def register(*, runner, cmd):\n    return runner.write(service.register, cmd)\n")
    (_, around), = _writes(dialog)
    assert not _is_operation(around)
    (_, around), = _writes(operation)
    assert _is_operation(around)
