"""No import cycle inside gateway/: cross-domain types are referenced lazily instead.

Every module's imports are read from its AST, function-level (deferred) imports included:
a deferred import only hides a cycle until the function runs. Imports under
`if TYPE_CHECKING:` are left out: they never run, and are strawberry's documented way to
reference a type of another module (`Annotated["Theme", strawberry.lazy(...)]`)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GATEWAY = ROOT / "gateway"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported_names(tree: ast.AST, package: str) -> set[str]:
    """Dotted names each import statement may load (`from a import b` may load `a.b`)."""
    names: set[str] = set()
    pending = list(ast.iter_child_nodes(tree))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        pending.extend(ast.iter_child_nodes(node))
    return names


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in GATEWAY.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        loaded = set()
        for imported in imported_names(ast.parse(path.read_text()), package):
            parts = imported.split(".")  # importing a.b.c runs a/__init__ and a/b/__init__
            loaded.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        graph[name] = {m for m in loaded & paths.keys() if m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*stack[stack.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_gateway_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_sees_deferred_imports_and_skips_type_checking_ones():
    deferred = ast.parse("def f():\n    from gateway.b import x\n")
    assert imported_names(deferred, "gateway") == {"gateway.b", "gateway.b.x"}
    typing_only = ast.parse("if TYPE_CHECKING:\n    from gateway.b import x\n")
    assert imported_names(typing_only, "gateway") == set()
    relative = ast.parse("from .types import Idea\n")
    assert imported_names(relative, "gateway.ideas") == {"gateway.ideas.types",
                                                          "gateway.ideas.types.Idea"}
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
