"""The next step in view: a reviewer done with every proposal is told an approver publishes;
the source pane scrolls to the selected task; an unreadable file says what to upload instead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FILLER = "Đoạn văn bản dài để khung văn bản gốc phải cuộn, không giao nhiệm vụ nào cho ai. " * 40


def test_review_guidance_reviewer_done_is_told_an_approver_publishes(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "961.txt", sample_text("961-KL/TW").encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    cards = page.locator("#cards .card")
    expect(cards.first).to_be_visible()
    expect(page.locator("#next-step")).to_be_hidden()
    for i in range(cards.count()):
        cards.nth(i).get_by_role("button", name="Chấp nhận").click()
        expect(cards.nth(i)).to_have_attribute("data-status", "accepted")
    expect(page.locator("#next-step")).to_contain_text("Người phê duyệt sẽ xem lại và công bố")
    expect(page.get_by_role("button", name="Công bố")).to_be_hidden()


def test_review_guidance_source_pane_follows_the_selected_task(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    text = sample_text("962-KL/TW").replace("5. Ủy ban Kiểm tra", f"{FILLER}\n5. Ủy ban Kiểm tra")
    document_id = upload(page, "962.txt", text.encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    last = page.locator("#cards .card").last
    expect(last).to_be_visible()
    assert page.eval_on_selector("#source-text", "e => e.scrollHeight > e.clientHeight + 200")
    for _ in range(page.locator("#cards .card").count()):
        page.keyboard.press("j")
    expect(last).to_have_class(re.compile(r"\bselected\b"))
    visible = page.evaluate("""() => {
      const box = document.getElementById("source-text").getBoundingClientRect();
      const hl = document.querySelector("#source-text .hl.active").getBoundingClientRect();
      return hl.top >= box.top && hl.top < box.bottom;
    }""")
    assert visible
    assert page.evaluate("() => window.scrollY") == 0  # only the pane scrolled


def test_review_guidance_unreadable_text_suggests_docx(server, new_page, login):
    page = new_page()
    login(page, "reviewer")
    garbage = "Å¾Ã¸ÂµÃ ÃƒÂ¹ Ã¢â‚¬ Ä‘Æ°á»£c Qv zx kq " * 60
    page.locator("#upload-file").set_input_files({"name": "ma-ky-tu.txt", "mimeType": "text/plain",
                                                  "buffer": garbage.encode("utf-8")})
    page.get_by_role("button", name="Tải lên").click()
    status = page.locator("#upload-status")
    expect(status).to_have_attribute("data-kind", "error")
    expect(status).to_contain_text("bản DOCX")
