"""Review tools on screen: Ctrl+Z undoes the last decision, a comment per task reaches the
approver, the task's history is on the card, a task's span is moved by selecting new text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _open(page, login, upload, sample_text, number):
    login(page, "reviewer")
    document_id = upload(page, f"{number}.txt", sample_text(number).encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#cards .card").first).to_be_visible()
    return document_id


def test_review_tools_ctrl_z_undoes_the_last_decision(server, new_page, login, upload, sample_text):
    page = new_page()
    _open(page, login, upload, sample_text, "981-KL/TW")
    first = page.locator("#cards .card").first
    second = page.locator("#cards .card").nth(1)
    page.keyboard.press("a")  # accept the first, move to the next
    expect(first).to_have_attribute("data-status", "accepted")
    page.keyboard.press("r")
    expect(second).to_have_attribute("data-status", "rejected")
    page.keyboard.press("Control+z")
    expect(second).to_have_attribute("data-status", "proposed")
    expect(page.locator("#flash")).to_contain_text("Đã hoàn tác")
    page.keyboard.press("Control+z")
    expect(first).to_have_attribute("data-status", "proposed")
    expect(page.locator("#progress")).to_contain_text("0/")
    # The history on the card says what happened, and who did it.
    first.locator(".history summary").click()
    expect(first.locator(".history-list li")).to_have_count(2)
    expect(first.locator(".history-list li").first).to_contain_text("reviewer — Chấp nhận")
    expect(first.locator(".history-list li").last).to_contain_text("Hoàn tác")


def test_review_tools_comment_is_shown_to_the_approver(server, new_page, login, upload, sample_text):
    page = new_page()
    document_id = _open(page, login, upload, sample_text, "982-KL/TW")
    task = page.locator("#cards .card", has_text="chủ trì rà soát")
    task.get_by_label("Ghi chú", exact=True).fill("Thời hạn 30/6 có thể quá gấp, đề nghị xem lại.")
    task.get_by_label("Ghi chú", exact=True).press("Enter")
    expect(task.locator(".comment-text")).to_have_text(["Thời hạn 30/6 có thể quá gấp, đề nghị xem lại."])
    approver = new_page()
    login(approver, "approver")
    approver.goto(f"/review/documents/{document_id}")
    seen = approver.locator("#cards .card", has_text="chủ trì rà soát")
    expect(seen.locator(".comment-text")).to_have_text(["Thời hạn 30/6 có thể quá gấp, đề nghị xem lại."])
    expect(seen.locator(".comment-who")).to_contain_text("reviewer")


def test_review_tools_span_is_moved_by_selecting_new_text(server, new_page, login, upload, sample_text):
    page = new_page()
    document_id = _open(page, login, upload, sample_text, "983-KL/TW")
    task_id = page.locator("#cards .card", has_text="xây dựng hệ thống theo dõi").get_attribute("data-id")
    task = page.locator(f'#cards .card[data-id="{task_id}"]')  # its words change below
    task.get_by_role("button", name="Sửa").click()
    words = "Giao Văn phòng Trung ương Đảng chủ trì"
    page.evaluate("""(words) => {
      const box = document.getElementById("source-text");
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      let offset = 0, start = null, end = null;
      const full = box.textContent;
      const at = full.indexOf(words);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (start === null && at < offset + len) start = [node, at - offset];
        if (at + words.length <= offset + len) { end = [node, at + words.length - offset]; break; }
        offset += len;
      }
      const range = document.createRange();
      range.setStart(...start);
      range.setEnd(...end);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new Event("selectionchange"));
    }""", words)
    task.get_by_role("button", name="Lấy đoạn đang bôi đen làm nội dung").click()
    expect(task.locator(".task-text-input")).to_have_value(words)
    task.get_by_role("button", name="Lưu").click()
    expect(task).to_have_attribute("data-status", "edited")
    with server.api("reviewer") as api:
        document = api.get(f"/api/v1/documents/{document_id}").json()
    moved = next(p for p in document["proposals"] if p["id"] == int(task.get_attribute("data-id")))
    assert moved["text"] == words
    assert document["text"][moved["start"]:moved["end"]] == words
    highlighted = page.eval_on_selector_all(f'#source-text .hl[data-proposal="{task_id}"]',
                                            "nodes => nodes.map(n => n.textContent).join('')")
    assert highlighted == words


def test_review_tools_least_sure_first(server, new_page, login, upload, sample_text):
    page = new_page()
    document_id = _open(page, login, upload, sample_text, "984-KL/TW")
    with server.api("reviewer") as api:
        proposals = api.get(f"/api/v1/documents/{document_id}").json()["proposals"]
    by_text = [str(p["id"]) for p in sorted(proposals, key=lambda p: p["start"])]
    least_sure = [str(p["id"]) for p in sorted(proposals, key=lambda p: (p["confidence"], p["start"]))]
    assert by_text != least_sure  # the sample's confidences differ
    ids = page.locator("#cards .card")
    expect(ids).to_have_count(len(proposals))
    assert [c.get_attribute("data-id") for c in ids.all()] == by_text
    page.get_by_role("button", name="Ít chắc chắn trước").click()
    expect(page.locator("#cards .card").first).to_have_attribute("data-id", least_sure[0])
    assert [c.get_attribute("data-id") for c in page.locator("#cards .card").all()] == least_sure
    page.reload()  # the choice is remembered
    expect(page.locator("#cards .card").first).to_have_attribute("data-id", least_sure[0])
    page.get_by_role("button", name="Ít chắc chắn trước").click()
    expect(page.locator("#cards .card").first).to_have_attribute("data-id", by_text[0])
