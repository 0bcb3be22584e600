"""The shipped pipeline scored on the shared dev corpus with the shared scorer, cross-validated:
the floors we hold.

The learned components train on the dev corpus, so a figure measured on documents a model saw
would flatter it. Every figure here is leave-one-family-out (``giaoviec evaluate --cv family``):
each family (gov, local, party, party2, prov, tb) is scored by a model trained on the others
plus ``corpus/``. Floors are the figures measured when they were set, rounded down; raise them
as the extractor improves, never lower them without saying why in the changelog.
"""

import pytest

from models.crossval import cross_validate
from models.train import default_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

# leave-one-family-out, pooled, 47 documents / 799 gold tasks, measured 2026-12-07, twelfth
# session as this test runs it (no calibration, corpus/annotated in every fold's training):
# task 0.9711, lead 0.9619, lead exact 0.9612, support 0.9700, kind 0.9922, date 0.9935,
# accept 0.8974 (calibrated, CHANGELOG: the same but for the calibration's own figures)
FLOORS = {
    "task_f1": 0.969,
    "lead_f1": 0.961,
    "lead_exact": 0.961,
    "support_f1": 0.968,
    "deadline_kind_acc": 0.99,
    "deadline_date_acc": 0.99,
    "accept_as_is": 0.897,
}
# no family is left far behind the others
FAMILY_TASK_F1 = 0.85


@pytest.fixture(scope="module")
def cross_validated(shared_dir):
    # calibration changes confidences only, not the proposals the scorer reads: skip it here
    return cross_validate(shared_dir / "corpus" / "dev", cv="family", extra=default_corpus(), calibrate=False)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_corpus_dev_cross_validated_score_holds_floor(cross_validated, metric):
    pooled = cross_validated.pooled
    assert pooled[metric] >= FLOORS[metric], f"{metric} = {pooled[metric]}"


def test_corpus_dev_every_family_scored_by_a_model_that_never_saw_it(cross_validated):
    folds = dict(cross_validated.folds)
    assert sorted(folds) == ["gov", "local", "party", "party2", "prov", "tb"]
    assert sum(f["documents"] for f in folds.values()) == cross_validated.pooled["documents"] == 47
    for name, summary in folds.items():
        assert summary["task_f1"] >= FAMILY_TASK_F1, f"{name}: task_f1 {summary['task_f1']}"


def test_corpus_dev_metadata(cross_validated):
    pooled = cross_validated.pooled
    assert pooled["doc_meta_acc"]["number"] >= 0.95
    assert pooled["doc_meta_acc"]["issued"] >= 0.93
    assert pooled["doc_meta_acc"]["issuer"] >= 0.95  # 45 of 47 (2026-12-06, fourth session)
    assert pooled["errors"] == 0
