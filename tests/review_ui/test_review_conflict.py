"""Two reviewers on the same card: the second keeps what they typed, sees the other version
beside it, merges, and saves both changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MERGE = "Đề xuất vừa được người khác cập nhật"


def test_review_conflict_loser_merges_without_losing_text(server, new_page, login, upload, sample_text):
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
    # The second reviewer starts typing first ...
    mine = second.locator("#cards .card", has_text=words)
    mine.get_by_role("button", name="Sửa").click()
    mine.locator(".deadline-date").fill("31/05/2026")
    # ... while the first one saves another change of the same card.
    theirs = first.locator("#cards .card", has_text=words)
    theirs.get_by_role("button", name="Sửa").click()
    theirs.get_by_label("Sản phẩm").fill("Báo cáo rà soát chức năng")
    theirs.get_by_role("button", name="Lưu").click()
    expect(theirs).to_have_attribute("data-status", "edited")

    mine.get_by_role("button", name="Lưu").click()
    expect(mine.locator(".card-message")).to_contain_text(MERGE)
    # Nothing typed is lost: the date is still in the form, the other version is beside it.
    expect(mine.locator(".deadline-date")).to_have_value("31/05/2026")
    product_row = mine.locator('.merge-row[data-field="product"]')
    expect(product_row.locator(".merge-theirs")).to_contain_text("Báo cáo rà soát chức năng")
    expect(mine.locator('.merge-row[data-field="deadline"] .merge-mine')).to_contain_text("31/05/2026")
    product_row.get_by_role("button", name="Lấy bản của người kia").click()
    expect(mine.get_by_label("Sản phẩm")).to_have_value("Báo cáo rà soát chức năng")
    mine.get_by_role("button", name="Lưu").click()
    expect(mine).to_have_attribute("data-status", "edited")
    expect(mine.locator(".merge")).to_have_count(0)

    with server.api("reviewer") as api:
        document = api.get(f"/api/v1/documents/{document_id}").json()
    merged = next(p for p in document["proposals"] if words in p["text"])
    assert merged["deadline"]["date"] == "2026-05-31"
    assert merged["product"] == "Báo cáo rà soát chức năng"
    assert merged["version"] == 3

    # The first reviewer sees the merged card arrive on its own, within 5 seconds.
    expect(theirs.locator(".deadline-date")).to_have_value("31/05/2026", timeout=5_000)
