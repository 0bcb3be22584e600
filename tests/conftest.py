"""Shared fixtures: the path to ../shared and a runner for the installed CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "dev").is_dir():
        pytest.fail(f"{SHARED} is missing: clone the project with the shared folder beside it")
    return SHARED


def _giaoviec() -> list[str]:
    script = Path(sys.executable).parent / "giaoviec"
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from api.cli import main; main()"]
    )


@pytest.fixture(scope="session")
def run_cli():
    """Run ``giaoviec ARGS`` as a user would; returns the CompletedProcess."""

    def run(*args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_giaoviec(), *args], capture_output=True, text=True, timeout=120, cwd=ROOT
        )

    return run
