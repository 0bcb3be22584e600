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
