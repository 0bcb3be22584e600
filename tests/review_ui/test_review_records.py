"""Records that cannot contradict themselves: the deadline's kind and date checked by the
server (its Vietnamese sentence on the card), flags computed again after every edit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from api.db.session import Database
from api.db.tables import ProposalRow

pytestmark = pytest.mark.browser

INCONSISTENT = "Thời hạn không nhất quán"
NO_DEADLINE_ITEM = "Bộ Tư pháp nghiên cứu, đề xuất sửa đổi quy chế phối hợp kiểm tra văn bản."


def _open(page, login, upload, sample_text, number, **extra):
    login(page, "reviewer")
    document_id = upload(page, f"{number}.txt", sample_text(number, **extra).encode("utf-8"), "text/plain")
    page.goto(f"/review/documents/{document_id}")
    expect(page.locator("#cards .card").first).to_be_visible()
    return document_id


def test_review_records_contradictory_deadline_cannot_be_saved(server, new_page, login, upload, sample_text):
    page = new_page()
    document_id = _open(page, login, upload, sample_text, "911-KL/TW")
    building = page.locator("#cards .card", has_text="xây dựng hệ thống theo dõi")
    building.get_by_role("button", name="Sửa").click()
    expect(building.locator(".deadline-kind")).to_have_value("date")
    building.locator(".deadline-date").fill("")
    building.get_by_role("button", name="Lưu").click()
    # The server refuses it; its sentence is on the card and what was typed stays in the form.
    expect(building.locator(".card-message")).to_contain_text(INCONSISTENT)
    expect(building).to_have_attribute("data-status", "proposed")
    expect(building.locator(".deadline-kind")).to_be_visible()
    building.locator(".deadline-kind").select_option("period")
    building.get_by_role("button", name="Lưu").click()
    expect(building.locator(".card-message")).to_contain_text(INCONSISTENT)
    with server.api("reviewer") as api:
        stored = next(p for p in api.get(f"/api/v1/documents/{document_id}").json()["proposals"]
                      if "xây dựng hệ thống theo dõi" in p["text"])
    assert stored["status"] == "proposed" and stored["deadline"]["date"] == "2026-06-25"

    # A date typed dd/mm/yyyy is taken; the kind chosen stays.
    building.locator(".deadline-date").fill("31/07/2026")
    building.get_by_role("button", name="Lưu").click()
    expect(building).to_have_attribute("data-status", "edited")
    expect(building.locator(".deadline-date")).to_have_value("31/07/2026")
    expect(building.locator(".deadline-kind")).to_have_value("period")


def test_review_records_card_type_follows_the_date_and_flag_turns_ok(server, new_page, login, upload, sample_text):
    page = new_page()
    _open(page, login, upload, sample_text, "912-KL/TW", before_item_5=NO_DEADLINE_ITEM)
    task = page.locator("#cards .card", has_text="sửa đổi quy chế phối hợp")
    expect(task.locator('.flag-bad[data-flag="when"]')).to_have_count(1)
    task.get_by_role("button", name="Sửa").click()
    expect(task.locator(".deadline-kind")).to_have_value("none")
    task.locator(".deadline-date").fill("30/09/2026")
    task.locator(".deadline-date").press("Tab")
    expect(task.locator(".deadline-kind")).to_have_value("date")
    task.get_by_role("button", name="Lưu").click()
    expect(task).to_have_attribute("data-status", "edited")
    # Right after the save, without a reload: the "when" check passes.
    expect(task.locator('.flag-bad[data-flag="when"]')).to_have_count(0)
    expect(task.locator(".flag-ok")).to_have_attribute("data-passing", re.compile(r"\bwhen\b"))

    # The product check too, on another card.
    supervision = page.locator("#cards .card", has_text="có trách nhiệm kiểm tra, giám sát")
    expect(supervision.locator('.flag-bad[data-flag="product"]')).to_have_count(1)
    supervision.get_by_role("button", name="Sửa").click()
    supervision.get_by_label("Sản phẩm").fill("Báo cáo kết quả kiểm tra, giám sát")
    supervision.get_by_role("button", name="Lưu").click()
    expect(supervision).to_have_attribute("data-status", "edited")
    expect(supervision.locator('.flag-bad[data-flag="product"]')).to_have_count(0)


def test_review_records_stored_contradiction_cannot_be_published(server, new_page, login, upload, sample_text):
    page = new_page()
    document_id = _open(page, login, upload, sample_text, "913-KL/TW")
    with server.api("reviewer") as api:
        proposals = api.get(f"/api/v1/documents/{document_id}").json()["proposals"]
        for p in proposals[1:]:
            api.patch(f"/api/v1/proposals/{p['id']}", json={"status": "rejected", "version": p["version"]}).raise_for_status()
    # A record written before the check existed (or by hand): kind "none" with a date.
    db = Database(server.settings.url)
    with db.session() as session:
        row = session.get(ProposalRow, proposals[0]["id"])
        row.deadline = {"text": None, "kind": "period", "date": None, "recurrence": None}
        row.status = "accepted"
    db.dispose()
    approver = new_page()
    login(approver, "approver")
    approver.goto(f"/review/documents/{document_id}")
    approver.get_by_role("button", name="Công bố").click()
    approver.locator("#publish-confirm").click()
    expect(approver.locator("#flash")).to_contain_text(INCONSISTENT)
    expect(approver.locator("#doc-status")).to_have_text("Đang duyệt")
