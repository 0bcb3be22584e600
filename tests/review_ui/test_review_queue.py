"""The queue: duplicates visible, filters with counts, working days left or overdue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_review_queue_same_file_opens_the_existing_document(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    data = sample_text("951-KL/TW").encode("utf-8")
    document_id = upload(page, "951.txt", data, "text/plain")
    page.locator("#upload-file").set_input_files({"name": "951-lan-2.txt", "mimeType": "text/plain", "buffer": data})
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_url(f"**/review/documents/{document_id}?seen=duplicate")
    expect(page.locator("#cards .card").first).to_be_visible()
    # The notice stays: nothing replaces it once the document has loaded.
    page.wait_for_timeout(600)
    expect(page.locator("#same-file-notice")).to_be_visible()
    expect(page.locator("#same-file-notice")).to_contain_text("đã có trong hệ thống")


def test_review_queue_same_number_is_marked_with_a_link(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    first = upload(page, "952.txt", sample_text("952-KL/TW").encode("utf-8"), "text/plain")
    # Another file (one more paragraph) with the same number.
    other = sample_text("952-KL/TW", in_item_2="của các cơ quan").encode("utf-8")
    second = upload(page, "952-khac.txt", other, "text/plain")
    assert second != first
    page.goto("/review/?filter=all")
    row = page.locator(f'#queue-rows tr[data-id="{second}"]')
    mark = row.locator(".duplicate-mark")
    expect(mark).to_have_text("Có thể trùng")
    expect(mark).to_have_attribute("href", f"/review/documents/{first}")
    expect(page.locator(f'#queue-rows tr[data-id="{first}"] .duplicate-mark')).to_have_count(0)
    row.locator("a", has_text="952-KL/TW").click()
    notice = page.locator("#duplicate-notice")
    expect(notice).to_contain_text("Có thể trùng với văn bản đã có cùng số, ký hiệu (952-KL/TW)")
    notice.get_by_role("link", name="Mở văn bản kia").click()
    page.wait_for_url(f"**/review/documents/{first}")


def test_review_queue_filters_counts_and_days(server, new_page, login, upload, sample_text):
    page = new_page()
    login(page, "reviewer")
    document_id = upload(page, "953.txt", sample_text("953-KL/TW").encode("utf-8"), "text/plain")
    with server.api("reviewer") as api:
        api.post(f"/api/v1/documents/{document_id}/open", json={}).raise_for_status()
        for p in api.get(f"/api/v1/documents/{document_id}").json()["proposals"]:
            api.patch(f"/api/v1/proposals/{p['id']}", json={"status": "accepted", "version": p["version"]}).raise_for_status()
        documents = api.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    page.goto("/review/")
    row = page.locator(f'#queue-rows tr[data-id="{document_id}"]')
    # 3 working days after 10/12/2025 is 15/12/2025; on the tests' clock (12/12) one is left.
    expect(row.locator(".days")).to_have_text("còn 1 ngày làm việc")
    expect(row).to_contain_text("Đã duyệt xong, chờ công bố")

    def count(key):
        return page.locator(f'.filter[data-filter="{key}"] .filter-count')

    ready = [d for d in documents if d["status"] in ("extracted", "in_review")
             and d["counts"] and not d["counts"].get("proposed")]
    expect(count("ready")).to_have_text(f"({len(ready)})")
    expect(count("all")).to_have_text(f"({len(documents)})")
    page.get_by_role("button", name="Chờ duyệt", exact=False).first.click()
    expect(row).to_have_count(0)
    page.locator('.filter[data-filter="ready"]').click()
    expect(row).to_be_visible()
    expect(page.locator('.filter[data-filter="ready"]')).to_have_attribute("aria-pressed", "true")
    assert "filter=ready" in page.url
    page.locator('.filter[data-filter="published"]').click()
    expect(row).to_have_count(0)


def test_review_queue_overdue_document_says_by_how_much(server, new_page, login, upload, sample_text):
    from datetime import date

    from extraction.calendar import default_calendar

    page = new_page()
    login(page, "reviewer")
    text = sample_text("954-KL/TW").replace("Hà Nội, ngày 10 tháng 12 năm 2025", "Hà Nội")
    page.locator("#upload-issued").fill("01/12/2025")
    document_id = upload(page, "954.txt", text.encode("utf-8"), "text/plain")
    due = default_calendar().add_working_days(date(2025, 12, 1), 3)
    late = -default_calendar().working_days_between(date(2025, 12, 12), due)
    assert late > 0
    page.goto("/review/?filter=overdue")
    row = page.locator(f'#queue-rows tr[data-id="{document_id}"]')
    expect(row.locator(".days")).to_have_text(f"quá hạn {late} ngày làm việc")
    expect(row.locator(".badge-overdue")).to_have_text("Quá hạn")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#doc-days")).to_have_text(f"quá hạn {late} ngày làm việc")
    expect(page.locator("#no-date-notice")).to_be_hidden()  # the date was given at upload
