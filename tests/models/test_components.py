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


def test_components_role_classifier_records_its_view_of_every_task(bad_model, tiny_gold: Path, tmp_path: Path) -> None:
    """The calibration reads what the classifier thought of the bodies the task names and of
    those it leaves out (``role_evidence``): one entry per task, probabilities in [0, 1]."""
    from extraction.pipeline import annotate, read_document
    from models.calibration import task_features
    from models.loaders import pipeline_config

    model = bad_model(tmp_path, "v001", tiny_gold)
    config = pipeline_config(model, parts=("role",))
    seen_named_lead = False
    for doc in tiny_gold.glob("*.txt"):
        document = read_document(doc.read_bytes(), "text/plain")
        annotated, _ = annotate(document, config=config)
        state = annotated._.giaoviec
        assert state.role_evidence is not None and len(state.role_evidence) == len(state.drafts)
        for index, (roles, evidence) in enumerate(zip(state.roles, state.role_evidence, strict=True)):
            for value in (evidence.named_lead, evidence.named_support, evidence.other_lead, evidence.other_support):
                assert value is None or 0.0 <= value <= 1.0
            if evidence.named_lead is not None:
                seen_named_lead = True
                assert roles.lead
                assert task_features(state, index, document.text)["named_lead"] == evidence.named_lead
            else:
                assert task_features(state, index, document.text)["no_named_lead"] == 1.0
    assert seen_named_lead


def test_components_role_classifier_does_not_add_a_list_of_bodies_already_named() -> None:
    """ "các Bộ, cơ quan liên quan" found in the directory repeats "các Bộ" and "cơ quan liên
    quan" the rules already read: it is not added again; a body not yet named is."""
    from extraction.types import Body, Roles
    from models.candidates import Mention
    from models.components import RoleClassifier
    from models.examples import LEAD, NEITHER, SUPPORT

    role = Roles(lead=(Body("Bộ Tài chính"),), support=(Body("các Bộ"), Body("cơ quan liên quan")), lead_source="own")
    mentions = [
        Mention(Body("các Bộ, cơ quan liên quan"), "x", "directory"),
        Mention(Body("Bộ Xây dựng"), "y", "directory"),
    ]
    sure_support = {LEAD: 0.0, SUPPORT: 0.99, NEITHER: 0.01}
    reviewed = RoleClassifier(predict=None, threshold=0.7)._review(role, mentions, [sure_support, sure_support])  # type: ignore[arg-type]
    assert [b.name for b in reviewed.support] == ["các Bộ", "cơ quan liên quan", "Bộ Xây dựng"]


def test_components_role_classifier_adds_no_body_inside_a_name_the_rules_read() -> None:
    """ "Trạm Y tế" found in "Trạm Y tế các xã" is part of that name, not another body."""
    from extraction.types import Body, Roles, Span
    from models.candidates import Mention
    from models.components import RoleClassifier
    from models.examples import LEAD, NEITHER, SUPPORT

    role = Roles(lead=(Body("Sở Công Thương", Span(0, 14)),), support=(Body("Trạm Y tế các xã", Span(40, 56)),), lead_source="own")
    mentions = [
        Mention(Body("Trạm Y tế", Span(40, 49)), "x", "directory"),
        Mention(Body("Công an tỉnh", Span(58, 70)), "y", "directory"),
    ]
    sure_support = {LEAD: 0.0, SUPPORT: 0.99, NEITHER: 0.01}
    reviewed = RoleClassifier(predict=None, threshold=0.7)._review(role, mentions, [sure_support, sure_support])  # type: ignore[arg-type]
    assert [b.name for b in reviewed.support] == ["Trạm Y tế các xã", "Công an tỉnh"]


def test_components_role_classifier_reads_the_named_bodies_part_by_part() -> None:
    """ "các bộ, cơ quan, địa phương" repeats "các bộ" and "cơ quan, địa phương" (a name the
    rules read as one, with a comma inside)."""
    from extraction.types import Body, Roles
    from models.candidates import Mention
    from models.components import RoleClassifier
    from models.examples import LEAD, NEITHER, SUPPORT

    role = Roles(lead=(Body("Bộ Tài chính"),), support=(Body("các bộ"), Body("cơ quan, địa phương")), lead_source="own")
    mentions = [Mention(Body("các bộ, cơ quan, địa phương"), "x", "directory")]
    sure_support = {LEAD: 0.0, SUPPORT: 0.99, NEITHER: 0.01}
    reviewed = RoleClassifier(predict=None, threshold=0.7)._review(role, mentions, [sure_support])  # type: ignore[arg-type]
    assert [b.name for b in reviewed.support] == ["các bộ", "cơ quan, địa phương"]
