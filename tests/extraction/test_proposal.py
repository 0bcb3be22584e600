"""The JSON contract of a proposal, with each task's regulation clocks and status."""

from datetime import date, datetime
from pathlib import Path

import pytest

from extraction.pipeline import extract
from extraction.proposal import to_json

SAMPLE = (
    Path(__file__).resolve().parents[2] / "corpus" / "samples" / "ket-luan-mau.txt"
).read_bytes()


@pytest.fixture(scope="module")
def proposal():
    return extract(SAMPLE, filename="ket-luan-mau.txt")


def _task(out, words):
    return next(t for t in out["tasks"] if words in t["text"])


def test_proposal_document_classification_clock_skips_the_weekend(proposal):
    out = to_json(proposal)
    # issued Wednesday 10/12/2025 + 3 working days, skipping Saturday and Sunday 13–14/12
    assert out["document"]["clocks"]["classification"] == "2025-12-15"


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (datetime(2026, 3, 2, 9, 0), "on_track"),
        (datetime(2026, 6, 22, 9, 0), "due_soon"),
        (datetime(2026, 6, 25, 9, 0), "nearly_overdue"),
        (datetime(2026, 6, 26, 9, 0), "overdue"),
    ],
)
def test_proposal_task_status_at_now(proposal, now, status):
    task = _task(to_json(proposal, now=now), "hệ thống theo dõi")
    assert task["deadline"]["date"] == "2026-06-25"
    assert task["status"] == status


def test_proposal_standing_duty_has_no_deadline_status(proposal):
    task = _task(to_json(proposal, now=datetime(2026, 1, 5, 9)), "kiểm tra, giám sát")
    assert task["deadline"]["kind"] == "none"
    assert task["status"] == "no_deadline"
    assert task["clocks"]["checkpoints"], "a task without deadline still reports periodically"


def test_proposal_without_issue_date_has_no_clocks():
    text = "Giao Bộ Tài chính chủ trì rà soát các quy định về phí, báo cáo Thủ tướng Chính phủ trước ngày 25/6/2026.\n".encode()
    out = to_json(extract(text, filename="x.txt"), now=datetime(2026, 1, 1))
    assert out["document"]["issued"] is None
    assert "clocks" not in out["document"]
    assert "clocks" not in out["tasks"][0]


def test_proposal_source_offsets_slice_the_task_text(proposal):
    text = SAMPLE.decode()
    for task in to_json(proposal)["tasks"]:
        assert text[task["source"]["start"] : task["source"]["end"]] == task["text"]
        assert task["provenance"]["text"] == "giaoviec_segment_v1"


def test_proposal_issued_argument_moves_the_clocks():
    out = to_json(extract(SAMPLE, filename="x.txt", issued=date(2026, 2, 12)))
    assert out["document"]["clocks"]["classification"] == "2026-02-24"  # Tết 2026 skipped


@pytest.mark.parametrize(
    ("phrase", "date_value"),
    [("trước ngày 31/2/2026", None), ("trước ngày 25/6/26", "2026-06-25"), ("trước ngày 01/3/2020", "2020-03-01")],
)
def test_proposal_doubtful_deadline_keeps_its_words_and_says_why(phrase, date_value):
    text = (
        "BỘ TÀI CHÍNH\nSố: 12/TB-BTC\nHà Nội, ngày 10 tháng 12 năm 2025\nTHÔNG BÁO\n"
        f"1. Giao Cục Quản lý nợ chủ trì rà soát các khoản vay, báo cáo Bộ trưởng {phrase}.\n"
    ).encode()
    out = to_json(extract(text, filename="x.txt"))
    deadline = out["tasks"][0]["deadline"]
    assert phrase.split("ngày ")[1] in deadline["text"]
    assert deadline["date"] == date_value
    assert deadline["warnings"], "an impossible, two-digit or past date is explained"
    assert out["tasks"][0]["confidence"] < 0.92
