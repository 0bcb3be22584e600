"""The review screen's common path, end to end in headless Chromium against the real service.

A reviewer uploads a PDF, corrects a lead with the directory autocomplete, fixes a deadline,
rejects a proposal, adds the task the extractor missed from a text selection and accepts the
rest (by keyboard and with accept-all); an approver then publishes. The API confirms the result.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extraction"))
from files_factory import blocks_from_text, pdf_bytes  # noqa: E402

pytestmark = pytest.mark.browser

# Not an assignment by its wording, so the extractor proposes no task for it.
MISSED = "Việc sơ kết 6 tháng thực hiện Kết luận này do Văn phòng Trung ương Đảng tiến hành vào tháng 7/2026."


def card(page: Page, words: str):
    return page.locator("#cards .card", has_text=words)


def proposal_with(document: dict[str, Any], words: str) -> dict[str, Any]:
    matches = [p for p in document["proposals"] if words in (p["text"] or "")]
    assert len(matches) == 1, f"{len(matches)} proposals contain {words!r}"
    return matches[0]


def select_source_text(page: Page, words: str) -> None:
    """Select ``words`` in the source pane, as a mouse drag would."""
    found = page.evaluate(
        """(words) => {
            const walker = document.createTreeWalker(document.getElementById("source-text"), NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return true;
            }
            return false;
        }""",
        words,
    )
    assert found, f"{words!r} is not in one piece of the source pane"


def test_review_end_to_end(server, new_page, login, upload, sample_text, screenshot):
    text = sample_text("901-KL/TW", before_item_5=MISSED)
    page = new_page()
    login(page, "reviewer")

    # Upload a PDF and wait for the extraction.
    document_id = upload(page, "ket-luan-901.pdf", pdf_bytes(blocks_from_text(text)), "application/pdf")
    expect(page.locator("#upload-status")).to_contain_text("đề xuất nhiệm vụ")
    row = page.locator("#queue-rows tr", has_text="901-KL/TW")
    expect(row).to_contain_text("Kết luận")
    expect(row).to_contain_text("15/12/2025")  # 3 working days after Wednesday 10/12/2025
    expect(row).to_contain_text("Sắp đến hạn")
    with server.api("reviewer") as api:
        proposed = len(api.get(f"/api/v1/documents/{document_id}").json()["proposals"])
    assert proposed >= 4
    expect(row).to_contain_text(f"0/{proposed} đã quyết định")
    screenshot(page, "queue")

    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#doc-title")).to_have_text("Kết luận 901-KL/TW")
    expect(page.locator("#cards .card")).to_have_count(proposed)
    expect(page.locator("#doc-status")).to_have_text("Đang duyệt")
    # Each proposal's words are highlighted in the source text.
    expect(page.locator("#source-text .hl-task", has_text="xây dựng hệ thống theo dõi")).to_have_count(1)
    # The extractor's own spans mark the lead and the deadline words inside the task.
    expect(page.locator("#source-text .hl-lead", has_text="Văn phòng Trung ương Đảng").first).to_be_visible()
    expect(page.locator("#source-text .hl-deadline", has_text="trước ngày 25/6/2026")).to_have_count(1)
    # The office's accept-all confidence is on the button; the quality checks are in Vietnamese.
    expect(page.locator("#accept-all")).to_contain_text("≥ 90%")
    expect(page.locator("#cards .card .flags").first).to_contain_text("Đạt")
    # Readable Vietnamese typography.
    font_size = page.eval_on_selector("#source-text", "e => parseFloat(getComputedStyle(e).fontSize)")
    line_height = page.eval_on_selector("#source-text", "e => parseFloat(getComputedStyle(e).lineHeight)")
    assert font_size >= 15 and line_height / font_size >= 1.5

    # Keyboard: ? opens the help, j/k move between cards.
    page.locator("body").press("?")
    expect(page.get_by_role("dialog", name="Phím tắt")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Phím tắt")).to_be_hidden()
    first = page.locator("#cards .card").first
    expect(first).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("j")
    expect(page.locator("#cards .card").nth(1)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("k")
    expect(first).to_have_class(re.compile(r"\bselected\b"))

    # Correct a lead with the autocomplete (typed without diacritics).
    updates = card(page, "Cập nhật đầy đủ nhiệm vụ")
    updates.get_by_role("button", name="Sửa").click()
    updates.get_by_role("button", name="Bỏ các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương").click()
    lead_input = updates.get_by_role("combobox", name="Chủ trì")
    lead_input.press_sequentially("ban to chuc trung", delay=20)
    option = updates.get_by_role("option", name="Ban Tổ chức Trung ương", exact=True)
    expect(option).to_be_visible()
    screenshot(page, "document-autocomplete")
    option.click()
    expect(updates.locator('[data-role="lead"] .chip-name')).to_have_text(["Ban Tổ chức Trung ương"])
    updates.get_by_label("Sản phẩm").fill("Báo cáo kết quả cập nhật")
    updates.get_by_role("button", name="Lưu").click()
    expect(updates).to_have_attribute("data-status", "edited")
    expect(updates.locator(".status-badge")).to_have_text("Đã sửa")

    # Fix a deadline with the keyboard path: select the card, e, change the date, Ctrl+Enter.
    building = card(page, "xây dựng hệ thống theo dõi")
    building.click(position={"x": 5, "y": 5})
    page.keyboard.press("e")
    expect(building.locator(".deadline-words")).to_have_text("trước ngày 25/6/2026")
    building.locator(".deadline-date").fill("2026-06-30")
    building.locator(".deadline-date").press("Control+Enter")
    expect(building).to_have_attribute("data-status", "edited")
    expect(building.locator(".deadline-date")).to_have_value("30/06/2026")

    # Reject one.
    supervision = card(page, "có trách nhiệm kiểm tra, giám sát")
    supervision.get_by_role("button", name="Từ chối").click()
    expect(supervision).to_have_attribute("data-status", "rejected")

    # Add the missed task from a selection in the source text.
    select_source_text(page, MISSED)
    add = page.get_by_role("button", name="Thêm nhiệm vụ")
    expect(add).to_be_enabled()
    add.click()
    new_card = page.locator("#new-card-slot .card")
    expect(new_card.locator(".task-text")).to_have_text(MISSED)
    new_lead = new_card.get_by_role("combobox", name="Chủ trì")
    new_lead.press_sequentially("van phong trung uong dang", delay=20)
    new_card.get_by_role("option", name="Văn phòng Trung ương Đảng", exact=True).click()
    new_card.locator(".deadline-kind").select_option("period")
    new_card.locator(".deadline-date").fill("2026-07-31")
    new_card.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(page.locator("#new-card-slot .card")).to_have_count(0)
    added = card(page, "Việc sơ kết 6 tháng")
    expect(added).to_have_attribute("data-status", "added")
    expect(page.locator("#cards .card")).to_have_count(proposed + 1)
    expect(page.locator("#source-text .hl-task", has_text="Việc sơ kết 6 tháng")).to_have_count(1)

    # Accept the rest: one with the keyboard, those above the office's confidence with
    # accept-all, and any left below it with the keyboard again.
    review = card(page, "chủ trì rà soát")
    review.click(position={"x": 5, "y": 5})
    page.keyboard.press("a")
    expect(review).to_have_attribute("data-status", "accepted")
    accept_all = page.get_by_role("button", name=re.compile("Chấp nhận tất cả"))
    if accept_all.is_enabled():
        accept_all.click()
        expect(page.locator("#flash")).to_contain_text("Đã chấp nhận")
    undecided = page.locator('#cards .card[data-status="proposed"]')
    while undecided.count():
        undecided.first.click(position={"x": 5, "y": 5})
        page.keyboard.press("a")
        page.wait_for_function("n => document.querySelectorAll('#cards .card[data-status=\"proposed\"]').length < n",
                               arg=undecided.count())
    expect(page.locator("#progress")).to_have_text(f"{proposed + 1}/{proposed + 1} đã quyết định")
    # A reviewer cannot publish: the button is not there.
    expect(page.get_by_role("button", name="Công bố")).to_be_hidden()
    card(page, "xây dựng hệ thống theo dõi").click(position={"x": 5, "y": 5})
    screenshot(page, "document")

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/review/login"))

    # The approver publishes.
    login(page, "approver")
    page.goto(f"/review/documents/{document_id}")
    publish = page.get_by_role("button", name="Công bố")
    expect(publish).to_be_enabled()
    publish.click()
    page.locator("#publish-confirm").click()
    expect(page.locator("#doc-status")).to_have_text("Đã công bố")
    expect(publish).to_be_hidden()
    expect(page.locator("#cards .card button[data-action='accept']:visible")).to_have_count(0)
    screenshot(page, "document-published")

    with server.api("approver") as api:
        document = api.get(f"/api/v1/documents/{document_id}").json()
    assert document["status"] == "published"
    statuses = sorted(p["status"] for p in document["proposals"])
    assert statuses == sorted(["added", "edited", "edited", "rejected"] + ["accepted"] * (proposed - 3))
    corrected = proposal_with(document, "Cập nhật đầy đủ nhiệm vụ")
    assert corrected["status"] == "edited"
    assert corrected["lead"] == ["Ban Tổ chức Trung ương"]
    fixed = proposal_with(document, "xây dựng hệ thống theo dõi")
    assert fixed["deadline"]["date"] == "2026-06-30"
    assert fixed["deadline"]["text"] == "trước ngày 25/6/2026"
    assert fixed["lead"] == ["Văn phòng Trung ương Đảng"]
    assert proposal_with(document, "có trách nhiệm kiểm tra, giám sát")["status"] == "rejected"
    assert proposal_with(document, "chủ trì rà soát")["status"] == "accepted"
    assert corrected["product"] == "Báo cáo kết quả cập nhật"
    new = proposal_with(document, "Việc sơ kết 6 tháng")
    assert new["text"] == MISSED
    assert document["text"][new["start"] : new["end"]] == MISSED
    assert new["lead"] == ["Văn phòng Trung ương Đảng"]
    assert new["deadline"]["kind"] == "period" and new["deadline"]["date"] == "2026-07-31"

    # The published tasks are what the feed gives a tracker: the decided ones, as decided.
    with server.api("approver") as api:
        page_ = api.get("/api/v1/feed/tasks", params={"limit": 1000}).json()
    items = [i for i in page_["items"] if i["record"]["document"]["id"] == int(document_id)]
    published = [p for p in document["proposals"] if p["status"] in ("accepted", "edited", "added")]
    assert sorted(i["task_id"] for i in items) == sorted(p["id"] for p in published)
    by_task = {i["task_id"]: i["record"] for i in items}
    for proposal in published:
        record = by_task[proposal["id"]]
        assert record["task"]["content"] == proposal["text"]
        assert record["lead"] == proposal["lead"] and record["support"] == proposal["support"]
        assert record["deadline"]["date"] == proposal["deadline"]["date"]
        assert record["status"] == "not_started" and record["revision"] == 1
    assert by_task[corrected["id"]]["task"]["product"] == "Báo cáo kết quả cập nhật"
    assert by_task[fixed["id"]]["deadline"] == {"date": "2026-06-30", "text": "trước ngày 25/6/2026",
                                                "kind": "date", "recurrence": None}
    assert by_task[new["id"]]["deadline"]["kind"] == "period"
