"""The transformers backend, checked in the training environment (.venv-train).

torch and transformers live there, not in the service's environment (pyproject's ``train``
extra): the checks in ``transformers_backend_check.py`` run with that interpreter.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRAIN_PYTHON = ROOT / ".venv-train" / "bin" / "python"

pytestmark = pytest.mark.slow


def test_transformers_backend_trains_in_the_training_environment() -> None:
    assert TRAIN_PYTHON.exists(), "scripts/setup makes .venv-train (the train extra)"
    check = Path(__file__).with_name("transformers_backend_check.py")
    result = subprocess.run(
        [str(TRAIN_PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(check)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_transformers_backend_says_what_to_install_without_torch() -> None:
    from models.classifiers import _training_stack
    from models.errors import MissingDependency

    try:
        import torch  # noqa: F401
    except ImportError:
        with pytest.raises(MissingDependency, match="train"):
            _training_stack()
    else:
        pytest.fail("the service's environment should not carry torch (see pyproject's train extra)")
