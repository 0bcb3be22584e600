"""Nothing typed is lost: sessions slide while the user works and warn before they end; an
unsaved edit survives a re-login; other reviewers' decisions arrive within 5 seconds.

The session tests run their own server whose sessions last SESSION_SECONDS, so that "past the
maximum age" takes seconds, not hours.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SESSION_SECONDS = 8


@pytest.fixture(scope="module")
def short_server(tmp_path_factory, start_server):
    with start_server(tmp_path_factory.mktemp("short-sessions"), session_max_age=SESSION_SECONDS) as started:
        yield started


@pytest.fixture
def short_page(browser, short_server):
    context = browser.new_context(base_url=short_server.url, locale="vi-VN", viewport={"width": 1366, "height": 768})
    context.set_default_timeout(15_000)
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _document(server, number, sample_text):
    with server.api("reviewer") as api:
        answer = api.post("/api/v1/documents", files={"file": (f"{number}.txt", sample_text(number).encode())})
        document_id = answer.json()["id"]
        deadline = time.monotonic() + 60
        while api.get(f"/api/v1/documents/{document_id}").json()["status"] == "received":
            assert time.monotonic() < deadline
            time.sleep(0.2)
    return document_id


def _log_in(page, password, username="reviewer"):
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_review_session_active_user_stays_logged_in_past_the_maximum_age(short_server, short_page, sample_text,
                                                                          password):
    page = short_page
    document_id = _document(short_server, "971-KL/TW", sample_text)
    page.goto("/review/login")
    _log_in(page, password)
    page.wait_for_url("**/review/")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#cards .card").first).to_be_visible()
    started = time.monotonic()
    while time.monotonic() - started < 2 * SESSION_SECONDS:  # working: moving between cards
        page.keyboard.press("j" if int(time.monotonic()) % 2 else "k")
        page.wait_for_timeout(700)
    page.reload()
    expect(page.locator("#cards .card").first).to_be_visible()
    assert re.search(rf"/review/documents/{document_id}$", page.url)
    expect(page.locator("#user-name")).to_have_text("reviewer")

    # Idle: a warning comes before the end, and one click keeps the session.
    warning = page.locator("#session-warning")
    expect(warning).to_contain_text("sẽ hết hạn sau", timeout=SESSION_SECONDS * 1000)
    warning.get_by_role("button", name="Tiếp tục làm việc").click()
    expect(warning).to_be_hidden()
    page.wait_for_timeout(3000)  # past the end the session had before the click
    page.reload()
    expect(page.locator("#user-name")).to_have_text("reviewer")


def test_review_session_unsaved_edit_survives_a_relogin(short_server, short_page, sample_text, password):
    page = short_page
    document_id = _document(short_server, "972-KL/TW", sample_text)
    page.goto(f"/review/documents/{document_id}")
    page.wait_for_url(re.compile(r"/review/login\?"))
    _log_in(page, password)
    page.wait_for_url(f"**/review/documents/{document_id}")
    task = page.locator("#cards .card", has_text="chủ trì rà soát")
    task.get_by_role("button", name="Sửa").click()
    task.get_by_label("Sản phẩm").fill("Danh sách chức năng trùng lặp")
    task.locator(".deadline-date").fill("15/07/2026")
    # The officer is called away; the session ends.
    expect(page.locator("#session-warning")).to_contain_text("đã hết hạn", timeout=3 * SESSION_SECONDS * 1000)
    task.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/review/login\?.*reason=expired"))
    expect(page.locator("#flash")).to_contain_text("Phiên làm việc đã hết hạn")
    _log_in(page, password)
    page.wait_for_url(f"**/review/documents/{document_id}")
    notice = page.locator("#drafts-notice")
    expect(notice).to_contain_text("Còn 1 bản sửa chưa lưu")
    notice.get_by_role("button", name="Khôi phục").click()
    task = page.locator("#cards .card", has_text="chủ trì rà soát")
    expect(task.get_by_label("Sản phẩm")).to_have_value("Danh sách chức năng trùng lặp")
    expect(task.locator(".deadline-date")).to_have_value("15/07/2026")
    task.get_by_role("button", name="Lưu").click()
    expect(task).to_have_attribute("data-status", "edited")
    with short_server.api("reviewer") as api:
        stored = api.get(f"/api/v1/proposals/{task.get_attribute('data-id')}").json()
    assert stored["product"] == "Danh sách chức năng trùng lặp" and stored["deadline"]["date"] == "2026-07-15"
    page.reload()
    expect(page.locator("#cards .card").first).to_be_visible()
    expect(page.locator("#drafts-notice")).to_be_hidden()  # saved drafts are gone


def test_review_session_other_decisions_arrive_within_five_seconds(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "973.txt", sample_text("973-KL/TW").encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    cards = page.locator("#cards .card")
    expect(cards.first).to_be_visible()
    with server.api("reviewer2") as api:
        proposals = api.get(f"/api/v1/documents/{document_id}").json()["proposals"]
        for p in proposals:
            api.patch(f"/api/v1/proposals/{p['id']}", json={"status": "rejected", "version": p["version"]}).raise_for_status()
    decided = time.monotonic()
    expect(page.locator('#cards .card[data-status="rejected"]')).to_have_count(len(proposals), timeout=5_000)
    assert time.monotonic() - decided <= 5
    expect(page.locator("#progress")).to_have_text(f"{len(proposals)}/{len(proposals)} đã quyết định")


SELECT_WORDS = """(words) => {
  const walker = document.createTreeWalker(document.getElementById("source-text"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    return true;
  }
  return false;
}"""


def test_review_session_task_being_added_survives_a_reload(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "974.txt", sample_text("974-KL/TW").encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#cards .card").first).to_be_visible()
    words = "vẫn còn một số nhiệm vụ chậm tiến độ"
    assert page.evaluate(SELECT_WORDS, words)
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    new_card = page.locator("#new-card-slot .card")
    new_card.get_by_label("Sản phẩm").fill("Danh sách nhiệm vụ chậm tiến độ")
    new_card.get_by_role("combobox", name="Chủ trì").fill("Văn phòng Trung ương Đảng")
    page.reload()  # the tab is closed, the browser crashes, the session ends ...
    notice = page.locator("#drafts-notice")
    expect(notice).to_contain_text("Còn 1 bản sửa chưa lưu")
    notice.get_by_role("button", name="Khôi phục").click()
    new_card = page.locator("#new-card-slot .card")
    expect(new_card.locator(".task-text")).to_have_text(words)
    expect(new_card.get_by_label("Sản phẩm")).to_have_value("Danh sách nhiệm vụ chậm tiến độ")
    new_card.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(page.locator("#cards .card", has_text=words)).to_have_attribute("data-status", "added")
    with server.api("reviewer") as api:
        added = next(p for p in api.get(f"/api/v1/documents/{document_id}").json()["proposals"]
                     if p["status"] == "added")
    assert added["text"] == words and added["lead"] == ["Văn phòng Trung ương Đảng"]
    assert added["product"] == "Danh sách nhiệm vụ chậm tiến độ"
