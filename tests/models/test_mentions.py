"""The body-mention tagger: weak labels from gold, a tagger trained on made-up tasks, and its
cross-validation against the directory's spans on a made-up corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.corpus import GoldDocument
from models.mentions import (
    BEGIN,
    INSIDE,
    OUTSIDE,
    MentionTagger,
    cross_validate_mentions,
    format_mention_report,
    task_sequence,
    train_mention_tagger,
)

# Made-up tasks in the gold format: (text, lead, support).
TASKS = [
    ("Sở Văn hóa và Thể thao chủ trì, phối hợp với Sở Du lịch tổ chức lễ hội hoa sen.",
     ["Sở Văn hóa và Thể thao"], ["Sở Du lịch"]),
    ("Sở Giao thông vận tải chủ trì sửa chữa cầu treo bản Mường, xong trước ngày 30/6.",
     ["Sở Giao thông vận tải"], []),
    ("Ủy ban nhân dân các huyện rà soát diện tích rừng phòng hộ bị lấn chiếm.",
     ["Ủy ban nhân dân các huyện"], []),
    ("Sở Tài chính bố trí kinh phí cho chương trình nước sạch nông thôn.",
     ["Sở Tài chính"], []),
    ("Giao Sở Y tế kiểm tra an toàn thực phẩm tại các bếp ăn tập thể, phối hợp với Công an tỉnh.",
     ["Sở Y tế"], ["Công an tỉnh"]),
    ("Các sở, ban, ngành theo chức năng nhiệm vụ triển khai kế hoạch chuyển đổi số.",
     ["Các sở, ban, ngành"], []),
    ("Sở Nội vụ chủ trì thẩm định đề án sắp xếp đơn vị sự nghiệp, báo cáo trong tháng 9.",
     ["Sở Nội vụ"], []),
    ("Đài Phát thanh và Truyền hình tỉnh tuyên truyền về phòng chống thiên tai.",
     ["Đài Phát thanh và Truyền hình tỉnh"], []),
]


def _task(text: str, lead: list[str], support: list[str]) -> dict[str, object]:
    return {"text": text, "lead": lead, "support": support,
            "deadline": {"text": None, "kind": "none", "date": None, "recurrence": None}}


def _docs(tasks: list[tuple[str, list[str], list[str]]]) -> list[GoldDocument]:
    return [
        GoldDocument(f"made-{i:02d}", text, {"tasks": [_task(text, lead, support)]}, Path(f"made-{i:02d}.txt"))
        for i, (text, lead, support) in enumerate(tasks)
    ]


def test_mentions_labels_put_b_and_i_on_gold_names() -> None:
    seq = task_sequence(_task(
        "Giao UBND các phường, xã chủ trì, phối hợp với Sở Xây dựng lập quy hoạch chi tiết.",
        ["Uỷ ban nhân dân các phường, xã"], ["Sở Xây dựng", "Bộ Ngoại giao"],
    ))
    assert seq is not None
    by_word = [(t.text, label) for t, label in zip(seq.tokens, seq.labels, strict=True)]
    # the abbreviation matches the written-out gold name (uỷ/ủy folded), the list is one mention
    assert by_word[1:6] == [("UBND", BEGIN), ("các", INSIDE), ("phường", INSIDE), (",", INSIDE), ("xã", INSIDE)]
    assert by_word[12:15] == [("Sở", BEGIN), ("Xây", INSIDE), ("dựng", INSIDE)]
    assert [label for _, label in by_word].count(BEGIN) == 2  # "Bộ Ngoại giao" is not in the text
    assert by_word[0] == ("Giao", OUTSIDE) and by_word[6] == ("chủ", OUTSIDE)


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> MentionTagger:
    out = tmp_path_factory.mktemp("mentions")
    path = train_mention_tagger(_docs(TASKS), out)
    assert path == out / "mentions.crf" and path.stat().st_size > 0
    return MentionTagger.load(out)


def test_mentions_tagger_finds_a_body_in_a_new_sentence(tagger: MentionTagger) -> None:
    text = "Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật của tỉnh."
    found = [(span.text_of(text), p) for span, p in tagger.mentions(text)]
    assert [name for name, _ in found] == ["Sở Tư pháp"]
    assert 0.5 < found[0][1] <= 1.0


def test_mentions_span_probability_prefers_the_right_boundary(tagger: MentionTagger) -> None:
    text = "Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật của tỉnh."
    right = tagger.span_probability(text, 0, len("Sở Tư pháp"))
    too_short = tagger.span_probability(text, 0, len("Sở Tư"))
    too_long = tagger.span_probability(text, 0, len("Sở Tư pháp chủ trì"))
    assert right > 0.5 and right > 5 * too_short and right > 5 * too_long
    assert tagger.span_probability(text, 1, 5) == 0.0  # not on token boundaries


def _write_corpus(folder: Path) -> Path:
    families = ("ha", "hb")
    for i, (text, lead, support) in enumerate(TASKS):
        name = f"{families[i % 2]}-{i:02d}"
        gold = {"tasks": [_task(text, lead, support)]}
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("cv", "folds"), [("2", ["fold-1", "fold-2"]), ("family", ["ha", "hb"])])
def test_mentions_cross_validate_on_a_made_up_corpus(tmp_path: Path, cv: str, folds: list[str]) -> None:
    report = cross_validate_mentions(_write_corpus(tmp_path), cv)
    assert [f.name for f in report.folds] == folds
    pooled = report.pooled
    assert pooled.sequences == len(TASKS)
    assert pooled.tagger.gold == pooled.directory.gold == 10  # every gold name is in its text
    assert 0 < pooled.tagger.true_positives <= pooled.tagger.predicted
    assert 0 < pooled.directory.recall <= 1
    table = format_mention_report(report)
    assert "pooled" in table and f"--cv {cv}" in table


def test_mentions_evaluate_cli_prints_the_report(tmp_path: Path, run_cli) -> None:
    out = run_cli("evaluate", "--gold", str(_write_corpus(tmp_path)), "--mentions", "--cv", "family", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report["folds"]) == {"ha", "hb", "pooled"}
    assert report["folds"]["pooled"]["tagger"]["gold"] == 10


def test_mention_check_records_how_sure_the_tagger_is_of_each_name(tmp_path: Path) -> None:
    """A name written as the tagger would mark it scores high, one that runs into its
    predicate ("Sở Tư pháp chủ trì rà soát") low; the name itself is left as the grammar gave
    it, and a task with no co-operating body has no support evidence."""
    from extraction.types import Body, PipelineState, Roles, Span, TaskDraft
    from models.components import MentionCheck

    train_mention_tagger(_docs(TASKS), tmp_path)
    text = "1. Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật của tỉnh.\n2. Sở Tài chính bố trí kinh phí."
    run_on = Body("Sở Tư pháp chủ trì rà soát", Span(3, 3 + len("Sở Tư pháp chủ trì rà soát"), "lead"), False)
    second = text.index("Sở Tài chính")
    right = Body("Sở Tài chính", Span(second, second + len("Sở Tài chính"), "lead"), True)
    state = PipelineState(
        text=text,
        drafts=[TaskDraft(Span(3, text.index("\n")), "item"), TaskDraft(Span(second, len(text)), "item")],
        roles=[Roles((run_on,), (), "own"), Roles((right,), (), "own")],
    )
    MentionCheck(str(tmp_path)).check_state(state)
    assert state.name_evidence is not None
    doubtful, sure = state.name_evidence
    assert doubtful.lead is not None and sure.lead is not None
    assert sure.lead > 0.5 > doubtful.lead
    assert [b.name for b in state.roles[0].lead] == ["Sở Tư pháp chủ trì rà soát"]
    assert sure.support is None
