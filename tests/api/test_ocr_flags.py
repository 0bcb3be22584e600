"""Words read by OCR with a low confidence reach the review screen as a flag to check."""

from __future__ import annotations

from api.services.documents import task_flags
from extraction.types import Body, Deadline, Span, TaskProposal
from review_ui.messages_vi import FLAGS


def _task(uncertain: tuple[Span, ...]) -> TaskProposal:
    text = "Giao Sở Tài chính chủ trì rà soát"
    return TaskProposal(
        id="t1",
        span=Span(100, 100 + len(text)),
        text=text,
        lead=(Body("Sở Tài chính"),),
        support=(),
        deadline=Deadline.none(),
        confidence=0.92,
        ocr_confidence=0.41 if uncertain else 0.93,
        uncertain_words=uncertain,
    )


def test_ocr_uncertain_words_are_flagged_for_the_reviewer():
    flags = task_flags(_task((Span(105, 107, "0.41"), Span(122, 125, "0.55"))))
    flag = next(f for f in flags if f["name"] == "ocr_uncertain")
    assert flag == {"name": "ocr_uncertain", "ok": False, "words": "Sở, trì"}
    assert "ocr_uncertain" in FLAGS


def test_ocr_sure_words_raise_no_flag():
    assert all(f["name"] != "ocr_uncertain" for f in task_flags(_task(())))
