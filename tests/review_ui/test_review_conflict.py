"""Two reviewers on the same card: the second gets a conflict message and the fresh card."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CONFLICT = "Đề xuất đã được người khác sửa — tải lại"


def test_review_conflict_shows_message_and_reloads_card(server, new_page, login, upload, sample_text):
    first = new_page()
    login(first, "reviewer")
    document_id = upload(first, "ket-luan-903.txt", sample_text("903-KL/TW").encode("utf-8"), "text/plain")
    second = new_page()
    login(second, "reviewer2")
    with server.api("reviewer") as api:
        proposed = len(api.get(f"/api/v1/documents/{document_id}").json()["proposals"])
    for page in (first, second):
        page.goto(f"/review/documents/{document_id}")
        expect(page.locator("#cards .card")).to_have_count(proposed)

    words = "chủ trì rà soát"
    first.locator("#cards .card", has_text=words).get_by_role("button", name="Chấp nhận").click()
    expect(first.locator("#cards .card", has_text=words)).to_have_attribute("data-status", "accepted")

    stale = second.locator("#cards .card", has_text=words)
    expect(stale).to_have_attribute("data-status", "proposed")
    stale.get_by_role("button", name="Sửa").click()
    stale.locator(".deadline-date").fill("2026-05-31")
    stale.get_by_role("button", name="Lưu").click()
    expect(stale.locator(".card-message")).to_have_text(CONFLICT)
    # The card now shows the other reviewer's decision, and the edit was not stored.
    expect(stale).to_have_attribute("data-status", "accepted")
    expect(stale.locator(".deadline-date")).to_have_value("30/06/2026")

    # With the fresh version the second reviewer can decide.
    stale.get_by_role("button", name="Từ chối").click()
    expect(stale).to_have_attribute("data-status", "rejected")
    with server.api("reviewer") as api:
        document = api.get(f"/api/v1/documents/{document_id}").json()
    decided = [p for p in document["proposals"] if words in p["text"]]
    assert [p["status"] for p in decided] == ["rejected"]
    assert decided[0]["deadline"]["date"] == "2026-06-30"
    assert decided[0]["version"] == 3
