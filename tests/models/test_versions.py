"""Model versions: listing, activation that refuses a worse model, the active version record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from models.loaders import active_version


def test_models_activate_refuses_worse_model(
    bad_model, tiny_corpus: Path, tiny_gold: Path, models_root: Path, run_cli
) -> None:
    bad_model(models_root, "v001", tiny_gold)
    refused = run_cli("models", "activate", "v001", "--gold", str(tiny_gold))
    assert refused.returncode == 1
    assert "scores below the rules-only pipeline" in refused.stderr and "--force" in refused.stderr
    assert active_version(models_root) is None

    forced = run_cli("models", "activate", "v001", "--gold", str(tiny_gold), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "(forced)" in forced.stdout
    assert (models_root / "ACTIVE").read_text().strip() == "v001"
    listed = run_cli("models", "list")
    assert listed.stdout.startswith("* v001")


def test_models_activate_accepts_a_better_model(
    bad_model, tiny_corpus: Path, tiny_gold: Path, models_root: Path
) -> None:
    from models.train import train
    from models.versions import activate

    bad_model(models_root, "v001", tiny_gold)
    activate("v001", force=True, gold=[tiny_gold], root=models_root)
    good = train([tiny_corpus], root=models_root, epochs=4, evaluate_held_out=False)
    outcome = activate(good.version, gold=[tiny_gold], root=models_root)
    assert outcome.previous == "v001" and not outcome.forced
    assert outcome.candidate["task_f1"] > outcome.incumbent["task_f1"]
    assert active_version(models_root) == "v002"


def test_models_activate_unknown_version(models_root: Path, run_cli) -> None:
    out = run_cli("models", "activate", "v042")
    assert out.returncode == 2
    assert "no model version 'v042'" in out.stderr


def test_loaders_import_is_light() -> None:
    code = "import sys, models.loaders; print(sorted(m for m in ('spacy', 'torch', 'transformers', 'label_studio_sdk') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
