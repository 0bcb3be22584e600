"""The deadline attacher: its candidates, its examples, and what it does inside the pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from extraction.components import task_deadline
from extraction.types import Span, TaskDraft
from models.attachment import ATTACH, OTHER, best_candidate, deadline_candidates, deadline_key, drops_the_first_due_day

LEAD_IN = "Từ nay đến hết tháng 6 năm 2026, Bộ Xây dựng tập trung thực hiện các nhiệm vụ sau:"
TASK = "a) Hoàn thành hồ sơ dự án trước ngày 15/3/2026, trình phê duyệt trong quý II năm 2026."
TEXT = f"{LEAD_IN}\n{TASK}\n"
ISSUED = date(2026, 1, 10)


def _draft() -> TaskDraft:
    start = TEXT.index("Hoàn thành")
    return TaskDraft(span=Span(start, TEXT.index("\n", start)), origin="item", deadline_context=(Span(0, len(LEAD_IN)),))


def test_attachment_candidates_are_every_phrase_the_rules_could_choose() -> None:
    draft = _draft()
    rules_choice = task_deadline(TEXT, draft, ISSUED)
    candidates = deadline_candidates(TEXT, draft, ISSUED, rules_choice)
    keys = [(c.source, deadline_key(c.deadline)) for c in candidates]
    assert keys == [
        ("own", ("date", "2026-03-15")),
        ("own", ("period", "2026-06-30")),
        ("context", ("period", "2026-06-30")),
        ("none", ("none", None)),
    ]
    # spans are the document's: each own phrase reads back from the text
    assert TEXT[candidates[0].deadline.span.start : candidates[0].deadline.span.end] == "trước ngày 15/3/2026"
    # the rules take the latest own day; that candidate says so, and so does the context's equal one
    assert deadline_key(rules_choice) == ("period", "2026-06-30")
    marked = [c.source for c in candidates if "__rule_choice" in c.features.split()]
    assert marked == ["own", "context"]
    # where it comes from, its place among the task's phrases, the words before it and its own
    assert candidates[0].features.split() == [
        "__src_own", "__kind_date", "__own_count_2", "__context_count_1", "__no_cell", "__lead_none",
        "__place_first", "own_w3_sơ", "own_w2_dự", "own_w1_án", "own_h1_trước", "own_h2_ngày",
    ]  # fmt: skip


def test_attachment_best_candidate_keeps_the_earlier_on_a_tie() -> None:
    draft = _draft()
    candidates = deadline_candidates(TEXT, draft, ISSUED, task_deadline(TEXT, draft, ISSUED))
    best, score = best_candidate(candidates, [0.2, 0.7, 0.7, 0.1])
    assert best.source == "own" and deadline_key(best.deadline) == ("period", "2026-06-30") and score == 0.7


def test_attachment_examples_label_the_gold_deadline(tmp_path: Path) -> None:
    from models.attachment import attachment_examples
    from models.corpus import read_corpus

    header = "BỘ XÂY DỰNG\nSố: 5/TB-BXD\nHà Nội, ngày 10 tháng 01 năm 2026\nTHÔNG BÁO\n"
    (tmp_path / "d.txt").write_text(header + TEXT, encoding="utf-8")
    gold = {
        "doc": {},
        "tasks": [
            {
                "text": TASK[3:],
                "lead": ["Bộ Xây dựng"],
                "support": [],
                "deadline": {"text": "trước ngày 15/3/2026", "kind": "date", "date": "2026-03-15"},
            }
        ],
    }
    (tmp_path / "d.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    examples = attachment_examples(read_corpus([tmp_path])[0], 0.5)
    labels = [label for _, label in examples]
    assert labels.count(ATTACH) == 1 and labels.count(OTHER) == len(labels) - 1
    attached = next(features for features, label in examples if label == ATTACH)
    assert "__kind_date" in attached.split() and "__rule_choice" not in attached.split()


def test_attacher_in_the_pipeline_applies_its_choice_and_says_so(bad_model, tiny_gold: Path, tmp_path: Path) -> None:
    """An attacher trained to prefer "no deadline" clears every deadline the rules read, and
    each cleared one names the attacher and the model as its source; without the attacher
    (the rules' pipeline) the deadlines stay."""
    from models.classifiers import train_spacy
    from models.corpus import read_corpus
    from models.evaluate import propose
    from models.examples import build_examples

    model = bad_model(tmp_path, "v001", tiny_gold)
    examples = build_examples(read_corpus([tiny_gold]))
    prefers_none = [(text, ATTACH if "__src_none" in text.split() else OTHER) for text, _ in examples.deadline]
    train_spacy(prefers_none, (ATTACH, OTHER), model / "deadline_attacher", epochs=10)
    changed = 0
    for doc in tiny_gold.glob("*.txt"):
        rules, _ = propose(doc.read_bytes(), filename=doc.name, model_dir=None)
        attached, _ = propose(doc.read_bytes(), filename=doc.name, model_dir=model, parts=("deadline",))
        assert "giaoviec_deadline_attacher_v1" in attached.components
        for before, after in zip(rules.tasks, attached.tasks, strict=True):
            assert str(after.deadline.kind) == "none"
            source = dict(after.provenance)["deadline"]
            if str(before.deadline.kind) != "none":
                changed += 1
                assert source == "giaoviec_deadline_attacher_v1:v001"
            else:
                assert source == "giaoviec_deadlines_v1"
    assert changed


def test_attachment_a_model_may_not_drop_the_first_due_day_of_the_rules_cycle() -> None:
    from extraction.deadlines import find_deadlines

    text = "Sở Xây dựng báo cáo định kỳ hằng quý (trước ngày 20 của tháng cuối quý)."
    undated, dated = find_deadlines(text, issued=ISSUED)
    assert (undated.date, dated.date) == (None, date(2026, 3, 20))
    assert drops_the_first_due_day(undated, dated)
    assert not drops_the_first_due_day(dated, undated)  # adding the day is the model's to choose
