"""The model components inside the pipeline: what they change, and what they record."""

from __future__ import annotations

from pathlib import Path

from models.evaluate import propose, propose_json


def test_components_task_detector_drops_what_it_rejects(bad_model, tiny_gold: Path, tmp_path: Path) -> None:
    model = bad_model(tmp_path, "v001", tiny_gold)
    doc = next(tiny_gold.glob("*.txt"))
    rules = propose_json(doc.read_bytes(), filename=doc.name, model_dir=None)
    dropped = propose_json(doc.read_bytes(), filename=doc.name, model_dir=model, parts=("task",))
    assert rules["tasks"] and not dropped["tasks"]
    assert dropped["pipeline"]["model"] == "v001"
    assert dropped["pipeline"]["components"][1] == "giaoviec_task_detector_v1"


def test_components_role_classifier_never_removes_a_rules_body(bad_model, tiny_gold: Path, tmp_path: Path) -> None:
    model = bad_model(tmp_path, "v001", tiny_gold)
    for doc in tiny_gold.glob("*.txt"):
        rules, _ = propose(doc.read_bytes(), filename=doc.name, model_dir=None)
        with_roles, _ = propose(doc.read_bytes(), filename=doc.name, model_dir=model, parts=("role",))
        assert len(rules.tasks) == len(with_roles.tasks)
        for before, after in zip(rules.tasks, with_roles.tasks, strict=True):
            assert after.lead == before.lead or not before.lead
            assert set(before.support) <= set(after.support)
