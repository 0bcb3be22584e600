"""The document's own metadata is reviewable on screen: the number corrected reaches the feed
record; a document without a printed date says so and asks for it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_review_metadata_number_corrected_reaches_the_feed(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "386.txt", sample_text("386-BC/BTCTW").encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#doc-title")).to_have_text("Kết luận 386-BC/BTCTW")
    page.get_by_role("button", name="Sửa thông tin văn bản").click()
    dialog = page.get_by_role("dialog", name="Thông tin văn bản")
    expect(dialog.get_by_label("Số, ký hiệu")).to_have_value("386-BC/BTCTW")
    expect(dialog.get_by_label("Ngày ban hành")).to_have_value("10/12/2025")
    dialog.get_by_label("Số, ký hiệu").fill("386-KL/TW")
    dialog.get_by_label("Người ký").fill("Trần Cẩm Tú")
    dialog.get_by_role("button", name="Lưu").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#doc-title")).to_have_text("Kết luận 386-KL/TW")

    with server.api("reviewer") as api:
        history = api.get(f"/api/v1/documents/{document_id}/history").json()
        for p in api.get(f"/api/v1/documents/{document_id}").json()["proposals"]:
            api.patch(f"/api/v1/proposals/{p['id']}", json={"status": "accepted", "version": p["version"]}).raise_for_status()
    edit = next(h for h in history if h["action"] == "document.edit")
    assert edit["before"]["number"] == "386-BC/BTCTW" and edit["after"]["signer"] == "Trần Cẩm Tú"

    approver = new_page()
    login(approver, "approver")
    approver.goto(f"/review/documents/{document_id}")
    approver.get_by_role("button", name="Công bố").click()
    approver.locator("#publish-confirm").click()
    expect(approver.locator("#doc-status")).to_have_text("Đã công bố")
    with server.api("approver") as api:
        items = api.get("/api/v1/feed/tasks", params={"limit": 1000}).json()["items"]
    records = [i["record"] for i in items if i["record"]["document"]["id"] == int(document_id)]
    assert records
    assert {(r["document"]["number"], r["document"]["symbol"], r["document"]["signer"]) for r in records} == {
        ("386", "KL/TW", "Trần Cẩm Tú")}


def test_review_metadata_missing_printed_date_is_asked_for(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    text = sample_text("387-KL/TW").replace("Hà Nội, ngày 10 tháng 12 năm 2025", "Hà Nội")
    document_id = upload(page, "387.txt", text.encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    notice = page.locator("#no-date-notice")
    expect(notice).to_contain_text("không ghi ngày ban hành")
    expect(page.locator("#doc-issued")).to_have_text("—")
    notice.get_by_role("button", name="Nhập ngày ban hành").click()
    issued = page.get_by_role("dialog", name="Thông tin văn bản").get_by_label("Ngày ban hành")
    expect(issued).to_be_focused()
    issued.fill("31/02/2025")
    page.get_by_role("dialog").get_by_role("button", name="Lưu").click()
    expect(page.locator("#meta-error")).to_contain_text("Ngày không hợp lệ")
    issued.fill("10/12/2025")
    page.get_by_role("dialog").get_by_role("button", name="Lưu").click()
    expect(notice).to_be_hidden()
    expect(page.locator("#doc-issued")).to_have_text("10/12/2025")
    # The window now counts from the issue date: 3 working days after Wednesday 10/12/2025;
    # on the tests' clock (Friday 12/12/2025) one working day is left.
    expect(page.locator("#doc-due")).to_have_text("15/12/2025")
    expect(page.locator("#doc-days")).to_have_text("còn 1 ngày làm việc")
