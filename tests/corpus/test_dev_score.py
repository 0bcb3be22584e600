"""The extractor scored on the shared dev corpus with the shared scorer: the floors we hold.

Floors are the figures measured when they were set, rounded down; raise them as the
extractor improves, never lower them without saying why in the changelog.
"""

import importlib.util
import json

import pytest

FLOORS = {
    "task_f1": 0.95,
    "lead_f1": 0.92,
    "lead_exact": 0.91,
    "support_f1": 0.92,
    "deadline_kind_acc": 0.98,
    "deadline_date_acc": 0.98,
    "accept_as_is": 0.83,
}


@pytest.fixture(scope="module")
def summary(shared_dir, tmp_path_factory, run_cli):
    pred = tmp_path_factory.mktemp("pred")
    from extraction.pipeline import extract
    from extraction.proposal import to_json

    for txt in sorted((shared_dir / "corpus" / "dev").glob("*.txt")):
        out = to_json(extract(txt.read_bytes(), filename=txt.name))
        (pred / f"{txt.stem}.json").write_text(
            json.dumps(out, ensure_ascii=False), encoding="utf-8"
        )
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            "--gold",
            str(shared_dir / "corpus" / "dev"),
            "--pred",
            str(pred),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.corpus
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_corpus_dev_score_holds_floor(summary, metric):
    assert summary[metric] >= FLOORS[metric], f"{metric} = {summary[metric]}"


@pytest.mark.corpus
def test_corpus_dev_metadata_number(summary):
    assert summary["doc_meta_acc"]["number"] >= 0.9
    assert summary["doc_meta_acc"]["issued"] >= 0.9
    assert summary["errors"] == 0
