"""Cross-validation by document and by family: no document is scored by a model that saw it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from models.corpus import GoldDocument, read_corpus
from models.crossval import cross_validate, family_folds, family_of, format_report, k_folds, make_folds
from models.errors import BadCorpus


def _docs(names: list[str]) -> list[GoldDocument]:
    return [GoldDocument(n, "x", {"tasks": []}, Path(f"/nowhere/{n}.txt")) for n in names]


@pytest.mark.parametrize(
    ("name", "family"),
    [("gov-03", "gov"), ("local-f01", "local"), ("party2-01", "party2"), ("tb-07", "tb"), ("real-hn-4097", "real-hn")],
)
def test_crossval_family_is_the_name_prefix(name, family):
    assert family_of(name) == family


def test_crossval_k_folds_partition_the_documents():
    docs = _docs([f"d-{i:02d}" for i in range(11)])
    folds = k_folds(docs, 5)
    names = [d.name for f in folds for d in f.test]
    assert sorted(names) == sorted(d.name for d in docs) and len(set(names)) == 11
    assert [len(f.test) for f in folds] == [3, 2, 2, 2, 2]


def test_crossval_family_folds_leave_one_family_out():
    docs = _docs(["gov-01", "gov-02", "local-01", "local-f01", "tb-01"])
    folds = family_folds(docs)
    assert [(f.name, [d.name for d in f.test]) for f in folds] == [
        ("gov", ["gov-01", "gov-02"]),
        ("local", ["local-01", "local-f01"]),
        ("tb", ["tb-01"]),
    ]


@pytest.mark.parametrize("cv", ["1", "99", "many"])
def test_crossval_bad_fold_count_is_a_clear_error(cv):
    with pytest.raises(BadCorpus):
        make_folds(_docs(["a-1", "a-2", "b-1"]), cv)


@pytest.fixture()
def small_gold(shared_dir: Path, tmp_path: Path) -> Path:
    """Six dev documents of three families."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("gov-02", "gov-07", "party-01", "party-02", "tb-03", "tb-05"):
        for suffix in (".txt", ".gold.json"):
            shutil.copyfile(shared_dir / "corpus" / "dev" / f"{name}{suffix}", gold / f"{name}{suffix}")
    return gold


@pytest.mark.corpus
def test_crossval_never_trains_on_the_scored_fold(small_gold: Path, tmp_path: Path) -> None:
    seen: list[tuple[set[str], Path]] = []

    def train_fold(docs: list[GoldDocument], root: Path) -> Path:
        seen.append(({d.name for d in docs}, root))
        return None  # score with rules only: what matters here is what each fold trained on

    kept = tmp_path / "pred"
    result = cross_validate(small_gold, cv="family", train_fold=train_fold, keep_predictions=kept)
    folds = dict(result.folds)
    assert sorted(folds) == ["gov", "party", "tb"]
    for (trained, _), (name, _) in zip(seen, result.folds, strict=True):
        assert not any(family_of(t) == name for t in trained)
        assert len(trained) == 4
    assert sum(f["gold_tasks"] for f in folds.values()) == result.pooled["gold_tasks"]
    assert sorted(p.stem for p in kept.glob("*.json")) == sorted(d.name for d in read_corpus([small_gold]))
    assert "pooled" in format_report(result)


@pytest.mark.corpus
def test_crossval_cli_rules_only_prints_folds_and_pooled(small_gold: Path, run_cli) -> None:
    out = run_cli("evaluate", "--gold", str(small_gold), "--cv", "3", "--rules-only", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert sorted(report["folds"]) == ["fold-1", "fold-2", "fold-3"]
    assert report["pooled"]["documents"] == 6
    assert 0 < report["pooled"]["task_f1"] <= 1
