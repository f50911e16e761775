"""Guard rails of the code's layout, read from the source with ``ast``.

The layers only work while imports go one way, the domain stays pure, Slack stays at
the edge and listeners stay small enough to read and test. Each rule has an allow-list
of today's known violations (``tests/layout_allowlist.json``); the list may only
shrink: a new violation fails, and so does an entry that is no longer needed, so the
list is kept honest as the edge is redesigned.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage")
ALLOWLIST = Path(__file__).with_name("layout_allowlist.json")
MAX_HANDLER_FUNCTION_LINES = 60
SLACK_ALLOWED = ("handlers", "bot.app", "bot.demo")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Yield every runtime import, at module level or inside functions."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
        return
    if isinstance(node, ast.If) and _is_type_checking(node):
        return
    for child in ast.iter_child_nodes(node):
        yield from _imports_of(child)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _targets(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the absolute names this module imports (modules where they are known)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = _resolve(module, path, node)
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            names.add(candidate if candidate in known else base)
    return names


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {
        module: {name for name in _targets(module, path, known) if name in known and name != module}
        for module, path in known.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def _allowed() -> dict[str, list[object]]:
    data: dict[str, list[object]] = json.loads(ALLOWLIST.read_text(encoding="utf-8"))
    return data


def _check(rule: str, found: set[str]) -> None:
    allowed = {str(entry) for entry in _allowed().get(rule, [])}
    new = sorted(found - allowed)
    stale = sorted(allowed - found)
    assert not new, f"{rule}: new violations {new}"
    assert not stale, f"{rule}: fixed, remove from {ALLOWLIST.name}: {stale}"


def test_no_import_cycles() -> None:
    """Modules import each other one way, counting imports inside functions."""
    _check("import_cycles", set(_violations()["import_cycles"]))


def test_domain_imports_only_the_domain_and_dates() -> None:
    """``bot/domain`` is pure: rules that can be tested without Slack, a database or a clock."""
    _check("domain_imports", set(_violations()["domain_imports"]))


def test_slack_libraries_stay_at_the_edge() -> None:
    """Only the Slack edge, the wiring and the demo talk to slack_bolt and slack_sdk."""
    _check("slack_outside_edge", set(_violations()["slack_outside_edge"]))


def test_handler_functions_are_short() -> None:
    """A listener reads in one screen: no function in ``handlers/`` over 60 lines."""
    _check("long_handler_functions", set(_violations()["long_handler_functions"]))


def test_handlers_do_not_import_storage() -> None:
    """A listener calls a use case in ``bot/``; it reads no table and no repository itself."""
    _check("handlers_import_storage", set(_violations()["handlers_import_storage"]))


def test_cycle_finder_sees_function_level_imports(tmp_path: Path) -> None:
    """The rule would catch a cycle hidden in a function-level import."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    source = "def f():\n    from bot import agenda\n"
    [node] = list(_imports(ast.parse(source)))
    assert isinstance(node, ast.ImportFrom) and node.module == "bot"


@cache
def _violations() -> dict[str, list[str]]:
    """Return today's violations of every rule (to write the allow-list while shrinking it)."""
    graph = _graph()
    modules = _modules()
    slack = sorted(
        f"{module} -> {name.split('.')[0]}"
        for module, path in modules.items()
        if not module.startswith(SLACK_ALLOWED)
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")))
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        )
        if name and name.split(".")[0] in ("slack_sdk", "slack_bolt")
    )
    long_functions = sorted(
        f"{module}.{node.name}"
        for module, path in modules.items()
        if module.startswith("handlers")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_HANDLER_FUNCTION_LINES
    )
    domain = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("bot.domain")
        for target in targets
        if not (target.startswith("bot.domain") or target == "bot.dates")
    )
    domain += sorted(
        f"{module} -> {name}"
        for module, path in modules.items()
        if module.startswith("bot.domain")
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")))
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        )
        if name and name.split(".")[0] in ("sqlalchemy", "slack_sdk", "slack_bolt")
    )
    storage = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("handlers")
        for target in targets
        if target == "storage" or target.startswith("storage.")
    )
    return {
        "import_cycles": [" ".join(c) for c in _cycles(graph)],
        "domain_imports": domain,
        "slack_outside_edge": slack,
        "long_handler_functions": long_functions,
        "handlers_import_storage": storage,
    }


if __name__ == "__main__":  # python tests/test_layout.py rewrites the allow-list
    ALLOWLIST.write_text(json.dumps(_violations(), indent=2) + "\n", encoding="utf-8")
