"""The shared scorer (``shared/eval/score.py``), used as is: one definition of a match.

Training labels (is this candidate a gold task? is this name the gold lead?) and every figure
``giaoviec evaluate`` prints come from that file, so they cannot drift from how the project is
measured. ``GIAOVIEC_SCORER`` points elsewhere when the shared folder is not beside the repo.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from models.errors import BadCorpus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"


def scorer_path() -> Path:
    path = Path(os.environ.get("GIAOVIEC_SCORER") or DEFAULT_SCORER)
    if not path.is_file():
        raise BadCorpus(
            f"the shared scorer is not at {path}; clone the shared folder beside the repository or set GIAOVIEC_SCORER"
        )
    return path


@cache
def scorer() -> ModuleType:
    """The scorer module, imported once (its functions: tokens, dice, match, name_set)."""
    path = scorer_path()
    spec = importlib.util.spec_from_file_location("giaoviec_shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_scorer(gold: Path, pred: Path, *, as_json: bool, per_doc: bool = False) -> str:
    """The scorer's own output for predictions in ``pred`` (NAME.json per gold document)."""
    argv = [sys.executable, str(scorer_path()), "--gold", str(gold), "--pred", str(pred)]
    argv += ["--json"] if as_json else []
    argv += ["--per-doc"] if per_doc else []
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise BadCorpus(f"the scorer failed on {gold}: {out.stderr.strip()[-300:]}")
    return out.stdout


def score_summary(gold: Path, pred: Path) -> dict[str, Any]:
    """The scorer's summary as a dict (task_f1, lead_f1, ...)."""
    text = run_scorer(gold, pred, as_json=True)
    summary: dict[str, Any] = json.loads(text[text.index("{") :])
    return summary
