"""Imports go one way: extraction ← models ← api (STYLE.md). The core stays pure."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CORE = ("fastapi", "sqlalchemy", "httpx", "starlette", "api", "review_ui", "models", "alembic", "uvicorn")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "extraction").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_architecture_core_imports_no_service_code(path):
    assert not _imports(path) & set(FORBIDDEN_IN_CORE)


@pytest.mark.parametrize("path", sorted((ROOT / "extraction").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_architecture_core_reads_no_clock_or_environment(path):
    source = path.read_text(encoding="utf-8")
    for hidden in ("date.today(", "datetime.now(", "os.environ", "getenv("):
        assert hidden not in source, f"{path.name} uses {hidden}: pass it in as an argument"


def _core_modules(path: Path) -> set[str]:
    """The extraction modules ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extraction."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("extraction."))
    return found


def test_architecture_core_has_no_import_cycles():
    """No two core modules import each other, however indirectly (lazy imports count)."""
    graph = {}
    for path in (ROOT / "extraction").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = {m for m in _core_modules(path) if m != name}
    cycles = []

    def visit(node: str, stack: list[str], done: set[str]) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node) :] + [node])
            return
        if node in done or node not in graph:
            return
        for target in sorted(graph[node]):
            visit(target, [*stack, node], done)
        done.add(node)

    done: set[str] = set()
    for module in sorted(graph):
        if module != "extraction":  # the package re-exports its public names
            visit(module, [], done)
    cycles = [c for c in cycles if "extraction" not in c]
    assert not cycles, " ; ".join(" → ".join(c) for c in cycles)
