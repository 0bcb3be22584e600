"""`giaoviec evaluate` prints the shared scorer's own figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from models.scorer import scorer_path


def _without_seconds(report: str) -> list[str]:
    return [line for line in report.splitlines() if not line.startswith("seconds")]


def test_evaluate_prints_the_scorer_figures(tiny_gold: Path, run_cli) -> None:
    # `giaoviec extract` runs the active model, so `evaluate` scores the active model too
    ours = run_cli("evaluate", "--gold", str(tiny_gold))
    assert ours.returncode == 0, ours.stderr
    giaoviec = str(Path(sys.executable).parent / "giaoviec")
    theirs = subprocess.run(
        [
            sys.executable,
            str(scorer_path()),
            "--gold",
            str(tiny_gold),
            "--cmd",
            f"{giaoviec} extract {{path}} --format json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert _without_seconds(ours.stdout) == _without_seconds(theirs.stdout)
    assert any(line.startswith("task_f1") for line in ours.stdout.splitlines())


def test_evaluate_json_with_a_model(tiny_corpus: Path, tiny_gold: Path, models_root: Path, run_cli) -> None:
    from models.train import train

    train([tiny_corpus], root=models_root, epochs=2, evaluate_held_out=False)
    out = run_cli("evaluate", "--gold", str(tiny_gold), "--model", "v001", "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["documents"] == 3 and 0 <= summary["task_f1"] <= 1
